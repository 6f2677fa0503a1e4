"""The terminal drill driven as a student would, through a pseudo-terminal (pexpect).

Each question's header names its template and seed, so the test recomputes the
key with the engine (as `qbank show ID --seed N --solution` would) and types it.
"""
import json
import re
import sys
from pathlib import Path

import pytest

from qbank.engine.generate import generate
from qbank.engine.template import get

pexpect = pytest.importorskip("pexpect")
DRILL_DIR = Path(__file__).resolve().parent / "fixtures" / "templates"
HEADER = re.compile(r"=== Question \d+: .*?\[([\w/-]+), (\w+), [\d.]+ pt, seed (\d+)\]")


def spawn(tmp_path, *args):
    argv = ["-m", "qbank", "practice", "--templates", str(DRILL_DIR), "--progress", str(tmp_path / "p.json"), *args]
    return pexpect.spawn(sys.executable, argv, encoding="utf-8", timeout=60, dimensions=(50, 200))


def next_question(child):
    """Wait for the next question; returns the engine instance it shows."""
    child.expect(HEADER)
    template_id, _, seed = child.match.groups()
    return generate(get(template_id), int(seed))


def progress(tmp_path):
    return json.loads((tmp_path / "p.json").read_text())


def test_right_wrong_and_a_malformed_answer_asked_again(tmp_path, drill_templates):
    child = spawn(tmp_path, "--topic", "alpha", "--count", "2", "--seed", "3")
    inst = next_question(child)
    child.expect_exact("> ")
    child.sendline(inst.parts[0].spec.text(inst.parts[0].value))
    child.expect_exact("✓ right")
    child.expect_exact("Worked solution:")
    child.expect_exact("Score 1/1, streak 1.")
    inst = next_question(child)
    child.expect_exact("> ")
    child.sendline("seven")
    child.expect_exact("Cannot read 'seven': not a number; expected a whole number such as 1609 "
                       "(no thousands separator). Try again.")
    child.expect_exact("> ")
    child.sendline(str(inst.parts[0].value + 1))  # one more than the key: wrong
    child.expect_exact("✗ not right")
    child.expect_exact(f"✗ (a) {inst.parts[0].label}: {inst.parts[0].value}")
    child.expect_exact("Score 1/2, streak 0.")
    child.expect_exact("1 of 2 questions fully right, best streak 1")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    saved = progress(tmp_path)
    assert (saved["answered"], saved["correct"], saved["best_streak"]) == (2, 1, 1)
    assert sum(e["wrong"] for e in saved["templates"].values()) == 1


def test_matrix_rows_and_self_assessed_text(tmp_path, drill_templates):
    child = spawn(tmp_path, "--topic", "beta", "--count", "1", "--seed", "5")
    inst = next_question(child)
    matrix = inst.answers["mt"]
    child.expect_exact("> ")
    for row in matrix:  # one row per line, then an empty line
        child.sendline(" ".join(str(int(v)) for v in row))
        child.expect_exact(". ")
    child.sendline("")
    child.expect_exact("✓ right")
    child.expect_exact("> ")
    child.sendline("because it swaps twice")
    child.expect_exact("Transposing twice swaps i and j back.")  # the model answer, math as text
    child.expect_exact("[y/n]")
    child.sendline("maybe")
    child.expect_exact("Please type y or n.")
    child.sendline("y")
    child.expect_exact("All parts right.")
    child.expect_exact("Score 1/1, streak 1.")
    child.expect(pexpect.EOF)
    assert progress(tmp_path)["correct"] == 1


@pytest.mark.parametrize("stop", ["ctrl-c", "eof"])
def test_stopping_mid_question_saves_progress_and_summarizes(tmp_path, drill_templates, stop):
    child = spawn(tmp_path, "--topic", "alpha", "--seed", "11")
    inst = next_question(child)
    child.expect_exact("> ")
    child.sendline(inst.parts[0].spec.text(inst.parts[0].value))
    child.expect_exact("Score 1/1, streak 1.")
    next_question(child)
    child.expect_exact("> ")
    child.sendintr() if stop == "ctrl-c" else child.sendeof()
    child.expect_exact("Stopping.")
    child.expect_exact("Session: 1 of 1 questions fully right")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0 and "Traceback" not in child.before
    assert progress(tmp_path)["answered"] == 1  # the interrupted question is not counted


def test_progress_is_reloaded_and_weak_topics_come_first(tmp_path, drill_templates):
    # As after many earlier sessions: every alpha question wrong, every beta question right.
    earlier = {"drill/sum": ("alpha", 15, 15), "drill/difference": ("alpha", 15, 15),
               "drill/transpose": ("beta", 30, 0)}
    templates = {tid: {"topic": topic, "attempts": n, "wrong": wrong} for tid, (topic, n, wrong) in earlier.items()}
    (tmp_path / "p.json").write_text(json.dumps({"version": 1, "answered": 60, "correct": 30, "best_streak": 4,
                                                 "templates": templates}))
    child = spawn(tmp_path, "--topic", "alpha", "--topic", "beta", "--count", "6", "--seed", "1")
    topics = []
    for _ in range(6):
        inst = next_question(child)
        topics.append(inst.template.topic)
        for part in inst.parts:
            child.expect_exact("> ")
            if part.spec.kind == "text":
                child.sendline("words")
                child.expect_exact("[y/n]")
                child.sendline("y")
            else:
                child.sendline(part.spec.text(part.value))
    child.expect(pexpect.EOF)
    # Weights: alpha 0.5 * 16/17 + 0.5 * 31/32 ~ 0.955 per template, beta 0.5 * 1/32 + 0.5 * 1/32 ~ 0.031.
    assert topics.count("alpha") >= 5, topics
    saved = progress(tmp_path)
    assert saved["answered"] == 66 and saved["best_streak"] >= 4
    assert sum(e["attempts"] for e in saved["templates"].values()) == 66
