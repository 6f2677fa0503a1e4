"""Catch templates that use global random state (np.random.* or random.*) instead of their Generator.

Two complementary tests: the global generators are seeded differently before
the two runs of a draw (so a value taken from them changes the draw), and their
state is compared before and after a run (so even a value that is drawn and
then discarded, or a template that reseeds them itself, is caught).
"""
from __future__ import annotations

import random

import numpy as np


def seed_globals(seed: int) -> None:
    """Put numpy's legacy global generator and Python's `random` in a known state."""
    np.random.seed(seed)
    random.seed(seed)


def snapshot():
    """The global generators' state, cheap to compare with `used_since`."""
    kind, keys, pos, has_gauss, gauss = np.random.get_state()
    return keys.copy(), pos, has_gauss, gauss, random.getstate()


def used_since(before) -> list[str]:
    """Which global generators changed state since `before`: [], ["np.random"], ["random"] or both."""
    keys, pos, has_gauss, gauss, py_state = before
    _, now_keys, now_pos, now_has_gauss, now_gauss = np.random.get_state()
    used = []
    if now_pos != pos or now_has_gauss != has_gauss or now_gauss != gauss or not np.array_equal(now_keys, keys):
        used.append("np.random")
    if random.getstate() != py_state:
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
