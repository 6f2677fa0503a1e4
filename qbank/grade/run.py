"""Grade a responses CSV against key.json: per-student report, item analysis, histogram, problems.

Outputs, beside each other: REPORT.csv (one row per student, every row of the input
kept, with its line and status), REPORT-items.csv (item analysis) and
REPORT-histogram.png. Problems (malformed rows, unreadable cells, unknown columns,
missing or duplicate student ids, blank rows, answers in another version's columns)
are listed with their line numbers; any makes the exit status 1.
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from qbank.errors import InputError
from qbank.grade.analysis import item_analysis
from qbank.grade.histogram import histogram_png
from qbank.grade.keyfile import load_key
from qbank.grade.report import items_csv, report_csv
from qbank.grade.responses import REQUIRED, SCORE, read_responses
from qbank.grade.score import Result, grade_row


@dataclass
class GradeRun:
    results: list
    items: list
    problems: list  # "line N: ..." for people
    files: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    delimiter: str = "comma"  # how the responses file separated its columns

    @property
    def pending_points(self) -> float:
        """Points of free-text parts still waiting for a person, over all graded rows."""
        return sum(r.pending_points for r in self.results if r.graded)


def grade(key_path, responses_path, out=None) -> GradeRun:
    """Grade `responses_path` with `key_path`; write the report files (default: beside the responses)."""
    key = load_key(key_path)
    responses = read_responses(responses_path)
    header = responses.header
    known = {part.column for parts in key.values() for part in parts}
    known |= {column + SCORE for column in known}
    problems = [f"line 1: unknown column {name!r} (no version of the key has it)"
                for name in header if name not in REQUIRED and name not in known]
    problems += [f"line {line}: blank row (skipped)" for line in responses.blank_lines]
    results = _grade_once_per_student(responses.rows, key)
    for r in results:
        problems += [f"line {r.line}: {why}" for why in r.problems]
    columns = list(dict.fromkeys(name.removesuffix(SCORE) for name in header if name in known))
    maximum = max((sum(p.points for p in parts if not p.bonus) for parts in key.values()), default=0)
    run = GradeRun(results, item_analysis(results, key), problems, delimiter=responses.delimiter_name)
    out = Path(out) if out else Path(responses_path).with_name(Path(responses_path).stem + "-report.csv")
    _refuse_overwriting_inputs(out, key_path, responses_path)
    try:
        _write(run, out, columns, maximum)
    except OSError as exc:
        raise InputError(f"{out}: cannot write the report there ({exc.strerror or exc})") from exc
    return run


def _grade_once_per_student(rows, key) -> list:
    """A Result per row; a student id seen before is reported on both lines and graded only the first time."""
    seen, first = {}, {}
    results = []
    for row in rows:
        student = row.cells.get("student_id", "")
        if student and student in first:
            earlier = first[student]
            earlier.problems.append(f"duplicate student id {student!r} (again on line {row.line})")
            duplicate = Result(row.line, student, row.cells.get("version", ""), graded=False)
            duplicate.problems.append(f"duplicate student id {student!r} (first on line {earlier.line}); "
                                      "not graded, only the first row counts")
            results.append(duplicate)
            continue
        result = grade_row(row, key, seen)
        if student:
            first[student] = result
        results.append(result)
    return results


def _report_paths(out: Path) -> tuple:
    """The report, its item analysis and its histogram: REPORT.csv, REPORT-items.csv, REPORT-histogram.png."""
    return out, out.with_name(out.stem + "-items.csv"), out.with_name(out.stem + "-histogram.png")


def _refuse_overwriting_inputs(out: Path, *inputs) -> None:
    """InputError when a report file would replace the key or the responses (a class's answers would be lost)."""
    sources = {Path(path).resolve(): Path(path) for path in inputs}
    for path in _report_paths(out):
        if path.resolve() in sources:
            raise InputError(f"{path}: the report would overwrite {sources[path.resolve()]}, an input of this "
                             "run; pass --out another file")


def _write(run, out: Path, columns: list, maximum: float) -> None:
    """The report, the item analysis and the histogram, beside each other; their paths go into run.files.

    All three are written in a staging folder next to `out` and moved into place only
    once every one is complete, so a failure leaves an earlier report as it was.
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    _, items, picture = _report_paths(out)
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=".qbank-grade-") as staging:
        stage = Path(staging)
        (stage / out.name).write_text(report_csv(run.results, columns), encoding="utf-8")
        (stage / items.name).write_text(items_csv(run.items), encoding="utf-8")
        totals = [r.total for r in run.results if r.total is not None]
        note = histogram_png(totals, maximum, stage / picture.name)
        written = [out, items] + ([] if note else [picture])
        for path in written:
            os.replace(stage / path.name, path)
    run.notes += [note] if note else []
    run.files += written
