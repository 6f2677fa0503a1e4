"""`run_check`: every template, N draws with seeds 0..N-1, every check; returns a CheckReport.

Seeds are the ones `qbank show ID --seed N` uses, so any finding reproduces
alone. A template whose first draws all fail to generate (an impossible
constraint, a hang) is stopped early instead of paying 1000 redraws or the
time bound on every seed.
"""
from __future__ import annotations

import os
import time
from collections import Counter

from qbank.check.choices import check_balance, check_options
from qbank.check.degeneracy import check_degeneracy
from qbank.check.draw import check_draw, fingerprint
from qbank.check.findings import FAILURE, CheckReport, Collector, Finding, TemplateReport
from qbank.check.globalstate import preserved
from qbank.check.variety import check_variety, variant_key

DEFAULT_DRAWS = 200
DEFAULT_LIMIT = 2.0  # seconds per draw for generation (and again for crosscheck, rendering)
STOP_AFTER = 5  # draws in a row that did not generate, before any that did (or timeouts in all)
COMPILE_SAMPLES = 3  # draws per template compiled by --compile


def is_builtin(tpl) -> bool:
    return tpl.fn.__module__.startswith("qbank.")


def templates_dir_of(tpl):
    """The --templates argument that reproduces an instructor's template (relative when under the cwd)."""
    if is_builtin(tpl):
        return None
    relative = os.path.relpath(tpl.directory)
    return tpl.directory if relative.startswith("..") else relative


def check_template(tpl, draws: int = DEFAULT_DRAWS, *, strict=False, limit=DEFAULT_LIMIT, versions=None,
                   on_draw=None, samples=None) -> TemplateReport:
    """Check one template over seeds 0..draws-1; `samples` (a list) receives (seed, latex texts) to compile."""
    out = Collector(tpl.id, strict, templates_dir_of(tpl))
    variants, positions, has_params = Counter(), [], False
    attempted, done, gen_s, render_s = 0, 0, 0.0, 0.0
    with preserved():
        for seed in range(draws):
            if on_draw:
                on_draw()
            attempted += 1
            draw = check_draw(tpl, seed, out, limit)
            if draw is None:
                if (done == 0 and attempted >= STOP_AFTER) or out.count("timeout") >= STOP_AFTER:
                    out.add("stopped", f"stopped after seed {seed}: {attempted - done} of {attempted} draws "
                                       "failed to generate")
                    break
                continue
            done += 1
            gen_s, render_s = gen_s + draw.gen_s, render_s + draw.render_s
            has_params = has_params or bool(draw.instance.params)
            variants[variant_key(fingerprint(draw.instance))] += 1
            position = check_options(draw.instance, out, seed)
            if position is not None:
                positions.append(position)
            check_degeneracy(tpl, draw.instance, draw.texts, out, seed, limit)
            if samples is not None and draw.texts and len(samples) < COMPILE_SAMPLES:
                samples.append((seed, {which: draw.texts[which, "latex"] for which in ("question", "prompts",
                                                                                       "solution")}))
    distinct, space = check_variety(variants, has_params, versions, out)
    if distinct > 1:
        check_balance(positions, out)
    return TemplateReport(tpl.id, tpl.topic, is_builtin(tpl), draws=attempted,
                          gen_ms=1000 * gen_s / max(done, 1), render_ms=1000 * render_s / max(done, 1),
                          variants=distinct, variant_space=space, findings=out.findings())


def run_check(templates, draws: int = DEFAULT_DRAWS, *, strict=False, limit=DEFAULT_LIMIT, versions=None,
              compile=False, jobs=2, progress=None) -> CheckReport:
    """Check every template in `templates` (Template objects); `progress(n)` is told of each n draws done.

    compile: also build a few draws of each template with pdflatex (`jobs` at a time).
    """
    from qbank.check.latex import compile_all, document

    started, reports, documents = time.perf_counter(), [], {}
    for tpl in templates:
        samples = [] if compile else None
        reports.append(check_template(tpl, draws, strict=strict, limit=limit, versions=versions,
                                      on_draw=(lambda: progress(1)) if progress else None, samples=samples))
        if samples:
            documents[tpl.id] = document(samples)
    if documents:
        errors = compile_all(documents, jobs)
        for report in reports:
            if errors.get(report.id):
                report.findings.insert(0, Finding("latex", FAILURE, "pdflatex: " + "; ".join(errors[report.id])))
    return CheckReport(reports, strict, time.perf_counter() - started)
