"""`qbank grade KEY RESPONSES.csv`: score students, write the report, item analysis and histogram."""
import sys

import click

from qbank.grade import grade


@click.command("grade")
@click.argument("key", type=click.Path(dir_okay=False))
@click.argument("responses", type=click.Path(dir_okay=False))
@click.option("--out", type=click.Path(dir_okay=False),
              help="Report CSV [default: RESPONSES-report.csv beside the responses].")
def grade_cmd(key, responses, out):
    """Grade RESPONSES.csv (format: docs/grading.md) with KEY (an exam's key.json). Exit 1 when rows had problems."""
    run = grade(key, responses, out)
    graded = sum(r.total is not None for r in run.results)
    click.echo(f"graded {graded} of {len(run.results)} student row(s)")
    for path in run.files:
        click.echo(f"  {path}")
    for note in run.notes:
        click.echo(f"qbank: note: {note}", err=True)
    for problem in run.problems:
        click.echo(f"qbank: {responses}: {problem}", err=True)
    sys.exit(1 if run.problems else 0)


COMMANDS = [grade_cmd]
