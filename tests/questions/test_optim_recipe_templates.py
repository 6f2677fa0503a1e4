"""The Adam bias-correction, learning-rate schedule and AdamW templates: pinned hand-checked draws, constraints
(every part as a choice and the CLI: test_breadth1_rendering.py)."""
import math

import numpy as np
import pytest

from qbank.cli import main
from qbank.engine.generate import ConstraintError, generate
from qbank.engine.template import get

SCHEDULE = {"peak": 0.4, "floor": 0.04, "warmup": 100, "total": 1300, "t_warm": 30, "t_mid": 400, "t_late": 1000}


def solve(template_id, **pins):
    inst = generate(get(template_id), seed=0, pins=pins)
    get(template_id).crosscheck(inst.params, inst.answers)
    return inst.answers


def test_adam_bias_correction_by_hand():
    # beta1 = 0.5, beta2 = 0.9, g = 2, -2, 4: m3 = 0.5 (0.25*2 + 0.5*(-2) + 4) = 1.75, m_hat = 1.75 / 0.875 = 2;
    # v3 = 0.1 (0.81*4 + 0.9*4 + 16) = 2.284, v_hat = 2.284 / 0.271 = 8.4280; step 0.1 * 2 / 2.9031 = 0.0689;
    # uncorrected 0.1 * 1.75 / sqrt(2.284) = 0.1158.
    a = solve("optim/adam-bias-correction", g=[2, -2, 4], beta1=0.5, beta2=0.9, lr=0.1)
    assert a["m_hat"] == pytest.approx(2.0)
    assert a["v_hat"] == pytest.approx(2.284 / 0.271)
    assert a["step"] == pytest.approx(0.2 / math.sqrt(2.284 / 0.271), rel=1e-6)
    assert a["raw_step"] == pytest.approx(0.175 / math.sqrt(2.284), rel=1e-6)


def test_constant_gradients_and_two_steps_are_refused(runner):
    with pytest.raises(ConstraintError, match="not all equal"):
        solve("optim/adam-bias-correction", g=[3, 3, 3])
    result = runner.invoke(main, ["solve", "optim/adam-bias-correction", "--set", "g=[1, 2]"])
    assert result.exit_code == 2 and "g needs the 3 gradients" in result.output


def test_equal_betas_are_refused():
    # beta1 = beta2 = 0.9: both corrections divide by 1 - 0.9^3 = 0.271, so the solution's "1 - beta2^t stays far
    # from 1 for longer than 1 - beta1^t" would be false
    with pytest.raises(ConstraintError, match="beta2 > beta1"):
        solve("optim/adam-bias-correction", g=[2, -2, 4], beta1=0.9, beta2=0.9, lr=0.1)


def test_lr_schedule_by_hand():
    # warm-up 0.4 * 30/100 = 0.12; q = 300/1200 = 1/4: cosine 0.04 + 0.18 (1 + sqrt(2)/2) = 0.34728,
    # linear 0.4 - 0.36/4 = 0.31; q = 900/1200 = 3/4: cosine 0.04 + 0.18 (1 - sqrt(2)/2) = 0.09272, linear 0.13.
    cos = solve("optim/lr-schedule", decay="cosine", **SCHEDULE)
    assert cos["lr_warm"] == pytest.approx(0.12)
    assert cos["lr_mid"] == pytest.approx(0.04 + 0.18 * (1 + math.sqrt(0.5)))
    assert cos["lr_late"] == pytest.approx(0.04 + 0.18 * (1 - math.sqrt(0.5)))
    lin = solve("optim/lr-schedule", decay="linear", **SCHEDULE)
    assert (lin["lr_mid"], lin["lr_late"]) == (pytest.approx(0.31), pytest.approx(0.13))


def test_adamw_vs_l2_by_hand():
    # x = (4, -1), g = (-1, 2), lr 0.1, lambda 0.5: g + lambda x = (1, 1.5) flips entry 1. Adam + L2: (3.9, -1.1);
    # AdamW (torch, c = 0.05): (3.8 + 0.1, -0.95 - 0.1); SGD: x - 0.1 (1, 1.5) = (3.9, -1.15).
    a = solve("optim/adamw-vs-l2", x=[4, -1], g=[-1, 2], lr=0.1, wd=0.5, form="torch")
    np.testing.assert_allclose(a["x_l2"], [3.9, -1.1], atol=1e-7)
    np.testing.assert_allclose(a["x_adamw"], [3.9, -1.05], atol=1e-7)
    np.testing.assert_allclose(a["x_sgd"], [3.9, -1.15])
    with pytest.raises(ConstraintError, match="flips the sign"):
        solve("optim/adamw-vs-l2", x=[4, -1], g=[3, 2], lr=0.1, wd=0.5, form="torch")


@pytest.mark.parametrize("template_id, part", [("optim/adam-bias-correction", "step"), ("optim/lr-schedule", "lr_mid"),
                                               ("optim/adamw-vs-l2", "x_adamw")])
def test_crosschecks_catch_a_wrong_key(template_id, part):
    inst = generate(get(template_id), 3)
    with pytest.raises(AssertionError):
        get(template_id).crosscheck(inst.params, dict(inst.answers, **{part: inst.answers[part] + 0.01}))
