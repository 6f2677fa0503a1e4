"""Read a responses CSV (docs/grading.md): `student_id, version, <number>.<part> ...` with one row per student.

Rows keep their line numbers, so every problem names its line. Optional
`<number>.<part>:score` columns hold the points a person gave a free-text part.
The delimiter is the one of `,` `;` tab that splits the header into student_id
and version (Excel writes `;` where the decimal mark is a comma). A file that
cannot be read, or lacks the student_id and version columns, is bad input
(InputError); anything wrong inside a row is the row's problem, reported.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from qbank.errors import InputError

REQUIRED = ("student_id", "version")
SCORE = ":score"
DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab"}


@dataclass
class Row:
    line: int  # 1-based line in the file where the row starts (the header is line 1)
    cells: dict  # column -> text (stripped)
    width_ok: bool  # the row has as many cells as the header


@dataclass
class Responses:
    header: list
    rows: list  # Row, in file order
    delimiter: str
    blank_lines: list = field(default_factory=list)  # lines with no text in any cell, before the last row

    @property
    def delimiter_name(self) -> str:
        return DELIMITERS[self.delimiter]


def read_responses(path) -> Responses:
    """The header, rows, delimiter and blank lines of the CSV at `path`."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{path}: responses file not found") from None
    except UnicodeDecodeError as exc:  # UTF-16 from Excel's "Unicode text", or a legacy code page
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start + 1} cannot be read); save it as CSV UTF-8 "
                         "(Excel: 'CSV UTF-8 (Comma delimited)')") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read the responses ({exc.strerror or exc})") from None
    if not text.strip():
        raise InputError(f"{path}: empty responses file; see docs/grading.md for the format")
    delimiter = sniff(path, text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [name.strip() for name in next(reader)]
        if len(set(header)) != len(header):
            raise InputError(f"{path}:1: a column name appears twice in the header")
        rows, blank = [], []
        start = reader.line_num + 1  # a quoted cell may span lines: a row is named by its first line
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                blank.append(start)
            else:
                rows.append(Row(start, {name: cell.strip() for name, cell in zip(header, cells)},
                                len(cells) == len(header)))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(f"{path}:{reader.line_num}: {exc}") from None
    last = rows[-1].line if rows else 0
    return Responses(header, rows, delimiter, [line for line in blank if line < last])


def sniff(path, text: str) -> str:
    """The delimiter whose split of the first line holds both student_id and version; InputError when none does."""
    first = text.splitlines()[0]
    for delimiter in DELIMITERS:
        header = [name.strip() for name in next(csv.reader([first], delimiter=delimiter))]
        if all(name in header for name in REQUIRED):
            return delimiter
    header = [name.strip() for name in next(csv.reader([first]))]
    missing = [name for name in REQUIRED if name not in header]
    raise InputError(f"{path}:1: the header lacks {', '.join(missing)} (with a comma, semicolon or tab between "
                     "columns; see docs/grading.md)")
