"""The registry of modelled mistakes: for a template's answer part, the wrong values common slips produce.

A mistake is a function of the drawn parameters that calls the core with the slip
applied (`conv2d_param_count(..., bias=False)` for "forgot the bias"), so every
distractor is computed, never typed in. Register one with the decorator:

    @mistake("conv/layer-cost", "forgot the bias", part="param_count")
    def _(params):
        return conv2d_param_count(params["channels"], params["filters"], params["kernel"], bias=False)

A mistake returns None when it does not apply to a draw (a ceil that equals the floor
is simply dropped later as coinciding with the key).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

MISTAKES: dict[tuple, list] = {}  # (template id, part name or None) -> [Mistake]


@dataclass(frozen=True)
class Mistake:
    template_id: str
    part: str | None  # None: the template's only answer
    label: str  # what the student did, shown in the solution beside the option it produces
    fn: Callable  # params -> wrong value (or None when it does not apply)


def mistake(template_id: str, label: str, part: str | None = None):
    """Register `fn(params) -> wrong value` as the mistake `label` for `template_id`'s answer `part`.

    The label is LaTeX text printed beside the option in the solution; math goes inside $...$.
    """
    if re.search(r"[_%&#^{}\\]", re.sub(r"\$[^$]*\$", "", label)):
        raise ValueError(f"mistake label {label!r}: LaTeX special characters belong inside $...$")

    def register(fn):
        entries = MISTAKES.setdefault((template_id, part), [])
        if any(m.label == label for m in entries):
            raise ValueError(f"mistake {label!r} is registered twice for {template_id} part {part}")
        entries.append(Mistake(template_id, part, label, fn))
        return fn

    return register


def mistakes_for(template_id: str, part: str, only_part: bool) -> list:
    """The mistakes registered for `template_id`'s `part` (and, when it is the only part, those with part None)."""
    import qbank.distractors.mistakes  # noqa: F401  (registers the built-in mistakes on first use)

    found = list(MISTAKES.get((template_id, part), []))
    return found + (list(MISTAKES.get((template_id, None), [])) if only_part else [])
