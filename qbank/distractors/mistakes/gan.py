"""Modelled mistakes for the optimal discriminator and the GAN value (generative/gan-optimal-d).

The key (qbank.core.gan): D* = p_data / (p_data + p_g); V(D*, G) = -log 4 + 2 JSD; -log 4 at equilibrium.
The slips: D* written as p_g / (p_data + p_g) or p_data / p_g; the JSD read off without the -log 4 or
without halving; the equilibrium value taken as -log 2 or 0 or log 4 in base 2.
"""
from __future__ import annotations

import math

import numpy as np

from qbank.core.gan import game_value, jensen_shannon, optimal_discriminator
from qbank.distractors.registry import mistake

ID = "generative/gan-optimal-d"


def _d(p):
    return optimal_discriminator(p["p_data"], p["p_g"])


mistake(ID, "swapped the data and the generator", part="d_star")(lambda p: 1 - _d(p))
mistake(ID, "divided the data density by the generator density", part="d_star")(
    lambda p: np.asarray(p["p_data"], dtype=float) / np.asarray(p["p_g"], dtype=float))
mistake(ID, "took the discriminator to be one half everywhere", part="d_star")(lambda p: np.full(len(p["p_data"]), 0.5))

mistake(ID, "swapped the data and the generator", part="value")(
    lambda p: game_value(p["p_data"], p["p_g"], 1 - _d(p)))
mistake(ID, "used the equilibrium value", part="value")(lambda p: -math.log(4))
mistake(ID, "gave twice the Jensen-Shannon divergence", part="value")(
    lambda p: 2 * jensen_shannon(p["p_data"], p["p_g"]))

mistake(ID, "did not halve", part="jsd")(lambda p: 2 * jensen_shannon(p["p_data"], p["p_g"]))
mistake(ID, "forgot to add log 4", part="jsd")(lambda p: game_value(p["p_data"], p["p_g"], _d(p)) / 2)
mistake(ID, "used base-2 logarithms", part="jsd")(lambda p: jensen_shannon(p["p_data"], p["p_g"]) / math.log(2))

mistake(ID, "counted only one of the two expectations", part="value_eq")(lambda p: -math.log(2))
mistake(ID, "used base-2 logarithms", part="value_eq")(lambda p: -2.0)
mistake(ID, "took the value at equilibrium to be 0", part="value_eq")(lambda p: 0.0)
