"""A built scan-test exam with sheets, shared by the scan tests (pdflatex, OpenCV and zxing-cpp needed)."""
import shutil
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))  # synthetic.py


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    pytest.importorskip("cv2")
    pytest.importorskip("zxingcpp")
    if not shutil.which("pdflatex") or not shutil.which("pdftoppm"):
        pytest.skip("needs pdflatex and pdftoppm")
    from click.testing import CliRunner

    from qbank.cli import main

    out = tmp_path_factory.mktemp("scan-build")
    result = CliRunner().invoke(main, ["exam", str(HERE / "scan-bank.yaml"), "--sheets", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="session")
def sheet(built):
    from synthetic import Sheet

    return Sheet(built, 150)
