"""Modelled mistakes for the DDPM forward process (generative/ddpm-forward).

The key (qbank.core.diffusion): alpha-bar = prod (1 - beta); mean sqrt(alpha-bar) x_0; std sqrt(1 - alpha-bar);
x_t = mean + std eps. The slips: 1 - sum beta, only the last step's alpha, the product of the betas;
alpha-bar x_0 without the root; the variance given for the standard deviation, sqrt(beta_t);
x_t with alpha-bar and 1 - alpha-bar unrooted.
"""
from __future__ import annotations

import numpy as np

from qbank.core.diffusion import alpha_bars, q_sample
from qbank.distractors.registry import mistake

ID = "generative/ddpm-forward"


def _bar(p):
    return float(alpha_bars(p["betas"])[-1])


def _x0(p):
    return np.asarray(p["x0"], dtype=float)


mistake(ID, "subtracted the sum of the betas from 1", part="alpha_bar")(lambda p: 1 - float(np.sum(p["betas"])))
mistake(ID, "used the last step's alpha only", part="alpha_bar")(lambda p: 1 - float(p["betas"][-1]))
mistake(ID, "multiplied the betas instead of the alphas", part="alpha_bar")(lambda p: float(np.prod(p["betas"])))

mistake(ID, "scaled by alpha-bar instead of its square root", part="mean")(lambda p: _bar(p) * _x0(p))
mistake(ID, "scaled by the last step's square root of alpha only", part="mean")(
    lambda p: np.sqrt(1 - float(p["betas"][-1])) * _x0(p))
mistake(ID, "scaled by the square root of 1 minus alpha-bar", part="mean")(lambda p: np.sqrt(1 - _bar(p)) * _x0(p))

mistake(ID, "gave the variance instead of the standard deviation", part="std")(lambda p: 1 - _bar(p))
mistake(ID, "used the last step's beta", part="std")(lambda p: float(np.sqrt(p["betas"][-1])))
mistake(ID, "took the square root of alpha-bar", part="std")(lambda p: float(np.sqrt(_bar(p))))

mistake(ID, "left out the square roots", part="x_t")(
    lambda p: _bar(p) * _x0(p) + (1 - _bar(p)) * np.asarray(p["eps"], dtype=float))
mistake(ID, "swapped the coefficients of x0 and the noise", part="x_t")(
    lambda p: np.sqrt(1 - _bar(p)) * _x0(p) + np.sqrt(_bar(p)) * np.asarray(p["eps"], dtype=float))
mistake(ID, "used the last step's alpha only", part="x_t")(
    lambda p: q_sample(p["x0"], 1 - float(p["betas"][-1]), p["eps"]))
