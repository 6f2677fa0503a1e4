"""Modelled mistakes for the conv templates: forgotten bias, ignored padding, ceil instead of floor.

Each wrong value is the core's answer with the slip applied to its arguments.
"Ceil instead of floor" uses floor((m + s - 1) / s) = ceil(m / s) for integers m, s
(Graham, Knuth & Patashnik, Concrete Mathematics, eq. 3.11), so
conv_output_size(n + s - 1, k, s, p) = ceil((n + 2p - k) / s) + 1.
"""
from __future__ import annotations

from qbank.core.conv_chain import shape_chain
from qbank.core.conv_counts import conv2d_macs, conv2d_param_count, depthwise_separable_param_count
from qbank.core.conv_size import conv_output_size
from qbank.distractors.registry import mistake


def _out(p, padding=None, ceil=False):
    """The layer's output size with the padding (and rounding) the student used."""
    padding = p["padding"] if padding is None else padding
    return conv_output_size(p["size"] + (p["stride"] - 1 if ceil else 0), p["kernel"], p["stride"], padding)


@mistake("conv/layer-cost", "forgot the bias", part="param_count")
def _cost_no_bias(p):
    return conv2d_param_count(p["channels"], p["filters"], p["kernel"], bias=False)


@mistake("conv/layer-cost", "counted one input channel per filter", part="param_count")
def _cost_one_channel(p):
    return conv2d_param_count(1, p["filters"], p["kernel"])


@mistake("conv/layer-cost", "ignored the padding", part="out_shape")
def _shape_no_padding(p):
    return (p["filters"], _out(p, padding=0), _out(p, padding=0)) if p["padding"] else None


@mistake("conv/layer-cost", "rounded up (ceil) instead of down", part="out_shape")
def _shape_ceil(p):
    return (p["filters"], _out(p, ceil=True), _out(p, ceil=True))


@mistake("conv/layer-cost", "ignored the padding", part="macs")
def _macs_no_padding(p):
    return conv2d_macs(p["channels"], p["filters"], p["kernel"], _out(p, 0), _out(p, 0)) if p["padding"] else None


@mistake("conv/layer-cost", "ignored the stride", part="macs")
def _macs_no_stride(p):
    full = conv_output_size(p["size"], p["kernel"], 1, p["padding"])
    return conv2d_macs(p["channels"], p["filters"], p["kernel"], full, full)


@mistake("conv/depthwise-separable", "forgot the biases", part="params_separable")
def _separable_no_bias(p):
    return depthwise_separable_param_count(p["channels"], p["filters"], p["kernel"], bias=False)


@mistake("conv/depthwise-separable", "counted the original layer instead", part="params_separable")
def _separable_plain(p):
    return conv2d_param_count(p["channels"], p["filters"], p["kernel"])


@mistake("conv/shape-chain", "forgot the bias", part="params_conv1")
def _chain_no_bias(p):
    return conv2d_param_count(p["channels"], p["filters1"], p["kernel1"], bias=False)


@mistake("conv/layer-batch", "ignored the padding", part="linear_in")
def _batch_no_padding(p):
    if not p["padding"]:
        return None
    conv = {"layer": "conv2d", "out_channels": p["filters"], "kernel": p["kernel"], "stride": p["stride"], "padding": 0}
    return shape_chain((p["channels"], p["height"], p["width"]), [conv, {"layer": "flatten"}])[1]["shape"][0]
