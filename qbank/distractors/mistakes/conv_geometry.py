"""Modelled mistakes for the receptive-field, transposed-convolution and activation-memory templates.

Each wrong value is the core's answer with the slip applied to its arguments: strides or
dilations left out of the receptive-field recurrence (qbank.core.receptive_field), the
convolution's size formula used for a transposed one, the Conv2d weight order, the batch
or the input left out of the activation count, KiB for MiB.
"""
from __future__ import annotations

from qbank.core.activation_memory import BYTES_PER_VALUE, activation_bytes, activation_elements, in_unit
from qbank.core.conv_size import conv_output_size
from qbank.core.conv_transpose import conv_transpose_output_size, conv_transpose_param_count
from qbank.core.receptive_field import receptive_field, receptive_fields
from qbank.distractors.registry import mistake
from qbank.questions.conv_memory import stored_shapes
from qbank.questions.conv_receptive import layer_list

RF = "conv/receptive-field"


def _first(params, count):
    return layer_list(params)[:count]


def _without(layers, key):
    return [dict(layer, **{key: 1}) for layer in layers]


def _own_stride(layers):
    """r = 1 + sum d (k - 1) j_l: each layer's widening scaled by the jump after its own stride, not before."""
    jumps = [j for _, j in receptive_fields(layers)]
    return 1 + sum(layer["dilation"] * (layer["kernel"] - 1) * j for layer, j in zip(layers, jumps))


for _part, _count in (("rf2", 2), ("rf", 4)):
    mistake(RF, "ignored the strides (added up the kernel widths)", part=_part)(
        lambda p, c=_count: receptive_field(_without(_first(p, c), "stride")))
    mistake(RF, "ignored the dilations", part=_part)(
        lambda p, c=_count: receptive_field(_without(_first(p, c), "dilation")))
    mistake(RF, "multiplied each layer's widening by the jump after its own stride", part=_part)(
        lambda p, c=_count: _own_stride(_first(p, c)))


@mistake(RF, "added the strides instead of multiplying them", part="jump")
def _jump_sum(p):
    return sum(int(s) for s in p["strides"])


@mistake(RF, "counted only the pooling layers' strides", part="jump")
def _jump_pools(p):
    product = 1
    for kind, s in zip(p["kinds"], p["strides"]):
        product *= int(s) if kind == "pool" else 1
    return product


TRANSPOSED = "conv/transposed-chain"


def _or_none(size_of):
    """size_of(...), or None where the slip's arguments give no valid size."""
    def size(*args):
        try:
            return size_of(*args)
        except ValueError:
            return None
    return size


@_or_none
def _conv_formula(n, k, s, p, a, d):
    """The convolution's output size for the same arguments (a shrinking map where a growing one was asked)."""
    return conv_output_size(n, k, s, p, d)


@_or_none
def _no_output_padding(n, k, s, p, a, d):
    return conv_transpose_output_size(n, k, s, p, 0, d)


@_or_none
def _no_dilation(n, k, s, p, a, d):
    return conv_transpose_output_size(n, k, s, p, a, 1)


def _slip_chain(params, size_of, index):
    """Layer `index`'s shape with `size_of` used at every layer (None where the slip gives no valid size)."""
    sizes, n = [], int(params["size"])
    for i in range(index + 1):
        n = size_of(n, *[int(params[name][i]) for name in ("kernels", "strides", "paddings", "output_paddings",
                                                          "dilations")])
        if n is None or n < 1:
            return None
        sizes.append(n)
    c = int(params["channels"][index])
    return (c, sizes[-1], sizes[-1])


for _index, _part in enumerate(("shape1", "shape2", "shape3")):
    mistake(TRANSPOSED, "used the convolution's output-size formula", part=_part)(
        lambda p, i=_index: _slip_chain(p, _conv_formula, i))
    mistake(TRANSPOSED, "forgot the output padding", part=_part)(
        lambda p, i=_index: _slip_chain(p, _no_output_padding, i))
    mistake(TRANSPOSED, "forgot the dilation", part=_part)(lambda p, i=_index: _slip_chain(p, _no_dilation, i))


@mistake(TRANSPOSED, "wrote the Conv2d order, output channels first", part="weight1")
def _weight_order(p):
    return (int(p["channels"][0]), int(p["c0"]), int(p["kernels"][0]), int(p["kernels"][0]))


@mistake(TRANSPOSED, "forgot the biases", part="params2")
def _params_no_bias(p):
    return conv_transpose_param_count(int(p["channels"][0]), int(p["channels"][1]), int(p["kernels"][1]), bias=False)


@mistake(TRANSPOSED, "counted one bias per input channel", part="params2")
def _params_input_bias(p):
    return conv_transpose_param_count(int(p["channels"][0]), int(p["channels"][1]), int(p["kernels"][1]),
                                      bias=False) + int(p["channels"][0])


MEMORY = "conv/activation-memory"


def _elements(p, batch=None, with_input=None):
    return sum(activation_elements(p["batch"] if batch is None else batch, shape)
               for shape in stored_shapes(p, with_input))


@mistake(MEMORY, "forgot the batch (one image)", part="conv1_elements")
def _conv1_one_image(p):
    return activation_elements(1, stored_shapes(p, with_input=False)[0])


@mistake(MEMORY, "forgot the batch (one image)", part="elements")
def _elements_one_image(p):
    return _elements(p, batch=1)


@mistake(MEMORY, "used the other convention for the input batch", part="elements")
def _elements_input(p):
    return _elements(p, with_input=not p["count_input"])


@mistake(MEMORY, "used the other precision's bytes per value", part="bytes")
def _bytes_dtype(p):
    return activation_bytes(_elements(p), "bf16" if p["dtype"] == "fp32" else "fp32")


@mistake(MEMORY, "counted bits instead of bytes", part="bytes")
def _bytes_bits(p):
    return activation_bytes(_elements(p), p["dtype"]) * 8


@mistake(MEMORY, "divided by 1024 once (KiB, not MiB)", part="mib")
def _mib_kib(p):
    return activation_bytes(_elements(p), p["dtype"]) / 1024


@mistake(MEMORY, "used the other precision's bytes per value", part="mib")
def _mib_dtype(p):
    other = "bf16" if p["dtype"] == "fp32" else "fp32"
    return in_unit(_elements(p) * BYTES_PER_VALUE[other], "MiB")
