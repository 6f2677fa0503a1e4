"""Transposed-convolution template: a three-layer decoder from a small latent map, its shapes, one weight shape
and one parameter count.

Each layer is one of the common upsampling patterns (k=4 s=2 p=1 doubles; k=3 s=2 p=1 with
output padding 1 doubles; k=3 s=1 p=2 d=2 keeps the size; ...), so the sizes stay small
whole numbers; channels shrink towards an image with 1 or 3 channels.
"""
from __future__ import annotations

import numpy as np

from qbank import Integer, Shape, template
from qbank.core.conv_transpose import (
    conv_transpose_output_size, conv_transpose_param_count, conv_transpose_weight_shape)
from qbank.errors import InputError
from qbank.lazy import sympy

PATTERNS = ((4, 2, 1, 0, 1), (3, 2, 1, 1, 1), (5, 2, 2, 1, 1), (2, 2, 0, 0, 1), (3, 2, 0, 0, 1), (3, 1, 1, 0, 1),
            (3, 1, 2, 0, 2), (4, 1, 0, 0, 1), (3, 2, 1, 0, 1))  # (kernel, stride, padding, output_padding, dilation)
NAMES = ("kernels", "strides", "paddings", "output_paddings", "dilations")


def layer_args(params, index):
    """(kernel, stride, padding, output_padding, dilation) of layer `index`."""
    return tuple(int(params[name][index]) for name in NAMES)


def chain(params, size_of=conv_transpose_output_size):
    """The spatial size after each layer, by `size_of(n, k, s, p, a, d)` (the core's formula unless a slip's)."""
    sizes, n = [], int(params["size"])
    for index in range(3):
        n = size_of(n, *layer_args(params, index))
        sizes.append(n)
    return sizes


def _forward_size(m, k, s, p, d):
    """A convolution's output size floor((m + 2p - d(k - 1) - 1) / s) + 1, in sympy."""
    return int(sympy.floor(sympy.Rational(m + 2 * p - d * (k - 1) - 1, s))) + 1


def _check(params, answers):
    """Each size is the one the convolution with the same (k, s, p, d) maps back to the input size: the smallest
    such size plus the output padding (the smallest is the first whose size one less maps lower)."""
    n = int(params["size"])
    channels = [int(params["c0"])] + [int(c) for c in params["channels"]]
    for index, name in enumerate(("shape1", "shape2", "shape3")):
        k, s, p, a, d = layer_args(params, index)
        out = answers[name][1]
        smallest = out - a
        assert _forward_size(out, k, s, p, d) == n and _forward_size(smallest, k, s, p, d) == n
        assert smallest == 1 or _forward_size(smallest - 1, k, s, p, d) < n
        assert answers[name] == (channels[index + 1], out, out)
        n = out
    k = layer_args(params, 1)[0]
    assert answers["params2"] == channels[1] * channels[2] * k * k + channels[2]
    assert answers["weight1"] == (channels[0], channels[1], layer_args(params, 0)[0], layer_args(params, 0)[0])


@template("conv/transposed-chain", topic="conv", points=6, title="Transposed convolutions in a decoder",
          question="tex/conv/transposed-chain.tex.j2", solution="tex/conv/transposed-chain-solution.tex.j2",
          answers={"shape1": Shape(points=1, label="shape after layer 1",
                                   prompt="The output shape (channels, height, width) of layer 1."),
                   "shape2": Shape(points=1, label="shape after layer 2", prompt="The output shape of layer 2."),
                   "shape3": Shape(points=1, label="shape after layer 3", prompt="The output shape of layer 3."),
                   "weight1": Shape(points=1.5, label="weight shape of layer 1",
                                    prompt="The shape of layer 1's weight tensor, as torch.nn.ConvTranspose2d "
                                           "stores it."),
                   "params2": Integer(points=1.5, label="parameters of layer 2",
                                      prompt="The number of learnable parameters (weights and biases) of layer 2.")},
          constraints={"some layer uses output padding":
                       lambda p, a: bool(np.any(np.asarray(p["output_paddings"]) > 0)),
                       "the two channel counts of layer 1 differ": lambda p, a: p["c0"] != p["channels"][0]},
          crosscheck=_check)
def transposed_chain(rng):
    """A latent (c0, size, size) through three ConvTranspose2d layers drawn from PATTERNS."""
    size = int(rng.choice([2, 3, 4, 7]))
    c0 = int(rng.choice([64, 100, 128, 256]))
    channels = np.array([int(rng.choice([64, 96, 128])), int(rng.choice([16, 32, 48])), int(rng.choice([1, 3]))])
    picks = [PATTERNS[int(i)] for i in rng.integers(len(PATTERNS), size=3)]
    kernels, strides, paddings, output_paddings, dilations = (np.array(column) for column in zip(*picks))
    params = {"size": size, "c0": c0, "channels": channels, "kernels": kernels, "strides": strides,
              "paddings": paddings, "output_paddings": output_paddings, "dilations": dilations}
    for name in ("channels",) + NAMES:  # the question lists exactly three layers
        if len(params[name]) != 3:
            raise ValueError(f"{name} needs 3 values, one per layer, got {len(params[name])}")
    try:
        sizes = chain(params)
    except ValueError as exc:  # only a pinned layer can break torch's rules
        raise InputError(f"template conv/transposed-chain: {exc}") from None
    shapes = [(int(c), n, n) for c, n in zip(channels, sizes)]
    answers = {"shape1": shapes[0], "shape2": shapes[1], "shape3": shapes[2],
               "weight1": conv_transpose_weight_shape(c0, int(channels[0]), int(kernels[0])),
               "params2": conv_transpose_param_count(int(channels[0]), int(channels[1]), int(kernels[1]))}
    steps = [dict(zip(("k", "s", "p", "a", "d"), layer_args(params, i)), n=n_in, out=n_out)
             for i, (n_in, n_out) in enumerate(zip([size] + sizes, sizes))]
    return params, answers, {"steps": steps}
