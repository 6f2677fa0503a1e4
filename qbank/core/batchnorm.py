"""Batch norm's backward pass and its running statistics (train versus eval mode).

The forward pass and the statistics are qbank.core.norm's; x has shape (N, C, ...) and
every statistic is per channel over the batch and spatial axes.

Backward (Ioffe & Szegedy 2015, §3, the chain-rule equations under Algorithm 1), with
x_hat = (x - mu) / sqrt(var + eps) and m values per channel, in the compact form
    dx = gamma / sqrt(var + eps) * (dy - mean(dy) - x_hat * mean(dy * x_hat)),
    dgamma = sum(dy * x_hat),  dbeta = sum(dy)        (sums and means per channel).

Running statistics, updated once per training batch and used instead of the batch's in
eval mode. Two conventions for the momentum:
    "torch":  r <- (1 - momentum) r + momentum b   (torch.nn.BatchNorm1d docs, momentum 0.1 by default)
    "keras":  r <- momentum r + (1 - momentum) b   (keras.layers.BatchNormalization docs, momentum 0.99)
and two for the variance fed to it: the unbiased m/(m - 1) var (torch's docs say so; Ioffe &
Szegedy's Algorithm 2, step 10, uses the same factor for the population variance) or the biased one.
"""
from __future__ import annotations

import numpy as np

from qbank.core.norm import batch_norm, batch_norm_stats

MOMENTUM_CONVENTIONS = ("torch", "keras")


def _axes(x):
    return (0, *range(2, x.ndim))


def _view(x):
    return (1, -1) + (1,) * (x.ndim - 2)


def batch_norm_backward(x, gamma, dy, eps=1e-5):
    """(dx, dgamma, dbeta) of training-mode batch norm y = gamma x_hat + beta for the upstream gradient dy.

    x and dy of shape (N, C, ...), gamma of shape (C,); dgamma and dbeta of shape (C,).
    """
    x, dy = np.asarray(x, dtype=float), np.asarray(dy, dtype=float)
    if x.ndim < 2 or x.shape != dy.shape:
        raise ValueError(f"batch norm backward needs x and dy of one shape (N, C, ...), got {x.shape} and {dy.shape}")
    gamma = np.asarray(gamma, dtype=float)
    if gamma.shape != (x.shape[1],):
        raise ValueError(f"gamma must have shape ({x.shape[1]},), got {gamma.shape}")
    mean, var = batch_norm_stats(x)  # (C,), (C,)
    axes, view = _axes(x), _view(x)
    x_hat = batch_norm(x, eps=eps)  # (N, C, ...)
    dgamma, dbeta = np.sum(dy * x_hat, axis=axes), np.sum(dy, axis=axes)  # (C,), (C,)
    centred = dy - dy.mean(axis=axes, keepdims=True) - x_hat * (dy * x_hat).mean(axis=axes, keepdims=True)
    dx = (gamma / np.sqrt(var + eps)).reshape(view) * centred  # (N, C, ...)
    return dx, dgamma, dbeta


def update_running(running, batch_value, momentum, convention="torch"):
    """One update of a running statistic under the stated momentum convention."""
    if convention not in MOMENTUM_CONVENTIONS:
        raise ValueError(f"convention must be 'torch' or 'keras', got {convention!r}")
    if not 0 <= momentum <= 1:
        raise ValueError(f"momentum must lie in [0, 1], got {momentum}")
    weight_new = momentum if convention == "torch" else 1.0 - momentum
    return (1.0 - weight_new) * np.asarray(running, dtype=float) + weight_new * np.asarray(batch_value, dtype=float)


def running_statistics(x, running_mean, running_var, momentum, convention="torch", unbiased=True):
    """(new running mean, new running variance) after one training batch x (N, C, ...); each of shape (C,)."""
    x = np.asarray(x, dtype=float)
    mean, var = batch_norm_stats(x)
    count = x.size // x.shape[1]
    if unbiased:
        if count < 2:
            raise ValueError("the unbiased variance needs at least 2 values per channel")
        var = var * count / (count - 1)
    return (update_running(running_mean, mean, momentum, convention),
            update_running(running_var, var, momentum, convention))


def batch_norm_eval(x, running_mean, running_var, gamma=None, beta=None, eps=1e-5):
    """Eval-mode batch norm: (x - running_mean) / sqrt(running_var + eps) * gamma + beta, per channel."""
    x = np.asarray(x, dtype=float)
    view = _view(x)
    y = (x - np.asarray(running_mean, dtype=float).reshape(view)) / np.sqrt(
        np.asarray(running_var, dtype=float).reshape(view) + eps)
    if gamma is not None:
        y = y * np.asarray(gamma, dtype=float).reshape(view)
    if beta is not None:
        y = y + np.asarray(beta, dtype=float).reshape(view)
    return y
