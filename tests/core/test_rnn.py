"""qbank.core.rnn and rnn_bptt: hand cases, exact sympy properties, PyTorch oracles."""
import numpy as np
import pytest
import sympy
from hypothesis import given, settings, strategies as st

from qbank.core.rnn import (bptt_hidden_grads, gru_cell, gru_param_count, lstm_cell, lstm_gates,
                            lstm_param_count, rnn_backward_scalar, rnn_backward_scalar_expr, rnn_forward,
                            rnn_forward_trace, rnn_outputs, rnn_param_count, rnn_step_jacobian, scalar_rnn_step)

small_int = st.integers(-3, 3)


def test_relu_rnn_seed_001_trace():
    # x_t rows: START, Awful, plot, and; W_hx x_Awful = [0 - 5, 0 + 5] = [-5, 5] -> relu [0, 5];
    # plot: [1, 0] + h = [1, 5]; and: [0, 0] + h = [1, 5]  (W_hh = I, zero biases, h0 = 0).
    xs = [[0, 0, 0], [0, -5, 0], [1, 0, 0], [0, 0, 0]]
    hs = rnn_forward(xs, [[1, 1, 0], [0, -1, -1]], np.eye(2), activation="relu")
    np.testing.assert_array_equal(hs, [[0, 0], [0, 5], [1, 5], [1, 5]])


def test_linear_rnn_with_bias_and_h0():
    # h1 = 2*1 + 3*1 + 1 = 6; h2 = 2*(-1) + 3*6 + 1 = 17
    hs = rnn_forward([[1], [-1]], [[2]], [[3]], b_h=[1], h0=[1], activation="linear")
    np.testing.assert_array_equal(hs, [[6], [17]])


def test_trace_and_outputs_by_hand():
    # the linear case above: step 2 has W_xh x = -2, W_hh h_1 = 18, a = -2 + 18 + 1 = 17
    trace = rnn_forward_trace([[1], [-1]], [[2]], [[3]], b_h=[1], h0=[1], activation="linear")
    assert (trace["input_part"][1, 0], trace["recurrent_part"][1, 0], trace["a"][1, 0]) == (-2, 18, 17)
    # seed 001: rows good = [1, -1], bad = [-1, 1] of W_yh on h = [0, 5] give -5 and 5
    np.testing.assert_array_equal(rnn_outputs([[0, 5]], [[1, -1], [-1, 1]], b_y=[0, 0]), [[-5, 5]])


def test_rnn_forward_rejects_bad_input():
    with pytest.raises(ValueError, match="sigmoid"):
        rnn_forward([[1]], [[1]], [[1]], activation="sigmoid")
    with pytest.raises(ValueError, match=r"W_xh \(2, 3\)"):
        rnn_forward([[1, 2, 3]], [[1, 1], [1, 1]], np.eye(2))
    with pytest.raises(ValueError, match="h0"):
        rnn_forward([[1]], [[1]], [[1]], h0=[0, 0])


def test_param_counts_by_hand():
    # one layer, I = 3, H = 5: H (I + H) = 40 weights per gate, plus 5 per bias vector
    assert rnn_param_count(3, 5) == 40 + 10
    assert gru_param_count(3, 5, biases=1) == 3 * (40 + 5)
    assert lstm_param_count(3, 5) == 4 * (40 + 10) == 200
    # second layer sees the 5-wide output: 4 (5 * 10 + 10) = 240
    assert lstm_param_count(3, 5, layers=2) == 200 + 240
    with pytest.raises(ValueError, match="biases"):
        lstm_param_count(3, 5, biases=3)
    # symbolic sizes give the formula: one bias per gate, 4 (d2 (d1 + d2) + d2)
    d1, d2 = sympy.symbols("d1 d2")
    assert sympy.expand(lstm_param_count(d1, d2, biases=1) - 4 * (d2 * (d1 + d2) + d2)) == 0


def test_cells_with_zero_weights():
    # all pre-activations are 0: sigmoid gates are 1/2, candidates tanh(0) = 0
    h, c = np.array([0.4, -0.2]), np.array([2.0, -1.0])
    np.testing.assert_allclose(gru_cell([1.0], h, np.zeros((6, 1)), np.zeros((6, 2))), 0.5 * h)
    h_new, c_new = lstm_cell([1.0], h, c, np.zeros((8, 1)), np.zeros((8, 2)))
    np.testing.assert_allclose(c_new, 0.5 * c)
    np.testing.assert_allclose(h_new, 0.5 * np.tanh(0.5 * c))
    with pytest.raises(ValueError, match="4 \\* hidden"):
        lstm_gates([1.0], h, c, np.zeros((6, 1)), np.zeros((6, 2)))


def test_scalar_bptt_by_hand():
    # at h_{t-1} = 0: tanh'(0) = 1 and sigmoid'(0) = 1/4, so dL/dh_{t-1} = a w and a w / 4
    assert rnn_backward_scalar(2.0, 3.0, 0.0, "tanh") == 6.0
    assert rnn_backward_scalar(2.0, 3.0, 0.0, "sigmoid") == 1.5
    # relu at u = w h = -1 * 2 < 0: h_t = 0 and no gradient flows
    assert scalar_rnn_step(-1.0, 2.0, "relu") == {"u": -2.0, "h": 0.0, "sigma_grad": 0.0, "dh_dhprev": 0.0}
    a, w, h = sympy.symbols("a w h")
    assert sympy.simplify(rnn_backward_scalar_expr("sigmoid").subs(h, 0) - a * w / 4) == 0


def test_bptt_chain_at_zero_state_is_powers_of_w_hh():
    # tanh with h_t = 0: diag(1 - 0) = I, so dL/dh_1 = W^T W^T dL/dh_3
    W = np.array([[1.0, 2.0], [0.0, -1.0]])
    grads = bptt_hidden_grads([1.0, 1.0], np.zeros((3, 2)), W)
    np.testing.assert_allclose(grads[0], W.T @ W.T @ [1.0, 1.0])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(small_int, small_int), min_size=1, max_size=4),
       st.lists(small_int, min_size=4, max_size=4), st.lists(small_int, min_size=4, max_size=4),
       st.sampled_from(["linear", "relu", "tanh"]))
def test_rnn_forward_exact_against_sympy(xs, w_xh, w_hh, activation):
    # linear and relu stay rational (exact); tanh is sympy.tanh evaluated to 30 digits
    W_xh, W_hh = sympy.Matrix(2, 2, [sympy.Rational(v, 2) for v in w_xh]), sympy.Matrix(2, 2, w_hh)
    h = sympy.zeros(2, 1)
    act = {"linear": lambda v: v, "relu": lambda v: sympy.Max(v, 0), "tanh": sympy.tanh}[activation]
    got = rnn_forward(xs, np.array(W_xh, dtype=float), np.array(W_hh, dtype=float), activation=activation)
    for t, x in enumerate(xs):
        h = (W_xh * sympy.Matrix(x) + W_hh * h).applyfunc(act)
        np.testing.assert_allclose(got[t], np.array(h.evalf(30), dtype=float).ravel(), rtol=1e-12, atol=1e-14)


@settings(max_examples=30, deadline=None)
@given(st.lists(small_int, min_size=2, max_size=2), st.lists(small_int, min_size=4, max_size=4),
       st.lists(small_int, min_size=4, max_size=4), st.lists(small_int, min_size=2, max_size=2))
def test_tanh_bptt_against_sympy_jacobian(x, w_xh, w_hh, grad3):
    # h_3 = tanh(W_xh x + W_hh tanh(W_xh x + W_hh h_1)) as a function of symbolic h_1; dL/dh_1 = (dh_3/dh_1)^T g
    W_xh = sympy.Matrix(2, 2, [sympy.Rational(v, 4) for v in w_xh])
    W_hh = sympy.Matrix(2, 2, [sympy.Rational(v, 4) for v in w_hh])
    h1 = sympy.Matrix(sympy.symbols("p q"))
    step = lambda h: (W_xh * sympy.Matrix(x) + W_hh * h).applyfunc(sympy.tanh)  # noqa: E731
    point = {h1[0]: sympy.Rational(1, 3), h1[1]: sympy.Rational(-1, 5)}
    expected = (step(step(h1)).jacobian(h1).T * sympy.Matrix(grad3)).subs(point).evalf()
    hs = rnn_forward([x, x], np.array(W_xh, dtype=float), np.array(W_hh, dtype=float), h0=[1 / 3, -1 / 5])
    hs = np.vstack([[1 / 3, -1 / 5], hs])  # rows h_1, h_2, h_3
    np.testing.assert_allclose(bptt_hidden_grads(grad3, hs, np.array(W_hh, dtype=float))[0],
                               np.array(expected, dtype=float).ravel(), atol=1e-12)
    np.testing.assert_allclose(rnn_step_jacobian(hs[1], np.array(W_hh, dtype=float)),
                               np.array(step(h1).jacobian(h1).subs(point).evalf(), dtype=float), atol=1e-12)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["tanh", "sigmoid", "linear"]), st.integers(-8, 8), st.integers(-8, 8), st.integers(-8, 8))
def test_scalar_bptt_against_sympy_diff(activation, a, w, h):
    a, w, h = sympy.Rational(a, 2), sympy.Rational(w, 4), sympy.Rational(h, 4)
    u = sympy.Symbol("u")
    sigma = {"tanh": sympy.tanh(u), "sigmoid": 1 / (1 + sympy.exp(-u)), "linear": u}[activation]
    expected = float((a * sympy.diff(sigma.subs(u, w * u), u)).subs(u, h))
    assert rnn_backward_scalar(float(a), float(w), float(h), activation) == pytest.approx(expected, abs=1e-12)
    expr = rnn_backward_scalar_expr(activation).subs(dict(zip(sympy.symbols("a w h"), (a, w, h))))
    assert float(expr) == pytest.approx(expected, abs=1e-12)


def _torch_cell_case(torch, cell):
    torch.manual_seed(0)
    x, h = torch.randn(1, 3, dtype=torch.float64), torch.randn(1, 4, dtype=torch.float64)
    params = [p.detach().numpy() for p in (cell.weight_ih, cell.weight_hh, cell.bias_ih, cell.bias_hh)]
    return x, h, params


def test_gru_and_lstm_cells_match_torch():
    torch = pytest.importorskip("torch")
    gru = torch.nn.GRUCell(3, 4).double()
    x, h, params = _torch_cell_case(torch, gru)
    np.testing.assert_allclose(gru_cell(x[0].numpy(), h[0].numpy(), *params), gru(x, h)[0].detach().numpy(), atol=1e-12)
    lstm = torch.nn.LSTMCell(3, 4).double()
    x, h, params = _torch_cell_case(torch, lstm)
    c = torch.randn(1, 4, dtype=torch.float64)
    h_ref, c_ref = lstm(x, (h, c))
    h_new, c_new = lstm_cell(x[0].numpy(), h[0].numpy(), c[0].numpy(), *params)
    np.testing.assert_allclose(h_new, h_ref[0].detach().numpy(), atol=1e-12)
    np.testing.assert_allclose(c_new, c_ref[0].detach().numpy(), atol=1e-12)


@pytest.mark.parametrize("nonlinearity", ["tanh", "relu"])
def test_rnn_forward_matches_torch(nonlinearity):
    torch = pytest.importorskip("torch")
    torch.manual_seed(1)
    rnn = torch.nn.RNN(3, 4, nonlinearity=nonlinearity).double()
    xs, h0 = torch.randn(5, 3, dtype=torch.float64), torch.randn(1, 4, dtype=torch.float64)
    ref, _ = rnn(xs, h0)
    b = (rnn.bias_ih_l0 + rnn.bias_hh_l0).detach().numpy()
    got = rnn_forward(xs.numpy(), rnn.weight_ih_l0.detach().numpy(), rnn.weight_hh_l0.detach().numpy(),
                      b_h=b, h0=h0[0].numpy(), activation=nonlinearity)
    np.testing.assert_allclose(got, ref.detach().numpy(), atol=1e-12)


@pytest.mark.parametrize("layers", [1, 2])
@pytest.mark.parametrize("bias", [True, False])
def test_param_counts_match_torch(layers, bias):
    torch = pytest.importorskip("torch")
    for module, count in ((torch.nn.RNN, rnn_param_count), (torch.nn.GRU, gru_param_count),
                          (torch.nn.LSTM, lstm_param_count)):
        net = module(7, 5, num_layers=layers, bias=bias)
        assert count(7, 5, biases=2 if bias else 0, layers=layers) == sum(p.numel() for p in net.parameters())
