"""Learning-rate schedule template: linear warm-up, then cosine or linear decay to a floor; the rate at three steps.

Built backwards: the decay length is a multiple of 12 and the two decay steps sit at
progress 1/6, 1/4, 1/3, 1/2, 2/3, 3/4 or 5/6, where cos(pi q) is 0, +-1/2, +-sqrt(2)/2 or
+-sqrt(3)/2; the warm-up step is a tenth-multiple of the warm-up length.
"""
from __future__ import annotations

import sympy

from qbank import Real, template
from qbank.core.optim import exact
from qbank.core.schedules import DECAYS, decay_progress, learning_rate

PROGRESS = (sympy.Rational(1, 6), sympy.Rational(1, 4), sympy.Rational(1, 3), sympy.Rational(1, 2),
            sympy.Rational(2, 3), sympy.Rational(3, 4), sympy.Rational(5, 6))
STEPS = ("t_warm", "t_mid", "t_late")


def _exact_rate(params, t):
    """The schedule at step t in sympy, from its definition (cos of a rational multiple of pi is exact)."""
    peak, floor = exact(params["peak"]), exact(params["floor"])
    w, total = int(params["warmup"]), int(params["total"])
    if t < w:
        return peak * sympy.Rational(t, w)
    q = sympy.Rational(t - w, total - w)
    if params["decay"] == "cosine":
        return floor + (peak - floor) * (1 + sympy.cos(sympy.pi * q)) / 2
    return peak - (peak - floor) * q


def _check(params, answers):
    for step, name in zip(STEPS, ("lr_warm", "lr_mid", "lr_late")):
        value = _exact_rate(params, int(params[step]))
        assert abs(answers[name] - float(value)) < 1e-12, (name, answers[name], value)


@template("optim/lr-schedule", topic="optim", points=3, title="Learning rate with warm-up and decay",
          question="tex/optim/lr-schedule.tex.j2", solution="tex/optim/lr-schedule-solution.tex.j2",
          answers={"lr_warm": Real(points=1, digits=5, label="learning rate in the warm-up",
                                   prompt=r"The learning rate at step $t_1$."),
                   "lr_mid": Real(points=1, digits=5, label="learning rate in the decay",
                                  prompt=r"The learning rate at step $t_2$."),
                   "lr_late": Real(points=1, digits=5, label="learning rate late in the decay",
                                   prompt=r"The learning rate at step $t_3$.")},
          constraints={"the steps are in order": lambda p, a: 0 < p["t_warm"] < p["warmup"] <= p["t_mid"] < p["t_late"]
                       < p["total"]},
          crosscheck=_check)
def lr_schedule(rng):
    """Peak, floor, warm-up and decay lengths, a decay shape, and one step in the warm-up and two in the decay."""
    peak = float(rng.choice([0.1, 0.2, 0.4, 0.5, 0.8, 1.0]))
    floor = float(rng.choice([0.0, round(peak / 10, 4)]))
    warmup = int(rng.choice([100, 200, 500, 1000, 2000]))
    total = warmup + 12 * int(rng.choice([50, 100, 150, 250, 500, 1000]))
    decay = str(rng.choice(DECAYS))
    t_warm = warmup * int(rng.integers(1, 10)) // 10
    q_mid, q_late = sorted(PROGRESS[int(i)] for i in rng.choice(len(PROGRESS), size=2, replace=False))
    t_mid = warmup + int(q_mid * (total - warmup))
    t_late = warmup + int(q_late * (total - warmup))
    params = {"peak": peak, "floor": floor, "warmup": warmup, "total": total, "decay": decay, "t_warm": t_warm,
              "t_mid": t_mid, "t_late": t_late}
    rates = [learning_rate(params[s], peak, warmup, total, decay, floor) for s in STEPS]
    work = {"progress": [decay_progress(params[s], warmup, total) for s in STEPS[1:]],
            "q_text": [sympy.latex(sympy.Rational(params[s] - warmup, total - warmup)) for s in STEPS[1:]]}
    return params, dict(zip(("lr_warm", "lr_mid", "lr_late"), rates)), work
