"""Multi-head attention bookkeeping: weight shapes, activation shapes, parameter counts.

d_k = d_v = d_model / n_heads throughout, as in Vaswani et al. 2017, §3.2.2.
"""
from __future__ import annotations

import numpy as np


def mha_projection_shapes(d_model, n_heads):
    """Weight shapes of multi-head attention with d_k = d_v = d_model / n_heads (Vaswani et al. 2017, §3.2.2).

    Returns {"W_q_i", "W_k_i", "W_v_i": (d_model, d_k) per head, "W_o": (n_heads * d_v, d_model),
    "d_k": d_k, "d_v": d_v}.
    """
    if int(d_model) != d_model or int(n_heads) != n_heads or d_model < 1 or n_heads < 1:
        raise ValueError(f"d_model and n_heads must be positive integers; got {d_model}, {n_heads}")
    if d_model % n_heads:
        raise ValueError(f"d_model={d_model} is not divisible by n_heads={n_heads}")
    d_k = int(d_model) // int(n_heads)
    per_head = (int(d_model), d_k)
    return {"W_q_i": per_head, "W_k_i": per_head, "W_v_i": per_head, "W_o": (int(n_heads) * d_k, int(d_model)),
            "d_k": d_k, "d_v": d_k}


def mha_activation_shapes(seq_len, d_model, n_heads):
    """Activation shapes for one sequence of `seq_len` tokens: each head's Q_i/K_i/V_i and output
    (seq_len, d_k), the scores (seq_len, seq_len), the concatenation and the output (seq_len, d_model)."""
    d_k = mha_projection_shapes(d_model, n_heads)["d_k"]
    if int(seq_len) != seq_len or seq_len < 1:
        raise ValueError(f"seq_len must be a positive integer; got {seq_len}")
    T = int(seq_len)
    return {"head": (T, d_k), "scores": (T, T), "concat": (T, int(d_model)), "out": (T, int(d_model))}


def mha_param_count(d_model, n_heads, bias=True):
    """Parameters of multi-head attention with d_k = d_v = d_model / n_heads: the four (d_model, d_model)
    projections W_q, W_k, W_v, W_o plus, with bias, four d_model biases — 4 d^2 + 4 d, the count of
    torch.nn.MultiheadAttention(d_model, n_heads, bias=bias). n_heads does not change it."""
    shapes = mha_projection_shapes(d_model, n_heads)
    weights = 3 * n_heads * np.prod(shapes["W_q_i"]) + np.prod(shapes["W_o"])
    return int(weights + (4 * d_model if bias else 0))
