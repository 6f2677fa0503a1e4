"""Initialization template: Xavier normal std, Xavier uniform bound, He std of a layer (seed 004 q3).

Built backwards: the He and Xavier standard deviations are drawn first as clean
values 1/a > 1/b, then fan_in = 2a^2 and fan_out = 2b^2 - fan_in, so both
square roots come out exact. The layer is linear or a k x k convolution whose
channel counts are the fans divided by k^2 (torch's fan convention).
"""
from __future__ import annotations

from qbank import Real, template
from qbank.core.init import fans, he_std, lecun_std, xavier_bound, xavier_std
from qbank.lazy import sympy

DENOMINATORS = [2, 4, 5, 8, 10, 16, 20, 25, 40, 50]  # std 1/a is a short decimal and 2 / std^2 = 2a^2 an integer
LAYOUTS = [(kernel, he, xavier) for kernel in (1, 2, 4, 5)
           for he in DENOMINATORS for xavier in DENOMINATORS
           if he < xavier and (2 * he * he) % (kernel * kernel) == 0 and (2 * xavier * xavier) % (kernel * kernel) == 0]


def _crosscheck(params, answers):
    area = sympy.Integer(params["kernel"]) ** 2
    fan_in, fan_out = params["c_in"] * area, params["c_out"] * area
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
    kernel, he, xavier = LAYOUTS[int(rng.integers(len(LAYOUTS)))]
    c_in = 2 * he * he // (kernel * kernel)  # He std sqrt(2 / fan_in) = 1/he
    c_out = (2 * xavier * xavier - 2 * he * he) // (kernel * kernel)  # Xavier std sqrt(2 / (fan_in + fan_out)) = 1/xavier
    fan_in, fan_out = fans(c_in, c_out, kernel)
    return ({"kernel": kernel, "c_in": c_in, "c_out": c_out},
            {"xavier_std": xavier_std(fan_in, fan_out), "xavier_bound": xavier_bound(fan_in, fan_out),
             "he_std": he_std(fan_in), "lecun_std": lecun_std(fan_in)},
            {"fan_in": fan_in, "fan_out": fan_out})
