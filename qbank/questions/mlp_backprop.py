"""MLP template: forward and backward pass of a 2-3-1 sigmoid network with binary cross-entropy (seed 003 problem 1).

Every sub-question of the seed is a part: the forward values, the local derivatives
dL/dyhat, dyhat/dz2, dz2/dW2, dz2/dz1, dz1/dW1 and the weight gradients. The three parts about
the first layer are bonus, as on the seed: 12 points on top of the 30 (key.json marks them). Column-vector
convention: z_l = W_l h_{l-1} + b_l, gradients with respect to W_l have W_l's shape.
"""
from __future__ import annotations

from functools import lru_cache

import mpmath
import numpy as np

from qbank import Matrix, Real, Vector, template
from qbank.check.predicates import keys_print_cleanly, rounds_to_bound
from qbank.core.mlp import mlp_forward_backward
from qbank.lazy import sympy

WEIGHTS = np.round(np.arange(-20, 21) / 10, 1)  # -2.0 .. 2.0 in steps of 0.1
BIASES = np.round(np.arange(-10, 11) / 10, 1)


def _sig(u):
    return 1 / (1 + sympy.exp(-u))


@lru_cache(maxsize=1)
def _symbolic_answers():
    """Every answer as a sympy expression in the network's symbols, by differentiating the scalar loss
    (no chain rule written by hand); compiled once to 30-digit mpmath functions of the parameters."""
    x, W1, b1 = sympy.Matrix(sympy.symbols("x0:2")), sympy.Matrix(3, 2, sympy.symbols("w0:6")), sympy.Matrix(sympy.symbols("b0:3"))
    W2, b2, y, u = sympy.Matrix(1, 3, sympy.symbols("v0:3")), sympy.Symbol("c"), sympy.Symbol("y"), sympy.Matrix(sympy.symbols("u0:3"))
    z1 = W1 * x + b1
    z2_of = lambda z: (W2 * z.applyfunc(_sig))[0] + b2  # noqa: E731
    z2, p = z2_of(z1), sympy.Symbol("p")
    bce = -y * sympy.log(p) - (1 - y) * sympy.log(1 - p)
    loss = bce.subs(p, _sig(z2))
    exprs = {"z1": z1, "h1": z1.applyfunc(_sig), "z2": z2, "y_hat": _sig(z2),
             "dL_dyhat": sympy.diff(bce, p).subs(p, _sig(z2)), "dyhat_dz2": sympy.diff(_sig(p), p).subs(p, z2),
             "dz2_dW2": W2.applyfunc(lambda w: sympy.diff(z2, w)), "dL_dW2": W2.applyfunc(lambda w: sympy.diff(loss, w)),
             "dz2_dz1": sympy.Matrix([[sympy.diff(z2_of(u), ui) for ui in u]]).subs(dict(zip(u, z1))),
             "dz1_dW1": sympy.Matrix(3, 2, lambda i, k: sympy.diff(z1[i], W1[i, k])),
             "dL_dW1": W1.applyfunc(lambda w: sympy.diff(loss, w))}
    args = [*x, y, *W1, *b1, *W2, b2]
    return {name: sympy.lambdify(args, expr, modules="mpmath") for name, expr in exprs.items()}


def _exact_answers(params):
    """The symbolic answers at the drawn (exact decimal) parameters, to 30 digits."""
    values = [*np.ravel(params["x"]), params["y"], *np.ravel(params["W1"]), *np.ravel(params["b1"]),
              *np.ravel(params["W2"]), params["b2"]]
    with mpmath.workdps(30):
        exact = [mpmath.mpf(str(sympy.nsimplify(v).evalf(40))) for v in values]
        return {name: np.array(sympy.Matrix(np.atleast_2d(fn(*exact)).tolist()), dtype=float)
                for name, fn in _symbolic_answers().items()}


def _check(params, answers):
    for name, value in _exact_answers(params).items():
        assert np.allclose(np.ravel(answers[name]), value.ravel(), rtol=1e-10, atol=1e-12), name


def _part(kind, points, label, prompt, bonus=False):
    return kind(points=points, digits=4, label=label, prompt=prompt, bonus=bonus)


ANSWERS = {
    "z1": _part(Vector, 2, "z1", r"Compute $z_1 = W_1 x + b_1$."),
    "h1": _part(Vector, 4, "h1", r"Compute $h_1 = \sigma(z_1)$."),
    "z2": _part(Real, 4, "z2", r"Compute $z_2 = W_2 h_1 + b_2$."),
    "y_hat": _part(Real, 4, "yhat", r"Compute $\hat{y} = \sigma(z_2)$."),
    "dL_dyhat": _part(Real, 4, "dL/dyhat", r"Compute $\partial \mathcal{L} / \partial \hat{y}$."),
    "dyhat_dz2": _part(Real, 4, "dyhat/dz2", r"Compute $\partial \hat{y} / \partial z_2$."),
    "dz2_dW2": _part(Vector, 4, "dz2/dW2", r"Compute $\partial z_2 / \partial W_2$ (a $1 \times 3$ row, laid out like $W_2$)."),
    "dL_dW2": _part(Vector, 4, "dL/dW2", r"Compute $\partial \mathcal{L} / \partial W_2$ (laid out like $W_2$)."),
    "dz2_dz1": _part(Vector, 4, "dz2/dz1", r"(Bonus) Compute the Jacobian $\partial z_2 / \partial z_1$ ($1 \times 3$).",
                     bonus=True),
    "dz1_dW1": _part(Matrix, 4, "dz1/dW1",
                     r"(Bonus) $\partial z_{1,i} / \partial (W_1)_{jk}$ is zero unless $j = i$. Give the $3 \times 2$ "
                     r"matrix whose entry $(i, k)$ is $\partial z_{1,i} / \partial (W_1)_{ik}$.", bonus=True),
    "dL_dW1": _part(Matrix, 4, "dL/dW1", r"(Bonus) Compute $\partial \mathcal{L} / \partial W_1$ (laid out like $W_1$).",
                    bonus=True),
}


@template("mlp/two-layer-sigmoid", topic="mlp", points=30, title="Forward and backward pass of a two-layer network",
          question="tex/mlp/two-layer-sigmoid.tex.j2", solution="tex/mlp/two-layer-sigmoid-solution.tex.j2",
          answers=ANSWERS, crosscheck=_check,
          # A sigmoid printed as 0.0000 or 1.0000 has a slope sigma(1 - sigma) that prints as 0, and a zero output
          # weight cuts a hidden unit off: either way parts of dz2/dz1 and dL/dW1 are 0 with nothing to compute.
          constraints={"no sigmoid output prints as 0 or 1":
                       lambda p, a: not rounds_to_bound(np.append(a["h1"], a["y_hat"]), 4),
                       "every output weight is non-zero": lambda p, a: np.all(np.asarray(p["W2"]) != 0),
                       "no key ties or prints as 0 at 4 decimals": keys_print_cleanly(ANSWERS)})
def two_layer_sigmoid(rng):
    x = rng.choice([-3, -2, -1, 1, 2, 3], size=2)  # no zero input: its weights would get no gradient
    y = int(rng.integers(0, 2))
    W1 = rng.choice(WEIGHTS, size=(3, 2))
    b1 = rng.choice(BIASES, size=3)
    W2 = rng.choice(BIASES, size=(1, 3))
    b2 = float(rng.choice(BIASES))
    out = mlp_forward_backward(x, y, [W1, W2], [b1, [b2]], "sigmoid", "bce")
    return ({"x": x, "y": y, "W1": W1, "b1": b1, "W2": W2, "b2": b2},
            {"z1": out["z1"], "h1": out["h1"], "z2": out["z2"][0], "y_hat": out["y_hat"][0],
             "dL_dyhat": out["dL_dyhat"][0], "dyhat_dz2": out["dh2_dz2"][0], "dz2_dW2": out["dz2_dW2"][0],
             "dL_dW2": out["dL_dW2"], "dz2_dz1": out["dz2_dz1"],
             "dz1_dW1": np.diagonal(out["dz1_dW1"], axis1=0, axis2=1).T, "dL_dW1": out["dL_dW1"]},
            {"out": out})
