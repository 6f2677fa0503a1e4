"""`qbank grade --template BUILD_DIR`: the empty responses CSV a class fills in, with every column the key grades.

Columns: student_id, version, then every version's answer columns (`<number>.<part>`)
in question order, and a `<number>.<part>:score` column for each part a person
grades. A file already there is never overwritten (it may hold a class's answers).
"""
from __future__ import annotations

import csv
import io
import os
import tempfile
from pathlib import Path

from qbank.errors import InputError
from qbank.grade.keyfile import load_key
from qbank.grade.responses import REQUIRED, SCORE


def blank_header(key: dict) -> list[str]:
    """student_id, version and the union of every version's columns, ordered by question number."""
    columns = {}
    for parts in key.values():
        for part in parts:
            columns.setdefault(part.column + SCORE if part.by_person else part.column, part.column)
    return list(REQUIRED) + sorted(columns, key=lambda name: _question_order(columns[name]))


def _question_order(column: str):
    number = column.split(".", 1)[0]
    return (int(number), "") if number.isdigit() else (float("inf"), number)


def write_blank_form(build_dir, out=None) -> Path:
    """Write the header-only responses CSV for the key in `build_dir` (or a key.json itself); its path."""
    build_dir = Path(build_dir)
    key_path = build_dir / "key.json" if build_dir.is_dir() else build_dir
    out = Path(out) if out else key_path.with_name("responses.csv")
    if out.exists():
        raise InputError(f"{out}: already exists (it may hold a class's answers); pass --out for another file")
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerow(blank_header(load_key(key_path)))
    staged = None
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        handle, staged = tempfile.mkstemp(prefix=".qbank-responses-", suffix=".csv", dir=out.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text.getvalue())
        os.replace(staged, out)
    except OSError as exc:
        if staged:
            Path(staged).unlink(missing_ok=True)
        raise InputError(f"{out}: cannot write the responses template there ({exc.strerror or exc})") from None
    return out
