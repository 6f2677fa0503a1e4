"""Every spelling the answer reader lists for a key is accepted by every export, and a wrong answer is not.

For every question and version of the demo bank and of a lab bank (fractions, vectors,
matrices, shapes, text, real templates with exact fractions and shapes), the exported
files are read back and graded by tests/export/lms_grader.py, which follows the LMSs'
documented behaviour: Moodle 5.1 as measured (../shared/lms/moodle-5.1-facts.md) and
as its parser reads a cloze, Canvas's fill-in-blank matching, GIFT's answer syntax.
"""
from fractions import Fraction

import numpy as np
import pytest

from qbank.engine.answers import Real
from qbank.engine.reader import spellings
from qbank.exam.assemble import assemble
from qbank.exam.spec import parse
from qbank.export import render
from qbank.export.items import lms_questions
from qbank.export.moodle_cloze import EXPLAIN_WIDTH, NUMBER_WIDTH, TEACHER_GRADED, TEXT_WIDTH
from qbank.paths import data_dir

import lms_grader
from lms_spec import SPEC

LAB = SPEC.replace("      - concepts/softmax-not-tanh\n",
                   "      - concepts/softmax-not-tanh\n      - attention/sdpa-exact\n      - conv/shape-chain\n"
                   "      - {pool: [lmstest/mixed, lmstest/halves, lmstest/ratio], pick: 2, points: 5}\n"
                   "      - conv/layer-batch\n      - mlp/two-layer-sigmoid\n"
                   ).replace("seed: 5", "seed: 1")  # its versions draw the pool's pairs {mixed, halves}, {halves, ratio}, {mixed, ratio}


@pytest.fixture(scope="module")
def banks(tmp_path_factory):
    """{name: (spec, versions, [(LmsQuestion, drawn Question)])} for the demo bank and the lab bank."""
    lab = tmp_path_factory.mktemp("lab") / "lab.yaml"
    lab.write_text(LAB, encoding="utf-8")
    out = {}
    for name, spec in (("demo", parse(data_dir("banks") / "demo-final.yaml", versions=3)), ("lab", parse(lab))):
        versions = assemble(spec)
        drawn = [q for v in versions for section in v.sections for q in section.questions]
        out[name] = (spec, versions, list(zip(lms_questions(spec, versions), drawn)))
    return out


def entry_cases(part):
    """[(spellings the reader lists, a wrong text)] for each box of an auto-graded engine Part, in order."""
    spec, value = part.spec, part.value
    if spec.kind == "shape":
        return [(spellings(spec, value), spellings(spec, (value[0] + 1,) + tuple(value[1:]))[0])]
    if spec.kind == "exact":
        entries = np.asarray(value, dtype=object).ravel()
        return [(spellings(spec, Fraction(e)), spellings(spec, Fraction(e) + Fraction(1, 7))[0]) for e in entries]
    if spec.kind == "integer":
        return [(spellings(spec, value), str(int(value) + 1))]
    entry_spec = Real(digits=spec.digits, rel_tol=spec.rel_tol, abs_tol=spec.abs_tol)  # one entry of a real array
    out = []
    for entry in np.ravel(value):
        wrong = float(entry) + 10 * float(entry_spec.tolerance(float(entry))) + 1
        out.append((spellings(entry_spec, float(entry)), f"{wrong:.{spec.digits}f}"))
    return out


def expected_boxes(lms, drawn):
    """[("entry", cases) | ("words", points)] in the order the cloze must show its boxes."""
    out = []
    drawn_parts = {part.name: part for part in drawn.instance.parts}  # bonus parts stay on paper (items.py)
    for lms_part, part in ((p, drawn_parts[p.name]) for p in lms.parts):
        if lms_part.boxes is None:
            out.append(("words", lms_part.points))
            continue
        out += [("entry", case) for case in entry_cases(part)]
        if "Explain" in lms_part.prompt_html:
            out.append(("words", 0))
    return out + ([("words", 0)] if lms.explain and lms.auto_parts else [])


@pytest.mark.parametrize("bank", ["demo", "lab"])
def test_moodle_accepts_every_spelling(banks, bank):
    spec, versions, pairs = banks[bank]
    found = lms_grader.moodle(render(spec, versions, "moodle").decode())
    assert len(found) == len(pairs)  # one Moodle question per question: no separate written parts
    marks = {}
    for lms, drawn in pairs:
        question = found[lms.name]
        assert question.category.endswith(f"/{lms.slot}")
        if lms.options_html:
            [box] = question.boxes
            assert [box.grade(str(i)) for i in range(len(lms.options_html))].count(1.0) == 1
            assert box.grade(str(lms.correct)) == 1.0 and question.mark == lms.points
            continue
        if not lms.auto_parts:
            assert question.type == "essay" and question.mark == lms.points
            continue
        wanted = expected_boxes(lms, drawn)
        if question.type != "cloze":
            [(what, (accepted, wrong))] = wanted
            [box] = question.boxes
            assert question.mark == lms.points
            assert all(box.grade(text) == 1.0 for text in accepted), (lms.name, accepted, box.answers)
            assert box.grade(wrong) == 0.0, (lms.name, wrong)
            continue
        assert len(question.boxes) == len(wanted), lms.name
        scale = question.mark / lms.points
        assert scale == int(scale) >= 1 and marks.setdefault(lms.slot, question.mark) == question.mark
        entries = [(box, case) for box, (what, case) in zip(question.boxes, wanted) if what == "entry"]
        for box, (what, case) in zip(question.boxes, wanted):
            if what == "words":
                assert box.right == [TEACHER_GRADED] and box.weight == case * scale
                assert lms_grader.input_size(box) == EXPLAIN_WIDTH
                continue
            accepted, wrong = case
            assert all(box.grade(text) == 1.0 for text in accepted), (lms.name, accepted, box.answers)
            assert box.grade(wrong) == 0.0, (lms.name, wrong, box.answers)
            width = NUMBER_WIDTH if box.kind == "numerical" else TEXT_WIDTH
            assert lms_grader.input_size(box) == width  # the width says nothing about the key
            assert not any("\\" in answer for _, answer, _ in box.answers)  # Moodle keeps any backslash
        # per-entry credit: one entry wrong loses exactly that entry's points
        right = [case[0][0] if what == "entry" else None for what, case in wanted]
        assert question.score(right) == pytest.approx(question.mark * _auto_share(lms))
        if entries:
            first = next(i for i, (what, _) in enumerate(wanted) if what == "entry")
            one_wrong = list(right)
            one_wrong[first] = wanted[first][1][1]
            lost = question.boxes[first].weight / sum(b.weight for b in question.boxes) * question.mark
            assert question.score(one_wrong) == pytest.approx(question.score(right) - lost)
        letters = [p.letter for p in lms.parts if p.letter]
        positions = [question.text.find(f"<strong>{letter}</strong>") for letter in letters]
        assert all(p >= 0 for p in positions) and positions == sorted(positions), lms.name


def _auto_share(lms):
    """The share of a question's points its automatically graded parts carry."""
    return sum(p.points for p in lms.auto_parts) / lms.points


@pytest.mark.parametrize("bank", ["demo", "lab"])
def test_canvas_accepts_every_spelling(banks, bank):
    spec, versions, pairs = banks[bank]
    points, groups = lms_grader.qti(render(spec, versions, "qti"))
    assert points == spec.points == sum(pick * each for _, pick, each, _ in groups)  # the quiz is worth the exam
    items = {title: (group, item) for group, _, each, found in groups for title, item in found.items()}
    assert len(items) == len(pairs)  # a written part never becomes an item of its own
    for lms, drawn in pairs:
        group, question = items[lms.name]
        assert question.mark == lms.points
        if lms.options_html:
            assert question.boxes[0].grade(str(lms.correct)) == 1.0
            continue
        if not lms.auto_parts or lms.person_parts:
            assert question.type == "essay_question"  # every part, written ones included, in one item
            continue
        drawn_parts = {part.name: part for part in drawn.instance.parts}
        cases = [case for part in lms.parts for case in entry_cases(drawn_parts[part.name])]
        assert len(question.boxes) == len(cases)
        for box, (accepted, wrong) in zip(question.boxes, cases):
            if question.type == "numerical_question":
                assert all(box.grade(text) == 1.0 for text in accepted) and box.grade(wrong) == 0.0
            else:
                assert all(lms_grader.canvas_blank_right(box, text) for text in accepted), (lms.name, accepted)
                assert not lms_grader.canvas_blank_right(box, wrong), (lms.name, wrong)
        if any(len(p.shape) == 2 for p in lms.auto_parts):
            assert "<table" in question.text  # a matrix's blanks are laid out as the matrix


@pytest.mark.parametrize("bank", ["demo", "lab"])
def test_canvas_pools_never_repeat_a_template(banks, bank):
    spec, versions, pairs = banks[bank]
    _, groups = lms_grader.qti(render(spec, versions, "qti"))
    template_of = {lms.name: lms.template_id for lms, _ in pairs}
    slot_of = {lms.name: lms.slot for lms, _ in pairs}
    homes = {}
    for title, pick, _, found in groups:
        assert pick == 1
        for name in found:
            home = homes.setdefault((slot_of[name], template_of[name]), title)
            assert home == title  # all variants of a template in one group: one draw gives it at most once


@pytest.mark.parametrize("bank", ["demo", "lab"])
def test_gift_accepts_every_spelling_and_keeps_every_prompt(banks, bank):
    spec, versions, pairs = banks[bank]
    found = lms_grader.gift(render(spec, versions, "gift").decode())
    assert len(found) == len(pairs)
    for lms, drawn in pairs:
        question = found[lms.name]
        for part in lms.parts:
            assert part.prompt_html in question.text, (lms.name, part.name)
        if question.type in ("numerical", "shortanswer"):
            [part] = drawn.instance.parts
            [(accepted, wrong)] = entry_cases(part)
            assert all(question.boxes[0].grade(text) == 1.0 for text in accepted), (lms.name, accepted)
            assert question.boxes[0].grade(wrong) == 0.0
        elif question.type == "multichoice":
            assert question.boxes[0].grade(str(lms.correct)) == 1.0


def test_bonus_parts_stay_on_paper_and_the_question_says_so(banks):
    """An LMS question cannot score above its points, so a bonus part is left out and named in the stem."""
    spec, versions, pairs = banks["lab"]
    with_bonus = [(lms, drawn) for lms, drawn in pairs if any(p.spec.bonus for p in drawn.instance.parts)]
    assert with_bonus  # mlp/two-layer-sigmoid's first-layer parts are bonus
    for lms, drawn in with_bonus:
        bonus = {p.name for p in drawn.instance.parts if p.spec.bonus}
        assert bonus.isdisjoint(p.name for p in lms.parts) and "bonus part" in lms.stem_html
        assert sum(p.points for p in lms.parts) == lms.points
