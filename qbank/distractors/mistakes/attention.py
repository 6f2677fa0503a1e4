"""Modelled mistakes for scaled dot-product attention: the scaling, the softmax axis, the mask, Q and K, A^T V.

Attention is out = A V with A = softmax(Q K^T / sqrt(d_k)) taken along each row,
i.e. over the keys (Vaswani et al. 2017, eq. 1; torch.nn.functional.scaled_dot_product_attention).
Each slip reruns qbank.core.attention with one thing changed: the scale (1 or 1/d_k
instead of 1/sqrt(d_k), the core's `scale` argument), the softmax axis (core softmax
with axis=-2, so each column sums to 1), the causal mask left off, K in place of Q, or
the weights transposed before multiplying V. `slipped` serves the other attention modules too.
Labels are plain words: they are printed in LaTeX and in text without escaping.
"""
from __future__ import annotations

import numpy as np

from qbank.core.attention import sdpa_steps, self_attention_steps, softmax
from qbank.core.attention_backward import sdpa_backward_steps
from qbank.distractors.registry import mistake

LABELS = {
    "no_scale": "forgot to divide the scores by the square root of the key dimension",
    "by_dk": "divided the scores by the key dimension instead of by its square root",
    "wrong_axis": "took the softmax down each column (over the queries) instead of along each row (over the keys)",
    "no_mask": "forgot the causal mask",
    "k_for_q": "used the keys in place of the queries in the scores (K times K transposed)",
    "transposed": "multiplied V by the transposed attention weights",
}


def slipped(Q, K, V, slip, causal=False):
    """sdpa_steps' {"scores", "scaled", "weights", "out"} with `slip` (a key of LABELS) applied;
    None where the slip cannot be made or changes nothing (d_k = 1 has sqrt(d_k) = d_k = 1)."""
    d_k = np.shape(Q)[-1]
    if slip in ("no_scale", "by_dk"):
        return None if d_k == 1 else sdpa_steps(Q, K, V, causal=causal, scale=1.0 if slip == "no_scale" else 1 / d_k)
    if slip == "no_mask":
        return sdpa_steps(Q, K, V) if causal else None
    if slip == "k_for_q":  # K K^T has the shape of Q K^T only when there are as many queries as keys
        return sdpa_steps(K, K, V, causal=causal) if np.shape(K) == np.shape(Q) else None
    steps = sdpa_steps(Q, K, V, causal=causal)
    if slip == "wrong_axis":
        weights = softmax(steps["scaled"], axis=-2)  # (Tq, Tk): columns sum to 1
        if not np.all(np.isfinite(weights)):
            return None  # a column masked everywhere has no softmax
        return {**steps, "weights": weights, "out": weights @ V}  # (Tq, dv)
    if slip == "transposed":
        weights = steps["weights"]  # (Tq, Tk); A^T V needs Tq = Tk
        return {**steps, "out": weights.T @ V} if weights.shape[0] == weights.shape[1] else None
    raise ValueError(f"unknown attention slip {slip!r}; known: {', '.join(LABELS)}")


def register(template_id, part, slips, qkv, entry=None):
    """Register each slip for `template_id`'s `part`, with qkv(params) -> (Q, K, V, causal): the wrong
    value is the slipped steps' `entry` (scores, scaled, weights or out; default: the part's name)."""
    for slip in slips:
        def wrong(params, slip=slip):
            Q, K, V, causal = qkv(params)
            steps = slipped(Q, K, V, slip, causal)
            return None if steps is None else steps[entry or part]

        mistake(template_id, LABELS[slip], part=part)(wrong)


def _given(causal):
    return lambda p: (p["Q"], p["K"], p["V"], causal)


def _projected(p):
    steps = self_attention_steps(p["X"], p["W_q"], p["W_k"], p["W_v"])
    return steps["Q"], steps["K"], steps["V"], False


# choose() takes the modelled mistakes in the order registered: the slips each question is about come first.
WEIGHTS = ("no_scale", "wrong_axis", "k_for_q", "by_dk")
OUT = ("no_scale", "wrong_axis", "transposed", "k_for_q", "by_dk")
register("attention/sdpa-steps", "scores", ["k_for_q"], _given(False))
register("attention/sdpa-steps", "scaled", ["no_scale", "by_dk", "k_for_q"], _given(False))
register("attention/sdpa-steps", "weights", WEIGHTS, _given(False))
register("attention/sdpa-steps", "out", OUT, _given(False))
register("attention/causal-mask", "weights", ("no_mask",) + WEIGHTS, _given(True))
register("attention/causal-mask", "out", ("no_mask",) + OUT, _given(True))
register("attention/self-attention", "weights", WEIGHTS, _projected)
register("attention/self-attention", "out", OUT, _projected)
register("attention/grad-q", "weights", ("no_scale", "wrong_axis"), _given(False))


@mistake("attention/sdpa-steps", "gave the scaled scores", part="scores")
def _scores_scaled(p):
    return sdpa_steps(p["Q"], p["K"], p["V"])["scaled"]


@mistake("attention/sdpa-steps", "gave the shape of the attention weights", part="shape")
def _shape_of_weights(p):
    return sdpa_steps(p["Q"], p["K"], p["V"])["weights"].shape


@mistake("attention/sdpa-steps", "gave one row per key (the shape of V)", part="shape")
def _shape_of_values(p):
    return np.shape(p["V"])


@mistake("attention/grad-q", "kept only the diagonal of the softmax Jacobian (A times dL/dA)", part="d_scores")
def _diagonal_jacobian(p):
    steps = sdpa_backward_steps(p["Q"], p["K"], p["V"], p["d_out"])
    return steps["weights"] * steps["d_weights"]  # (Tq, Tk): the row sum term left out


@mistake("attention/grad-q", "left out the division by the square root of the key dimension in the chain rule",
         part="dQ")
def _dq_unscaled(p):
    d_k = np.shape(p["Q"])[-1]
    if d_k == 1:
        return None
    # dQ = dL/dS K / sqrt(d_k) (Vaswani et al. 2017, eq. 1, differentiated); the slip keeps dL/dS K
    return sdpa_backward_steps(p["Q"], p["K"], p["V"], p["d_out"])["dQ"] * np.sqrt(d_k)  # (Tq, dk)
