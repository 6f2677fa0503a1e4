"""RNN templates: one GRU step and one LSTM step with small numbers, PyTorch gate layout (seed 003 problem 2).

Input size 2 and hidden size 1, so every gate is one number. b_hh is zero and says so:
the hand calculation then needs only b_ih, and the GRU's r still multiplies W_hn h.
"""
from __future__ import annotations

import numpy as np

from qbank import Real, template
from qbank.check.predicates import prints_as_zero, rounds_to_bound
from qbank.core.rnn import gru_gates, lstm_gates
from qbank.lazy import sympy

TENTHS = np.round(np.arange(-10, 11) / 10, 1)  # -1.0, -0.9, ..., 1.0
STATE = [-0.8, -0.6, -0.5, -0.4, -0.2, 0.2, 0.4, 0.5, 0.6, 0.8]


def _gate(value):
    return Real(digits=4, abs_tol=5e-4, **value)


def _exact(values):
    return sympy.Matrix(np.atleast_2d(values).tolist()).applyfunc(sympy.nsimplify)


def _sig(u):
    return 1 / (1 + sympy.exp(-u))


def _check_gru(params, answers):
    """The torch.nn.GRUCell equations (PyTorch docs) in sympy, rows stacked (r, z, n)."""
    x, h = _exact(params["x"]).T, sympy.nsimplify(params["h"])
    gi = _exact(params["W_ih"]) * x + _exact(params["b_ih"]).T
    gh = _exact(params["W_hh"]) * h + _exact(params["b_hh"]).T
    r, z = _sig(gi[0] + gh[0]), _sig(gi[1] + gh[1])
    n = sympy.tanh(gi[2] + r * gh[2])
    for name, value in {"r": r, "z": z, "n": n, "h_new": (1 - z) * n + z * h}.items():
        assert abs(answers[name] - float(value.evalf(30))) < 1e-12, name


GRU_ANSWERS = {"r": {"points": 1, "label": "reset gate r", "prompt": r"The reset gate $r$."},
               "z": {"points": 1, "label": "update gate z", "prompt": r"The update gate $z$."},
               "n": {"points": 2, "label": "candidate n", "prompt": r"The candidate state $n$."},
               "h_new": {"points": 2, "label": "new state h'", "prompt": r"The new hidden state $h'$."}}


def _reset_gate_matters(params, answers):
    """r multiplies W_hn h (b_hn = 0): when that is 0, a student who misplaces r still gets n and h' right."""
    return np.asarray(params["W_hh"], dtype=float)[2, 0] * params["h"] != 0


@template("rnn/gru-step", topic="rnn", points=6, title="One step of a GRU cell",
          question="tex/rnn/gru-step.tex.j2", solution="tex/rnn/gru-step-solution.tex.j2",
          answers={name: _gate(spec) for name, spec in GRU_ANSWERS.items()}, crosscheck=_check_gru,
          constraints={"the reset gate has an effect (W_hn h is not 0)": _reset_gate_matters},
          degenerate={"r or z prints as 0 or 1 (a gate switches a term off)":
                      lambda p, a, w: rounds_to_bound([a["r"], a["z"]], 4),
                      "the candidate n prints as 0 (h' = z h)": lambda p, a, w: prints_as_zero(a["n"], 4)})
def gru_step(rng):
    x = rng.integers(-1, 3, size=2)
    h = float(rng.choice(STATE))
    W_ih = rng.choice(TENTHS, size=(3, 2))
    W_hh = rng.choice(TENTHS, size=(3, 1))
    b_ih = rng.choice(TENTHS, size=3)
    b_hh = np.zeros(3)
    step = gru_gates(x, [h], W_ih, W_hh, b_ih, b_hh)
    return ({"x": x, "h": h, "W_ih": W_ih, "W_hh": W_hh, "b_ih": b_ih, "b_hh": b_hh},
            {"r": step["r"][0], "z": step["z"][0], "n": step["n"][0], "h_new": step["h"][0]},
            {"step": step})


def _check_lstm(params, answers):
    """The torch.nn.LSTMCell equations (PyTorch docs) in sympy, rows stacked (i, f, g, o)."""
    x, h, c = _exact(params["x"]).T, sympy.nsimplify(params["h"]), sympy.nsimplify(params["c"])
    pre = _exact(params["W_ih"]) * x + _exact(params["b_ih"]).T + _exact(params["W_hh"]) * h + _exact(params["b_hh"]).T
    i, f, g, o = _sig(pre[0]), _sig(pre[1]), sympy.tanh(pre[2]), _sig(pre[3])
    c_new = f * c + i * g
    expected = {"i": i, "f": f, "g": g, "o": o, "c_new": c_new, "h_new": o * sympy.tanh(c_new)}
    for name, value in expected.items():
        assert abs(answers[name] - float(value.evalf(30))) < 1e-12, name


LSTM_ANSWERS = {"i": {"points": 1, "label": "input gate i", "prompt": r"The input gate $i$."},
                "f": {"points": 1, "label": "forget gate f", "prompt": r"The forget gate $f$."},
                "g": {"points": 1, "label": "candidate g", "prompt": r"The candidate $g$."},
                "o": {"points": 1, "label": "output gate o", "prompt": r"The output gate $o$."},
                "c_new": {"points": 2, "label": "new cell state c'", "prompt": r"The new cell state $c'$."},
                "h_new": {"points": 2, "label": "new hidden state h'", "prompt": r"The new hidden state $h'$."}}


@template("rnn/lstm-step", topic="rnn", points=8, title="One step of an LSTM cell",
          question="tex/rnn/lstm-step.tex.j2", solution="tex/rnn/lstm-step-solution.tex.j2",
          answers={name: _gate(spec) for name, spec in LSTM_ANSWERS.items()}, crosscheck=_check_lstm,
          # g = 0 leaves c' = f c: the input gate would have no effect, and dropping i g would still score
          constraints={"the candidate g does not print as 0": lambda p, a: not prints_as_zero(a["g"], 4)},
          degenerate={"a gate prints as 0 or 1": lambda p, a, w: rounds_to_bound([a["i"], a["f"], a["o"]], 4),
                      "c' prints as 0 (h' = 0 whatever o is)": lambda p, a, w: prints_as_zero(a["c_new"], 4)})
def lstm_step(rng):
    x = rng.integers(-1, 3, size=2)
    h = float(rng.choice(STATE))
    c = float(rng.choice(STATE))
    W_ih = rng.choice(TENTHS, size=(4, 2))
    W_hh = rng.choice(TENTHS, size=(4, 1))
    b_ih = rng.choice(TENTHS, size=4)
    b_hh = np.zeros(4)
    step = lstm_gates(x, [h], [c], W_ih, W_hh, b_ih, b_hh)
    return ({"x": x, "h": h, "c": c, "W_ih": W_ih, "W_hh": W_hh, "b_ih": b_ih, "b_hh": b_hh},
            {"i": step["i"][0], "f": step["f"][0], "g": step["g"][0], "o": step["o"][0],
             "c_new": step["c"][0], "h_new": step["h"][0]},
            {"step": step})
