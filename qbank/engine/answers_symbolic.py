"""Exact answer types: rationals compared exactly, expressions compared by sympy."""
from __future__ import annotations

import numpy as np

from qbank.engine import numbers
from qbank.engine.answer_base import Answer
from qbank.engine.answers_numeric import laid_over
from qbank.engine.expression_check import decide
from qbank.engine.safe_input import unsafe_reason


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
        if key.ndim == 0:
            return given.ndim == 0 and given.item() == key.item()
        matches = self.entry_matches(given, key)
        return matches is not None and bool(np.all(matches))

    def entry_matches(self, given, key):
        """Which entries of an array `given` equal the key's exactly; None when it does not fit the key's shape."""
        given = laid_over(np.asarray(given, dtype=object), np.asarray(key, dtype=object))
        return None if given is None else np.asarray(given == key, dtype=bool)

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
        """A typed expression; text that could run code or build a huge number is refused (ValueError)."""
        import sympy
        from sympy.parsing.sympy_parser import parse_expr, standard_transformations, implicit_multiplication_application, convert_xor, rationalize

        reason = unsafe_reason(str(text), self.kind, self.symbols)
        if reason:
            raise ValueError(reason)
        names = {s: sympy.Symbol(s) for s in self.symbols}
        # rationalize: a typed 0.9 is 9/10, so 0.9^t matches an exact key (9/10)^t (floats never simplify to it)
        transformations = standard_transformations + (implicit_multiplication_application, convert_xor, rationalize)
        return parse_expr(str(text), local_dict=names, transformations=transformations, evaluate=True)

    def check(self, given, key):
        """given - key simplifies to zero; `expression_check.decide` settles most answers first, far faster."""
        import sympy

        same = decide(given, key)
        if same is not None:
            return same
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


def _is_seq(value):
    return isinstance(value, (list, tuple, np.ndarray))
