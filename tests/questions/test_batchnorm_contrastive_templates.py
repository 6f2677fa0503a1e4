"""The batch-norm and NT-Xent templates: pinned hand-checked draws, constraints
(every part as a choice and the CLI: test_breadth1_rendering.py)."""
import math

import numpy as np
import pytest

from qbank.cli import main
from qbank.engine.generate import ConstraintError, generate
from qbank.engine.template import get

SIM = [[1, 0.1, 0.5, -0.2], [0.1, 1, -0.1, 0.7], [0.5, -0.1, 1, 0.1], [-0.2, 0.7, 0.1, 1]]


def solve(template_id, **pins):
    inst = generate(get(template_id), seed=0, pins=pins)
    get(template_id).crosscheck(inst.params, inst.answers)
    return inst.answers


def test_batchnorm_backward_by_hand():
    # x = (2, 8, 8, 6): mu 6, deviations (-4, 2, 2, 0)? squares 16 + 4 + 4 = 24, var 6: not a whole std, refused.
    with pytest.raises(ConstraintError, match="whole number"):
        solve("norm/batchnorm-backward", x=[2, 8, 8, 6])
    # x = (0, 6, 4, 2) + 1... take the pattern (-5, 1, 1, 3) + 4 = (-1, 5, 5, 7): mu 4, var 9, std 3,
    # x_hat = (-5, 1, 1, 3)/3. gamma 2, beta 1: y = (-7/3, 5/3, 5/3, 3). dy = (1, 0, 0, -1): dbeta 0,
    # dgamma = -5/3 - 1 = -8/3; mean(dy) 0, mean(dy x_hat) = -2/3, dx = (2/3)(dy + (2/3) x_hat)
    # = (2/3)(1 - 10/9, 2/9, 2/9, -1 + 6/9) = (-2/27, 4/27, 4/27, -6/27).
    a = solve("norm/batchnorm-backward", x=[-1, 5, 5, 7], gamma=2.0, beta=1, dy=[1, 0, 0, -1])
    np.testing.assert_allclose(a["y"], [-7 / 3, 5 / 3, 5 / 3, 3])
    assert (a["dbeta"], a["dgamma"]) == (0.0, pytest.approx(-8 / 3))
    np.testing.assert_allclose(a["dx"], np.array([-2, 4, 4, -6]) / 27)


def test_batchnorm_running_by_hand():
    # batch (-1, 5, 5, 7): mean 4, biased var 9, unbiased 12. torch, momentum 0.1, from (0, 1):
    # mean 0.4, var 0.9 + 1.2 = 2.1; train y_1 = -5/3; eval y_1 = (-1 - 0.4)/sqrt(2.1) = -0.9661.
    a = solve("norm/batchnorm-running", x=[-1, 5, 5, 7], running_mean=0.0, running_var=1.0, momentum=0.1,
              convention="torch", unbiased=True)
    assert (a["new_mean"], a["new_var"]) == (pytest.approx(0.4), pytest.approx(2.1))
    assert a["y_train"] == pytest.approx(-5 / 3) and a["y_eval"] == pytest.approx(-1.4 / math.sqrt(2.1))
    # Keras with momentum 0.9 is the same weight on the batch; the biased variance 9 gives 0.9 + 0.9 = 1.8.
    k = solve("norm/batchnorm-running", x=[-1, 5, 5, 7], running_mean=0.0, running_var=1.0, momentum=0.9,
              convention="keras", unbiased=False)
    assert (k["new_mean"], k["new_var"]) == (pytest.approx(0.4), pytest.approx(1.8))


def test_nt_xent_by_hand():
    # tau 1, anchor 1: exp(0.1), exp(0.5), exp(-0.2); l = -ln(e^0.5 / (e^0.1 + e^0.5 + e^-0.2)) = 0.7733.
    a = solve("loss/nt-xent", sim=SIM, tau=1.0)
    candidates = math.exp(0.1) + math.exp(0.5) + math.exp(-0.2)
    assert a["anchor_loss"] == pytest.approx(-math.log(math.exp(0.5) / candidates))
    assert a["anchor_loss"] == pytest.approx(0.7733, abs=1e-4)


@pytest.mark.parametrize("template_id, pin, message", [
    ("norm/batchnorm-backward", "x=[1, 2, 3]", "x needs 4 values"),
    ("norm/batchnorm-running", "x=[1, 2, 3, 4, 5, 6]", "x needs 4 values"),
    ("loss/nt-xent", "sim=[[1, 0], [0, 1]]", "symmetric 4 x 4 matrix"),
    ("norm/batchnorm-running", "unbiased=maybe", "unbiased takes true or false"),
    ("conv/activation-memory", "count_input=2", "count_input takes true or false"),
])
def test_pins_of_the_wrong_shape_are_bad_input(runner, template_id, pin, message):
    result = runner.invoke(main, ["solve", template_id, "--set", pin])
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output


def test_impossible_similarities_are_refused():
    # views 1, 3 nearly equal (0.9) but 1 and 2 opposite (-0.4) while 3 and 2 agree (0.4): no unit vectors do that
    impossible = [[1, -0.4, 0.9, 0], [-0.4, 1, 0.4, 0.5], [0.9, 0.4, 1, 0], [0, 0.5, 0, 1]]
    with pytest.raises(ConstraintError, match="unit vectors"):
        solve("loss/nt-xent", sim=impossible)


@pytest.mark.parametrize("template_id, part", [("norm/batchnorm-backward", "dgamma"),
                                               ("norm/batchnorm-running", "y_eval"), ("loss/nt-xent", "loss")])
def test_crosschecks_catch_a_wrong_key(template_id, part):
    inst = generate(get(template_id), 3)
    with pytest.raises(AssertionError):
        get(template_id).crosscheck(inst.params, dict(inst.answers, **{part: inst.answers[part] + 0.01}))
