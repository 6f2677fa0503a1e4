"""Numeric answer types: integers, reals with a tolerance, arrays of reals, shape tuples."""
from __future__ import annotations

import numpy as np

from qbank.engine import numbers
from qbank.engine.answer_base import Answer


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
        matches = self.entry_matches(given, key)
        return matches is not None and bool(np.all(matches))

    def entry_matches(self, given, key):
        """Which entries of `given` are within tolerance of `key` (an array of bools shaped like the key);
        None when `given` cannot be laid over the key (another number of entries)."""
        given = laid_over(np.asarray(given, dtype=float), key)
        if given is None:
            return None
        return np.isfinite(given) & (np.abs(given - key) <= self.tolerance(key))

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


def laid_over(given, key):
    """`given` in the key's shape: a column or row typed as a flat list is the same answer; None when it does not fit."""
    if given.shape == key.shape:
        return given
    if given.size != key.size or given.squeeze().ndim > 1 or key.squeeze().ndim > 1:
        return None
    return given.reshape(key.shape)
