"""Optimizer templates: momentum update equations (seed 004 q1), numeric SGD-momentum steps, Adam steps."""
from __future__ import annotations

from functools import cache

import numpy as np

from qbank import Expression, Real, Vector, template
from qbank.check.predicates import keys_print_cleanly
from qbank.core.losses import mse_grad
from qbank.core.optim import adam_moments, adam_step, exact, momentum_equations, sgd_momentum_step
from qbank.lazy import sympy

SYMBOLS = ("x1", "x2", "v1", "v2", "gamma", "t")
EXTRA_TERMS = ("x2", "x1^2", "x2^2")  # the optional third term of the loss


@cache  # built on first use: the Adam and SGD templates of this module never load sympy
def _symbols():
    return sympy.symbols(" ".join(SYMBOLS))


def _extra_term(extra):
    """The optional third term of the loss and its (d/dx1, d/dx2), by hand."""
    x1, x2 = _symbols()[:2]
    return {"x2": (x2, (0, 1)), "x1^2": (x1**2, (2 * x1, 0)), "x2^2": (x2**2, (0, 2 * x2))}[extra]


def _zero(matrix):
    return all(sympy.simplify(entry) == 0 for entry in matrix)


def _check_equations(params, answers):
    X1, X2, V1, V2, GAMMA, T = _symbols()
    beta = exact(params["beta"])
    d1, d2 = _extra_term(params["extra"])[1]
    c = params["c"]
    gradient = sympy.Matrix([params["a"] + params["b"] * X2 + c * d1, params["b"] * X1 + c * d2])
    v_new = beta * sympy.Matrix([V1, V2]) + (1 - beta) * gradient
    assert _zero(answers["v_update"] - v_new)
    assert _zero(answers["x_update"] - (sympy.Matrix([X1, X2]) - GAMMA * v_new))
    assert _zero(answers["x_corrected"] - (sympy.Matrix([X1, X2]) - GAMMA * v_new / (1 - beta**T)))


@template("optim/momentum-equations", topic="optim", points=6, title="Momentum update equations",
          question="tex/optim/momentum-equations.tex.j2", solution="tex/optim/momentum-equations-solution.tex.j2",
          answers={"v_update": Expression(symbols=SYMBOLS, label="velocity update",
                                          prompt=r"The update of the velocity, as $v \leftarrow \dots$ in terms of "
                                                 r"$x_1, x_2, v_1, v_2$."),
                   "x_update": Expression(symbols=SYMBOLS, label="position update",
                                          prompt=r"The update of the position, as $x \leftarrow \dots$ "
                                                 r"(substitute the new velocity)."),
                   "x_corrected": Expression(symbols=SYMBOLS, label="bias-corrected position update",
                                             prompt=r"The position update at iteration $t$ with bias correction of "
                                                    r"the velocity (the velocity started at $v = 0$).")},
          crosscheck=_check_equations)
def momentum_equations_template(rng):
    a = int(rng.choice([-5, -4, -3, -2, -1, 1, 2, 3, 4, 5]))
    b = int(rng.choice([-4, -3, -2, -1, 1, 2, 3, 4]))
    extra = str(rng.choice(EXTRA_TERMS))
    c = int(rng.integers(-3, 4))  # 0 leaves the seed's two-term loss
    beta = float(rng.choice([0.5, 0.8, 0.9, 0.95]))
    X1, X2, V1, V2, GAMMA, T = _symbols()
    loss = a * X1 + b * X1 * X2 + c * _extra_term(extra)[0]
    eq = momentum_equations(loss, [X1, X2], [V1, V2], GAMMA, beta, T)
    return ({"a": a, "b": b, "extra": extra, "c": c, "beta": beta},
            {"v_update": eq["v"], "x_update": eq["x"], "x_corrected": eq["x_corrected"]},
            {"loss": loss, "gradient": eq["gradient"], "v_rows": [_decimal(entry) for entry in eq["v"]]})


def _decimal(expr):
    """expr with its rational coefficients as decimals (0.9 v1, not 9 v1/10) and whole numbers without '.0'."""
    return expr.xreplace({r: sympy.Float(r) for r in expr.atoms(sympy.Rational) if r.q != 1})


def _exact_sgd(params):
    """Three steps of torch.optim.SGD's algorithm (PyTorch docs) in exact rationals."""
    k, center, lr, mu, damp = (exact(params[n]) for n in ("k", "center", "lr", "momentum", "dampening"))
    x, v, xs = exact(params["x0"]), None, []
    for _ in range(3):
        g = k * (x - center)
        v = g if v is None else mu * v + (1 - damp) * g
        x = x - lr * (g + mu * v if params["nesterov"] else v)
        xs.append(x)
    return xs


def _short(params, answers):
    return all(sympy.Rational(value * 10**4).q == 1 for value in _exact_sgd(params))


def _check_sgd(params, answers):
    for step, value in enumerate(_exact_sgd(params), start=1):
        assert abs(answers[f"x{step}"] - float(value)) < 1e-12, (step, answers[f"x{step}"], value)


@template("optim/sgd-momentum-steps", topic="optim", points=3, title="SGD with momentum, three steps",
          question="tex/optim/sgd-momentum-steps.tex.j2", solution="tex/optim/sgd-momentum-steps-solution.tex.j2",
          answers={f"x{step}": Real(digits=4, label=f"x after step {step}", prompt=rf"$x_{step}$, after step {step}.")
                   for step in (1, 2, 3)},
          constraints={"every position has at most 4 decimals": _short,
                       "the first step does not land on the minimum": lambda p, a: a["x1"] != p["center"],
                       # at the minimum with zero velocity, step 3 has zero gradient and nothing to move x (14%)
                       "the iterate does not come to rest at the minimum":
                       lambda p, a: not (a["x2"] == p["center"] and a["x3"] == a["x2"]),
                       # a step whose velocity cancels its gradient leaves x where it was: two parts print the same
                       "every step moves x": lambda p, a: len({a["x1"], a["x2"], a["x3"]}) == 3},
          crosscheck=_check_sgd)
def sgd_momentum_steps(rng):
    k = int(rng.choice([1, 2, 4]))
    center = int(rng.integers(-3, 4))
    x0 = int(rng.choice([v for v in range(-5, 6) if v != center]))
    lr = float(rng.choice([0.1, 0.25, 0.5]))
    momentum = float(rng.choice([0.5, 0.9]))
    variant = int(rng.integers(3))  # plain, dampened (exponential average), Nesterov
    dampening = momentum if variant == 1 else 0.0
    nesterov = variant == 2
    x, v, path = float(x0), None, []
    for _ in range(3):
        grad = k / 2 * float(mse_grad(x, center))  # f = (k/2)(x - center)^2 is k/2 times a one-entry squared error
        x, v = sgd_momentum_step(x, v, grad, lr, momentum, dampening, nesterov)
        # exact values have at most 4 decimals (constraint): rounding to 10 drops only float noise such as 2e-16
        path.append({"grad": round(grad, 10), "v": round(float(v), 10), "x": round(float(x), 10)})
    return ({"k": k, "center": center, "x0": x0, "lr": lr, "momentum": momentum, "dampening": dampening,
             "nesterov": nesterov}, {f"x{i}": step["x"] for i, step in enumerate(path, start=1)}, {"path": path})


def _check_adam(params, answers):
    b1, b2, lr, eps = (exact(params[n]) for n in ("beta1", "beta2", "lr", "eps"))
    x, m, v = [exact(c) for c in params["x0"]], [0, 0], [0, 0]
    for t, grads in ((1, params["g1"]), (2, params["g2"])):
        for i, g in enumerate(sympy.Integer(int(g)) for g in grads):
            m[i] = b1 * m[i] + (1 - b1) * g
            v[i] = b2 * v[i] + (1 - b2) * g**2
            x[i] = x[i] - lr * (m[i] / (1 - b1**t)) / (sympy.sqrt(v[i] / (1 - b2**t)) + eps)
        if t == 1:
            assert np.allclose(answers["x1"], [float(c) for c in x], rtol=0, atol=1e-12)
    for name, exact_values in (("m2", m), ("v2", v), ("x2", x)):
        assert np.allclose(answers[name], [float(c) for c in exact_values], rtol=0, atol=1e-12), name


ADAM_ANSWERS = {"x1": Vector(digits=4, label="x after step 1", prompt=r"$x$ after the first step."),
                "m2": Vector(digits=4, label="m after step 2", prompt=r"The first moment $m$ after the second step."),
                "v2": Vector(digits=6, label="v after step 2", prompt=r"The second moment $v$ after the second step."),
                "x2": Vector(digits=4, label="x after step 2", prompt=r"$x$ after the second step.")}


@template("optim/adam-step", topic="optim", points=4, title="Two Adam steps",
          question="tex/optim/adam-step.tex.j2", solution="tex/optim/adam-step-solution.tex.j2",
          answers=ADAM_ANSWERS, crosscheck=_check_adam,
          # x0 - 2 eta lands 1e-8 (epsilon's trace) from 0: a key that prints as 0.0000 but is not 0
          constraints={"no key ties or prints as 0": keys_print_cleanly(ADAM_ANSWERS)},
          degenerate={"a gradient entry is 0 (that coordinate never moves: its steps are 0 / (0 + eps))":
                      lambda p, a, w: np.any(np.asarray(p["g1"]) == 0) or np.any(np.asarray(p["g2"]) == 0)})
def adam_two_steps(rng):
    x0 = rng.integers(-3, 4, size=2)
    g1 = rng.choice([-4, -3, -2, -1, 1, 2, 3, 4], size=2)
    g2 = g1 * rng.permutation([1, -1])  # same sizes, one sign kept and one flipped: v_hat stays g^2
    lr = float(rng.choice([0.1, 0.2, 0.5]))
    beta1 = float(rng.choice([0.5, 0.8, 0.9]))
    beta2 = float(rng.choice([0.99, 0.999]))
    eps = 1e-8
    x1, m1, v1 = adam_step(x0, np.zeros(2), np.zeros(2), g1, 1, lr, beta1, beta2, eps)
    x2, m2, v2 = adam_step(x1, m1, v1, g2, 2, lr, beta1, beta2, eps)
    steps = [adam_moments(np.zeros(2), np.zeros(2), g1, 1, beta1, beta2), adam_moments(m1, v1, g2, 2, beta1, beta2)]
    return ({"x0": x0, "g1": g1, "g2": g2, "lr": lr, "beta1": beta1, "beta2": beta2, "eps": eps},
            {"x1": x1, "m2": m2, "v2": v2, "x2": x2},
            {"m1": m1, "v1": v1, "hats": [(m_hat, v_hat) for _, _, m_hat, v_hat in steps]})
