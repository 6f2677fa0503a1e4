"""Modelled mistakes for attention with exact fractions (attention/sdpa-exact), kept exact.

The question's scaled scores are ln M (Q = sqrt(d_k) ln(M K) with a permutation matrix K),
so the weights are M with each row divided by its sum (qbank.core.attention_facts.
rational_attention). The slips stay rational, so the options print as fractions too:
the softmax down each column (M with each column divided by its sum, which is the
row-normalized M^T, transposed), the weights transposed before multiplying V, and
Q read as the scores (K^T left out: the weights of ln(M K) instead of ln M).
Forgetting 1/sqrt(d_k) would give M^sqrt(d_k), irrational for d_k = 2, 3: not modelled.
"""
from __future__ import annotations

import numpy as np

from qbank.core.attention_facts import rational_attention
from qbank.distractors.mistakes.attention import LABELS
from qbank.distractors.registry import mistake

EXACT = "attention/sdpa-exact"


def _column_normalized(p):
    """M with each column divided by its sum: rational_attention's row normalization applied to M^T."""
    M = np.asarray(p["M"])  # (Tq, Tk)
    ones = np.ones((M.shape[0], 1), dtype=int)  # any V with Tq rows: only the weights are used
    return rational_attention(M.T, ones)[1].T  # (Tq, Tk)


def _transposed_out(p):
    weights = rational_attention(p["M"], p["V"])[1]  # (Tq, Tk); A^T V needs Tq = Tk
    return weights.T.dot(np.asarray(p["V"], dtype=object)) if weights.shape[0] == weights.shape[1] else None


def _without_k(p):
    return rational_attention(np.asarray(p["M"]) @ np.asarray(p["K"]), p["V"])  # scores ln(M K): (out, weights)


mistake(EXACT, LABELS["wrong_axis"], part="weights")(_column_normalized)
mistake(EXACT, LABELS["wrong_axis"], part="out")(lambda p: _column_normalized(p).dot(np.asarray(p["V"], dtype=object)))
mistake(EXACT, LABELS["transposed"], part="out")(_transposed_out)
mistake(EXACT, "left out the product with K transposed (took Q itself as the scores)", part="weights")(
    lambda p: _without_k(p)[1])
mistake(EXACT, "left out the product with K transposed (took Q itself as the scores)", part="out")(
    lambda p: _without_k(p)[0])
