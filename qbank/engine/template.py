"""The `@template` decorator and the registry of templates.

A template is a function `fn(rng) -> (params, answers)`: it draws values with
the numpy Generator the engine hands it and asks the core for the answers.
Everything else (text, answer types, constraints, the independent cross-check)
is declared beside it in the decorator, as R/exams keeps question, solution
and metadata together.
"""
from __future__ import annotations

import inspect
import os
import stat
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Callable

from qbank.engine.answers import Answer
from qbank.errors import InputError

REGISTRY: dict[str, "Template"] = {}


@dataclass
class Template:
    """One registered template: its draw function and everything the decorator declared beside it."""

    id: str
    fn: Callable
    topic: str
    points: float
    question: str
    solution: str
    answers: dict[str, Answer] = field(default_factory=dict)
    constraints: dict[str, Callable] = field(default_factory=dict)
    crosscheck: Callable | None = None
    title: str = ""
    kind: str = "numeric"  # numeric | choice | short (graded by a person)
    tags: tuple = ()
    source: str = ""  # "file.py:line", for error messages
    degenerate: dict[str, Callable] = field(default_factory=dict)
    allow: dict[str, str] = field(default_factory=dict)  # degenerate kind (qbank.check.kinds) -> why it is the point

    def __call__(self, rng):
        return self.fn(rng)

    @cached_property  # inspect.getfile + Path on every render cost ~10% of rendering
    def directory(self) -> Path:
        """The folder of the module that defines the template, where its `.tex.j2` texts live."""
        return Path(inspect.getfile(self.fn)).parent

    def text(self, which: str) -> str:
        """The question or solution source: inline text, or a `.tex.j2` file beside the module."""
        body = self.question if which == "question" else self.solution
        if body.endswith(".j2") and "\n" not in body:
            return _file_text(self.directory / body, f"template {self.id}: {which} file")
        return body


def template(id, *, topic, points=1, question, solution="", answers=None, constraints=None,
             crosscheck=None, title="", kind="numeric", tags=(), degenerate=None, allow=None):
    """Register `fn(rng) -> (params, answers[, work])` as template `id`.

    work: optional dict of intermediate values from the core that the worked
        solution shows (padded input, scores, ...); never graded.

    answers: name -> Answer type (points, label, prompt per part); undeclared
        answers get a type from their value.
    constraints: description -> predicate(params, answers); the engine redraws
        (bounded) until every predicate holds, and names the one that never did.
    crosscheck: fn(params, answers) that recomputes the answers by an
        independent path (exact sympy arithmetic, say) and raises AssertionError
        on a mismatch; `qbank check` and the test sweep run it.
    degenerate: description -> predicate(params, answers, work) that is True
        when a draw makes the hand calculation ambiguous or trivial (a tie in a
        max-pool window, an activation exactly at a kink); `qbank check` warns.
    allow: degenerate kind of qbank.check.kinds -> why the question is about it (pooled outputs that
        print the same are the translation invariance asked about); check reports its rate, no warning.
    """

    def register(fn):
        src = f"{Path(inspect.getfile(fn)).name}:{inspect.getsourcelines(fn)[1]}"
        _require_known_kinds(id, src, allow or {})
        tpl = Template(id=id, fn=fn, topic=topic, points=points, question=question, solution=solution,
                       answers=dict(answers or {}), constraints=dict(constraints or {}),
                       crosscheck=crosscheck, title=title or id, kind=kind, tags=tuple(tags), source=src,
                       degenerate=dict(degenerate or {}), allow=dict(allow or {}))
        add(tpl)
        return tpl

    return register


def _require_known_kinds(template_id, source, allow) -> None:
    from qbank.check.kinds import KINDS

    unknown = sorted(set(allow) - set(KINDS))
    if unknown:
        raise InputError(f"{source}: template {template_id}: allow= names unknown degenerate kinds "
                         f"{', '.join(unknown)} (known: {', '.join(KINDS)})")


def add(tpl: Template) -> None:
    """Register `tpl`; the same function registered again (a reloaded file) replaces itself, another one is an error."""
    old = REGISTRY.get(tpl.id)
    if old is not None and _origin(old) != _origin(tpl):
        raise InputError(f"duplicate template id {tpl.id!r}: {old.source} and {tpl.source}")
    REGISTRY[tpl.id] = tpl


def _origin(tpl: Template):
    return (inspect.getfile(tpl.fn), tpl.fn.__qualname__)


def get(template_id: str) -> Template:
    """The registered template, or an InputError that suggests the closest ids.

    A built-in is found through the index, so only its own module (or bank file) is loaded.
    """
    from qbank.engine import index
    from qbank.engine.loader import load_builtins

    if template_id not in REGISTRY and not index.load_source(template_id):
        load_builtins()
    if template_id not in REGISTRY:
        import difflib

        close = difflib.get_close_matches(template_id, REGISTRY, n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(close)}?" if close else "; `qbank list` shows them"
        raise InputError(f"unknown template {template_id!r}{hint}")
    return REGISTRY[template_id]


def all_templates(topic: str | None = None) -> list[Template]:
    """Every registered template (built-ins loaded first), of one topic when given, sorted by id."""
    from qbank.engine.loader import load_builtins

    load_builtins()
    return sorted((t for t in REGISTRY.values() if topic in (None, t.topic)), key=lambda t: t.id)


_TEXTS: dict = {}  # path -> ((modification time, size), text): an exam renders each text once per version and part


def _file_text(path: Path, what: str) -> str:
    """The text of the file at `path`, read again only when it changed (a running `qbank serve` sees an edit)."""
    try:
        info = os.stat(path)
    except OSError:
        info = None
    if info is None or not stat.S_ISREG(info.st_mode):
        raise InputError(f"{what} {path} not found")
    version, cached = (info.st_mtime_ns, info.st_size), _TEXTS.get(path)
    if cached is None or cached[0] != version:
        cached = _TEXTS[path] = (version, path.read_text(encoding="utf-8"))
    return cached[1]

