"""The course file: the shipped example loads; every mistake is one `file:line: reason` line, exit 2 on the CLI."""
import json
from pathlib import Path

import pytest

from qbank.cli import main
from qbank.errors import InputError
from qbank.serve.course import parse
from qbank.serve.course_schema import SCHEMA_PATH

ROOT = Path(__file__).resolve().parents[2]
GOOD = """\
course: c1
title: A course
assignments:
  - id: hw1
    title: First
    due: 2030-01-01T00:00:00Z
    questions:
      - conv/layer-cost
      - {id: rnn/param-count, points: 3}
      - {name: norm, pool: [norm/means, norm/variances]}
"""


def write(tmp_path, text):
    path = tmp_path / "course.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_example_course_loads():
    course = parse(ROOT / "examples" / "course.yaml")
    assert course.id == "dl-2026" and [a.id for a in course.assignments] == ["hw1", "hw2"]
    hw1 = course.assignments[0]
    assert hw1.attempts == 3 and hw1.solutions == "after_due" and hw1.due.utcoffset().total_seconds() == 3600
    assert [q.name for q in hw1.questions] == ["attention/self-attention", "conv/layer-cost", "normalization"]
    assert hw1.points == 4 + 6 + 6  # the template's own 4 points, then the two stated ones


def test_defaults_and_pool_points(tmp_path):
    hw1 = parse(write(tmp_path, GOOD)).assignments[0]
    assert (hw1.attempts, hw1.new_variant, hw1.solutions, hw1.opens) == (1, True, "after_due", None)
    assert [q.points for q in hw1.questions] == [10, 3, 6]  # conv/layer-cost 10; norm/means and norm/variances 6 each
    assert hw1.questions[2].pool == ("norm/means", "norm/variances")


def test_a_pool_gives_each_student_one_template_the_same_every_time(tmp_path):
    pool = parse(write(tmp_path, GOOD)).assignments[0].questions[2]
    picks = {student: pool.template_for("c1", "hw1", student).id for student in (f"s{i}" for i in range(40))}
    assert set(picks.values()) == {"norm/means", "norm/variances"}  # 40 students: both appear (2^-39 chance not)
    assert all(pool.template_for("c1", "hw1", s).id == t for s, t in picks.items())


@pytest.mark.parametrize("old, new, message", [
    ("    title: First\n", "    title: First\n    atempts: 2\n", ":6: unknown key 'atempts' (did you mean 'attempts'?)"),
    ("    due: 2030-01-01T00:00:00Z\n", "", ":4: assignments/0: missing 'due'"),
    ("2030-01-01T00:00:00Z", "next friday", ":6: 'due' should be a date-time such as"),
    ("2030-01-01T00:00:00Z", "2030-01-01T00:00:00", ":6: 'due' needs a time zone"),
    ("      - conv/layer-cost\n", "      - conv/layer-costs\n", ":8: unknown template 'conv/layer-costs'"),
    ("points: 3}", "points: -3}", ":9: assignments/0/questions/1: a question is a template id"),
    ("title: First\n", "title: First\n    solutions: sometimes\n", ":6: assignments/0/solutions: 'sometimes' is not one of"),
    ("course: c1", "course: c 1", ":1: course: 'c 1' does not match"),
    ("{name: norm, pool: [norm/means, norm/variances]}", "{name: norm, pool: [norm/means, conv/layer-cost]}",
     ":10: the pool's templates have different points (6, 10); give 'points:'"),
    ("      - {id: rnn/param-count, points: 3}\n", "      - conv/layer-cost\n",
     ":9: question 'conv/layer-cost' appears twice in assignment 'hw1' (first on line 8)"),
])
def test_mistakes_are_named_with_their_line(tmp_path, old, new, message):
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(InputError) as caught:
        parse(path)
    assert str(caught.value).startswith(str(path)) and message in str(caught.value), str(caught.value)


def test_the_command_line_reports_a_bad_course_in_one_line(tmp_path, runner):
    path = write(tmp_path, GOOD.replace("title: First", "title: First\n    atempts: 2"))
    result = runner.invoke(main, ["serve", str(path)])
    assert result.exit_code == 2
    assert result.output.strip() == f"qbank: {path}:6: unknown key 'atempts' (did you mean 'attempts'?)"
    assert not (tmp_path / "course.sqlite3").exists()  # nothing made for a course that does not load


def test_the_schema_is_valid_json_schema_and_printed_by_the_cli(runner):
    from jsonschema import Draft202012Validator

    printed = runner.invoke(main, ["schema", "course"])
    assert printed.exit_code == 0 and json.loads(printed.output) == json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(json.loads(printed.output))
