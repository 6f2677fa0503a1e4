"""Regularization template: squared-error loss of N examples with K outputs plus an L2 penalty (seed 003 p4).

The penalty's scaling differs between textbooks, so it is drawn and stated in
the question (see qbank.core.regularization for who uses which).
"""
from __future__ import annotations

from fractions import Fraction

import numpy as np

from qbank import Real, template
from qbank.core.regularization import (
    SCALES, l2_penalty, l2_penalty_factor, l2_regularized_loss, squared_error_loss, squared_errors)
from qbank.engine.numbers import fraction

EXACT_FACTOR = {"1/2N": lambda n: Fraction(1, 2 * n), "1/N": lambda n: Fraction(1, n),
                "1/2": lambda n: Fraction(1, 2), "1": lambda n: Fraction(1)}


def _crosscheck(params, answers):
    """Recompute in exact rationals from the printed decimals."""
    y, y_hat = np.asarray(params["y"]), np.asarray(params["y_hat"])
    n = y.shape[0]
    data = sum((fraction(a) - fraction(b)) ** 2 for a, b in zip(y.ravel(), y_hat.ravel())) / (2 * n)
    penalty = EXACT_FACTOR[params["scale"]](n) * fraction(params["lam"]) * sum(fraction(t) ** 2 for t in params["theta"])
    for name, value in (("data_loss", data), ("penalty", penalty), ("total", data + penalty)):
        assert abs(answers[name] - float(value)) < 1e-12, (name, answers[name], value)


def _scale_matters(params, answers):
    """No other convention gives the same factor at this N (with N = 2, lambda/N = lambda/2): else a student who
    used their textbook's scaling instead of the stated one would score."""
    n, stated = np.shape(params["y"])[0], params["scale"]
    factor = l2_penalty_factor(stated, n)
    return all(l2_penalty_factor(other, n) != factor for other in SCALES if other != stated)


@template("regularization/l2-loss", topic="regularization", points=4, title="Squared-error loss with L2 regularization",
          question="tex/regularization/l2-loss.tex.j2", solution="tex/regularization/l2-loss-solution.tex.j2",
          answers={"data_loss": Real(points=2, digits=6, label="data loss", prompt=r"The data loss $J$."),
                   "penalty": Real(points=1, digits=6, label="L2 penalty", prompt=r"The L2 penalty term."),
                   "total": Real(points=1, digits=6, label="regularized loss",
                                 prompt=r"The regularized loss $J_{\mathrm{reg}}$.")},
          constraints={"the stated penalty scaling differs from the others": _scale_matters},
          crosscheck=_crosscheck)
def l2_loss(rng):
    n_examples = int(rng.choice([2, 4, 5]))  # 1/(2N) and 1/N stay terminating decimals
    n_outputs = int(rng.integers(3, 5))
    y = np.eye(n_outputs, dtype=int)[rng.integers(0, n_outputs, size=n_examples)]  # one-hot targets (N, K)
    y_hat = rng.integers(0, 10, size=(n_examples, n_outputs)) / 10  # predictions in tenths (N, K)
    theta = rng.choice([-5, -4, -3, -2, -1, 1, 2, 3, 4, 5], size=int(rng.integers(3, 6))) / 10
    lam = float(rng.choice([0.1, 0.2, 0.5, 1.0]))
    scale = str(rng.choice(SCALES))
    data_loss = squared_error_loss(y, y_hat)
    penalty = l2_penalty(theta, lam, np.shape(y)[0], scale)
    return ({"y": y, "y_hat": y_hat, "theta": theta, "lam": lam, "scale": scale},
            {"data_loss": data_loss, "penalty": penalty, "total": l2_regularized_loss(y, y_hat, theta, lam, scale)},
            {"errors": squared_errors(y, y_hat), "theta_norm_sq": l2_penalty(theta, 1, 1, "1")})
