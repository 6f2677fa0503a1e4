"""Transposed convolution (torch.nn.ConvTranspose2d): output size, weight shape and parameter count.

Output size along one axis, from the ConvTranspose2d docs ("Shape" section):
    n_out = (n - 1) s - 2p + d (k - 1) + output_padding + 1
equivalently o' = s (i' - 1) + a + k - 2p of Dumoulin & Visin 2016 ("A guide to convolution
arithmetic for deep learning", Relationship 14) for d = 1, a = output_padding. It inverts
the size map of a convolution with the same (k, s, p, d): s input sizes of that convolution
give the same output size, and output_padding a < s picks which one. torch accepts any
0 <= a < max(s, d), so with stride 1 and dilation d > 1 it merely adds a rows. The weight has
shape (C_in, C_out / groups, k, k), input channels first, the reverse of Conv2d.
"""
from __future__ import annotations

from qbank.core.conv_counts import _positive


def conv_transpose_output_size(n, kernel, stride=1, padding=0, output_padding=0, dilation=1):
    """(n - 1) s - 2p + d (k - 1) + output_padding + 1; ValueError for sizes torch refuses."""
    n, kernel, stride, dilation = (_positive(name, v) for name, v in (("n", n), ("kernel", kernel),
                                                                       ("stride", stride), ("dilation", dilation)))
    for name, value in (("padding", padding), ("output_padding", output_padding)):
        if int(value) != value or value < 0:
            raise ValueError(f"{name} must be a whole number >= 0, got {value!r}")
    if output_padding >= max(stride, dilation):
        raise ValueError(f"output_padding {output_padding} must be smaller than the stride {stride} or the dilation "
                         f"{dilation} (torch.nn.ConvTranspose2d)")
    size = (n - 1) * stride - 2 * int(padding) + dilation * (kernel - 1) + int(output_padding) + 1
    if size < 1:
        raise ValueError(f"padding {padding} crops the whole output: (n - 1) s - 2p + d (k - 1) + a + 1 = {size}")
    return size


def conv_transpose_weight_shape(c_in, c_out, kernel, groups=1):
    """(C_in, C_out / groups, k, k): torch.nn.ConvTranspose2d's weight, input channels first."""
    c_in, c_out, groups = _positive("c_in", c_in), _positive("c_out", c_out), _positive("groups", groups)
    if c_in % groups or c_out % groups:
        raise ValueError(f"groups={groups} must divide both c_in={c_in} and c_out={c_out}")
    return (c_in, c_out // groups, int(kernel), int(kernel))


def conv_transpose_param_count(c_in, c_out, kernel, bias=True, groups=1):
    """C_in (C_out / groups) k^2 weights plus C_out biases: the same count as the Conv2d it transposes."""
    c, o, kh, kw = conv_transpose_weight_shape(c_in, c_out, kernel, groups)
    return c * o * kh * kw + (c_out if bias else 0)
