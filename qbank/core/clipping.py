"""Gradient clipping by the global norm of all parameters' gradients taken together.

Pascanu, Mikolov & Bengio 2013 ("On the difficulty of training recurrent neural
networks", Algorithm 1): with g every gradient entry of the model in one vector,
    if ||g||_2 > threshold:  g <- (threshold / ||g||_2) g.
torch.nn.utils.clip_grad_norm_ does the same with clip_coef = max_norm / (total_norm + 1e-6)
clamped at 1 (PyTorch docs, clip_grad_norm_); `eps` is that 1e-6 and defaults to 0 here,
so that hand-computed answers are exact.
"""
from __future__ import annotations

import numpy as np


def global_norm(grads):
    """sqrt of the sum of squares of every entry of every array in `grads` (a list of arrays)."""
    return float(np.sqrt(sum(np.sum(np.asarray(g, dtype=float) ** 2) for g in grads)))


def clip_coefficient(norm, max_norm, eps=0.0):
    """min(1, max_norm / (norm + eps)): the factor every gradient is multiplied by."""
    if max_norm <= 0:
        raise ValueError(f"max_norm must be positive, got {max_norm}")
    return min(1.0, max_norm / (norm + eps)) if norm + eps > 0 else 1.0


def clip_by_global_norm(grads, max_norm, eps=0.0):
    """(clipped grads, global norm, coefficient): every array scaled by one common clip_coefficient."""
    norm = global_norm(grads)
    coef = clip_coefficient(norm, max_norm, eps)
    return [np.asarray(g, dtype=float) * coef for g in grads], norm, coef


def clip_each_by_norm(grads, max_norm):
    """Each array clipped by its own norm (torch.nn.utils.clip_grad_norm_ called once per parameter).

    Not Pascanu et al.'s rule: the direction of the whole gradient changes. Here for
    comparison (and as the modelled mistake of clipping per tensor).
    """
    return [clip_by_global_norm([g], max_norm)[0][0] for g in grads]


def clip_by_value(grads, clip_value):
    """Each entry clamped to [-clip_value, clip_value] (torch.nn.utils.clip_grad_value_)."""
    return [np.clip(np.asarray(g, dtype=float), -clip_value, clip_value) for g in grads]
