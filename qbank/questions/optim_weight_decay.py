"""Weight-decay template: one step of Adam with L2 in the gradient, of AdamW and of SGD, from the same x and g.

At t = 1 Adam's step is lr g / (|g| + eps) entry by entry, so each update is a sign
times lr (up to eps): L2 in the gradient changes the step only where lambda x flips the
sign of g (a constraint makes that happen in at least one entry, so both cases show), while
AdamW shrinks x by the stated decoupled amount first.
"""
from __future__ import annotations

import numpy as np

from qbank import Vector, template
from qbank.check.predicates import prints_differently
from qbank.core.optim import exact
from qbank.core.weight_decay import adam_l2_step, adamw_step, decay_amount, sgd_l2_step
from qbank.lazy import sympy

NONZERO = (-3, -2, -1, 1, 2, 3)
BETA1, BETA2, EPS = 0.9, 0.999, 1e-8


def _exact_adam_first(x, g, lr, eps):
    """x - lr g / (|g| + eps): Adam's first step from zero moments, the bias corrections cancelling (exact)."""
    return x - lr * g / (abs(g) + eps)


def _check(params, answers):
    lr, wd, eps = exact(params["lr"]), exact(params["wd"]), exact(EPS)
    c = lr * wd if params["form"] == "torch" else wd
    for i, (x, g) in enumerate(zip(params["x"], params["g"])):
        x, g = sympy.Integer(int(x)), sympy.Integer(int(g))
        expected = {"x_l2": _exact_adam_first(x, g + wd * x, lr, eps),
                    "x_adamw": _exact_adam_first(x - c * x, g, lr, eps), "x_sgd": x - lr * (g + wd * x)}
        for name, value in expected.items():
            assert abs(answers[name][i] - float(value)) < 1e-12, (name, i, answers[name][i], value)


def _some_flip(params, answers):
    g, x = np.asarray(params["g"]), np.asarray(params["x"])
    return bool(np.any(np.sign(g + params["wd"] * x) != np.sign(g)))


@template("optim/adamw-vs-l2", topic="optim", points=4, title="AdamW's decoupled weight decay versus L2 in Adam",
          question="tex/optim/adamw.tex.j2", solution="tex/optim/adamw-solution.tex.j2",
          answers={"x_l2": Vector(points=1.5, digits=4, label="Adam with L2",
                                  prompt=r"$x_1$ after one step of Adam with L2 folded into the gradient."),
                   "x_adamw": Vector(points=1.5, digits=4, label="AdamW", prompt=r"$x_1$ after one step of AdamW."),
                   "x_sgd": Vector(points=1, digits=4, label="SGD with L2",
                                   prompt=r"$x_1$ after one step of plain SGD with L2 folded into the gradient.")},
          constraints={"the decoupled decay removes 5% to 25% of x": lambda p, a: 0.05 <= decay_amount(
                           p["lr"], p["wd"], p["form"]) <= 0.25,
                       "lambda x flips the sign of g in some entry (else L2 leaves Adam's first step unchanged)":
                           _some_flip,
                       "no entry of x is 0": lambda p, a: bool(np.all(np.asarray(p["x"]) != 0)),
                       "no entry of g + lambda x is 0": lambda p, a: bool(np.all(
                           np.asarray(p["g"]) + p["wd"] * np.asarray(p["x"]) != 0)),
                       # with |g| = 1 everywhere, torch's AdamW step equals SGD with L2: one answer, twice
                       "the three updates print differently": lambda p, a: all(prints_differently(
                           a[one], a[two], 4) for one, two in (("x_l2", "x_adamw"), ("x_l2", "x_sgd"),
                                                              ("x_adamw", "x_sgd")))},
          crosscheck=_check)
def adamw_vs_l2(rng):
    """x and g of two nonzero integers, a learning rate and a decay strength; torch's decoupled form unless pinned.

    The paper's form (x <- x - lambda x) is reachable only through `--set form=paper`: its lambda must stay <= 0.25
    (the 5%-25% constraint), and then lambda |x| <= 1.25 flips the sign of an integer g only for |x| = 5, |g| = 1, so
    drawing the form would reject almost every paper draw (none in 300 seeds).
    """
    x = rng.choice([-5, -4, -3, -2, -1, 1, 2, 3, 4, 5], size=2)
    g = rng.choice(NONZERO, size=2)
    lr = float(rng.choice([0.1, 0.2, 0.5]))
    wd = float(rng.choice([0.2, 0.5, 1.0]))
    form = "torch"
    zeros = np.zeros(2)
    answers = {"x_l2": adam_l2_step(x, zeros, zeros, g, 1, lr, wd, BETA1, BETA2, EPS)[0],
               "x_adamw": adamw_step(x, zeros, zeros, g, 1, lr, wd, BETA1, BETA2, EPS, form)[0],
               "x_sgd": sgd_l2_step(x, g, lr, wd)}
    work = {"g_l2": np.asarray(g) + wd * np.asarray(x), "c": decay_amount(lr, wd, form),
            "decayed": np.asarray(x) * (1 - decay_amount(lr, wd, form))}
    return {"x": x, "g": g, "lr": lr, "wd": wd, "form": form}, answers, work
