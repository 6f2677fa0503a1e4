"""Degenerate draws of the built-in templates: planted parameters that make a hand calculation trivial or
ambiguous are flagged by the template's `degenerate=` predicates, or refused by its constraints; ordinary
draws are neither.

Each planted case derives by hand why it is degenerate at the 4 decimals the questions print.
"""
import numpy as np
import pytest

from qbank.engine.generate import ConstraintError, generate
from qbank.engine.template import get

DECLARING = ["rnn/bptt-scalar", "rnn/bptt-chain", "rnn/gru-step", "rnn/lstm-step", "optim/adam-step"]


def flagged(template_id, seed=0, **pins):
    """The descriptions of the template's degenerate= predicates that hold for this draw."""
    tpl = get(template_id)
    inst = generate(tpl, seed, pins)
    return {text for text, predicate in tpl.degenerate.items() if predicate(inst.params, inst.answers, inst.work)}


def refused(template_id, **pins):
    """The constraint message for pinned parameters that no redraw can fix."""
    with pytest.raises(ConstraintError) as caught:
        generate(get(template_id), 0, pins)
    return str(caught.value)


def one_about(descriptions, words):
    return sum(words in text for text in descriptions) == 1


@pytest.mark.parametrize("template_id", DECLARING)
def test_ordinary_draws_are_not_flagged(template_id):
    assert get(template_id).degenerate
    for seed in range(20):
        assert not flagged(template_id, seed), seed


def test_bptt_scalar_saturated_tanh():
    # u = w h = 10 * 0.8 = 8: tanh'(8) = 1 - tanh(8)^2 = 4 / (e^8 + e^-8)^2 < 4 / 2980^2 < 5e-7: prints 0.0000.
    assert one_about(flagged("rnn/bptt-scalar", activation="tanh", w=10.0, h_prev=0.8), "saturates")
    # u = 0.5 * 0.8 = 0.4: tanh'(0.4) = 1 - 0.38^2 ~ 0.85.
    assert not flagged("rnn/bptt-scalar", activation="tanh", w=0.5, h_prev=0.8)


def test_bptt_chain_saturated_state():
    # h_2 = (0.99999, 0.1): 1 - 0.99999^2 = 1 - 0.9999800001 = 0.0000199999, printed 0.0000; times W_hh's entries
    # (|w| <= 2) the first row of dh2/dh1 is nonzero but prints as 0: the constraint refuses the draw.
    hs = [[0.5, 0.2], [0.99999, 0.1], [0.3, 0.4]]
    assert "no key ties or prints as 0" in refused("rnn/bptt-chain", hs=hs, W_hh=[[1, 2], [-1, 1]])
    hs[1][0] = 0.9  # 1 - 0.81 = 0.19
    assert not flagged("rnn/bptt-chain", hs=hs, W_hh=[[1, 2], [-1, 1]])


GRU = {"x": [1, 1], "h": 0.5, "W_hh": [[0.0], [0.2], [0.4]], "b_ih": [0.0, 0.0, 0.0]}


def test_gru_gate_at_one():
    # r = sigma(5 + 5 + 0 * 0.5 + 0) = sigma(10) = 1 / (1 + e^-10) = 0.999955, printed 1.0000.
    assert one_about(flagged("rnn/gru-step", **GRU, W_ih=[[5.0, 5.0], [0.1, 0.2], [0.3, 0.4]]), "gate")


def test_gru_candidate_at_zero():
    # r = sigma(0) = 1/2, and n = tanh(0.1 - 0.2 + 1/2 * (0.4 * 0.5)) = tanh(0) = 0: h' = z h.
    assert one_about(flagged("rnn/gru-step", **GRU, W_ih=[[0.0, 0.0], [0.1, 0.2], [0.1, -0.2]]), "candidate n")


def test_gru_reset_gate_without_effect_is_refused():
    # W_hn = 0: r multiplies W_hn h + b_hn = 0, so n does not depend on r.
    pins = {**GRU, "W_hh": [[0.5], [0.5], [0.0]], "W_ih": [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]]}
    assert "reset gate" in refused("rnn/gru-step", **pins)


LSTM = {"x": [1, 1], "h": 0.5, "c": 0.4, "W_hh": [[0.0]] * 4, "b_ih": [0.0] * 4}


def test_lstm_gate_at_one():
    # i = sigma(5 + 5) = 0.999955, printed 1.0000; g = tanh(0.3 + 0.2) = tanh(0.5) is not 0.
    W_ih = [[5.0, 5.0], [0.0, 0.0], [0.3, 0.2], [0.0, 0.0]]
    assert one_about(flagged("rnn/lstm-step", **LSTM, W_ih=W_ih), "gate")


def test_lstm_cell_state_at_zero():
    # i = f = sigma(0) = 1/2 and g = tanh(0.5); with c = -tanh(0.5): c' = f c + i g = (c + g) / 2 = 0.
    W_ih = [[0.0, 0.0], [0.0, 0.0], [0.3, 0.2], [0.1, 0.1]]
    pins = {**LSTM, "c": float(-np.tanh(0.5)), "W_ih": W_ih}
    assert one_about(flagged("rnn/lstm-step", **pins), "c'")


def test_lstm_candidate_at_zero_is_refused():
    # g = tanh(0.1 - 0.1 + 0) = 0: c' = f c, and the input gate i has no effect.
    W_ih = [[0.2, 0.2], [0.2, 0.2], [0.1, -0.1], [0.2, 0.2]]
    assert "candidate g" in refused("rnn/lstm-step", **LSTM, W_ih=W_ih)


def test_relu_rnn_that_never_clips_is_refused():
    # All inputs and weights are non-negative: every pre-activation is >= 0, ReLU is the identity, and the
    # states of the linear RNN would be marked right.
    pins = {"activation": "relu", "xs": [[1, 1], [1, 0], [0, 1]], "W_xh": [[1, 1], [1, 0]],
            "W_hh": [[1, 0], [0, 1]], "b_h": [0, 0]}
    assert "skipping the activation" in refused("rnn/forward", **pins)
    pins["b_h"] = [-3, 0]  # step 1: W_xh x_1 + b = (2 - 3, 1) = (-1, 1): ReLU clips the first entry
    assert generate(get("rnn/forward"), 0, pins).answers["hs"][0][0] == 0


MLP = {"x": [1, 2], "y": 1, "b1": [0.0, 0.0, 0.0], "W2": [[0.5, -0.5, 1.0]], "b2": 0.0}


def test_saturated_hidden_unit_is_refused():
    # Row 1 of W_1 is (2, 4) and x = (1, 2), b_1 = 0: z_{1,1} = 2 + 8 = 10, sigma(10) = 0.999955 prints as 1.0000
    # and its slope sigma (1 - sigma) = 0.0000454 as 0.0000.
    assert "sigmoid" in refused("mlp/two-layer-sigmoid", **MLP, W1=[[2.0, 4.0], [0.1, 0.2], [-0.3, 0.1]])
    inst = generate(get("mlp/two-layer-sigmoid"), 0, {**MLP, "W1": [[2.0, 1.0], [0.1, 0.2], [-0.3, 0.1]]})
    assert inst.answers["h1"][0] < 0.99  # row 1 = (2, 1): z = 2 + 2 = 4, sigma(4) = 0.982


def test_disconnected_hidden_unit_is_refused():
    # W_2 = (0.5, 0, 1): hidden unit 2 does not reach z_2, so dz2/dz1 and row 2 of dL/dW1 are 0.
    pins = {**MLP, "W1": [[0.2, 0.1], [0.1, 0.2], [-0.3, 0.1]], "W2": [[0.5, 0.0, 1.0]]}
    assert "output weight" in refused("mlp/two-layer-sigmoid", **pins)


def test_elu_input_unit_without_weights_is_refused():
    # Column 2 of W is 0: dL/dh^(l-1)_2 = sum_i W_i2 (...) = 0 whatever z and the gradient are.
    pins = {"z": [-1.0, 0.5, 1.0], "W": [[1, 0], [2, 0], [-1, 0]], "grad_h": [1, 2, 3]}
    assert "non-zero weight" in refused("mlp/elu-layer-backward", **pins)
    pins["W"][0][1] = 1
    assert generate(get("mlp/elu-layer-backward"), 0, pins).answers["dL_dh_prev"][1] != 0


def test_conv_layer_whose_relu_never_acts_is_refused():
    # K >= 0, b = 0 and x >= 0: every pre-activation z is a sum of non-negative products, so h = ReLU(z) = z and
    # the layer without its ReLU would be marked right. (The ReLU constraint comes last: all others held.)
    pins = {"K": [[0, 1, 0], [0, 0, 0], [0, 1, 0]], "b": 0, "direction": "up",
            "x": [[0, 0, 0, 0], [0, 0, 0, 1], [0, 0, 1, 1], [0, 0, 0, 0]]}
    assert "ReLU" in refused("conv/relu-pool-translation", **pins)


SGD = {"k": 4, "lr": 0.25, "momentum": 0.9, "dampening": 0.0, "nesterov": True}


def test_momentum_run_at_rest_at_the_minimum_is_refused():
    # f = 2 (x - 3)^2, x_0 = 4, Nesterov: g_1 = 4, v_1 = 4, x_1 = 4 - 0.25 (4 + 0.9 * 4) = 2.1;
    # g_2 = 4 (2.1 - 3) = -3.6, v_2 = 0.9 * 4 - 3.6 = 0, x_2 = 2.1 - 0.25 (-3.6) = 3: then g_3 = v_3 = 0, x_3 = 3.
    assert "rest" in refused("optim/sgd-momentum-steps", **SGD, center=3, x0=4)


def test_momentum_run_through_the_minimum_is_kept():
    # f = 2 (x + 1)^2, x_0 = 0, plain momentum 0.5, lr 0.5: g_1 = 4, v_1 = 4, x_1 = -2; g_2 = -4, v_2 = 2 - 4 = -2,
    # x_2 = -2 + 1 = -1 (the minimum); g_3 = 0 but v_3 = -1, so x_3 = -1 + 0.5 = -0.5: momentum carries on.
    pins = {**SGD, "lr": 0.5, "momentum": 0.5, "nesterov": False, "center": -1, "x0": 0}
    answers = generate(get("optim/sgd-momentum-steps"), 0, pins).answers
    assert (answers["x2"], answers["x3"]) == (-1, -0.5)


def test_adam_zero_gradient_entry():
    # g_1 = (0, 2): m = v = 0 for the first coordinate, whose steps are lr * 0 / (0 + eps) = 0.
    assert one_about(flagged("optim/adam-step", g1=[0, 2]), "gradient entry is 0")


def test_recurrent_layer_with_equal_sizes_is_refused():
    # d1 = d2 = 8: the LSTM count 4 (d2 d1 + d2^2 + d2) equals the wrong 4 (d2 d1 + d1^2 + d1), W_hh taken as d1 x d1.
    assert "sizes differ" in refused("rnn/param-count", cell="lstm", biases=1, d_in=8, d_hidden=8)


def test_conv_layer_with_as_many_filters_as_channels_is_refused():
    # 3 filters on 3 channels: the weight shape (3, 3, k, k) is the same with output and input channels swapped.
    pins = {"channels": 3, "filters": 3, "height": 32, "width": 32, "kernel": 3, "stride": 1, "padding": 1}
    assert "filters differ" in refused("conv/layer-batch", **pins)
    # 16 -> 16 channels: the output shape (16, H, W) is the same whether the filters or the input channels are
    # counted, and so are the depthwise parameters 16 (k^2 + 1) whether the depthwise layer has C or F filters.
    pins = {"channels": 16, "filters": 16, "size": 32, "kernel": 3, "stride": 1, "padding": 1}
    for template_id in ("conv/layer-cost", "conv/depthwise-separable"):
        assert "filters differ" in refused(template_id, **pins)


def test_norm_statistics_a_swap_of_axes_would_keep_are_refused():
    # Instance means (row = sample, column = channel) [[1, 2], [2, 3]]: symmetric, so the transposed matrix scores,
    # and batch means (columns) (1.5, 2.5) equal layer means (rows) (1.5, 2.5), so swapping the two scores too.
    x = np.ones((2, 2, 2, 2), dtype=int) * np.array([[1, 2], [2, 3]])[:, :, None, None]  # (N, C, H, W)
    assert "mix-up of axes" in refused("norm/means", x=x.tolist())
    x[1, 0] = 4  # instance means [[1, 2], [4, 3]]: batch (2.5, 2.5), layer (1.5, 3.5)
    assert generate(get("norm/means"), 0, {"x": x.tolist()}).answers["layer_mean"].tolist() == [1.5, 3.5]
    # Each (sample, channel) pair (v, v + 2) has mean v + 1 and variance 1: instance means [[1, 2], [2, 3]] again.
    assert "mix-up of axes" in refused("norm/variances", x=[[[0, 2], [1, 3]], [[1, 3], [2, 4]]])
    # Groups of channels (0, 1) and (2, 3): group means [[1, 2], [2, 3]], every variance 1.
    x = [[[0, 2], [0, 2], [1, 3], [1, 3]], [[1, 3], [1, 3], [2, 4], [2, 4]]]
    assert "mix-up of axes" in refused("norm/group-norm", x=x, groups=2)


def test_l2_scaling_that_another_convention_matches_is_refused():
    # N = 2 examples: the stated lambda / N equals the lambda / 2 of other texts.
    y, y_hat = [[1, 0, 0], [0, 1, 0]], [[0.5, 0.2, 0.1], [0.3, 0.6, 0.0]]
    assert "scaling differs" in refused("regularization/l2-loss", y=y, y_hat=y_hat, scale="1/N")
    # lambda / (2N) = lambda / 4 differs from lambda / N = lambda / 2, lambda / 2 and lambda: kept, and solved.
    inst = generate(get("regularization/l2-loss"), 0, {"y": y, "y_hat": y_hat, "scale": "1/2N"})
    # J = ((.5^2 + .2^2 + .1^2) + (.3^2 + .4^2 + 0^2)) / (2 * 2) = (.30 + .25) / 4 = .1375
    assert inst.answers["data_loss"] == pytest.approx(0.1375)
    theta, lam = inst.params["theta"], inst.params["lam"]
    assert inst.answers["penalty"] == pytest.approx(lam / 4 * sum(t * t for t in theta)) and inst.answers["penalty"] > 0


def test_scalar_bptt_with_unit_weight_is_refused():
    # dL/dh_{t-1} = a w sigma'(w h): with w = 1 the value a sigma'(h) that forgets the factor w is the same.
    assert "w is not 1" in refused("rnn/bptt-scalar", w=1.0)
