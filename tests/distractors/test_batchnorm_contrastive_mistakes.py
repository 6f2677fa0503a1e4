"""The batch-norm and NT-Xent mistakes, each on one case worked by hand."""
import math

import numpy as np
import pytest

BACKWARD = {"x": np.array([-1, 5, 5, 7]), "gamma": 2.0, "beta": 1, "dy": np.array([1, 0, 0, -1])}  # mu 4, std 3
RUNNING = {"x": np.array([-1, 5, 5, 7]), "running_mean": 0.0, "running_var": 1.0, "momentum": 0.1,
           "convention": "torch", "unbiased": True}
SIM = np.array([[1, 0.1, 0.5, -0.2], [0.1, 1, -0.1, 0.7], [0.5, -0.1, 1, 0.1], [-0.2, 0.7, 0.1, 1]])


def test_batchnorm_backward_mistakes(wrong):
    tpl = "norm/batchnorm-backward"
    np.testing.assert_allclose(wrong(tpl, "dx", "treated the mean and variance as constants ($\\gamma\\, \\partial "
                                                "L/\\partial y / \\sigma$)", BACKWARD), [2 / 3, 0, 0, -2 / 3])
    # mean(dy) = 0, so only the x_hat term is missing: (2/3) dy
    np.testing.assert_allclose(wrong(tpl, "dx", "left out the $\\hat x$ term (the path through the variance)",
                                     BACKWARD), [2 / 3, 0, 0, -2 / 3])
    assert wrong(tpl, "dgamma", "multiplied by $x$ instead of $\\hat x$", BACKWARD) == -8  # -1 - 7
    assert wrong(tpl, "dgamma", "averaged instead of summing over the batch", BACKWARD) == pytest.approx(-2 / 3)
    # (x - 4) / 9 * 2 + 1 = (-1/9, 11/9, 11/9, 15/9)
    np.testing.assert_allclose(wrong(tpl, "y", "divided by the variance instead of the standard deviation", BACKWARD),
                               [-1 / 9, 11 / 9, 11 / 9, 15 / 9])


def test_batchnorm_running_mistakes(wrong):
    tpl = "norm/batchnorm-running"
    # Keras reading of momentum 0.1: weight 0.9 on the batch: mean 3.6, var 0.1 + 0.9 * 12 = 10.9
    assert wrong(tpl, "new_mean", "used the other momentum convention", RUNNING) == pytest.approx(3.6)
    assert wrong(tpl, "new_var", "used the other momentum convention", RUNNING) == pytest.approx(10.9)
    assert wrong(tpl, "new_var", "used the other variance (biased for unbiased or back)", RUNNING) == pytest.approx(1.8)
    assert wrong(tpl, "y_train", "normalized with the running statistics (eval mode)", RUNNING) == pytest.approx(
        -1.4 / math.sqrt(2.1))
    assert wrong(tpl, "y_eval", "normalized with the batch statistics (training mode)", RUNNING) == \
        pytest.approx(-5 / 3)
    assert wrong(tpl, "y_eval", "used the running statistics from before the update", RUNNING) == pytest.approx(-1)


def test_nt_xent_mistakes(wrong):
    tpl, p = "loss/nt-xent", {"sim": SIM, "tau": 0.5}
    e = [math.exp(v / 0.5) for v in (0.1, 0.5, -0.2)]
    assert wrong(tpl, "anchor_loss", "left out the temperature", p) == pytest.approx(
        -math.log(math.exp(0.5) / (math.exp(0.1) + math.exp(0.5) + math.exp(-0.2))))
    assert wrong(tpl, "anchor_loss", "kept the anchor's own similarity in the denominator", p) == pytest.approx(
        -math.log(e[1] / (math.exp(2) + sum(e))))
    # ln(e^0.2 + e^-0.4) - 1 = -0.36 < 0 is no loss (dropped); at tau 1: ln(e^0.1 + e^-0.2) - 0.5 = 0.1544
    assert wrong(tpl, "anchor_loss", "left the positive out of the denominator", p) is None
    assert wrong(tpl, "anchor_loss", "left the positive out of the denominator", dict(p, tau=1.0)) == pytest.approx(
        math.log(math.exp(0.1) + math.exp(-0.2)) - 0.5)
    assert wrong(tpl, "anchor_loss", "left out the temperature", dict(p, tau=1.0)) is None
