"""Normalization layers: the statistics (mean, biased variance) and the normalized output.

Every function takes x of shape (N, C, ...) (samples, channels, any spatial
dims) as torch.nn.functional does. The four layers differ only in which axes
one mean and one variance are taken over:

    batch    per channel            over N and spatial           stats (C,)
    layer    per sample             over C and spatial           stats (N,)
    instance per (sample, channel)  over spatial                 stats (N, C)
    group    per (sample, group)    over C/G channels, spatial   stats (N, G)

Variances are biased (divide by the count, not count - 1): that is what the
layers use to normalize in training mode (torch.nn.BatchNorm2d docs).
"""
from __future__ import annotations

import numpy as np


def _as_batch(x, name):
    x = np.asarray(x, dtype=float)
    if x.ndim < 2:
        raise ValueError(f"{name} needs x of shape (N, C, ...), got shape {x.shape}")
    return x


def _spatial_axes(x):
    return tuple(range(2, x.ndim))


def batch_norm_stats(x):
    """Per-channel mean and biased variance over the batch and spatial axes: each of shape (C,).

    Ioffe & Szegedy 2015 ("Batch Normalization", Alg. 1; for convolutions, §3.2:
    statistics per feature map, over the mini-batch and all locations).
    """
    x = _as_batch(x, "batch norm")
    axes = (0, *_spatial_axes(x))
    return x.mean(axis=axes), x.var(axis=axes)  # (C,), (C,)


def layer_norm_stats(x):
    """Per-sample mean and biased variance over the channel and spatial axes: each of shape (N,).

    Ba, Kiros & Hinton 2016 ("Layer Normalization", eq. 3: over all hidden units
    of one layer for one sample); torch.nn.functional.layer_norm with
    normalized_shape = x.shape[1:].
    """
    x = _as_batch(x, "layer norm")
    axes = tuple(range(1, x.ndim))
    return x.mean(axis=axes), x.var(axis=axes)  # (N,), (N,)


def instance_norm_stats(x):
    """Per-(sample, channel) mean and biased variance over the spatial axes: each of shape (N, C).

    Ulyanov, Vedaldi & Lempitsky 2016 ("Instance Normalization", eq. 2). Needs at
    least one spatial axis: x of shape (N, C, L) or (N, C, H, W), ...
    """
    x = _as_batch(x, "instance norm")
    if x.ndim < 3:
        raise ValueError(f"instance norm needs x of shape (N, C, spatial...), got shape {x.shape}")
    axes = _spatial_axes(x)
    return x.mean(axis=axes), x.var(axis=axes)  # (N, C), (N, C)


def group_norm_stats(x, groups):
    """Per-(sample, group) mean and biased variance: each of shape (N, G).

    Channels are split into `groups` consecutive blocks of C/G channels; the
    statistics are over a block's channels and the spatial axes (Wu & He 2018,
    "Group Normalization", eq. 1 and 4; torch.nn.GroupNorm). groups = 1 is layer
    norm, groups = C is instance norm.
    """
    x = _as_batch(x, "group norm")
    n, c = x.shape[:2]
    if int(groups) != groups or groups < 1 or c % groups:
        raise ValueError(f"group norm: groups={groups} must be a positive divisor of C={c} (x shape {x.shape})")
    blocks = x.reshape(n, int(groups), -1)  # (N, G, C/G * spatial)
    return blocks.mean(axis=2), blocks.var(axis=2)  # (N, G), (N, G)


def _channel_view(x):
    """The shape that broadcasts a per-channel (C,) vector against x (N, C, ...)."""
    return (1, -1) + (1,) * (x.ndim - 2)


def _affine(y, gamma, beta, shape, view, name):
    """y * gamma + beta with gamma, beta of `shape`, reshaped to `view` to broadcast against y."""
    for label, value in (("gamma", gamma), ("beta", beta)):
        if value is not None and np.shape(value) != shape:
            raise ValueError(f"{name}: {label} must have shape {shape}, got {np.shape(value)}")
    if gamma is not None:
        y = y * np.asarray(gamma, dtype=float).reshape(view)
    if beta is not None:
        y = y + np.asarray(beta, dtype=float).reshape(view)
    return y


def _normalize(x, mean, var, eps):
    """(x - mean) / sqrt(var + eps), stats already shaped to broadcast against x."""
    return (x - mean) / np.sqrt(var + eps)


def batch_norm(x, gamma=None, beta=None, eps=1e-5):
    """Batch norm in training mode: (x - mean_c) / sqrt(var_c + eps) * gamma_c + beta_c.

    gamma, beta of shape (C,) (Ioffe & Szegedy 2015, Alg. 1; F.batch_norm with training=True).
    """
    x = _as_batch(x, "batch norm")
    mean, var = batch_norm_stats(x)
    view = _channel_view(x)
    y = _normalize(x, mean.reshape(view), var.reshape(view), eps)  # (N, C, ...)
    return _affine(y, gamma, beta, (x.shape[1],), view, "batch norm")


def layer_norm(x, gamma=None, beta=None, eps=1e-5):
    """Layer norm over everything but the batch axis, element-wise affine.

    gamma, beta of shape x.shape[1:] (C, ...), as torch.nn.LayerNorm(x.shape[1:])
    (Ba et al. 2016, eq. 3-4).
    """
    x = _as_batch(x, "layer norm")
    mean, var = layer_norm_stats(x)
    view = (-1,) + (1,) * (x.ndim - 1)
    y = _normalize(x, mean.reshape(view), var.reshape(view), eps)  # (N, C, ...)
    return _affine(y, gamma, beta, x.shape[1:], (1, *x.shape[1:]), "layer norm")


def instance_norm(x, gamma=None, beta=None, eps=1e-5):
    """Instance norm: each (sample, channel) map normalized alone; gamma, beta of shape (C,).

    Ulyanov et al. 2016, eq. 2; F.instance_norm with use_input_stats=True.
    """
    x = _as_batch(x, "instance norm")
    mean, var = instance_norm_stats(x)
    view = x.shape[:2] + (1,) * (x.ndim - 2)
    y = _normalize(x, mean.reshape(view), var.reshape(view), eps)  # (N, C, ...)
    return _affine(y, gamma, beta, (x.shape[1],), _channel_view(x), "instance norm")


def group_norm(x, groups, gamma=None, beta=None, eps=1e-5):
    """Group norm: normalized per (sample, group), then a per-channel affine; gamma, beta of shape (C,).

    Wu & He 2018, eq. 1 and 4; F.group_norm(x, groups, gamma, beta, eps).
    """
    x = _as_batch(x, "group norm")
    mean, var = group_norm_stats(x, groups)
    blocks = x.reshape(x.shape[0], int(groups), -1)  # (N, G, C/G * spatial)
    y = _normalize(blocks, mean[..., None], var[..., None], eps).reshape(x.shape)  # (N, C, ...)
    return _affine(y, gamma, beta, (x.shape[1],), _channel_view(x), "group norm")
