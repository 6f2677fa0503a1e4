"""Catch templates that use global random state (np.random.* or random.*) instead of their Generator.

Two complementary tests: the global generators are seeded differently before
the two runs of a draw (so a value taken from them changes the draw), and right
after each run the next value of each global generator is compared with the one
that follows the seeding (so even a value drawn and thrown away, or a template
that reseeds them itself, is caught). Probing the next value costs a
microsecond, where numpy's get_state() costs a hundred.
"""
from __future__ import annotations

import random
from functools import lru_cache

import numpy as np


@lru_cache(maxsize=8)
def _seeded(seed: int):
    """Python's `random` state after seeding with `seed`, and both generators' first value after it."""
    np.random.seed(seed)
    random.seed(seed)
    state = random.getstate()
    return state, np.random.random(), random.random()


def seed_globals(seed: int) -> None:
    """Put numpy's legacy global generator and Python's `random` in the known state for `seed`."""
    state = _seeded(seed)[0]
    np.random.seed(seed)
    random.setstate(state)


def used_since(seed: int) -> list[str]:
    """Which global generators moved since `seed_globals(seed)`: [], ["np.random"], ["random"] or both.

    Consumes one value of each; the next window seeds them again.
    """
    _, np_next, py_next = _seeded(seed)
    used = []
    if np.random.random() != np_next:
        used.append("np.random")
    if random.random() != py_next:
        used.append("random")
    return used


class preserved:
    """Context manager: the caller's global random state is as it was afterwards."""

    def __enter__(self):
        self.np_state, self.py_state = np.random.get_state(), random.getstate()
        return self

    def __exit__(self, *exc):
        np.random.set_state(self.np_state)
        random.setstate(self.py_state)
        return False
