"""Grading hand-made responses: right, wrong, tolerance edges, fractions, matrices, malformed rows, injection."""
import csv
import io
import json
import re

import pytest

from qbank.cli import main
from qbank.errors import InputError
from qbank.grade import grade
from qbank.grade.analysis import item_analysis
from qbank.grade.report import safe

# A hand-written key in the key.json schema (qbank/exam/key.py): version A has four questions.
KEY = {"schema": "qbank-key/1", "exam": {}, "versions": [{"version": "A", "points": 12, "questions": [
    {"number": 1, "id": "t/choice", "points": 2, "kind": "choice",
     "parts": [{"name": "answer", "points": 2, "value": 2, "kind": "choice"}]},
    {"number": 2, "id": "t/real", "points": 4, "kind": "numeric",
     "parts": [{"name": "x", "points": 1, "value": 0.125, "kind": "real", "digits": 3, "rel_tol": 0.001,
                "abs_tol": 0.0005},
               {"name": "n", "points": 1, "value": -7, "kind": "integer"},
               {"name": "q", "points": 2, "value": "2/3", "kind": "exact"}]},
    {"number": 3, "id": "t/matrix", "points": 4, "kind": "numeric",
     "parts": [{"name": "m", "points": 3, "value": [[1.0, -2.0], [0.5, 4.0]], "kind": "matrix", "digits": 2,
                "rel_tol": 0.001, "abs_tol": 0.005},
               {"name": "s", "points": 1, "value": [8, 30, 30], "kind": "shape"}]},
    {"number": 4, "id": "t/why", "points": 2, "kind": "short",
     "parts": [{"name": "answer", "points": 2, "value": "Because.", "kind": "text"}]}]}]}
HEADER = ["student_id", "version", "1.answer", "2.x", "2.n", "2.q", "3.m", "3.s", "4.answer:score"]


def write(tmp_path, rows, header=HEADER):
    key = tmp_path / "key.json"
    key.write_text(json.dumps(KEY))
    responses = tmp_path / "responses.csv"
    out = io.StringIO()
    csv.writer(out).writerows([header] + rows)
    responses.write_text(out.getvalue())
    return key, responses


def report(run):
    return list(csv.DictReader(io.StringIO(run.files[0].read_text())))


def test_right_wrong_and_tolerance(tmp_path):
    key, responses = write(tmp_path, [
        # all right: C, 0.125, -7, 2/3, the matrix one row per line, the shape spaced differently; essay scored 1.5
        ["all-right", "A", "C", "0.125", "-7", "4/6", "1 -2\n0.5 4", "(8,30,30)", "1.5"],
        # 0.1254 is within max(0.0005, 0.000125) of 0.125; 0.1256 is not; 0.6667 is not exactly 2/3
        ["edges", "A", "c", "0.1254", "-7.0", "0.6667", "[[1, -2], [0.5, 4.004]]", "8, 30, 30", ""],
        ["wrong", "A", "A", "0.1256", "7", "3/2", "[[1, -2], [0.5, 4.01]]", "(8, 30)", "0"],
    ])
    run = grade(key, responses)
    rows = {r["student_id"]: r for r in report(run)}
    right = rows["all-right"]
    assert [right[c] for c in HEADER[2:8]] == ["2", "1", "1", "2", "3", "1"] and right["total"] == "11.5"
    edges = rows["edges"]
    # right: C, 0.1254, -7.0 (the integer -7), the matrix within 0.005 + the shape; wrong: 0.6667 for 2/3
    assert [edges[c] for c in HEADER[2:8]] == ["2", "1", "1", "0", "3", "1"]
    assert edges["total"] == "8" and "pending" in edges["status"] and edges["4.answer"] == ""
    # the matrix earns per entry: 4.01 is off by 0.01 > 0.005, the other three entries are right: 3/4 of 3 points
    assert [rows["wrong"][c] for c in HEADER[2:8]] == ["0", "0", "0", "0", "2.25", "0"]
    assert rows["wrong"]["total"] == "2.25"
    assert run.problems == []


def test_malformed_rows_are_kept_and_reported_with_their_line(tmp_path):
    key, responses = write(tmp_path, [
        ["ok", "A", "B", "", "", "", "", "", ""],
        ["short-row", "A", "B"],
        ["who", "Q", "B", "", "", "", "", "", ""],
        ["typo", "A", "B", "abc", "", "", "[[1, 2], [3]]", "", "9"],
        ["ok", "A", "B", "", "", "", "", "", ""],
    ])
    run = grade(key, responses)
    rows = report(run)
    assert [r["student_id"] for r in rows] == ["ok", "short-row", "who", "typo", "ok"]  # nothing dropped
    assert [r["line"] for r in rows] == ["2", "3", "4", "5", "6"]
    assert rows[1]["total"] == "" and "wrong number of cells" in rows[1]["status"]
    assert "unknown version 'Q'" in rows[2]["status"]
    # one unreadable cell scores 0 and is flagged; the rest of the row still counts (B is wrong: 0 in all)
    assert rows[3]["2.x"] == "0" and rows[3]["total"] == "0" and "cannot read 'abc'" in rows[3]["status"]
    assert "not a score between 0 and 2 (left pending)" in rows[3]["status"]
    text = "\n".join(run.problems)
    for expected in ("line 3: wrong number", "line 4: unknown version", "line 5: 2.x: cannot read",
                     "line 5: 3.m: cannot read", "line 2: duplicate student id 'ok'", "line 6: duplicate"):
        assert expected in text


def test_spreadsheet_formulas_are_defused_but_numbers_stay_numbers(tmp_path):
    assert safe("=HYPERLINK(1)") == "'=HYPERLINK(1)" and safe("+1") == "'+1" and safe("@x") == "'@x"
    assert safe("\tx") == "'\tx" and safe("-2+3") == "'-2+3" and safe(-2.5) == "-2.5" and safe(3) == "3"
    key, responses = write(tmp_path, [["=1+1", "A", "C", "", "", "", "", "", ""]])
    text = grade(key, responses).files[0].read_text()
    assert ",'=1+1,A," in text


def test_item_analysis_by_hand(tmp_path):
    # four students; question 1 (2 points) right for the two strongest only
    rows = [["s1", "A", "C", "0.125", "-7", "2/3", "1 -2\n0.5 4", "(8, 30, 30)", "2"],
            ["s2", "A", "C", "0.125", "-7", "", "", "", "1"],
            ["s3", "A", "A", "0.125", "", "", "", "", "0"],
            ["s4", "A", "B", "", "", "", "", "", "0"]]
    key, responses = write(tmp_path, rows)
    run = grade(key, responses)
    items = {row["question"]: row for row in run.items}
    # totals: s1 2+1+1+2+3+1+2 = 12, s2 2+1+1+1 = 5, s3 1, s4 0; t/choice scores 2, 2, 0, 0 -> difficulty 0.5
    choice = items["t/choice"]
    assert choice["difficulty"] == pytest.approx(0.5) and choice["students"] == 4
    # rest totals (total minus the item) 10, 3, 1, 0: mean-centred x = (1, 1, -1, -1), y = (6.5, -0.5, -2.5, -3.5)
    # sum xy = 6.5 - 0.5 + 2.5 + 3.5 = 12; sum x^2 = 4; sum y^2 = 42.25 + 0.25 + 6.25 + 12.25 = 61
    assert choice["discrimination"] == pytest.approx(12 / (4 * 61) ** 0.5)
    assert items["t/why"]["difficulty"] == pytest.approx((2 / 2 + 1 / 2) / 4)
    assert item_analysis([], {}) == []


def test_cli_exit_codes_and_outputs(runner, tmp_path):
    key, responses = write(tmp_path, [["s1", "A", "C", "", "", "", "", "", ""]])
    out = tmp_path / "out" / "grades.csv"
    result = runner.invoke(main, ["grade", str(key), str(responses), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.is_file() and (tmp_path / "out" / "grades-items.csv").is_file()
    assert (tmp_path / "out" / "grades-histogram.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    _, bad_rows = write(tmp_path, [["s1", "Z", "C", "", "", "", "", "", ""]])
    assert runner.invoke(main, ["grade", str(key), str(bad_rows)]).exit_code == 1
    missing = runner.invoke(main, ["grade", str(tmp_path / "nokey.json"), str(responses)])
    assert missing.exit_code == 2 and "key file not found" in missing.output
    (tmp_path / "other.json").write_text('{"schema": "something-else"}')
    other = runner.invoke(main, ["grade", str(tmp_path / "other.json"), str(responses)])
    assert other.exit_code == 2 and "not a qbank key.json" in other.output


def test_a_file_that_is_not_utf8_is_named_with_what_to_do(tmp_path):
    # Excel's "Unicode text" is UTF-16: its byte-order mark 0xFF 0xFE is no UTF-8 (Python's message was
    # "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte")
    key, responses = write(tmp_path, [["s1", "A", "C", "", "", "", "", "", ""]])
    responses.write_bytes(responses.read_text().encode("utf-16"))
    with pytest.raises(InputError, match=r"not UTF-8 text \(byte 1 cannot be read\); save it as CSV UTF-8") as caught:
        grade(key, responses)
    assert "codec" not in str(caught.value)


@pytest.mark.parametrize("versions, message", [
    ([{"version": "A"}], "a version, question or part lacks the field 'questions'"),  # was "(KeyError('questions'))"
    ("A", "a field holds the wrong kind of value"),  # was "string indices must be integers, not 'str'"
    ([{"version": "A", "questions": [{**KEY["versions"][0]["questions"][0], "parts": [
        {"name": "answer", "points": 2, "value": 2, "kind": "nope"}]}]}], "unknown answer kind 'nope'"),
])
def test_a_malformed_key_is_named_in_words(tmp_path, versions, message):
    key, responses = write(tmp_path, [["s1", "A", "C", "", "", "", "", "", ""]])
    key.write_text(json.dumps({**KEY, "versions": versions}))
    with pytest.raises(InputError, match=re.escape(f"{key}: malformed key.json: {message}")) as caught:
        grade(key, responses)
    assert "Error(" not in str(caught.value)


def test_bad_headers_are_bad_input(tmp_path):
    key, responses = write(tmp_path, [["s1", "C"]], header=["student_id", "1.answer"])
    with pytest.raises(InputError, match="lacks version"):
        grade(key, responses)
    key, responses = write(tmp_path, [["s1", "A", "1"]], header=["student_id", "version", "9.nope"])
    assert "unknown column '9.nope'" in grade(key, responses).problems[0]


def test_a_report_never_overwrites_the_responses_or_the_key(runner, tmp_path):
    key, responses = write(tmp_path, [["s1", "A", "C", "", "", "", "", "", ""]])
    before = responses.read_bytes(), key.read_bytes()
    # --out the responses themselves; --out the key; --out whose -items.csv would be the responses file
    (tmp_path / "r-items.csv").write_bytes(before[0])
    for out, clobbered in ((responses, responses), (key, key), (tmp_path / "r.csv", tmp_path / "r-items.csv")):
        inputs = [str(key), str(clobbered if clobbered.name == "r-items.csv" else responses)]
        result = runner.invoke(main, ["grade", *inputs, "--out", str(out)])
        assert result.exit_code == 2 and "Traceback" not in result.output, result.output
        assert result.stderr.strip() == f"qbank: {clobbered}: the report would overwrite {clobbered}, an input " \
                                        "of this run; pass --out another file"
    assert (responses.read_bytes(), key.read_bytes()) == before
    assert (tmp_path / "r-items.csv").read_bytes() == before[0]


def test_a_report_that_cannot_be_written_is_bad_input(runner, tmp_path):
    key, responses = write(tmp_path, [["s1", "A", "C", "", "", "", "", "", ""]])
    (tmp_path / "taken").write_text("a file")
    out = tmp_path / "taken" / "grades.csv"
    result = runner.invoke(main, ["grade", str(key), str(responses), "--out", str(out)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.stderr.startswith(f"qbank: {out}: cannot write the report there (")


def test_a_key_without_versions_is_bad_input_and_a_zero_point_key_still_draws(tmp_path):
    key, responses = write(tmp_path, [["s1", "A", "C", "", "", "", "", "", ""]])
    key.write_text(json.dumps(dict(KEY, versions=[])))
    with pytest.raises(InputError, match="the key has no versions"):
        grade(key, responses)
    free = json.loads(json.dumps(KEY))
    for q in free["versions"][0]["questions"]:
        for part in q["parts"]:
            part["points"] = 0
    key.write_text(json.dumps(free))
    run = grade(key, responses)  # every total is 0 of 0: the histogram picks its own range
    assert report(run)[0]["total"] == "0" and run.files[-1].name == "responses-report-histogram.png"


def test_a_failed_report_leaves_the_earlier_one_intact(tmp_path, monkeypatch):
    key, responses = write(tmp_path, [["s1", "A", "C", "", "", "", "", "", ""]])
    first = grade(key, responses)
    before = {path: path.read_bytes() for path in first.files}

    def broken_histogram(*args):
        raise RuntimeError("disk full while drawing")

    monkeypatch.setattr("qbank.grade.run.histogram_png", broken_histogram)
    _, other = write(tmp_path, [["s2", "A", "B", "", "", "", "", "", ""]])
    with pytest.raises(RuntimeError):
        grade(key, other)
    assert {path: path.read_bytes() for path in before} == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".qbank-grade-")]  # no staging left behind


def test_bonus_part_scores_on_top_of_the_maximum(tmp_path):
    # Question 3's shape part marked bonus: the maximum drops from 12 to 11, a right shape still scores its point.
    key = json.loads(json.dumps(KEY))
    key["versions"][0]["questions"][2]["parts"][1]["bonus"] = True
    path, responses = write(tmp_path, [["all-right", "A", "C", "0.125", "-7", "2/3", "1 -2\n0.5 4", "(8,30,30)", "2"]])
    path.write_text(json.dumps(key))
    (row,) = report(grade(path, responses))
    assert row["max"] in ("11", "11.0") and row["total"] in ("12", "12.0"), row  # 2 + 4 + 3 + 2, + 1 bonus
