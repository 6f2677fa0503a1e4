"""Read a responses CSV (docs/grading.md): `student_id, version, <number>.<part> ...` with one row per student.

Rows keep their line numbers, so every problem names its line. Optional
`<number>.<part>:score` columns hold the points a person gave a free-text part.
A file that cannot be read, or lacks the student_id and version columns, is bad
input (InputError); anything wrong inside a row is the row's problem, reported.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from qbank.errors import InputError

REQUIRED = ("student_id", "version")
SCORE = ":score"


@dataclass
class Row:
    line: int  # 1-based line in the file (the header is line 1)
    cells: dict  # column -> text (stripped)
    width_ok: bool  # the row has as many cells as the header


def read_responses(path):
    """(header, rows) of the CSV at `path`."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{path}: responses file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the responses ({exc})") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [name.strip() for name in next(reader)]
    except StopIteration:
        raise InputError(f"{path}: empty responses file; see docs/grading.md for the format") from None
    except csv.Error as exc:
        raise InputError(f"{path}:1: {exc}") from None
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise InputError(f"{path}:1: the header lacks {', '.join(missing)} (see docs/grading.md)")
    if len(set(header)) != len(header):
        raise InputError(f"{path}:1: a column name appears twice in the header")
    rows = []
    try:
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            rows.append(Row(reader.line_num, {name: cell.strip() for name, cell in zip(header, cells)},
                            len(cells) == len(header)))
    except csv.Error as exc:
        raise InputError(f"{path}:{reader.line_num}: {exc}") from None
    return header, rows
