"""Backpropagation through time (BPTT) for an Elman RNN h_t = act(W_xh x_t + W_hh h_{t-1} + b_h).

Gradients are column vectors: dL/dh_{t-1} = J_t^T dL/dh_t with the step Jacobian
J_t = dh_t/dh_{t-1} = diag(act'(a_t)) W_hh (Goodfellow et al., Deep Learning,
section 10.2.2, eq. 10.21; Pascanu et al. 2013, eq. 5). act' is written through
the output h_t (tanh: 1 - h_t^2), the form a hand derivation uses.
"""
import numpy as np

from qbank.core.activations import get_activation, grad_from_output
from qbank.lazy import sympy

SCALAR_ACTIVATIONS = ("tanh", "sigmoid", "relu", "linear")


def scalar_rnn_step(w, h_prev, activation="tanh"):
    """The scalar RNN h_t = sigma(w h_{t-1}) at one step, with its local derivatives.

    Returns dict u = w h_{t-1}, h = sigma(u), sigma_grad = sigma'(u) and
    dh_dhprev = dh_t/dh_{t-1} = w sigma'(u). sigma' at a kink as in qbank.core.activations.
    """
    act, act_grad = get_activation(activation, SCALAR_ACTIVATIONS)
    u = float(w * h_prev)
    return {"u": u, "h": float(act(u)), "sigma_grad": float(act_grad(u)), "dh_dhprev": float(w * act_grad(u))}


def rnn_backward_scalar(a, w, h_prev, activation="tanh"):
    """dL/dh_{t-1} = a w sigma'(w h_{t-1}) for the scalar RNN h_t = sigma(w h_{t-1}), a = dL/dh_t.

    Chain rule: dL/dh_{t-1} = dL/dh_t * dh_t/dh_{t-1} (seed 004 q6).
    """
    return float(a * scalar_rnn_step(w, h_prev, activation)["dh_dhprev"])


def rnn_backward_scalar_expr(activation="tanh"):
    """The symbolic dL/dh_{t-1} = a w sigma'(w h) (sympy) in symbols a, w, h (h stands for h_{t-1}).

    tanh: a w (1 - tanh(w h)^2); sigmoid: a w s (1 - s) with s = 1 / (1 + exp(-w h)); linear: a w.
    """
    a, w, h = sympy.symbols("a w h")
    u = w * h
    if activation == "tanh":
        return a * w * (1 - sympy.tanh(u) ** 2)
    if activation == "sigmoid":
        s = 1 / (1 + sympy.exp(-u))
        return a * w * s * (1 - s)
    if activation == "linear":
        return a * w
    raise ValueError(f"unknown activation {activation!r} for a symbolic derivative; "
                     "expected one of tanh, sigmoid, linear")


def rnn_step_jacobian(h_t, W_hh, activation="tanh"):
    """J_t = dh_t/dh_{t-1} = diag(act'(a_t)) W_hh (dh, dh), with act' taken from h_t (tanh: 1 - h_t^2)."""
    h_t = np.asarray(h_t, dtype=float)
    W_hh = np.asarray(W_hh, dtype=float)
    if h_t.ndim != 1 or W_hh.shape != (h_t.size, h_t.size):
        raise ValueError(f"h_t must be (dh,) and W_hh (dh, dh); got {h_t.shape} and {W_hh.shape}")
    return grad_from_output(activation, h_t)[:, None] * W_hh  # (dh, dh) = diag(act') @ W_hh


def bptt_hidden_grads(grad_last, hs, W_hh, activation="tanh"):
    """dL/dh_t for t = 1..T (rows of a (T, dh) array) from dL/dh_T, through the hidden chain only.

    hs (T, dh) holds h_1..h_T; the loss is taken to reach earlier states only through h_T,
    so dL/dh_{t-1} = J_t^T dL/dh_t, e.g. dL/dh_1 = J_2^T J_3^T dL/dh_3 for T = 3.
    """
    hs = np.asarray(hs, dtype=float)
    grad = np.asarray(grad_last, dtype=float)
    if hs.ndim != 2 or grad.shape != (hs.shape[1],):
        raise ValueError(f"hs must be (T, dh) and grad_last (dh,); got {hs.shape} and {grad.shape}")
    grads = np.zeros_like(hs)  # (T, dh)
    grads[-1] = grad
    for t in range(hs.shape[0] - 1, 0, -1):
        grads[t - 1] = rnn_step_jacobian(hs[t], W_hh, activation).T @ grads[t]  # (dh,)
    return grads
