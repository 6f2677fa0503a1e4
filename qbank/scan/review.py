"""The review report: every reading a person must look at, as CSV (where corrections are typed) and HTML (crops).

Columns of the review CSV: item, kind, status, file, page, student_id, version,
column, read, detail, correction. `item` names what a correction applies to:
`FILE#PAGE:COLUMN` for a field (`student_id` included), `FILE#PAGE` for a whole
page, `ID:VERSION:page N` for a page missing from a student's sheet. Running
`qbank scan` again with the same review file applies every filled-in correction.
"""
from __future__ import annotations

import base64
import csv
import html
import io
from dataclasses import dataclass
from pathlib import Path

from qbank.errors import InputError
from qbank.grade.report import safe

FIELDS = ("item", "kind", "status", "file", "page", "student_id", "version", "column", "read", "detail",
          "correction")


@dataclass
class Item:
    item: str
    kind: str
    file: str = ""
    page: int | str = ""
    student_id: str = ""
    version: str = ""
    column: str = ""
    read: str = ""
    detail: str = ""
    status: str = "open"  # open: decides a cell or a row, blocks until corrected; corrected; note: for information
    correction: str = ""
    image: bytes = b""


def read_corrections(path: Path) -> dict:
    """{item: correction} of the non-empty corrections in an earlier review CSV at `path` ({} when none)."""
    if not path.exists():
        return {}
    try:
        rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(f"{path}: cannot read the review file ({exc})") from None
    if rows and not {"item", "correction"} <= set(rows[0]):
        raise InputError(f"{path}: not a qbank scan review file (it needs the columns item and correction)")
    return {row["item"]: row["correction"].strip() for row in rows if (row.get("correction") or "").strip()}


def review_csv(items: list) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FIELDS)
    for item in items:
        writer.writerow([safe(getattr(item, name)) for name in FIELDS])
    return out.getvalue()


def review_html(items: list, title: str) -> str:
    """One page: a row per item with its picture; open items first."""
    rows = []
    for item in sorted(items, key=lambda i: (i.status != "open", i.status == "note")):
        picture = (f'<img src="data:image/png;base64,{base64.b64encode(item.image).decode()}" alt="">'
                   if item.image else "")
        cells = "".join(f"<td>{html.escape(str(getattr(item, name)))}</td>" for name in FIELDS[:-1])
        rows.append(f'<tr class="{item.status}">{cells}<td>{html.escape(item.correction)}</td><td>{picture}</td></tr>')
    head = "".join(f"<th>{name}</th>" for name in FIELDS) + "<th>scan</th>"
    opened = sum(item.status == "open" for item in items)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>body{{font-family:sans-serif}} td,th{{border:1px solid #ccc;padding:4px;vertical-align:top}}
table{{border-collapse:collapse}} tr.open{{background:#fff3f0}} tr.note{{color:#666}} img{{max-width:420px}}</style>
</head><body><h1>{html.escape(title)}</h1>
<p>{opened} item(s) to check. Type corrections into the review CSV's <code>correction</code> column and run
<code>qbank scan</code> again: a value for a field (<code>B</code>, <code>42</code>, <code>-0.5</code>,
<code>blank</code> for no answer), a student number for <code>student_id</code>, <code>skip</code> to leave a
page out, <code>blank</code> for a page that is missing.</p>
<table><tr>{head}</tr>
{chr(10).join(rows)}
</table></body></html>
"""
