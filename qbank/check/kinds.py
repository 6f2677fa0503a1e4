"""Degenerate kinds measured on every draw of every template, whatever the template declares.

A draw can have every key right and still fail its purpose: a softmax row whose
weights are all equal needs no exponential, rows of V that are equal make the
weights irrelevant, a key that prints as 0 is scored by answering 0. `qbank check`
runs these detectors on each draw and reports, per template, how often each kind
happened (`kinds_of`); templates prevent them with constraints built from the same
predicates (qbank.check.predicates).

The detectors find their arrays by name, the names every attention template uses:
softmax weights are called `weights` (an answer, or a work value, also inside a
work dict of steps), the values `V`. Printed precision is the answer's `digits`;
work values print at WORK_DIGITS in the worked solutions.
"""
from __future__ import annotations

import numpy as np

from qbank.check.predicates import equal_rows, prints_differently, rounding_tie, uniform_row

WORK_DIGITS = 3  # the worked solutions print intermediate weights with bmatrix(3)
NUMERIC = ("real", "vector", "matrix")

# kind -> what it means, as the report explains it
KINDS = {
    "uniform-row": "a softmax row with all weights equal",
    "equal-V-rows": "two rows of V are equal",
    "weight-0-or-1": "a softmax weight prints as 0 or 1",
    "key-prints-0": "a nonzero key prints as 0 (answering 0 scores)",
    "rounding-tie": "a key lies exactly halfway at its printed digits",
    "same-parts": "two array parts' keys print the same (an operation with no visible effect)",
}


def named(tree: dict, name: str):
    """Every value stored under `name` in `tree`, also inside nested dicts (a work dict of steps)."""
    for key, value in tree.items():
        if key == name:
            yield value
        elif isinstance(value, dict):
            yield from named(value, name)


def _stochastic(value) -> bool:
    """Rows of nonnegative numbers summing to 1: softmax weights."""
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return False
    return arr.ndim in (1, 2) and arr.size > 1 and bool(np.all(arr >= 0)) and np.allclose(arr.sum(axis=-1), 1)


def _weights(instance):
    """(weights, digits they print at) for every softmax-weight array of the draw."""
    digits = {p.name: p.spec.digits for p in instance.parts if p.spec.kind in NUMERIC}
    for value in named(instance.answers, "weights"):
        if _stochastic(value):
            yield np.asarray(value, dtype=float), digits.get("weights", WORK_DIGITS)
    for value in named(instance.work, "weights"):
        if _stochastic(value):
            yield np.asarray(value, dtype=float), WORK_DIGITS


def _prints_0_or_1(weights, digits) -> bool:
    """A weight that is not exactly 0 or 1 (a masked key, a query that sees one key) prints as 0 or 1."""
    inside = weights[(weights > 0) & (weights < 1)]
    shown = np.round(inside, digits)
    return bool(np.any((shown == 0) | (shown == 1)))


def _value_matrices(instance):
    for tree in (instance.params, instance.work):
        for value in named(tree, "V"):
            arr = np.asarray(value)
            if arr.ndim == 2 and arr.dtype.kind in "iuf":
                yield arr


def _numeric_parts(instance):
    return [p for p in instance.parts if p.spec.kind in NUMERIC and np.asarray(p.value).dtype.kind == "f"]


def kinds_of(instance) -> set:
    """The degenerate kinds (keys of KINDS) this draw shows."""
    found = set()
    for weights, digits in _weights(instance):
        if uniform_row(weights):
            found.add("uniform-row")
        if _prints_0_or_1(weights, digits):
            found.add("weight-0-or-1")
    if any(equal_rows(V) for V in _value_matrices(instance)):
        found.add("equal-V-rows")
    parts = _numeric_parts(instance)
    for part in parts:
        value = np.asarray(part.value, dtype=float)
        value = value[np.isfinite(value)]  # an infinite key is the values check's failure, not a degeneracy
        if np.any((value != 0) & (np.round(value, part.spec.digits) == 0)):
            found.add("key-prints-0")
        if rounding_tie(value, part.spec.digits):
            found.add("rounding-tie")
    arrays = [p for p in parts if np.ndim(p.value) > 0]  # two scalars (gates) may coincide without meaning
    for i, one in enumerate(arrays):
        for two in arrays[i + 1:]:
            same_shape = np.shape(one.value) == np.shape(two.value)
            if same_shape and not prints_differently(one.value, two.value, min(one.spec.digits, two.spec.digits)):
                found.add("same-parts")
    return found
