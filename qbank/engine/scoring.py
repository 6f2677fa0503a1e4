"""The one partial-credit policy: typed text, answer type, key and points in; a Verdict out, for every channel.

Decided for qbank (docs/grading.md): a vector or matrix answer (kinds vector and
matrix, and exact answers that are arrays) earns credit per entry, each entry an
equal share of the part's points, as a Moodle cloze question pays per box; an
answer with another number of entries earns nothing. Every other answer is all
or nothing. A blank answer scores 0; an unreadable one scores 0 and is flagged
(its message says why), and only that part is affected. Free text is never
scored automatically: it is pending until a person grades it.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from qbank.engine.reader import UnreadableAnswer, read

RIGHT, PARTIAL, WRONG, UNREADABLE, BLANK, PENDING = "right", "partial", "wrong", "unreadable", "blank", "pending"


@dataclass(frozen=True)
class Verdict:
    """The outcome of one part: points earned of `max`, the state, and a message for the student or grader."""

    points: float
    max: float
    state: str  # right | partial | wrong | unreadable | blank | pending
    message: str = ""

    @property
    def flagged(self) -> bool:
        """Whether a person should look at this answer (it could not be read)."""
        return self.state == UNREADABLE


def per_entry(spec, key) -> bool:
    """Whether `spec` with `key` earns credit per entry (vectors, matrices, arrays of exact numbers)."""
    return spec.kind in ("vector", "matrix") or (spec.kind == "exact" and np.ndim(key) > 0)


def score(spec, text, key, points: float, options: int | None = None) -> Verdict:
    """The verdict on `text` typed for an answer of type `spec` whose normalized key is `key`.

    options: how many options a choice part shows, where known (a letter past them is unreadable).
    """
    if spec.kind == "text":
        return Verdict(0.0, points, PENDING, "graded by a person")
    if not str(text).strip():
        return Verdict(0.0, points, BLANK, "no answer given")
    try:
        given = read(spec, text, options)
    except UnreadableAnswer as exc:
        return Verdict(0.0, points, UNREADABLE, str(exc))
    if per_entry(spec, key):
        return _per_entry(spec, given, key, points)
    try:
        right = bool(spec.check(given, key))
    except (ValueError, TypeError, ArithmeticError):  # read fine but not comparable with the key: wrong
        right = False
    return Verdict(float(points), points, RIGHT) if right else Verdict(0.0, points, WRONG)


def _per_entry(spec, given, key, points) -> Verdict:
    entries = int(np.size(key))
    try:
        matches = spec.entry_matches(given, key)
    except (ValueError, TypeError, ArithmeticError):
        matches = None
    if matches is None:
        return Verdict(0.0, points, WRONG, f"{np.size(given)} entries given; the answer has {entries}")
    right = int(np.count_nonzero(matches))
    if right == entries:
        return Verdict(float(points), points, RIGHT)
    if right == 0:
        return Verdict(0.0, points, WRONG, f"0 of {entries} entries right")
    return Verdict(points * right / entries, points, PARTIAL, f"{right} of {entries} entries right")
