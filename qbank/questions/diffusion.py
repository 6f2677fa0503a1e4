"""DDPM forward process: alpha-bar after a few steps of a beta schedule, the mean and standard deviation of
q(x_t | x_0), and the noised sample for a given noise draw (generative/ddpm-forward).

The answers come from qbank.core.diffusion; the cross-check runs the chain step by step,
x_s = sqrt(1 - beta_s) x_{s-1} + sqrt(beta_s) eps_s, tracking the squared mean coefficient and the variance
in exact fractions, which must match the closed-form jump of Ho et al. 2020, eq. 4.
"""
from __future__ import annotations

import math
from fractions import Fraction

import numpy as np

from qbank import Real, Vector, template
from qbank.check.predicates import keys_print_cleanly
from qbank.core.diffusion import alpha_bars, q_moments, q_sample

BETAS = [0.02, 0.04, 0.05, 0.1, 0.2, 0.25, 0.36, 0.5]


def _check(params, answers):
    coef_squared, variance = Fraction(1), Fraction(0)
    for beta in params["betas"]:  # one step: the mean scales by sqrt(1 - beta); the variance by 1 - beta, plus beta
        a = 1 - Fraction(str(beta))
        coef_squared, variance = coef_squared * a, a * variance + (1 - a)
    assert variance == 1 - coef_squared  # the chain's noise adds up to the closed form's 1 - alpha-bar
    assert abs(answers["alpha_bar"] - float(coef_squared)) < 1e-12
    coef, std = math.sqrt(coef_squared), math.sqrt(variance)
    np.testing.assert_allclose(answers["mean"], [coef * float(v) for v in params["x0"]], atol=1e-12)
    assert abs(answers["std"] - std) < 1e-12
    np.testing.assert_allclose(answers["x_t"], [coef * float(v) + std * float(e)
                                                for v, e in zip(params["x0"], params["eps"])], atol=1e-12)


@template("generative/ddpm-forward", topic="generative", points=5, title="DDPM forward process",
          question="tex/generative/ddpm-forward.tex.j2", solution="tex/generative/ddpm-forward-solution.tex.j2",
          answers={"alpha_bar": Real(points=1, digits=4, label="alpha-bar",
                                     prompt=r"$\bar\alpha_t$ for the last step $t$."),
                   "mean": Vector(points=1, digits=4, label="mean of q(x_t | x_0)",
                                  prompt=r"The mean of $q(\mathbf{x}_t \mid \mathbf{x}_0)$."),
                   "std": Real(points=1, digits=4, label="standard deviation of q(x_t | x_0)",
                               prompt=r"The standard deviation of $q(\mathbf{x}_t \mid \mathbf{x}_0)$ in each "
                                      r"coordinate."),
                   "x_t": Vector(points=2, digits=4, label="the noised sample",
                                 prompt=r"The sample $\mathbf{x}_t$ for the given noise $\boldsymbol{\epsilon}$.")},
          constraints={"no key ties or prints as 0 at 4 decimals":
                       keys_print_cleanly({"alpha_bar": 4, "mean": 4, "std": 4, "x_t": 4})},
          crosscheck=_check)
def ddpm_forward(rng):
    """Two to four betas, a 2- or 3-dimensional x_0 in tenths within [-1, 1], a standard-normal-like noise in tenths."""
    betas = rng.choice(BETAS, size=int(rng.integers(2, 5)))
    size = int(rng.integers(2, 4))
    x0 = rng.choice(np.arange(-10, 11), size=size) / 10
    eps = rng.choice([-15, -10, -8, -5, -3, 3, 5, 8, 10, 15], size=size) / 10
    bars = alpha_bars(betas)
    mean, std = q_moments(x0, bars[-1])
    params = {"betas": betas, "x0": x0, "eps": eps}
    answers = {"alpha_bar": float(bars[-1]), "mean": mean, "std": std, "x_t": q_sample(x0, bars[-1], eps)}
    return params, answers, {"bars": bars, "t": len(betas)}
