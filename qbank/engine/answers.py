"""Answer types: how a key is stored, shown, parsed from a student and compared.

A template declares its answers by name (`answers={"z1": Vector(digits=3)}`); an
undeclared answer gets a type inferred from its value (`infer`). Each type knows
its tolerance, so grading, export and practice all compare the same way.
"""
from __future__ import annotations

from fractions import Fraction

import numpy as np

from qbank.engine import numbers


class Answer:
    """Base: one graded part. `points` None means "share the template's points evenly"."""

    kind = "answer"

    def __init__(self, points=None, label=None, prompt=None):
        self.points, self.label, self.prompt = points, label, prompt

    def normalize(self, value):
        """The canonical form of a key value (raises ValueError when it does not fit the type)."""
        return value

    def parse(self, text: str):
        """A student's typed answer, in the same form as `normalize` returns."""
        return self.normalize(numbers.parse_value(text))

    def check(self, given, key) -> bool:
        return given == key

    def grade(self, text: str, key) -> bool:
        """True when `text` parses and matches `key`; False (never an exception) otherwise."""
        try:
            return bool(self.check(self.parse(text), key))
        except (ValueError, TypeError, ZeroDivisionError, OverflowError):
            return False

    def latex(self, key) -> str:
        return numbers.latex(key)

    def text(self, key) -> str:
        return numbers.plain(key)

    def to_json(self, key):
        return numbers.jsonable(key)

    def meta(self) -> dict:
        """What grading and export need besides the value: the kind and the tolerance."""
        return {"kind": self.kind}


class Integer(Answer):
    kind = "integer"

    def normalize(self, value):
        if isinstance(value, (bool, np.bool_)):
            raise ValueError(f"expected an integer, got {value!r}")
        number = numbers.fraction(value)
        if number.denominator != 1:
            raise ValueError(f"expected an integer, got {value!r}")
        return int(number)


class Real(Answer):
    """A real number compared with |given - key| <= max(abs_tol, rel_tol * |key|).

    abs_tol defaults to half a unit of the last shown digit, so a key rounded
    to `digits` decimals is always accepted.
    """

    kind = "real"

    def __init__(self, digits=3, rel_tol=1e-3, abs_tol=None, **kw):
        super().__init__(**kw)
        self.digits, self.rel_tol = digits, rel_tol
        self.abs_tol = 0.5 * 10.0 ** -digits if abs_tol is None else abs_tol

    def normalize(self, value):
        arr = np.asarray(numbers.to_float(value), dtype=float)
        if arr.shape != ():
            raise ValueError(f"expected one number, got shape {arr.shape}")
        return float(arr)

    def tolerance(self, key):
        """The largest accepted |given - key|; the bound itself counts (binary rounding of 0.1235 aside)."""
        return np.maximum(self.abs_tol, self.rel_tol * np.abs(key)) * (1 + 1e-9)

    def check(self, given, key):
        return bool(np.isfinite(given)) and abs(given - key) <= self.tolerance(key)

    def latex(self, key):
        return numbers.latex(key, self.digits)

    def text(self, key):
        return numbers.plain(key, self.digits)

    def meta(self):
        return {"kind": self.kind, "digits": self.digits, "rel_tol": self.rel_tol, "abs_tol": self.abs_tol}


class Vector(Real):
    """An array of reals (any shape), compared element-wise with the Real tolerance."""

    kind = "vector"

    def normalize(self, value):
        arr = np.asarray(numbers.to_float(value), dtype=float)
        if arr.ndim == 0:
            raise ValueError("expected an array, got one number")
        return arr

    def check(self, given, key):
        given = np.asarray(given, dtype=float)
        if given.shape != key.shape:
            # A column or row typed as a flat list is the same answer.
            if given.size != key.size or (given.squeeze().ndim > 1 or key.squeeze().ndim > 1):
                return False
            given = given.reshape(key.shape)
        return bool(np.all(np.isfinite(given)) and np.all(np.abs(given - key) <= self.tolerance(key)))

    def meta(self):
        return dict(super().meta(), shape=None)


class Matrix(Vector):
    kind = "matrix"


class Shape(Answer):
    """A tuple of positive integers, such as a tensor shape (C, H, W)."""

    kind = "shape"

    def normalize(self, value):
        dims = tuple(Integer().normalize(v) for v in np.atleast_1d(np.asarray(value, dtype=object)))
        if any(d < 0 for d in dims):
            raise ValueError(f"a shape has no negative sizes: {dims}")
        return dims

    def latex(self, key):
        return "(" + ", ".join(str(d) for d in key) + ")"

    text = latex


class Exact(Answer):
    """An exact rational (fractions.Fraction); `2/3` and `0.6666` differ, `4/6` and `2/3` do not."""

    kind = "exact"

    def normalize(self, value):
        arr = np.asarray(value, dtype=object)
        if arr.ndim == 0:
            return numbers.fraction(arr.item())
        return np.vectorize(numbers.fraction, otypes=[object])(arr)

    def check(self, given, key):
        given, key = np.asarray(given, dtype=object), np.asarray(key, dtype=object)
        return given.shape == key.shape and bool(np.all(given == key))

    def to_json(self, key):
        return numbers.jsonable(key)


class Expression(Answer):
    """A symbolic expression, compared by sympy: given - key simplifies to zero."""

    kind = "expression"

    def __init__(self, symbols=(), **kw):
        super().__init__(**kw)
        self.symbols = tuple(symbols)

    def normalize(self, value):
        import sympy

        if isinstance(value, str):
            return self.parse(value)
        return sympy.sympify(value)

    def parse(self, text):
        import sympy
        from sympy.parsing.sympy_parser import parse_expr, standard_transformations, implicit_multiplication_application, convert_xor, rationalize

        names = {s: sympy.Symbol(s) for s in self.symbols}
        # rationalize: a typed 0.9 is 9/10, so 0.9^t matches an exact key (9/10)^t (floats never simplify to it)
        transformations = standard_transformations + (implicit_multiplication_application, convert_xor, rationalize)
        return parse_expr(str(text), local_dict=names, transformations=transformations, evaluate=True)

    def check(self, given, key):
        import sympy

        given, key = sympy.Matrix(given) if _is_seq(given) else given, sympy.Matrix(key) if _is_seq(key) else key
        if isinstance(key, sympy.MatrixBase) != isinstance(given, sympy.MatrixBase):
            return False
        diff = sympy.simplify(given - key)
        return bool(diff.is_zero_matrix) if isinstance(diff, sympy.MatrixBase) else diff == 0

    def latex(self, key):
        import sympy

        return sympy.latex(key)

    def text(self, key):
        return str(key)

    def to_json(self, key):
        return str(key)

    def meta(self):
        return {"kind": self.kind, "symbols": list(self.symbols)}


class Choice(Answer):
    """Single choice: the key is the index of the correct option in the shown order."""

    kind = "choice"

    def normalize(self, value):
        return Integer().normalize(value)

    def parse(self, text):
        text = str(text).strip().strip("()").upper()
        if len(text) == 1 and text.isalpha():
            return ord(text) - ord("A")
        return int(text) - 1  # options are numbered from 1 for people

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

    def parse(self, text):
        return str(text)

    def check(self, given, key):
        return False

    def latex(self, key):
        return key

    text = latex


def _is_seq(value):
    return isinstance(value, (list, tuple, np.ndarray))


def infer(value) -> Answer:
    """The answer type for an undeclared key value."""
    import sympy

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
    if isinstance(value, sympy.Basic):
        return Expression()
    if isinstance(value, str):
        return Text()
    arr = np.asarray(value)
    if arr.dtype == object and arr.size and all(isinstance(v, Fraction) for v in arr.flat):
        return Exact()
    if arr.dtype.kind in "iuf":
        return Matrix() if arr.ndim == 2 else Vector()
    raise ValueError(f"cannot infer an answer type for {type(value).__name__}")
