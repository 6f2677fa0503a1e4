"""The protocol every answer type follows: normalize a key, compare an answer with it, show it.

A template declares its answers by name (`answers={"z1": Vector(digits=3)}`); the
types live in answers_numeric.py (tolerances), answers_symbolic.py (exact and
sympy) and answers.py (choice, free text, and `infer` for undeclared answers).
Each type knows its tolerance, so grading, export and practice compare the same way;
typed text is read by the one reader (reader.py) and scored by one policy (scoring.py).
"""
from __future__ import annotations

from qbank.engine import numbers


class Answer:
    """Base: one graded part. `points` None means "share the template's points evenly".

    A bonus part (`bonus=True`, with its own points) scores on top of the maximum: the template's
    `points` and an exam's total leave it out, and key.json marks it `"bonus": true`.
    """

    kind = "answer"

    def __init__(self, points=None, label=None, prompt=None, bonus=False):
        if bonus and points is None:
            raise ValueError("a bonus part needs its own points (it does not share the template's)")
        self.points, self.label, self.prompt, self.bonus = points, label, prompt, bonus

    def normalize(self, value):
        """The canonical form of a key value (raises ValueError when it does not fit the type)."""
        return value

    def check(self, given, key) -> bool:
        """Whether `given` (a value as `reader.read` returns it) matches `key`."""
        return given == key

    def latex(self, key) -> str:
        return numbers.latex(key)

    def text(self, key) -> str:
        return numbers.plain(key)

    def to_json(self, key):
        return numbers.jsonable(key)

    def meta(self) -> dict:
        """What grading and export need besides the value: the kind and the tolerance."""
        return {"kind": self.kind}
