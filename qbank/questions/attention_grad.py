"""Attention gradient template (seed 002 q8): dL/dQ through out = softmax(Q K^T / sqrt(d_k)) V, numerically.

The chain rule runs dL/d(out) -> dL/dA = G V^T -> dL/dS (softmax Jacobian, row by row)
-> dL/dQ = dL/dS K / sqrt(d_k); every factor comes from qbank.core.attention_backward.
The cross-check differentiates the loss L = sum(G * out) symbolically in sympy.
"""
from __future__ import annotations

import numpy as np

from qbank import Matrix, template
from qbank.check.predicates import equal_rows, hidden_zero, uniform_row
from qbank.core.attention_backward import sdpa_backward_steps
from qbank.lazy import sympy
from qbank.questions import attention_exact as ex


def _check(params, answers):
    Q, K, V, G = (ex.exact(params[k]) for k in ("Q", "K", "V", "d_out"))
    q = sympy.Matrix(Q.rows, Q.cols, sympy.symbols(f"q0:{Q.rows * Q.cols}"))
    s = sympy.Matrix(Q.rows, K.rows, sympy.symbols(f"s0:{Q.rows * K.rows}"))

    def loss(weights):
        return sum(G[i, j] * (weights * V)[i, j] for i in range(G.rows) for j in range(G.cols))

    out, weights, scaled = ex.sdpa(Q, K, V)
    A = sympy.Matrix([ex.softmax_row(list(s.row(i))) for i in range(s.rows)])
    at_q, at_s = dict(zip(q, Q)), dict(zip(s, scaled))
    L_q = loss(ex.sdpa(q, K, V)[1])
    dQ = sympy.Matrix(q.rows, q.cols, [sympy.diff(L_q, x).subs(at_q) for x in q])
    dS = sympy.Matrix(s.rows, s.cols, [sympy.diff(loss(A), x).subs(at_s) for x in s])
    assert ex.close(answers["weights"], ex.numeric(weights))
    assert ex.close(answers["d_weights"], ex.numeric(G * V.T))
    assert ex.close(answers["d_scores"], ex.numeric(dS)) and ex.close(answers["dQ"], ex.numeric(dQ))


def _readable(params, answers):
    weights, dQ = answers["weights"], answers["dQ"]
    return bool(np.all((weights >= 0.02) & (weights <= 0.98)) and np.all(np.max(np.abs(dQ), axis=1) >= 0.02))


def _nothing_trivial(params, answers):
    """No uniform softmax row, distinct rows of V, and no nonzero gradient entry that prints as 0.000."""
    hidden = any(hidden_zero(answers[k], 3) for k in ("d_weights", "d_scores", "dQ"))
    return not (uniform_row(answers["weights"]) or equal_rows(params["V"]) or hidden)


@template("attention/grad-q", topic="attention", points=5, title="Gradient of attention with respect to Q",
          question="tex/attention/grad-q.tex.j2", solution="tex/attention/grad-q-solution.tex.j2",
          answers={"weights": Matrix(points=1, digits=3, label="A", prompt="The attention weights $A$."),
                   "d_weights": Matrix(points=1, digits=3, label="dL/dA",
                                       prompt=r"$\partial L / \partial A$."),
                   "d_scores": Matrix(points=1.5, digits=3, abs_tol=0.005, label="dL/dS",
                                      prompt=r"$\partial L / \partial S$, using the derivative of the softmax."),
                   "dQ": Matrix(points=1.5, digits=3, abs_tol=0.01, label="dL/dQ",
                                prompt=r"$\partial L / \partial Q$.")},
          constraints={"weights readable, no row of dL/dQ vanishes": _readable,
                       "no uniform row, V with distinct rows, no gradient entry printed 0": _nothing_trivial},
          crosscheck=_check)
def grad_q(rng):
    """Q (2, d_k), K (2, d_k), V (2, 2) and G = dL/d(out) (2, 2) of small integers."""
    d_k = int(rng.integers(1, 3))
    Q = rng.integers(-1, 3, size=(2, d_k))
    K = rng.integers(-1, 2, size=(2, d_k))
    V = rng.integers(-2, 3, size=(2, 2))
    d_out = rng.integers(-1, 3, size=(2, 2))
    steps = sdpa_backward_steps(Q, K, V, d_out)
    answers = {"weights": steps["weights"], "d_weights": steps["d_weights"], "d_scores": steps["d_scores"],
               "dQ": steps["dQ"]}
    return {"Q": Q, "K": K, "V": V, "d_out": d_out}, answers, {"d_k": Q.shape[1], "row_dot": steps["row_dot"]}
