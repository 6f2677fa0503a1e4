"""Options several commands share: --templates DIR, --seed, --set k=v, --params FILE."""
from __future__ import annotations

import json
from pathlib import Path

import click

from qbank.errors import InputError

templates_dir = click.option("--templates", "templates_dir", type=click.Path(file_okay=False),
                             help="Also load the instructor's templates from this directory.")
seed = click.option("--seed", type=click.IntRange(min=0), default=0, show_default=True, help="Seed of the draw.")
set_params = click.option("--set", "assignments", multiple=True, metavar="NAME=VALUE",
                          help="Pin a parameter (JSON value: 3, 0.5, [[1, 2], [3, 4]]). Repeatable.")
params_file = click.option("--params", "params_file", type=click.Path(dir_okay=False),
                           help="Pin parameters from a JSON object file.")


def load_templates_dir(directory) -> list[str]:
    """Register the templates of --templates DIR; returns their ids (none when it was not given)."""
    if not directory:
        return []
    from qbank.engine.loader import load_directory

    return load_directory(directory)


def pins_from(assignments, params_file) -> dict:
    """Merge --params FILE.json and --set NAME=VALUE (the latter wins)."""
    pins = {}
    if params_file:
        try:
            pins = json.loads(Path(params_file).read_text(encoding="utf-8"))
        except OSError as exc:
            raise InputError(f"{params_file}: {exc.strerror or exc}") from exc
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(f"{params_file}: not a JSON file ({exc})") from exc
        if not isinstance(pins, dict):
            raise InputError(f"{params_file}: expected a JSON object of parameter values")
    for item in assignments:
        name, sep, raw = item.partition("=")
        if not sep or not name.strip():
            raise InputError(f"--set {item!r}: expected NAME=VALUE")
        try:
            pins[name.strip()] = json.loads(raw)
        except json.JSONDecodeError:
            pins[name.strip()] = raw
    return pins
