"""Convolution: conv1d and conv2d as cross-correlation, with the torch.nn.functional conventions.

This module is the public face of qbank.core.conv: it also re-exports the
output-size rule (conv_size), pooling (pool), parameter and MAC counts
(conv_counts), the conv1d backward pass (conv_backward) and the layer
shape chain (conv_chain).

Arrays of any dtype work, object arrays included: integer inputs give exact
integer outputs, and arrays of sympy symbols give symbolic outputs.
"""
import numpy as np

from qbank.core.conv_backward import conv1d_backward
from qbank.core.conv_chain import shape_chain
from qbank.core.conv_counts import (
    conv2d_macs, conv2d_param_count, depthwise_separable_mac_ratio, depthwise_separable_macs,
    depthwise_separable_param_count)
from qbank.core.conv_size import batched, conv_output_size, geometry2d, pad2d, pair, windows2d
from qbank.core.pool import (
    avg_pool2d, max_pool1d, max_pool1d_backward, max_pool1d_indices, max_pool2d, max_pool2d_backward,
    max_pool2d_indices)

__all__ = [
    "conv_output_size", "conv1d", "conv2d", "max_pool2d", "avg_pool2d", "max_pool1d", "max_pool2d_indices",
    "max_pool2d_backward", "max_pool1d_indices", "max_pool1d_backward", "conv1d_backward", "conv2d_param_count",
    "conv2d_macs", "depthwise_separable_param_count", "depthwise_separable_macs", "depthwise_separable_mac_ratio",
    "shape_chain",
]


def conv2d(x, w, b=None, stride=1, padding=0, dilation=1, groups=1):
    """2-D cross-correlation, as torch.nn.functional.conv2d.

    x (C, H, W) or (N, C, H, W); w (Cout, Cin/groups, kh, kw); b (Cout,) or None.
    out[n, o, i, j] = b[o] + sum_{c, p, q} w[o, c, p, q] * xpad[n, g*Cin/groups + c, i*sh + p*dh, j*sw + q*dw]
    where g = o // (Cout/groups) is the group of output channel o (PyTorch docs of
    torch.nn.Conv2d, "groups"). stride, padding, dilation: int or pair; padding
    also "same" (stride 1) or "valid". The kernel is not flipped (cross-correlation,
    Goodfellow et al., Deep Learning, section 9.1).
    Returns (Cout, Ho, Wo) or (N, Cout, Ho, Wo), matching the input's batching.
    """
    x4, single = batched(x, 3, "conv2d")
    w = np.asarray(w)
    if w.ndim != 4:
        raise ValueError(f"conv2d: weight must have shape (Cout, Cin/groups, kh, kw), got {w.shape}")
    c_out, c_group, kh, kw = w.shape
    c_in = x4.shape[1]
    if not isinstance(groups, (int, np.integer)) or groups < 1 or c_in % groups or c_out % groups:
        raise ValueError(f"conv2d: groups={groups} must divide the input channels ({c_in}, input {x4.shape}) "
                         f"and the output channels ({c_out}, weight {w.shape})")
    if c_group * groups != c_in:
        raise ValueError(f"conv2d: input {x4.shape} has {c_in} channels but weight {w.shape} expects "
                         f"{c_group} x groups {groups} = {c_group * groups}")
    if b is not None and np.shape(b) != (c_out,):
        raise ValueError(f"conv2d: bias must have shape ({c_out},) for weight {w.shape}, got {np.shape(b)}")
    stride, dilation = pair(stride, "stride"), pair(dilation, "dilation")
    pads, _ = geometry2d(x4.shape, (kh, kw), stride, padding, dilation, f"conv2d with weight {w.shape}")
    win = windows2d(pad2d(x4, pads), (kh, kw), stride, dilation)  # (N, Cin, Ho, Wo, kh, kw)
    per_group = c_out // groups
    outs = [np.tensordot(win[:, g * c_group:(g + 1) * c_group], w[g * per_group:(g + 1) * per_group],
                         axes=([1, 4, 5], [1, 2, 3]))  # (N, Ho, Wo, Cout/groups)
            for g in range(groups)]
    out = np.moveaxis(np.concatenate(outs, axis=3), 3, 1)  # (N, Cout, Ho, Wo)
    if b is not None:
        out = out + np.asarray(b)[None, :, None, None]
    return out[0] if single else out


def conv1d(x, w, b=None, stride=1, padding=0, dilation=1):
    """1-D cross-correlation, as torch.nn.functional.conv1d.

    x (C, L) or (N, C, L); w (Cout, Cin, k); b (Cout,) or None.
    out[n, o, i] = b[o] + sum_{c, j} w[o, c, j] * xpad[n, c, i*stride + j*dilation]
    (PyTorch docs of torch.nn.Conv1d). padding: int, "same" (stride 1) or "valid".
    Computed as conv2d on inputs of height 1. Returns (Cout, Lo) or (N, Cout, Lo).
    """
    x3, single = batched(x, 2, "conv1d")
    w = np.asarray(w)
    if w.ndim != 3:
        raise ValueError(f"conv1d: weight must have shape (Cout, Cin, k), got {w.shape}")
    padding2 = padding if isinstance(padding, str) else (0, padding)
    try:
        out = conv2d(x3[:, :, None, :], w[:, :, None, :], b, stride=(1, stride), padding=padding2,
                     dilation=(1, dilation))
    except ValueError as exc:
        raise ValueError(f"conv1d: input {x3.shape}, weight {w.shape}: {exc}") from None
    out = out[:, :, 0, :]  # (N, Cout, Lo)
    return out[0] if single else out

