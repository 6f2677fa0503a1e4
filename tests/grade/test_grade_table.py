"""The answer table through `qbank grade` (click's CliRunner): each row's verdict as the report shows it.

One key with a question per table row (a choice question's params list its four options, as key.json does),
one student who typed every row's text; the report's points and flagged cells must be the table's, and the
grader's states (right, partial, ...) the table's states.
"""
import csv
import io
import json

import pytest

from answer_table import OPTIONS, POINTS, rows
from qbank.cli import main
from qbank.engine.scoring import UNREADABLE
from qbank.grade import grade


@pytest.fixture
def table_exam(tmp_path):
    table = rows()
    questions = [{"number": n, "id": f"table/{n}", "points": POINTS, "kind": "numeric",
                  "params": {"options": list(OPTIONS)} if spec.kind == "choice" else {},
                  "parts": [{"name": "p", "points": POINTS, "value": spec.to_json(key), **spec.meta()}]}
                 for n, (_, spec, key, _, _) in enumerate(table, start=1)]
    key = tmp_path / "key.json"
    key.write_text(json.dumps({"schema": "qbank-key/1", "exam": {}, "versions": [
        {"version": "A", "points": POINTS * len(table), "questions": questions}]}))
    responses = tmp_path / "responses.csv"
    out = io.StringIO()
    csv.writer(out).writerows([["student_id", "version"] + [f"{n}.p" for n in range(1, len(table) + 1)],
                               ["s1", "A"] + [text for text, *_ in table]])
    responses.write_text(out.getvalue())
    return table, key, responses


def test_qbank_grade_gives_every_row_its_verdict(runner, table_exam, tmp_path):
    table, key, responses = table_exam
    result = runner.invoke(main, ["grade", str(key), str(responses), "--out", str(tmp_path / "report.csv")])
    assert result.exit_code == 1, result.output  # the unreadable rows are problems to look at
    (report,) = list(csv.DictReader(io.StringIO((tmp_path / "report.csv").read_text())))
    for n, (text, spec, _, state, points) in enumerate(table, start=1):
        column = f"{n}.p"
        flagged = any(item.startswith(f"{column}: cannot read ") for item in report["status"].split("; "))
        assert (float(report[column]), flagged) == (points, state == UNREADABLE), (text, spec.kind, state)
        if flagged:
            assert f"line 2: {column}: cannot read {text.strip()!r}" in result.stderr
    assert float(report["total"]) == sum(points for *_, points in table)
    (graded,) = grade(key, responses, tmp_path / "again.csv").results
    assert [graded.states[f"{n}.p"] for n in range(1, len(table) + 1)] == [state for *_, state, _ in table]
