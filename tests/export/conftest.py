"""An exam spec with every answer kind (tests/export/lms_templates) and its drawn versions, built in tmp_path."""
from pathlib import Path

import pytest

from qbank.exam.assemble import assemble
from qbank.exam.spec import parse

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


@pytest.fixture
def lms_spec(tmp_path):
    path = tmp_path / "lms-test.yaml"
    path.write_text(SPEC, encoding="utf-8")
    return path


@pytest.fixture
def drawn(lms_spec):
    """(spec, versions) of the LMS test exam."""
    spec = parse(lms_spec)
    return spec, assemble(spec)
