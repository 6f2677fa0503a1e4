"""The rows a class really hands in: missing and duplicated ids, blank rows, other versions' columns, lower-case
versions, semicolon and tab files, unreadable cells, hand-graded parts, and the empty form to fill in."""
import csv
import io
import json

from qbank.cli import main
from qbank.grade import grade

# Two versions: A asks an integer (1.n, 2 points) and a 2-entry vector (2.v, 2 points) and an essay (3.why, 2
# points); B asks a different first question (1.m) and the same vector.
KEY = {"schema": "qbank-key/1", "exam": {}, "versions": [
    {"version": "A", "points": 6, "questions": [
        {"number": 1, "id": "t/int", "points": 2, "kind": "numeric",
         "parts": [{"name": "n", "points": 2, "value": 1609, "kind": "integer"}]},
        {"number": 2, "id": "t/vec", "points": 2, "kind": "numeric",
         "parts": [{"name": "v", "points": 2, "value": [3.25, 4.25], "kind": "vector", "digits": 2, "rel_tol": 0.001,
                    "abs_tol": 0.005}]},
        {"number": 3, "id": "t/why", "points": 2, "kind": "short",
         "parts": [{"name": "why", "points": 2, "value": "Because.", "kind": "text"}]}]},
    {"version": "B", "points": 4, "questions": [
        {"number": 1, "id": "t/int2", "points": 2, "kind": "numeric",
         "parts": [{"name": "m", "points": 2, "value": 7, "kind": "integer"}]},
        {"number": 2, "id": "t/vec", "points": 2, "kind": "numeric",
         "parts": [{"name": "v", "points": 2, "value": [1.625, 0.25], "kind": "vector", "digits": 3,
                    "rel_tol": 0.001, "abs_tol": 0.0005}]}]}]}
HEADER = ["student_id", "version", "1.n", "1.m", "2.v", "3.why:score"]


def write(tmp_path, rows, delimiter=","):
    (tmp_path / "key.json").write_text(json.dumps(KEY))
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows([HEADER] + rows)
    (tmp_path / "responses.csv").write_text(out.getvalue())
    return tmp_path / "key.json", tmp_path / "responses.csv"


def graded(tmp_path, rows, delimiter=","):
    run = grade(*write(tmp_path, rows, delimiter))
    return run, list(csv.DictReader(io.StringIO(run.files[0].read_text())))


def test_a_row_without_a_student_id_is_flagged(tmp_path):
    run, (row,) = graded(tmp_path, [["", "A", "1609", "", "3.25, 4.25", "2"]])
    assert row["total"] == "6" and row["status"] == "no student id"
    assert run.problems == ["line 2: no student id"]


def test_a_duplicated_id_is_graded_once_and_reported_on_both_lines(tmp_path):
    run, rows = graded(tmp_path, [["s1", "A", "1609", "", "", "0"], ["s2", "B", "", "7", "", ""],
                                  ["s1", "A", "1", "", "", "0"]])
    assert [r["total"] for r in rows] == ["2", "2", ""]
    assert "again on line 4" in rows[0]["status"] and "first on line 2" in rows[2]["status"]
    assert {item["question"]: item["students"] for item in run.items}["t/int"] == 1  # counted once


def test_blank_rows_are_flagged_and_a_row_with_no_answer_is_not_ok(tmp_path):
    run, rows = graded(tmp_path, [["s1", "A", "1609", "", "", "1"], ["", "", "", "", "", ""],
                                  ["s2", "A", "", "", "", ""]])
    assert "line 3: blank row (skipped)" in run.problems
    assert [r["student_id"] for r in rows] == ["s1", "s2"]
    assert rows[1]["total"] == "0" and "no answer in any column of this version" in rows[1]["status"]


def test_answers_in_another_versions_columns_are_flagged_not_graded(tmp_path):
    # a version-A student wrote question 1 in B's column 1.m: nothing there counts, and the row says why
    run, (row,) = graded(tmp_path, [["s1", "A", "", "1609", "3.25 4.25", "2"]])
    assert row["total"] == "4" and row["1.n"] == "0" and row["1.m"] == ""
    assert "columns that version A's exam does not have, not graded (another version's?): 1.m" in row["status"]


def test_version_letters_ignore_case(tmp_path):
    run, (row,) = graded(tmp_path, [["s1", "b", "", "7", "1.625 0.25", ""]])
    assert row["version"] == "B" and row["total"] == "4" and row["status"] == "ok"


def test_one_unreadable_cell_scores_zero_and_is_flagged_while_the_rest_counts(tmp_path):
    run, (row,) = graded(tmp_path, [["s1", "A", "1,609", "", "3.25, 4.25", "1.5"]])
    assert row["1.n"] == "0" and row["2.v"] == "2" and row["total"] == "3.5"
    assert ("1.n: cannot read '1,609': a comma inside a number: write 1609 without a thousands separator, "
            "or 1.609 with a decimal point") in row["status"]


def test_vectors_earn_per_entry(tmp_path):
    run, (row,) = graded(tmp_path, [["s1", "B", "", "7", "1.625, 0.3", ""]])
    assert row["2.v"] == "1" and row["total"] == "3"  # one of two entries: half of 2 points


def test_semicolon_and_tab_files_are_sniffed_and_said(runner, tmp_path):
    for delimiter, name in ((";", "semicolon"), ("\t", "tab")):
        run, (row,) = graded(tmp_path, [["s1", "A", "1609", "", "3,25 4,25", "2"]], delimiter)
        assert run.delimiter == name and row["1.n"] == "2"
        assert "2.v: cannot read '3,25 4,25'" in row["status"] and "write decimals with a point" in row["status"]
        result = runner.invoke(main, ["grade", str(tmp_path / "key.json"), str(tmp_path / "responses.csv")])
        assert f"as {name}-separated" in result.output


def test_pending_hand_graded_points_are_reported_apart_from_the_graded_maximum(runner, tmp_path):
    run, rows = graded(tmp_path, [["s1", "A", "1609", "", "3.25 4.25", ""], ["s2", "A", "1609", "", "", "2"]])
    assert (rows[0]["total"], rows[0]["max"], rows[0]["pending"]) == ("4", "4", "2")  # the essay awaits a person
    assert (rows[1]["total"], rows[1]["max"], rows[1]["pending"]) == ("4", "6", "0")
    assert run.pending_points == 2
    result = runner.invoke(main, ["grade", str(tmp_path / "key.json"), str(tmp_path / "responses.csv")])
    assert "2 points still to be graded by a person" in result.output


def test_template_writes_the_empty_form_and_a_filled_in_form_grades(runner, tmp_path):
    (tmp_path / "key.json").write_text(json.dumps(KEY))
    result = runner.invoke(main, ["grade", "--template", str(tmp_path)])
    assert result.exit_code == 0, result.output
    form = tmp_path / "responses.csv"
    assert form.read_text() == "student_id,version,1.n,1.m,2.v,3.why:score\n"
    again = runner.invoke(main, ["grade", "--template", str(tmp_path)])
    assert again.exit_code == 2 and "already exists" in again.output and "Traceback" not in again.output
    with form.open("a") as out:
        out.write('s1,A,1609,,"3.25, 4.25",2\n')
    graded = runner.invoke(main, ["grade", str(tmp_path / "key.json"), str(form)])
    assert graded.exit_code == 0, graded.output
    assert runner.invoke(main, ["grade", "--template", str(tmp_path / "nowhere")]).exit_code == 2
    assert runner.invoke(main, ["grade", str(tmp_path / "key.json")]).exit_code == 2
