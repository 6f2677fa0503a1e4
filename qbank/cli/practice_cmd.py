"""`qbank practice`: drill questions in the terminal, or serve the practice page on this machine (--web)."""
import secrets

import click

from qbank.cli import options
from qbank.engine.template import all_templates
from qbank.errors import InputError


@click.command("practice")
@click.option("--topic", "topics", multiple=True, help="Only this topic (repeatable). Default: every topic.")
@click.option("--count", type=click.IntRange(min=1),
              help="Stop after N questions (default: until Ctrl-C or Ctrl-D). Terminal drill only.")
@click.option("--seed", type=int,
              help="Session seed, to replay a session (default: a fresh one, printed). Terminal drill only.")
@click.option("--progress", "progress_file", type=click.Path(dir_okay=False),
              help="Progress file, kept by the drill and the page (default: $XDG_DATA_HOME/qbank/progress.json "
                   "or ~/.local/share/...).")
@click.option("--web", is_flag=True, help="Serve the practice page instead of the terminal drill.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to serve on (--web).")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True,
              help="Port to serve on (--web; 0 picks a free one).")
@options.templates_dir
def practice_cmd(topics, count, seed, progress_file, web, host, port, templates_dir):
    """Practise with fresh variants: instant feedback per part, then the worked solution and the key."""
    if web and (seed is not None or count is not None):
        given = "--seed" if seed is not None else "--count"
        raise InputError(f"{given} applies to the terminal drill only: the page gives every question a fresh seed and "
                         "runs until Ctrl-C; leave it out with --web")
    options.load_templates_dir(templates_dir)
    templates = _templates(topics)
    from qbank.practice import progress

    record = progress.load(progress_file or progress.default_path())
    if web:
        from qbank.practice.server import serve

        serve(templates, host, port, record)
        return
    from qbank.practice.terminal import Drill

    Drill(templates, record, secrets.randbits(32) if seed is None else seed, count).run()


def _templates(topics) -> list:
    templates = all_templates()
    known = sorted({t.topic for t in templates})
    unknown = [t for t in topics if t not in known]
    if unknown:
        raise InputError(f"unknown topic {unknown[0]!r}; topics: {', '.join(known)}")
    return [t for t in templates if not topics or t.topic in topics]


COMMANDS = [practice_cmd]
