"""Hyperparameter dicts: deep-merge overrides into defaults, refusing keys the defaults lack."""
from __future__ import annotations

import copy

from qbank.errors import InputError


def merge(defaults: dict, overrides: dict, where: str = "") -> dict:
    """A deep copy of `defaults` with `overrides` applied; an unknown key is an InputError."""
    merged = copy.deepcopy(defaults)
    for key, value in overrides.items():
        path = f"{where}.{key}" if where else key
        if key not in merged:
            raise InputError(f"unknown hyperparameter {path!r}; known: {', '.join(sorted(merged))}")
        if isinstance(merged[key], dict) and isinstance(value, dict):
            merged[key] = merge(merged[key], value, path)
        else:
            merged[key] = copy.deepcopy(value)
    return merged
