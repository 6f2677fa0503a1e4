"""Position words in the explanation of a shuffled choice question: "the last statement", "option B".

Each version shows the options of a choice question in a drawn order, so an
explanation that names an option by its place ("the second option swaps the
two") points at another option in most versions. It must name options by their
content (or by the letter the draw gave them, `\\VAR{answer|letter}`).
"""
from __future__ import annotations

import re

from qbank.check.findings import Collector

_ORDINAL = r"(?:first|second|third|fourth|fifth|sixth|last|final|previous|next|former|latter|top|bottom)"
_ITEM = r"(?:options?|statements?|answers?|choices?|alternatives?)"
_PLACE = re.compile(
    rf"\b{_ORDINAL}(?:\s+(?:and|or)\s+{_ORDINAL})?\s+(?:two\s+|three\s+)?{_ITEM}\b"  # the third and fourth options
    rf"|\b{_ITEM}\s+(?:above|below)\b|\b(?:above|below)\s+{_ITEM}\b",  # the statement above
    re.IGNORECASE)
_LETTERED = re.compile(r"\b(?:[Oo]ptions?|[Cc]hoices?|[Aa]lternatives?)\s+\(?[A-H]\)?(?![\w}])")  # option B


def position_words(text: str) -> list[str]:
    """Every phrase of `text` that names an option by its position or a fixed letter, as written."""
    return [" ".join(m.group(0).split()) for pattern in (_PLACE, _LETTERED) for m in pattern.finditer(text)]


def check_position_words(tpl, out: Collector) -> None:
    """A choice template whose solution names an option by position fails: its options are shuffled."""
    if tpl.kind != "choice":
        return
    phrases = position_words(tpl.text("solution"))
    if phrases:
        quoted = ", ".join(repr(p) for p in phrases)
        out.add("position-words", f"{tpl.source}: the explanation names options by position ({quoted}) but the "
                                  "options are shuffled in every version: name them by content")
