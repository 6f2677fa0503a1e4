"""Grade one student's row against the key of their version: points per part, problems named by column.

Every cell is read and scored by the engine's one policy (`scoring.score`, see
docs/grading.md): per entry for vectors and matrices, all or nothing otherwise; an
empty cell scores 0. A cell that cannot be read (letters for a number, a ragged
matrix, `1,609`) scores 0 and is flagged with the reader's message; the rest of
the row still counts. A free-text part takes the points in its `<column>:score`
cell when a person filled it in (0 <= score <= points); until then it is pending
and the total covers the graded parts only.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from qbank.engine.scoring import UNREADABLE, score
from qbank.grade.responses import REQUIRED, SCORE


@dataclass
class Result:
    line: int
    student: str
    version: str
    scores: dict = field(default_factory=dict)  # column -> points (None: pending, a person has not graded it)
    states: dict = field(default_factory=dict)  # column -> the verdict's state (right, partial, ... pending)
    problems: list = field(default_factory=list)  # what is wrong with the row, for people
    pending: list = field(default_factory=list)  # free-text columns waiting for a person
    maximum: float = 0.0  # the points of the parts graded so far
    pending_points: float = 0.0  # the points of the parts waiting for a person
    graded: bool = True  # False: the row could not be graded at all

    @property
    def total(self):
        if not self.graded:
            return None
        return sum(v for v in self.scores.values() if v is not None)  # pending parts are left out


def grade_row(row, key: dict, seen: dict | None = None) -> Result:
    """The Result of `row` (responses.Row) given `key` ({version: [PartKey]}).

    The version letter is matched without regard to case. seen: a dict shared across rows that remembers
    each (part, cell text) verdict: many students type the same answer, and reading a matrix costs far
    more than a lookup.
    """
    typed_version = row.cells.get("version", "")
    versions = {version.upper(): version for version in key}
    result = Result(row.line, row.cells.get("student_id", ""), versions.get(typed_version.upper(), typed_version))
    if not result.student:
        result.problems.append("no student id")
    if not row.width_ok:
        return _ungraded(result, "wrong number of cells for the header")
    if result.version not in key:
        return _ungraded(result, f"unknown version {typed_version!r} (the key has {', '.join(key)})")
    parts = key[result.version]
    for part in parts:
        result.scores[part.column] = _score(part, row.cells, result, {} if seen is None else seen)
        if part.bonus:  # scored on top of the maximum, never owed
            continue
        if result.scores[part.column] is None:
            result.pending_points += part.points
        else:
            result.maximum += part.points
    _foreign_answers(row, parts, result)
    return result


def _foreign_answers(row, parts, result) -> None:
    """Flag answers in columns this version's exam does not have, and a row without a single answer."""
    own = {part.column for part in parts} | {part.column + SCORE for part in parts}
    foreign = [name for name, text in row.cells.items() if text and name not in own and name not in REQUIRED]
    if foreign:
        result.problems.append(f"answers in columns that version {result.version}'s exam does not have, not graded "
                               f"(another version's?): {', '.join(foreign)}")
    if not any(row.cells.get(name) for name in own):
        result.problems.append("no answer in any column of this version")


def _ungraded(result, why):
    result.graded = False
    result.problems.append(why)
    return result


def _score(part, cells, result, seen):
    if part.by_person:
        points = _person_score(part, cells.get(part.column + SCORE, ""), result)
        result.states[part.column] = "pending" if points is None else "graded"
        return points
    text = cells.get(part.column, "")
    if (id(part), text) not in seen:
        seen[id(part), text] = score(part.spec, text, part.value, part.points, part.options)
    verdict = seen[id(part), text]
    result.states[part.column] = verdict.state
    if verdict.state == UNREADABLE:
        result.problems.append(f"{part.column}: {verdict.message} (scored 0)")
    return verdict.points


def _person_score(part, text, result):
    """The points a person gave; None (pending) while the cell is empty or not a score in 0..points (flagged)."""
    try:
        points = float(text) if text else None
    except ValueError:
        points = -1.0
    if points is not None and not 0 <= points <= part.points:
        result.problems.append(f"{part.column}{SCORE}: {text!r} is not a score between 0 and {part.points:g} "
                               "(left pending)")
        points = None
    if points is None:
        result.pending.append(part.column)
    return points
