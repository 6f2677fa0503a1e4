"""Box states of one page to answers: a choice letter, a number, a shape, a student id, or a problem.

A field reads as blank when every box is empty. Anything the marks do not settle
is a problem for review, never a guess: two marks where one is allowed, an
ambiguous box, a gap inside a number's digits, a sign with no digits.
Digits are written one per column; a number is the run of filled columns (an
integer or a shape's dimension anywhere in its grid; a real's whole part must end
at the printed point and its decimals start right after it, missing trailing
decimals being zeros).
"""
from __future__ import annotations

from dataclasses import dataclass

from qbank.sheets.fields import Field


@dataclass
class Reading:
    value: str | None  # the cell text for the responses CSV ("" blank); None: a problem
    problem: str = ""  # kind: ambiguous | multiple | gap | sign (with no digits)
    detail: str = ""  # for people


def read_field(field: Field, states: dict) -> Reading:
    """`states`: {(position, value): state} of the field's boxes."""
    if any(state == "ambiguous" for state in states.values()):
        boxes = ", ".join(f"{v}" + (f" in column {p}" if field.kind != "choice" else "")
                          for (p, v), s in sorted(states.items()) if s == "ambiguous")
        return Reading(None, "ambiguous", f"unclear box {boxes}")
    marked = {key for key, state in states.items() if state == "marked"}
    if field.kind == "choice":
        letters = sorted(v for _, v in marked)
        if len(letters) > 1:
            return Reading(None, "multiple", f"marked {', '.join(letters)}")
        return Reading(letters[0] if letters else "")
    columns = {}
    for position, value in marked:
        if position:
            columns.setdefault(position, []).append(value)
    doubled = {p: sorted(v) for p, v in columns.items() if len(v) > 1}
    if doubled:
        return Reading(None, "multiple", "; ".join(f"column {p}: {', '.join(v)}" for p, v in sorted(doubled.items())))
    digits = {p: v[0] for p, v in columns.items()}
    negative = (0, "-") in marked
    if field.kind == "shape":
        return _shape(field, digits)
    if field.kind == "real" and field.decimals:
        text = _real(field, digits)
    else:
        text = _run(digits, 1, field.digits)
    if text is None:
        return Reading(None, "gap", "an empty column between written digits")
    if negative and not text:
        return Reading(None, "sign", "minus marked but no digits")
    if text and field.kind != "id":  # a student number keeps its leading zeros; a number drops them
        whole, point, fraction = text.partition(".")
        text = str(int(whole)) + point + fraction
    return Reading(("-" if negative else "") + text)


def _run(digits: dict, first: int, last: int) -> str | None:
    """The digits in columns first..last as one contiguous run ("" when none); None when there is a gap."""
    filled = [p for p in range(first, last + 1) if p in digits]
    if not filled:
        return ""
    if filled[-1] - filled[0] + 1 != len(filled):
        return None
    return "".join(digits[p] for p in filled)


def _real(field: Field, digits: dict) -> str | None:
    whole = _run(digits, 1, field.digits)
    fraction = _run(digits, field.digits + 1, field.digits + field.decimals)
    if whole is None or fraction is None:
        return None
    if whole and max(p for p in digits if p <= field.digits) != field.digits:
        return None  # the whole part stops short of the printed point
    if fraction and min(p for p in digits if p > field.digits) != field.digits + 1:
        return None  # the decimals do not start right after the point
    if not whole and not fraction:
        return ""
    return (whole or "0") + ("." + fraction.ljust(field.decimals, "0") if fraction else "")


def _shape(field: Field, digits: dict) -> Reading:
    dims = []
    for d in range(field.dims):
        text = _run(digits, 1 + d * field.digits, (d + 1) * field.digits)
        if text is None:
            return Reading(None, "gap", f"an empty column between the digits of dimension {d + 1}")
        dims.append(text)
    if not any(dims):
        return Reading("")
    if not all(dims):
        return Reading(None, "gap", "a dimension left empty")
    return Reading("(" + ", ".join(str(int(t)) for t in dims) + ")")
