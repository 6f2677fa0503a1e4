"""`qbank exam BANK.yaml` builds exam versions; `qbank demo` builds the shipped demo final exam."""
import sys
from pathlib import Path

import click

from qbank.cli import options
from qbank.exam import build
from qbank.paths import data_dir

DEMO_BANK = "demo-final.yaml"


def _report(message):
    if sys.stderr.isatty():
        click.echo(f"qbank: {message} ...", err=True)


def _build_and_print(bank, out, versions, seed, no_pdf, templates_dir=None):
    dirs = [templates_dir] if templates_dir else []
    result = build(bank, out, versions=versions, seed=seed, make_pdf=not no_pdf, template_dirs=dirs,
                   report=_report)
    click.echo(f"{len(result.letters)} version(s) ({', '.join(result.letters)}) written to {result.out}/")
    for name in result.files:
        click.echo(f"  {result.out / name}")
    for note in result.notes:
        click.echo(f"qbank: note: {note}", err=True)


@click.command("exam")
@click.argument("bank", type=click.Path(dir_okay=False))
@click.option("--versions", type=click.IntRange(min=1), help="Number of versions (default: the spec's).")
@click.option("--seed", type=click.IntRange(min=0), help="Exam seed (default: the spec's).")
@click.option("--out", type=click.Path(file_okay=False), help="Output directory [default: output/<bank name>].")
@click.option("--no-pdf", is_flag=True, help="Write the .tex files and the key only.")
@options.templates_dir
def exam_cmd(bank, versions, seed, out, no_pdf, templates_dir):
    """Build exam and solution versions (LaTeX, PDF), key.json, key.csv and a manifest from BANK.yaml."""
    _build_and_print(bank, Path(out) if out else Path("output") / Path(bank).stem, versions, seed, no_pdf,
                     templates_dir)


@click.command("demo")
@click.option("--out", type=click.Path(file_okay=False), default="output/demo", show_default=True,
              help="Output directory.")
@click.option("--versions", type=click.IntRange(min=1), default=3, show_default=True, help="Number of versions.")
@click.option("--no-pdf", is_flag=True, help="Write the .tex files and the key only.")
def demo_cmd(out, versions, no_pdf):
    """Build the shipped demo final exam (3 versions with PDFs) into output/demo/."""
    _build_and_print(data_dir("banks") / DEMO_BANK, Path(out), versions, None, no_pdf)


COMMANDS = [exam_cmd, demo_cmd]
