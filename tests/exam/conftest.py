"""Fixtures for the exam tests: the small templates in fixtures/templates and a spec writer."""
import textwrap
from pathlib import Path

import pytest

FIXTURE_TEMPLATES = Path(__file__).resolve().parent / "fixtures" / "templates"

# A spec using every feature: fixed questions with rescaled points, a pool, shuffling, pinning.
SPEC = f"""\
title: Sample & Test_Exam
course: Deep Learning 101
date: 1 January 2030
duration: 60 minutes
instructions:
  - Write clearly; 100% of the credit needs the work shown.
seed: 11
versions: 3
templates: {FIXTURE_TEMPLATES}
points: 22
parts:
  - title: Choice
    points: 8
    shuffle: true
    questions:
      - examtest/pick-third
      - {{id: examtest/difference, points: 4}}
  - title: Short
    questions:
      - examtest/explain
  - title: Problems
    points: 8
    questions:
      - {{id: examtest/sum-product, points: 6}}
      - {{pool: [examtest/difference, {{id: examtest/difference, params: {{a: 5000}}}}], pick: 1, points: 2, newpage: true}}
"""


@pytest.fixture
def sample_spec_text():
    """SPEC: a spec using every feature, with the fixture templates."""
    return SPEC


@pytest.fixture
def spec_head():
    """The start of a spec whose parts follow (indented list items), with the fixture templates."""
    return f"title: T\ntemplates: {FIXTURE_TEMPLATES}\nparts:\n"


@pytest.fixture
def write_spec(tmp_path):
    """write_spec(text, name="exam.yaml") -> the path of a spec file in a fresh folder."""

    def write(text, name="exam.yaml"):
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write
