"""Attention templates: scaled dot-product attention step by step (seed 002 q6), and with a causal mask.

Numbers stay small so that the spread of the scaled scores in a row, and with it
the smallest weight, is bounded: with entries of Q in -2..2 and of K in {0, 1}
(d_k = 2), a row's scaled scores span at most 4 / sqrt(2), so every drawn weight is
at least 0.02; with a causal mask, entries in -1..1 and d_k = 4 keep the span
within 8 / 2, and a constraint redraws the rare weight that prints as 0. The cross-checks recompute everything with exact
sympy arithmetic (qbank.questions.attention_exact).
"""
from __future__ import annotations

import numpy as np

from qbank import Matrix, Shape, template
from qbank.check.predicates import equal_rows, hidden_zero, rounds_to_bound, uniform_row
from qbank.core.attention import sdpa_steps, softmax_steps
from qbank.questions import attention_exact as ex

WEIGHTS = dict(digits=3)
# Worked from weights rounded to 3 decimals, an output entry may be off by 0.0005 * sum |v| < 0.005.
OUTPUT = dict(digits=3, abs_tol=0.005)


def _check_sdpa(params, answers, causal=False):
    out, weights, scaled = ex.sdpa(params["Q"], params["K"], params["V"], causal=causal)
    if "scores" in answers:
        assert ex.close(answers["scores"], ex.numeric(ex.exact(params["Q"]) * ex.exact(params["K"]).T))
        assert ex.close(answers["scaled"], ex.numeric(scaled))
    assert ex.close(answers["weights"], ex.numeric(weights))
    assert ex.close(answers["out"], ex.numeric(out))
    if "shape" in answers:
        assert tuple(answers["shape"]) == out.shape


def _distinct_scores(params, answers):
    return all(len(set(np.round(row, 9))) > 1 for row in answers["scores"])


@template("attention/sdpa-steps", topic="attention", points=6, title="Scaled dot-product attention step by step",
          question="tex/attention/sdpa-steps.tex.j2", solution="tex/attention/sdpa-steps-solution.tex.j2",
          answers={"scores": Matrix(points=1, digits=3, label="Q K^T", prompt=r"The raw scores $QK^\top$."),
                   "scaled": Matrix(points=1, digits=3, label="scaled scores",
                                    prompt=r"The scaled scores $QK^\top / \sqrt{d_k}$."),
                   "weights": Matrix(points=2, label="attention weights", **WEIGHTS,
                                     prompt="The attention weights: the softmax of each row of the scaled scores "
                                            "(show the working for the first row)."),
                   "out": Matrix(points=1.5, label="output", **OUTPUT,
                                 prompt="The output, the attention weights times $V$."),
                   "shape": Shape(points=0.5, label="output shape",
                                  prompt="The shape of the output, and why it has that shape.")},
          constraints={"no row of scores is constant": _distinct_scores,
                       "V has distinct rows": lambda p, a: not equal_rows(p["V"])},
          degenerate={"a weight prints as 0 or 1": lambda p, a, w: rounds_to_bound(a["weights"], 3)},
          crosscheck=_check_sdpa)
def sdpa_steps_question(rng):
    """Q (Tq, 2), K (Tk, 2), V (Tk, 2), rows are tokens; the key and the worked first row from sdpa_steps."""
    Tq, Tk = int(rng.integers(2, 4)), int(rng.integers(2, 4))
    Q = rng.integers(-2, 3, size=(Tq, 2))
    K = rng.integers(0, 2, size=(Tk, 2))
    V = rng.choice([-1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0], size=(Tk, 2))
    steps = sdpa_steps(Q, K, V)
    answers = {"scores": steps["scores"], "scaled": steps["scaled"], "weights": steps["weights"],
               "out": steps["out"], "shape": steps["out"].shape}
    return {"Q": Q, "K": K, "V": V}, answers, {"d_k": Q.shape[1], "row0": softmax_steps(steps["scaled"][0])}


def _check_causal(params, answers):
    _check_sdpa(params, answers, causal=True)
    T = len(params["Q"])
    assert np.all(np.triu(answers["weights"], 1) == 0) and answers["weights"][0, 0] == 1
    assert ex.close(answers["out"][0], params["V"][0]) and T == answers["out"].shape[0]


def _readable_causal_weights(params, answers):
    weights = answers["weights"][1:]  # row 0 is exactly [1, 0, ...]: query 0 sees only itself
    return not rounds_to_bound(weights[np.tril(np.ones_like(weights), 1) > 0], 3)


@template("attention/causal-mask", topic="attention", points=5, title="Attention weights with a causal mask",
          question="tex/attention/causal-mask.tex.j2", solution="tex/attention/causal-mask-solution.tex.j2",
          answers={"weights": Matrix(points=3, label="attention weights", **WEIGHTS,
                                     prompt="The attention weights under the causal mask."),
                   "out": Matrix(points=2, label="output", **OUTPUT, prompt="The output.")},
          constraints={"no allowed weight prints as 0 or 1 beyond the first row": _readable_causal_weights,
                       "no row spreads its weight equally": lambda p, a: not uniform_row(a["weights"]),
                       "V has distinct rows": lambda p, a: not equal_rows(p["V"]),
                       "no nonzero output prints as 0": lambda p, a: not hidden_zero(a["out"], OUTPUT["digits"])},
          crosscheck=_check_causal)
def causal_mask_question(rng):
    """Q, K (T, 4) and V (T, 2) under the causal mask (query i sees keys j <= i)."""
    T = int(rng.integers(3, 5))
    Q = rng.choice([-1, 0, 0, 1], size=(T, 4))
    K = rng.choice([-1, 0, 0, 1], size=(T, 4))
    V = rng.integers(-2, 4, size=(T, 2))
    steps = sdpa_steps(Q, K, V, causal=True)
    work = {"d_k": Q.shape[1], "scores": steps["scores"], "scaled": steps["scaled"], "allowed": steps["allowed"],
            "last_row": softmax_steps(steps["scaled"][-1])}
    return {"Q": Q, "K": K, "V": V}, {"weights": steps["weights"], "out": steps["out"]}, work
