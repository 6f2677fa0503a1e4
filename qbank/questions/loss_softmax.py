"""Softmax cross-entropy template: the loss and its gradient p - y for a batch of two examples.

Built backwards: each example's logits are z_c = ln w_c for small whole weights w_c
whose sum is 4, 5, 8 or 10, so the softmax is p_c = w_c / sum(w) exactly and every
probability and gradient entry is a short decimal; the loss is a sum of ln(S / w_y).
"""
from __future__ import annotations

import math
from fractions import Fraction

import numpy as np

from qbank import Matrix, Real, template
from qbank.core.attention import softmax
from qbank.core.losses import cross_entropy, cross_entropy_grad

ROW_SUMS = (4, 5, 8, 10)  # denominators 2^a 5^b: every w / S terminates within 3 decimals
REDUCTIONS = ("mean", "sum")


def logits_of(weights):
    """z = ln w entry by entry: the logits the question prints as ln w."""
    return np.log(np.asarray(weights, dtype=float))  # (N, C)


def _check(params, answers):
    """p = w / sum(w) in Fractions, the gradient p - onehot(y) (over N for the mean), the loss sum_i ln(S_i / w_iy)."""
    weights, targets = np.asarray(params["weights"]), np.asarray(params["targets"])
    n = Fraction(len(targets)) if params["reduction"] == "mean" else Fraction(1)
    loss = 0.0
    for i, (row, y) in enumerate(zip(weights, targets)):
        total = sum(int(w) for w in row)
        loss += math.log(Fraction(total, int(row[y])))
        for c, w in enumerate(row):
            exact = (Fraction(int(w), total) - (c == y)) / n
            assert abs(answers["grad"][i][c] - float(exact)) < 1e-12, (i, c, answers["grad"][i][c], exact)
    assert abs(answers["loss"] - loss / float(n)) < 1e-12, (answers["loss"], loss / float(n))


def _short_probabilities(params, answers):
    """Every probability w / sum(w) has at most 4 decimals (holds for the drawn sums; a pinned row may break it)."""
    p = np.asarray(params["weights"], dtype=float) / np.sum(params["weights"], axis=1, keepdims=True)
    return np.allclose(np.round(p, 4), p, rtol=0, atol=1e-12)


@template("loss/softmax-cross-entropy", topic="loss", points=5, title="Softmax cross-entropy loss and its gradient",
          question="tex/loss/softmax-ce.tex.j2", solution="tex/loss/softmax-ce-solution.tex.j2",
          answers={"loss": Real(points=2, digits=4, label="loss",
                                prompt=r"The loss $L$ of the batch (natural logarithm)."),
                   "grad": Matrix(points=3, digits=4, label="gradient",
                                  prompt=r"The gradient $\partial L / \partial Z$ (row $i$ = example $i$).")},
          constraints={"every probability is a short decimal": _short_probabilities,
                       "no example has all its logits equal": lambda p, a: all(
                           len(set(np.asarray(row).tolist())) > 1 for row in p["weights"])},
          crosscheck=_check)
def softmax_cross_entropy(rng):
    """Two examples, three classes: logits ln w with sum(w) in ROW_SUMS, class labels, mean or sum over the batch."""
    rows = []
    for _ in range(2):
        total = int(rng.choice(ROW_SUMS))
        cuts = np.sort(rng.choice(np.arange(1, total), size=2, replace=False))  # a composition of total into 3 parts
        rows.append(np.diff(np.concatenate([[0], cuts, [total]])))
    weights = np.array(rows)  # (N, C) = (2, 3)
    targets = rng.integers(0, 3, size=2)
    reduction = str(rng.choice(REDUCTIONS))
    logits = logits_of(weights)
    work = {"probs": softmax(logits), "sums": np.sum(weights, axis=1),
            "per_example": [cross_entropy(z, int(y)) for z, y in zip(logits, targets)]}
    answers = {"loss": cross_entropy(logits, targets, reduction),
               "grad": cross_entropy_grad(logits, targets, reduction)}
    return {"weights": weights, "targets": targets, "reduction": reduction}, answers, work
