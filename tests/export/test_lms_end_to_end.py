"""End to end: build the demo exam, export it three ways, grade a synthetic class, and compare points per question.

`qbank exam --no-pdf` writes key.json; `qbank export` writes the Moodle XML, the Canvas
QTI zip and the GIFT file; `qbank grade` scores a synthetic class (right, wrong and
partly right answers, typed in the reader's spellings). The same answers typed into
each export are scored by tests/export/lms_grader.py under that LMS's documented
rules, and every question must earn the points `qbank grade` gave it:
- Moodle: every question, partial credit included (a cloze pays per box);
- Canvas: every auto-graded item when the student is all right or all wrong; partly
  right answers where the item's blanks carry equal shares (Canvas splits an item's
  points equally over its blanks); a question with written parts is an essay, graded
  by a person in Canvas, so nothing of it is compared;
- GIFT: the single-answer questions (the others are essays there).
"""
import csv
import random

import numpy as np
import pytest

from qbank.cli import main
from qbank.exam.assemble import assemble
from qbank.exam.spec import parse
from qbank.export.items import lms_questions
from qbank.paths import data_dir

import lms_grader
from test_lms_accepts_spellings import entry_cases

STUDENTS_PER_VERSION = 6


def _answers(rng, lms, drawn):
    """(responses CSV cells {part name: text}, one response per box of the question's Moodle cloze order)."""
    cells, boxes = {}, []
    for lms_part, part in zip(lms.parts, drawn.instance.parts):
        kind = part.spec.kind
        if kind == "choice":
            cells[part.name] = "ABCDEFGH"[rng.randrange(len(lms.options_html))]
            continue
        if lms_part.boxes is None:
            boxes.append(None)
            continue
        cases = entry_cases(part)
        mode = rng.choice(["right", "wrong", "mixed"])
        typed = []
        for accepted, wrong in cases:
            right = mode == "right" or (mode == "mixed" and rng.random() < 0.6)
            typed.append(rng.choice(accepted) if right else wrong)
        boxes += typed
        if "Explain" in lms_part.prompt_html:
            boxes.append("because")
        if kind in ("vector", "matrix") or (kind == "exact" and np.ndim(part.value) > 0):
            shape = np.shape(part.value)
            rows = [typed[r * shape[1]:(r + 1) * shape[1]] for r in range(shape[0])] if len(shape) == 2 else [typed]
            cells[part.name] = "[" + ", ".join("[" + ", ".join(row) + "]" for row in rows) + "]" \
                if len(shape) == 2 else "[" + ", ".join(typed) + "]"
        else:
            cells[part.name] = typed[0]
    if lms.explain and lms.auto_parts:
        boxes.append("I computed it.")
    return cells, boxes


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """Everything the comparisons need: the drawn questions, the class, qbank's report and the three exports."""
    from click.testing import CliRunner

    runner, tmp = CliRunner(), tmp_path_factory.mktemp("e2e")
    bank = data_dir("banks") / "demo-final.yaml"
    built = runner.invoke(main, ["exam", str(bank), "--no-pdf", "--out", str(tmp / "exam")])
    assert built.exit_code == 0, built.output
    for fmt in ("moodle", "qti", "gift"):
        result = runner.invoke(main, ["export", str(bank), "--format", fmt, "--out", str(tmp / "lms")])
        assert result.exit_code == 0, result.output
    spec = parse(bank)
    versions = assemble(spec)
    drawn = [q for v in versions for section in v.sections for q in section.questions]
    pairs = list(zip(lms_questions(spec, versions), drawn))
    rng = random.Random(2024)
    students, header = [], ["student_id", "version"]
    for _, question in pairs:
        columns = [f"{question.number}.{p.name}" for p in question.instance.parts]
        header += [c for c in columns if c not in header]
    rows = []
    for version in versions:
        for index in range(STUDENTS_PER_VERSION):
            student = f"{version.letter}{index}"
            row = {"student_id": student, "version": version.letter}
            boxes = {}
            for lms, question in pairs:
                if lms.version != version.letter:
                    continue
                cells, typed = _answers(rng, lms, question)
                row.update({f"{question.number}.{name}": text for name, text in cells.items()})
                boxes[lms.name] = (typed, cells)
            rows.append(row)
            students.append((student, version.letter, boxes))
    responses = tmp / "responses.csv"
    with responses.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, header, restval="")
        writer.writeheader()
        writer.writerows(rows)
    report = tmp / "report.csv"
    result = runner.invoke(main, ["grade", str(tmp / "exam" / "key.json"), str(responses), "--out", str(report)])
    assert result.exit_code in (0, 1), result.output  # 1: pending written parts may be reported
    with report.open(encoding="utf-8") as stream:
        scored = {r["student_id"]: r for r in csv.DictReader(stream)}
    lms = tmp / "lms"
    return {"pairs": pairs, "students": students, "scored": scored,
            "moodle": lms_grader.moodle((lms / "demo-final.moodle.xml").read_text(encoding="utf-8")),
            "qti": lms_grader.qti((lms / "demo-final.qti.zip").read_bytes()),
            "gift": lms_grader.gift((lms / "demo-final.gift.txt").read_text(encoding="utf-8"))}


def _qbank_points(graded, student, lms, question):
    """Points `qbank grade` gave the question's automatically graded parts (the report keeps 5 decimals)."""
    row = graded["scored"][student]
    return sum(float(row[f"{question.number}.{p.name}"] or 0) for p in question.instance.parts
               if p.spec.kind not in ("text", "expression"))


def _each(graded):
    for student, letter, boxes in graded["students"]:
        for lms, question in graded["pairs"]:
            if lms.version == letter:
                typed, cells = boxes[lms.name]
                yield student, lms, question, typed, cells


def test_the_class_is_graded_and_spans_right_wrong_and_partial(graded):
    totals = [float(r["total"]) for r in graded["scored"].values() if r["total"]]
    assert len(totals) == 3 * STUDENTS_PER_VERSION and len(set(totals)) > 3


def test_moodle_assigns_qbank_grades_points(graded):
    compared = 0
    for student, lms, question, typed, cells in _each(graded):
        exported = graded["moodle"][lms.name]
        expected = _qbank_points(graded, student, lms, question)
        if lms.options_html:
            got = exported.score([str("ABCDEFGH".index(next(iter(cells.values()))))])
        elif not lms.auto_parts:
            continue  # an essay: graded by a person in both
        else:
            responses = [typed[0]] if exported.type != "cloze" else typed
            scale = exported.mark / lms.points
            got = exported.score(responses) / scale
        assert got == pytest.approx(expected, abs=1e-4), (student, lms.name, typed)
        compared += 1
    assert compared > 30


def test_canvas_assigns_qbank_grades_points(graded):
    _, groups = graded["qti"]
    items = {title: item for _, _, _, found in groups for title, item in found.items()}
    compared = 0
    for student, lms, question, typed, cells in _each(graded):
        item = items[lms.name]
        expected = _qbank_points(graded, student, lms, question)
        if item.type == "essay_question":
            continue
        if lms.options_html:
            got = lms_grader.canvas_score(item, [str("ABCDEFGH".index(next(iter(cells.values()))))])
        else:
            got = lms_grader.canvas_score(item, typed)
            shares = {box.points for part in lms.auto_parts for box in part.boxes}
            if len(shares) > 1 and 0 < expected < lms.points:
                continue  # partly right with unequal shares: Canvas's equal split differs (docs/grading.md)
        assert got == pytest.approx(expected, abs=1e-4), (student, lms.name, typed)
        compared += 1
    assert compared > 30


def test_gift_assigns_qbank_grades_points(graded):
    compared = 0
    for student, lms, question, typed, cells in _each(graded):
        exported = graded["gift"][lms.name]
        if exported.type == "essay":
            continue
        expected = _qbank_points(graded, student, lms, question)
        response = str("ABCDEFGH".index(next(iter(cells.values())))) if lms.options_html else typed[0]
        assert exported.score([response]) * lms.points == pytest.approx(expected, abs=1e-4), (student, lms.name)
        compared += 1
    assert compared > 10
