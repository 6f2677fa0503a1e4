r"""Ask a numeric question as single choice: the key among distractors from modelled mistakes.

`as_choice(instance, rng)` returns a new Instance of kind "choice" that exams,
keys, exports and grading treat like any choice question: its text is the original
stem (plus the part's own prompt) followed by the exam class's `choices` list, its
one answer is the position of the correct option, and its solution is the original
worked solution followed by the letter and, per modelled distractor, the slip it
comes from. The original answers stay in the context, so the solution still renders.
"""
from __future__ import annotations

import dataclasses

from qbank.distractors.pick import choose
from qbank.distractors.registry import mistakes_for
from qbank.engine.answers import Choice
from qbank.engine.generate import Instance
from qbank.errors import InputError

NUMERIC = ("integer", "real", "exact", "shape", "vector", "matrix")
_LATEX = '\\BLOCK{if mode == "latex"}'
_CHOICES = ("\n\n\\BLOCK{with options=choice_options}\\BLOCK{include \"partials/choices.tex.j2\"}"
            "\\BLOCK{endwith}\n")
_ANSWER = ("\n\n" + _LATEX + "\\textbf{Answer: \\VAR{answer|letter}.}\\BLOCK{else}Answer: \\VAR{answer|letter}."
           "\\BLOCK{endif}\\BLOCK{for letter, label in choice_notes} Option \\VAR{letter} is what you get "
           "if you \\VAR{label}.\\BLOCK{endfor}\n")


def as_choice(instance: Instance, rng, n_options: int = 4, part: str | None = None) -> Instance:
    """`instance` asked as a single-choice question with `n_options` options.

    part: the answer part to ask (needed when the template has several numeric parts).
    The correct option's position is drawn from `rng` (uniform, so it evens out
    across versions; exam assembly balances it further). Distractors: see pick.choose.
    """
    if n_options < 2:
        raise ValueError(f"a choice question needs at least 2 options, got {n_options}")
    tpl = instance.template
    chosen = _part(instance, part)
    only = len(instance.parts) == 1
    mistaken = [(m.label, m.fn(instance.params)) for m in mistakes_for(tpl.id, chosen.name, only)]
    try:
        wrong = choose(chosen.value, chosen.spec, mistaken, rng, n_options - 1)
    except ValueError as exc:
        raise InputError(f"template {tpl.id}: part {chosen.name!r} cannot be asked as choice: {exc}") from None
    position = int(rng.integers(n_options))
    values = [value for _, value in wrong]
    values.insert(position, chosen.value)
    labels = [label for label, _ in wrong]
    labels.insert(position, None)
    options = [f"${chosen.spec.latex(value)}$" for value in values]
    notes = [(chr(ord("A") + i), label) for i, label in enumerate(labels) if label]
    prompt = f"\n\n{chosen.spec.prompt}" if chosen.spec.prompt and not only else ""
    choice_tpl = dataclasses.replace(
        tpl, question=tpl.text("question").rstrip("\n") + prompt + _CHOICES,
        solution=tpl.text("solution").rstrip("\n") + _ANSWER, answers={"answer": Choice(points=tpl.points)},
        kind="choice", constraints={}, crosscheck=None, degenerate={})
    params = {**instance.params, "choice_options": options, "choice_notes": notes}
    work = {**instance.work, **instance.answers}  # the original answers, for the worked solution
    return Instance(choice_tpl, instance.seed, params, {"answer": position}, instance.pins, work)


def _part(instance: Instance, name: str | None):
    """The part to ask: the named one, or the only numeric one."""
    tpl, parts = instance.template, instance.parts
    names = ", ".join(p.name for p in parts)
    if name is not None:
        found = [p for p in parts if p.name == name]
        if not found:
            raise InputError(f"template {tpl.id} has no answer part {name!r} (its parts: {names})")
        chosen = found[0]
    else:
        numeric = [p for p in parts if p.spec.kind in NUMERIC]
        if len(numeric) != 1:
            raise InputError(f"template {tpl.id} has {len(numeric)} numeric parts ({names}); "
                             "name the one to ask as choice")
        chosen = numeric[0]
    if chosen.spec.kind not in NUMERIC:
        raise InputError(f"template {tpl.id}: part {chosen.name!r} is a {chosen.spec.kind} answer; "
                         "only numeric parts can be asked as choice")
    if len(parts) > 1 and not chosen.spec.prompt:
        raise InputError(f"template {tpl.id}: part {chosen.name!r} has no prompt of its own, so the question "
                         "would still ask for every part; choose a part with a prompt")
    return chosen
