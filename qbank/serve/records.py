"""Reading and writing people, attempts and submissions: every write is one short transaction.

Each function takes the Engine or, to serve one request over one connection
(round trips saved on PostgreSQL), a Connection: reads share its transaction,
and a write commits it (see `writing`).
A graded submission and the end of its attempt are one transaction: the attempt
row is claimed with `UPDATE ... WHERE finished_at IS NULL`, so two submissions
racing for one attempt (two tabs, two workers) cannot both count, and a worker
killed mid-request leaves either both rows or neither.
"""
from __future__ import annotations

import json
from contextlib import contextmanager
from datetime import datetime

from sqlalchemy import and_, bindparam, func, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from qbank.serve.tables import attempts, people, submissions
from qbank.serve.tokens import token_hash


# The statements of every request, built once (building one costs more than running it on SQLite).
_BY_TOKEN = select(people).where(people.c.course == bindparam("course"), people.c.token_hash == bindparam("hash"))
_BY_ID = select(people).where(people.c.course == bindparam("course"), people.c.id == bindparam("id"))
_ATTEMPTS = select(attempts).where(attempts.c.person_id == bindparam("person"),
                                   attempts.c.assignment == bindparam("assignment"),
                                   attempts.c.question == bindparam("question")).order_by(attempts.c.number)
_SUBMISSIONS = select(submissions).where(submissions.c.attempt_id == bindparam("attempt")).order_by(submissions.c.id)


@contextmanager
def reading(db):
    """A connection to read with: `db` itself, or one from the Engine `db` for this block."""
    if isinstance(db, Connection):
        yield db
    else:
        with db.connect() as conn:
            yield conn


@contextmanager
def writing(db):
    """A transaction committed at the end of the block, rolled back on an error.

    On a Connection the write joins the request's transaction (one COMMIT for reads and write), except on
    SQLite: there a transaction that has read cannot always start writing (SQLITE_BUSY without waiting), so
    the reads are committed first and the write takes the lock at its first statement, waiting its turn.
    """
    if not isinstance(db, Connection):
        with db.begin() as conn:
            yield conn
        return
    if db.dialect.name == "sqlite":
        db.commit()
    try:
        yield db
    except BaseException:
        db.rollback()
        raise
    db.commit()


class AttemptClosed(Exception):
    """The attempt already has its graded submission."""


def person_by_token(db, course_id: str, token: str):
    """The person whose sign-in token this is, or None."""
    with reading(db) as conn:
        return conn.execute(_BY_TOKEN, {"course": course_id, "hash": token_hash(token)}).first()


def person_by_id(db, course_id: str, person_id: int):
    with reading(db) as conn:
        return conn.execute(_BY_ID, {"course": course_id, "id": person_id}).first()


def attempts_of(db, person_id: int, assignment_id: str, question: str) -> list:
    """The person's attempts at one question, oldest first."""
    with reading(db) as conn:
        return list(conn.execute(_ATTEMPTS, {"person": person_id, "assignment": assignment_id, "question": question}))


def start_attempt(db, person_id: int, assignment_id: str, question: str, number: int, template: str,
                  seed: int, params: dict, now: datetime):
    """Attempt `number`, made now unless another request made it first (the unique key decides)."""
    try:
        with writing(db) as conn:
            return conn.execute(insert(attempts).values(
                person_id=person_id, assignment=assignment_id, question=question, number=number, template=template,
                seed=seed, params=json.dumps(params), started_at=now).returning(*attempts.c)).one()
    except IntegrityError:
        return next(a for a in attempts_of(db, person_id, assignment_id, question) if a.number == number)


def store_submission(db, attempt, person_id: int, answers: dict, graded, now: datetime, finishes: bool) -> int:
    """Store a submission; when it `finishes` the attempt, claim the attempt in the same transaction. Its id."""
    with writing(db) as conn:
        if finishes:
            claimed = conn.execute(update(attempts).where(
                attempts.c.id == attempt.id, attempts.c.person_id == person_id,
                attempts.c.finished_at.is_(None)).values(finished_at=now))
            if claimed.rowcount != 1:
                raise AttemptClosed(f"attempt {attempt.number} is already graded")
        return conn.execute(insert(submissions).values(
            attempt_id=attempt.id, answers=json.dumps(answers), verdict=graded.verdict, parts=json.dumps(graded.parts),
            points=graded.points, max_points=graded.max_points, submitted_at=now).returning(submissions.c.id)).scalar_one()


def submissions_of(db, attempt_ids: list) -> list:
    """The submissions of these attempts, oldest first."""
    if not attempt_ids:
        return []
    with reading(db) as conn:
        if len(attempt_ids) == 1:
            return list(conn.execute(_SUBMISSIONS, {"attempt": attempt_ids[0]}))
        return list(conn.execute(select(submissions).where(submissions.c.attempt_id.in_(attempt_ids))
                                 .order_by(submissions.c.id)))


def submission_of_person(db, submission_id: int, person_id: int):
    """One submission with its attempt's assignment and question, only if it is this person's (else None)."""
    with reading(db) as conn:
        return conn.execute(select(submissions, attempts.c.assignment, attempts.c.question, attempts.c.number)
                            .join(attempts, attempts.c.id == submissions.c.attempt_id)
                            .where(submissions.c.id == submission_id, attempts.c.person_id == person_id)).first()


def best_scores(db, person_id: int) -> dict:
    """(assignment, question) -> (best points of a graded submission, graded attempts) for one person."""
    graded = and_(submissions.c.attempt_id == attempts.c.id, submissions.c.verdict != "invalid")
    with reading(db) as conn:
        rows = conn.execute(select(attempts.c.assignment, attempts.c.question, func.max(submissions.c.points),
                                   func.count(submissions.c.id))
                            .select_from(attempts.join(submissions, graded))
                            .where(attempts.c.person_id == person_id)
                            .group_by(attempts.c.assignment, attempts.c.question))
        return {(a, q): (best, count) for a, q, best, count in rows}
