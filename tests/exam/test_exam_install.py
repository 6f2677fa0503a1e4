"""A non-editable install works from another folder: the wheel carries templates/ and banks/."""
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_pip_install_target_then_demo_from_elsewhere(tmp_path):
    target, elsewhere = tmp_path / "site", tmp_path / "elsewhere"
    elsewhere.mkdir()
    isolation = ["--no-build-isolation"] if importlib.util.find_spec("hatchling") else []
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", *isolation,
                    "--target", str(target), str(ROOT)], check=True, capture_output=True)
    env = dict(os.environ, PYTHONPATH=str(target))
    done = subprocess.run([sys.executable, "-m", "qbank", "demo", "--no-pdf", "--out", "built"],
                          cwd=elsewhere, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    probe = subprocess.run([sys.executable, "-c", "import qbank.paths as p; print(p.data_dir('banks'))"],
                           cwd=elsewhere, env=env, capture_output=True, text=True, check=True)
    assert Path(probe.stdout.strip()).is_relative_to(target)  # the wheel's copy, not the source tree's
    key = json.loads((elsewhere / "built" / "key.json").read_text())
    assert [v["version"] for v in key["versions"]] == ["A", "B", "C"]
    assert not (ROOT / "built").exists()
