"""Attention forward: softmax, masks, scaled dot-product, self- and multi-head attention, positional encoding.

Conventions follow torch.nn.functional.scaled_dot_product_attention: rows are
tokens, the softmax runs over keys (the last axis), scores are scaled by
1/sqrt(d_k), and a boolean mask entry True means "this query may attend to this
key". Source for the layer: Vaswani et al. 2017, "Attention Is All You Need", §3.2.
Shapes and parameter counts live in qbank.core.attention_counts (re-exported here),
the backward pass in qbank.core.attention_backward.
"""
from __future__ import annotations

import numpy as np

from qbank.core.attention_counts import mha_activation_shapes, mha_param_count, mha_projection_shapes

__all__ = [
    "softmax", "softmax_steps", "attention_mask", "sdpa_steps", "scaled_dot_product_attention", "self_attention_steps",
    "self_attention", "multi_head_attention", "sinusoidal_positional_encoding",
    "mha_activation_shapes", "mha_param_count", "mha_projection_shapes",  # re-exported from attention_counts
]


def softmax(x, axis=-1):
    """softmax(x)_i = exp(x_i) / sum_j exp(x_j) along `axis` (Goodfellow et al. 2016, §6.2.2.3).

    Numerically stable: the row maximum is subtracted first, which leaves the
    result unchanged because softmax is invariant to adding a constant.
    """
    x = np.asarray(x, dtype=float)
    exp = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return exp / np.sum(exp, axis=axis, keepdims=True)


def softmax_steps(x):
    """The stable softmax of a vector as a person computes it: {"shifted": x - max(x),
    "exp": exp(shifted), "total": sum of exp, "out": exp / total}. Masked (-inf) entries give exp 0."""
    x = np.asarray(x, dtype=float)
    if x.ndim != 1 or not np.any(np.isfinite(x)):
        raise ValueError(f"softmax_steps takes a vector with a finite entry; got shape {x.shape}")
    shifted = x - np.max(x)  # (n,)
    exp = np.exp(shifted)  # (n,)
    return {"shifted": shifted, "exp": exp, "total": float(exp.sum()), "out": exp / exp.sum()}


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


def sdpa_steps(Q, K, V, mask=None, causal=False, scale=None):
    """Scaled dot-product attention with its working, for worked solutions.

    Returns {"scores": Q K^T, "scaled": Q K^T * scale (masked entries -inf),
    "allowed": the boolean mask or None, "weights": softmax of each row, "out": weights @ V};
    shapes and conventions (scale included) as scaled_dot_product_attention.
    """
    Q, K, V = (np.asarray(a, dtype=float) for a in (Q, K, V))
    _check_qkv(Q, K, V)
    scores = Q @ np.swapaxes(K, -1, -2)  # (..., Tq, Tk)
    # Dividing (not multiplying by 1/sqrt) keeps the default's floats what they were before `scale` existed.
    scaled = scores / np.sqrt(Q.shape[-1]) if scale is None else scores * float(scale)  # (..., Tq, Tk)
    allowed = attention_mask(Q.shape[-2], K.shape[-2], mask, causal)
    if allowed is not None:
        scaled = np.where(allowed, scaled, -np.inf)
    weights = softmax(scaled, axis=-1)  # (..., Tq, Tk)
    return {"scores": scores, "scaled": scaled, "allowed": allowed, "weights": weights, "out": weights @ V}


def scaled_dot_product_attention(Q, K, V, mask=None, causal=False, scale=None):
    """Attention(Q, K, V) = softmax(Q K^T / sqrt(d_k)) V (Vaswani et al. 2017, eq. 1).

    Q (..., Tq, dk), K (..., Tk, dk), V (..., Tk, dv); mask bool (Tq, Tk), True = may attend;
    masked scores become -inf before the softmax, as in torch. scale: the factor on Q K^T,
    None = 1/sqrt(d_k), as the `scale` argument of torch.nn.functional.scaled_dot_product_attention
    (scale=1 is the unscaled dot product). Returns (out (..., Tq, dv), weights (..., Tq, Tk));
    each row of weights sums to 1.
    """
    steps = sdpa_steps(Q, K, V, mask=mask, causal=causal, scale=scale)
    return steps["out"], steps["weights"]


def self_attention_steps(X, W_q, W_k, W_v, pos=None, causal=False):
    """Self-attention with its working: sdpa_steps plus "inputs" (X + pos), "Q", "K", "V".
    Shapes and conventions as self_attention."""
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
    Q, K, V = X @ W_q, X @ W_k, X @ W_v  # (T, dk), (T, dk), (T, dv)
    return {"inputs": X, "Q": Q, "K": K, "V": V, **sdpa_steps(Q, K, V, causal=causal)}


def self_attention(X, W_q, W_k, W_v, pos=None, causal=False):
    """Self-attention of a sequence: Q = (X + pos) W_q, K = (X + pos) W_k, V = (X + pos) W_v, then
    scaled dot-product attention (Vaswani et al. 2017, §3.2 and §3.5 for the added positional encoding).

    X (T, d) one token per row; W_q, W_k (d, dk); W_v (d, dv); pos (T, d) or None.
    Returns (out (T, dv), weights (T, T)).
    """
    steps = self_attention_steps(X, W_q, W_k, W_v, pos=pos, causal=causal)
    return steps["out"], steps["weights"]


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


def sinusoidal_positional_encoding(T, d):
    """PE[pos, 2i] = sin(pos / 10000^(2i/d)), PE[pos, 2i+1] = cos(pos / 10000^(2i/d)), pos = 0..T-1
    (Vaswani et al. 2017, §3.5). Returns (T, d)."""
    if int(T) != T or int(d) != d or T < 1 or d < 1:
        raise ValueError(f"T and d must be positive integers; got T={T}, d={d}")
    pair = 2 * (np.arange(d) // 2)  # (d,): the 2i of each column
    angles = np.arange(T)[:, None] / 10000.0 ** (pair / d)  # (T, d)
    return np.where(np.arange(d) % 2 == 0, np.sin(angles), np.cos(angles))
