"""The `qbank` command line: a thin click layer over the library, one file per command."""
import sys

import click

from qbank import __version__
from qbank.errors import InputError


class QbankGroup(click.Group):
    """Reports bad input as one line on stderr with exit code 2, never a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except InputError as exc:
            click.echo(f"qbank: {exc}", err=True)
            sys.exit(2)


@click.group(cls=QbankGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="qbank")
def main():
    """Randomized deep-learning exam questions, solved by a numpy reference core."""


# Each module lists its click commands in COMMANDS; add a module here to add its commands.
_COMMAND_MODULES = (
    "templates_cmd",
    "check_cmd",
    "exam_cmd",
    "train_cmd",
    "practice_cmd",
    "export_cmd",
    "grade_cmd",
    "serve_cmd",
    "schema_cmd",
    "scan_cmd",
)


def _register():
    import importlib

    for name in _COMMAND_MODULES:
        for command in importlib.import_module(f"qbank.cli.{name}").COMMANDS:
            main.add_command(command)


_register()
