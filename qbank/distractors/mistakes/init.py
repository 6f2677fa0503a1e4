"""Modelled mistakes for initialization scales: Xavier with fan_in only, He without its factor 2.

Xavier's Var W = 2 / (fan_in + fan_out) (Glorot & Bengio 2010, eq. 12) taken with
fan_in alone is xavier_std(fan_in, fan_in) = sqrt(1 / fan_in); He's sqrt(2 / fan_in)
(He et al. 2015, eq. 10) without the ReLU factor 2 is lecun_std.
"""
from __future__ import annotations

from qbank.core.init import fans, he_std, lecun_std, xavier_bound, xavier_std
from qbank.distractors.registry import mistake


def _fans(p):
    return fans(p["c_in"], p["c_out"], p["kernel"])


@mistake("init/xavier-he", "used only the fan-in in Xavier's formula", part="xavier_std")
def _xavier_fan_in(p):
    fan_in, _ = _fans(p)
    return xavier_std(fan_in, fan_in)


@mistake("init/xavier-he", "used the He (ReLU) formula", part="xavier_std")
def _xavier_as_he(p):
    return he_std(_fans(p)[0])


@mistake("init/xavier-he", "used only the fan-in in Xavier's formula", part="xavier_bound")
def _bound_fan_in(p):
    fan_in, _ = _fans(p)
    return xavier_bound(fan_in, fan_in)


@mistake("init/xavier-he", "gave the normal std instead of the uniform bound", part="xavier_bound")
def _bound_as_std(p):
    return xavier_std(*_fans(p))


@mistake("init/xavier-he", "left out the ReLU factor 2", part="he_std")
def _he_without_two(p):
    return lecun_std(_fans(p)[0])


@mistake("init/xavier-he", "used Xavier's formula", part="he_std")
def _he_as_xavier(p):
    return xavier_std(*_fans(p))
