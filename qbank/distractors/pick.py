"""Pick distractors for a numeric key: modelled mistakes first, random near-misses to fill in.

A candidate is kept only when it is clearly different from the key and from every
option kept before it: a relative gap of at least MIN_GAP (max |a - b| over
max(|a|, |b|), entry-wise for arrays) and a different text at the precision the
option is shown with. A modelled mistake on a whole-number answer (a count, a
shape) only has to differ: 216 against 224 is exactly the forgotten bias, not a
rounding variant. Near-misses scale the key (x0.5, x2, ...) or move it by whole
units, drawn in an order the engine's rng chooses; they keep the key's sign and,
for counts and shapes, stay whole numbers.
"""
from __future__ import annotations

import math

import numpy as np

MIN_GAP = 0.05  # 5%: two options closer than this look like rounding variants of each other
FACTORS = (0.5, 2.0, 1.5, 0.75, 1.25, 3.0, 0.25, 4.0, 10.0, 0.1)
STEPS = (1, -1, 2, -2, 3, -3, 5, -5, 10, -10)  # whole units added to the key
WHOLE = ("integer", "shape")  # kinds whose near-misses are rounded to whole numbers


def relative_gap(a, b) -> float:
    """max |a - b| / max(|a|, |b|) over all entries; infinite for different shapes, 0 for two zeros."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if a.shape != b.shape:
        return math.inf
    scale = max(float(np.max(np.abs(a))), float(np.max(np.abs(b))))
    return float(np.max(np.abs(a - b))) / scale if scale else 0.0


def distinct(value, others, spec, min_gap=MIN_GAP) -> bool:
    """True when `value` is at least `min_gap` away from each of `others` and is shown differently."""
    shown = spec.text(value)
    return all(relative_gap(value, other) >= min_gap and spec.text(other) != shown for other in others)


def _unit(key, kind) -> float:
    """The step of a near-miss: 1 for whole numbers, else the leading decimal place of the key."""
    if kind in WHOLE:
        return 1.0
    largest = float(np.max(np.abs(np.asarray(key, dtype=float))))
    return 10.0 ** math.floor(math.log10(largest)) if largest else 1.0


def near_misses(key, spec, rng) -> list:
    """Scaled and shifted copies of `key`, in an order drawn from `rng`, with the key's sign kept."""
    arr = np.asarray(key, dtype=float)
    # Judged as shown: float noise such as 1e-18 (an attention output with a zero column) is 0, not a sign or a unit.
    key_shown = np.asarray(_shaped(arr, key, spec), dtype=float)
    unit = _unit(key_shown, spec.kind)
    moves = [("scale", f) for f in FACTORS] + [("shift", s) for s in STEPS]
    out = []
    for index in rng.permutation(len(moves)):
        how, amount = moves[int(index)]
        if spec.kind == "shape":  # move one dimension, as a slip in one axis's arithmetic would
            axis = int(rng.integers(arr.size))
            moved = arr.copy()
            moved[axis] = moved[axis] * amount if how == "scale" else moved[axis] + amount
        else:
            moved = arr * amount if how == "scale" else arr + amount * unit
        shown = np.asarray(_shaped(moved, key, spec), dtype=float)
        nonzero = key_shown != 0
        # A flipped sign, or a nonzero entry moved (or rounded) onto 0, is no near miss.
        if np.any(np.sign(shown[nonzero]) != np.sign(arr[nonzero])) or (spec.kind in WHOLE and np.any(shown < 0)):
            continue
        out.append(_shaped(moved, key, spec))
    return out


def _shaped(moved, key, spec):
    """A near-miss in the key's own form: whole numbers for counts and shapes, the key's rounding for reals."""
    if spec.kind in WHOLE:
        moved = np.rint(moved).astype(int)
        return tuple(int(v) for v in moved) if spec.kind == "shape" else int(moved)
    digits = getattr(spec, "digits", None)
    moved = np.round(moved, digits) if digits is not None else moved
    return float(moved) if np.ndim(key) == 0 else moved


def choose(key, spec, mistaken: list, rng, count: int) -> list:
    """`count` (label, value) distractors: the modelled mistakes that stand apart first, then near-misses.

    mistaken: (label, value) pairs from the mistake registry; a value of None does not apply.
    Near-misses carry the label None. Raises ValueError when too few distinct values exist.
    """
    chosen = []
    for label, value in list(mistaken) + [(None, v) for v in near_misses(key, spec, rng)]:
        if value is None:
            continue
        try:
            value = spec.normalize(value)
        except (ValueError, TypeError):
            continue  # a slip can leave the answer's type (a fraction for a count): not an option
        exact_slip = label is not None and spec.kind in WHOLE
        if distinct(value, [key] + [v for _, v in chosen], spec, 0.0 if exact_slip else MIN_GAP):
            chosen.append((label, value))
            if len(chosen) == count:
                return chosen
    raise ValueError(f"only {len(chosen)} distinct distractors for key {spec.text(key)}; {count} needed")
