"""The one place `qbank serve` grades a submission: the engine's reader and partial-credit policy.

Each part's text goes to `scoring.score` (which reads it with `reader.read`),
as `qbank grade`, the drill and the practice page do: a vector or matrix part
earns credit per entry, every other part all or nothing, free text is pending
for a person. The server adds one rule of its own: a submission with a blank or
unreadable part is `invalid`; it is stored with the reader's message, uses no
attempt, and says nothing about its other parts (they are `unchecked`), so a
typo can neither cost an attempt nor be used to probe the key.
"""
from __future__ import annotations

from dataclasses import dataclass

from qbank.engine.scoring import BLANK, PENDING, RIGHT, UNREADABLE, score
from qbank.practice.checking import option_count

CORRECT, PARTIAL, WRONG, INVALID = "correct", "partial", "wrong", "invalid"


@dataclass(frozen=True)
class Graded:
    """A graded submission: the overall verdict, points, and per part {name, status, points, max_points, message}."""

    verdict: str
    points: float
    max_points: float
    parts: list


def grade(instance, answers: dict, points: float) -> Graded:
    """Grade `answers` (part name -> typed text) for `instance`, whose parts share `points` in their own proportions."""
    scale = points / instance.points if instance.points else 0.0
    parts = []
    for part in instance.parts:
        worth = round(part.points * scale, 9)  # 6 * 0.3 is 1.7999999999999998
        verdict = score(part.spec, answers.get(part.name, ""), part.value, worth,
                        options=option_count(instance, part) or None)
        parts.append({"name": part.name, "status": verdict.state, "points": round(verdict.points, 9),
                      "max_points": worth, "message": verdict.message})
    if any(p["status"] in (BLANK, UNREADABLE) for p in parts):
        parts = [p if p["status"] in (BLANK, UNREADABLE) else {**p, "status": "unchecked", "points": 0.0, "message": ""}
                 for p in parts]
        return Graded(INVALID, 0.0, points, parts)
    graded = [p for p in parts if p["status"] != PENDING]
    total = sum(p["points"] for p in parts)
    if not graded:  # free text only: a person grades it
        overall = PENDING
    elif all(p["status"] == RIGHT for p in graded):
        overall = CORRECT
    else:
        overall = PARTIAL if total > 0 else WRONG
    return Graded(overall, total, points, parts)
