"""Grade one student's row against the key of their version: points per part, problems named by column.

A part scores its full points when the answer is right within its type's tolerance
(qbank/engine/answers.py), else 0; an empty cell is unanswered (0). A cell its type
cannot read (letters for a number, a ragged matrix) is unparsable (a shape or vector
may leave out its brackets: `8, 30, 30`): that part is left
ungraded and the row reported. A free-text part takes the points in its
`<column>:score` cell when a person filled it in (0 <= score <= points); until then
it is pending and the total covers the graded parts only.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from qbank.grade.responses import SCORE

_PARSE_ERRORS = (ValueError, TypeError, ZeroDivisionError, OverflowError, SyntaxError)


@dataclass
class Result:
    line: int
    student: str
    version: str
    scores: dict = field(default_factory=dict)  # column -> points (None: not graded)
    problems: list = field(default_factory=list)  # what is wrong with the row, for people
    pending: list = field(default_factory=list)  # free-text columns waiting for a person
    graded: bool = True  # False: the row could not be graded at all

    @property
    def total(self):
        if not self.graded or any(v is None for c, v in self.scores.items() if c not in self.pending):
            return None
        return sum(v for v in self.scores.values() if v is not None)


def grade_row(row, key: dict, seen: dict | None = None) -> Result:
    """The Result of `row` (responses.Row) given `key` ({version: [PartKey]}).

    seen: a dict shared across rows that remembers each (part, cell text) verdict:
    many students type the same answer, and reading a matrix costs far more than a lookup.
    """
    result = Result(row.line, row.cells.get("student_id", ""), row.cells.get("version", ""))
    if not row.width_ok:
        return _ungraded(result, "wrong number of cells for the header")
    if result.version not in key:
        return _ungraded(result, f"unknown version {result.version!r} (the key has {', '.join(key)})")
    for part in key[result.version]:
        result.scores[part.column] = _score(part, row.cells, result, {} if seen is None else seen)
    return result


def _ungraded(result, why):
    result.graded = False
    result.problems.append(why)
    return result


def _score(part, cells, result, seen):
    if part.by_person:
        return _person_score(part, cells.get(part.column + SCORE, ""), result)
    text = cells.get(part.column, "")
    if not text:
        return 0.0
    if part.spec.kind in ("shape", "vector") and "," in text and text[0] not in "([":
        text = f"({text})"  # `8, 30, 30` as typed in an LMS box or a spreadsheet cell
    if (id(part), text) not in seen:
        seen[id(part), text] = _verdict(part, text)
    right = seen[id(part), text]
    if right is None:
        result.problems.append(f"{part.column}: cannot read {text!r} as a {part.spec.kind} answer")
        return None
    return part.points if right else 0.0


def _verdict(part, text):
    """True (right), False (wrong) or None (unreadable) for one typed answer."""
    try:
        given = part.spec.parse(text)
    except _PARSE_ERRORS:
        return None
    try:
        return bool(part.spec.check(given, part.value))
    except _PARSE_ERRORS:
        return False  # read fine but not comparable (a vector of the wrong size): wrong


def _person_score(part, text, result):
    if not text:
        result.pending.append(part.column)
        return None
    try:
        points = float(text)
    except ValueError:
        points = -1.0
    if not 0 <= points <= part.points:
        result.problems.append(f"{part.column}{SCORE}: {text!r} is not a score between 0 and {part.points:g}")
        return None
    return points
