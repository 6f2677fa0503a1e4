"""key.json follows the schema documented in qbank/exam/key.py; key.csv flattens it."""
import csv
import json

from qbank.engine.generate import generate
from qbank.engine.template import get
from qbank.exam import build
from qbank.exam.key import CSV_FIELDS, SCHEMA

QUESTION_FIELDS = {"number", "section", "section_title", "id", "seed", "pins", "params", "points", "kind", "parts"}
PART_FIELDS = {"name", "label", "points", "value", "text", "kind"}


def test_key_json_schema(tmp_path, write_spec, sample_spec_text):
    out = build(write_spec(sample_spec_text), tmp_path / "out", make_pdf=False).out
    key = json.loads((out / "key.json").read_text())
    assert key["schema"] == SCHEMA and isinstance(key["qbank_version"], str)
    assert key["exam"] == {"title": "Sample & Test_Exam", "course": "Deep Learning 101", "date": "1 January 2030",
                           "spec": "exam.yaml", "seed": 11, "points": 22}
    assert [v["version"] for v in key["versions"]] == ["A", "B", "C"]
    for version in key["versions"]:
        assert version["points"] == sum(q["points"] for q in version["questions"]) == 22
        assert [q["section"] for q in version["questions"]] == [1, 1, 2, 3, 3]
        for q in version["questions"]:
            assert set(q) == QUESTION_FIELDS and isinstance(q["seed"], int)
            assert q["kind"] in ("numeric", "choice", "short")
            assert sum(p["points"] for p in q["parts"]) == q["points"]
            redrawn = generate(get(q["id"]), q["seed"], q["pins"])  # the recorded seed reproduces the question
            assert json.loads(json.dumps(redrawn.params)) == q["params"]
            for part in q["parts"]:
                assert PART_FIELDS <= set(part)
                assert part["value"] == json.loads(json.dumps(redrawn.answers[part["name"]]))
                if part["kind"] == "real":
                    assert {"digits", "rel_tol", "abs_tol"} <= set(part)
    sum_product = next(q for q in key["versions"][0]["questions"] if q["id"] == "examtest/sum-product")
    # its own points are 1 + 3; the spec gives it 6: exact shares 1.5 + 4.5, in whole points 1 + 4 and
    # the point left over goes to the first (equal remainders): 2 + 4
    assert [p["points"] for p in sum_product["parts"]] == [2.0, 4.0]
    pick = next(q for q in key["versions"][0]["questions"] if q["id"] == "examtest/pick-third")
    assert pick["parts"][0]["kind"] == "choice" and pick["parts"][0]["text"] == "ABCD"[pick["parts"][0]["value"]]

    rows = list(csv.DictReader((out / "key.csv").open()))
    assert tuple(rows[0]) == CSV_FIELDS
    assert len(rows) == sum(len(q["parts"]) for v in key["versions"] for q in v["questions"])
    assert {(r["version"], r["number"], r["part"]) for r in rows} == \
        {(v["version"], str(q["number"]), p["name"]) for v in key["versions"] for q in v["questions"] for p in q["parts"]}
