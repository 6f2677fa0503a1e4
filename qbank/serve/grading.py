"""The one place `qbank serve` grades a submission: the engine's reader and the per-part points policy.

This adapter is the only module of the server that touches answer parsing:
each part's text goes through the engine's check for its answer type
(`practice.checking.check_part`: the type's own parser, tolerance and
untrusted-input guard), and a part scores its points when right, else 0.
A part the reader cannot read scores 0 with the reader's message; a submission
with such a part is `invalid`, says nothing about its other parts (they are
`unchecked`, so a typo cannot be used to probe them) and does not use up an attempt. Free-text parts
are never graded automatically (`ungraded`, 0 points).
"""
from __future__ import annotations

from dataclasses import dataclass

from qbank.practice.checking import CORRECT, INVALID, SELF, check_part

CORRECT_V, PARTIAL, WRONG_V, INVALID_V = "correct", "partial", "wrong", "invalid"


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
        verdict = check_part(instance, part, answers.get(part.name, ""))
        status = "ungraded" if verdict.status == SELF else verdict.status
        worth = round(part.points * scale, 9)  # 6 * 0.3 is 1.7999999999999998
        parts.append({"name": part.name, "status": status, "points": worth if verdict.status == CORRECT else 0.0,
                      "max_points": worth, "message": verdict.message})
    if any(p["status"] == INVALID for p in parts):  # nothing is told about the readable parts: no free probing
        parts = [p if p["status"] == INVALID else {**p, "status": "unchecked", "points": 0.0} for p in parts]
        return Graded(INVALID_V, 0.0, points, parts)
    graded = [p for p in parts if p["status"] != "ungraded"]
    total = sum(p["points"] for p in parts)
    if graded and all(p["status"] == CORRECT for p in graded):
        overall = CORRECT_V
    else:
        overall = PARTIAL if total > 0 else WRONG_V
    return Graded(overall, total, points, parts)
