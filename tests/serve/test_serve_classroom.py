"""The student and instructor logic without HTTP, on SQLite and PostgreSQL: variants, races, statistics.

Keys come from the engine's instance of the seed the database recorded.
"""
import runpy
import threading
from datetime import datetime, timezone

import pytest

from qbank.engine.generate import generate
from qbank.engine.seeds import derive_seed
from qbank.engine.template import get
from qbank.serve import records, statistics
from qbank.serve.classroom import Classroom, Refused
from qbank.serve.course import parse
from qbank.serve.database import connect, prepare
from qbank.serve.roster import import_roster
from serve_support import FIXTURES

NOW = datetime(2026, 12, 3, 12, 0, tzinfo=timezone.utc)


@pytest.fixture
def classroom(course_file, db_url, tmp_path):
    runpy.run_path(str(FIXTURES / "serve_drill.py"))
    course = parse(course_file)
    prepare(db_url)
    engine = connect(db_url)
    rows = [{"id": f"s{i}", "name": f"Student {i}", "email": "", "role": "student"} for i in range(6)]
    import_roster(engine, course.id, rows, "http://x", tmp_path / "links.csv")
    yield Classroom(course, engine)
    engine.dispose()


def person(classroom, student):
    from sqlalchemy import select

    from qbank.serve.tables import people

    with classroom.engine.connect() as conn:
        return conn.execute(select(people).where(people.c.student_id == student)).first()


def key(classroom, who, assignment, question):
    tries = records.attempts_of(classroom.engine, who.id, assignment, question)
    return generate(get(tries[-1].template), tries[-1].seed).answers


def test_the_seed_derives_from_course_assignment_question_student_attempt(classroom):
    ada = person(classroom, "s0")
    classroom.question(ada, "hw", 0, NOW)
    first = records.attempts_of(classroom.engine, ada.id, "hw", "serve/sum")[0]
    assert first.seed == derive_seed("test-course", "hw", "serve/sum", "s0", 1)
    classroom.submit(ada, "hw", 0, {"total": "0"}, NOW)
    classroom.retry(ada, "hw", 0, NOW)
    second = records.attempts_of(classroom.engine, ada.id, "hw", "serve/sum")[1]
    assert second.seed == derive_seed("test-course", "hw", "serve/sum", "s0", 2)
    classroom.submit(ada, "hw", 0, {"total": "0"}, NOW)
    with pytest.raises(Refused) as used_up:
        classroom.retry(ada, "hw", 0, NOW)
    assert used_up.value.status == 409 and "all 2 attempts are used" in used_up.value.message
    assert classroom.question(ada, "hw", 0, NOW)["attempt"] == 2  # a visit shows the same variant again


def test_two_submissions_racing_for_one_attempt_count_once(classroom):
    ada = person(classroom, "s1")
    classroom.question(ada, "hw", 0, NOW)
    answer = str(key(classroom, ada, "hw", "serve/sum")["total"])
    outcomes, start = [], threading.Barrier(4)

    def submit():
        start.wait()
        try:
            outcomes.append(classroom.submit(ada, "hw", 0, {"total": answer}, NOW)["verdict"])
        except Refused as exc:
            outcomes.append(exc.status)

    threads = [threading.Thread(target=submit) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes, key=str) == [409, 409, 409, "correct"]
    tries = records.attempts_of(classroom.engine, ada.id, "hw", "serve/sum")
    assert len(records.submissions_of(classroom.engine, [t.id for t in tries])) == 1


def test_item_analysis_and_parameter_statistics(classroom):
    # s0..s3 answer the sum right, s4 and s5 wrong; s0, s1 also get the matrix right.
    for i in range(6):
        who = person(classroom, f"s{i}")
        classroom.question(who, "hw", 0, NOW)
        total = key(classroom, who, "hw", "serve/sum")["total"]
        classroom.submit(who, "hw", 0, {"total": str(total if i < 4 else total + 1)}, NOW)
        if i < 2:
            classroom.question(who, "hw", 1, NOW)
            matrix = key(classroom, who, "hw", "serve/matrix")["m_plus_i"]
            classroom.submit(who, "hw", 1, {"m_plus_i": str(matrix.tolist())}, NOW)
    items = {(i["assignment"], i["question"]): i for i in statistics.items(classroom.course, classroom.engine)}
    assert items[("hw", "serve/sum")]["students"] == 6 and items[("hw", "serve/sum")]["difficulty"] == pytest.approx(4 / 6)
    assert items[("hw", "serve/matrix")]["students"] == 2 and items[("hw", "serve/matrix")]["difficulty"] == 1
    # Rest score without the sum: the matrix's 4 points for s0 and s1, 0 for the others; the sum: 1,1,1,1,0,0.
    # Pearson r of (1,1,1,1,0,0) and (1,1,0,0,0,0): cov 4/36, var 8/36 and 8/36 -> r = 1/2.
    assert items[("hw", "serve/sum")]["discrimination"] == pytest.approx(0.5)
    stats = {(p["question"], p["parameter"]): p for p in statistics.parameters(classroom.course, classroom.engine)}
    a = stats[("serve/sum", "a")]
    assert a["submissions"] == 6 and sum(g["submissions"] for g in a["groups"]) == 6
    weighted = sum(g["mean"] * g["submissions"] for g in a["groups"]) / 6
    assert weighted == pytest.approx(4 / 6)  # the groups' means add back up to the question's mean


def test_a_request_that_dies_between_claiming_the_attempt_and_storing_the_submission_leaves_no_trace(
        classroom, monkeypatch):
    ada = person(classroom, "s2")
    classroom.question(ada, "hw", 0, NOW)
    real_insert = records.insert

    def dies_at_the_submission(table):
        if table is records.submissions:
            raise RuntimeError("worker killed")  # after the UPDATE that claimed the attempt, inside its transaction
        return real_insert(table)

    monkeypatch.setattr(records, "insert", dies_at_the_submission)
    with pytest.raises(RuntimeError):
        classroom.submit(ada, "hw", 0, {"total": "1"}, NOW)
    monkeypatch.setattr(records, "insert", real_insert)
    tries = records.attempts_of(classroom.engine, ada.id, "hw", "serve/sum")
    assert tries[-1].finished_at is None and records.submissions_of(classroom.engine, [tries[-1].id]) == []
    answer = str(key(classroom, ada, "hw", "serve/sum")["total"])
    assert classroom.submit(ada, "hw", 0, {"total": answer}, NOW)["verdict"] == "correct"  # the attempt is still open


def test_an_assignment_is_hidden_before_it_opens(classroom):
    from dataclasses import replace

    hw = classroom.course.assignments[0]
    later = replace(hw, opens=datetime(2027, 1, 1, tzinfo=timezone.utc))
    classroom.course = replace(classroom.course, assignments=(later, *classroom.course.assignments[1:]))
    ada = person(classroom, "s3")
    assert [a["id"] for a in classroom.assignments(ada, NOW)] == ["quiz"]
    with pytest.raises(Refused) as hidden:
        classroom.question(ada, "hw", 0, NOW)
    assert hidden.value.status == 404
