"""Checking a YAML file loaded with line records (qbank/exam/yamlnodes.py) against a JSON Schema.

jsonschema finds the most relevant violation (best_match); the message names the
file and the line of the offending value, in the words of the file: an unknown
key with the closest allowed one, a missing key by name. The exam spec and the
course file both use it. A file found valid is recorded in qbank's cache folder
(qbank/cache.py) under the hash of its schema and its loaded content, so the next run of
an unchanged file skips jsonschema, whose import alone takes a twentieth of a second.
"""
from __future__ import annotations

import difflib
import hashlib
import json
from functools import lru_cache
from pathlib import Path

from qbank import cache
from qbank.errors import InputError
from qbank.exam.yamlnodes import LineDict, LineList


@lru_cache(maxsize=None)
def load_schema(path: Path) -> dict:
    """The schema at `path` as a dict (read once)."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def validate(root, path, schema: dict, one_of: str = "") -> None:
    """Raise InputError `path:line: reason` for the most relevant violation of `schema`, if any.

    one_of: what to say when a value matches none of a oneOf's choices (jsonschema's own words list them all).
    """
    record = _valid_record(root, schema)
    if record is not None and record.exists():
        return
    from jsonschema import Draft202012Validator  # imported only when a file is checked
    from jsonschema.exceptions import best_match

    error = best_match(Draft202012Validator(schema).iter_errors(root))
    if error is None:
        if record is not None:
            try:
                record.touch()
            except OSError:  # a cache that cannot be written only costs speed
                pass
        return
    steps = list(error.absolute_path)
    if error.validator == "additionalProperties":  # name the first unknown key, on its own line
        allowed = list(error.schema.get("properties", {}))
        unknown = next(key for key in error.instance if key not in allowed)
        close = difflib.get_close_matches(str(unknown), allowed, n=1)
        hint = f"did you mean {close[0]!r}?" if close else f"expected one of: {', '.join(allowed)}"
        raise InputError(f"{path}:{line_of(root, steps + [unknown])}: unknown key {unknown!r} ({hint})")
    where = "/".join(str(step) for step in steps)
    raise InputError(f"{path}:{line_of(root, steps)}: {where + ': ' if where else ''}{_reason(error, one_of)}")


def _valid_record(root, schema: dict):
    """Where a pass of `root` against `schema` is recorded: keyed by both (repr tells 1 from '1' and a date
    from its text), so an edited file or a new schema is checked again. None without a cache folder."""
    folder = cache.folder("valid")
    if folder is None:
        return None
    key = hashlib.sha256(f"{json.dumps(schema, sort_keys=True)}\0{root!r}".encode("utf-8")).hexdigest()
    return folder / key


def line_of(node, steps: list) -> int:
    """The line of the value at `steps` below `node` (the deepest one the loader recorded)."""
    line = getattr(node, "line", 1)
    for step in steps:
        if isinstance(node, LineDict) and step in node:
            line, node = node.lines[step], node[step]
        elif isinstance(node, LineList) and isinstance(step, int) and step < len(node):
            line, node = node.lines[step], node[step]
        else:
            break
    return line


def _reason(error, one_of: str) -> str:
    """jsonschema's message in the words of the file."""
    if error.validator == "required":
        return "missing " + error.message.split(" is a required")[0]
    if error.validator == "oneOf" and one_of:
        return one_of
    return error.message if len(error.message) <= 200 else error.message[:200] + "..."
