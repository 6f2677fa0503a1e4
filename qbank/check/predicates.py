"""Degeneracy predicates for `@template(degenerate={...})`: draws that make a hand calculation ambiguous.

Each returns True when the draw is degenerate. A tie is judged on the numbers
as printed (`digits` decimals), because that is what the student compares.

    @template("conv/maxpool", ..., degenerate={
        "tie in a max-pool window": lambda p, a, w: pool_window_tie(p["x"], p["k"], p["s"], digits=2)})
"""
from __future__ import annotations

import numpy as np


def _shown(values, digits):
    arr = np.asarray(values, dtype=float)
    return arr if digits is None else np.round(arr, digits)


def max_tie(values, digits=None, axis=None) -> bool:
    """The maximum is attained twice (argmax ambiguous), over everything or along `axis` anywhere."""
    arr = _shown(values, digits)
    if arr.size == 0:
        return False
    top = np.max(arr, axis=axis, keepdims=True)
    return bool(np.any(np.sum(arr == top, axis=axis) > 1))


def pool_window_tie(x, kernel, stride=None, digits=None) -> bool:
    """Some max-pool window (no padding, last two axes) holds its maximum twice.

    Windows as in torch.nn.functional.max_pool2d: start every `stride` (default
    `kernel`) along H and W, and only windows that fit entirely are taken.
    A tie makes the gradient's routing (which input gets dL/dy) ambiguous.
    """
    kh, kw = (kernel, kernel) if np.isscalar(kernel) else kernel
    stride = kernel if stride is None else stride
    sh, sw = (stride, stride) if np.isscalar(stride) else stride
    arr = _shown(x, digits)
    height, width = arr.shape[-2:]
    for top in range(0, height - kh + 1, sh):
        for left in range(0, width - kw + 1, sw):
            window = arr[..., top:top + kh, left:left + kw].reshape(*arr.shape[:-2], -1)  # (..., kh*kw)
            if max_tie(window, axis=-1):
                return True
    return False


def at_kink(z, kinks=(0.0,), digits=None) -> bool:
    """A pre-activation sits exactly at a kink (ReLU and leaky ReLU at 0), where the derivative is undefined."""
    arr = _shown(z, digits)
    return bool(np.any(np.isin(arr, np.asarray(kinks, dtype=float))))


def prints_as_zero(values, digits) -> bool:
    """Some value prints as 0 at `digits` decimals: exactly 0, float noise, or too small to show.

    For a derivative (a saturated sigmoid's slope) or a factor (an LSTM candidate g) that
    would make a step of the hand calculation vanish.
    """
    return bool(np.any(np.round(np.asarray(values, dtype=float), digits) == 0))


def rounds_to_bound(p, digits, low=0.0, high=1.0) -> bool:
    """A probability (softmax or sigmoid output) prints as exactly `low` or `high` at `digits` decimals.

    With low=-1, high=1: a tanh output that prints as saturated.
    """
    shown = np.round(np.asarray(p, dtype=float), digits)
    return bool(np.any((shown == low) | (shown == high)))


def uniform_row(weights) -> bool:
    """Some row of softmax weights spreads equally over the keys it sees (two or more equal positive weights,
    the rest exactly 0 as under a causal mask): that row needs no exponential, its step is trivial."""
    arr = np.asarray(weights, dtype=float)
    rows = arr.reshape(-1, arr.shape[-1]) if arr.ndim else arr.reshape(1, 1)
    seen = rows > 0  # (rows, keys): the weights each row spreads; all rows at once (constraints run on every draw)
    spread = np.where(seen, rows, -np.inf).max(axis=1) - np.where(seen, rows, np.inf).min(axis=1)  # np.ptp of each
    return bool(np.any((seen.sum(axis=1) > 1) & (spread <= 1e-9)))


def equal_rows(values) -> bool:
    """Two rows are equal (rows of V: the weights on those keys merge, and when all are equal any weights
    give the same output)."""
    arr = np.asarray(values, dtype=float)
    if arr.ndim == 1:
        arr = arr.reshape(-1, 1)
    return len(arr) > 1 and len(set(map(tuple, np.round(arr, 9).tolist()))) < len(arr)  # np.unique(axis=0), faster


def rounding_tie(values, digits) -> bool:
    """Some value sits exactly halfway between two numbers at `digits` decimals (0.07125 at 4 decimals):
    half-up, half-even and binary rounding disagree on how it prints. Only float noise (1e-9 relative) counts as
    exactly: a transcendental key (a sigmoid) near the halfway point still prints one way."""
    scaled = np.abs(np.asarray(values, dtype=float)) * 10.0 ** digits
    halfway = np.floor(scaled) + 0.5
    return bool(np.any(np.abs(scaled - halfway) <= 1e-9 * np.maximum(1.0, scaled)))


def prints_differently(a, b, digits) -> bool:
    """Two arrays of the same shape differ somewhere at `digits` decimals (what a student sees differs)."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return a.shape != b.shape or bool(np.any(np.round(a, digits) != np.round(b, digits)))


def hidden_zero(values, digits) -> bool:
    """Some nonzero value prints as 0 at `digits` decimals (a key that answering 0 would match)."""
    arr = np.asarray(values, dtype=float)
    return bool(np.any((arr != 0) & (np.round(arr, digits) == 0)))


def keys_print_cleanly(specs: dict):
    """A constraint for `@template(constraints=...)` from the template's answer types (name -> Real, Vector,
    Matrix, or the digits themselves; others are skipped): no key lies halfway at its digits or is nonzero but
    prints as 0."""

    def holds(params, answers) -> bool:
        for name, spec in specs.items():
            digits = spec if isinstance(spec, int) else getattr(spec, "digits", None)
            if digits is None or name not in answers:
                continue
            value = np.asarray(answers[name], dtype=float)
            if rounding_tie(value, digits) or hidden_zero(value, digits):
                return False
        return True

    return holds
