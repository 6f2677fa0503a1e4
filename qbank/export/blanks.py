"""One answer part as the input boxes an LMS grades: numbers with an absolute tolerance, or accepted texts.

A Real key accepts |given - key| <= max(abs_tol, rel_tol |key|) (qbank/engine/answers_numeric.py).
An LMS shows students the key it stores, so the key is stored as the solution prints
it (rounded to the part's `digits`) and the tolerance widened by that rounding, then
rounded *up* to one decimal more than the key shows: the LMS accepts every answer
qbank accepts, and at most 0.6 units of the last shown digit more. Integers are exact.
Exact numbers (fractions) and shapes are texts: an LMS accepts exactly the spellings
the one answer reader lists (qbank.engine.reader.spellings), never a decimal with
tolerance 0 for a question that asks for fractions. Vectors and matrices get one box
per entry, sharing the part's points equally (the per-entry policy, qbank.engine.scoring).
Free text and expressions are graded by a person: they have no boxes (None).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from qbank.engine.reader import spellings

PERSON = ("text", "expression")
EXACT_FORM = "Type exact values as a fraction in lowest terms, such as -3/4, or as a whole number."


@dataclass(frozen=True)
class Blank:
    name: str  # the part's name, with [i] or [i,j] (1-based) for an entry of an array
    number: bool  # True: a number with a tolerance; False: one of `accepted` texts
    value: object  # int or float (number: the key as shown) or the canonical text
    tolerance: float  # absolute, clean; 0 for exact values
    points: Fraction  # this box's share of the part's points
    accepted: tuple = ()  # every accepted spelling (text blanks)
    digits: int | None = None  # decimals the key is shown with (reals)
    exact: bool = False  # an exact number typed as a fraction (the question states that form)

    @property
    def integer(self) -> bool:
        return self.number and isinstance(self.value, int)


def blanks(name: str, spec, value, points: float) -> list | None:
    """The boxes of one part (answer type `spec`, normalized key `value`); None for person-graded kinds."""
    kind = spec.kind
    if kind in PERSON or kind == "choice":
        return None
    if kind == "shape":
        accepted = tuple(spellings(spec, value))
        return [Blank(name, False, accepted[0], 0.0, Fraction(points), accepted)]
    arr = np.asarray(value, dtype=object)
    if arr.ndim == 0:
        return [_scalar(name, spec, arr.item(), Fraction(points))]
    share = Fraction(points) / arr.size
    return [_scalar(f"{name}[{','.join(str(i + 1) for i in index)}]", spec, entry, share)
            for index, entry in np.ndenumerate(arr)]


def _scalar(name, spec, value, points) -> Blank:
    if spec.kind == "exact":
        accepted = tuple(spellings(spec, Fraction(value)))  # a scalar Exact key: its fraction spellings
        return Blank(name, False, accepted[0], 0.0, points, accepted, exact=True)
    if spec.kind == "integer":
        return Blank(name, True, int(value), 0.0, points)
    digits = spec.digits
    key = float(value)
    shown = round(key, digits)
    tolerance = max(spec.abs_tol, spec.rel_tol * abs(key)) + abs(shown - key)
    return Blank(name, True, shown, clean_up(tolerance, digits + 1), points, digits=digits)


def clean_up(value: float, places: int) -> float:
    """`value` rounded up to `places` decimals (binary noise such as 0.013000000000000001 is not a digit)."""
    scale = 10 ** places
    return round(math.ceil(round(value * scale, 6)) / scale, places)


def number_text(value) -> str:
    """A key as LMSs read it: plain digits, a minus sign, a decimal point; no exponent, no thousands separator."""
    if isinstance(value, int):
        return str(value)
    text = np.format_float_positional(float(value), trim="-")
    return "0" if text in ("-0", "0.") else text.rstrip(".")
