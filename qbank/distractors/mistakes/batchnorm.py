"""Modelled mistakes for the batch-norm backward and running-statistics templates.

Each wrong value is the core's answer with the slip applied: the gradient through x_hat alone
(as if mu and sigma were constants), dividing by the variance instead of the standard
deviation, the other momentum convention or the other variance, and one mode's statistics
used for the other (qbank.core.batchnorm).
"""
from __future__ import annotations

import numpy as np

from qbank.core.batchnorm import batch_norm_backward, batch_norm_eval, running_statistics
from qbank.core.norm import batch_norm, batch_norm_stats
from qbank.distractors.registry import mistake
from qbank.questions.norm_batchnorm import column

BACKWARD = "norm/batchnorm-backward"


@mistake(BACKWARD, "treated the mean and variance as constants ($\\gamma\\, \\partial L/\\partial y / \\sigma$)",
         part="dx")
def _dx_direct(p):
    std = np.sqrt(batch_norm_stats(column(p["x"]))[1][0])
    return p["gamma"] * np.asarray(p["dy"], dtype=float) / std


@mistake(BACKWARD, "left out the $\\hat x$ term (the path through the variance)", part="dx")
def _dx_no_variance_path(p):
    std = np.sqrt(batch_norm_stats(column(p["x"]))[1][0])
    dy = np.asarray(p["dy"], dtype=float)
    return p["gamma"] / std * (dy - dy.mean())


@mistake(BACKWARD, "multiplied by $x$ instead of $\\hat x$", part="dgamma")
def _dgamma_raw_x(p):
    return float(np.sum(np.asarray(p["dy"]) * np.asarray(p["x"])))


@mistake(BACKWARD, "averaged instead of summing over the batch", part="dgamma")
def _dgamma_mean(p):
    return float(batch_norm_backward(column(p["x"]), np.array([p["gamma"]]), column(p["dy"]), eps=0.0)[1][0]) / 4


@mistake(BACKWARD, "averaged instead of summing over the batch", part="dbeta")
def _dbeta_mean(p):
    return float(np.mean(p["dy"]))


@mistake(BACKWARD, "divided by the variance instead of the standard deviation", part="y")
def _y_variance(p):
    mean, var = batch_norm_stats(column(p["x"]))
    return p["gamma"] * (np.asarray(p["x"], dtype=float) - mean[0]) / var[0] + p["beta"]


@mistake(BACKWARD, "forgot $\\beta$", part="y")
def _y_no_beta(p):
    return batch_norm(column(p["x"]), np.array([p["gamma"]]), eps=0.0)[:, 0] if p["beta"] else None


RUNNING = "norm/batchnorm-running"
OTHER = {"torch": "keras", "keras": "torch"}


def _running(p, **slip):
    args = {"momentum": p["momentum"], "convention": p["convention"], "unbiased": p["unbiased"]} | slip
    return running_statistics(column(p["x"]), [p["running_mean"]], [p["running_var"]], **args)


def _value(pair, index):
    return float(pair[index][0])


@mistake(RUNNING, "used the other momentum convention", part="new_mean")
def _mean_convention(p):
    return _value(_running(p, convention=OTHER[p["convention"]]), 0)


@mistake(RUNNING, "used the other momentum convention", part="new_var")
def _var_convention(p):
    return _value(_running(p, convention=OTHER[p["convention"]]), 1)


@mistake(RUNNING, "used the other variance (biased for unbiased or back)", part="new_var")
def _var_bias(p):
    return _value(_running(p, unbiased=not p["unbiased"]), 1)


@mistake(RUNNING, "normalized with the running statistics (eval mode)", part="y_train")
def _train_with_running(p):
    new_mean, new_var = _running(p)
    return float(batch_norm_eval(column(p["x"]), new_mean, new_var, eps=0.0)[0, 0])


@mistake(RUNNING, "divided by the variance instead of the standard deviation", part="y_train")
def _train_variance(p):
    mean, var = batch_norm_stats(column(p["x"]))
    return float((p["x"][0] - mean[0]) / var[0])


@mistake(RUNNING, "normalized with the batch statistics (training mode)", part="y_eval")
def _eval_with_batch(p):
    return float(batch_norm(column(p["x"]), eps=0.0)[0, 0])


@mistake(RUNNING, "used the running statistics from before the update", part="y_eval")
def _eval_old(p):
    return float(batch_norm_eval(column(p["x"]), [p["running_mean"]], [p["running_var"]], eps=0.0)[0, 0])
