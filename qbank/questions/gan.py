"""GAN: the optimal discriminator for given discrete densities, the value of the game against it, and the
value at equilibrium (generative/gan-optimal-d).

The answers come from qbank.core.gan; the cross-check recomputes D* in exact fractions, the value and the JSD
with logarithms of those fractions, and checks Goodfellow et al.'s identity V(D*, G) = -log 4 + 2 JSD.
"""
from __future__ import annotations

import math
from fractions import Fraction

import numpy as np

from qbank import Real, Vector, template
from qbank.core.gan import game_value, jensen_shannon, optimal_discriminator


def _tenths(values):
    return [Fraction(round(10 * float(v)), 10) for v in values]


def _check(params, answers):
    p_data, p_g = _tenths(params["p_data"]), _tenths(params["p_g"])
    d_star = [a / (a + b) for a, b in zip(p_data, p_g)]
    assert all(Fraction(x).limit_denominator(400) == d for x, d in zip(answers["d_star"], d_star))
    value = math.fsum(a * math.log(d) + b * math.log(1 - d) for a, b, d in zip(p_data, p_g, d_star))
    assert abs(answers["value"] - value) < 1e-12
    mixture = [(a + b) / 2 for a, b in zip(p_data, p_g)]
    jsd = math.fsum(a * math.log(a / m) + b * math.log(b / m) for a, b, m in zip(p_data, p_g, mixture)) / 2
    assert abs(value - (-math.log(4) + 2 * jsd)) < 1e-12  # Theorem 1
    assert abs(answers["jsd"] - jsd) < 1e-12
    assert abs(answers["value_eq"] + math.log(4)) < 1e-12


@template("generative/gan-optimal-d", topic="generative", points=5, title="GAN: optimal discriminator and value",
          question="tex/generative/gan-optimal-d.tex.j2", solution="tex/generative/gan-optimal-d-solution.tex.j2",
          answers={"d_star": Vector(points=2, digits=3, label="optimal discriminator",
                                    prompt=r"The optimal discriminator $D^*(x)$ at each of the points."),
                   "value": Real(points=1, digits=3, label="value against the optimal discriminator",
                                 prompt=r"The value $V(D^*, G)$ of the game for this generator."),
                   "jsd": Real(points=1, digits=3, label="Jensen-Shannon divergence",
                               prompt=r"$\mathrm{JSD}(p_{\mathrm{data}} \,\|\, p_g)$."),
                   "value_eq": Real(points=1, digits=3, label="value at equilibrium",
                                    prompt=r"The value of the game once the generator has learned "
                                           r"$p_g = p_{\mathrm{data}}$ and the discriminator is optimal.")},
          constraints={"the generator differs from the data": lambda p, a: not np.allclose(p["p_data"], p["p_g"])},
          crosscheck=_check)
def gan_optimal_d(rng):
    """Two distributions over 3 or 4 points in tenths, every probability at least 0.1."""
    points = int(rng.integers(3, 5))

    def tenths():  # a composition of 10 into `points` positive parts
        cuts = np.sort(rng.choice(np.arange(1, 10), size=points - 1, replace=False))
        return np.diff(np.concatenate([[0], cuts, [10]])) / 10

    p_data, p_g = tenths(), tenths()
    d_star = optimal_discriminator(p_data, p_g)
    equal = np.full(points, 1 / points)
    answers = {"d_star": d_star, "value": game_value(p_data, p_g, d_star), "jsd": jensen_shannon(p_data, p_g),
               "value_eq": game_value(equal, equal, optimal_discriminator(equal, equal))}
    return {"p_data": p_data, "p_g": p_g}, answers, {"n_points": points}
