"""One answer part as the input boxes an LMS grades: numbers with an absolute tolerance, or accepted texts.

A Real key accepts |given - key| <= max(abs_tol, rel_tol |key|) (qbank/engine/answers.py):
that maximum is the absolute tolerance LMSs take. Integers are exact (tolerance 0).
Vectors and matrices get one box per entry, sharing the part's points equally.
Shapes are typed as text: a few spellings are accepted. An exact fraction with a
terminating decimal is a number with tolerance 0; any other (2/3) is text "2/3".
Expressions and free text are graded by a person: they have no boxes (None).
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np

PERSON = ("text", "expression")


@dataclass(frozen=True)
class Blank:
    name: str  # the part's name, with [i] or [i,j] (1-based) for an entry of an array
    number: bool  # True: a number with a tolerance; False: one of `accepted` texts
    value: object  # int or float (number) or the canonical text
    tolerance: float  # absolute; 0 for exact values
    points: Fraction  # this box's share of the part's points
    accepted: tuple = ()  # every accepted spelling (text blanks)
    digits: int | None = None  # decimals the key is shown with (reals)

    @property
    def integer(self) -> bool:
        return self.number and isinstance(self.value, int)


def blanks(name: str, kind: str, value, meta: dict, points: float) -> list | None:
    """The boxes of one part (`kind`, key `value`, tolerance fields `meta`); None for person-graded kinds."""
    if kind in PERSON or kind == "choice":
        return None
    if kind == "shape":
        return [Blank(name, False, shape_text(value), 0.0, Fraction(points), shape_spellings(value))]
    arr = np.asarray(value, dtype=object)
    if arr.ndim == 0:
        return [_scalar(name, kind, arr.item(), meta, Fraction(points))]
    share = Fraction(points) / arr.size
    return [_scalar(f"{name}[{','.join(str(i + 1) for i in index)}]", kind, entry, meta, share)
            for index, entry in np.ndenumerate(arr)]


def _scalar(name, kind, value, meta, points) -> Blank:
    if kind == "exact":
        exact = Fraction(value)
        if exact.denominator == 1:
            return Blank(name, True, int(exact), 0.0, points)
        if _terminates(exact):
            return Blank(name, True, float(exact), 0.0, points)
        text = f"{exact.numerator}/{exact.denominator}"
        return Blank(name, False, text, 0.0, points, (text, f"{exact.numerator} / {exact.denominator}"))
    if kind == "integer":
        return Blank(name, True, int(value), 0.0, points)
    value = float(value)
    tolerance = max(meta.get("abs_tol", 0.0), meta.get("rel_tol", 0.0) * abs(value))
    return Blank(name, True, value, tolerance, points, digits=meta.get("digits"))


def _terminates(value: Fraction) -> bool:
    """A fraction with a finite decimal expansion: its denominator has no prime factor but 2 and 5."""
    den = value.denominator
    for prime in (2, 5):
        while den % prime == 0:
            den //= prime
    return den == 1


def shape_text(value) -> str:
    """A shape's canonical text: `(8, 30, 30)`."""
    return "(" + ", ".join(str(int(d)) for d in value) + ")"


def shape_spellings(value) -> tuple:
    """(8, 30, 30), (8,30,30), 8, 30, 30, 8,30,30, [8, 30, 30], [8,30,30], 8x30x30 and 8 x 30 x 30."""
    dims = [str(int(d)) for d in value]
    spellings = []
    for sep in (", ", ","):
        inner = sep.join(dims)
        spellings += [f"({inner})", inner, f"[{inner}]"]
    spellings += ["x".join(dims), " x ".join(dims)]
    return tuple(dict.fromkeys(spellings))


def number_text(value) -> str:
    """A key as LMSs read it: plain digits, a minus sign, a decimal point; no exponent, no thousands separator."""
    if isinstance(value, int):
        return str(value)
    text = np.format_float_positional(float(value), trim="-")
    return "0" if text in ("-0", "0.") else text.rstrip(".")
