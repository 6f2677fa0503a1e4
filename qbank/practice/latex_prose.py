r"""LaTeX prose (the text between math) as a stream of events, for the terminal and the HTML writers.

Events: ("text", str), ("open", style) / ("close", style) for \textbf, \emph and
\texttt, ("begin", env) / ("end", env), ("item",) for \item, \choice and
\CorrectChoice alike (so the layout never tells which option is correct),
("break",) for `\\`, ("par",) for a blank line. TikZ pictures are removed
before splitting (`drop_figures`): the question texts state in words what
their figures draw.
"""
from __future__ import annotations

import re

from qbank.practice.symbols import SYMBOLS

_TOKEN = re.compile(r"\\([A-Za-z]+)\*?|\\(.)|(\n[ \t]*\n\s*)|(---|--|``|''|~)|([{}])", re.S)
_STYLES = {"textbf": "bold", "emph": "em", "textit": "em", "texttt": "code", "underline": "em"}
_TRANSPARENT = {"text", "textrm", "textsf", "mbox", "textnormal", "textup", "textsc"}
_SKIP_ARGUMENT = {"vspace", "hspace", "label", "includegraphics", "phantom", "hphantom", "vphantom", "pagebreak"}
_ITEMS = {"item", "choice", "CorrectChoice"}
_TYPOGRAPHY = {"---": "—", "--": "–", "``": "“", "''": "”", "~": "\u00a0"}
_CHARS = {"&": "&", "%": "%", "$": "$", "#": "#", "_": "_", "{": "{", "}": "}", " ": " ", ",": "\u2009",
          ";": " ", "!": "", "-": ""}
_FIGURE = re.compile(r"\\begin\{tikzpicture\}.*?\\end\{tikzpicture\}", re.S)


def drop_figures(source: str) -> str:
    """`source` without its TikZ pictures."""
    return _FIGURE.sub("", source)


def events(prose: str, groups: list) -> list[tuple]:
    """The events of one prose segment; `groups` (shared across segments) closes styles at their `}`."""
    out: list[tuple] = []
    pos = 0
    for match in _TOKEN.finditer(prose):
        if match.start() < pos:  # inside an argument already consumed
            continue
        _text(out, prose[pos:match.start()])
        pos = match.end()
        word, char, blank, typo, brace = match.groups()
        if word:
            pos = _command(word, prose, pos, out, groups)
        elif char is not None:
            if char == "\\":
                out.append(("break",))
                pos = _skip_optional(prose, pos)
            else:
                _text(out, _CHARS.get(char, char))
        elif blank:
            out.append(("par",))
        elif typo:
            _text(out, _TYPOGRAPHY[typo])
        elif brace == "{":
            groups.append(None)
        elif groups:  # a closing brace: end the style it opened, if any
            style = groups.pop()
            if style:
                out.append(("close", style))
    _text(out, prose[pos:])
    return out


def _command(word: str, prose: str, pos: int, out: list, groups: list) -> int:
    if word in ("begin", "end"):
        match = re.compile(r"\s*\{([^}]*)\}").match(prose, pos)
        if match:
            out.append((word, match.group(1).rstrip("*")))
            return _skip_optional(prose, match.end()) if word == "begin" else match.end()
        return pos
    if word in _ITEMS:
        out.append(("item",))
        pos = _skip_optional(prose, pos)
        return len(prose) - len(prose[pos:].lstrip(" \t"))  # the item's text starts at its first word
    if word == "par":
        out.append(("par",))
        return pos
    if word == "newline":
        out.append(("break",))
        return pos
    if word in _STYLES or word in _TRANSPARENT:
        match = re.compile(r"\s*\{").match(prose, pos)
        if match:
            style = _STYLES.get(word)
            if style:
                out.append(("open", style))
            groups.append(style)
            return match.end()
        return pos
    if word in _SKIP_ARGUMENT:
        return _skip_group(prose, _skip_optional(prose, pos))
    if word in ("ldots", "dots", "textellipsis"):
        _text(out, "…")
    elif word in SYMBOLS:
        _text(out, SYMBOLS[word])
    # Anything else (\noindent, \medskip, \small, \centering, \hfill ...) only changes the layout of a page.
    return pos + (1 if prose[pos:pos + 1] == " " and word not in SYMBOLS else 0)


def _skip_optional(prose: str, pos: int) -> int:
    match = re.compile(r"\[[^\]]*\]").match(prose, pos)
    return match.end() if match else pos


def _skip_group(prose: str, pos: int) -> int:
    match = re.compile(r"\s*\{").match(prose, pos)
    if not match:
        return pos
    depth, pos = 1, match.end()
    while pos < len(prose) and depth:
        depth += {"{": 1, "}": -1}.get(prose[pos], 0)
        pos += 1
    return pos


def _text(out: list, text: str) -> None:
    if not text:
        return
    if out and out[-1][0] == "text":
        out[-1] = ("text", out[-1][1] + text)
    else:
        out.append(("text", text))
