"""Initialization template: Xavier normal std, Xavier uniform bound, He std of a linear layer (seed 004 q3).

Built backwards: the Xavier and He standard deviations are drawn first from
clean values s < h, then fan_in = 2 / h^2 and fan_out = 2 / s^2 - fan_in, so
both square roots come out exact.
"""
from __future__ import annotations

from fractions import Fraction

import sympy

from qbank import Real, template
from qbank.core.init import he_std, lecun_std, xavier_bound, xavier_std

CLEAN_STDS = [Fraction(1, 20), Fraction(1, 16), Fraction(1, 10), Fraction(1, 8), Fraction(1, 5), Fraction(1, 4),
              Fraction(1, 2)]  # 2 / s^2 is an integer for each


def _crosscheck(params, answers):
    fan_in, fan_out = sympy.Integer(params["fan_in"]), sympy.Integer(params["fan_out"])
    exact = {"xavier_std": sympy.sqrt(2 / (fan_in + fan_out)), "xavier_bound": sympy.sqrt(6 / (fan_in + fan_out)),
             "he_std": sympy.sqrt(2 / fan_in), "lecun_std": 1 / sympy.sqrt(fan_in)}
    for name, value in exact.items():
        assert abs(answers[name] - float(value)) < 1e-12, (name, answers[name], value)


@template("init/xavier-he", topic="init", points=4, title="Xavier and He initialization scales",
          question="tex/init/xavier-he.tex.j2", solution="tex/init/xavier-he-solution.tex.j2",
          answers={"xavier_std": Real(digits=4, label="Xavier normal std",
                                      prompt=r"Xavier (Glorot) normal initialization: the standard deviation $\sigma$ of "
                                             r"$W_{ij} \sim \mathcal{N}(0, \sigma^2)$."),
                   "xavier_bound": Real(digits=4, label="Xavier uniform bound",
                                        prompt=r"Xavier (Glorot) uniform initialization: the bound $a$ of "
                                               r"$W_{ij} \sim \mathcal{U}(-a, a)$."),
                   "he_std": Real(digits=4, label="He normal std",
                                  prompt=r"He (Kaiming) normal initialization for a ReLU layer: the standard deviation."),
                   "lecun_std": Real(digits=4, label="fan-in-only std",
                                     prompt=r"Some course notes keep only the forward-pass condition "
                                            r"$\mathrm{fan\_in} \cdot \mathrm{Var}(W_{ij}) = 1$ and still call it "
                                            r"Xavier initialization. What standard deviation does that give?")},
          crosscheck=_crosscheck)
def xavier_he(rng):
    smaller, larger = sorted(int(i) for i in rng.choice(len(CLEAN_STDS), size=2, replace=False))
    fan_in = int(2 / CLEAN_STDS[larger] ** 2)  # He std = sqrt(2 / fan_in) is the larger clean value
    fan_out = int(2 / CLEAN_STDS[smaller] ** 2) - fan_in  # Xavier std = sqrt(2 / (fan_in + fan_out)) the smaller
    return ({"fan_in": fan_in, "fan_out": fan_out},
            {"xavier_std": xavier_std(fan_in, fan_out), "xavier_bound": xavier_bound(fan_in, fan_out),
             "he_std": he_std(fan_in), "lecun_std": lecun_std(fan_in)})
