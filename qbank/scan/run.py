"""`qbank scan`: read every page, merge each student's pages, and write the responses CSV and the review report.

A cell nobody can be sure of is written as `?` (which `qbank grade` reports as
unreadable) until a person corrects it in the review CSV; pages of another
exam, unreadable pages, duplicated pages and ids, missing pages are listed there
too. Nothing is guessed and no page is dropped without a person saying `skip`.
"""
from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from qbank.errors import InputError
from qbank.scan import deps, images, review
from qbank.scan.review import Item
from qbank.sheets.build import LAYOUT, SCHEMA

UNSURE = "?"
BLANK, SKIP = "blank", "skip"


@dataclass
class ScanRun:
    pages: int
    rows: list  # {column: text}, student_id and version first
    items: list  # review.Item
    files: list = field(default_factory=list)

    @property
    def open_items(self) -> list:
        return [item for item in self.items if item.status == "open"]


def scan(paths, build_dir, out, boxes=None, review_path=None, workers=None, progress=lambda d, t: None) -> ScanRun:
    """Scan `paths` against the build in `build_dir`; write `out` (responses CSV), the review CSV and HTML
    (default: beside `out`), and with `boxes` every box's state."""
    deps.require()
    from qbank.scan.page import Sheets
    from qbank.scan.parallel import read_all

    build_dir, out = Path(build_dir), Path(out)
    layout, columns = _load_build(build_dir)
    sources = images.sources(paths)
    if not sources:
        raise InputError("no scans given")
    review_path = Path(review_path) if review_path else out.with_name(out.stem + "-review.csv")
    corrections = review.read_corrections(review_path)
    results = read_all(sources, Sheets(layout), workers, progress)
    sheet_columns = {sheet["version"]: {page["page"]: [f["column"] for f in page["fields"] if f["kind"] != "id"]
                                        for page in sheet["pages"]} for sheet in layout["sheets"]}
    rows, items = _merge(results, corrections, sheet_columns)
    run = ScanRun(len(sources), rows, items)
    texts = {out: _responses_csv(rows, columns), review_path: review.review_csv(items),
             review_path.with_suffix(".html"): review.review_html(items, f"qbank scan review: {out.name}")}
    if boxes:
        texts[Path(boxes)] = _boxes_csv(results)
    _write_all(texts)
    run.files = list(texts)
    return run


def _load_build(build_dir: Path) -> tuple:
    """(sheet layout data, responses columns in key order) of a build folder."""
    try:
        layout = json.loads((build_dir / LAYOUT).read_text(encoding="utf-8"))
        key = json.loads((build_dir / "key.json").read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputError(f"{build_dir}: no {Path(exc.filename).name} here; build with `qbank exam BANK.yaml "
                         "--sheets`") from None
    except (OSError, ValueError) as exc:
        raise InputError(f"{build_dir}: cannot read the build ({exc})") from None
    if not isinstance(layout, dict) or layout.get("schema") != SCHEMA:
        raise InputError(f"{build_dir / LAYOUT}: not a qbank sheet layout (expected \"schema\": \"{SCHEMA}\")")
    columns = []
    for version in key.get("versions", []):
        for q in version["questions"]:
            for part in q["parts"]:
                name = f"{q['number']}.{part['name']}" + (":score" if part["kind"] == "text" else "")
                if name not in columns:
                    columns.append(name)
    return layout, columns


def _merge(results: list, corrections: dict, sheet_columns: dict) -> tuple:
    items, pages = [], []  # pages: (result, student id, {column: cell})
    for r in results:
        name = r.source.name
        where = dict(file=r.source.file, page=r.source.page)
        if r.problem:
            fixed = corrections.get(name, "").lower() == SKIP
            items.append(Item(name, r.problem, **where, detail=r.detail, image=r.thumbnail,
                              status="corrected" if fixed else "open", correction=corrections.get(name, "")))
            continue
        if corrections.get(name, "").lower() == SKIP:
            items.append(Item(name, "skipped", **where, version=r.version, status="corrected", correction=SKIP,
                              detail="left out by a person", image=r.thumbnail))
            continue
        cells = {}
        for column, reading in r.readings.items():
            key = f"{name}:{column}"
            problem = reading.problem or ("missing" if column == "student_id" and reading.value == "" else "")
            item = Item(key, problem or "blank", **where, version=r.version, column=column,
                        read=reading.value or "", detail=reading.detail, image=r.crops.get(column, b""))
            if key in corrections:
                value = corrections[key]
                cells[column] = "" if value.lower() == BLANK else value
                item.status, item.correction = "corrected", value
                items.append(item)
            elif problem:
                cells[column] = UNSURE
                items.append(item)
            else:
                cells[column] = reading.value
                if reading.value == "":
                    item.status = "note"
                    items.append(item)
        student = cells.pop("student_id")
        pages.append((r, student if student != UNSURE else f"?{name}", cells))
    return _rows(pages, items, corrections, sheet_columns)


def _rows(pages: list, items: list, corrections: dict, sheet_columns: dict) -> tuple:
    """One row per (student id, version); duplicated pages and ids, and missing pages, go to review."""
    sheets = defaultdict(lambda: defaultdict(list))  # (student, version) -> page number -> [(result, cells)]
    for r, student, cells in pages:
        sheets[student, r.version][r.page].append((r, cells))
    versions_of = defaultdict(list)
    for student, version in sheets:
        versions_of[student].append(version)
    rows = []
    for (student, version), by_page in sorted(sheets.items()):
        row = {"student_id": student, "version": version}
        for number, copies in sorted(by_page.items()):
            row.update(_agree([cells for _, cells in copies]))
            if len(copies) > 1:
                others = ", ".join(r.source.name for r, _ in copies)
                items += [Item(r.source.name, "duplicate-page", r.source.file, r.source.page, student, version,
                               detail=f"page {number} of {student} scanned {len(copies)} times: {others}; "
                                      "correct with skip on all but one", image=r.thumbnail) for r, _ in copies]
        if not student.startswith("?"):
            for number, page_columns in sheet_columns.get(version, {}).items():
                if number in by_page:
                    continue
                key = f"{student}:{version}:page {number}"
                fixed = corrections.get(key, "").lower() == BLANK
                items.append(Item(key, "missing-page", student_id=student, version=version, page=number,
                                  detail=f"no scan of page {number}; its answers are {UNSURE} until corrected "
                                         "with blank", status="corrected" if fixed else "open",
                                  correction=corrections.get(key, "")))
                row.update({column: "" if fixed else UNSURE for column in page_columns})
        if len(versions_of[student]) > 1 and not student.startswith("?"):
            first = min((r for copies in by_page.values() for r, _ in copies), key=lambda r: r.source.name)
            items.append(Item(f"{first.source.name}:student_id", "duplicate-id", first.source.file, first.source.page,
                              student, version, "student_id", student,
                              f"{student} also wrote on a sheet of version(s) "
                              f"{', '.join(v for v in versions_of[student] if v != version)}; correct the id"))
        rows.append(row)
    return rows, items


def _agree(copies: list) -> dict:
    """The cells of one page scanned once or more: where copies disagree, UNSURE."""
    merged = {}
    for column in copies[0]:
        values = {cells.get(column) for cells in copies}
        merged[column] = values.pop() if len(values) == 1 else UNSURE
    return merged


def _responses_csv(rows: list, columns: list) -> str:
    """As `qbank grade` reads it: cells exactly as read (no spreadsheet escaping, which grade would not undo)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["student_id", "version"] + columns)
    for row in rows:
        writer.writerow([row["student_id"], row["version"]] + [row.get(c, "") for c in columns])
    return out.getvalue()


def _boxes_csv(results: list) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["file", "page", "id", "column", "value", "state", "fill", "confidence"])
    for r in results:
        for box_id, column, value, state, fill, confidence in r.boxes:
            writer.writerow([r.source.file, r.source.page, box_id, column, value, state, fill, confidence])
    return out.getvalue()


def _write_all(texts: dict) -> None:
    """Write every file only once all are ready: each is staged beside its target and moved into place."""
    staged = []
    try:
        for path, text in texts.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(prefix=".qbank-scan-", dir=path.parent)
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(text)
            staged.append((temp, path))
        for temp, path in staged:
            os.replace(temp, path)
    except OSError as exc:
        for temp, _ in staged:
            Path(temp).unlink(missing_ok=True)
        raise InputError(f"cannot write the scan results ({exc.strerror or exc}: {exc.filename})") from None
