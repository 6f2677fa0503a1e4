"""Shared fixtures: the example templates directory and a CLI runner."""
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def isolated_registry():
    """Templates a test registers (planted broken ones, instructors' dirs) vanish after it."""
    from qbank.engine import loader, template
    from qbank.engine.loader import load_builtins

    load_builtins()
    saved, loaded = dict(template.REGISTRY), dict(loader._loaded_dirs)
    yield
    template.REGISTRY.clear()
    template.REGISTRY.update(saved)
    loader._loaded_dirs.clear()
    loader._loaded_dirs.update(loaded)


@pytest.fixture
def examples_dir():
    return ROOT / "examples" / "templates"


@pytest.fixture
def runner():
    return CliRunner()
