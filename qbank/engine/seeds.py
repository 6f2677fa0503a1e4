"""The engine owns randomness: every question's Generator comes from one integer seed.

An exam derives each question's seed from (exam seed, version, question id), so
adding or removing a question leaves the others' numbers as they were, and any
question can be reproduced alone with `qbank show ID --seed N`.
"""
import hashlib

import numpy as np


def derive_seed(*keys) -> int:
    """A stable 63-bit seed from any mix of ints and strings (no Python hash randomization)."""
    digest = hashlib.sha256("\x1f".join(str(k) for k in keys).encode()).digest()
    return int.from_bytes(digest[:8], "big") >> 1


def rng_for(seed: int) -> np.random.Generator:
    """The Generator a template draws from: numpy's default PCG64, seeded with `seed` alone."""
    return np.random.default_rng(seed)
