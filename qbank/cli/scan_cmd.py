"""`qbank scan SCANS... --build DIR --out responses.csv`: scanned answer sheets to the responses CSV."""
import sys

import click


class _Bar:
    """A one-line progress bar on stderr, drawn only when stderr is a terminal."""

    def __init__(self):
        self.tty = sys.stderr.isatty()

    def __call__(self, done: int, total: int) -> None:
        if self.tty:
            filled = 30 * done // total
            click.echo(f"\rqbank scan: [{'#' * filled}{'.' * (30 - filled)}] {done}/{total} pages", err=True, nl=False)
            if done == total:
                click.echo("", err=True)


@click.command("scan")
@click.argument("scans", nargs=-1, required=True, type=click.Path())
@click.option("--build", "build_dir", required=True, type=click.Path(file_okay=False),
              help="The exam's build folder (from `qbank exam --sheets`): sheet_layout.json and key.json.")
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="The responses CSV to write.")
@click.option("--boxes", type=click.Path(dir_okay=False), help="Also write every box's state and confidence here.")
@click.option("--review", "review_path", type=click.Path(dir_okay=False),
              help="Review CSV (read for corrections, then rewritten) [default: OUT-review.csv; HTML beside it].")
@click.option("--workers", type=click.IntRange(min=1), help="Processes reading pages [default: all cores].")
def scan_cmd(scans, build_dir, out, boxes, review_path, workers):
    """Read scanned answer sheets (PDFs, PNG/JPEG files or folders, pages in any order) into OUT for
    `qbank grade`. Exit 1 while the review report has open items."""
    from qbank.scan.run import scan

    run = scan(scans, build_dir, out, boxes, review_path, workers, _Bar())
    click.echo(f"read {run.pages} page(s) into {len(run.rows)} student row(s); "
               f"{len(run.open_items)} item(s) to review")
    for path in run.files:
        click.echo(f"  {path}")
    sys.exit(1 if run.open_items else 0)


COMMANDS = [scan_cmd]
