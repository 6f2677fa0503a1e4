"""The backward pass of scaled dot-product attention, factor by factor for worked solutions."""
from __future__ import annotations

import numpy as np

from qbank.core.attention import scaled_dot_product_attention


def sdpa_backward_steps(Q, K, V, d_out, mask=None, causal=False):
    """Every factor of the chain rule through out = A V, A = softmax(S), S = Q K^T / sqrt(d_k).

    d_out = dL/d(out) (..., Tq, dv). With the softmax Jacobian dA_i/dS_j = A_i (delta_ij - A_j)
    (Goodfellow et al. 2016, §6.2.2.3), row by row: dL/dS = A * (dL/dA - rowsum(dL/dA * A));
    the same formulas as the FlashAttention backward pass (Dao et al. 2022, Appendix B.2).
    Returns {"weights": A, "d_weights": dL/dA = d_out V^T, "row_dot": rowsum(dL/dA * A), "d_scores": dL/dS,
    "dQ": dL/dS K / sqrt(d_k), "dK": (dL/dS)^T Q / sqrt(d_k), "dV": A^T d_out}.
    """
    Q, K, V, d_out = (np.asarray(a, dtype=float) for a in (Q, K, V, d_out))
    out, A = scaled_dot_product_attention(Q, K, V, mask=mask, causal=causal)  # A (..., Tq, Tk)
    if d_out.shape != out.shape:
        raise ValueError(f"d_out must have the output's shape {out.shape}; got {d_out.shape}")
    scale = 1.0 / np.sqrt(Q.shape[-1])
    d_weights = d_out @ np.swapaxes(V, -1, -2)  # (..., Tq, Tk)
    row_dot = np.sum(d_weights * A, axis=-1)  # (..., Tq): sum_k (dL/dA)_ik A_ik
    d_scores = A * (d_weights - row_dot[..., None])  # (..., Tq, Tk)
    return {"weights": A, "d_weights": d_weights, "row_dot": row_dot, "d_scores": d_scores,
            "dQ": d_scores @ K * scale,  # (..., Tq, dk)
            "dK": np.swapaxes(d_scores, -1, -2) @ Q * scale,  # (..., Tk, dk)
            "dV": np.swapaxes(A, -1, -2) @ d_out}  # (..., Tk, dv)


def sdpa_backward(Q, K, V, d_out, mask=None, causal=False):
    """(dL/dQ, dL/dK, dL/dV) of scaled dot-product attention given d_out = dL/d(out); see sdpa_backward_steps."""
    steps = sdpa_backward_steps(Q, K, V, d_out, mask=mask, causal=causal)
    return steps["dQ"], steps["dK"], steps["dV"]
