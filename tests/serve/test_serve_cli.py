"""`qbank roster` and `qbank gradebook` through click's CliRunner: links, hashed tokens, re-runs, bad rows."""
import csv
import hashlib

from sqlalchemy import create_engine, select

from qbank.cli import main
from qbank.serve.tables import people
from serve_support import ROSTER


def roster(runner, course, tmp_path, text=ROSTER, *extra):
    (tmp_path / "roster.csv").write_text(text, encoding="utf-8")
    return runner.invoke(main, ["roster", str(course), str(tmp_path / "roster.csv"), "--out", str(tmp_path / "links.csv"),
                                "--base-url", "https://qb.example.org/", *extra])


def links(tmp_path):
    with (tmp_path / "links.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_roster_writes_links_and_stores_only_hashes(runner, course_file, tmp_path):
    result = roster(runner, course_file, tmp_path)
    assert result.exit_code == 0, result.output
    rows = links(tmp_path)
    assert [(r["id"], r["role"]) for r in rows] == [("s1", "student"), ("s2", "student"), ("prof", "instructor")]
    assert all(r["link"].startswith("https://qb.example.org/signin/") for r in rows)
    assert (tmp_path / "links.csv").stat().st_mode & 0o077 == 0  # the links are passwords: owner only
    engine = create_engine(f"sqlite:///{tmp_path / 'course.sqlite3'}")  # the default: next to the course file
    with engine.connect() as conn:
        stored = {r.student_id: r.token_hash for r in conn.execute(select(people))}
    token = rows[0]["link"].rsplit("/", 1)[1]
    assert stored["s1"] == hashlib.sha256(token.encode()).hexdigest()
    database = (tmp_path / "course.sqlite3").read_bytes()
    assert all(r["link"].rsplit("/", 1)[1].encode() not in database for r in rows)

    again = roster(runner, course_file, tmp_path, ROSTER + "s3,Kurt Goedel,kurt@example.org,\n")
    assert again.exit_code == 0 and [r["id"] for r in links(tmp_path)] == ["s3"]  # the others keep their links
    with engine.connect() as conn:
        assert conn.execute(select(people.c.token_hash).where(people.c.student_id == "s1")).scalar() == stored["s1"]
    reissued = roster(runner, course_file, tmp_path, ROSTER, "--reissue")
    assert reissued.exit_code == 0 and len(links(tmp_path)) == 3
    with engine.connect() as conn:
        assert conn.execute(select(people.c.token_hash).where(people.c.student_id == "s1")).scalar() != stored["s1"]
    engine.dispose()


def test_a_bad_roster_row_is_named_and_nothing_is_written(runner, course_file, tmp_path):
    result = roster(runner, course_file, tmp_path, ROSTER + "s1,Ada Again,ada2@example.org,\n")
    assert result.exit_code == 2 and "roster.csv:5: id 's1' is listed twice (first on line 2)" in result.output
    result = roster(runner, course_file, tmp_path, "id,name\ns1,Ada\n")
    assert result.exit_code == 2 and "roster.csv:1: the header needs the columns id, name, email" in result.output
    result = roster(runner, course_file, tmp_path, ROSTER.replace("instructor", "dean"))
    assert result.exit_code == 2 and "roster.csv:4: role should be student or instructor" in result.output
    assert not (tmp_path / "links.csv").exists()


def test_a_bad_database_url_is_one_line(runner, course_file, tmp_path):
    result = runner.invoke(main, ["gradebook", str(course_file), "--db", "mysql://x@y/z"])
    assert result.exit_code == 2 and "supports sqlite:/// and postgresql://" in result.output


def test_gradebook_of_a_class_that_has_not_started(runner, course_file, tmp_path):
    assert roster(runner, course_file, tmp_path).exit_code == 0
    out = tmp_path / "grades.csv"
    result = runner.invoke(main, ["gradebook", str(course_file), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").splitlines() == [
        "id,name,email,hw,quiz,total", "s1,Ada Lovelace,ada@example.org,0,0,0", "s2,Alan Turing,alan@example.org,0,0,0"]
