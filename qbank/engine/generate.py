"""Turn a template and a seed into an Instance: drawn parameters, checked answers, rendered text."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from qbank.engine import answers as answer_types
from qbank.engine.pinning import run_pinned
from qbank.engine.seeds import rng_for
from qbank.engine.template import Template
from qbank.errors import InputError

MAX_TRIES = 1000  # redraws before a constraint is declared unsatisfiable
RESERVED = frozenset({"params", "answers", "parts", "seed", "template_id", "mode"})  # names the texts see


class ConstraintError(InputError):
    """No draw within MAX_TRIES satisfied a template's constraint."""


class TemplateError(InputError, ValueError):
    """A template broke the engine's contract (a reserved name, an answer its type refuses): its author's mistake,
    reported by the command line in one line (an InputError) and still a ValueError for callers that catch those."""


@dataclass
class Part:
    """One graded answer of an instance: its value, its answer type and the points it is worth."""

    name: str
    spec: answer_types.Answer
    value: object
    points: float

    @property
    def label(self):
        return self.spec.label or self.name

    @property
    def bonus(self) -> bool:
        """Scored on top of the maximum (the question's points leave it out)."""
        return self.spec.bonus

    def key(self) -> dict:
        """The part as key.json stores it: value, type and tolerance; `"bonus": true` only on a bonus part."""
        return {"name": self.name, "label": self.label, "points": self.points,
                "value": self.spec.to_json(self.value), "text": self.spec.text(self.value), **self.spec.meta(),
                **({"bonus": True} if self.bonus else {})}


@dataclass
class Instance:
    """One draw of a template: the seed, what was drawn (or pinned), the core's answers and worked values."""

    template: Template
    seed: int
    params: dict
    answers: dict
    pins: dict
    work: dict  # intermediate values from the core, shown in worked solutions, never graded

    @cached_property
    def parts(self) -> list[Part]:
        """The answers in the template's order; parts without their own points share what the others leave
        (bonus parts, outside the template's points, leave nothing to share)."""
        specs = {name: self.template.answers.get(name) or answer_types.infer(value)
                 for name, value in self.answers.items()}
        fixed = sum(s.points for s in specs.values() if s.points is not None and not s.bonus)
        free = [n for n, s in specs.items() if s.points is None]
        share = (self.template.points - fixed) / len(free) if free else 0
        return [Part(n, s, self.answers[n], s.points if s.points is not None else share) for n, s in specs.items()]

    @property
    def points(self) -> float:
        """The maximum: every part but the bonus ones."""
        return sum(p.points for p in self.parts if not p.bonus)

    def context(self) -> dict:
        """What the question and solution texts see: params, answers, and per-part metadata."""
        parts = {p.name: p for p in self.parts}
        return {**self.work, **self.params, **self.answers, "params": self.params, "answers": self.answers,
                "parts": parts, "seed": self.seed, "template_id": self.template.id}

    def render(self, which: str, mode: str = "latex") -> str:
        from qbank.engine.render import render_text

        return render_text(self, which, mode)


def generate(tpl: Template, seed: int, pins: dict | None = None) -> Instance:
    """Draw an instance of `tpl` from `seed`, redrawing (bounded) until every constraint holds."""
    rng = rng_for(seed)
    pins = dict(pins or {})
    failed = None
    for _ in range(MAX_TRIES):
        params, answers, *rest = _returned(tpl, _pinned_draw(tpl, rng, pins) if pins else tpl.fn(rng))
        answers = _normalized(tpl, answers)
        _check_names(tpl, params, answers)
        failed = next((name for name, ok in tpl.constraints.items() if not ok(params, answers)), None)
        if failed is None:
            work = rest[0]() if rest and callable(rest[0]) else rest[0] if rest else {}
            if not isinstance(work, dict) or not all(isinstance(name, str) for name in work):
                raise TemplateError(f"template {tpl.id}: work must be a dict with string keys, or a function "
                                    f"returning one")
            _check_names(tpl, work)
            return Instance(tpl, seed, params, answers, pins, work)
    why = "with the pinned parameters" if pins else f"in {MAX_TRIES} draws"
    raise ConstraintError(f"template {tpl.id}: constraint '{failed}' never held {why}")


def _returned(tpl, result):
    """The template's (params, answers[, work]), each a dict with string keys, or a TemplateError.

    `work` may also be a function returning that dict: it is called only for the draw that satisfies the
    constraints (a template whose draws are mostly redrawn then skips the worked values of the others).
    """
    if not isinstance(result, tuple) or len(result) not in (2, 3) or not all(
            isinstance(d, dict) or (i == 2 and callable(d)) for i, d in enumerate(result)):
        raise TemplateError(f"template {tpl.id}: must return (params, answers) or (params, answers, work), "
                            f"each a dict (work may be a function returning one); got {type(result).__name__}")
    if not all(isinstance(name, str) for d in result if isinstance(d, dict) for name in d):
        raise TemplateError(f"template {tpl.id}: parameter, answer and work names must be strings")
    return result


def _check_names(tpl, *dicts):
    clash = RESERVED.intersection(name for names in dicts for name in names)
    if clash:
        raise TemplateError(f"template {tpl.id}: {', '.join(sorted(clash))} is reserved for the engine; rename it")


def _pinned_draw(tpl, rng, pins):
    """A draw with pinned values; values the core rejects are the user's bad input, not a crash.

    A KeyError is a pinned value that a template looks up in its table of choices (a cell type, say).
    """
    try:
        return run_pinned(tpl, rng, pins)
    except KeyError as exc:
        raise InputError(f"template {tpl.id}: the pinned parameters do not fit: "
                         f"{str(exc.args[0])!r} is not one of the values this template knows") from exc
    except TypeError as exc:  # a string where a number belongs: Python's words alone ("'<=' not supported") say too little
        raise InputError(f"template {tpl.id}: the pinned parameters do not fit: a value of the wrong type "
                         f"({', '.join(f'{k}={v!r}' for k, v in pins.items())}): {exc}") from exc
    except (ValueError, IndexError, ZeroDivisionError) as exc:
        raise InputError(f"template {tpl.id}: the pinned parameters do not fit: {exc}") from exc


def _normalized(tpl, answers):
    out = {}
    for name, value in answers.items():
        spec = tpl.answers.get(name) or answer_types.infer(value)
        try:
            out[name] = spec.normalize(value)
        except (ValueError, TypeError) as exc:
            raise TemplateError(f"template {tpl.id}: answer {name!r} is not a valid {spec.kind}: {exc}") from exc
    return out
