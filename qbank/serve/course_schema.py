"""The course file's JSON Schema (course.schema.json), and its violations as `file:line: reason`.

The schema is the reference for the file's shape (docs/serve.md explains it,
`qbank schema course` prints it); jsonschema checks it, and the line of the
offending value comes from the YAML loader's line records (exam/yamlnodes.py).
"""
from __future__ import annotations

import difflib
import json
from functools import lru_cache
from pathlib import Path

from qbank.errors import InputError
from qbank.exam.yamlnodes import LineDict, LineList

SCHEMA_PATH = Path(__file__).resolve().parent / "course.schema.json"


@lru_cache(maxsize=1)
def schema() -> dict:
    """The course schema as a dict."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def validate(root, path) -> None:
    """Raise InputError `path:line: reason` for the most relevant violation of the schema, if any."""
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import best_match

    error = best_match(Draft202012Validator(schema()).iter_errors(root))
    if error is None:
        return
    steps = list(error.absolute_path)
    if error.validator == "additionalProperties":  # name the first unknown key, on its own line
        allowed = list(error.schema.get("properties", {}))
        unknown = next(key for key in error.instance if key not in allowed)
        close = difflib.get_close_matches(str(unknown), allowed, n=1)
        hint = f"did you mean {close[0]!r}?" if close else f"expected one of: {', '.join(allowed)}"
        raise InputError(f"{path}:{_line(root, steps + [unknown])}: unknown key {unknown!r} ({hint})")
    where = "/".join(str(step) for step in steps)
    raise InputError(f"{path}:{_line(root, steps)}: {where + ': ' if where else ''}{_reason(error)}")


def _line(node, steps: list) -> int:
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


def _reason(error) -> str:
    """jsonschema's message in the words of the course file."""
    if error.validator == "required":
        return "missing " + error.message.split(" is a required")[0]
    if error.validator == "oneOf":
        return "a question is a template id, {id, points, params} or {name, pool, points}"
    return error.message if len(error.message) <= 200 else error.message[:200] + "..."
