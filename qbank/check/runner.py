"""`run_check`: every template, N draws with seeds 0..N-1, every check; returns a CheckReport.

Seeds are the ones `qbank show ID --seed N` uses, so any finding reproduces
alone. A template whose first draws all fail to generate (an impossible
constraint, a hang) is stopped early instead of paying 1000 redraws or the
time bound on every seed, and one whose draws are slow (an exact sympy
crosscheck of a big network) stops when its CPU budget is spent, with a
warning naming how many draws were checked: CI time stays bounded.
"""
from __future__ import annotations

import os
import time
from collections import Counter
from dataclasses import dataclass
from functools import partial

from qbank.check.choices import check_balance, check_options
from qbank.check.degeneracy import check_degeneracy
from qbank.check.draw import check_draw, fingerprint, is_builtin
from qbank.check.findings import FAILURE, WARNING, CheckReport, Collector, Finding, TemplateReport, location
from qbank.check.globalstate import preserved
from qbank.check.latex import segments
from qbank.check.parallel import map_templates
from qbank.check.pinnable import check_pinnable
from qbank.check.positions import check_position_words
from qbank.check.variety import check_variety, variant_key

STOP_AFTER = 5  # failed draws before any succeeded, or timeouts in all: the template is stopped
COMPILE_SAMPLES = 3  # draws per template compiled by --compile
FIRST_DRAW_ALLOWANCE = 5  # the first draw pays one-off imports and caches (sympy): 5x the time limit


@dataclass(frozen=True)
class Settings:
    """How a run checks: draws per template, strictness, time limits and budget, variety target, --compile."""

    draws: int = 200
    strict: bool = False  # every warning fails
    limit: float = 2.0  # seconds one draw may take to generate (and to render); a crosscheck gets ten times that
    versions: int | None = None  # exam versions the variety must support
    budget: float | None = 20.0  # CPU seconds per template; None: every draw whatever it costs
    compile: bool = False  # build COMPILE_SAMPLES draws per template with pdflatex
    seeds: tuple = ()  # only these seeds (`qbank check --id ID --seed N`): no variety, balance or budget

    @property
    def chosen_seeds(self):
        """The seeds to draw: the ones asked for, else 0..draws-1."""
        return self.seeds or range(self.draws)


def templates_dir_of(tpl):
    """The --templates argument that reproduces an instructor's template (relative when under the cwd)."""
    if is_builtin(tpl):
        return None
    relative = os.path.relpath(tpl.directory)
    return tpl.directory if relative.startswith("..") else relative


def check_template(tpl, settings: Settings = Settings(), on_draws=None, samples=None) -> TemplateReport:
    """Check one template over seeds 0..draws-1; `samples` (a list) receives (seed, segments) to compile.

    on_draws(n) is told of every n draws done.
    """
    out = Collector(tpl.id, settings.strict, templates_dir_of(tpl))
    check_position_words(tpl, out)
    variants, positions, has_params, degenerate = Counter(), [], False, Counter()
    attempted, done, gen_s, render_s, cpu_start = 0, 0, 0.0, 0.0, time.process_time()
    seeds = settings.chosen_seeds
    with preserved():
        for seed in seeds:
            if on_draws:
                on_draws(1)
            attempted += 1
            limit = settings.limit * (FIRST_DRAW_ALLOWANCE if attempted == 1 else 1)
            draw = check_draw(tpl, seed, out, limit)
            if draw is None and ((done == 0 and attempted >= STOP_AFTER) or out.count("timeout") >= STOP_AFTER):
                out.add("stopped", f"stopped after seed {seed}: {attempted - done} of {attempted} draws failed")
                break
            if draw is not None:
                done += 1
                if done == 1:
                    check_pinnable(tpl, draw.instance, out, limit)
                gen_s, render_s = gen_s + draw.gen_s, render_s + draw.render_s
                has_params = has_params or bool(draw.instance.params)
                variants[variant_key(fingerprint(draw.instance))] += 1
                position = check_options(draw.instance, out, seed)
                if position is not None:
                    positions.append(position)
                degenerate.update(check_degeneracy(tpl, draw.instance, draw.texts, out, seed, limit))
                if samples is not None and draw.texts and len(samples) < COMPILE_SAMPLES:
                    samples.append((seed, segments(draw.instance, draw.texts)))
            spent = time.process_time() - cpu_start
            if settings.budget and spent > settings.budget and attempted < len(seeds) and not settings.seeds:
                out.add("budget", f"checked {attempted} of {len(seeds)} draws in the {settings.budget:g} s CPU "
                                  f"budget ({1000 * spent / attempted:.0f} ms per draw): raise --budget or speed "
                                  "up the template", severity=WARNING)
                break
    if on_draws and attempted < len(seeds):
        on_draws(len(seeds) - attempted)
    distinct, space = len(variants), ""
    if not settings.seeds:  # variety and balance are properties of many draws, not of the ones asked for
        distinct, space = check_variety(variants, has_params, settings.versions, out)
        if distinct > 1:
            check_balance(positions, out)
    return TemplateReport(tpl.id, tpl.topic, is_builtin(tpl), draws=attempted,
                          gen_ms=1000 * gen_s / max(done, 1), render_ms=1000 * render_s / max(done, 1),
                          variants=distinct, variant_space=space, findings=out.findings(), source=location(tpl),
                          degenerate=dict(sorted(degenerate.items())), allowed=sorted(tpl.allow))


def _check_by_id(template_id, settings: Settings, progress=None):
    """One task of run_check: (report, samples to compile); the template is looked up in the (inherited) registry."""
    from qbank.engine.template import REGISTRY

    samples = [] if settings.compile else None
    return check_template(REGISTRY[template_id], settings, progress, samples), samples


def run_check(templates, draws: int = 200, *, jobs: int = 1, progress=None, **options) -> CheckReport:
    """Check every template in `templates` (registered Template objects) with `jobs` processes.

    options: the fields of Settings (strict, limit, versions, budget, compile).
    progress(n) is told of every n draws done (each draw when jobs is 1, each template otherwise).
    """
    from qbank.check.latex import compile_all, document, require_pdflatex

    settings = Settings(draws=draws, **options)
    if settings.compile:
        require_pdflatex()  # before the draws, not after minutes of them
    started = time.perf_counter()
    ids = [tpl.id for tpl in templates]
    work = partial(_check_by_id, settings=settings)
    if progress and (jobs <= 1 or len(ids) <= 1):
        results = map_templates(partial(work, progress=progress), ids, 1)
    else:
        results = map_templates(work, ids, jobs, (lambda tid, result: progress(draws)) if progress else None)
    reports = [report for report, _ in results]
    documents = {report.id: document(samples) for report, samples in results if samples}
    if documents:
        errors = compile_all(documents, jobs)
        for report in reports:
            if errors.get(report.id):
                report.findings.insert(0, Finding("latex", FAILURE, "pdflatex: " + "; ".join(errors[report.id])))
    return CheckReport(reports, settings.strict, time.perf_counter() - started)
