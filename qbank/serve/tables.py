"""The database tables (SQLAlchemy Core), as the latest migration leaves them (migrations/versions/).

people       one row per student or instructor of a course; the sign-in token is stored only as its SHA-256
identities   an external sign-in (an LMS's LTI 1.3 issuer and subject) linked to a person (the seam, docs/serve.md)
attempts     one variant of one question for one person: the seed it was drawn from, the drawn parameters,
             finished_at set by the graded submission that ends it
submissions  every answer sent: the typed text, the verdict per part, the points, the time
settings     shared values every worker reads: the cookie-signing secret
"""
from __future__ import annotations

from sqlalchemy import (BigInteger, Column, DateTime, Float, ForeignKey, Integer, MetaData, String, Table, Text,
                        UniqueConstraint)

metadata = MetaData()

settings = Table(
    "settings", metadata,
    Column("name", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

people = Table(
    "people", metadata,
    Column("id", Integer, primary_key=True),
    Column("course", String(64), nullable=False),
    Column("student_id", String(128), nullable=False),
    Column("name", String(256), nullable=False),
    Column("email", String(256), nullable=False, server_default=""),
    Column("role", String(16), nullable=False),  # student | instructor
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("course", "student_id", name="uq_people_course_student"),
)

identities = Table(
    "identities", metadata,
    Column("id", Integer, primary_key=True),
    Column("person_id", Integer, ForeignKey("people.id"), nullable=False, index=True),
    Column("issuer", String(512), nullable=False),
    Column("subject", String(256), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("issuer", "subject", name="uq_identities_issuer_subject"),
)

attempts = Table(
    "attempts", metadata,
    Column("id", Integer, primary_key=True),
    Column("person_id", Integer, ForeignKey("people.id"), nullable=False),
    Column("assignment", String(64), nullable=False),
    Column("question", String(64), nullable=False),
    Column("number", Integer, nullable=False),
    Column("template", String(128), nullable=False),
    Column("seed", BigInteger, nullable=False),
    Column("params", Text, nullable=False),  # JSON: the drawn scalar parameters, for per-parameter statistics
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    UniqueConstraint("person_id", "assignment", "question", "number", name="uq_attempts_person_question_number"),
)

submissions = Table(
    "submissions", metadata,
    Column("id", Integer, primary_key=True),
    Column("attempt_id", Integer, ForeignKey("attempts.id"), nullable=False, index=True),
    Column("answers", Text, nullable=False),  # JSON: part name -> the typed text
    Column("verdict", String(16), nullable=False),  # correct | partial | wrong | invalid
    Column("parts", Text, nullable=False),  # JSON: [{name, status, points, message}]
    Column("points", Float, nullable=False),
    Column("max_points", Float, nullable=False),
    Column("submitted_at", DateTime(timezone=True), nullable=False),
)
