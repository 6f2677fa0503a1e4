"""`qbank check --compile` builds a few draws per template with pdflatex and names the draw and line of an error."""
import shutil

import pytest

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
