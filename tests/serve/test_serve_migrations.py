"""The shipped Alembic migrations: a database made at the first revision, filled, upgraded to the latest, intact.

Runs on SQLite and on PostgreSQL. The rows are written with plain SQL, as the
first revision's schema had them, and read back through today's table definitions.
"""
from datetime import datetime, timezone

from alembic.script import ScriptDirectory
from alembic.config import Config
from sqlalchemy import inspect, select, text

from qbank.serve.database import MIGRATIONS, connect, migrate
from qbank.serve.tables import attempts


def revisions() -> list:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return [script.revision for script in reversed(list(ScriptDirectory.from_config(config).walk_revisions()))]


def test_revisions_form_one_line_of_history():
    assert revisions()[0] == "0001" and len(revisions()) >= 2


def test_upgrade_from_the_first_revision_keeps_the_data(db_url):
    engine = connect(db_url)
    migrate(engine, revisions()[0])
    assert "identities" not in inspect(engine).get_table_names()  # truly the first schema
    now = datetime(2026, 12, 1, 9, 30, tzinfo=timezone.utc)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO people (course, student_id, name, email, role, token_hash, created_at) "
                          "VALUES ('c', 's1', 'Ada', 'ada@example.org', 'student', :hash, :now)"),
                     {"hash": "ab" * 32, "now": now})
        conn.execute(text("INSERT INTO attempts (person_id, assignment, question, number, template, seed, params, "
                          "started_at, finished_at) VALUES (1, 'hw', 'q', 1, 'serve/sum', 9007199254740993, "
                          "'{\"a\": 3}', :now, :now)"), {"now": now})
        conn.execute(text("INSERT INTO submissions (attempt_id, answers, verdict, parts, points, max_points, "
                          "submitted_at) VALUES (1, '{\"total\": \"7\"}', 'correct', '[]', 2.5, 2.5, :now)"),
                     {"now": now})
    migrate(engine)
    with engine.connect() as conn:
        person = conn.execute(text("SELECT student_id, name, token_hash FROM people")).one()
        attempt = conn.execute(select(attempts.c.seed, attempts.c.params, attempts.c.finished_at)).one()
        submission = conn.execute(text("SELECT answers, verdict, points FROM submissions")).one()
        version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    assert tuple(person) == ("s1", "Ada", "ab" * 32)
    assert attempt.seed == 9007199254740993 and attempt.params == '{"a": 3}'  # 2^53 + 1: a 64-bit seed survives
    assert attempt.finished_at.replace(tzinfo=attempt.finished_at.tzinfo or timezone.utc) == now  # SQLite drops the zone
    assert tuple(submission) == ('{"total": "7"}', "correct", 2.5)
    assert version == revisions()[-1]
    with engine.begin() as conn:  # the new table works and points at the old rows
        conn.execute(text("INSERT INTO identities (person_id, issuer, subject, created_at) "
                          "VALUES (1, 'https://lms.example.org', 'sub-1', :now)"), {"now": now})
    assert {"ix_identities_person_id"} <= {ix["name"] for ix in inspect(engine).get_indexes("identities")}
    engine.dispose()
