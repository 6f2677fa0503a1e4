"""MLP templates: the backward pass through an ELU layer, as a choice among formulas (seed 001 MCQ 5) and numerically.

The ELU is g(z) = z for z >= 0 and exp(z) - 1 for z < 0 (alpha = 1, as the seed).
For the choice question each option is a formula with a numpy meaning; the key is the
option that agrees with qbank.core.mlp.layer_backward on probe layers, never typed in.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np

from qbank import Choice, Vector, template
from qbank.check.predicates import prints_differently
from qbank.core.mlp import elu, layer_backward
from qbank.lazy import sympy

GRAD = r"\frac{\partial L}{\partial \mathbf{h}^{(\ell)}}"
Z = r"\mathbf{z}^{(\ell)}"


def _option(inner):
    return rf"$\frac{{\partial L}}{{\partial \mathbf{{h}}^{{(\ell-1)}}}} = {inner}$"


# name -> (LaTeX, meaning as fn(z, W, grad_h)); W maps h^(l-1) to z^(l), so W is (d_l, d_{l-1}).
FORMULAS = {
    "min-exp": (_option(rf"\mathbf{{W}}^\top \big({GRAD} \odot \min\{{\exp({Z}), 1\}}\big)"),
                lambda z, W, g: W.T @ (g * np.minimum(np.exp(z), 1.0))),
    "split": (_option(rf"\mathbf{{W}}^\top \big({GRAD} \odot (1[{Z} \ge 0] + 1[{Z} < 0] \odot \exp({Z}))\big)"),
              lambda z, W, g: W.T @ (g * ((z >= 0) + (z < 0) * np.exp(z)))),
    "one-plus-h": (_option(rf"\mathbf{{W}}^\top \big({GRAD} \odot (1 + \min\{{\mathbf{{h}}^{{(\ell)}}, 0\}})\big)"),
                   lambda z, W, g: W.T @ (g * (1.0 + np.minimum(elu(z), 0.0)))),
    "negative-only": (_option(rf"\mathbf{{W}}^\top \big({GRAD} \odot 1[{Z} < 0] \odot \exp({Z})\big)"),
                      lambda z, W, g: W.T @ (g * (z < 0) * np.exp(z))),
    "positive-exp": (_option(rf"\mathbf{{W}}^\top \big({GRAD} \odot 1[{Z} \ge 0] \odot \exp({Z})\big)"),
                     lambda z, W, g: W.T @ (g * (z >= 0) * np.exp(z))),
    "max-exp": (_option(rf"\mathbf{{W}}^\top \big({GRAD} \odot \max\{{\exp({Z}), 1\}}\big)"),
                lambda z, W, g: W.T @ (g * np.maximum(np.exp(z), 1.0))),
    "exp-only": (_option(rf"\mathbf{{W}}^\top \big({GRAD} \odot \exp({Z})\big)"),
                 lambda z, W, g: W.T @ (g * np.exp(z))),
    "one-plus-h-always": (_option(rf"\mathbf{{W}}^\top \big({GRAD} \odot (1 + \mathbf{{h}}^{{(\ell)}})\big)"),
                          lambda z, W, g: W.T @ (g * (1.0 + elu(z)))),
    "no-transpose": (_option(rf"\mathbf{{W}} \big({GRAD} \odot \min\{{\exp({Z}), 1\}}\big)"),
                     lambda z, W, g: W @ (g * np.minimum(np.exp(z), 1.0))),
}
# Probe layers (d_l = 3, d_{l-1} = 2): both signs of z, and a W that is not square, so a missing transpose fails.
PROBES = [(np.array([-1.5, 0.0, 0.7]), np.array([[1.0, -2.0], [0.5, 3.0], [-1.0, 0.25]]), np.array([0.3, -1.2, 2.0])),
          (np.array([0.4, -0.3, -2.0]), np.array([[-0.5, 1.5], [2.0, -1.0], [0.75, 1.0]]), np.array([-1.0, 0.5, 1.5]))]


def _agrees(fn, reference):
    """True when formula `fn` gives reference(z, W, g) on every probe (a shape error counts as a disagreement)."""
    try:
        return all(np.allclose(fn(z, W, g), reference(z, W, g), atol=1e-12) for z, W, g in PROBES)
    except ValueError:
        return False


def _core_gradient(z, W, g):
    return layer_backward(z, W, g, "elu")["dL_dh_prev"]


def _sympy_gradient(z, W, g):
    """dL/dh^(l-1) of L = g . ELU(W h + b) by sympy differentiation, with b placing z^(l) at the probe at h = 0."""
    h = sympy.Matrix(sympy.symbols(f"h0:{W.shape[1]}"))
    pre = sympy.Matrix(W.tolist()) * h + sympy.Matrix(z.tolist())
    loss = sum(gi * sympy.Piecewise((zi, zi >= 0), (sympy.exp(zi) - 1, True)) for gi, zi in zip(g, pre))
    return np.array([float(sympy.diff(loss, hk).subs({s: 0 for s in h})) for hk in h])


def _check_choice(params, answers):
    agreeing = [k for k, name in enumerate(params["option_names"]) if _agrees(FORMULAS[name][1], _sympy_gradient)]
    assert agreeing == [answers["answer"]], (agreeing, answers["answer"])
    assert list(params["options"]) == [FORMULAS[name][0] for name in params["option_names"]]


@template("mlp/elu-gradient", topic="mlp", points=4, kind="choice", title="Backpropagating through an ELU layer",
          question="tex/mlp/elu-gradient.tex.j2", solution="tex/mlp/elu-gradient-solution.tex.j2",
          answers={"answer": Choice()}, crosscheck=_check_choice)
def elu_gradient(rng):
    correct = _correct_formulas()
    wrong = [name for name in FORMULAS if name not in correct]
    chosen = [correct[int(rng.integers(len(correct)))]] + [wrong[int(i)] for i in rng.choice(len(wrong), 3, replace=False)]
    option_names = [chosen[int(i)] for i in rng.permutation(4)]
    options = [FORMULAS[name][0] for name in option_names]
    return {"option_names": option_names, "options": options}, {"answer": _key(option_names, correct)}


@lru_cache(maxsize=1)
def _correct_formulas() -> tuple:
    """The formulas that agree with the core's backward pass on the probes: the same on every draw, so worked once
    per process (it was most of a draw's time)."""
    return tuple(name for name, (_, fn) in FORMULAS.items() if _agrees(fn, _core_gradient))


def _key(option_names, correct):
    """The position of the one correct formula; a pinned list with none, two, or a repeat is refused."""
    right = [k for k, name in enumerate(option_names) if name in correct]
    if len(right) != 1 or len(set(option_names)) != len(option_names):
        raise ValueError(f"option_names must be distinct and hold exactly one correct formula "
                         f"({' or '.join(correct)}), got {', '.join(map(str, option_names))}")
    return right[0]


def _check_layer(params, answers):
    z, W, g = (np.asarray(params[k], dtype=float) for k in ("z", "W", "grad_h"))
    slopes = [float(sympy.diff(sympy.Piecewise((s, s >= 0), (sympy.exp(s) - 1, True)), s).subs(s, sympy.nsimplify(v)))
              for v, s in zip(z, sympy.symbols(f"s0:{z.size}"))]
    assert np.allclose(answers["dh_dz"], slopes, atol=1e-12)
    assert np.allclose(answers["dL_dz"], g * np.array(slopes), atol=1e-12)
    assert np.allclose(answers["dL_dh_prev"], _sympy_gradient(z, W, g), atol=1e-12)


@template("mlp/elu-layer-backward", topic="mlp", points=5, title="Numeric backward pass through an ELU layer",
          question="tex/mlp/elu-layer-backward.tex.j2", solution="tex/mlp/elu-layer-backward-solution.tex.j2",
          answers={"dh_dz": Vector(points=1, digits=4, label="ELU slopes",
                                   prompt=r"The slopes $g'(\mathbf{z}^{(\ell)})$, entry by entry."),
                   "dL_dz": Vector(points=2, digits=4, label="dL/dz",
                                   prompt=r"$\partial L / \partial \mathbf{z}^{(\ell)}$."),
                   "dL_dh_prev": Vector(points=2, digits=4, label="dL/dh(l-1)",
                                        prompt=r"$\partial L / \partial \mathbf{h}^{(\ell-1)}$.")},
          constraints={"z has entries of both signs": lambda p, a: np.any(p["z"] < 0) and np.any(p["z"] > 0),
                       # a zero column leaves an entry of dL/dh^(l-1) at 0 with nothing to compute
                       "every input unit has a non-zero weight":
                       lambda p, a: np.all(np.any(np.asarray(p["W"]) != 0, axis=0)),
                       # grad_h = (1, 1, 1) makes dL/dz the slopes again: the multiplication asks nothing
                       "dL/dz differs from the slopes": lambda p, a: prints_differently(a["dL_dz"], a["dh_dz"], 4)},
          crosscheck=_check_layer)
def elu_layer_backward(rng):
    z = rng.choice([-2.0, -1.5, -1.0, -0.5, -0.2, 0.3, 0.5, 1.0, 1.5, 2.0], size=3)
    W = rng.integers(-2, 3, size=(3, 2))
    grad_h = rng.choice([-3, -2, -1, 1, 2, 3], size=3)
    back = layer_backward(z, W, grad_h, "elu")
    return ({"z": z, "W": W, "grad_h": grad_h},
            {"dh_dz": back["dh_dz"], "dL_dz": back["dL_dz"], "dL_dh_prev": back["dL_dh_prev"]})
