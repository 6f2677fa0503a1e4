"""Balancing answer letters: where a draw puts its correct options, and the best a draw could do."""
from __future__ import annotations

MIN_OPTIONS = 4  # choice questions are assumed to have at least this many options (see best_possible)


def choice_positions(inst) -> list:
    """Where the correct option sits in each choice part of `inst` (0 = A)."""
    return [part.value for part in inst.parts if part.spec.kind == "choice"]


def best_possible(positions, counts, in_version) -> tuple:
    """The best rank a draw could reach: unseen parameters at the least-used positions.

    The positions that exist are 0 .. max(largest seen, MIN_OPTIONS - 1): a question with
    fewer options than assumed only forgoes this early stop, and compares a few draws.
    """
    known = range(max([MIN_OPTIONS - 1, *counts, *in_version, *positions]) + 1)
    return (False, len(positions) * min(counts[p] for p in known), len(positions) * min(in_version[p] for p in known))
