r"""Split rendered LaTeX into prose and math: the one parser both the terminal and the web page use.

Math is `$...$` and `\(...\)` (inline) or `$$...$$`, `\[...\]` and the display
environments (equation, align, ...; display). An escaped `\$` is prose. A math
opener without its closer is kept as prose, so a slip in a template shows up as
visible text instead of swallowing the rest of the question.
"""
from __future__ import annotations

import re
from typing import NamedTuple

_DISPLAY_ENVS = ("equation", "equation*", "align", "align*", "gather", "gather*", "multline", "multline*")
_ENVS = "|".join(re.escape(e) for e in _DISPLAY_ENVS)
_OPENERS = re.compile(r"\\\\|\\\$|\$\$|\$|\\\[|\\\(|\\begin\{(" + _ENVS + r")\}")


class Segment(NamedTuple):
    """A run of prose or one math body (without its delimiters)."""

    kind: str  # "text", "inline" or "display"
    body: str


def split_math(source: str) -> list[Segment]:
    """The prose and math segments of `source`, in order; adjacent prose is merged."""
    segments: list[Segment] = []
    pos = 0
    prose_start = 0
    while True:
        match = _OPENERS.search(source, pos)
        if match is None:
            break
        token = match.group(0)
        if token in ("\\\\", "\\$"):  # a line break or an escaped dollar is prose
            pos = match.end()
            continue
        closer, kind = _closer(token, match.group(1))
        end = source.find(closer, match.end())
        while closer == "$" and end != -1 and source[end - 1] == "\\":
            end = source.find(closer, end + 1)
        if end == -1:
            pos = match.end()
            continue
        _add(segments, "text", source[prose_start:match.start()])
        body = source[match.end():end]
        if match.group(1):  # keep an aligned environment whole for KaTeX; text mode treats & as space
            body = f"\\begin{{aligned}}{body}\\end{{aligned}}" if "align" in match.group(1) else body
        segments.append(Segment(kind, body))
        pos = prose_start = end + len(closer)
    _add(segments, "text", source[prose_start:])
    return segments


def _closer(token: str, env: str | None) -> tuple[str, str]:
    if env:
        return f"\\end{{{env}}}", "display"
    return {"$$": ("$$", "display"), "$": ("$", "inline"), "\\[": ("\\]", "display"),
            "\\(": ("\\)", "inline")}[token]


def _add(segments: list[Segment], kind: str, body: str) -> None:
    if not body:
        return
    if segments and segments[-1].kind == kind == "text":
        segments[-1] = Segment("text", segments[-1].body + body)
    else:
        segments.append(Segment(kind, body))
