"""An exam spec with every answer kind (tests/export/lms_templates) and its drawn versions, built in tmp_path."""
import pytest

from qbank.exam.assemble import assemble
from qbank.exam.spec import parse

from lms_spec import SPEC


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
