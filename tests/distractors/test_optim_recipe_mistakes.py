"""The Adam bias-correction, schedule and weight-decay mistakes, each on one case worked by hand."""
import math

import numpy as np
import pytest

ADAM = {"g": np.array([2, -2, 4]), "beta1": 0.5, "beta2": 0.9, "lr": 0.1, "eps": 1e-8}  # m3 1.75, v3 2.284
SCHEDULE = {"peak": 0.4, "floor": 0.04, "warmup": 100, "total": 1300, "decay": "cosine", "t_warm": 30, "t_mid": 400,
            "t_late": 1000}
DECAY = {"x": np.array([4, -1]), "g": np.array([-1, 2]), "lr": 0.1, "wd": 0.5, "form": "torch"}


def test_adam_bias_mistakes(wrong):
    tpl = "optim/adam-bias-correction"
    assert wrong(tpl, "m_hat", "forgot the bias correction", ADAM) == pytest.approx(1.75)
    assert wrong(tpl, "m_hat", "divided by $1 - \\beta_1$ instead of $1 - \\beta_1^t$", ADAM) == pytest.approx(3.5)
    assert wrong(tpl, "v_hat", "divided by $1 - \\beta_2$ instead of $1 - \\beta_2^t$", ADAM) == pytest.approx(22.84)
    # m corrected (2), v not: 0.1 * 2 / sqrt(2.284); v corrected, m not: 0.1 * 1.75 / sqrt(8.428)
    assert wrong(tpl, "step", "corrected $m$ but not $v$", ADAM) == pytest.approx(0.2 / math.sqrt(2.284), rel=1e-6)
    assert wrong(tpl, "raw_step", "corrected $v$ but not $m$", ADAM) == pytest.approx(
        0.175 / math.sqrt(2.284 / 0.271), rel=1e-6)


def test_schedule_mistakes(wrong):
    tpl = "optim/lr-schedule"
    assert wrong(tpl, "lr_warm", "took the fraction of all $T$ steps, $t/T$, in the warm-up", SCHEDULE) == \
        pytest.approx(0.4 * 30 / 1300)
    assert wrong(tpl, "lr_warm", "warmed up from the floor instead of from 0", SCHEDULE) == pytest.approx(0.148)
    # progress from step 0: q = 400/1300; the other shape: linear at q = 1/4 gives 0.31; no floor: 0.2 (1 + cos(pi/4))
    assert wrong(tpl, "lr_mid", "counted the decay progress from step 0 ($t/T$)", SCHEDULE) == pytest.approx(
        0.04 + 0.18 * (1 + math.cos(math.pi * 400 / 1300)))
    assert wrong(tpl, "lr_mid", "used the other decay shape", SCHEDULE) == pytest.approx(0.31)
    assert wrong(tpl, "lr_mid", "decayed to 0, ignoring the floor", SCHEDULE) == pytest.approx(
        0.2 * (1 + math.sqrt(0.5)))
    assert wrong(tpl, "lr_late", "decayed to 0, ignoring the floor", dict(SCHEDULE, floor=0.0)) is None


def test_weight_decay_mistakes(wrong):
    tpl = "optim/adamw-vs-l2"
    # see test_optim_recipe_templates: Adam + L2 (3.9, -1.1), AdamW (3.9, -1.05); without decay (4.1, -1.1)
    np.testing.assert_allclose(wrong(tpl, "x_l2", "decoupled the decay as AdamW does", DECAY), [3.9, -1.05], atol=1e-7)
    np.testing.assert_allclose(wrong(tpl, "x_l2", "left out the weight decay", DECAY), [4.1, -1.1], atol=1e-7)
    np.testing.assert_allclose(wrong(tpl, "x_adamw", "folded the decay into the gradient (Adam with L2)", DECAY),
                               [3.9, -1.1], atol=1e-7)
    # the paper's form decays by lambda = 0.5: (2 + 0.1, -0.5 - 0.1)
    np.testing.assert_allclose(
        wrong(tpl, "x_adamw", "used the other decoupled form ($\\eta\\lambda$ for $\\lambda$ or back)", DECAY),
        [2.1, -0.6], atol=1e-7)
    np.testing.assert_allclose(wrong(tpl, "x_sgd", "left out the weight decay", DECAY), [4.1, -1.2])
    np.testing.assert_allclose(wrong(tpl, "x_sgd", "subtracted $\\lambda x$ without the learning rate", DECAY),
                               [2.1, -0.7])
