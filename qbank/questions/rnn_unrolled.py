"""RNN template: a small forward pass h_1..h_T and the output y_T = W_hy h_T (seed 001 problem 2.1).

ReLU draws use small integers, so every state is an integer; tanh draws use halves and
keep T = 3 so that carrying four decimals by hand stays within the tolerance.
"""
from __future__ import annotations

import numpy as np

from qbank import Matrix, Vector, template
from qbank.core.rnn import rnn_forward, rnn_forward_trace, rnn_outputs
from qbank.lazy import sympy

HALVES = [-1.0, -0.5, 0.0, 0.5, 1.0]
STATES = Matrix(points=4, digits=4, abs_tol=1e-3, label="hidden states",
                prompt=r"The hidden states $h_1, \dots, h_T$, as the rows of a $T \times d_h$ matrix.")


def _check_forward(params, answers):
    """Recompute every state in exact sympy arithmetic (tanh evaluated to 30 digits)."""
    exact = lambda values: sympy.Matrix(np.atleast_2d(values).tolist()).applyfunc(sympy.nsimplify)  # noqa: E731
    W_xh, W_hh, W_hy = exact(params["W_xh"]), exact(params["W_hh"]), exact(params["W_hy"])
    b_h = exact(params["b_h"]).T
    act = sympy.tanh if params["activation"] == "tanh" else (lambda v: sympy.Max(v, 0))
    h = sympy.zeros(W_hh.rows, 1)
    for t, x in enumerate(np.asarray(params["xs"])):
        h = (W_xh * exact(x).T + W_hh * h + b_h).applyfunc(act)
        assert np.allclose(answers["hs"][t], np.array(h.evalf(30), dtype=float).ravel(), atol=1e-12), t
    assert np.allclose(answers["y"], np.array((W_hy * h).evalf(30), dtype=float).ravel(), atol=1e-12)


def _last_state_nonzero(params, answers):
    return bool(np.any(answers["hs"][-1] != 0))


def _activation_matters(params, answers):
    """The states of the same RNN without activation would be marked wrong: otherwise a student who skipped
    the ReLU scores (tanh changes every nonzero pre-activation, ReLU only the negative ones)."""
    linear = rnn_forward(params["xs"], params["W_xh"], params["W_hh"], b_h=params["b_h"],
                         activation="linear")  # (T, dh)
    return not STATES.check(linear, answers["hs"])


@template("rnn/forward", topic="rnn", points=6, title="Forward pass of a small RNN",
          question="tex/rnn/forward.tex.j2", solution="tex/rnn/forward-solution.tex.j2",
          answers={"hs": STATES,
                   "y": Vector(points=2, digits=4, abs_tol=1e-3, label="output",
                               prompt=r"The output $y_T = W_{hy} h_T$.")},
          constraints={"the last hidden state is not all zero": _last_state_nonzero,
                       "skipping the activation changes a state": _activation_matters},
          crosscheck=_check_forward)
def forward(rng):
    activation = str(rng.choice(["relu", "tanh"]))
    d_in = int(rng.choice([2, 3]))
    if activation == "relu":
        steps = int(rng.choice([3, 4]))
        xs = rng.integers(-2, 3, size=(steps, d_in))
        W_xh = rng.integers(-1, 3, size=(2, d_in))
        W_hh = rng.integers(-1, 2, size=(2, 2))
        b_h = rng.integers(-1, 2, size=2)
    else:
        xs = rng.integers(-1, 2, size=(3, d_in))
        W_xh = rng.choice(HALVES, size=(2, d_in))
        W_hh = rng.choice(HALVES, size=(2, 2))
        b_h = rng.choice([-0.5, 0.0, 0.5], size=2)
    W_hy = rng.integers(-2, 3, size=(2, 2))
    trace = rnn_forward_trace(xs, W_xh, W_hh, b_h=b_h, activation=activation)
    return ({"activation": activation, "xs": xs, "W_xh": W_xh, "W_hh": W_hh, "b_h": b_h, "W_hy": W_hy},
            {"hs": trace["h"], "y": rnn_outputs(trace["h"][-1], W_hy)[0]},
            {"trace": trace, "h0": np.zeros(np.shape(W_hh)[0])})
