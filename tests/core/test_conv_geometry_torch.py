"""Receptive fields, transposed-convolution shapes and activation memory against PyTorch modules."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from qbank.core.activation_memory import activation_bytes
from qbank.core.conv_transpose import (
    conv_transpose_output_size, conv_transpose_param_count, conv_transpose_weight_shape)
from qbank.core.receptive_field import receptive_field
from qbank.engine.generate import generate
from qbank.engine.template import get

torch = pytest.importorskip("torch")
SETTINGS = settings(max_examples=25, deadline=None)


@SETTINGS
@given(st.lists(st.tuples(st.integers(1, 4), st.integers(1, 2), st.integers(1, 2)), min_size=1, max_size=4))
def test_receptive_field_is_the_span_of_the_input_gradient(layers):
    # All-ones 1-D convolutions: output 0's gradient is positive exactly on the input pixels it reads.
    modules = []
    for k, s, d in layers:
        conv = torch.nn.Conv1d(1, 1, k, stride=s, dilation=d, bias=False).double()
        torch.nn.init.ones_(conv.weight)
        modules.append(conv)
    x = torch.zeros(1, 1, 400, dtype=torch.float64, requires_grad=True)
    torch.nn.Sequential(*modules)(x)[0, 0, 0].backward()
    read = np.flatnonzero(x.grad[0, 0].numpy())
    assert read.max() - read.min() + 1 == receptive_field(layers)


@SETTINGS
@given(st.integers(1, 6), st.integers(1, 5), st.integers(1, 3), st.integers(0, 2), st.integers(1, 2), st.data())
def test_transposed_shapes_and_counts_match_conv_transpose2d(n, k, s, p, d, data):
    a = data.draw(st.integers(0, max(s, d) - 1))
    layer = torch.nn.ConvTranspose2d(4, 6, k, stride=s, padding=p, output_padding=a, dilation=d)
    try:
        expected = conv_transpose_output_size(n, k, s, p, a, d)
    except ValueError:  # torch refuses the size, or returns an empty map (size 0)
        try:
            assert layer(torch.zeros(1, 4, n, n)).shape[-1] == 0
        except RuntimeError:
            pass
        return
    assert layer(torch.zeros(1, 4, n, n)).shape == (1, 6, expected, expected)
    assert tuple(layer.weight.shape) == conv_transpose_weight_shape(4, 6, k)
    assert sum(t.numel() for t in layer.parameters()) == conv_transpose_param_count(4, 6, k)


@pytest.mark.parametrize("seed", range(8))
def test_transposed_chain_template_matches_torch(seed):
    inst = generate(get("conv/transposed-chain"), seed)
    p, x = inst.params, torch.zeros(1, inst.params["c0"], inst.params["size"], inst.params["size"])
    channels = [p["c0"]] + [int(c) for c in p["channels"]]
    for i, name in enumerate(("shape1", "shape2", "shape3")):
        layer = torch.nn.ConvTranspose2d(channels[i], channels[i + 1], int(p["kernels"][i]), int(p["strides"][i]),
                                         int(p["paddings"][i]), int(p["output_paddings"][i]),
                                         dilation=int(p["dilations"][i]))
        x = layer(x)
        assert tuple(x.shape[1:]) == inst.answers[name]
        if i == 0:
            assert tuple(layer.weight.shape) == inst.answers["weight1"]
        if i == 1:
            assert sum(t.numel() for t in layer.parameters()) == inst.answers["params2"]


@pytest.mark.parametrize("dtype, torch_dtype", [("fp32", torch.float32), ("bf16", torch.bfloat16)])
@pytest.mark.parametrize("count_input", [False, True])
def test_activation_memory_is_what_the_modules_output(dtype, torch_dtype, count_input):
    # The template's network at a small size, run in that precision: the bytes of every output (and the input).
    # (28 x 28 grayscale: the MiB are not halfway at 4 decimals, which the template's constraint refuses.)
    pins = {"batch": 8, "channels": 1, "size": 28, "filters1": 16, "filters2": 32, "count_input": count_input,
            "dtype": dtype}
    answers = generate(get("conv/activation-memory"), 0, pins).answers
    net = torch.nn.Sequential(torch.nn.Conv2d(1, 16, 3, padding="same"), torch.nn.MaxPool2d(2),
                              torch.nn.Conv2d(16, 32, 3, padding="same"), torch.nn.MaxPool2d(2)).to(torch_dtype)
    x = torch.zeros(8, 1, 28, 28, dtype=torch_dtype)
    kept = [x] if count_input else []
    for module in net:
        x = module(x)
        kept.append(x)
    assert answers["bytes"] == sum(t.numel() * t.element_size() for t in kept)
    assert answers["elements"] == sum(t.numel() for t in kept)
    assert answers["bytes"] == activation_bytes(answers["elements"], dtype)
