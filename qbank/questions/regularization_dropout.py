"""Inverted dropout template: the training scale, a masked forward pass, and the original dropout's test-time factor.

The rate is stated as a drop probability (torch.nn.Dropout's p) or a keep probability
(Srivastava et al. 2014's p), drawn; keep probabilities 0.8, 0.4, 0.25, 0.2 make the scale
1/q a short decimal (1.25, 2.5, 4, 5). 0.5 is left out: both readings of p would agree.
"""
from __future__ import annotations

from fractions import Fraction

import numpy as np

from qbank import Real, Vector, template
from qbank.core.dropout import (
    CONVENTIONS, inverted_dropout_train, inverted_scale, keep_probability, original_dropout_test_factor)

KEEPS = (0.8, 0.4, 0.25, 0.2)


def _check(params, answers):
    """With Fractions: q from the stated convention, y = x m / q, the original dropout's test factor q."""
    p = Fraction(str(params["p"]))
    q = 1 - p if params["convention"] == "drop" else p
    assert abs(answers["scale"] - float(1 / q)) < 1e-12
    expected = [Fraction(int(x)) * int(m) / q for x, m in zip(params["x"], params["mask"])]
    assert np.allclose(answers["y"], [float(v) for v in expected], rtol=0, atol=1e-12)
    assert abs(answers["test_factor"] - float(q)) < 1e-12


def _mask_matters(params, answers):
    """Some dropped unit and some kept unit carry a nonzero activation (else the mask or the scale is invisible)."""
    x, mask = np.asarray(params["x"]), np.asarray(params["mask"])
    return bool(np.any((mask == 0) & (x != 0)) and np.any((mask == 1) & (x != 0)))


@template("regularization/inverted-dropout", topic="regularization", points=4, title="Inverted dropout",
          question="tex/regularization/dropout.tex.j2", solution="tex/regularization/dropout-solution.tex.j2",
          answers={"scale": Real(points=1, digits=4, label="training scale",
                                 prompt=r"By which factor does inverted dropout multiply the kept activations "
                                        r"in training?"),
                   "y": Vector(points=2, digits=4, label="output",
                               prompt=r"The output $y$ of the dropout layer in training for this mask."),
                   "test_factor": Real(points=1, digits=4, label="original dropout's test factor",
                                       prompt=r"With the original (not inverted) dropout, kept units are not "
                                              r"scaled in training. By which factor are the activations "
                                              r"multiplied at test time?")},
          constraints={"the two readings of p differ": lambda p, a: p["p"] != 0.5,
                       "a dropped and a kept unit are nonzero": _mask_matters},
          crosscheck=_check)
def inverted_dropout(rng):
    """Six activations, a 0/1 mask, a rate stated under a drawn convention."""
    x = rng.integers(-5, 8, size=6)
    mask = rng.integers(0, 2, size=6)
    convention = str(rng.choice(CONVENTIONS))
    keep = float(rng.choice(KEEPS))
    p = keep if convention == "keep" else round(1.0 - keep, 2)
    q = keep_probability(p, convention)
    answers = {"scale": inverted_scale(q), "y": inverted_dropout_train(x, mask, q),
               "test_factor": original_dropout_test_factor(q)}
    return {"x": x, "mask": mask, "p": p, "convention": convention}, answers, {"q": q}
