"""Gradient clipping template: the global norm of two gradient tensors and both tensors after clipping.

The entries are small integers whose squares add up to a perfect square: the last entry is
chosen to complete one (a constraint redraws the rare draws where no entry in -6..6 can), and
the threshold is the norm times 0.2 .. 0.8, so the clip coefficient and every clipped entry
are short decimals.
"""
from __future__ import annotations

import math

import numpy as np

from qbank import Matrix, Real, Vector, template
from qbank.core.clipping import clip_by_global_norm, clip_each_by_norm, global_norm
from qbank.lazy import sympy

COEFFICIENTS = (0.2, 0.25, 0.4, 0.5, 0.6, 0.75, 0.8)


def _check(params, answers):
    """In sympy: the norm as sqrt of the integer sum of squares, then each entry times max_norm / norm exactly."""
    entries = [int(v) for v in np.ravel(params["gw"])] + [int(v) for v in params["gb"]]
    norm = sympy.sqrt(sum(v * v for v in entries))
    coef = sympy.Min(1, sympy.Rational(str(params["max_norm"])) / norm)
    assert abs(answers["norm"] - float(norm)) < 1e-12
    assert np.allclose(answers["clipped_w"], [[float(coef * int(v)) for v in row] for row in params["gw"]], atol=1e-12)
    assert np.allclose(answers["clipped_b"], [float(coef * int(v)) for v in params["gb"]], atol=1e-12)


def _whole_norm(params, answers):
    return float(answers["norm"]).is_integer()


def _per_tensor_differs(params, answers):
    """Clipping each tensor by its own norm gives another result (else that mistake would score)."""
    alone = clip_each_by_norm([params["gw"], params["gb"]], params["max_norm"])
    return not (np.allclose(alone[0], answers["clipped_w"]) and np.allclose(alone[1], answers["clipped_b"]))


@template("optim/grad-clipping", topic="optim", points=4, title="Gradient clipping by the global norm",
          question="tex/optim/grad-clipping.tex.j2", solution="tex/optim/grad-clipping-solution.tex.j2",
          answers={"norm": Real(points=1, digits=4, label="global norm", prompt=r"The global gradient norm."),
                   "clipped_w": Matrix(points=1.5, digits=4, label="clipped weight gradient",
                                       prompt=r"The weight gradient after clipping."),
                   "clipped_b": Vector(points=1.5, digits=4, label="clipped bias gradient",
                                       prompt=r"The bias gradient after clipping.")},
          constraints={"the global norm is a whole number": _whole_norm,
                       "clipping each tensor alone gives a different result": _per_tensor_differs,
                       "neither gradient is all zeros": lambda p, a: bool(np.any(p["gw"]) and np.any(p["gb"]))},
          crosscheck=_check)
def grad_clipping(rng):
    """A 2x2 weight gradient and a 2-entry bias gradient of integers; the threshold a fraction of their norm."""
    gw = rng.integers(-6, 7, size=(2, 2))
    first = int(rng.integers(-6, 7))
    partial = int(np.sum(np.square(gw))) + first * first
    completes = [b for b in range(-6, 7) if math.isqrt(partial + b * b) ** 2 == partial + b * b]
    # built backwards: the last entry makes the sum of squares a perfect square when one in -6..6 can
    gb = np.array([first, int(rng.choice(completes)) if completes else int(rng.integers(-6, 7))])
    coefficient = float(rng.choice(COEFFICIENTS))
    max_norm = round(coefficient * global_norm([gw, gb]), 4)  # built backwards: the threshold from the norm
    (clipped_w, clipped_b), norm, coef = clip_by_global_norm([gw, gb], max_norm)
    work = {"sum_sq": int(np.sum(np.square(gw)) + np.sum(np.square(gb))), "coef": coef}
    answers = {"norm": norm, "clipped_w": clipped_w, "clipped_b": clipped_b}
    return {"gw": gw, "gb": gb, "max_norm": max_norm}, answers, work
