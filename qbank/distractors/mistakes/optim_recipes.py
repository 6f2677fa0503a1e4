"""Modelled mistakes for the Adam bias-correction, learning-rate schedule and weight-decay templates.

Each wrong value is the core's answer with the slip applied to its arguments: the moments
used uncorrected or corrected with t = 1 (qbank.core.adam_bias), the decay progress counted
from step 0, the other decay shape or no floor (qbank.core.schedules), the decay folded into
the gradient or decoupled the other way, or left out (qbank.core.weight_decay).
"""
from __future__ import annotations

import numpy as np

from qbank.core.adam_bias import adam_first_steps
from qbank.core.optim import adam_step
from qbank.core.schedules import learning_rate
from qbank.core.weight_decay import adam_l2_step, adamw_step, sgd_l2_step
from qbank.distractors.registry import mistake
from qbank.questions.optim_weight_decay import BETA1, BETA2, EPS

ADAM = "optim/adam-bias-correction"


def _last(p):
    return adam_first_steps([float(v) for v in p["g"]], p["lr"], p["beta1"], p["beta2"], p["eps"])[-1]


@mistake(ADAM, "forgot the bias correction", part="m_hat")
def _m_raw(p):
    return float(_last(p)["m"])


@mistake(ADAM, "divided by $1 - \\beta_1$ instead of $1 - \\beta_1^t$", part="m_hat")
def _m_t1(p):
    return float(_last(p)["m"]) / (1 - p["beta1"])


@mistake(ADAM, "forgot the bias correction", part="v_hat")
def _v_raw(p):
    return float(_last(p)["v"])


@mistake(ADAM, "divided by $1 - \\beta_2$ instead of $1 - \\beta_2^t$", part="v_hat")
def _v_t1(p):
    return float(_last(p)["v"]) / (1 - p["beta2"])


@mistake(ADAM, "forgot the bias correction", part="step")
def _step_raw(p):
    return float(_last(p)["raw_step"])


@mistake(ADAM, "corrected $m$ but not $v$", part="step")
def _step_m_only(p):
    last = _last(p)
    return float(p["lr"] * last["m_hat"] / (np.sqrt(last["v"]) + p["eps"]))


@mistake(ADAM, "gave the bias-corrected step", part="raw_step")
def _raw_corrected(p):
    return float(_last(p)["step"])


@mistake(ADAM, "corrected $v$ but not $m$", part="raw_step")
def _raw_v_only(p):
    last = _last(p)
    return float(p["lr"] * last["m"] / (np.sqrt(last["v_hat"]) + p["eps"]))


SCHEDULE = "optim/lr-schedule"
OTHER_DECAY = {"cosine": "linear", "linear": "cosine"}


def _rate(p, step, **slip):
    args = {"peak": p["peak"], "warmup": p["warmup"], "total": p["total"], "decay": p["decay"], "floor": p["floor"]}
    args.update(slip)
    return learning_rate(int(p[step]), **args)


@mistake(SCHEDULE, "took the fraction of all $T$ steps, $t/T$, in the warm-up", part="lr_warm")
def _warm_over_total(p):
    return p["peak"] * int(p["t_warm"]) / p["total"]


@mistake(SCHEDULE, "warmed up from the floor instead of from 0", part="lr_warm")
def _warm_from_floor(p):
    return p["floor"] + (p["peak"] - p["floor"]) * int(p["t_warm"]) / p["warmup"] if p["floor"] else None


for _part, _step in (("lr_mid", "t_mid"), ("lr_late", "t_late")):
    mistake(SCHEDULE, "counted the decay progress from step 0 ($t/T$)", part=_part)(
        lambda p, s=_step: _rate(p, s, warmup=0))
    mistake(SCHEDULE, "used the other decay shape", part=_part)(
        lambda p, s=_step: _rate(p, s, decay=OTHER_DECAY[p["decay"]]))
    mistake(SCHEDULE, "decayed to 0, ignoring the floor", part=_part)(
        lambda p, s=_step: _rate(p, s, floor=0.0) if p["floor"] else None)


DECAY = "optim/adamw-vs-l2"
OTHER_FORM = {"torch": "paper", "paper": "torch"}


def _zeros():
    return np.zeros(2), np.zeros(2)


def _adam(p, g):
    return adam_step(p["x"], *_zeros(), g, 1, p["lr"], BETA1, BETA2, EPS)[0]


def _adamw(p, form):
    return adamw_step(p["x"], *_zeros(), p["g"], 1, p["lr"], p["wd"], BETA1, BETA2, EPS, form)[0]


@mistake(DECAY, "decoupled the decay as AdamW does", part="x_l2")
def _l2_decoupled(p):
    return _adamw(p, p["form"])


@mistake(DECAY, "left out the weight decay", part="x_l2")
def _l2_none(p):
    return _adam(p, p["g"])


@mistake(DECAY, "folded the decay into the gradient (Adam with L2)", part="x_adamw")
def _adamw_folded(p):
    return adam_l2_step(p["x"], *_zeros(), p["g"], 1, p["lr"], p["wd"], BETA1, BETA2, EPS)[0]


@mistake(DECAY, "left out the weight decay", part="x_adamw")
def _adamw_none(p):
    return _adam(p, p["g"])


@mistake(DECAY, "used the other decoupled form ($\\eta\\lambda$ for $\\lambda$ or back)", part="x_adamw")
def _adamw_form(p):
    return _adamw(p, OTHER_FORM[p["form"]])


@mistake(DECAY, "left out the weight decay", part="x_sgd")
def _sgd_none(p):
    return sgd_l2_step(p["x"], p["g"], p["lr"], 0.0)


@mistake(DECAY, "subtracted $\\lambda x$ without the learning rate", part="x_sgd")
def _sgd_no_lr(p):
    return sgd_l2_step(p["x"], p["g"], p["lr"], 0.0) - p["wd"] * np.asarray(p["x"], dtype=float)
