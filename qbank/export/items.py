"""Drawn exam versions as LMS questions: HTML texts, parts with their input boxes, and the category slot.

An LMS gives each student a different variant by drawing one question at random
from a category (Moodle's "random question", Canvas's question group). So every
spec slot (a fixed question or a pool) is one category holding the variants all
versions drew for it, whatever position shuffling gave them. A question's slot is
found from its template id (and pinned parameters), taking a part's slots in order.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from qbank.engine.render import render_prompt
from qbank.export.blanks import blanks
from qbank.export.html import split_choices, to_html


@dataclass
class LmsPart:
    name: str
    label: str  # plain text, for people
    prompt_html: str
    points: float
    kind: str  # answer kind (qbank/engine/answers.py)
    key_text: str  # the key as a student types it
    key_latex: str  # the key as the solution shows it (model answers: LaTeX text)
    boxes: list | None  # export.blanks.Blank list; None when a person grades the part
    shape: tuple = ()  # the key's array shape (vectors, matrices), to lay the boxes out

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

    @property
    def name(self) -> str:
        return f"{self.slot} version {self.version}: {self.title}"

    @property
    def auto_parts(self) -> list:
        return [p for p in self.parts if p.boxes is not None]

    @property
    def person_parts(self) -> list:
        return [p for p in self.parts if p.boxes is None and p.kind != "choice"]


def slot_names(spec) -> list:
    """[(part index, slot index, slot, name)] for every slot of the spec, in order."""
    out = []
    for i, part in enumerate(spec.parts):
        for j, slot in enumerate(part.slots):
            what = "pool" if slot.is_pool else slot.refs[0].id
            out.append((i, j, slot, f"{i + 1}.{j + 1}-{re.sub(r'[^A-Za-z0-9_-]+', '-', what)}"))
    return out


def lms_questions(spec, versions) -> list:
    """Every question of every version as an LmsQuestion, version by version."""
    slots = slot_names(spec)
    out = []
    for version in versions:
        for part_index, section in enumerate(version.sections):
            free = {(i, j): slot.pick for i, j, slot, _ in slots if i == part_index}
            for q in section.questions:
                out.append(_question(q, version.letter, _slot(q, part_index, slots, free)))
    return out


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
    parts = []
    for part, points in zip(inst.parts, q.part_points):
        prompt = render_prompt(inst, part).strip()
        parts.append(LmsPart(part.name, part.label, to_html(prompt) if prompt else "", points, part.spec.kind,
                             part.spec.text(part.value), part.spec.latex(part.value),
                             blanks(part.name, part.spec.kind, part.spec.to_json(part.value), part.spec.meta(),
                                    points),
                             () if part.spec.kind == "shape" else np.shape(part.spec.to_json(part.value))))
    return LmsQuestion(slot, letter, q.number, inst.template.id, inst.template.title, q.points,
                       inst.template.kind, to_html(stem.strip()), [to_html(o) for o in options], correct, parts,
                       to_html(inst.render("solution").strip()))


def grouped(questions) -> dict:
    """{slot: [its variants]} in the order slots first appear."""
    groups: dict = {}
    for q in questions:
        groups.setdefault(q.slot, []).append(q)
    return groups
