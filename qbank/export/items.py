"""Drawn exam versions as LMS questions: HTML texts, parts with their input boxes, and the category slot.

An LMS gives each student a different variant by drawing one question at random
from a category (Moodle's "random question", Canvas's question group). So every
spec slot (a fixed question or a pool) is one category holding the variants all
versions drew for it, whatever position shuffling gave them. A question's slot is
found from its template id (and pinned parameters), taking a part's slots in order.
Parts are lettered (a), (b), ... exactly when the printed exam letters them
(qbank/exam/layout.py: some part has its own prompt), so "obtained from (a)" points
at the same box online. A text that asks to "Explain" is marked, so the LMS can give
the explanation a box of its own.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html import escape

import numpy as np

from qbank.engine.numbers import jsonable
from qbank.engine.render import render_prompt
from qbank.exam.parallel import fork_map
from qbank.export.blanks import PERSON, blanks
from qbank.export.html import split_choices, to_html


_EXPLAIN = re.compile(r"\bExplain\b")
# Fewer questions than this are rendered in this process: forking workers, whose caches start cold, costs more
# than it saves there (3 versions of the demo: 0.05 s here, 0.11 s forked; 10 versions: 0.11 s, 0.10 s).
FORK_FROM = 100


def asks_to_explain(latex: str) -> bool:
    """Whether a question or part text asks for an explanation in words ("Explain why ...")."""
    return bool(_EXPLAIN.search(latex))


@dataclass
class LmsPart:
    name: str
    letter: str  # "(a)", "(b)", ... as the printed exam letters the part; "" when it does not
    label: str  # plain text, for people
    prompt_html: str
    points: float
    kind: str  # answer kind (qbank/engine/answers.py)
    key_text: str  # the key as a student types it
    key_latex: str  # the key as the solution shows it (model answers: LaTeX text)
    boxes: list | None  # export.blanks.Blank list; None when a person grades the part
    shape: tuple = ()  # the key's array shape (vectors, matrices), to lay the boxes out
    explain: bool = False  # the prompt also asks for an explanation the key does not grade

    @property
    def heading_html(self) -> str:
        """The part's letter and prompt (its label when it has no prompt), as the exam prints them."""
        text = self.prompt_html or escape(self.label)
        return f"<strong>{self.letter}</strong> {text}" if self.letter else text

    @property
    def key_html(self) -> str:
        return to_html(self.key_latex if self.kind == "text" else f"${self.key_latex}$")


@dataclass
class LmsQuestion:
    slot: str  # category name within the exam: "<part>.<slot>-<template id or pool>"
    version: str
    number: int  # as printed in this version
    template_id: str
    title: str
    points: float
    kind: str  # choice | numeric | short
    stem_html: str
    options_html: list
    correct: int | None
    parts: list
    solution_html: str
    explain: bool = False  # the stem asks for an explanation ("Explain how you obtain each matrix")
    pins: str = ""  # the parameters the spec pinned, as sorted JSON (two refs of one template differ by them)

    @property
    def name(self) -> str:
        return f"{self.slot} version {self.version}: {self.title}"

    @property
    def auto_parts(self) -> list:
        return [p for p in self.parts if p.boxes is not None]

    @property
    def person_parts(self) -> list:
        return [p for p in self.parts if p.boxes is None and p.kind != "choice"]

    @property
    def explanations(self) -> int:
        """How many explanation requests the key gives no points of their own (stem and part prompts)."""
        return int(self.explain) + sum(p.explain for p in self.auto_parts)


def slot_names(spec) -> list:
    """[(part index, slot index, slot, name)] for every slot of the spec, in order."""
    out = []
    for i, part in enumerate(spec.parts):
        for j, slot in enumerate(part.slots):
            what = "pool" if slot.is_pool else slot.refs[0].id
            out.append((i, j, slot, f"{i + 1}.{j + 1}-{re.sub(r'[^A-Za-z0-9_-]+', '-', what)}"))
    return out


def lms_questions(spec, versions) -> list:
    """Every question of every version as an LmsQuestion, version by version.

    Slots are assigned first (in order: a part's slots fill one after another), then
    the questions are rendered on every core: rendering is most of an export's time.
    """
    slots = slot_names(spec)
    jobs = []
    for version in versions:
        for part_index, section in enumerate(version.sections):
            free = {(i, j): slot.pick for i, j, slot, _ in slots if i == part_index}
            jobs += [(q, version.letter, _slot(q, part_index, slots, free)) for q in section.questions]
    return fork_map(_rendered, jobs, min_items=FORK_FROM)


def _rendered(job) -> LmsQuestion:
    return _question(*job)


def _slot(q, part_index, slots, free) -> str:
    inst = q.instance
    for i, j, slot, name in slots:
        if i == part_index and free[(i, j)] and any(r.id == inst.template.id and r.params == inst.pins
                                                     for r in slot.refs):
            free[(i, j)] -= 1
            return name
    raise ValueError(f"question {q.number} ({inst.template.id}) matches no slot of its part")


def _question(q, letter, slot) -> LmsQuestion:
    inst = q.instance
    stem, options, correct = split_choices(inst.render("question"))
    prompts = [render_prompt(inst, part).strip() for part in inst.parts]
    lettered = any(prompts)  # as qbank/exam/layout.py decides
    parts, bonus = [], []
    for index, (part, points, prompt) in enumerate(zip(inst.parts, q.part_points, prompts)):
        if part.spec.bonus:  # an LMS question cannot score above its points: the bonus stays on paper
            bonus.append(f"({chr(ord('a') + index)})" if lettered else part.label)
            continue
        kind = part.spec.kind
        parts.append(LmsPart(part.name, f"({chr(ord('a') + index)})" if lettered else "", part.label,
                             to_html(prompt) if prompt else "", points, kind, part.spec.text(part.value),
                             part.spec.latex(part.value), blanks(part.name, part.spec, part.value, points),
                             () if kind == "shape" else np.shape(part.spec.to_json(part.value)),
                             explain=kind not in PERSON and asks_to_explain(prompt)))
    return LmsQuestion(slot, letter, q.number, inst.template.id, inst.template.title, q.points,
                       inst.template.kind, to_html(stem.strip()) + _bonus_note(bonus), [to_html(o) for o in options],
                       correct, parts,
                       to_html(inst.render("solution").strip()), explain=asks_to_explain(stem),
                       pins=json.dumps(jsonable(inst.pins), sort_keys=True))


def _bonus_note(left_out: list) -> str:
    """The stem's closing line naming the bonus parts the printed exam has and the LMS question leaves out."""
    if not left_out:
        return ""
    which = f"part {left_out[0]} is" if len(left_out) == 1 else f"parts {', '.join(left_out)} are"
    return (f"<p>(The printed exam's bonus {which} not asked here: a bonus scores on top of the question's "
            "points, which an LMS question cannot.)</p>")


def grouped(questions) -> dict:
    """{slot: [its variants]} in the order slots first appear."""
    groups: dict = {}
    for q in questions:
        groups.setdefault(q.slot, []).append(q)
    return groups
