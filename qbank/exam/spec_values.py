"""Reading checked values out of an exam spec's mappings: every mistake an InputError `file:line: reason`.

Texts, integers, flags, points (positive whole numbers, or multiples of 1/2
with `half_points: true`: what the exam class typesets), answer-space lengths, and keys checked against the allowed ones.
"""
from __future__ import annotations

import difflib
import re

from qbank.errors import InputError
from qbank.exam.yamlnodes import LineDict

_LENGTH = re.compile(r"^(0|\d+(\.\d+)?(in|cm|mm|pt|em|ex))$")


def fail(path, line, message):
    """Raise the InputError `path:line: message`."""
    raise InputError(f"{path}:{line}: {message}")


def check_keys(node: LineDict, allowed, path, what: str) -> None:
    """Unknown keys are typos: name the closest allowed key."""
    for key in node:
        if key not in allowed:
            close = difflib.get_close_matches(str(key), allowed, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else f" (expected one of: {', '.join(allowed)})"
            fail(path, node.lines[key], f"unknown {what} key {key!r}{hint}")


def text(node: LineDict, key, path, default=None) -> str:
    """node[key] as text (numbers are read as their text); missing and no default, or a list or mapping: an error."""
    value = node.get(key, default)
    if value is None:
        fail(path, node.line, f"missing {key!r}")
    if isinstance(value, (dict, list)):
        fail(path, node.lines[key], f"{key!r} should be text")
    return str(value)


def integer(node: LineDict, key, path, default: int, minimum: int) -> int:
    """node[key] (or `default`) as an integer >= `minimum`; booleans are not integers here."""
    value = node.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        fail(path, node.lines.get(key, node.line), f"{key!r} should be an integer >= {minimum}, got {value!r}")
    return value


def flag(node: LineDict, key, path, default: bool) -> bool:
    """node[key] (or `default`), which must be true or false."""
    value = node.get(key, default)
    if not isinstance(value, bool):
        fail(path, node.lines[key], f"{key!r} should be true or false, got {value!r}")
    return value


def number(value, path, line, what, step: float = 0.5) -> float:
    """Points are positive multiples of `step`: whole points, or halves (what the exam class can typeset)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0 or (value / step) % 1:
        if step == 1:
            fail(path, line, f"{what} should be a positive whole number, got {value!r} "
                             "(for half points set 'half_points: true' at the top of the spec)")
        fail(path, line, f"{what} should be a positive multiple of 0.5, got {value!r}")
    return float(value)


def check_total(stated, total, path, line, what) -> None:
    """A stated points total (of a part, of the exam) must equal what its questions add up to."""
    if number(stated, path, line, "'points'") != total:
        fail(path, line, f"{what} states {stated:g} points but its questions add up to {total:g}")


def length(node: LineDict, key, path) -> str | None:
    """An answer-space length such as `2in` or `1.5cm` (or 0), as LaTeX reads it; None when not given."""
    if key not in node:
        return None
    value = str(node[key]).strip()
    if not _LENGTH.match(value):
        fail(path, node.lines[key], f"{key!r} should be a length such as 2in, 3cm or 0, got {node[key]!r}")
    return value
