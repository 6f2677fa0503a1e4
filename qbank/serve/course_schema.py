"""The course file's JSON Schema (course.schema.json), and its violations as `file:line: reason`.

The schema is the reference for the file's shape (docs/serve.md explains it,
`qbank schema course` prints it); qbank/yamlschema.py checks a file against it
and names the line of the offending value.
"""
from __future__ import annotations

from pathlib import Path

from qbank import yamlschema

SCHEMA_PATH = Path(__file__).resolve().parent / "course.schema.json"


def schema() -> dict:
    """The course schema as a dict."""
    return yamlschema.load_schema(SCHEMA_PATH)


def validate(root, path) -> None:
    """Raise InputError `path:line: reason` for the most relevant violation of the schema, if any."""
    yamlschema.validate(root, path, schema(), one_of="a question is a template id, {id, points, params} or "
                                                      "{name, pool, points}")
