"""The LMS test exam: a spec with every answer kind (tests/export/lms_templates), shared by conftest and tests.

Its own module, not conftest: `from conftest import` picks whichever conftest.py was imported first.
"""
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent / "lms_templates"
SPEC = f"""\
title: LMS & Test
seed: 5
versions: 3
templates: {TEMPLATES}
parts:
  - title: Numbers
    shuffle: true
    questions:
      - lmstest/count
      - lmstest/ratio
      - lmstest/shape
      - {{id: conv/layer-cost, as_choice: param_count, points: 2}}
      - {{pool: [lmstest/count, lmstest/formula], pick: 1, points: 2}}
  - title: Problems
    questions:
      - lmstest/mixed
      - concepts/softmax-not-tanh
"""
