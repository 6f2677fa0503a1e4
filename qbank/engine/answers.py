"""Answer types: how a key is stored, shown, parsed from a student and compared.

Every type is importable from here: the numeric ones (answers_numeric.py), the
exact and symbolic ones (answers_symbolic.py), and below, single choice and free
text. `infer` gives an undeclared answer a type from its value.
"""
from __future__ import annotations

import sys
from fractions import Fraction

import numpy as np

from qbank.engine.answer_base import Answer
from qbank.engine.answers_numeric import Integer, Matrix, Real, Shape, Vector
from qbank.engine.answers_symbolic import Exact, Expression

__all__ = ["Answer", "Integer", "Real", "Vector", "Matrix", "Shape", "Exact", "Expression", "Choice", "Text",
           "infer"]


class Choice(Answer):
    """Single choice: the key is the index of the correct option in the shown order."""

    kind = "choice"

    def normalize(self, value):
        return Integer().normalize(value)

    def latex(self, key):
        return chr(ord("A") + key)

    text = latex

    def to_json(self, key):
        return int(key)


class Text(Answer):
    """A free-text model answer (short answer, explain-why): graded by a person, never automatically."""

    kind = "text"

    def normalize(self, value):
        return str(value)

    def check(self, given, key):
        return False

    def latex(self, key):
        return key

    text = latex


def infer(value) -> Answer:
    """The answer type for an undeclared key value."""
    if isinstance(value, (bool, np.bool_)):
        raise ValueError("a boolean is not an answer; use Choice")
    if isinstance(value, (int, np.integer)):
        return Integer()
    if isinstance(value, Fraction):
        return Exact()
    if isinstance(value, (float, np.floating)):
        return Real()
    if isinstance(value, tuple) and all(isinstance(v, (int, np.integer)) for v in value):
        return Shape()
    sympy = sys.modules.get("sympy")  # a sympy value implies sympy is loaded; never import it to ask
    if sympy is not None and isinstance(value, sympy.Basic):
        return Expression()
    if isinstance(value, str):
        return Text()
    arr = np.asarray(value)
    if arr.dtype == object and arr.size and all(isinstance(v, Fraction) for v in arr.flat):
        return Exact()
    if arr.dtype.kind in "iuf":
        return Matrix() if arr.ndim == 2 else Vector()
    raise ValueError(f"cannot infer an answer type for {type(value).__name__}")
