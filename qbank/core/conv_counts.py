"""Parameter and multiply-accumulate (MAC) counts of convolution layers, plain and depthwise separable.

MAC convention: an n-term inner product counts n MACs (n multiplications,
each accumulated); bias additions are not counted. Many papers and tools
report FLOPs = 2 x MACs (one multiply plus one add), e.g. Molchanov et al.,
"Pruning Convolutional Neural Networks for Resource Efficient Inference",
ICLR 2017, appendix: FLOPs = 2HW(C_in K^2 + 1)C_out; others (fvcore) call one
MAC a "flop". State the convention in every question.
"""
from fractions import Fraction

import numpy as np

from qbank.core.conv_size import pair


def _positive(name, value):
    if not isinstance(value, (int, np.integer)) or isinstance(value, bool) or value < 1:
        raise ValueError(f"{name} must be an int >= 1, got {value!r}")
    return int(value)


def _grouped(c_in, c_out, groups):
    c_in, c_out, groups = _positive("c_in", c_in), _positive("c_out", c_out), _positive("groups", groups)
    if c_in % groups or c_out % groups:
        raise ValueError(f"groups={groups} must divide both c_in={c_in} and c_out={c_out}")
    return c_in, c_out, groups


def conv2d_param_count(c_in, c_out, kernel, bias=True, groups=1):
    """Learnable parameters of torch.nn.Conv2d(c_in, c_out, kernel, bias=bias, groups=groups).

    weight (c_out, c_in/groups, kh, kw) plus bias (c_out,): c_out (c_in/groups kh kw + 1)
    (PyTorch docs of torch.nn.Conv2d, "Variables"). kernel: int or (kh, kw).
    """
    c_in, c_out, groups = _grouped(c_in, c_out, groups)
    kh, kw = (_positive("kernel", k) for k in pair(kernel, "kernel"))
    return c_out * (c_in // groups) * kh * kw + (c_out if bias else 0)


def conv2d_macs(c_in, c_out, kernel, out_h, out_w, groups=1):
    """Multiply-accumulates of one conv2d forward pass (one image): c_out out_h out_w (c_in/groups) kh kw.

    Each of the c_out out_h out_w outputs is an inner product of (c_in/groups) kh kw
    terms, counted as that many MACs (bias not counted). FLOPs are often quoted as
    2 x MACs (Molchanov et al., ICLR 2017, appendix). kernel: int or (kh, kw).
    """
    c_in, c_out, groups = _grouped(c_in, c_out, groups)
    kh, kw = (_positive("kernel", k) for k in pair(kernel, "kernel"))
    out_h, out_w = _positive("out_h", out_h), _positive("out_w", out_w)
    return c_out * out_h * out_w * (c_in // groups) * kh * kw


def depthwise_separable_param_count(c_in, c_out, kernel, bias=True):
    """Parameters of a depthwise conv (groups = c_in, one kh x kw filter per channel) then a 1x1 conv.

    c_in (kh kw + 1) + c_out (c_in + 1) with biases (Howard et al., "MobileNets",
    arXiv:1704.04861, section 3.1; each part is a torch.nn.Conv2d).
    """
    return (conv2d_param_count(c_in, c_in, kernel, bias=bias, groups=c_in)
            + conv2d_param_count(c_in, c_out, 1, bias=bias))


def depthwise_separable_macs(c_in, c_out, kernel, out_h, out_w):
    """MACs of the depthwise + pointwise pair: c_in kh kw out_h out_w + c_in c_out out_h out_w.

    MobileNets (Howard et al., 2017), eq. (5), with D_F = out_h, out_w: the 1x1
    conv runs on the depthwise output, which already has the final spatial size.
    """
    return (conv2d_macs(c_in, c_in, kernel, out_h, out_w, groups=c_in)
            + conv2d_macs(c_in, c_out, 1, out_h, out_w))


def depthwise_separable_mac_ratio(c_in, c_out, kernel, out_h, out_w):
    """MACs of the depthwise separable pair over those of the plain conv, as an exact Fraction.

    Equals 1/c_out + 1/(kh kw) whatever c_in and the output size (Howard et al.,
    "MobileNets", 2017, section 3.1: the reduction in computation).
    """
    return Fraction(depthwise_separable_macs(c_in, c_out, kernel, out_h, out_w),
                    conv2d_macs(c_in, c_out, kernel, out_h, out_w))
