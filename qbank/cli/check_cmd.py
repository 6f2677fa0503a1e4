"""`qbank check`: every template x N seeded draws, for instructors' CI (exit 1 when anything fails)."""
import json
import sys

import click

from qbank.cli import options
from qbank.errors import InputError


def select_templates(ids, topic, templates_dir, with_builtins) -> list:
    """The templates to check: --id ones, else the --templates DIR ones (plus built-ins if asked), else built-ins."""
    from qbank.check.draw import is_builtin
    from qbank.engine.template import all_templates, get

    own_ids = options.load_templates_dir(templates_dir)
    if ids:
        chosen = [get(i) for i in ids]
    elif templates_dir:
        own = [get(i) for i in own_ids]
        if not own:
            raise InputError(f"{templates_dir}: no templates found (a template file uses @template; "
                             "a bank file is named *.bank.yaml)")
        chosen = own + ([t for t in all_templates() if is_builtin(t)] if with_builtins else [])
    else:
        chosen = all_templates()
    if topic:
        chosen = [t for t in chosen if t.topic == topic]
        if not chosen:
            raise InputError(f"no templates of topic {topic!r} to check")
    return chosen


@click.command("check")
@options.templates_dir
@click.option("--with-builtins", is_flag=True, help="With --templates: check the built-in templates too.")
@click.option("--draws", type=click.IntRange(1), default=200, show_default=True,
              help="Draws per template (seeds 0..N-1).")
@click.option("--id", "ids", multiple=True, metavar="ID", help="Only this template (repeatable).")
@click.option("--seed", "seeds", multiple=True, type=click.IntRange(0), metavar="N",
              help="Only this seed (repeatable): every per-draw check on that draw, as a finding's reproduce "
                   "command runs it; replaces --draws.")
@click.option("--topic", help="Only templates of this topic.")
@click.option("--strict", is_flag=True, help="Warnings (degenerate draws, low variety) fail too.")
@click.option("--versions", type=click.IntRange(1),
              help="Warn when a template has too few variants for K exam versions.")
@click.option("--time-limit", type=click.FloatRange(0, min_open=True), default=2.0, show_default=True,
              help="Seconds one draw may take to generate.")
@click.option("--budget", type=click.FloatRange(0), default=20.0, show_default=True,
              help="CPU seconds per template; a slower template stops early with a warning (0: no budget).")
@click.option("--compile", "compile_latex", is_flag=True,
              help="Also compile a few draws of each template with pdflatex.")
@click.option("--junit", "junit_file", type=click.Path(dir_okay=False), help="Write a JUnit XML report here.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--jobs", type=click.IntRange(1), help="Processes checking templates at once [default: the CPUs].")
def check_cmd(templates_dir, with_builtins, draws, ids, seeds, topic, strict, versions, time_limit, budget, compile_latex,
              junit_file, as_json, jobs):
    """Check every template over N seeded draws: solvable, cross-checked, deterministic, renders, not degenerate.

    With --templates DIR only that directory's templates are checked (add
    --with-builtins for both). Every problem names its seed and the
    `qbank check --id ID --seed N` command that reproduces it. Degenerate draws and
    low variety are warnings unless --strict. Exit code 1 when a check fails,
    2 on bad input.
    """
    from qbank.check import run_check
    from qbank.check.junit import write_junit
    from qbank.check.parallel import usable_cpus
    from qbank.check.table import as_json as report_json, problems, summary, table

    chosen = select_templates(ids, topic, templates_dir, with_builtins)
    seeds = tuple(dict.fromkeys(seeds))  # each once, in the order given
    draws = len(seeds) or draws
    settings = dict(strict=strict, limit=time_limit, versions=versions, budget=budget or None,
                    compile=compile_latex, jobs=jobs or usable_cpus(), seeds=seeds)
    if sys.stderr.isatty() and not as_json:
        with click.progressbar(length=len(chosen) * draws, label="checking", file=sys.stderr) as bar:
            report = run_check(chosen, draws, progress=bar.update, **settings)
    else:
        report = run_check(chosen, draws, **settings)
    if junit_file:
        try:
            write_junit(report, junit_file)
        except OSError as exc:
            raise InputError(f"--junit {junit_file}: {exc.strerror}") from exc
    if as_json:
        click.echo(json.dumps(report_json(report), indent=2))
    else:
        click.echo(table(report))
        details = problems(report)
        if details:
            click.echo("\n" + details)
        click.echo("\n" + summary(report))
    if not report.ok:
        sys.exit(1)


COMMANDS = [check_cmd]
