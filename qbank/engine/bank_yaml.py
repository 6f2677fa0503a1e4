"""Reading bank files with line numbers: YAML nodes keep their `start_mark`, so every message names its line.

Text fields are read as their source text (a plain `yes` or `3` in an option
stays text), so an author never trips over YAML's type guessing.
"""
from __future__ import annotations

import math
import re
from pathlib import Path

import yaml

from qbank.errors import InputError
from qbank.paths import data_dir

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when PyYAML has it: ~10x faster
_ENDRAW = re.compile(r"\\BLOCK\{[-+]?\s*endraw\b")  # `\BLOCK{endraw}`, also with spaces or jinja's - and +


def compose(path: Path):
    """The root node of the YAML file at `path` (None when empty); I/O and syntax errors name the line."""
    where = shown(path)
    try:
        return yaml.compose(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except OSError as exc:
        raise InputError(f"{where}: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"{where}: not UTF-8 text (byte {exc.start}); save the file as UTF-8") from exc
    except yaml.MarkedYAMLError as exc:
        raise InputError(f"{where}:{exc.problem_mark.line + 1}: {exc.problem}") from exc


def fail(where, node, message):
    """Raise InputError("file:line: message") at `node`'s line."""
    raise InputError(f"{where}:{line(node)}: {message}")


def line(node) -> int:
    """The 1-based line where `node` starts (PyYAML counts from 0)."""
    return node.start_mark.line + 1


def fields(node, where, what, allowed=None) -> dict:
    """A mapping node as {name: (key node, value node)}; duplicate keys, and keys outside `allowed`, fail."""
    if not isinstance(node, yaml.MappingNode):
        fail(where, node, f"expected a mapping for the {what}")
    found = {}
    for key, value in node.value:
        name = key.value if isinstance(key, yaml.ScalarNode) else None
        if name in found:
            fail(where, key, f"field {name!r} appears twice (first at line {line(found[name][0])})")
        if name is None or (allowed is not None and name not in allowed):
            fail(where, key, f"unknown field {name!r} in the {what} (expected {', '.join(sorted(allowed or ()))})")
        found[name] = (key, value)
    return found


def text(node, where) -> str:
    """A non-empty scalar as its source text, stripped."""
    if not isinstance(node, yaml.ScalarNode) or not node.value.strip():
        fail(where, node, "expected non-empty text")
    if _ENDRAW.search(node.value):  # bank texts are shown verbatim inside jinja raw blocks
        fail(where, node, "text may not contain \\BLOCK{endraw}")
    return node.value.strip()


def texts(node, where, name) -> tuple:
    """A non-empty list of non-empty texts."""
    if not isinstance(node, yaml.SequenceNode) or not node.value:
        fail(where, node, f"{name}: expected a non-empty list")
    return tuple(text(child, where) for child in node.value)


def integer(node):
    """The node's value when YAML reads it as an integer, else None."""
    if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:int":
        return yaml.constructor.SafeConstructor().construct_yaml_int(node)
    return None


def points(node, where):
    """A positive number of points (an int when it is whole)."""
    try:
        value = float(text(node, where))
    except ValueError:
        value = 0.0
    if not (math.isfinite(value) and value > 0):
        fail(where, node, f"points: expected a positive number, got {node.value!r}")
    return int(value) if value.is_integer() else value


def shown(path: Path) -> str:
    """The path as messages show it: `banks/...` for a shipped bank, else as given."""
    try:
        return f"banks/{Path(path).resolve().relative_to(data_dir('banks').resolve()).as_posix()}"
    except ValueError:
        return str(path)
