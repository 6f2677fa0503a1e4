"""Each modelled mistake is the core's answer with the slip applied: one hand-checked case per mistake."""
import math

import numpy as np
import pytest

from qbank.distractors.registry import MISTAKES, mistakes_for
from qbank.engine.template import get

CONV = {"channels": 3, "size": 32, "filters": 8, "kernel": 3, "stride": 1, "padding": 1}


def test_every_registered_mistake_names_a_real_template_part():
    mistakes_for("conv/layer-cost", "param_count", only_part=False)  # loads the built-in mistakes
    for (template_id, part), entries in MISTAKES.items():
        assert entries
        assert part in get(template_id).answers, (template_id, part)


def test_conv_layer_cost_mistakes(wrong):
    # weights 8 * 3 * 3 * 3 = 216, without the 8 biases; one input channel: 8 * 1 * 3 * 3 + 8 = 80
    assert wrong("conv/layer-cost", "param_count", "forgot the bias", CONV) == 216
    assert wrong("conv/layer-cost", "param_count", "counted one input channel per filter", CONV) == 80
    # no padding: (32 - 3) / 1 + 1 = 30 instead of (32 + 2 - 3) + 1 = 32
    assert wrong("conv/layer-cost", "out_shape", "ignored the padding", CONV) == (8, 30, 30)
    # MACs without padding: 8 filters * 30 * 30 outputs * 27 terms = 194400
    assert wrong("conv/layer-cost", "macs", "ignored the padding", CONV) == 194400
    # stride 2 ignored: output (32 + 2 - 3) + 1 = 32 per side, 8 * 32 * 32 * 27 = 221184
    assert wrong("conv/layer-cost", "macs", "ignored the stride", dict(CONV, stride=2)) == 221184
    # no padding to ignore: the mistake does not apply
    assert wrong("conv/layer-cost", "out_shape", "ignored the padding", dict(CONV, padding=0)) is None


def test_ceil_instead_of_floor(wrong):
    # size 32, kernel 3, stride 2, padding 0: floor(29 / 2) + 1 = 15, ceil(29 / 2) + 1 = 16
    params = dict(CONV, stride=2, padding=0)
    assert wrong("conv/layer-cost", "out_shape", "rounded up (ceil) instead of down", params) == (8, 16, 16)


def test_depthwise_and_chain_and_batch_mistakes(wrong):
    # depthwise 3 * 9 weights and pointwise 8 * 3 weights, no biases: 27 + 24 = 51; plain conv 8 * 27 + 8 = 224
    assert wrong("conv/depthwise-separable", "params_separable", "forgot the biases", CONV) == 51
    assert wrong("conv/depthwise-separable", "params_separable", "counted the original layer instead", CONV) == 224
    chain = {"channels": 1, "filters1": 6, "kernel1": 5}
    assert wrong("conv/shape-chain", "params_conv1", "forgot the bias", chain) == 150  # 6 * 1 * 5 * 5
    batch = {"channels": 3, "filters": 4, "height": 10, "width": 12, "kernel": 3, "stride": 1, "padding": 1}
    # no padding: (10 - 3) + 1 = 8 rows, (12 - 3) + 1 = 10 columns, 4 channels: 320 features
    assert wrong("conv/layer-batch", "linear_in", "ignored the padding", batch) == 320


def test_rnn_count_mistakes(wrong):
    lstm = {"cell": "lstm", "d_in": 3, "d_hidden": 2, "biases": 2}
    # one block: 2 * 3 + 2 * 2 + 2 * 2 = 14 (the LSTM has four of them: 56)
    assert wrong("rnn/param-count", "count", "counted one gate block instead of one per gate", lstm) == 14
    # one bias per gate: 4 * (6 + 4 + 2) = 48; no biases: 4 * (6 + 4) = 40
    assert wrong("rnn/param-count", "count", "used the other bias convention", lstm) == 48
    assert wrong("rnn/param-count", "count", "forgot the biases", lstm) == 40
    assert wrong("rnn/param-count", "count", "counted one gate block instead of one per gate",
                 dict(lstm, cell="rnn")) is None


def test_init_mistakes(wrong):
    layer = {"c_in": 50, "c_out": 150, "kernel": 1}  # fan_in 50, fan_out 150
    # Xavier with fan_in twice: sqrt(2 / 100) = sqrt(1 / 50); He's sqrt(2 / 50) = 0.2
    assert wrong("init/xavier-he", "xavier_std", "used only the fan-in in Xavier's formula", layer) == pytest.approx(
        math.sqrt(1 / 50))
    assert wrong("init/xavier-he", "xavier_std", "used the He (ReLU) formula", layer) == pytest.approx(0.2)
    # uniform bound with fan_in only: sqrt(6 / 100); the normal std instead: sqrt(2 / 200) = 0.1
    assert wrong("init/xavier-he", "xavier_bound", "used only the fan-in in Xavier's formula", layer) == pytest.approx(
        math.sqrt(0.06))
    assert wrong("init/xavier-he", "xavier_bound", "gave the normal std instead of the uniform bound",
                 layer) == pytest.approx(0.1)
    assert wrong("init/xavier-he", "he_std", "left out the ReLU factor 2", layer) == pytest.approx(math.sqrt(1 / 50))
    assert wrong("init/xavier-he", "he_std", "used Xavier's formula", layer) == pytest.approx(0.1)


def test_norm_axis_mistakes(wrong):
    # x (N=2, C=2, L=2): sample 0 = [[1, 3], [5, 7]], sample 1 = [[0, 0], [2, 2]]
    x = np.array([[[1, 3], [5, 7]], [[0, 0], [2, 2]]])
    # batch axes: channel 0 averages 1, 3, 0, 0 -> 1; channel 1 averages 5, 7, 2, 2 -> 4
    used = "used the batch-norm axes (per channel) for layer norm"
    assert np.allclose(wrong("norm/means", "layer_mean", used, {"x": x}), [1, 4])
    # batch-axis variances: channel 0: (0 + 4 + 1 + 1) / 4 = 1.5; channel 1: (1 + 9 + 4 + 4) / 4 = 4.5
    assert np.allclose(wrong("norm/variances", "layer_var", used, {"x": x}), [1.5, 4.5])
    # layer axes: sample 0 averages 1, 3, 5, 7 -> 4; sample 1 averages 0, 0, 2, 2 -> 1
    swapped = "used the layer-norm axes (per sample) for batch norm"
    assert np.allclose(wrong("norm/means", "batch_mean", swapped, {"x": x}), [4, 1])
    over_batch = "used the batch-norm axes (over the batch too) for instance norm"
    assert np.allclose(wrong("norm/variances", "instance_mean", over_batch, {"x": x}), [1, 4])


def test_a_label_with_bare_latex_specials_is_refused():
    from qbank.distractors.registry import mistake

    with pytest.raises(ValueError, match="inside"):
        mistake("t/x", "used fan_in only")
    mistake("t/x", r"forgot the $1/\sqrt{d_k}$")  # math mode is fine (registers nothing until decorating)
