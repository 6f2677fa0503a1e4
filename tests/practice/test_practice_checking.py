"""Checking typed answers in practice: the engine's verdicts, the options a choice shows, unsafe input, the expression shortcut."""
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from qbank.engine.answers import Choice, Exact, Expression, Integer, Matrix, Real, Shape, Text
from qbank.engine.generate import Part
from qbank.engine.scoring import BLANK, PARTIAL, PENDING, RIGHT, UNREADABLE, WRONG
from qbank.practice.checking import check_part
from qbank.engine.expression_check import decide
from qbank.engine.safe_input import unsafe_reason


class FakeInstance:
    def __init__(self, options=()):
        self.params = {"options": list(options)} if options else {}


def verdict(spec, key, text, options=()):
    return check_part(FakeInstance(options), Part("p", spec, spec.normalize(key), 1), text).state


@pytest.mark.parametrize("spec, key, text, status", [
    (Integer(), 7, "7", RIGHT),
    (Integer(), 7, "8", WRONG),
    (Integer(), 7, "seven", UNREADABLE),
    (Integer(), 7, "   ", BLANK),
    (Real(digits=3), 0.1236, "0.124", RIGHT),      # |0.124 - 0.1236| = 0.0004 <= 0.0005 (half the 3rd decimal)
    (Real(digits=3), 0.1236, "0.125", WRONG),        # 0.0014 off, and over 1e-3 relative (0.00012)
    (Real(digits=3), 0.5, "1/2", RIGHT),
    (Exact(), Fraction(2, 3), "4/6", RIGHT),
    (Exact(), Fraction(2, 3), "0.6667", WRONG),      # an exact answer is not a rounded one
    (Shape(), (8, 30, 30), "(8, 30, 30)", RIGHT),
    (Shape(), (8, 30, 30), "(8, 30)", WRONG),
    (Matrix(digits=0), np.array([[1, 2], [3, 4]]), "[[1, 2], [3, 4]]", RIGHT),
    (Matrix(digits=0), np.array([[1, 2], [3, 4]]), "1 2\n3 4", RIGHT),   # one row per line
    (Matrix(digits=0), np.array([[1, 2], [3, 4]]), "[[1, 2], [4, 3]]", PARTIAL),
    (Matrix(digits=0), np.array([[1, 2], [3, 4]]), "[[1, 2], [3", UNREADABLE),
    (Matrix(digits=0), np.array([[1, 2], [3, 4]]), "[1, 2, 3]", WRONG),    # readable, but not this shape
    (Text(), "a model answer", "anything", PENDING),
])
def test_verdicts(spec, key, text, status):
    assert verdict(spec, key, text) == status


def test_choice_letters_and_range():
    assert verdict(Choice(), 2, "C", options="abcd") == RIGHT
    assert verdict(Choice(), 2, "b", options="abcd") == WRONG
    assert verdict(Choice(), 2, "F", options="abcd") == UNREADABLE  # only A to D are shown


@pytest.mark.parametrize("text, reason", [
    ("__import__('os').system('true')", "use only letters"),
    ("x.__class__", "dot may only appear inside a number"),
    ("w_1 .real", "dot may only appear inside a number"),
    ("open(x)", "unknown name 'open'"),
    ("preview(x)", "unknown name 'preview'"),
    ("9^(99^99)", "exponent is too large"),
    ("((9^99)^99)^99", "more than 1000 digits"),     # 9^970299 has about 926000 digits
    ("x^1000", "exponent of at most 100"),
    ("x^100000", "exponent is too large"),
    ("1e99999", "at most 3 digits"),
    ("x" * 401, "too long"),
])
def test_unsafe_expressions_are_refused_before_parsing(text, reason):
    assert reason in unsafe_reason(text, "expression", ("w_1", "g"))
    assert verdict(Expression(symbols=("w_1", "g")), "g*w_1", text) == UNREADABLE


@pytest.mark.parametrize("text", ["g*w_1", "w_1 g", "(g + 1)*w_1 - w_1", "2*x^2 + 3", "sqrt(g)^2 * w_1"])
def test_safe_expressions_pass_the_guard(text):
    assert unsafe_reason(text, "expression", ("w_1", "g")) is None


def test_expression_verdicts_match_the_engine():
    spec = Expression(symbols=("w_1", "g"))
    assert verdict(spec, "g*w_1", "w_1*g") == RIGHT
    assert verdict(spec, "g*w_1", "(g+1)*w_1 - w_1") == RIGHT
    assert verdict(spec, "g*w_1", "g + w_1") == WRONG


g, w, t = sympy.symbols("g w t")


@settings(max_examples=50, deadline=None)
@given(st.integers(-5, 5), st.integers(-5, 5), st.integers(0, 3))
def test_expression_shortcut_agrees_with_simplify(a, b, n):
    """Whenever the shortcut decides, its verdict is the engine's (simplify(given - key) == 0)."""
    key = (a * g + b) * w ** n
    for candidate in (sympy.expand(key), key + g - g, (a * g + b + 1) * w ** n, key * w, sympy.Integer(a)):
        decided = decide(candidate, key)
        if decided is not None:
            assert decided == (sympy.simplify(candidate - key) == 0), (candidate, key)


def test_expression_shortcut_on_matrices_and_transcendental_terms():
    key = sympy.Matrix([[g * w], [1 - sympy.tanh(w) ** 2]])
    assert decide([[w * g], [1 - sympy.tanh(w) ** 2]], key) is True
    assert decide([[w * g], [1 - sympy.tanh(w)]], key) is False     # tanh(3/7) != tanh(3/7)^2
    assert decide([[w * g]], key) is None                               # another shape: the engine decides
    assert decide(sympy.Rational(1, 2) ** t, sympy.Float(0.5) ** t) in (True, None)  # never a wrong "False"


@pytest.mark.parametrize("spec, key, text", [
    (Choice(), 0, "A.."), (Integer(), 7, "int('7')"), (Matrix(digits=0), [[1, 2], [3, 4]], "1, 2\n3"),
    (Expression(symbols=("x",)), "2*x", "2x +"), (Expression(symbols=("x",)), "2*x", "lambda: 1"),
    (Shape(), (8, 30), "8 by 30"), (Exact(), Fraction(2, 3), "2//3"),
])
def test_practice_never_shows_python_exception_text(spec, key, text):
    """Before, practice showed `invalid literal for int() with base 10: 'A.'` and sympy's own errors."""
    verdict = check_part(FakeInstance("abcd"), Part("p", spec, spec.normalize(key), 1), text)
    assert verdict.state == UNREADABLE and verdict.message.startswith("cannot read ")
    said = verdict.message.split(":", 1)[1]
    for python_text in ("invalid literal", "Error", "Traceback", "base 10", "unexpected EOF", "Fraction("):
        assert python_text not in said, verdict.message


def test_a_choice_letter_with_a_full_stop_is_read_as_with_a_parenthesis():
    assert verdict(Choice(), 2, "C.", options="abcd") == verdict(Choice(), 2, "C)", options="abcd") == RIGHT
