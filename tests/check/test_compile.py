"""`qbank check --compile` builds a few draws per template with pdflatex and names the draw and line of an error."""
import shutil

import pytest

from qbank.engine.generate import generate
from qbank.engine.template import get

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(shutil.which("pdflatex") is None, reason="needs pdflatex (TeX Live)")]


def test_latex_error_is_named_with_seed_and_line(plant, check):
    directory = plant('''
        @template("latex/bad", topic="demo", question="Compute $\\\\VAR{a} + 1$.\\n\\\\notamacro{\\\\VAR{a}}",
                  crosscheck=lambda p, a: None)
        def bad(rng):
            a = int(rng.integers(1, 10))
            return {"a": a}, {"total": a + 1}
        ''')
    result = check(directory, "--compile", draws=3)
    assert result.exit_code == 1, result.output
    assert "FAIL latex/bad [latex]" in result.output
    assert "seed 0, question line 2: Undefined control sequence" in result.output


def test_clean_latex_compiles(plant, check):
    directory = plant('''
        @template("latex/good", topic="demo", question=r"Compute $\\VAR{a} + 1$ for $\\VAR{m|bmatrix}$.",
                  solution=r"$\\VAR{a} + 1 = \\VAR{total}$", crosscheck=lambda p, a: None)
        def good(rng):
            a = int(rng.integers(1, 10))
            return {"a": a, "m": np.eye(2) * a}, {"total": a + 1}
        ''')
    result = check(directory, "--compile", draws=3)
    assert result.exit_code == 0, result.output


def test_an_unbalanced_brace_is_placed_where_its_argument_starts(plant, check):
    # TeX reads the open \frac argument to the end of the file and names no line; check finds it
    # from the runaway text instead of reporting pdflatex's last words ("Transcript written on check.log").
    directory = plant('''
        @template("latex/brace", topic="demo", question="Given $a = \\\\VAR{a}$:\\nCompute $\\\\frac{\\\\VAR{a}{2}$.",
                  crosscheck=lambda p, a: None)
        def brace(rng):
            a = int(rng.integers(1, 10))
            return {"a": a}, {"half": a / 2}
        ''')
    result = check(directory, "--compile", draws=1)
    assert result.exit_code == 1, result.output
    a = generate(get("latex/brace"), 0).params["a"]  # seed 0's drawn value, as the check drew it
    assert (f"FAIL latex/brace [latex] pdflatex: seed 0, question line 2: File ended while scanning use of \\frac . "
            f"(near 'Compute $\\\\frac{{{a}{{2}}$.')") in result.output
    assert "Transcript written" not in result.output
