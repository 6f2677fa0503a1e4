"""RNN templates: backpropagation through time, scalar (seed 004 q6) and through a 2-d tanh chain (seed 002 q4a)."""
from __future__ import annotations

import numpy as np

from qbank import Expression, Matrix, Real, Text, Vector, template
from qbank.check.predicates import keys_print_cleanly, prints_as_zero, prints_differently
from qbank.core.activations import grad_from_output
from qbank.core.rnn import bptt_hidden_grads, rnn_backward_scalar, rnn_backward_scalar_expr, rnn_step_jacobian, scalar_rnn_step
from qbank.lazy import sympy

ACTIVATIONS = ("tanh", "sigmoid")


def _sigma(name, u):
    """The activation as a sympy expression of u."""
    return sympy.tanh(u) if name == "tanh" else 1 / (1 + sympy.exp(-u))


def _check_scalar(params, answers):
    """Differentiate a * sigma(w h) with sympy and compare, symbolically and at the drawn numbers."""
    A, W, H = sympy.symbols("a w h")
    expected = A * sympy.diff(_sigma(params["activation"], W * H), H)
    assert sympy.simplify(answers["grad_expr"] - expected) == 0
    at = {A: sympy.nsimplify(params["a"]), W: sympy.nsimplify(params["w"]), H: sympy.nsimplify(params["h_prev"])}
    assert abs(answers["grad"] - float(expected.subs(at).evalf(30))) < 1e-12


@template("rnn/bptt-scalar", topic="rnn", points=4, title="Backpropagation through one step of a scalar RNN",
          question="tex/rnn/bptt-scalar.tex.j2", solution="tex/rnn/bptt-scalar-solution.tex.j2",
          answers={"grad_expr": Expression(symbols=("a", "w", "h"), points=2, label="formula",
                                           prompt=r"Express $\partial L / \partial h_{t-1}$ in terms of $a$, $w$ and "
                                                  r"$h_{t-1}$ (type $h$ for $h_{t-1}$)."),
                   "grad": Real(points=2, digits=4, label="value",
                                prompt=r"Evaluate it for the numbers above (4 decimals).")},
          # with w = 1 a value that forgot the inner derivative w of sigma(w h) would score
          constraints={"w is not 1": lambda p, a: p["w"] != 1},
          crosscheck=_check_scalar,
          degenerate={"sigma saturates: sigma'(w h) prints as 0":
                      lambda p, a, w: prints_as_zero(w["step"]["sigma_grad"], 4)})
def bptt_scalar(rng):
    activation = str(rng.choice(ACTIVATIONS))
    w = float(rng.choice([-2.0, -1.5, -1.0, -0.5, 0.5, 1.0, 1.5, 2.0]))
    h_prev = float(rng.choice([-0.8, -0.6, -0.5, -0.4, -0.2, 0.2, 0.4, 0.5, 0.6, 0.8]))
    a = float(rng.choice([-3.0, -2.0, -1.0, -0.5, 0.5, 1.0, 2.0, 3.0]))
    return ({"activation": activation, "w": w, "h_prev": h_prev, "a": a},
            {"grad_expr": rnn_backward_scalar_expr(activation), "grad": rnn_backward_scalar(a, w, h_prev, activation)},
            {"step": scalar_rnn_step(w, h_prev, activation)})


def _check_chain(params, answers):
    """Exact rational Jacobians diag(1 - h_t^2) W_hh and their transposed product."""
    exact = lambda v: sympy.Matrix(np.atleast_2d(v).tolist()).applyfunc(sympy.nsimplify)  # noqa: E731
    W_hh, hs, g3 = exact(params["W_hh"]), exact(params["hs"]), exact(params["g3"]).T
    J = {t: sympy.diag(*[1 - v ** 2 for v in hs.row(t - 1)]) * W_hh for t in (2, 3)}
    expected = {"J3": J[3], "J2": J[2], "g2": J[3].T * g3, "g1": J[2].T * J[3].T * g3}
    for name, value in expected.items():
        assert np.allclose(np.asarray(answers[name], dtype=float).ravel(), np.array(value, dtype=float).ravel(),
                           atol=1e-12), name


CHAIN_TEXT = (r"$\frac{\partial L}{\partial h_1} = \Big(\frac{\partial h_2}{\partial h_1}\Big)^{\top}"
              r"\Big(\frac{\partial h_3}{\partial h_2}\Big)^{\top} \frac{\partial L}{\partial h_3}$ with "
              r"$\frac{\partial h_t}{\partial h_{t-1}} = \operatorname{diag}(1 - h_t^2)\, W_{hh}$ "
              r"(the row-vector form $\frac{\partial L}{\partial h_3}\frac{\partial h_3}{\partial h_2}"
              r"\frac{\partial h_2}{\partial h_1}$ is the same)")


CHAIN_ANSWERS = {"chain": Text(points=2, label="chain rule",
                               prompt=r"Follow the chain rule along $h_3 \to h_2 \to h_1$: how is "
                                      r"$\partial L / \partial h_1$ obtained from $\partial L / \partial h_3$?"),
                 "J3": Matrix(points=1, digits=4, label=r"Jacobian dh3/dh2",
                              prompt=r"The Jacobian $\partial h_3 / \partial h_2$."),
                 "J2": Matrix(points=1, digits=4, label=r"Jacobian dh2/dh1",
                              prompt=r"The Jacobian $\partial h_2 / \partial h_1$."),
                 "g2": Vector(points=2, digits=4, label="dL/dh2", prompt=r"$\partial L / \partial h_2$."),
                 "g1": Vector(points=2, digits=4, label="dL/dh1", prompt=r"$\partial L / \partial h_1$.")}


@template("rnn/bptt-chain", topic="rnn", points=8, title="Backpropagation through time in a tanh RNN",
          question="tex/rnn/bptt-chain.tex.j2", solution="tex/rnn/bptt-chain-solution.tex.j2",
          answers=CHAIN_ANSWERS,
          constraints={"W_hh is invertible (no direction is lost outright)":
                       lambda p, a: round(abs(np.linalg.det(p["W_hh"]))) > 0,
                       # h_2 and h_3 with entries of the same size give equal Jacobians: one computation, twice
                       "the two Jacobians differ": lambda p, a: prints_differently(a["J3"], a["J2"], 4),
                       "no key ties or prints as 0": keys_print_cleanly(CHAIN_ANSWERS)},
          crosscheck=_check_chain,
          degenerate={"a state saturates: its slope 1 - h^2 prints as 0 and the gradient stops":
                      lambda p, a, w: prints_as_zero([w["d3"], w["d2"]], 4)})
def bptt_chain(rng):
    tenths = [-0.9, -0.8, -0.6, -0.5, -0.4, -0.2, -0.1, 0.1, 0.2, 0.3, 0.5, 0.7, 0.8]
    hs = rng.choice(tenths, size=(3, 2))
    W_hh = rng.integers(-2, 3, size=(2, 2))
    g3 = rng.choice([-2, -1, 1, 2], size=2)
    grads = bptt_hidden_grads(g3, hs, W_hh, activation="tanh")
    return ({"hs": hs, "W_hh": W_hh, "g3": g3},
            {"chain": CHAIN_TEXT, "J3": rnn_step_jacobian(hs[2], W_hh), "J2": rnn_step_jacobian(hs[1], W_hh),
             "g2": grads[1], "g1": grads[0]},
            {"d3": grad_from_output("tanh", hs[2]), "d2": grad_from_output("tanh", hs[1])})
