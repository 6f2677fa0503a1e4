"""Batch-norm templates: forward and backward on a batch of four values (norm/batchnorm-backward), and the running
statistics with their momentum convention, train versus eval mode (norm/batchnorm-running).

Built backwards: the batch is a mean plus deviations from DEVIATIONS, four integers summing
to 0 whose mean square is a perfect square, so the batch standard deviation is a whole
number and x_hat a short fraction; eps is taken as 0 and says so.
"""
from __future__ import annotations

from fractions import Fraction

import numpy as np

from qbank import Real, Vector, template
from qbank.core.batchnorm import MOMENTUM_CONVENTIONS, batch_norm_backward, batch_norm_eval, running_statistics
from qbank.core.norm import batch_norm, batch_norm_stats

# Four integer deviations summing to 0 whose mean square is a perfect square s^2 (std s): every such pattern in
# -10..10 that is not +-s twice, and two of those (x_hat = +-1). tests/core/test_batchnorm_contrastive.py re-derives the list.
DEVIATIONS = ((-10, 2, 2, 6), (-7, -1, 1, 7), (-6, -2, -2, 10), (-5, 1, 1, 3), (-3, -1, -1, 5), (-1, -1, 1, 1),
              (-2, -2, 2, 2))


def column(values):
    """Four values as a batch of shape (N, C) = (4, 1)."""
    return np.asarray(values, dtype=float).reshape(-1, 1)


def clean(value):
    """value rounded to 12 decimals: the exact answers are short fractions, so this drops only float noise such as
    -2.2e-16 where the answer is 0 (which would print as -0 and trip qbank check's rounds-to-zero warning)."""
    return np.round(value, 12) + 0.0


def draw_batch(rng):
    """A mean in -3..6 plus a shuffled pattern of DEVIATIONS."""
    pattern = np.array(DEVIATIONS[int(rng.integers(len(DEVIATIONS)))])
    return int(rng.integers(-3, 7)) + rng.permutation(pattern)


def batch_of_four(x):
    """x as a (4, 1) batch; ValueError for another size (the questions and solutions speak of m = 4)."""
    if np.ndim(x) != 1 or len(x) != 4:
        raise ValueError(f"x needs 4 values (m = 4), got {np.shape(x)}")
    return column(x)


def _whole_std(params, answers):
    """The batch's biased standard deviation is a whole number (eps = 0)."""
    return float(np.sqrt(batch_norm_stats(column(params["x"]))[1][0])).is_integer()


def _ioffe_szegedy(x, gamma, dy):
    """The backward pass step by step as Ioffe & Szegedy 2015 (§3) write it, in Fractions (eps = 0, whole std)."""
    x, dy, gamma = [Fraction(int(v)) for v in x], [Fraction(int(v)) for v in dy], Fraction(str(gamma))
    m = len(x)
    mu = sum(x) / m
    var = sum((v - mu) ** 2 for v in x) / m
    std = Fraction(int(round(float(var) ** 0.5)))
    assert std * std == var
    dxhat = [d * gamma for d in dy]
    dvar = sum(d * (v - mu) for d, v in zip(dxhat, x)) * Fraction(-1, 2) / std**3
    dmu = sum(-d / std for d in dxhat) + dvar * sum(-2 * (v - mu) for v in x) / m
    dx = [d / std + dvar * 2 * (v - mu) / m + dmu / m for d, v in zip(dxhat, x)]
    x_hat = [(v - mu) / std for v in x]
    return dx, sum(d * h for d, h in zip(dy, x_hat)), sum(dy), x_hat


def _check_backward(params, answers):
    dx, dgamma, dbeta, x_hat = _ioffe_szegedy(params["x"], params["gamma"], params["dy"])
    gamma, beta = Fraction(str(params["gamma"])), Fraction(int(params["beta"]))
    assert np.allclose(answers["y"], [float(gamma * h + beta) for h in x_hat], rtol=0, atol=1e-12)
    assert np.allclose(answers["dx"], [float(v) for v in dx], rtol=0, atol=1e-12)
    assert abs(answers["dgamma"] - float(dgamma)) < 1e-12 and abs(answers["dbeta"] - float(dbeta)) < 1e-12


@template("norm/batchnorm-backward", topic="norm", points=6, title="Batch norm forward and backward",
          question="tex/norm/batchnorm-backward.tex.j2", solution="tex/norm/batchnorm-backward-solution.tex.j2",
          answers={"y": Vector(points=1.5, digits=4, label="output", prompt=r"The output $y$ for the batch."),
                   "dgamma": Real(points=1, digits=4, label="dL/dgamma", prompt=r"$\partial L / \partial \gamma$."),
                   "dbeta": Real(points=1, digits=4, label="dL/dbeta", prompt=r"$\partial L / \partial \beta$."),
                   "dx": Vector(points=2.5, digits=4, label="dL/dx",
                                prompt=r"$\partial L / \partial x$ for the batch.")},
          constraints={"the batch standard deviation is a whole number": _whole_std,
                       "dL/dx is not zero": lambda p, a: bool(np.any(np.abs(a["dx"]) > 1e-9))},
          crosscheck=_check_backward)
def batchnorm_backward(rng):
    """A batch of four values of one feature, gamma and beta, and an integer upstream gradient."""
    x = draw_batch(rng)
    gamma = float(rng.choice([0.5, 1.0, 2.0, 3.0]))
    beta = int(rng.integers(-1, 3))
    dy = rng.integers(-3, 4, size=4)
    mean, var = batch_norm_stats(batch_of_four(x))
    x_hat = batch_norm(column(x), eps=0.0)[:, 0]
    y = batch_norm(column(x), np.array([gamma]), np.array([float(beta)]), eps=0.0)[:, 0]
    dx, dgamma, dbeta = batch_norm_backward(column(x), np.array([gamma]), column(dy), eps=0.0)
    answers = {"y": clean(y), "dgamma": float(clean(dgamma[0])), "dbeta": float(dbeta[0]), "dx": clean(dx[:, 0])}
    work = {"mean": float(mean[0]), "var": float(var[0]), "std": float(np.sqrt(var[0])), "x_hat": x_hat,
            "dy_mean": float(np.mean(dy)), "dy_xhat_mean": float(np.mean(np.asarray(dy) * x_hat))}
    return {"x": x, "gamma": gamma, "beta": beta, "dy": dy}, answers, work


def _check_running(params, answers):
    """Fractions from the definitions: the batch mean and (un)biased variance, the weighted averages, the outputs."""
    x = [Fraction(int(v)) for v in params["x"]]
    m, count = Fraction(str(params["momentum"])), len(x)
    w = m if params["convention"] == "torch" else 1 - m
    mu = sum(x) / count
    var = sum((v - mu) ** 2 for v in x) / (count - 1 if params["unbiased"] else count)
    new_mean = (1 - w) * Fraction(str(params["running_mean"])) + w * mu
    new_var = (1 - w) * Fraction(str(params["running_var"])) + w * var
    assert abs(answers["new_mean"] - float(new_mean)) < 1e-12 and abs(answers["new_var"] - float(new_var)) < 1e-12
    biased = sum((v - mu) ** 2 for v in x) / count
    assert abs(answers["y_train"] - float(x[0] - mu) / float(biased) ** 0.5) < 1e-12
    assert abs(answers["y_eval"] - float(x[0] - new_mean) / float(new_var) ** 0.5) < 1e-12


def _modes_differ(params, answers):
    """Train and eval outputs differ by 5% or more (else mixing up the modes would score)."""
    return abs(answers["y_train"] - answers["y_eval"]) >= 0.05 * max(abs(answers["y_train"]), abs(answers["y_eval"]))


@template("norm/batchnorm-running", topic="norm", points=4, title="Batch norm running statistics, train and eval",
          question="tex/norm/batchnorm-running.tex.j2", solution="tex/norm/batchnorm-running-solution.tex.j2",
          answers={"new_mean": Real(points=1, digits=4, label="running mean",
                                    prompt=r"The running mean after this batch."),
                   "new_var": Real(points=1, digits=4, label="running variance",
                                   prompt=r"The running variance after this batch."),
                   "y_train": Real(points=1, digits=4, label="training-mode output",
                                   prompt=r"The training-mode output for $x_1$ (the first value of the batch)."),
                   "y_eval": Real(points=1, digits=4, label="eval-mode output",
                                  prompt=r"The eval-mode output for the same input $x_1$, after the update.")},
          constraints={"the batch standard deviation is a whole number": _whole_std,
                       "both momentum conventions differ": lambda p, a: p["momentum"] != 0.5,
                       "train and eval outputs differ": _modes_differ},
          crosscheck=_check_running)
def batchnorm_running(rng):
    """A batch of four values, running statistics before it, a momentum under a drawn convention, the variance kind."""
    x = draw_batch(rng)
    convention = str(rng.choice(MOMENTUM_CONVENTIONS))
    momentum = float(rng.choice([0.1, 0.2, 0.25])) if convention == "torch" else float(rng.choice([0.9, 0.8, 0.75]))
    unbiased = bool(rng.integers(2))
    if not isinstance(unbiased, (bool, np.bool_)):
        raise ValueError(f"unbiased takes true or false, got {unbiased!r}")
    running_mean = float(rng.integers(-2, 3))
    running_var = float(rng.choice([0.5, 1.0, 2.0, 4.0]))
    batch = batch_of_four(x)
    mean, var = batch_norm_stats(batch)
    new_mean, new_var = running_statistics(batch, [running_mean], [running_var], momentum, convention, unbiased)
    answers = {"new_mean": float(clean(new_mean[0])), "new_var": float(clean(new_var[0])),
               "y_train": float(batch_norm(batch, eps=0.0)[0, 0]),
               "y_eval": float(batch_norm_eval(batch, new_mean, new_var, eps=0.0)[0, 0])}
    weight_new = momentum if convention == "torch" else 1.0 - momentum
    fed_var = float(var[0]) * (4 / 3 if unbiased else 1)
    work = {"mean": float(mean[0]), "var": float(var[0]), "fed_var": fed_var, "weight_new": weight_new,
            "std": float(np.sqrt(var[0]))}
    return ({"x": x, "running_mean": running_mean, "running_var": running_var, "momentum": momentum,
             "convention": convention, "unbiased": unbiased}, answers, work)

