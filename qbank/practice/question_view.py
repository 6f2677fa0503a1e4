"""What the page is sent: the question alone first, the key and the worked solution only after a submission.

`prepare` renders an instance once (the costly part) into a `Prepared`: a
public view (question and part prompts as HTML, part labels, kinds and hints,
nothing derived from the key) and the private feedback material, which stays
on the server until `feedback` answers a submission.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape

from qbank.engine.answers import Text
from qbank.engine.render import render_prompt
from qbank.engine.scoring import BLANK, PENDING, RIGHT, UNREADABLE
from qbank.practice.checking import check_part, hint, option_count
from qbank.practice.latex_html import latex_to_html


@dataclass(frozen=True)
class Prepared:
    """One rendered question: what the page may see now, and what it sees after a submission."""

    instance: object  # engine Instance: template, seed, pins, parts with their keys
    public: dict
    solution_html: str
    keys: dict  # part name -> {"key": HTML, "key_text": what a student would type}


def prepare(instance) -> Prepared:
    """Render `instance` for the page: the public view now, the feedback material kept aside."""
    tpl = instance.template
    parts = [{"name": p.name, "label": p.label, "kind": p.spec.kind, "points": p.points,
              "prompt": latex_to_html(render_prompt(instance, p, "latex")), "hint": hint(instance, p),
              "options": option_count(instance, p)} for p in instance.parts]
    public = {"id": tpl.id, "title": tpl.title, "topic": tpl.topic, "points": instance.points,
              "question": latex_to_html(instance.render("question", "latex")), "parts": parts}
    keys = {p.name: _key(p) for p in instance.parts}
    return Prepared(instance, public, latex_to_html(instance.render("solution", "latex")), keys)


def _key(part) -> dict:
    if isinstance(part.spec, Text):
        return {"key": latex_to_html(part.spec.text(part.value)), "key_text": ""}
    if part.spec.kind == "choice":  # a letter, not math
        return {"key": f"<strong>{escape(part.spec.text(part.value))}</strong>", "key_text": part.spec.text(part.value)}
    return {"key": f'<span class="math">{escape(part.spec.latex(part.value))}</span>',
            "key_text": part.spec.text(part.value)}


def feedback(prepared: Prepared, answers: dict, reveal: bool = False) -> dict:
    """Score `answers` (part name -> text). Unreadable and blank answers come back with their messages and
    reveal nothing, unless `reveal` (the student gives up): then every part is shown with its verdict and key.

    Each checked part has its `state` (right, partial, wrong, unreadable, blank, or pending for a text part
    the student compares with the model answer), its `points` of `max` and the verdict's `message`.
    """
    inst = prepared.instance
    verdicts = {p.name: check_part(inst, p, answers.get(p.name, "")) for p in inst.parts}
    unread = {name: v for name, v in verdicts.items() if v.state in (UNREADABLE, BLANK)}
    if unread and not reveal:
        return {"status": "invalid", "errors": {name: v.message for name, v in unread.items()},
                "states": {name: v.state for name, v in unread.items()}}
    parts = [{"name": p.name, "state": verdicts[p.name].state, "points": verdicts[p.name].points,
              "max": verdicts[p.name].max, "message": verdicts[p.name].message, **prepared.keys[p.name]}
             for p in inst.parts]
    graded = [part for part in parts if part["state"] != PENDING]
    return {"status": "checked", "all_right": all(part["state"] == RIGHT for part in graded), "parts": parts,
            "points": sum(part["points"] for part in graded), "max": sum(part["max"] for part in graded),
            "solution": prepared.solution_html}
