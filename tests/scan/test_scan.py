"""qbank scan on synthetic scans: the exact responses CSV and the exact review list, corrections applied by
running again, and what it says about pages it cannot use."""
import csv
import io
import json

import cv2
import numpy as np
import pytest
from synthetic import boxes_for, degrade, fill_page, random_answers, write_pdf

from qbank.cli import main
from qbank.scan import images
from qbank.scan.page import Sheets, read_page
from qbank.scan.run import _load_build


def _id_box(sheet, version, page, column, value):
    return next(b["id"] for b in boxes_for(sheet.page(version, page), column, value))


@pytest.fixture(scope="module")
def scans(sheet, tmp_path_factory):
    """Three students' sheets, shuffled over a PDF and a folder of PNGs, as a scanner returns them.

    120001 (A): page 1 upside down, a cancelled mark on another option of question 1, an erased cross on
    another option of question 2 (its faint trace is for a person to judge). 120002 (B): two options marked in question 1. 120003 (A): page 1 never scanned, page 2
    scanned twice. Plus a blank page that went through the feeder.
    """
    rng = np.random.default_rng(14)
    truth = {sid: (v, random_answers(sheet, v, sid, rng)) for sid, v in (("120001", "A"), ("120002", "B"),
                                                                        ("120003", "A"))}
    a1 = truth["120001"][1]
    cancelled = next(x for x in "ABCD" if x != a1["1.answer"])
    erased = next(x for x in "ABCD" if x != a1["2.answer"])
    extras = [(_id_box(sheet, "A", 1, "1.answer", cancelled), "cancel"),
              (_id_box(sheet, "A", 1, "2.answer", erased), "erased")]
    b2 = dict(truth["120002"][1])
    second = next(x for x in "ABCD" if x != b2["1.answer"])
    pages = {
        "s1p1": degrade(fill_page(sheet, "A", 1, a1, rng, extras=extras), rng, upside_down=True),
        "s1p2": degrade(fill_page(sheet, "A", 2, a1, rng), rng),
        "s2p1": degrade(fill_page(sheet, "B", 1, b2, rng, extras=[(_id_box(sheet, "B", 1, "1.answer", second),
                                                                    "cross")]), rng),
        "s2p2": degrade(fill_page(sheet, "B", 2, b2, rng), rng),
        "s3p2": degrade(fill_page(sheet, "A", 2, truth["120003"][1], rng), rng),
    }
    pages["s3p2-again"] = degrade(fill_page(sheet, "A", 2, truth["120003"][1], rng), rng)
    pages["blank"] = np.full_like(pages["s1p2"], 250)
    root = tmp_path_factory.mktemp("scans")
    write_pdf([pages["s2p2"], pages["s1p1"], pages["s1p2"]], root / "feeder.pdf")
    (root / "folder").mkdir()
    for name in ("s2p1", "s3p2", "s3p2-again", "blank"):
        cv2.imwrite(str(root / "folder" / f"{name}.png"), pages[name])
    return root, truth, second, extras[0][0]


def _expected_csv(built, truth, unsure=(), blank=()):
    """The responses CSV qbank scan must write: every sheet answer as the student wrote it; `unsure`
    (student, column) cells `?`, `blank` ones empty; parts not on the sheet empty."""
    _, columns = _load_build(built)
    layout = json.loads((built / "sheet_layout.json").read_text())
    on_sheet = {s["version"]: {f["column"] for p in s["pages"] for f in p["fields"]} for s in layout["sheets"]}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["student_id", "version"] + columns)
    for sid, (version, answers) in sorted(truth.items()):
        cells = []
        for c in columns:
            cell = answers.get(c, "") if c in on_sheet[version] else ""
            cells.append("?" if (sid, c) in unsure else "" if (sid, c) in blank else cell)
        writer.writerow([sid, version] + cells)
    return out.getvalue()


def _open_items(review_csv):
    rows = csv.DictReader(io.StringIO(review_csv.read_text()))
    return sorted((row["item"], row["kind"]) for row in rows if row["status"] == "open")


def test_scan_reads_every_answer_and_lists_what_a_person_must_decide(built, scans, runner, tmp_path):
    root, truth, _, _ = scans
    out = tmp_path / "responses.csv"
    result = runner.invoke(main, ["scan", str(root / "feeder.pdf"), str(root / "folder"), "--build", str(built),
                                  "--out", str(out), "--boxes", str(tmp_path / "boxes.csv")])
    assert result.exit_code == 1, result.output
    page1 = {f["column"] for f in json.loads((built / "sheet_layout.json").read_text())["sheets"][0]["pages"][0]
             ["fields"]} - {"student_id"}
    unsure = {("120002", "1.answer"), ("120001", "2.answer")} | {("120003", c) for c in page1}
    assert out.read_text() == _expected_csv(built, truth, unsure)
    folder = root / "folder"
    assert _open_items(tmp_path / "responses-review.csv") == sorted([
        (f"{root / 'feeder.pdf'}#2:2.answer", "ambiguous"),
        (f"{folder / 's2p1.png'}#1:1.answer", "multiple"),
        (f"{folder / 's3p2.png'}#1", "duplicate-page"),
        (f"{folder / 's3p2-again.png'}#1", "duplicate-page"),
        ("120003:A:page 1", "missing-page"),
        (f"{folder / 'blank.png'}#1", "unreadable")])
    html = (tmp_path / "responses-review.html").read_text()
    assert html.count("data:image/png;base64,") == 5  # every open item that has a scan shows it
    states = {row["id"]: row["state"] for row in csv.DictReader((tmp_path / "boxes.csv").open())}
    assert [box for box, state in states.items() if state == "cancelled"] == [scans[3]]


def test_corrections_in_the_review_csv_are_applied_on_the_next_run(built, scans, runner, tmp_path):
    root, truth, second, _ = scans
    out = tmp_path / "responses.csv"
    args = ["scan", str(root / "feeder.pdf"), str(root / "folder"), "--build", str(built), "--out", str(out)]
    runner.invoke(main, args)
    review = tmp_path / "responses-review.csv"
    rows = list(csv.DictReader(review.open()))
    decisions = {"multiple": second, "missing-page": "blank", "unreadable": "skip",
                 "ambiguous": truth["120001"][1]["2.answer"]}
    for row in rows:
        if row["status"] == "open":
            row["correction"] = decisions.get(row["kind"], "skip" if "again" in row["item"] else "")
    with review.open("w", newline="") as stream:
        writer = csv.DictWriter(stream, rows[0].keys())
        writer.writeheader()
        writer.writerows(rows)
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    truth = json.loads(json.dumps(truth))
    truth["120002"][1]["1.answer"] = second
    page1 = {f["column"] for f in json.loads((built / "sheet_layout.json").read_text())["sheets"][0]["pages"][0]
             ["fields"]} - {"student_id"}
    assert out.read_text() == _expected_csv(built, truth, blank={("120003", c) for c in page1})
    assert _open_items(review) == []


def test_a_page_of_another_build_is_unknown_not_guessed(built, scans, sheet):
    root = scans[0]
    layout = json.loads((built / "sheet_layout.json").read_text())
    other = Sheets({**layout, "exam": "00000000"})
    result = read_page(images.Source(str(root / "folder" / "s2p1.png"), 1), other)
    assert result.problem == "unknown-exam" and not result.readings


def test_scan_without_the_scan_extra_says_what_to_install(built, runner, tmp_path, monkeypatch):
    monkeypatch.setitem(__import__("sys").modules, "zxingcpp", None)
    result = runner.invoke(main, ["scan", str(tmp_path), "--build", str(built), "--out", str(tmp_path / "r.csv")])
    assert result.exit_code == 2
    assert "pip install 'qbank[scan]'" in result.output


def test_a_build_without_sheets_is_bad_input(runner, tmp_path):
    (tmp_path / "a.png").write_bytes(b"")
    result = runner.invoke(main, ["scan", str(tmp_path / "a.png"), "--build", str(tmp_path), "--out",
                                  str(tmp_path / "r.csv")])
    assert result.exit_code == 2
    assert "sheet_layout.json" in result.output and "--sheets" in result.output


def _page(file, version, number, student, **cells):
    from qbank.scan.decode import Reading
    from qbank.scan.page import PageResult

    readings = {"student_id": Reading(student) if student is not None else Reading(None, "ambiguous", "box 3")}
    readings.update({column: Reading(value) for column, value in cells.items()})
    return PageResult(images.Source(file, 1), version, number, readings=readings)


def test_one_student_number_on_two_versions_and_an_unread_number_go_to_review():
    """Both rows of 7 are kept and flagged; the page whose number is unclear gets a row of its own,
    named by the page, and its answers are kept; a correction gives it its number."""
    from qbank.scan.run import _merge

    pages = [_page("a.png", "A", 1, "7", **{"1.answer": "B"}), _page("b.png", "B", 1, "7", **{"1.answer": "C"}),
             _page("c.png", "A", 1, None, **{"1.answer": "D"})]
    columns = {"A": {1: ["1.answer"]}, "B": {1: ["1.answer"]}}
    rows, items = _merge(pages, {}, columns)
    assert [(r["student_id"], r["version"], r["1.answer"]) for r in rows] == [
        ("7", "A", "B"), ("7", "B", "C"), ("?c.png#1", "A", "D")]
    assert sorted((i.item, i.kind) for i in items if i.status == "open") == [
        ("a.png#1:student_id", "duplicate-id"), ("b.png#1:student_id", "duplicate-id"),
        ("c.png#1:student_id", "ambiguous")]
    rows, items = _merge(pages, {"c.png#1:student_id": "8", "b.png#1:student_id": "9"}, columns)
    assert [(r["student_id"], r["version"], r["1.answer"]) for r in rows] == [
        ("7", "A", "B"), ("8", "A", "D"), ("9", "B", "C")]
    assert [i for i in items if i.status == "open"] == []
