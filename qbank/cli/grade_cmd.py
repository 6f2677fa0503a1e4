"""`qbank grade KEY RESPONSES.csv`: score students, write the report, item analysis and histogram.

`qbank grade --template BUILD_DIR` writes instead the empty responses CSV a class fills in.
"""
import sys

import click

from qbank.errors import InputError


@click.command("grade")
@click.argument("key", type=click.Path(dir_okay=False), required=False)
@click.argument("responses", type=click.Path(dir_okay=False), required=False)
@click.option("--out", type=click.Path(dir_okay=False),
              help="Report CSV [default: RESPONSES-report.csv beside the responses]; with --template, the "
                   "responses CSV to write [default: BUILD_DIR/responses.csv].")
@click.option("--template", "build_dir", type=click.Path(),
              help="Write the empty responses CSV for the exam built in BUILD_DIR (its key.json) and stop.")
def grade_cmd(key, responses, out, build_dir):
    """Grade RESPONSES.csv (format: docs/grading.md) with KEY (an exam's key.json). Exit 1 when rows had problems."""
    if build_dir is not None:
        if key or responses:
            raise InputError("--template BUILD_DIR writes an empty responses file; give no KEY or RESPONSES with it")
        from qbank.grade.blank_form import write_blank_form

        click.echo(f"wrote {write_blank_form(build_dir, out)}")
        return
    if not key or not responses:
        raise InputError("qbank grade needs KEY and RESPONSES (or --template BUILD_DIR); see qbank grade --help")
    from qbank.grade import grade

    run = grade(key, responses, out)
    graded = sum(r.total is not None for r in run.results)
    click.echo(f"read {responses} as {run.delimiter}-separated; graded {graded} of {len(run.results)} student row(s)")
    if run.pending_points:
        click.echo(f"{run.pending_points:g} points still to be graded by a person (the :score columns); "
                   "totals cover the graded parts, the report's pending column says how many are left")
    for path in run.files:
        click.echo(f"  {path}")
    for note in run.notes:
        click.echo(f"qbank: note: {note}", err=True)
    for problem in run.problems:
        click.echo(f"qbank: {responses}: {problem}", err=True)
    sys.exit(1 if run.problems else 0)


COMMANDS = [grade_cmd]
