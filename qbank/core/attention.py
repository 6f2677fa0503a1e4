"""Attention: softmax, scaled dot-product, self- and multi-head attention, its gradient and shape facts.

Conventions follow torch.nn.functional.scaled_dot_product_attention: rows are
tokens, the softmax runs over keys (the last axis), scores are scaled by
1/sqrt(d_k), and a boolean mask entry True means "this query may attend to this
key". Source for the layer: Vaswani et al. 2017, "Attention Is All You Need", §3.2.
"""
from __future__ import annotations

import numpy as np


def softmax(x, axis=-1):
    """softmax(x)_i = exp(x_i) / sum_j exp(x_j) along `axis` (Goodfellow et al. 2016, §6.2.2.3).

    Numerically stable: the row maximum is subtracted first, which leaves the
    result unchanged because softmax is invariant to adding a constant.
    """
    x = np.asarray(x, dtype=float)
    exp = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return exp / np.sum(exp, axis=axis, keepdims=True)


def _check_qkv(Q, K, V):
    if Q.ndim < 2 or K.ndim < 2 or V.ndim < 2:
        raise ValueError(f"Q, K, V need at least 2 dimensions (..., T, d); got Q {Q.shape}, K {K.shape}, V {V.shape}")
    if Q.shape[-1] != K.shape[-1]:
        raise ValueError(f"Q {Q.shape} and K {K.shape} must share the last dimension d_k")
    if K.shape[-2] != V.shape[-2]:
        raise ValueError(f"K {K.shape} and V {V.shape} must have the same number of rows T_k")


def attention_mask(Tq, Tk, mask=None, causal=False):
    """The boolean (Tq, Tk) matrix of allowed (query, key) pairs, True = may attend.

    causal: query i sees keys j <= i, aligned at the top left as torch's
    `is_causal=True` (torch.ones(Tq, Tk).tril()). Returns None when nothing is masked.
    """
    allowed = None
    if mask is not None:
        mask = np.asarray(mask)
        if mask.dtype != bool or mask.shape[-2:] != (Tq, Tk):
            raise ValueError(f"mask must be boolean of shape ({Tq}, {Tk}); got {mask.dtype} {mask.shape}")
        allowed = mask
    if causal:
        lower = np.tril(np.ones((Tq, Tk), dtype=bool))  # (Tq, Tk)
        allowed = lower if allowed is None else allowed & lower
    if allowed is not None and not np.all(allowed.any(axis=-1)):
        row = int(np.argwhere(~allowed.any(axis=-1))[0][-1])
        raise ValueError(f"query row {row} may attend to no key: a fully masked row has no softmax")
    return allowed


def scaled_dot_product_attention(Q, K, V, mask=None, causal=False):
    """Attention(Q, K, V) = softmax(Q K^T / sqrt(d_k)) V (Vaswani et al. 2017, eq. 1).

    Q (..., Tq, dk), K (..., Tk, dk), V (..., Tk, dv); mask bool (Tq, Tk), True = may attend;
    masked scores become -inf before the softmax, as in torch. Returns (out (..., Tq, dv),
    weights (..., Tq, Tk)); each row of weights sums to 1.
    """
    Q, K, V = (np.asarray(a, dtype=float) for a in (Q, K, V))
    _check_qkv(Q, K, V)
    scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(Q.shape[-1])  # (..., Tq, Tk)
    allowed = attention_mask(Q.shape[-2], K.shape[-2], mask, causal)
    if allowed is not None:
        scores = np.where(allowed, scores, -np.inf)
    weights = softmax(scores, axis=-1)  # (..., Tq, Tk)
    return weights @ V, weights  # (..., Tq, dv)


def self_attention(X, W_q, W_k, W_v, pos=None, causal=False):
    """Self-attention of a sequence: Q = (X + pos) W_q, K = (X + pos) W_k, V = (X + pos) W_v, then
    scaled dot-product attention (Vaswani et al. 2017, §3.2 and §3.5 for the added positional encoding).

    X (T, d) one token per row; W_q, W_k (d, dk); W_v (d, dv); pos (T, d) or None.
    Returns (out (T, dv), weights (T, T)).
    """
    X = np.asarray(X, dtype=float)
    W_q, W_k, W_v = (np.asarray(w, dtype=float) for w in (W_q, W_k, W_v))
    if X.ndim != 2:
        raise ValueError(f"X must be (T, d) with one token per row; got shape {X.shape}")
    for name, w in (("W_q", W_q), ("W_k", W_k), ("W_v", W_v)):
        if w.ndim != 2 or w.shape[0] != X.shape[1]:
            raise ValueError(f"{name} must be ({X.shape[1]}, d_out) for X {X.shape}; got shape {w.shape}")
    if pos is not None:
        pos = np.asarray(pos, dtype=float)
        if pos.shape != X.shape:
            raise ValueError(f"pos must have the shape of X {X.shape}; got {pos.shape}")
        X = X + pos  # (T, d)
    return scaled_dot_product_attention(X @ W_q, X @ W_k, X @ W_v, causal=causal)


def multi_head_attention(X, W_q, W_k, W_v, W_o, n_heads, causal=False):
    """MultiHead(X) = Concat(head_1, ..., head_h) W_o, head_i = Attention(X W_q^i, X W_k^i, X W_v^i)
    (Vaswani et al. 2017, §3.2.2), without biases.

    X (T, d_model); W_q, W_k, W_v, W_o (d_model, d_model). Head i uses columns
    i*d_k ... (i+1)*d_k - 1 of W_q, W_k, W_v (d_k = d_model / n_heads), the split that
    torch.nn.MultiheadAttention makes (its weights are the transposes: it computes x @ W^T).
    Returns out (T, d_model).
    """
    X = np.asarray(X, dtype=float)
    if X.ndim != 2:
        raise ValueError(f"X must be (T, d_model); got shape {X.shape}")
    T, d_model = X.shape
    d_k = mha_projection_shapes(d_model, n_heads)["d_k"]
    mats = [np.asarray(w, dtype=float) for w in (W_q, W_k, W_v, W_o)]
    for name, w in zip(("W_q", "W_k", "W_v", "W_o"), mats):
        if w.shape != (d_model, d_model):
            raise ValueError(f"{name} must be ({d_model}, {d_model}) for X {X.shape}; got {w.shape}")

    def heads(W):  # (n_heads, T, d_k): column block i of X @ W is head i
        return (X @ W).reshape(T, n_heads, d_k).transpose(1, 0, 2)

    out, _ = scaled_dot_product_attention(heads(mats[0]), heads(mats[1]), heads(mats[2]), causal=causal)
    concat = out.transpose(1, 0, 2).reshape(T, d_model)  # (T, d_model)
    return concat @ mats[3]


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


def sinusoidal_positional_encoding(T, d):
    """PE[pos, 2i] = sin(pos / 10000^(2i/d)), PE[pos, 2i+1] = cos(pos / 10000^(2i/d)), pos = 0..T-1
    (Vaswani et al. 2017, §3.5). Returns (T, d)."""
    if int(T) != T or int(d) != d or T < 1 or d < 1:
        raise ValueError(f"T and d must be positive integers; got T={T}, d={d}")
    pair = 2 * (np.arange(d) // 2)  # (d,): the 2i of each column
    angles = np.arange(T)[:, None] / 10000.0 ** (pair / d)  # (T, d)
    return np.where(np.arange(d) % 2 == 0, np.sin(angles), np.cos(angles))


def sdpa_backward_steps(Q, K, V, d_out, mask=None, causal=False):
    """Every factor of the chain rule through out = A V, A = softmax(S), S = Q K^T / sqrt(d_k).

    d_out = dL/d(out) (..., Tq, dv). With the softmax Jacobian dA_i/dS_j = A_i (delta_ij - A_j)
    (Goodfellow et al. 2016, §6.2.2.3), row by row: dL/dS = A * (dL/dA - rowsum(dL/dA * A));
    the same formulas as the FlashAttention backward pass (Dao et al. 2022, Appendix B.2).
    Returns {"weights": A, "d_weights": dL/dA = d_out V^T, "d_scores": dL/dS,
    "dQ": dL/dS K / sqrt(d_k), "dK": (dL/dS)^T Q / sqrt(d_k), "dV": A^T d_out}.
    """
    Q, K, V, d_out = (np.asarray(a, dtype=float) for a in (Q, K, V, d_out))
    out, A = scaled_dot_product_attention(Q, K, V, mask=mask, causal=causal)  # A (..., Tq, Tk)
    if d_out.shape != out.shape:
        raise ValueError(f"d_out must have the output's shape {out.shape}; got {d_out.shape}")
    scale = 1.0 / np.sqrt(Q.shape[-1])
    d_weights = d_out @ np.swapaxes(V, -1, -2)  # (..., Tq, Tk)
    d_scores = A * (d_weights - np.sum(d_weights * A, axis=-1, keepdims=True))  # (..., Tq, Tk)
    return {"weights": A, "d_weights": d_weights, "d_scores": d_scores,
            "dQ": d_scores @ K * scale,  # (..., Tq, dk)
            "dK": np.swapaxes(d_scores, -1, -2) @ Q * scale,  # (..., Tk, dk)
            "dV": np.swapaxes(A, -1, -2) @ d_out}  # (..., Tk, dv)


def sdpa_backward(Q, K, V, d_out, mask=None, causal=False):
    """(dL/dQ, dL/dK, dL/dV) of scaled dot-product attention given d_out = dL/d(out); see sdpa_backward_steps."""
    steps = sdpa_backward_steps(Q, K, V, d_out, mask=mask, causal=causal)
    return steps["dQ"], steps["dK"], steps["dV"]
