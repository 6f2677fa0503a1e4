"""Sampling-time decoding: temperature scaling and the top-p (nucleus) set.

Temperature (Ackley, Hinton & Sejnowski 1985; Hinton, Vinyals & Dean 2015, eq. 1): p_i = softmax(z / T)_i;
T < 1 sharpens the distribution, T > 1 flattens it, T = 1 leaves it. Nucleus sampling (Holtzman et al. 2020,
"The curious case of neural text degeneration", §3.1, eq. 2): the top-p vocabulary is the smallest set of the
most probable tokens whose probabilities sum to at least p; the sampling distribution is p renormalized
over that set (eq. 3) and zero elsewhere.
"""
from __future__ import annotations

import numpy as np

from qbank.core.attention import softmax


def temperature_softmax(logits, temperature):
    """softmax(logits / T) over the last axis; T must be positive."""
    if not temperature > 0:
        raise ValueError(f"the temperature must be positive; got {temperature}")
    logits = np.asarray(logits, dtype=float)
    if logits.size == 0:
        raise ValueError("the logits must not be empty")
    return softmax(logits / float(temperature), axis=-1)


def nucleus(probs, top_p):
    """Indices of the top-p set, most probable first: sorted by descending probability (ties: lower index
    first), cut after the first prefix whose sum reaches top_p."""
    probs = np.asarray(probs, dtype=float)
    if not 0 < top_p <= 1:
        raise ValueError(f"top_p must lie in (0, 1]; got {top_p}")
    order = np.argsort(-probs, kind="stable")
    cumulative = np.cumsum(probs[order])
    size = int(np.searchsorted(cumulative, top_p - 1e-12)) + 1  # first prefix sum >= top_p (rounding forgiven)
    return order[:min(size, len(order))]


def nucleus_distribution(probs, top_p):
    """The sampling distribution of nucleus sampling: probs renormalized over the top-p set, 0 elsewhere."""
    probs = np.asarray(probs, dtype=float)
    keep = nucleus(probs, top_p)
    out = np.zeros_like(probs)
    out[keep] = probs[keep] / probs[keep].sum()
    return out
