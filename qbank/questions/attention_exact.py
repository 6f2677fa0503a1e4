"""Exact sympy attention: the independent path that the attention templates' cross-checks use.

Written from the definitions (Vaswani et al. 2017, eq. 1; softmax as exp over the
sum of exp) without numpy, so an error in qbank.core.attention cannot repeat here.
Floats enter as the rationals they print as; sqrt and exp stay symbolic until `numeric`.
"""
from __future__ import annotations

from fractions import Fraction

import numpy as np
from qbank.lazy import sympy


def exact(value):
    """A sympy Matrix (or number) from ints, Fractions, floats (by their repr) or sympy values."""
    if isinstance(value, sympy.MatrixBase):
        return sympy.Matrix(value)
    if isinstance(value, (list, tuple, np.ndarray)):
        arr = np.asarray(value, dtype=object)
        arr = arr.reshape(1, -1) if arr.ndim == 1 else arr
        return sympy.Matrix(arr.shape[0], arr.shape[1], [exact(v) for v in arr.flat])
    if isinstance(value, sympy.Basic):
        return value
    if isinstance(value, Fraction):
        return sympy.Rational(value.numerator, value.denominator)
    if isinstance(value, (float, np.floating)):
        return sympy.Rational(repr(float(value)))
    return sympy.Integer(int(value))


def softmax_row(row, allowed=None):
    """exp(x_j) / sum_k exp(x_k) over the allowed entries; masked entries are exactly 0."""
    allowed = [True] * len(row) if allowed is None else list(allowed)
    total = sum(sympy.exp(x) for x, ok in zip(row, allowed) if ok)
    return [sympy.exp(x) / total if ok else sympy.Integer(0) for x, ok in zip(row, allowed)]


def sdpa(Q, K, V, causal=False):
    """(out, weights, scaled scores) of softmax(Q K^T / sqrt(d_k)) V as sympy matrices."""
    Q, K, V = exact(Q), exact(K), exact(V)
    scaled = Q * K.T / sympy.sqrt(Q.cols)
    rows = [softmax_row(list(scaled.row(i)), [j <= i or not causal for j in range(K.rows)])
            for i in range(Q.rows)]
    weights = sympy.Matrix(rows)
    return weights * V, weights, scaled


def self_attention(X, W_q, W_k, W_v, pos=None, causal=False):
    """(out, weights) of self-attention with inputs X + pos, as sympy matrices."""
    X = exact(X) + (exact(pos) if pos is not None else sympy.zeros(*np.shape(X)))
    out, weights, _ = sdpa(X * exact(W_q), X * exact(W_k), X * exact(W_v), causal=causal)
    return out, weights


def numeric(matrix):
    """A sympy matrix evaluated to a float numpy array (30 significant digits, then float)."""
    return np.array(sympy.Matrix(matrix).evalf(30).tolist(), dtype=float)


def close(a, b, tol=1e-9):
    """True when two arrays agree entry-wise within `tol` (and have the same shape)."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return a.shape == b.shape and bool(np.all(np.abs(a - b) <= tol))
