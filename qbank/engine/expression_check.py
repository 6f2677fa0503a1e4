"""A fast, sound shortcut for comparing a typed expression with its key, before sympy's `simplify`.

`Expression.check` asks it first; otherwise it asks whether simplify(given - key) is zero, which takes
tens of milliseconds. Two cheaper tests settle most answers with the same
verdict: a difference that sympy's automatic evaluation already reduces to 0
is zero; a difference that is a nonzero number at some point is not
identically zero (Schwartz-Zippel style probing at fixed rational points,
Schwartz 1980). Anything else (a pole at the probe point, rounding doubt) is
left to the engine's own check.
"""
from __future__ import annotations

# Awkward rationals: an identity that fails somewhere is unlikely to hold at these.
PROBES = ((3, 7), (5, 11), (13, 17), (19, 23), (29, 31), (37, 41), (43, 47), (53, 59))
FLOAT_DOUBT = 1e-9


def decide(given, key) -> bool | None:
    """True or False when the shortcut is sure that `given` equals `key` identically; None to ask simplify."""
    import sympy

    try:
        if _is_seq(given) or _is_seq(key) or isinstance(key, sympy.MatrixBase):
            given, key = sympy.Matrix(given), sympy.Matrix(key)
            if given.shape != key.shape:
                return None
            differences = list(given - key)
        else:
            differences = [sympy.sympify(given) - sympy.sympify(key)]
    except (TypeError, ValueError, sympy.SympifyError, AttributeError):
        return None
    if all(d == 0 for d in differences):
        return True
    return False if any(_nonzero_somewhere(d) for d in differences) else None


def _nonzero_somewhere(difference) -> bool:
    import sympy

    symbols = sorted(difference.free_symbols, key=lambda s: s.name)
    for shift in range(2):  # two points: a lucky zero at one is not a verdict
        point = {s: sympy.Rational(*PROBES[(i + shift) % len(PROBES)]) for i, s in enumerate(symbols)}
        value = difference.subs(point)
        if value.is_Rational:
            if value != 0:
                return True
            continue
        number = value.evalf(30)
        if number.is_real and number.is_finite and abs(number) > FLOAT_DOUBT:
            return True
    return False


def _is_seq(value) -> bool:
    import numpy as np

    return isinstance(value, (list, tuple, np.ndarray))
