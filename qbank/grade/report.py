"""Write the grade report and the item analysis as CSV, safe to open in a spreadsheet.

Text cells that start with = + - @ or a tab or carriage return would be read as
a formula by Excel, LibreOffice or Google Sheets (OWASP, "CSV Injection"): they get
a leading apostrophe. Numbers are written as numbers, negative ones too.
"""
from __future__ import annotations

import csv
import io

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe(cell):
    """A cell for a spreadsheet: numbers as they are, risky text with a leading apostrophe."""
    if cell is None:
        return ""
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return f"{cell:g}" if isinstance(cell, float) else str(cell)
    text = str(cell)
    return "'" + text if text.startswith(_FORMULA_START) else text


def report_csv(results, columns: list) -> str:
    """One row per student (in file order): id, version, total of the graded maximum, the points pending
    hand grading, status, then a score per column."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["line", "student_id", "version", "total", "max", "pending", "status"] + columns)
    for r in results:
        status = "; ".join(r.problems + ([f"pending (graded by a person): {', '.join(r.pending)}"] if r.pending else []))
        status = status or ("ok" if r.graded else "ungraded")
        graded = [r.maximum, r.pending_points] if r.graded else [None, None]
        writer.writerow([safe(c) for c in [r.line, r.student, r.version, r.total, *graded, status]]
                        + [safe(r.scores.get(c)) for c in columns])
    return out.getvalue()


def items_csv(rows: list) -> str:
    """The item analysis: question, students, points, difficulty, discrimination (corrected item-total r)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["question", "students", "points", "difficulty", "discrimination"])
    for row in rows:
        disc = None if row["discrimination"] is None else round(row["discrimination"], 3)
        writer.writerow([safe(row["question"]), row["students"], safe(row["points"]), safe(round(row["difficulty"], 3)),
                         safe(disc)])
    return out.getvalue()
