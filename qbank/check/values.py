"""A draw's values are well formed: declared answers present, finite, points add up, and the key grades itself.

The key round trip is the check the others miss: the key as the answer sheet
prints it (`spec.text`), and every other spelling an LMS export accepts
(`reader.spellings`, on the first SPELLING_SEEDS draws), must score full points
under the one policy every channel uses (`scoring.score`), so a tolerance tighter
than the printed rounding is caught before a student is.
"""
from __future__ import annotations

import math

import numpy as np

from qbank.check.findings import Collector
from qbank.engine.reader import spellings
from qbank.engine.scoring import RIGHT, score

NUMERIC_KINDS = ("integer", "real", "vector", "matrix", "exact", "shape")
EXPENSIVE_ROUNDTRIP = ("expression",)  # sympy simplify per grade: only the first seeds are round-tripped
EXPENSIVE_SEEDS = 5
SPELLING_SEEDS = 20  # every spelling of the key on the first draws (formatting paths); the printed key on all


def check_values(tpl, instance, out: Collector, seed: int) -> None:
    """Record every malformed value of `instance` in `out`."""
    missing = sorted(set(tpl.answers) - set(instance.answers))
    if missing:
        out.add("answer-type", f"declared answers {missing} were not returned by the template", seed)
    for part in instance.parts:
        if part.spec.kind in NUMERIC_KINDS and not _finite(part.value):
            out.add("non-finite", f"answer {part.name!r} is not finite: {part.spec.text(part.value)}", seed)
            continue
        _roundtrip(part, out, seed)
    for name, value in instance.params.items():
        if _is_float_data(value) and not _finite(value):
            out.add("non-finite", f"parameter {name!r} is not finite: {value}", seed)
    if instance.parts and not math.isclose(instance.points, tpl.points, rel_tol=1e-9, abs_tol=1e-9):
        out.add("points", f"the parts' points add up to {instance.points:g}, the template declares {tpl.points:g}",
                seed)
    _choice_in_range(instance, out, seed)


def _roundtrip(part, out, seed) -> None:
    spec = part.spec
    if spec.kind == "text" or (spec.kind in EXPENSIVE_ROUNDTRIP and seed >= EXPENSIVE_SEEDS):
        return
    try:
        printed = spec.text(part.value)
        spec.latex(part.value)
    except Exception as exc:  # a key that cannot be printed cannot be put on an answer sheet
        out.add("key-roundtrip", f"answer {part.name!r} cannot be printed: {type(exc).__name__}: {exc}", seed)
        return
    for typed in [printed] + (spellings(spec, part.value) if seed < SPELLING_SEEDS else []):
        if score(spec, typed, part.value, 1.0).state != RIGHT:
            out.add("key-roundtrip", f"answer {part.name!r}: the key typed as {typed!r} is not accepted by its own "
                                     f"{spec.kind} grader (tolerance tighter than the printed digits?)", seed)
            return


def _choice_in_range(instance, out, seed) -> None:
    options = options_of(instance.params)
    for part in instance.parts:
        if part.spec.kind == "choice" and options is not None and not 0 <= part.value < len(options):
            out.add("choice", f"answer {part.name!r} = {part.value} is not the index of one of the "
                              f"{len(options)} options", seed)


def options_of(params: dict):
    """A choice question's options, params["options"] (the name practice and the bank items use too), else None."""
    options = params.get("options")
    return list(options) if isinstance(options, (list, tuple, np.ndarray)) else None


def _is_float_data(value) -> bool:
    if isinstance(value, (float, np.floating)):
        return True
    if isinstance(value, (list, tuple, np.ndarray)):
        try:
            return np.asarray(value).dtype.kind == "f"
        except (ValueError, TypeError):
            return False
    return False


def _finite(value) -> bool:
    try:
        return bool(np.all(np.isfinite(np.asarray(value, dtype=float))))
    except (TypeError, ValueError, OverflowError):
        return True  # not a plain number (a Fraction array is exact and finite by construction)
