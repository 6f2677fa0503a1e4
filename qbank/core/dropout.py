"""Dropout: the training-time mask and scale, and the test-time rule of each variant.

Two conventions name the rate: Srivastava et al. 2014 ("Dropout", §4) and CS231n's
notes call p the probability of KEEPING a unit; torch.nn.Dropout's p is the
probability of DROPPING one. `keep_probability` turns either into the keep
probability q used below.

- Inverted dropout (torch.nn.Dropout, CS231n notes "Inverted dropout"): in training
  y = x * mask / q, so E[y] = x; at test time y = x.
- Original dropout (Srivastava et al. 2014, §4 and Fig. 2): in training y = x * mask,
  at test time the outgoing weights, hence the activations, are multiplied by q.
"""
from __future__ import annotations

import numpy as np

CONVENTIONS = ("drop", "keep")


def keep_probability(p, convention):
    """The keep probability q from a rate p stated as a drop ("drop") or keep ("keep") probability."""
    if convention not in CONVENTIONS:
        raise ValueError(f"convention must be 'drop' or 'keep', got {convention!r}")
    if not 0 <= p <= 1:
        raise ValueError(f"a dropout probability lies in [0, 1], got {p}")
    q = 1.0 - p if convention == "drop" else float(p)
    if q == 0:
        raise ValueError("a keep probability of 0 drops every unit; inverted dropout would divide by 0")
    return q


def inverted_scale(q):
    """1 / q: the factor kept units are multiplied by in training, so that E[y] = x."""
    return 1.0 / q


def _mask(x, mask):
    x, mask = np.asarray(x, dtype=float), np.asarray(mask)
    if x.shape != mask.shape or not np.all(np.isin(mask, (0, 1))):
        raise ValueError(f"mask must be 0/1 entries of the shape of x {x.shape}, got {mask!r}")
    return x, mask.astype(float)


def inverted_dropout_train(x, mask, q):
    """x * mask / q: the training-mode output of inverted dropout with keep probability q for this mask."""
    x, mask = _mask(x, mask)
    return x * mask * inverted_scale(q)


def original_dropout_train(x, mask):
    """x * mask: the training-mode output of the original (not inverted) dropout."""
    x, mask = _mask(x, mask)
    return x * mask


def original_dropout_test_factor(q):
    """q: the original dropout multiplies activations (outgoing weights) by q at test time."""
    return float(q)
