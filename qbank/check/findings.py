"""What a check run found: one Finding per (template, kind of problem), a report per template and in all.

A finding keeps every seed it happened on, the first message, and the exact
command that reproduces the first seed, so a CI log is enough to start debugging.
Failures make `qbank check` exit 1; warnings (degeneracy, variety) do so only
with --strict.
"""
from __future__ import annotations

import inspect
import json
import shlex
from dataclasses import dataclass, field
from pathlib import Path

from qbank.engine.numbers import jsonable

FAILURE, WARNING = "failure", "warning"


@dataclass
class Finding:
    """One kind of problem of one template, over every seed it happened on."""

    kind: str  # short name: "crosscheck", "render", "global-random", "degenerate", ...
    severity: str  # FAILURE or WARNING
    message: str  # the first occurrence's message
    seeds: list = field(default_factory=list)  # every seed it happened on (empty: not tied to a draw)
    reproduce: str = ""  # command that reproduces the first seed


@dataclass
class TemplateReport:
    """What checking one template found, with its draws, speed and variety."""

    id: str
    topic: str
    builtin: bool
    draws: int = 0
    gen_ms: float = 0.0  # mean ms per draw for generation + crosscheck
    render_ms: float = 0.0  # mean ms per draw for rendering question and solution in both modes
    variants: int = 0  # distinct parameter sets among the draws
    variant_space: str = ""  # estimate of how many distinct variants the template can produce
    findings: list = field(default_factory=list)
    source: str = ""  # "path:line" where the template is defined (see location)
    degenerate: dict = field(default_factory=dict)  # degenerate kind -> draws that showed it
    allowed: list = field(default_factory=list)  # kinds the template allows: the question is about them

    @property
    def failures(self) -> list:
        """Findings that fail the check."""
        return [f for f in self.findings if f.severity == FAILURE]

    @property
    def warnings(self) -> list:
        """Findings that only warn (without --strict)."""
        return [f for f in self.findings if f.severity == WARNING]

    @property
    def ok(self) -> bool:
        """No failure (warnings allowed)."""
        return not self.failures


@dataclass
class CheckReport:
    """A whole run: one TemplateReport per template; ok when none failed."""

    templates: list = field(default_factory=list)
    strict: bool = False
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """Every template passed: `qbank check` exits 0."""
        return all(t.ok for t in self.templates)

    @property
    def failed(self) -> list:
        """The templates with at least one failure."""
        return [t for t in self.templates if not t.ok]


def location(tpl) -> str:
    """Where `tpl` is defined, as "path:line": its module's path (relative to the working directory
    when inside it) for a Python template, the bank file's own "file:line" for a bank item."""
    name, _, line = tpl.source.rpartition(":")
    try:
        module = Path(inspect.getfile(tpl.fn)).resolve()
    except TypeError:  # a function without a file
        return tpl.source
    if module.name != name:  # a bank item: its source already names the bank file
        return tpl.source
    try:
        module = module.relative_to(Path.cwd())
    except ValueError:
        pass
    return f"{module}:{line}"


class Collector:
    """Gathers one template's problems, merging repeats of the same kind into one Finding."""

    def __init__(self, template_id: str, strict: bool, templates_dir=None):
        self.template_id, self.strict, self.templates_dir = template_id, strict, templates_dir
        self.by_kind: dict[str, Finding] = {}

    def add(self, kind: str, message: str, seed=None, severity: str = FAILURE, pins=None) -> None:
        """Record a problem; --strict turns every warning into a failure."""
        if self.strict:
            severity = FAILURE
        found = self.by_kind.get(kind)
        if found is None:
            found = Finding(kind, severity, message, reproduce=self.reproduce(seed, pins) if seed is not None else "")
            self.by_kind[kind] = found
        if seed is not None and seed not in found.seeds:
            found.seeds.append(seed)

    def count(self, kind: str) -> int:
        """How many seeds a kind of problem has happened on so far."""
        found = self.by_kind.get(kind)
        return len(found.seeds) if found else 0

    def reproduce(self, seed: int, pins=None) -> str:
        """`qbank check --id ID --seed N`, which runs every per-draw check again and fails the same way (with
        --templates DIR for an instructor's template); a finding about pinned values is shown with
        `qbank show ID --seed N --set ... --solution`."""
        where = ["--templates", str(self.templates_dir)] if self.templates_dir else []
        if not pins:
            words = ["qbank", "check", "--id", self.template_id, "--seed", str(seed), *where]
            return " ".join(shlex.quote(w) for w in words)
        words = ["qbank", "show", self.template_id, "--seed", str(seed), *where]
        for name, value in pins.items():
            words += ["--set", f"{name}={json.dumps(jsonable(value), separators=(',', ':'))}"]
        return " ".join(shlex.quote(w) for w in words) + " --solution"

    def findings(self) -> list:
        """The merged findings: failures first, and "stopped" after the problem that stopped the template."""
        return sorted(self.by_kind.values(), key=lambda f: (f.severity != FAILURE, f.kind == "stopped", f.kind))
