"""Shared fixtures: the example templates directory and a CLI runner."""
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def examples_dir():
    return ROOT / "examples" / "templates"


@pytest.fixture
def runner():
    return CliRunner()
