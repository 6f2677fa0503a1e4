"""Answer sheets of a build: sheets_<V>.tex for every version and the sheet_layout.json that describes them.

sheet_layout.json (schema qbank-sheets/1, documented in docs/scanning.md):

    {"schema": "qbank-sheets/1", "exam": "3f9a02c1", "page_size": [612, 792],
     "marks": [[x0, y0, x1, y1] x 4],         # top-left, top-right, bottom-right, bottom-left
     "sheets": [{"file": "sheets_A.pdf", "version": "A",
                 "pages": [{"page": 1, "qr": "QB1:3f9a02c1:A:1:5e0d71", "qr_rect": [...],
                            "fields": [{"column": "3.z1", "kind": "real", "digits": 2, ...}],
                            "boxes": [{"id": "A.1.3.z1.2.7", "column": "3.z1", "value": "7",
                                       "position": 2, "rect": [x0, y0, x1, y1]}]}]}]}

Rectangles are PDF points from the page's top-left corner.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from qbank.exam import pages as pdfpages
from qbank.exam import pdf
from qbank.exam.layout import Document, escape

from qbank.sheets import geometry as g
from qbank.sheets import layout, qr, tex
from qbank.sheets.fields import id_field, sheet_fields

SCHEMA = "qbank-sheets/1"
LAYOUT = "sheet_layout.json"
INSTRUCTIONS = ["Mark a box with a cross (X) or a tick.", "To take a mark back, fill its box completely.",
                "Numbers: one digit per column, no gaps;", "a real's digits sit against its printed point.",
                "Write your student number on every page."]


def texts(key_data: dict, exam_title: str, id_digits: int) -> dict:
    """{"sheets_<V>.tex": LaTeX, ..., "sheet_layout.json": text} for a build's key data."""
    sources, data = sheets(key_data, exam_title, id_digits)
    return {**sources, LAYOUT: layout_json(data)}


def compile_pdfs(files: dict, stage: Path) -> list:
    """Compile the sheets_<V>.tex of `files` (from texts()) into `stage`; the PDF names.

    A pdflatex start costs more than a sheet's pages, so the versions are compiled
    as one document per core and each is cut into the versions' files by their
    page counts (every sheet page ends in tex.PAGE_END).
    """
    names = [name.removesuffix(".tex") for name in files if name.endswith(".tex")]
    if not names:
        return []
    workdir = stage / ".sheets-latex"
    workdir.mkdir()
    bodies = {name: tex.body(files[f"{name}.tex"]) for name in names}
    groups = [names[k::os.cpu_count() or 1] for k in range(min(len(names), os.cpu_count() or 1))]
    jobs = {f"sheets-{k}": Document(tex.document_of(group, bodies), {}, "sheets") for k, group in enumerate(groups)}
    pdf.compile_all(jobs, workdir)
    for job, group in zip(jobs, groups):
        ranges, first = {}, 1
        for name in group:
            count = bodies[name].count(tex.PAGE_END)
            ranges[name], first = (first, first + count - 1), first + count
        pdfpages.split(workdir / f"{job}.pdf", ranges, {name: stage / f"{name}.pdf" for name in group})
    return [f"{name}.pdf" for name in names]


def sheets(key_data: dict, exam_title: str, id_digits: int) -> tuple:
    """({"sheets_<V>.tex": text}, layout dict) for every version of `key_data` (key.json's data)."""
    fields = {v["version"]: sheet_fields(v) for v in key_data["versions"]}
    exam = qr.exam_id({"key": key_data, "fields": {k: [f.to_json() for f in fs] for k, fs in fields.items()},
                       "id_digits": id_digits})
    texts, described = {}, []
    for letter, version_fields in fields.items():
        pages = layout.paginate(version_fields, id_field(id_digits), letter)
        codes = [qr.PageCode(exam, letter, page.number).text for page in pages]
        drawn = [tex.page_commands(page, code, _header(exam_title, letter, page.number, len(pages)))
                 for page, code in zip(pages, codes)]
        texts[f"sheets_{letter}.tex"] = tex.document(drawn)
        described.append({"file": f"sheets_{letter}.pdf", "version": letter,
                          "pages": [{"page": page.number, "qr": code, "qr_rect": g.qr_rect(),
                                     "fields": [f.to_json() for f in page.fields],
                                     "boxes": [box.to_json() for box in page.boxes]}
                                    for page, code in zip(pages, codes)]})
    data = {"schema": SCHEMA, "exam": exam, "page_size": [g.PAGE_W, g.PAGE_H], "marks": g.marks(),
            "sheets": described}
    return texts, data


def layout_json(data: dict) -> str:
    """sheet_layout.json's text: one page per line."""
    return json.dumps(data, separators=(",", ":")).replace('{"page":', '\n{"page":') + "\n"


def _header(title: str, letter: str, page: int, count: int) -> list:
    """Header labels (x, y, LaTeX, size, anchor): title, version and page, name line, instructions."""
    lines = [(g.CONTENT[0], 66, r"\textbf{" + escape(title) + "}", 11, "l"),
             (g.CONTENT[0], 82, rf"Answer sheet, version \textbf{{{escape(letter)}}}, page {page} of {count}", 9, "l"),
             (215, 110, r"Name: \rule{190bp}{0.4bp}", 9, "l")]
    lines += [(215, 140 + 12 * k, escape(text), 9, "l") for k, text in enumerate(INSTRUCTIONS)]
    return lines
