"""Recurrent networks: the Elman RNN forward pass, GRU and LSTM cells, parameter counts.

Vectors are 1-D numpy arrays (one sample, no batch); weights map columns as in
torch.nn: W_ih has shape (gates * H, I) and multiplies x. Backpropagation-through-
time helpers live in qbank.core.rnn_bptt and parameter counts in qbank.core.rnn_counts;
both are re-exported here.
"""
import numpy as np

from qbank.core.activations import get_activation, sigmoid
from qbank.core.rnn_counts import gru_param_count, lstm_param_count, rnn_param_count
from qbank.core.rnn_bptt import (
    bptt_hidden_grads, rnn_backward_scalar, rnn_backward_scalar_expr, rnn_step_jacobian, scalar_rnn_step)

__all__ = [
    "RNN_ACTIVATIONS", "rnn_forward_trace", "rnn_forward", "rnn_outputs", "gru_gates", "gru_cell", "lstm_gates",
    "lstm_cell",
    # re-exported from rnn_counts and rnn_bptt
    "gru_param_count", "lstm_param_count", "rnn_param_count", "bptt_hidden_grads", "rnn_backward_scalar",
    "rnn_backward_scalar_expr", "rnn_step_jacobian", "scalar_rnn_step",
]

RNN_ACTIVATIONS = ("tanh", "relu", "linear")


def _vector(value, size, name):
    """`value` as a float vector of length `size` (zeros when None); ValueError on a wrong shape."""
    if value is None:
        return np.zeros(size)
    arr = np.asarray(value, dtype=float)
    if arr.shape != (size,):
        raise ValueError(f"{name} must have shape ({size},), got {arr.shape}")
    return arr


def _weights(W_ih, W_hh, x_size, gates, input_name="W_ih"):
    """Check W_ih (gates*H, I) and W_hh (gates*H, H); return them as floats and H."""
    W_ih, W_hh = np.asarray(W_ih, dtype=float), np.asarray(W_hh, dtype=float)
    if W_ih.ndim != 2 or W_hh.ndim != 2 or W_ih.shape[0] % gates or W_ih.shape[0] != W_hh.shape[0]:
        raise ValueError(f"{input_name} {W_ih.shape} and W_hh {W_hh.shape} must both have {gates} * hidden rows")
    hidden = W_ih.shape[0] // gates
    if W_hh.shape[1] != hidden or W_ih.shape[1] != x_size:
        raise ValueError(f"expected {input_name} ({gates * hidden}, {x_size}) and W_hh ({gates * hidden}, {hidden}) "
                         f"for inputs of size {x_size}, got {W_ih.shape} and {W_hh.shape}")
    return W_ih, W_hh, hidden


def rnn_forward_trace(xs, W_xh, W_hh, b_h=None, h0=None, activation="tanh"):
    """rnn_forward with its working: dict of (T, dh) arrays input_part = W_xh x_t,
    recurrent_part = W_hh h_{t-1}, a = input_part + recurrent_part + b_h and h = act(a).
    """
    act, _ = get_activation(activation, RNN_ACTIVATIONS)
    xs = np.asarray(xs, dtype=float)
    if xs.ndim != 2:
        raise ValueError(f"xs must have shape (T, d_in), got {xs.shape}")
    W_xh, W_hh, hidden = _weights(W_xh, W_hh, xs.shape[1], gates=1, input_name="W_xh")
    h = _vector(h0, hidden, "h0")  # (dh,)
    b_h = _vector(b_h, hidden, "b_h")  # (dh,)
    trace = {name: np.zeros((xs.shape[0], hidden)) for name in ("input_part", "recurrent_part", "a", "h")}
    for t, x in enumerate(xs):
        trace["input_part"][t], trace["recurrent_part"][t] = W_xh @ x, W_hh @ h  # (dh,), (dh,)
        trace["a"][t] = trace["input_part"][t] + trace["recurrent_part"][t] + b_h
        h = trace["h"][t] = act(trace["a"][t])
    return trace


def rnn_forward(xs, W_xh, W_hh, b_h=None, h0=None, activation="tanh"):
    """Hidden states of an Elman RNN: h_t = act(W_xh x_t + W_hh h_{t-1} + b_h), t = 1..T.

    xs (T, d_in) has one input per row; W_xh (dh, d_in); W_hh (dh, dh); b_h (dh,) and
    h0 (dh,) default to zeros. Returns hs (T, dh) whose row t-1 is h_t (h0 excluded).
    activation: "tanh" (torch.nn.RNN default), "relu" or "linear".
    Source: Elman (1990); PyTorch docs, torch.nn.RNN.
    """
    return rnn_forward_trace(xs, W_xh, W_hh, b_h, h0, activation)["h"]


def rnn_outputs(hs, W_hy, b_y=None):
    """Outputs y_t = W_hy h_t + b_y for every row h_t of hs (T, dh); W_hy (d_out, dh). Returns (T, d_out)."""
    hs, W_hy = np.atleast_2d(np.asarray(hs, dtype=float)), np.asarray(W_hy, dtype=float)
    if W_hy.ndim != 2 or W_hy.shape[1] != hs.shape[1]:
        raise ValueError(f"W_hy must have shape (d_out, {hs.shape[1]}), got {W_hy.shape}")
    return hs @ W_hy.T + _vector(b_y, W_hy.shape[0], "b_y")  # (T, d_out)


def gru_gates(x, h, W_ih, W_hh, b_ih=None, b_hh=None):
    """One torch.nn.GRUCell step with its gates: dict r, z, n (each (H,)) and h (the new state),
    and the working gi = W_ih x + b_ih, gh = W_hh h + b_hh (3H,) and n_pre (the argument of tanh).

    Rows of W_ih (3H, I) and W_hh (3H, H) are stacked (r, z, n), as torch.nn.GRUCell:
      r = sigmoid(W_ir x + b_ir + W_hr h + b_hr),  z = sigmoid(W_iz x + b_iz + W_hz h + b_hz),
      n = tanh(W_in x + b_in + r * (W_hn h + b_hn)),  h' = (1 - z) * n + z * h.
    Source: PyTorch docs, torch.nn.GRUCell; Cho et al. (2014), with PyTorch's placement of r.
    """
    x = np.asarray(x, dtype=float)
    W_ih, W_hh, H = _weights(W_ih, W_hh, x.size, gates=3)
    h = _vector(h, H, "h")
    gi = W_ih @ x + _vector(b_ih, 3 * H, "b_ih")  # (3H,)
    gh = W_hh @ h + _vector(b_hh, 3 * H, "b_hh")  # (3H,)
    r = sigmoid(gi[:H] + gh[:H])  # (H,)
    z = sigmoid(gi[H:2 * H] + gh[H:2 * H])  # (H,)
    n_pre = gi[2 * H:] + r * gh[2 * H:]  # (H,)
    n = np.tanh(n_pre)  # (H,)
    return {"r": r, "z": z, "n": n, "h": (1.0 - z) * n + z * h, "gi": gi, "gh": gh, "n_pre": n_pre}


def gru_cell(x, h, W_ih, W_hh, b_ih=None, b_hh=None):
    """The new hidden state h' (H,) of torch.nn.GRUCell (PyTorch docs): x (I,), h (H,), W_ih (3H, I), W_hh (3H, H),
    rows stacked in the gate order (r, z, n); b_ih, b_hh (3H,) default to zeros. Equations in gru_gates."""
    return gru_gates(x, h, W_ih, W_hh, b_ih, b_hh)["h"]


def lstm_gates(x, h, c, W_ih, W_hh, b_ih=None, b_hh=None):
    """One torch.nn.LSTMCell step with its gates: dict i, f, g, o (each (H,)), c and h (new states),
    and the working pre = W_ih x + b_ih + W_hh h + b_hh (4H,) and tanh_c = tanh(c').

    Rows of W_ih (4H, I) and W_hh (4H, H) are stacked (i, f, g, o), as torch.nn.LSTMCell:
      i, f, o = sigmoid(W_i* x + b_i* + W_h* h + b_h*),  g = tanh(W_ig x + b_ig + W_hg h + b_hg),
      c' = f * c + i * g,  h' = o * tanh(c').
    Source: PyTorch docs, torch.nn.LSTMCell; Hochreiter & Schmidhuber (1997) with a forget gate
    (Gers et al. 2000).
    """
    x = np.asarray(x, dtype=float)
    W_ih, W_hh, H = _weights(W_ih, W_hh, x.size, gates=4)
    h, c = _vector(h, H, "h"), _vector(c, H, "c")
    pre = W_ih @ x + _vector(b_ih, 4 * H, "b_ih") + W_hh @ h + _vector(b_hh, 4 * H, "b_hh")  # (4H,)
    i, f, g, o = sigmoid(pre[:H]), sigmoid(pre[H:2 * H]), np.tanh(pre[2 * H:3 * H]), sigmoid(pre[3 * H:])
    c_new = f * c + i * g  # (H,)
    tanh_c = np.tanh(c_new)  # (H,)
    return {"i": i, "f": f, "g": g, "o": o, "c": c_new, "h": o * tanh_c, "pre": pre, "tanh_c": tanh_c}


def lstm_cell(x, h, c, W_ih, W_hh, b_ih=None, b_hh=None):
    """The new states (h', c') of torch.nn.LSTMCell (PyTorch docs): x (I,), h and c (H,), W_ih (4H, I), W_hh (4H, H),
    rows stacked in the gate order (i, f, g, o); b_ih, b_hh (4H,) default to zeros. Equations in lstm_gates."""
    step = lstm_gates(x, h, c, W_ih, W_hh, b_ih, b_hh)
    return step["h"], step["c"]
