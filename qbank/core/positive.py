"""The argument checks the transformer-scale counts share: sizes and counts are positive integers, switches
are true or false, amounts stated in a large unit (billions of tokens, GB) positive numbers.

A value that is not one (0, -5, 2.5, or text such as 'abc' pinned with `--set`) is a
ValueError that names the argument and quotes the value, never Python's own message.
"""
from __future__ import annotations

import math

import numpy as np


def positive_integers(**values) -> None:
    """ValueError naming the first of `values` (name=value) that is not a positive integer."""
    for name, value in values.items():
        try:
            whole = int(value) == value and value >= 1
        except (TypeError, ValueError):  # text, None, a list: not a number at all
            whole = False
        if not whole:
            shown = repr(str(value)) if isinstance(value, str) else value  # 'abc' quoted; np.int64(0) as 0
            raise ValueError(f"{name} must be a positive integer; got {shown}")


def flags(**values) -> None:
    """ValueError naming the first of `values` that is not true or false (a pinned 'maybe' or 2 is not a yes)."""
    for name, value in values.items():
        if not isinstance(value, (bool, np.bool_)):
            shown = repr(str(value)) if isinstance(value, str) else value
            raise ValueError(f"{name} must be true or false; got {shown}")


def in_base_units(name, value, unit) -> int:
    """`value` stated in units of `unit` (1.3 billion parameters, 2.5 GB) as a whole number of base units.

    ValueError unless `value` is a positive finite number: text pinned in its place would be repeated
    `unit` times by the multiplication (a 10^9-character string, gigabytes of memory) before failing.
    """
    number = isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, (bool, np.bool_))
    if not number or not math.isfinite(value) or value <= 0:
        shown = repr(str(value)) if isinstance(value, str) else value
        raise ValueError(f"{name} must be a positive number; got {shown}")
    return round(value * unit)
