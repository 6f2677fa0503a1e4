"""`qbank serve`, `qbank roster`, `qbank gradebook`: the class server, its students, its grades (docs/serve.md)."""
import os
import sys
from pathlib import Path

import click

from qbank.errors import InputError

KEEP_ALIVE_S = 75  # a student thinks for a while between requests; uvicorn's 5 s drops their connection meanwhile
db_option = click.option("--db", "db_url", help="Database URL: sqlite:///FILE or postgresql://USER:PASS@HOST/DB "
                                                "(default: a SQLite file next to the course file).")


def _setup(course_path, db_url):
    """The checked course and the database URL, migrated to the latest schema."""
    try:
        from qbank.serve.course import parse
        from qbank.serve.database import default_url, normalized, prepare
    except ImportError as exc:
        raise InputError(f"qbank serve needs its extra: pip install 'qbank[serve]' ({exc.name} is missing)") from None
    course = parse(course_path)
    url = normalized(db_url or default_url(course_path))
    prepare(url)
    return course, url


@click.command("serve")
@click.argument("course_path", metavar="COURSE.yaml", type=click.Path(dir_okay=False))
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True, help="Worker processes.")
@click.option("--https-only", is_flag=True, help="Send the session cookie over HTTPS only (behind a TLS proxy).")
def serve_cmd(course_path, db_url, host, port, workers, https_only):
    """Serve the course's assignments to its students (sign in with the links `qbank roster` writes)."""
    import uvicorn

    course, url = _setup(course_path, db_url)
    os.environ.update(QBANK_COURSE=str(Path(course_path).resolve()), QBANK_DB=url,
                      QBANK_HTTPS_ONLY="1" if https_only else "0")
    click.echo(f"qbank serve: {course.title} ({len(course.assignments)} assignments) on http://{host}:{port} "
               f"with {workers} worker(s)", err=True)
    uvicorn.run("qbank.serve.app:from_environment", factory=True, host=host, port=port, workers=workers,
                access_log=False, log_level="warning",  # no access log: sign-in links carry tokens
                timeout_keep_alive=KEEP_ALIVE_S)


@click.command("roster")
@click.argument("course_path", metavar="COURSE.yaml", type=click.Path(dir_okay=False))
@click.argument("roster_path", metavar="ROSTER.csv", type=click.Path(dir_okay=False))
@db_option
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False), help="Where to write the sign-in links (CSV).")
@click.option("--base-url", default="http://127.0.0.1:8000", show_default=True, help="The server's address in the links.")
@click.option("--reissue", is_flag=True, help="Give everyone listed a new token (old links stop working).")
def roster_cmd(course_path, roster_path, db_url, out, base_url, reissue):
    """Import students (id, name, email[, role]) and write each new one's sign-in link."""
    from qbank.serve.database import connect
    from qbank.serve.roster import import_roster, read_roster

    course, url = _setup(course_path, db_url)
    rows = read_roster(roster_path)
    engine = connect(url)
    try:
        issued = import_roster(engine, course.id, rows, base_url, out, reissue)
    finally:
        engine.dispose()
    click.echo(f"qbank roster: {len(rows)} listed, {len(issued)} new links in {out} "
               f"({len(rows) - len(issued)} kept their link)", err=True)


@click.command("gradebook")
@click.argument("course_path", metavar="COURSE.yaml", type=click.Path(dir_okay=False))
@db_option
@click.option("--out", "out", type=click.Path(dir_okay=False), help="CSV file to write (default: standard output).")
def gradebook_cmd(course_path, db_url, out):
    """Export every student's points per assignment as CSV, in the shape LMS grade imports take."""
    from qbank.serve.database import connect
    from qbank.serve.gradebook import gradebook, gradebook_csv

    course, url = _setup(course_path, db_url)
    engine = connect(url)
    try:
        text = gradebook_csv(gradebook(course, engine))
    finally:
        engine.dispose()
    if out is None:
        sys.stdout.write(text)
        return
    staged = Path(out).with_name(f".{Path(out).name}.tmp")
    try:
        staged.write_text(text, encoding="utf-8")
        staged.replace(out)
    except OSError as exc:
        staged.unlink(missing_ok=True)
        raise InputError(f"{out}: {exc.strerror or exc}") from None


COMMANDS = [serve_cmd, roster_cmd, gradebook_cmd]
