"""Degenerate draws: the hand calculation is ambiguous or trivial although the key is right.

Generic detectors and the template's own predicates:
- rounded parameters: each float parameter is rounded to the digits the
  rendered question shows, the template is re-solved with those values pinned
  (its own code and the core, as `qbank solve --set` does) and every answer is
  compared with its part's tolerance: a student who works from the printed
  numbers must land inside the tolerance;
- the degenerate kinds of qbank.check.kinds (a uniform softmax row, equal rows of V, a
  key that prints as 0 or ties at its digits, two parts that print the same), except
  those the template allows with a reason (`allow={"kind": "why that is the point"}`);
- `degenerate={"description": predicate(params, answers, work)}` declared in
  `@template` (ties in a max-pool window, a ReLU input exactly at 0, ...).
"""
from __future__ import annotations

import re

import numpy as np

from qbank.check.findings import WARNING, Collector
from qbank.check.kinds import KINDS, kinds_of
from qbank.check.timebound import StepTimeout, time_bound
from qbank.engine import numbers
from qbank.engine.generate import ConstraintError, generate
from qbank.errors import InputError

_NUMBER = re.compile(r"\d+(?:\.\d+)?")  # unsigned: a minus sign is a separate token in both modes
_DIGITS = (None, 6, 5, 4, 3, 2, 1)  # None: the default 6-significant-figure format


def check_degeneracy(tpl, instance, texts: dict, out: Collector, seed: int, limit: float) -> set:
    """Record every degeneracy of this draw in `out` as a warning; return the kinds found (allowed ones too),
    the template's own predicates by their description."""
    found = kinds_of(instance)
    for description, predicate in tpl.degenerate.items():
        try:
            hit = predicate(instance.params, instance.answers, instance.work)
        except Exception as exc:  # a broken predicate must not pass silently
            out.add("degenerate-predicate", f"predicate {description!r} raised {type(exc).__name__}: {exc}", seed)
            continue
        if hit:
            found.add(description)
            out.add(f"degenerate: {description}", f"{description} (declared by the template)", seed, WARNING)
    for kind in sorted(found.intersection(KINDS) - set(tpl.allow)):
        out.add(f"degenerate: {kind}", KINDS[kind], seed, WARNING)
    if texts and not out.count("pinning"):
        _rounded_params(tpl, instance, texts, out, seed, limit)
    return found


def shown_tokens(texts: dict) -> set:
    """Every unsigned decimal number in what the student sees (question and part prompts, both modes)."""
    shown = " ".join(text for (which, _), text in texts.items() if which in ("question", "prompts"))
    return set(_NUMBER.findall(shown))


def as_printed(value, tokens: set):
    """A float parameter as the question prints it (same shape), or None when it is not found printed.

    The digits are found by matching every element's text in `tokens`, from the
    default format down to one decimal. A format that prints a nonzero element
    as 0 is not taken: a lone "0" in the text is too likely a coincidence.
    """
    arr = np.asarray(value, dtype=float)
    for digits in _DIGITS:
        texts = [numbers.decimal(float(v), digits) for v in np.abs(arr).ravel()]
        printed = np.array([float(t) for t in texts]).reshape(arr.shape)
        if all(t in tokens for t in texts) and not np.any((printed == 0) & (arr != 0)):
            return np.copysign(printed, arr)
    return None


def rounded_params(params: dict, tokens: set) -> dict:
    """The float parameters whose printed value differs from the drawn one, as printed."""
    pins = {}
    for name, value in params.items():
        try:
            arr = np.asarray(value)
        except (ValueError, TypeError):
            continue
        if arr.dtype.kind != "f" or not np.all(np.isfinite(arr)):
            continue
        printed = as_printed(arr, tokens)
        if printed is not None and not np.array_equal(printed, arr):
            pins[name] = float(printed) if arr.ndim == 0 else printed
    return pins


def _rounded_params(tpl, instance, texts, out, seed, limit) -> None:
    pins = rounded_params(instance.params, shown_tokens(texts))
    if not pins:
        return
    shown = ", ".join(f"{name}={numbers.plain(value)}" for name, value in pins.items())
    try:
        with time_bound(limit):
            again = generate(tpl, seed, pins)
    except ConstraintError as exc:
        out.add("rounded-params", f"the parameters as printed ({shown}) violate a constraint: {exc}",
                seed, WARNING, pins)
        return
    except (InputError, StepTimeout) as exc:
        out.add("pinning", f"rounding sensitivity not checked: {exc}", seed, WARNING)
        return
    except Exception as exc:  # the template's own code on the printed values
        out.add("rounded-params", f"the parameters as printed ({shown}) make the template raise "
                                  f"{type(exc).__name__}: {exc}", seed, WARNING, pins)
        return
    for part in instance.parts:
        if part.spec.kind in ("text", "expression") or part.name not in again.answers:
            continue
        from_printed = again.answers[part.name]
        if not part.spec.check(from_printed, part.value):
            out.add("rounded-params", f"answer {part.name!r} is {part.spec.text(part.value)} from the drawn "
                                      f"parameters but {part.spec.text(from_printed)} from the printed ones "
                                      f"({shown}): beyond its tolerance", seed, WARNING, pins)
            return
