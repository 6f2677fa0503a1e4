"""Adam bias-correction template: three steps of one scalar parameter; m-hat, v-hat and the step at t = 3, with and
without the correction.

Gradients are small nonzero integers that change between steps (a constant gradient would
make m_hat = g); the betas are exam-sized (0.5 .. 0.9 and 0.9 .. 0.999, beta2 > beta1 as in Adam's
defaults), so the 1 - beta^t factors are visibly different from 1.
"""
from __future__ import annotations

import numpy as np

from qbank import Real, template
from qbank.check.predicates import keys_print_cleanly
from qbank.core.adam_bias import adam_first_steps
from qbank.core.optim import exact
from qbank.lazy import sympy

NONZERO = (-4, -3, -2, -1, 1, 2, 3, 4)


def _check(params, answers):
    """Kingma & Ba's sums in exact rationals: m_3 = (1 - b1) sum b1^(3-i) g_i, corrected by 1 - b1^3; same for v."""
    b1, b2, lr, eps = (exact(params[n]) for n in ("beta1", "beta2", "lr", "eps"))
    g = [sympy.Integer(int(v)) for v in params["g"]]
    m = (1 - b1) * sum(b1 ** (3 - i) * gi for i, gi in enumerate(g, start=1))
    v = (1 - b2) * sum(b2 ** (3 - i) * gi**2 for i, gi in enumerate(g, start=1))
    m_hat, v_hat = m / (1 - b1**3), v / (1 - b2**3)
    expected = {"m_hat": m_hat, "v_hat": v_hat, "step": lr * m_hat / (sympy.sqrt(v_hat) + eps),
                "raw_step": lr * m / (sympy.sqrt(v) + eps)}
    for name, value in expected.items():
        assert abs(answers[name] - float(value)) < 1e-12, (name, answers[name], value)


def _correction_visible(params, answers):
    """The uncorrected step differs from the corrected one by at least 5% (else skipping the correction scores)."""
    return abs(answers["raw_step"] - answers["step"]) >= 0.05 * abs(answers["step"])


@template("optim/adam-bias-correction", topic="optim", points=4, title="Adam's bias correction in the first steps",
          question="tex/optim/adam-bias.tex.j2", solution="tex/optim/adam-bias-solution.tex.j2",
          answers={"m_hat": Real(points=1, digits=4, label="m-hat at step 3",
                                 prompt=r"The bias-corrected first moment $\hat m_3$."),
                   "v_hat": Real(points=1, digits=4, label="v-hat at step 3",
                                 prompt=r"The bias-corrected second moment $\hat v_3$."),
                   "step": Real(points=1, digits=4, label="step at t = 3",
                                prompt=r"The step $\Delta_3 = x_2 - x_3$ that Adam takes at $t = 3$."),
                   "raw_step": Real(points=1, digits=4, label="step at t = 3 without correction",
                                    prompt=r"The step at $t = 3$ if the moments were used without bias correction.")},
          constraints={"the gradients are not all equal": lambda p, a: len(set(np.asarray(p["g"]).tolist())) > 1,
                       "the correction changes the step by 5% or more": _correction_visible,
                       "no key ties or prints as 0 at 4 decimals":
                       keys_print_cleanly({"m_hat": 4, "v_hat": 4, "step": 4, "raw_step": 4}),
                       # the solution says 1 - beta2^t stays far from 1 longer than 1 - beta1^t: false when they are equal
                       "beta2 > beta1": lambda p, a: p["beta2"] > p["beta1"]},
          crosscheck=_check)
def adam_bias_correction(rng):
    """Three nonzero integer gradients, betas and a learning rate; eps = 1e-8."""
    g = rng.choice(NONZERO, size=3)
    beta1 = float(rng.choice([0.5, 0.8, 0.9]))
    beta2 = float(rng.choice([0.9, 0.99, 0.999]))
    lr = float(rng.choice([0.1, 0.2, 0.5]))
    eps = 1e-8
    if len(g) != 3:
        raise ValueError(f"g needs the 3 gradients of steps 1, 2, 3, got {len(g)}")
    steps = adam_first_steps([float(v) for v in g], lr, beta1, beta2, eps)
    last = steps[-1]
    answers = {"m_hat": float(last["m_hat"]), "v_hat": float(last["v_hat"]), "step": float(last["step"]),
               "raw_step": float(last["raw_step"])}
    return {"g": g, "beta1": beta1, "beta2": beta2, "lr": lr, "eps": eps}, answers, {"steps": steps}
