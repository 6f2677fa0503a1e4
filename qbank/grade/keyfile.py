"""Read an exam's key.json (schema qbank-key/1, see qbank/exam/key.py) into gradable parts.

Each part's Answer type is rebuilt from the key's kind and tolerance fields, so
grading compares exactly as the engine does (qbank/engine/answers.py). A response
column is named `<question number>.<part name>`, e.g. `3.z1`.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from qbank.engine import answers
from qbank.errors import InputError

SCHEMA = "qbank-key/1"
_KINDS = {"integer": answers.Integer, "shape": answers.Shape, "exact": answers.Exact, "choice": answers.Choice,
          "text": answers.Text}
_REALS = {"real": answers.Real, "vector": answers.Vector, "matrix": answers.Matrix}


@dataclass
class PartKey:
    column: str  # "3.z1"
    question: str  # template id, for item analysis
    points: float
    spec: answers.Answer
    value: object  # normalized key
    options: int | None = None  # how many options a choice part showed (its question's params), when known
    bonus: bool = False  # scored on top of the maximum (key.json "bonus": true; absent in older keys)

    @property
    def by_person(self) -> bool:
        return self.spec.kind == "text"


def answer_type(part: dict) -> answers.Answer:
    """The Answer type a key.json part describes (kind plus tolerance fields)."""
    kind = part.get("kind")
    if kind in _REALS:
        return _REALS[kind](digits=part["digits"], rel_tol=part["rel_tol"], abs_tol=part["abs_tol"])
    if kind == "expression":
        return answers.Expression(symbols=part.get("symbols", ()))
    if kind in _KINDS:
        return _KINDS[kind]()
    raise ValueError(f"unknown answer kind {kind!r}")


def load_key(path) -> dict:
    """{version letter: [PartKey]} from key.json at `path`; InputError when it is missing or not a qbank key."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: key file not found") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: not a key.json ({exc})") from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise InputError(f"{path}: not a qbank key.json (expected \"schema\": \"{SCHEMA}\")")
    try:
        key = {v["version"]: [_part(q, part) for q in v["questions"] for part in q["parts"]]
               for v in data["versions"]}
    except KeyError as exc:
        raise InputError(f"{path}: malformed key.json: a version, question or part lacks the field "
                         f"{exc.args[0]!r} (qbank exam writes every key.json field)") from None
    except (TypeError, AttributeError):  # a list where an object belongs, a text where a list does
        raise InputError(f"{path}: malformed key.json: a field holds the wrong kind of value (versions and "
                         "questions are lists of objects)") from None
    except ValueError as exc:  # an unknown answer kind, a value its kind refuses
        raise InputError(f"{path}: malformed key.json: {exc}") from None
    if not key:
        raise InputError(f"{path}: the key has no versions")
    return key


def _part(question: dict, part: dict) -> PartKey:
    spec = answer_type(part)
    options = question.get("params", {}).get("options") if spec.kind == "choice" else None
    return PartKey(f"{question['number']}.{part['name']}", question["id"], float(part["points"]), spec,
                   spec.normalize(part["value"]), len(options) if isinstance(options, list) and options else None,
                   bool(part.get("bonus", False)))
