"""Exports are written fast and the same: forked or in one process."""
import os
import pickle

import pytest

from qbank.export import render
from qbank.export.items import lms_questions


def test_questions_come_back_from_a_worker_whole(drawn):
    # fork_map quietly redoes the work in this process when a result does not pickle: they all must
    spec, versions = drawn
    questions = lms_questions(spec, versions)
    assert pickle.loads(pickle.dumps(questions)) == questions


@pytest.mark.parametrize("fmt", ["moodle", "qti", "gift"])
def test_two_workers_and_one_process_write_the_same_bytes(drawn, monkeypatch, fmt):
    spec, versions = drawn  # 3 versions of 7 questions: 21 jobs, enough for fork_map to use 2 workers
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    forked = render(spec, versions, fmt)
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    assert render(spec, versions, fmt) == forked
