"""Receptive field of a stack of convolution and pooling layers along one axis.

With r_0 = 1 and j_0 = 1 (one input pixel, neighbours one pixel apart), layer l with
kernel k_l, stride s_l and dilation d_l gives
    r_l = r_{l-1} + d_l (k_l - 1) j_{l-1}        j_l = j_{l-1} s_l
so r_L = 1 + sum_l d_l (k_l - 1) prod_{i<l} s_i (Araujo, Norris & Sim 2019, "Computing
Receptive Fields of Convolutional Neural Networks", Distill, eq. 1-2; a dilated kernel
spans d (k - 1) + 1 inputs, Yu & Koltun 2016, §2). j_L, the jump, is how far apart in
input pixels two neighbouring outputs of layer L look. Pooling counts as a layer with its
window as kernel. Padding moves where the field sits, not its size, and is ignored.
"""
from __future__ import annotations


def _positive(name, value):
    if int(value) != value or value < 1:
        raise ValueError(f"{name} must be a whole number >= 1, got {value!r}")
    return int(value)


def receptive_fields(layers):
    """[(r_l, j_l), ...] after each layer; layers are dicts with kernel, stride=1, dilation=1 (or (k, s, d) tuples)."""
    r, j, out = 1, 1, []
    for index, layer in enumerate(layers):
        k, s, d = (layer.get("kernel"), layer.get("stride", 1), layer.get("dilation", 1)) \
            if isinstance(layer, dict) else tuple(layer)
        k, s, d = (_positive(f"layer {index}: {name}", v) for name, v in (("kernel", k), ("stride", s),
                                                                          ("dilation", d)))
        r, j = r + d * (k - 1) * j, j * s
        out.append((r, j))
    return out


def receptive_field(layers):
    """r_L, the receptive field of one output of the last layer, in input pixels along one axis."""
    fields = receptive_fields(layers)
    return fields[-1][0] if fields else 1
