"""Conv templates about cost: one layer's output shape, parameters and MACs (conv/layer-cost), and its
depthwise separable replacement (conv/depthwise-separable).

Generalized from exam 004, questions 2 and 5 (the 227x227 AlexNet-like layer).
MAC convention, stated in every question: an n-term inner product counts n.
"""
from fractions import Fraction

from qbank import Integer, Real, Shape, template
from qbank.check.predicates import rounding_tie
from qbank.core.conv import (
    conv2d_macs, conv2d_param_count, conv_output_size, depthwise_separable_mac_ratio, depthwise_separable_macs,
    depthwise_separable_param_count)
from qbank.errors import InputError
from qbank.questions import conv_exact


def draw_layer(rng, kernels):
    """One conv layer on a square input: (channels, size, filters, kernel, stride, padding)."""
    channels = int(rng.choice([1, 3, 3, 8, 16, 32]))
    size = int(rng.integers(12, 129))
    filters = int(rng.choice([8, 16, 32, 64, 96, 128]))
    kernel = int(rng.choice(kernels))
    stride = int(rng.choice([1, 1, 2, 4]))
    padding = int(rng.integers(0, 4))
    return channels, size, filters, kernel, stride, padding


def distinct_channels(params, answers):
    """As many filters as input channels would let an answer that confuses the two score."""
    return params["filters"] != params["channels"]


def output_size(template_id, size, kernel, stride, padding):
    """The core's output size; an impossible pinned configuration is bad input."""
    try:
        return conv_output_size(size, kernel, stride, padding)
    except ValueError as exc:
        raise InputError(f"template {template_id}: {exc}") from None


def divides_exactly(params, answers):
    """(n + 2p - k) is a multiple of the stride: no rounding hides in the output size."""
    return (params["size"] + 2 * params["padding"] - params["kernel"]) % params["stride"] == 0


def modest_padding(params, answers):
    """No more zeros than half the kernel: the output never outgrows the input, as in real networks."""
    return 2 * params["padding"] <= params["kernel"]


LAYER_CONSTRAINTS = {"the output size divides exactly": divides_exactly,
                     "padding is at most half the kernel": modest_padding,
                     "the filters differ from the input channels": distinct_channels}


def _check_cost(params, answers):
    p = params
    out = conv_exact.out_size(p["size"], p["kernel"], p["stride"], p["padding"])
    assert answers["out_shape"] == (p["filters"], out, out)
    assert answers["param_count"] == conv_exact.conv_params(p["channels"], p["filters"], p["kernel"])
    assert answers["macs"] == conv_exact.conv_macs(p["channels"], p["filters"], p["kernel"], out)


@template("conv/layer-cost", topic="conv", points=10, title="Output shape, parameters and MACs of a conv layer",
          question="tex/conv/layer_cost.tex.j2", solution="tex/conv/layer_cost_solution.tex.j2",
          answers={"out_shape": Shape(points=3, prompt="The output shape (channels, height, width)."),
                   "param_count": Integer(points=3, prompt="The number of learnable parameters, biases included."),
                   "macs": Integer(points=4, prompt="The number of multiply-accumulate operations (MACs) "
                                                    "for one input image.")},
          constraints=LAYER_CONSTRAINTS,
          crosscheck=_check_cost)
def layer_cost_question(rng):
    """One conv layer: output shape, parameters with biases, MACs (n-term inner product = n MACs)."""
    channels, size, filters, kernel, stride, padding = draw_layer(rng, [1, 3, 3, 5, 7, 11])
    params = {"channels": channels, "size": size, "filters": filters, "kernel": kernel, "stride": stride,
              "padding": padding}
    out = output_size("conv/layer-cost", size, kernel, stride, padding)
    answers = {"out_shape": (filters, out, out), "param_count": conv2d_param_count(channels, filters, kernel),
               "macs": conv2d_macs(channels, filters, kernel, out, out)}
    return params, answers


def _check_separable(params, answers):
    p = params
    out = conv_exact.out_size(p["size"], p["kernel"], p["stride"], p["padding"])
    c, f, k = p["channels"], p["filters"], p["kernel"]
    assert answers["params_separable"] == c * (k * k + 1) + f * (c + 1)
    assert answers["macs_separable"] == c * k * k * out * out + c * f * out * out
    # MobileNets' reduction: 1/F + 1/k^2, independent of the channels and the output size.
    assert abs(answers["ratio"] - float(Fraction(1, f) + Fraction(1, k * k))) < 1e-12


@template("conv/depthwise-separable", topic="conv", points=10,
          title="Depthwise separable replacement of a conv layer: parameters, MACs, savings",
          question="tex/conv/depthwise.tex.j2", solution="tex/conv/depthwise_solution.tex.j2",
          answers={"params_separable": Integer(points=3, prompt="The learnable parameters (biases included) "
                                                                "of the depthwise and pointwise layers together."),
                   "macs_separable": Integer(points=4, prompt="Their MACs together, for one input image."),
                   "ratio": Real(digits=4, points=3, prompt="The ratio of these MACs to the MACs of the "
                                                           "original layer, to 4 decimal places.")},
          constraints={**LAYER_CONSTRAINTS,
                       "the ratio is not halfway at 4 decimals": lambda p, a: not rounding_tie(a["ratio"], 4)},
          crosscheck=_check_separable)
def depthwise_question(rng):
    """The depthwise + pointwise replacement of one conv layer: parameters, MACs, MAC ratio to the original."""
    channels, size, filters, kernel, stride, padding = draw_layer(rng, [3, 3, 5, 7, 11])
    params = {"channels": channels, "size": size, "filters": filters, "kernel": kernel, "stride": stride,
              "padding": padding}
    out = output_size("conv/depthwise-separable", size, kernel, stride, padding)
    answers = {"params_separable": depthwise_separable_param_count(channels, filters, kernel),
               "macs_separable": depthwise_separable_macs(channels, filters, kernel, out, out),
               "ratio": depthwise_separable_mac_ratio(channels, filters, kernel, out, out)}
    work = {"out": out,
            "params_depthwise": conv2d_param_count(channels, channels, kernel, groups=channels),
            "params_pointwise": conv2d_param_count(channels, filters, 1),
            "macs_depthwise": conv2d_macs(channels, channels, kernel, out, out, groups=channels),
            "macs_pointwise": conv2d_macs(channels, filters, 1, out, out),
            "params_plain": conv2d_param_count(channels, filters, kernel),
            "macs_plain": conv2d_macs(channels, filters, kernel, out, out)}
    return params, answers, work
