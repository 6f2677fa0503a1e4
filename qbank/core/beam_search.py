"""Beam search over a next-token table, against greedy decoding and the exhaustive optimum.

The model gives p(y_1) and p(y_t | y_{t-1}) (a bigram table, so that it fits on paper); a sequence's
score is its probability, the product of its conditional probabilities, i.e. the sum of their logarithms
(Jurafsky & Martin, "Speech and language processing", 3rd ed. draft, §10.4; Graves 2012 §2). Beam search
with width k keeps, after each step, the k highest-scoring prefixes among all one-token extensions of the
prefixes it kept (Sutskever et al. 2014, §3.2 "a simple left-to-right beam search decoder"); greedy decoding is
width 1. All sequences here have the same length T (no end-of-sequence token), so no length normalization.
"""
from __future__ import annotations

import itertools

import numpy as np


def _check_table(start, transition):
    start, transition = np.asarray(start, dtype=float), np.asarray(transition, dtype=float)
    V = start.shape[0]
    if start.ndim != 1 or transition.shape != (V, V):
        raise ValueError(f"start must be (V,) and transition (V, V); got {start.shape} and {transition.shape}")
    if not (np.isclose(start.sum(), 1) and np.allclose(transition.sum(axis=1), 1)) or np.any(start < 0) \
            or np.any(transition < 0):
        raise ValueError("start and every row of transition must be probability vectors")
    return start, transition


def sequence_probability(sequence, start, transition):
    """p(y_1) * prod_t p(y_t | y_{t-1})."""
    start, transition = _check_table(start, transition)
    return _probability(sequence, start, transition)


def _probability(sequence, start, transition):
    prob = float(start[sequence[0]])
    for prev, cur in zip(sequence, sequence[1:]):
        prob *= float(transition[prev, cur])
    return prob


def beam_candidates(start, transition, steps, width):
    """Per step, every one-token extension of the kept prefixes as (sequence tuple, probability), best first;
    the first `width` of each step are kept. Equal scores keep the earlier sequence first (a stable sort)."""
    start, transition = _check_table(start, transition)
    if int(width) != width or width < 1 or int(steps) != steps or steps < 1:
        raise ValueError(f"width and steps must be positive integers; got {width}, {steps}")
    beam = [((), 1.0)]
    history = []
    for step in range(int(steps)):
        candidates = []
        for prefix, prob in beam:
            row = start if step == 0 else transition[prefix[-1]]
            candidates += [(prefix + (token,), prob * row[token]) for token in range(len(start))]
        candidates.sort(key=lambda c: -c[1])
        beam = candidates[:int(width)]
        history.append(candidates)
    return history


def beam_search(start, transition, steps, width):
    """The beam after each step: a list (one per step) of [(sequence tuple, probability)], best first."""
    return [candidates[:int(width)] for candidates in beam_candidates(start, transition, steps, width)]


def exhaustive_best(start, transition, steps):
    """The most probable sequence of length `steps` by trying all V^steps of them: (sequence, probability)."""
    start, transition = _check_table(start, transition)
    return max(((seq, _probability(seq, start, transition))
                for seq in itertools.product(range(len(start)), repeat=int(steps))), key=lambda c: c[1])
