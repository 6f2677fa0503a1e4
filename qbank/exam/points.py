"""Rescale a question's part points to the points the exam gives it, in half points."""
from __future__ import annotations


def rescale(own: list, total: float) -> list:
    """Split `total` over the parts in proportion to their `own` points, in multiples of 1/2.

    Largest-remainder rounding (Hamilton's method): every part gets the floor of
    its exact share in half points, and the half points left over go to the
    largest remainders (earlier parts first on ties), so the parts always add up
    to `total` exactly. Parts whose own points are all zero share `total` evenly.
    """
    halves = round(2 * total)
    weights = [float(p) for p in own] if sum(own) > 0 else [1.0] * len(own)
    exact = [halves * w / sum(weights) for w in weights]
    floors = [int(share) for share in exact]
    leftover = halves - sum(floors)
    by_remainder = sorted(range(len(exact)), key=lambda i: (floors[i] - exact[i], i))
    for i in by_remainder[:leftover]:
        floors[i] += 1
    return [h / 2 for h in floors]
