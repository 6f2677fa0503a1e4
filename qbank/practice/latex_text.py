r"""Rendered question text (LaTeX left in "text" mode) as plain text a terminal shows.

Math goes through `MathText` (x₁, a/b, Greek letters, matrices one row per
line); prose through the event stream of `latex_prose`: lists become `- ` /
`1. ` / `A) ` lines, styles are dropped, display math gets its own indented
line. Lines keep the template's own breaks and are wrapped to `width`.
"""
from __future__ import annotations

import re
import textwrap

from qbank.practice.latex_prose import drop_figures, events
from qbank.practice.latex_split import split_math
from qbank.practice.math_text import MathText

_LISTS = {"itemize": "-", "enumerate": "1.", "choices": "A)", "oneparchoices": "A)", "checkboxes": "A)"}
_MARKER = re.compile(r"^(\s*)(- |\d+\. |[A-Z]\) |\([a-z]\) )?")


def latex_to_text(source: str, width: int | None = None) -> str:
    """`source` (LaTeX prose with math) as terminal text, each line at most `width` columns when given."""
    math = MathText()
    pieces: list[str] = []
    lists: list[list] = []  # [kind, items so far] per open list environment
    groups: list = []
    for segment in split_math(drop_figures(source)):
        if segment.kind == "inline":
            pieces.append(math.convert(segment.body))
        elif segment.kind == "display":
            pieces.append("\n" + textwrap.indent(math.convert(segment.body, display=True), "    ") + "\n")
        else:
            for event in events(segment.body, groups):
                pieces.append(_prose(event, lists))
    text = math.layout_matrices("".join(pieces))
    text = re.sub(r"[ \t]+\n", "\n", text).strip("\n")
    text = re.sub(r"\n{3,}", "\n\n", text)
    return "\n".join(_wrap(line, width) for line in text.split("\n")) if width else text


def _prose(event: tuple, lists: list) -> str:
    kind = event[0]
    if kind == "text":
        return re.sub(r"\n[ \t]+", "\n", event[1])
    if kind == "begin" and event[1] in _LISTS:
        lists.append([event[1], 0])
    elif kind == "end" and event[1] in _LISTS and lists:
        lists.pop()
        return "\n"
    elif kind == "item" and lists:
        lists[-1][1] += 1
        env, count = lists[-1]
        marker = {"-": "-", "1.": f"{count}.", "A)": f"{chr(ord('A') + count - 1)})"}[_LISTS[env]]
        return "\n" + "  " * (len(lists) - 1) + marker + " "
    elif kind == "break":
        return "\n"
    elif kind == "par":
        return "\n\n"
    return ""


def _wrap(line: str, width: int) -> str:
    """One line wrapped to `width`, continuation lines indented under the text of a list item."""
    if len(line) <= width:
        return line
    lead = _MARKER.match(line)
    indent = " " * len(lead.group(0))
    return textwrap.fill(line, width, subsequent_indent=indent, break_long_words=False, break_on_hyphens=False)
