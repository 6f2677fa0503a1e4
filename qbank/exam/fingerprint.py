"""Fingerprints of drawn parameters, to tell whether a version repeats what an earlier one showed.

Arrays compare by dtype, shape and bytes, containers element by element, numpy
scalars as Python numbers; equal parameters always give equal fingerprints.
"""
from __future__ import annotations

from collections.abc import Hashable

import numpy as np

_PLAIN = frozenset({str, int, float, bool, type(None)})  # hashable as they are


def fingerprint(value):
    """`value` (drawn parameters) as a hashable value: equal parameters, equal fingerprints."""
    if type(value) in _PLAIN:  # most leaves (option texts, numbers): skip the type tests below, Hashable's the slowest
        return value
    if isinstance(value, dict):
        return tuple(sorted((str(k), fingerprint(v)) for k, v in value.items()))
    if isinstance(value, np.ndarray):
        if value.dtype == object:
            return ("array", value.shape, tuple(fingerprint(v) for v in value.ravel()))
        return ("array", value.dtype.str, value.shape, value.tobytes())
    if isinstance(value, (list, tuple)):
        return tuple(fingerprint(v) for v in value)
    if isinstance(value, np.generic):
        return value.item()
    return value if isinstance(value, Hashable) else repr(value)
