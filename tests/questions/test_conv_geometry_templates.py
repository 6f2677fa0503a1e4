"""The receptive-field, transposed-convolution and activation-memory templates: pinned hand-checked draws, bad pins
(every part as a choice and the CLI: test_breadth1_rendering.py)."""
import json

import pytest

from qbank.cli import main
from qbank.engine.generate import ConstraintError, generate
from qbank.engine.template import get
from qbank.errors import InputError

DECODER = {"size": 4, "c0": 128, "channels": [64, 32, 3], "kernels": [4, 3, 3], "strides": [2, 2, 1],
           "paddings": [1, 1, 2], "output_paddings": [0, 1, 0], "dilations": [1, 1, 2]}


def solve(template_id, **pins):
    inst = generate(get(template_id), seed=0, pins=pins)
    get(template_id).crosscheck(inst.params, inst.answers)
    return inst.answers


def test_receptive_field_by_hand():
    # conv 3 s1: r 3; pool 2 s2: r 4, j 2; conv 3 d2: r 4 + 2*2*2 = 12; conv 5: r 12 + 4*2 = 20, j 2.
    a = solve("conv/receptive-field", kinds=["conv", "pool", "conv", "conv"], kernels=[3, 2, 3, 5],
              strides=[1, 2, 1, 1], dilations=[1, 1, 2, 1])
    assert (a["rf2"], a["rf"], a["jump"]) == (4, 20, 2)


def test_receptive_field_without_a_useful_stride_is_refused():
    with pytest.raises(ConstraintError, match="a stride comes before a wider kernel"):
        solve("conv/receptive-field", kinds=["conv"] * 4, kernels=[3, 3, 3, 3], strides=[1, 1, 1, 1],
              dilations=[1, 1, 1, 1])


def test_transposed_chain_by_hand():
    # 4 -> (4-1)*2 - 2 + 3 + 1 = 8 -> (8-1)*2 - 2 + 2 + 1 + 1 = 16 -> (16-1) - 4 + 2*2 + 1 = 16
    a = solve("conv/transposed-chain", **DECODER)
    assert (a["shape1"], a["shape2"], a["shape3"]) == ((64, 8, 8), (32, 16, 16), (3, 16, 16))
    assert a["weight1"] == (128, 64, 4, 4)
    assert a["params2"] == 64 * 32 * 9 + 32


def test_transposed_chain_refuses_what_torch_refuses():
    with pytest.raises(InputError, match="output_padding 2 must be smaller"):
        generate(get("conv/transposed-chain"), 0, dict(DECODER, output_paddings=[0, 2, 0]))


@pytest.mark.parametrize("template_id, pins, message", [
    ("conv/receptive-field", {"kernels": [3]}, "kernels needs 4 values"),
    ("conv/receptive-field", {"kinds": ["conv", "conv", "conv", "norm"]}, "kinds are 'conv' or 'pool'"),
    ("conv/transposed-chain", {"kernels": [4, 4]}, "kernels needs 3 values"),
])
def test_pins_of_the_wrong_length_are_bad_input(runner, template_id, pins, message):
    args = [f"{name}={json.dumps(value)}" for name, value in pins.items()]
    result = runner.invoke(main, ["solve", template_id, *[x for a in args for x in ("--set", a)]])
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output


def test_activation_memory_by_hand():
    # 16 images (3, 32, 32): input 49152; conv1 16*16*32*32 = 262144; pool 65536; conv2 16*32*16*16 = 131072;
    # pool 32768. Without the input 491520 values; in bf16 983040 bytes = 0.9375 MiB.
    a = solve("conv/activation-memory", batch=16, channels=3, size=32, filters1=16, filters2=32, count_input=False,
              dtype="bf16")
    assert (a["conv1_elements"], a["elements"], a["bytes"], a["mib"]) == (262144, 491520, 983040, 0.9375)
    with_input = solve("conv/activation-memory", batch=16, channels=3, size=32, filters1=16, filters2=32,
                       count_input=True, dtype="fp32")
    assert with_input["elements"] == 491520 + 49152 and with_input["bytes"] == 4 * (491520 + 49152)


@pytest.mark.parametrize("template_id, part, delta", [("conv/receptive-field", "rf", 1),
                                                       ("conv/transposed-chain", "params2", 1),
                                                       ("conv/activation-memory", "elements", 1)])
def test_crosschecks_catch_a_wrong_key(template_id, part, delta):
    inst = generate(get(template_id), 3)
    with pytest.raises(AssertionError):
        get(template_id).crosscheck(inst.params, dict(inst.answers, **{part: inst.answers[part] + delta}))
