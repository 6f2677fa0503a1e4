"""Benchmark: qbank scan over synthetic scans; accuracy per box, per field and per sheet, and pages a minute.

Builds tests/scan/scan-bank.yaml with 4 versions and sheets, fills PAGES pages
(two a student) with the synthetic pen of tests/scan/synthetic.py (ticks, light
ticks, crosses, overshooting crosses; on some pages a cancelled mark and an
erased cross), degrades them as a scanner does (a tenth upside down) into 4 PDFs
of shuffled pages, and times `qbank scan` on all cores. A box is right when its
state is the truth, flagged when it reads ambiguous, wrong otherwise; a field
(a responses cell) is right, flagged (`?`, in the review) or silently wrong.
Goals: >= 99.9% of boxes right, no field silently wrong, >= 60 pages a minute.
Run: python benchmarks/scan.py [--pages 200] [--dpi 200] [--harsh]
"""
from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "scan"))

import synthetic  # noqa: E402
from synthetic import Sheet, boxes_for, degrade, fill_page, random_answers, write_pdf  # noqa: E402

from qbank.exam import build  # noqa: E402
from qbank.scan.run import scan  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--dpi", type=int, default=200)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--harsh", action="store_true", help="more blur and noise, lighter ticks (synthetic.HARSH)")
    args = parser.parse_args()
    if args.harsh:
        synthetic.CONDITIONS.update(synthetic.HARSH)
    rng = np.random.default_rng(0)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        build(ROOT / "tests" / "scan" / "scan-bank.yaml", tmp / "build", versions=4)
        sheet = Sheet(tmp / "build", args.dpi)
        versions = [s["version"] for s in sheet.layout["sheets"]]
        truth_boxes, truth_cells, images, owner = {}, {}, [], {}
        start = time.perf_counter()
        for k in range(args.pages // 2):
            sid, version = f"{k:06d}", versions[k % len(versions)]
            answers = random_answers(sheet, version, sid, rng)
            truth_cells[sid] = answers
            for number in (1, 2):
                page = sheet.page(version, number)
                extras = _extras(page, answers, rng)
                marked = {b["id"] for f in page["fields"] for b in boxes_for(page, f["column"], answers[f["column"]])}
                image = fill_page(sheet, version, number, answers, rng, extras=extras)
                states = {b["id"]: "marked" if b["id"] in marked else "empty" for b in page["boxes"]}
                states.update({box: "cancelled" for box, style in extras if style == "cancel"})
                images.append((degrade(image, rng, upside_down=rng.random() < 0.1), states, sid))
        order = rng.permutation(len(images))
        files = []
        for chunk, part in enumerate(np.array_split(order, 4)):
            files.append(tmp / f"scan{chunk}.pdf")
            write_pdf([images[i][0] for i in part], files[-1])
            for position, i in enumerate(part):
                truth_boxes[str(files[-1]), position + 1] = images[i][1]
                owner[str(files[-1]), position + 1] = images[i][2]
        print(f"generated {len(images)} pages at {args.dpi} dpi in {time.perf_counter() - start:.1f} s")
        start = time.perf_counter()
        run = scan([str(f) for f in files], tmp / "build", tmp / "responses.csv", boxes=tmp / "boxes.csv",
                   workers=args.workers)
        seconds = time.perf_counter() - start
        cells = {row["student_id"]: row for row in csv.DictReader((tmp / "responses.csv").open())}
        boxes = Counter()
        for row in csv.DictReader((tmp / "boxes.csv").open()):
            verdict = _box(truth_boxes, row)
            boxes[verdict] += 1
            if verdict == "wrong":  # is the cell it decides flagged for review?
                read = cells.get(owner[row["file"], int(row["page"])], {}).get(row["column"], "?")
                boxes["wrong, its field flagged" if read == "?" else "wrong, its field unflagged"] += 1
        fields, sheets = Counter(), Counter()
        for row in cells.values():
            answers = truth_cells.get(row["student_id"])
            if answers is None:
                fields["row of an unread id (flagged)" if row["student_id"].startswith("?")
                       else "row of a misread id (wrong)"] += 1
                continue
            for column, want in answers.items():
                if column == "student_id":
                    continue
                got = row[column]
                fields["right" if got == want else "flagged" if got == "?" else "wrong"] += 1
        per_page = Counter(all(s == "right" for s in [_box(truth_boxes, r) for r in rows])
                           for rows in _pages(tmp / "boxes.csv").values())
        sheets.update({"all boxes right": per_page[True], "some box not right": per_page[False]})
    total = sum(boxes.values())
    print(f"pages {run.pages}, students {len(run.rows)}, open review items {len(run.open_items)}")
    print(f"boxes  {total}: right {boxes['right']} ({100 * boxes['right'] / total:.3f}%), "
          f"flagged {boxes['flagged']}, wrong {boxes['wrong']} (in a flagged field "
          f"{boxes['wrong, its field flagged']}, unflagged {boxes['wrong, its field unflagged']})")
    print(f"fields {sum(fields.values())}: " + ", ".join(f"{k} {v}" for k, v in sorted(fields.items())))
    print(f"sheets {sum(sheets.values())}: " + ", ".join(f"{k} {v}" for k, v in sorted(sheets.items())))
    print(f"scan: {seconds:.1f} s, {60 * run.pages / seconds:.0f} pages a minute")


def _extras(page, answers, rng):
    """On some pages, a cancelled mark in a choice field (an option not chosen), and an erased cross."""
    extras = []
    choices = [f for f in page["fields"] if f["kind"] == "choice"]
    free = [b for f in choices for b in page["boxes"]
            if b["column"] == f["column"] and b["value"] != answers[f["column"]]]
    if free and rng.random() < 0.3:
        extras.append((free[int(rng.integers(len(free)))]["id"], "cancel"))
    taken = {b["id"] for f in page["fields"] for b in boxes_for(page, f["column"], answers[f["column"]])}
    taken |= {box for box, _ in extras}
    empty = [b for b in page["boxes"] if b["column"] != "student_id" and b["id"] not in taken]
    if rng.random() < 0.3:
        extras.append((empty[int(rng.integers(len(empty)))]["id"], "erased"))
    return extras


def _pages(path):
    pages = {}
    for row in csv.DictReader(path.open()):
        pages.setdefault((row["file"], int(row["page"])), []).append(row)
    return pages


def _box(truth, row):
    want = truth[row["file"], int(row["page"])][row["id"]]
    return "right" if row["state"] == want else "flagged" if row["state"] == "ambiguous" else "wrong"


if __name__ == "__main__":
    main()
