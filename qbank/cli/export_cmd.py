"""`qbank export BANK.yaml --format moodle|qti|gift`: the exam's versions as LMS question banks."""
from pathlib import Path

import click

from qbank.cli import options
from qbank import export as lms


@click.command("export")
@click.argument("bank", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(list(lms.FILES)), required=True,
              help="moodle: Moodle XML; qti: QTI 1.2 zip for Canvas; gift: Moodle GIFT text.")
@click.option("--versions", type=click.IntRange(min=1), help="Number of versions (default: the spec's).")
@click.option("--seed", type=click.IntRange(min=0), help="Exam seed (default: the spec's).")
@click.option("--out", type=click.Path(file_okay=False), help="Output directory [default: output/<bank name>].")
@options.templates_dir
def export_cmd(bank, fmt, versions, seed, out, templates_dir):
    """Export BANK.yaml's versions for an LMS: one category (question group) per question, one variant per version."""
    dirs = [templates_dir] if templates_dir else []
    path = lms.export(bank, fmt, Path(out) if out else Path("output") / Path(bank).stem, versions, seed, dirs)
    click.echo(f"{path}")


COMMANDS = [export_cmd]
