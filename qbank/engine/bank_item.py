r"""A bank item as a Template: choice items shuffle their options per version, short items carry a model answer.

Choice: params {"options": shuffled, "order": YAML index of each shown option},
answers {"answer": position of the correct option} (Choice). Short: answers
{"answer": the model answer} (Text, graded by a person). The author's text is
put verbatim inside jinja raw blocks; only the options, key and mode are filled in.
"""
from __future__ import annotations

import types
from dataclasses import dataclass

from qbank.engine.answers import Choice, Text
from qbank.engine.template import REGISTRY, Template, add
from qbank.errors import InputError

ITEM = None  # each draw function gets its own globals in which ITEM is its BankItem (see _bound)
_LATEX = '\\BLOCK{if mode == "latex"}'


@dataclass
class BankItem:
    """One validated item of a bank file, before it becomes a Template."""

    id: str
    kind: str  # choice | short
    topic: str
    points: float
    question: str
    source: str  # "file:line", for error messages
    options: tuple = ()
    correct: int = -1  # index into options as written in the file
    explanation: str = ""
    answer: str = ""
    rubric: tuple = ()
    title: str = ""
    tags: tuple = ()


def register_all(items: list[BankItem], namespace: str) -> list[str]:
    """Register every item as `namespace/id`, or none of them when an id is taken by another source.

    Reloading the same file is harmless: its items keep their sources.
    """
    for item in items:
        old = REGISTRY.get(f"{namespace}/{item.id}")
        if old is not None and old.source != item.source:
            raise InputError(f"{item.source}: duplicate id '{namespace}/{item.id}' (already defined at {old.source})")
    return [_register(item, f"{namespace}/{item.id}") for item in items]


def _register(item: BankItem, template_id: str) -> str:
    if item.kind == "choice":
        fn, answer, check = _bound(_draw_choice, item), Choice(points=item.points), _crosscheck(item)
        question, solution = _choice_texts(item)
    else:
        fn, answer, check = _bound(_draw_short, item), Text(points=item.points), None
        question, solution = _raw(item.question), _short_solution(item)
    add(Template(id=template_id, fn=fn, topic=item.topic, points=item.points, question=question,
                 solution=solution, answers={"answer": answer}, crosscheck=check,
                 title=item.title or item.id, kind=item.kind, tags=item.tags, source=item.source))
    return template_id


def _bound(fn, item):
    """`fn` with its own globals holding ITEM: still a plain function, so pinning can rewrite its source."""
    return types.FunctionType(fn.__code__, {**globals(), "ITEM": item}, f"{fn.__name__}_{item.id}")


def _draw_choice(rng):
    order = [int(i) for i in rng.permutation(len(ITEM.options))]
    key = _key(order, ITEM)
    options = [ITEM.options[int(i)] for i in order]
    if list(options) != [ITEM.options[int(i)] for i in order]:  # a pinned `options` must agree with `order`
        raise InputError(f"{ITEM.source}: options follow order; pin order (a permutation of 0..{len(ITEM.options) - 1})")
    return {"options": options, "order": order}, {"answer": key}


def _draw_short(rng):
    return {}, {"answer": ITEM.answer}


def _key(order, item) -> int:
    """Where the correct option landed: `order[k]` is the file index of the option shown k-th."""
    order = [int(i) for i in order]
    if sorted(order) != list(range(len(item.options))):
        raise InputError(f"{item.source}: order must be a permutation of 0..{len(item.options) - 1}, got {order}")
    return order.index(item.correct)


def _crosscheck(item):
    def key_marks_the_correct_option(params, answers):
        shown = [item.options[int(i)] for i in params["order"]]
        assert shown == list(params["options"]), (item.id, "options do not follow order")
        assert shown[answers["answer"]] == item.options[item.correct], (item.id, "key is not the correct option")

    return key_marks_the_correct_option


def _choice_texts(item):
    r"""LaTeX: the exam class's `choices`, where `\CorrectChoice` shows the key under `\printanswers`; text: "A) ..."."""
    question = _raw(item.question) + "\n\\BLOCK{include \"partials/choices.tex.j2\"}\n"
    solution = (_LATEX + "\\textbf{Answer: \\VAR{answer|letter}.}\\BLOCK{else}Answer: \\VAR{answer|letter}."
                "\\BLOCK{endif} " + _raw(item.explanation))
    return question, solution


def _short_solution(item):
    rubric = "".join(_LATEX + "\\item \\BLOCK{else}- \\BLOCK{endif}" + _raw(point) for point in item.rubric)
    return (_LATEX + "\\textbf{Model answer.}\\BLOCK{else}Model answer:\\BLOCK{endif} \\VAR{answer}\n\n"
            + _LATEX + "\\textbf{Rubric.}\n\\begin{itemize}\n\\BLOCK{else}Rubric:\n\\BLOCK{endif}\n"
            + rubric + _LATEX + "\n\\end{itemize}\n\\BLOCK{endif}\n")


def _raw(text: str) -> str:
    """`text` verbatim, ending its line (the newline sits inside the raw block, where trim_blocks cannot eat it)."""
    return "\\BLOCK{raw}" + text + "\n\\BLOCK{endraw}"
