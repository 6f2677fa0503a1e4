"""Which parts of a version go on its answer sheet, and the boxes each needs, read from key.json's data.

A choice part gets one box per option. Integer, real and shape parts get digit
grids sized from the key: a column per digit (one spare column, so the grid's
width does not give the answer's magnitude away), a sign box for integers and
reals, and for reals as many fixed decimals as the key is given with (its
`digits`). Every other part (vectors, matrices, fractions, expressions, text) is
written in the exam's own space and graded by a person.
"""
from __future__ import annotations

from dataclasses import dataclass

DEFAULT_OPTIONS = 5  # a choice part whose options the key does not list gets boxes A-E
MAX_DECIMALS = 4
ON_SHEET = ("choice", "integer", "real", "shape")


@dataclass(frozen=True)
class Field:
    """One answer field of a sheet: the responses column it fills and the shape of its boxes."""

    column: str  # "3.z1", the responses CSV column (or "student_id")
    label: str  # what the sheet prints beside it: "3", "3(b)"
    kind: str  # choice | integer | real | shape | id
    options: int = 0  # choice: number of option boxes
    digits: int = 0  # digit columns before the decimal point (per dimension for a shape)
    decimals: int = 0  # fixed digit columns after the decimal point (real)
    dims: int = 1  # shape: number of dimensions
    sign: bool = False  # a box for a minus sign

    def to_json(self) -> dict:
        return {"column": self.column, "label": self.label, "kind": self.kind, "options": self.options,
                "digits": self.digits, "decimals": self.decimals, "dims": self.dims, "sign": self.sign}


def sheet_fields(version: dict) -> list:
    """The Fields of one key.json version (`{"version", "questions": [...]}`), in question order."""
    result = []
    for question in version["questions"]:
        parts = question["parts"]
        for index, part in enumerate(parts):
            if part["kind"] not in ON_SHEET:
                continue
            label = str(question["number"]) + (f"({chr(ord('a') + index)})" if len(parts) > 1 else "")
            result.append(_field(f"{question['number']}.{part['name']}", label, part, question.get("params", {})))
    return result


def id_field(digits: int) -> Field:
    """The student-id grid: `digits` columns of 0-9."""
    return Field("student_id", "Student number", "id", digits=digits)


def _field(column: str, label: str, part: dict, params: dict) -> Field:
    kind, value = part["kind"], part["value"]
    if kind == "choice":
        listed = params.get("choice_options") or params.get("options") or []
        options = len(listed) if isinstance(listed, list) and len(listed) > value else max(DEFAULT_OPTIONS, value + 1)
        return Field(column, label, kind, options=options)
    if kind == "shape":
        dims = [int(v) for v in value]
        return Field(column, label, kind, digits=_width(max(dims, default=0)), dims=max(1, len(dims)))
    if kind == "integer":
        return Field(column, label, kind, digits=_width(abs(int(value))), sign=True)
    decimals = min(int(part.get("digits") or 0), MAX_DECIMALS)
    return Field(column, label, kind, digits=_width(int(abs(float(value)))), decimals=decimals, sign=True)


def _width(whole: int) -> int:
    """Digit columns for a whole number: its own digits plus one spare, at least 2."""
    return max(2, len(str(whole)) + 1)
