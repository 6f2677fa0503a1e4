"""`qbank exam BANK.yaml` builds exam versions; `qbank demo` builds the shipped demo final exam."""
import sys
from pathlib import Path

import click

from qbank.cli import options
from qbank.paths import data_dir

DEMO_BANK = "demo-final.yaml"


def _report(message):
    if sys.stderr.isatty():
        click.echo(f"qbank: {message} ...", err=True)


class _Bars:
    """Progress bars on stderr, one per build stage, only when stderr is a terminal."""

    def __init__(self):
        self.bar = None

    def __call__(self, label, total):
        self.close()
        self.bar = click.progressbar(length=total, label=f"qbank: {label}", file=sys.stderr)
        self.bar.__enter__()
        bar = self.bar
        return lambda n=1: bar.update(n)

    def close(self):
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def _build_and_print(bank, out, versions, seed, no_pdf, templates_dir=None, force=False, sheets=False):
    from qbank.exam import build  # here, not at the top: every other command would pay for loading it

    dirs = [templates_dir] if templates_dir else []
    bars = _Bars() if sys.stderr.isatty() else None
    try:
        result = build(bank, out, versions=versions, seed=seed, make_pdf=not no_pdf, template_dirs=dirs,
                       report=_report if bars is None else lambda message: None, force=force, progress=bars,
                       sheets=sheets)
    finally:
        if bars is not None:
            bars.close()
    click.echo(f"{len(result.letters)} version(s) ({', '.join(result.letters)}) written to {result.out}/")
    for name in result.files:
        click.echo(f"  {result.out / name}")
    for note in result.notes:
        click.echo(f"qbank: note: {note}", err=True)


_force = click.option("--force", is_flag=True,
                      help="Replace a different build (other spec, seed or versions) already in --out.")


@click.command("exam")
@click.argument("bank", type=click.Path(dir_okay=False))
@click.option("--versions", type=click.IntRange(min=1), help="Number of versions (default: the spec's; at most 702).")
@click.option("--seed", type=click.IntRange(min=0), help="Exam seed (default: the spec's).")
@click.option("--out", type=click.Path(file_okay=False), help="Output directory [default: output/<bank name>].")
@click.option("--no-pdf", is_flag=True, help="Write the .tex files and the key only.")
@_force
@click.option("--sheets", is_flag=True,
              help="Also answer sheets for `qbank scan` (sheets_<V>.pdf, sheet_layout.json); the spec key `sheets:`.")
@options.templates_dir
def exam_cmd(bank, versions, seed, out, no_pdf, force, sheets, templates_dir):
    """Build exam and solution versions (LaTeX, PDF), key.json, key.csv and a manifest from BANK.yaml."""
    _build_and_print(bank, Path(out) if out else Path("output") / Path(bank).stem, versions, seed, no_pdf,
                     templates_dir, force, sheets)


@click.command("demo")
@click.option("--out", type=click.Path(file_okay=False), default="output/demo", show_default=True,
              help="Output directory.")
@click.option("--versions", type=click.IntRange(min=1), default=3, show_default=True, help="Number of versions.")
@click.option("--no-pdf", is_flag=True, help="Write the .tex files and the key only.")
@_force
def demo_cmd(out, versions, no_pdf, force):
    """Build the shipped demo final exam (3 versions with PDFs) into output/demo/."""
    _build_and_print(data_dir("banks") / DEMO_BANK, Path(out), versions, None, no_pdf, force=force)


COMMANDS = [exam_cmd, demo_cmd]
