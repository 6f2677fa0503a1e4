"""Attention template with exact answers, built backwards (seed 004 q7).

The weights are chosen first as a matrix M of small positive integers; with a
permutation matrix K (so K K^T = I) the queries Q = sqrt(d_k) ln(M) K give scaled
scores Q K^T / sqrt(d_k) = ln M, and softmax(ln m) = m / sum(m): every weight and
output entry is a fraction. The key comes from qbank.core.attention_facts.rational_attention;
the cross-check runs the whole attention in sympy from Q as printed.
"""
from __future__ import annotations

import numpy as np

from qbank import Exact, template
from qbank.check.predicates import equal_rows
from qbank.core.attention_facts import rational_attention
from qbank.errors import InputError
from qbank.lazy import sympy
from qbank.questions import attention_exact as ex


def _require_permutation(K):
    """The key assumes K K^T = I with K permuting columns; any other pinned K would get a wrong key."""
    K = np.asarray(K)
    square = K.ndim == 2 and K.shape[0] == K.shape[1] > 0
    if not (square and np.isin(K, (0, 1)).all() and (K.sum(axis=0) == 1).all() and (K.sum(axis=1) == 1).all()):
        raise InputError(f"template attention/sdpa-exact: K must be a permutation matrix (one 1 in every row and "
                         f"column, zeros elsewhere), got {K.tolist()}")


def _check(params, answers):
    M, K = np.asarray(params["M"], dtype=int), np.asarray(params["K"], dtype=int)
    d_k = K.shape[1]
    Q = sympy.sqrt(d_k) * sympy.Matrix((M @ K).tolist()).applyfunc(sympy.log)  # Q as the question prints it
    out, weights, _ = ex.sdpa(Q, K, params["V"])  # sympy folds exp(ln m) = m
    assert weights.applyfunc(sympy.nsimplify) == ex.exact(answers["weights"])
    assert out.applyfunc(sympy.nsimplify) == ex.exact(answers["out"])


@template("attention/sdpa-exact", topic="attention", points=4, title="Attention with exact fractions",
          question="tex/attention/sdpa-exact.tex.j2", solution="tex/attention/sdpa-exact-solution.tex.j2",
          answers={"weights": Exact(points=2, label="attention weights",
                                    prompt="The attention weights, as exact fractions."),
                   "out": Exact(points=2, label="output", prompt="The output, as exact fractions.")},
          constraints={"no row of weights is uniform": lambda p, a: all(len(set(row)) > 1 for row in p["M"]),
                       "V has distinct rows": lambda p, a: not equal_rows(p["V"])},
          crosscheck=_check)
def sdpa_exact(rng):
    """Weights M (Tq, Tk) of small positive integers, a permutation matrix K and integer V (Tk, 2)."""
    Tq, Tk = int(rng.integers(2, 4)), int(rng.integers(2, 4))
    M = rng.integers(1, 5, size=(Tq, Tk))
    K = np.eye(Tk, dtype=int)[rng.permutation(Tk)]
    V = rng.integers(-1, 4, size=(Tk, 2))
    _require_permutation(K)
    out, weights = rational_attention(M, V)
    # Q = sqrt(d_k) ln(M K) entry by entry: (ln(M) K)_ij = ln(M K)_ij because K only permutes columns.
    return {"M": M, "K": K, "V": V}, {"weights": weights, "out": out}, {"d_k": K.shape[1], "Q_args": M @ K}
