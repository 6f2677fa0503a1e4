"""Connectionist temporal classification: collapsing alignments, best-path decoding, the probability of a labelling.

Graves, Fernandez, Gomez & Schmidhuber 2006, "Connectionist temporal classification", §3.1: a path pi of
length T over the labels plus a blank maps to a labelling by B, which first merges repeated labels and then
removes the blanks, e.g. B(a-ab-) = B(-aa--abb) = aab. p(l | x) is the sum over all paths with B(pi) = l of
prod_t y^t_{pi_t} (eq. 3), computed by the forward variables alpha over the labelling with blanks inserted
(§4.1, eqs. 5-8). Best-path (greedy) decoding takes the most probable label at each frame and collapses
(§3.2); it need not find the most probable labelling. Labels are integers; `blank` is the blank's index.
"""
from __future__ import annotations

import itertools

import numpy as np


def collapse(path, blank=0):
    """B(path): merge runs of the same symbol, then drop blanks."""
    merged = [s for i, s in enumerate(path) if i == 0 or s != path[i - 1]]
    return tuple(int(s) for s in merged if s != blank)


def _frames(probs):
    """probs as a (T, K) array whose every frame is a probability vector over the K symbols."""
    probs = np.asarray(probs, dtype=float)
    if probs.ndim != 2 or probs.size == 0 or np.any(probs < 0) or not np.allclose(probs.sum(axis=1), 1.0):
        raise ValueError(f"probs must be (frames, symbols), each frame nonnegative and summing to 1; "
                         f"got {probs.tolist()}")
    return probs


def best_path(probs, blank=0):
    """(path, probability, labelling) of best-path decoding: the argmax at each frame of probs (T, K)."""
    probs = _frames(probs)
    path = tuple(int(k) for k in np.argmax(probs, axis=1))
    return path, float(np.prod(probs[np.arange(len(path)), path])), collapse(path, blank)


def _labels(labelling, n_symbols, blank):
    """The labelling as a tuple of ints, each a symbol index below n_symbols other than the blank."""
    for label in labelling:
        if not isinstance(label, (int, np.integer)) or label == blank or not 0 <= label < n_symbols:
            shown = repr(str(label)) if isinstance(label, str) else label  # np.str_('a') as 'a'
            raise ValueError(f"a label must be a symbol index other than the blank ({blank}) below {n_symbols}; "
                             f"got {shown}")
    return tuple(int(label) for label in labelling)


def alignments(labelling, frames, n_symbols, blank=0):
    """Every path of `frames` symbols (of n_symbols, blank included) that collapses to `labelling`, by brute force."""
    target = _labels(labelling, n_symbols, blank)
    return [p for p in itertools.product(range(n_symbols), repeat=int(frames)) if collapse(p, blank) == target]


def labelling_probability(probs, labelling, blank=0):
    """p(labelling | x) by the CTC forward recursion (Graves et al. 2006, eqs. 6-8); probs is (T, K)."""
    probs = _frames(probs)
    extended = [blank]
    for label in _labels(labelling, probs.shape[1], blank):
        extended += [label, blank]
    T, S = probs.shape[0], len(extended)
    alpha = np.zeros((T, S))
    alpha[0, 0] = probs[0, blank]
    if S > 1:
        alpha[0, 1] = probs[0, extended[1]]
    for t in range(1, T):
        for s in range(S):
            total = alpha[t - 1, s] + (alpha[t - 1, s - 1] if s >= 1 else 0.0)
            if s >= 2 and extended[s] != blank and extended[s] != extended[s - 2]:
                total += alpha[t - 1, s - 2]  # skip the blank between two different labels
            alpha[t, s] = total * probs[t, extended[s]]
    return float(alpha[T - 1, S - 1] + (alpha[T - 1, S - 2] if S > 1 else 0.0))
