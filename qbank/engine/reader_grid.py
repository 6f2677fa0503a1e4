"""The layout of a typed vector or matrix: which text is which entry, before any entry is read as a number.

A row is entries separated by commas or spaces (one trailing comma allowed, as in
`(128,)`); rows are nested brackets `[[1, 2], [3, 4]]`, or one row per line, or
rows separated by `;` (each row may keep its own brackets: `[1, 2]` newline
`[3, 4]`). The whole answer may be wrapped in one pair of brackets or parentheses.
"""
from __future__ import annotations

import re

_OPEN, _CLOSE = "[(", "])"
_GROUP = re.compile(r"[\[(]([^\[\]()]*)[\])]")
_ROW_BREAK = re.compile(r"\n|;")
_DECIMAL_COMMA = re.compile(r"\d,\d")  # `3,25 4,25`: decimal commas, with spaces between the entries
_SPACE_BETWEEN = re.compile(r"[\d.]\s+[-+.\d]")


class GridError(ValueError):
    """The text is not laid out as a vector or matrix; the message says why, for the person who typed it."""


def grid(text: str) -> list:
    """The entry texts of `text`: a flat list for one row typed on one line, else a list of rows."""
    text = re.sub(r"\s*/\s*", "/", text.strip())  # `2 / 5` is one entry
    depth = _depth(text)
    if depth > 2:
        raise GridError("at most two levels of brackets, as in [[1, 2], [3, 4]]")
    body = _unwrap(text)
    if depth == 2 or (depth == 1 and body == text):  # every row in its own brackets
        return _same_length([_row(inner) for inner in _groups(body)])
    lines = [line.strip() for line in _ROW_BREAK.split(body) if line.strip()]
    if not lines:
        raise GridError("no numbers inside the brackets")
    if len(lines) > 1:
        return _same_length([_row(line) for line in lines])
    return _row(lines[0])


def _depth(text: str) -> int:
    """How deeply brackets nest; GridError when they do not pair up."""
    stack, deepest = [], 0
    for char in text:
        if char in _OPEN:
            stack.append(_CLOSE[_OPEN.index(char)])
            deepest = max(deepest, len(stack))
        elif char in _CLOSE:
            if not stack or stack.pop() != char:
                raise GridError("the brackets do not match")
    if stack:
        raise GridError("a bracket is not closed")
    return deepest


def _unwrap(text: str) -> str:
    """`text` without one pair of brackets around all of it (`[1, 2]` -> `1, 2`); as it is otherwise."""
    if len(text) >= 2 and text[0] in _OPEN and _depth_of_first_close(text) == len(text) - 1:
        return text[1:-1].strip()
    return text


def _depth_of_first_close(text: str) -> int:
    """The index of the bracket that closes text[0]."""
    level = 0
    for index, char in enumerate(text):
        level += char in _OPEN
        level -= char in _CLOSE
        if level == 0:
            return index
    return -1


def _groups(body: str) -> list[str]:
    """The bracketed rows of `body` (`[1, 2], [3, 4]`); GridError when anything but separators lies between them."""
    rows = _GROUP.findall(body)
    if _GROUP.sub("", body).strip(" \t\n,;") or not rows:
        raise GridError("every row in its own brackets, as in [[1, 2], [3, 4]]")
    return rows


def _row(text: str) -> list[str]:
    text = text.strip()
    if text.endswith(","):
        text = text[:-1]
    if _DECIMAL_COMMA.search(text) and _SPACE_BETWEEN.search(text):
        raise GridError("commas inside numbers and spaces between them: write decimals with a point "
                        "(3.25 4.25) and separate entries with spaces or commas")
    cells = re.split(r"\s*,\s*|\s+", text.strip())
    if any(cell == "" for cell in cells):
        raise GridError("an empty entry between two commas" if text else "an empty row")
    if any(char in cell for cell in cells for char in _OPEN + _CLOSE):
        raise GridError("every row in its own brackets, as in [[1, 2], [3, 4]]")
    return cells


def _same_length(rows: list[list[str]]) -> list[list[str]]:
    lengths = sorted({len(row) for row in rows})
    if len(lengths) > 1:
        raise GridError(f"rows of different lengths ({', '.join(map(str, lengths))} entries)")
    return rows
