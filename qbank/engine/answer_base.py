"""The protocol every answer type follows: normalize a key, parse a typed answer, compare, show.

A template declares its answers by name (`answers={"z1": Vector(digits=3)}`); the
types live in answers_numeric.py (tolerances), answers_symbolic.py (exact and
sympy) and answers.py (choice, free text, and `infer` for undeclared answers).
Each type knows its tolerance, so grading, export and practice compare the same way.
"""
from __future__ import annotations

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
