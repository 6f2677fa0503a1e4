"""Facts about attention that exam questions ask for: exact weights, invariances, scaled heads, a verbalizer.

Each fact is decided by computing with the functions of qbank.core.attention,
so a question's key never rests on a typed-in claim.
"""
from __future__ import annotations

from fractions import Fraction

import numpy as np

from qbank.core.attention import softmax

_PROBE = np.array([0.0, 1.0])  # any non-constant vector: softmax(c v) then reveals c (see below)


def _same(a, b):
    return bool(np.allclose(a, b, rtol=0.0, atol=1e-12))


def rational_attention(M, V):
    """Exact scaled dot-product attention when the scaled scores are S = ln M (M > 0 rational).

    softmax(ln m)_j = m_j / sum_k m_k, so the weights are the row-normalized M and
    the output (weights @ V) is rational too. This is how a question with exact
    answers is built backwards: Q = sqrt(d_k) ln(M) K for an orthogonal K gives
    Q K^T / sqrt(d_k) = ln M. M (Tq, Tk), V (Tk, dv) of ints or Fractions.
    Returns (out (Tq, dv), weights (Tq, Tk)) as object arrays of Fractions.
    """
    M = np.vectorize(Fraction, otypes=[object])(np.asarray(M, dtype=object))  # (Tq, Tk)
    V = np.vectorize(Fraction, otypes=[object])(np.asarray(V, dtype=object))  # (Tk, dv)
    if M.ndim != 2 or V.ndim != 2 or M.shape[1] != V.shape[0]:
        raise ValueError(f"M must be (Tq, Tk) and V (Tk, dv); got M {M.shape}, V {V.shape}")
    if np.any(M <= 0):
        raise ValueError("every entry of M must be positive: the scores are ln M")
    weights = M / M.sum(axis=1, keepdims=True)  # (Tq, Tk)
    return weights.dot(V), weights


def head_scaling_effect(q_scale, k_scale, v_scale):
    """Whether a head whose W_Q, W_K, W_V are multiplied by q_scale, k_scale, v_scale keeps, for every
    input, the same attention probabilities P and the same output Z.  Returns (P_equal, Z_equal).

    The scaled scores become c S with c = q_scale * k_scale. softmax(c S) = softmax(S) for
    every S exactly when c = 1 (shift, not scale, invariance: Goodfellow et al. 2016, §6.2.2.3),
    which the probe S = [0, 1] decides: softmax([0, c]) is strictly monotone in c.
    Then Z' = P' (v_scale V): equal for every V exactly when P' = P and v_scale = 1.
    """
    score_factor = float(q_scale) * float(k_scale)
    weights_equal = _same(softmax(score_factor * _PROBE), softmax(_PROBE))
    output_equal = weights_equal and _same(float(v_scale) * softmax(_PROBE), softmax(_PROBE))
    return weights_equal, output_equal


def softmax_affine_constancy(v_coef, ones_coef):
    """For g(s, t) = softmax(a(s, t) v + b(s, t) 1_K) with a = v_coef[0] s + v_coef[1] t + v_coef[2]
    and b = ones_coef[0] s + ones_coef[1] t + ones_coef[2], and a general v (not a multiple of 1_K):
    returns (constant in s, constant in t).

    log g_i - log g_j = a(s, t) (v_i - v_j): the shift b never matters (softmax is shift
    invariant) and g changes with a. The log-ratios are affine in (s, t), so comparing g at
    (0, 0) with g at (1, 0) and at (0, 1), for the probe v = [0, 1], decides both.
    """
    def g(s, t):
        a = v_coef[0] * s + v_coef[1] * t + v_coef[2]
        b = ones_coef[0] * s + ones_coef[1] * t + ones_coef[2]
        return softmax(float(a) * _PROBE + float(b))

    return _same(g(1, 0), g(0, 0)), _same(g(0, 1), g(0, 0))


def verbalizer_prediction(h, w_good, w_bad):
    """Prompt-based sentiment from a language model's last hidden state h (Schick & Schuetze 2021):
    +1 when P(next word = "good") >= P("bad"), else -1. The softmax over the vocabulary is
    monotone, so this compares the logits w_good . h and w_bad . h (the two rows of the output
    matrix). Returns (logit_good, logit_bad, prediction)."""
    h, w_good, w_bad = (np.asarray(a, dtype=float) for a in (h, w_good, w_bad))
    if not (h.ndim == 1 and w_good.shape == h.shape and w_bad.shape == h.shape):
        raise ValueError(f"h, w_good, w_bad must be vectors of one length; got {h.shape}, {w_good.shape}, {w_bad.shape}")
    logit_good, logit_bad = float(w_good @ h), float(w_bad @ h)
    return logit_good, logit_bad, 1 if logit_good >= logit_bad else -1
