"""L2 (weight-decay) regularization of a squared-error loss, with the penalty's scaling as a parameter.

Texts disagree on the constant in front of lambda ||theta||^2; `scale` names it:

    "1/2N"  J + lambda / (2N) ||theta||^2   Ng, Coursera Machine Learning (regularized cost);
                                            Nielsen, Neural Networks and Deep Learning, ch. 3 eq. 86
    "1/N"   J + lambda / N ||theta||^2      the penalty averaged per example like the data term
    "1/2"   J + lambda / 2 ||theta||^2      Bishop, PRML eq. 3.27; Goodfellow et al., Deep Learning
                                            §7.1.1 (alpha/2 w^T w)
    "1"     J + lambda ||theta||^2          Hastie et al., ESL eq. 3.41 (ridge); Keras
                                            regularizers.L2 (l2 * sum(square(x)))

N is the number of examples. The penalty's gradient is scale-factor * 2 lambda theta.
"""
from __future__ import annotations

import numpy as np

SCALES = ("1/2N", "1/N", "1/2", "1")


def _examples(y, y_hat):
    y, y_hat = np.asarray(y, dtype=float), np.asarray(y_hat, dtype=float)
    if y.shape != y_hat.shape or y.ndim != 2 or y.shape[0] == 0:
        raise ValueError(f"y and y_hat must both have shape (N, K) with N >= 1, got {y.shape} and {y_hat.shape}")
    return y, y_hat


def squared_errors(y, y_hat):
    """Per-example squared error ||y_i - y_hat_i||^2, shape (N,), for y, y_hat of shape (N, K)."""
    y, y_hat = _examples(y, y_hat)
    return ((y - y_hat) ** 2).sum(axis=1)  # (N,)


def squared_error_loss(y, y_hat):
    """The data term J = 1/(2N) sum_i ||y_i - y_hat_i||^2 for y, y_hat of shape (N, K).

    The halved mean of per-example squared errors (the quadratic cost of Nielsen,
    Neural Networks and Deep Learning, ch. 1 eq. 6). torch.nn.MSELoss differs: it
    averages over all N*K entries and has no 1/2.
    """
    per_example = squared_errors(y, y_hat)  # (N,)
    return float(per_example.sum() / (2 * per_example.shape[0]))


def l2_penalty_factor(scale, n_examples):
    """The constant c in the penalty c * lambda * ||theta||^2 for a `scale` of SCALES."""
    if scale not in SCALES:
        raise ValueError(f"unknown L2 scale {scale!r}; use one of {', '.join(SCALES)}")
    if int(n_examples) != n_examples or n_examples < 1:
        raise ValueError(f"the number of examples must be a positive integer, got {n_examples!r}")
    return {"1/2N": 1.0 / (2 * n_examples), "1/N": 1.0 / n_examples, "1/2": 0.5, "1": 1.0}[scale]


def l2_penalty(theta, lam, n_examples, scale="1/2N"):
    """The penalty c * lam * ||theta||^2, with c from `scale` (see the module docstring)."""
    theta = np.asarray(theta, dtype=float).ravel()  # (P,)
    return float(l2_penalty_factor(scale, n_examples) * lam * (theta @ theta))


def l2_regularized_loss(y, y_hat, theta, lam, scale="1/2N"):
    """squared_error_loss(y, y_hat) + l2_penalty(theta, lam, N, scale), y and y_hat of shape (N, K)."""
    y, y_hat = _examples(y, y_hat)
    return squared_error_loss(y, y_hat) + l2_penalty(theta, lam, y.shape[0], scale)
