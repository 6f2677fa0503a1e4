"""Rescale a question's part points to the points the exam gives it, in whole (or half) points."""
from __future__ import annotations


def rescale_parts(parts, total: float, step: float = 1.0) -> list:
    """The points of an instance's `parts` in an exam that gives the question `total`: the regular parts share
    `total` (rescale), and each bonus part keeps its ratio to them, in multiples of `step`, on top of `total`."""
    regular = [p.points for p in parts if not p.bonus]
    shares = iter(rescale(regular, total, step))
    factor = total / sum(regular) if sum(regular) > 0 else 1.0
    return [round(p.points * factor / step) * step if p.bonus else next(shares) for p in parts]


def rescale(own: list, total: float, step: float = 1.0) -> list:
    """Split `total` over the parts in proportion to their `own` points, in multiples of `step` (1 or 1/2).

    Largest-remainder rounding (Hamilton's method): every part gets the floor of
    its exact share in steps, and the steps left over go to the largest
    remainders (earlier parts first on ties), so the parts always add up to
    `total` exactly. Parts whose own points are all zero share `total` evenly.
    A part with points of its own keeps at least one step where the total allows:
    a step moves to it from the part with the most (the latest of equals).
    """
    units = round(total / step)
    weights = [float(p) for p in own] if sum(own) > 0 else [1.0] * len(own)
    exact = [units * w / sum(weights) for w in weights]
    floors = [int(share) for share in exact]
    leftover = units - sum(floors)
    by_remainder = sorted(range(len(exact)), key=lambda i: (floors[i] - exact[i], i))
    for i in by_remainder[:leftover]:
        floors[i] += 1
    for i in range(len(floors)):
        richest = max(range(len(floors)), key=lambda j: (floors[j], j))
        if floors[i] == 0 and weights[i] > 0 and floors[richest] > 1:
            floors[i], floors[richest] = 1, floors[richest] - 1
    return [u * step for u in floors]
