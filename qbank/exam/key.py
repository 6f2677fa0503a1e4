"""The answer key of a built exam: key.json (the contract for grading and LMS export) and key.csv.

key.json, schema "qbank-key/1":

    {
      "schema": "qbank-key/1",
      "qbank_version": "0.1.0",
      "exam": {"title": str, "course": str, "date": str, "spec": "demo-final.yaml", "seed": int,
               "points": float},
      "versions": [
        {"version": "A", "points": float,
         "questions": [
           {"number": 1,               # as printed, 1.. through the version
            "section": 1,              # the spec part it belongs to (1-based) ...
            "section_title": str,      # ... and that part's title
            "id": "conv/output-size",  # template id
            "seed": int,               # `qbank show ID --seed SEED` (with `--params` of "pins") redraws it
            "pins": {...},             # parameters the spec pinned ({} when none)
            "params": {...},           # every drawn parameter (JSON: arrays as lists, fractions "p/q")
            "points": float,           # the question's points in this exam
            "kind": "numeric" | "choice" | "short",
            "parts": [                 # qbank.engine.generate.Part.key(), points rescaled to this exam
              {"name": str, "label": str, "points": float,
               "value": ...,           # the key: number, list, "p/q", choice index (0 = A), model text
               "text": str,            # the key as a student would type it
               "kind": "integer" | "real" | "vector" | "matrix" | "shape" | "exact" | "expression"
                       | "choice" | "text",
               ...}                    # tolerance fields of the kind: digits, rel_tol, abs_tol, symbols
           ]}]}]
    }

A real answer is right when |given - value| <= max(abs_tol, rel_tol * |value|)
(element-wise for vectors and matrices); see qbank/engine/answers.py.
key.csv has one row per (version, question, part) with the same fields, flattened.
"""
from __future__ import annotations

import csv
import io
import json

from qbank import __version__
from qbank.engine.numbers import jsonable

SCHEMA = "qbank-key/1"
CSV_FIELDS = ("version", "number", "id", "seed", "kind", "question_points", "part", "label", "points",
              "answer_kind", "answer", "digits", "rel_tol", "abs_tol")


def key_data(spec, versions) -> dict:
    """The key.json data (schema above) of drawn `versions` of `spec`; points are the exam's, parts rescaled."""
    return {"schema": SCHEMA, "qbank_version": __version__,
            "exam": {"title": spec.title, "course": spec.course, "date": spec.date, "spec": spec.path.name,
                     "seed": spec.seed, "points": spec.points},
            "versions": [{"version": v.letter, "points": sum(q.points for q in v.questions),
                          "questions": [_question(q, index + 1, section.title)
                                        for index, section in enumerate(v.sections) for q in section.questions]}
                         for v in versions]}


def _question(q, section, section_title) -> dict:
    inst = q.instance
    parts = [dict(part.key(), points=points) for part, points in zip(inst.parts, q.part_points)]
    return {"number": q.number, "section": section, "section_title": section_title, "id": inst.template.id,
            "seed": inst.seed, "pins": jsonable(inst.pins), "params": jsonable(inst.params), "points": q.points,
            "kind": inst.template.kind, "parts": parts}


def key_json(data: dict) -> str:
    """key.json's text: one question per line (json's indented output is pure Python and was the slowest step)."""
    def dump(value):
        return json.dumps(value, ensure_ascii=False)

    lines = ["{"] + [f"  {dump(k)}: {dump(v)}," for k, v in data.items() if k != "versions"] + ['  "versions": [']
    for index, version in enumerate(data["versions"]):
        head = ", ".join(f"{dump(k)}: {dump(v)}" for k, v in version.items() if k != "questions")
        lines.append(f'    {{{head}, "questions": [')
        lines.append(",\n".join(f"      {dump(q)}" for q in version["questions"]))
        lines.append("    ]}" + ("," if index < len(data["versions"]) - 1 else ""))
    return "\n".join(lines + ["  ]", "}"]) + "\n"


def key_csv(data: dict) -> str:
    """key.csv's text: one row of CSV_FIELDS per (version, question, part), answers as a student types them."""
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for version in data["versions"]:
        for q in version["questions"]:
            for part in q["parts"]:
                writer.writerow({"version": version["version"], "number": q["number"], "id": q["id"],
                                 "seed": q["seed"], "kind": q["kind"], "question_points": q["points"],
                                 "part": part["name"], "label": part["label"], "points": part["points"],
                                 "answer_kind": part["kind"], "answer": part["text"],
                                 **{k: part.get(k, "") for k in ("digits", "rel_tol", "abs_tol")}})
    return out.getvalue()
