"""Planting templates: write a template module into a fresh directory and run `qbank check` over it."""
import textwrap

import pytest

from qbank.cli import main

HEADER = "import numpy as np\nfrom qbank import template, Choice, Integer, Real\n"


@pytest.fixture
def plant(tmp_path):
    """plant(source, name="planted") -> the directory holding one template module with `source`."""

    def write(source, name="planted"):
        (tmp_path / f"{name}.py").write_text(HEADER + textwrap.dedent(source), encoding="utf-8")
        return tmp_path

    return write


@pytest.fixture
def check(runner):
    """check(directory, *args) -> click Result of `qbank check --templates DIR --draws 30 *args`."""

    def invoke(directory, *args, draws=30):
        return runner.invoke(main, ["check", "--templates", str(directory), "--draws", str(draws), *args])

    return invoke
