"""The first schema: settings, people, attempts and submissions.

Revision ID: 0001
Revises:
Create Date: 2026-12-03
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("settings",
                    sa.Column("name", sa.String(64), primary_key=True),
                    sa.Column("value", sa.Text, nullable=False))
    op.create_table("people",
                    sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("course", sa.String(64), nullable=False),
                    sa.Column("student_id", sa.String(128), nullable=False),
                    sa.Column("name", sa.String(256), nullable=False),
                    sa.Column("email", sa.String(256), nullable=False, server_default=""),
                    sa.Column("role", sa.String(16), nullable=False),
                    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
                    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
                    sa.UniqueConstraint("course", "student_id", name="uq_people_course_student"))
    op.create_table("attempts",
                    sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id"), nullable=False),
                    sa.Column("assignment", sa.String(64), nullable=False),
                    sa.Column("question", sa.String(64), nullable=False),
                    sa.Column("number", sa.Integer, nullable=False),
                    sa.Column("template", sa.String(128), nullable=False),
                    sa.Column("seed", sa.BigInteger, nullable=False),
                    sa.Column("params", sa.Text, nullable=False),
                    sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
                    sa.Column("finished_at", sa.DateTime(timezone=True)),
                    sa.UniqueConstraint("person_id", "assignment", "question", "number",
                                        name="uq_attempts_person_question_number"))
    op.create_table("submissions",
                    sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("attempt_id", sa.Integer, sa.ForeignKey("attempts.id"), nullable=False),
                    sa.Column("answers", sa.Text, nullable=False),
                    sa.Column("verdict", sa.String(16), nullable=False),
                    sa.Column("parts", sa.Text, nullable=False),
                    sa.Column("points", sa.Float, nullable=False),
                    sa.Column("max_points", sa.Float, nullable=False),
                    sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False))


def downgrade() -> None:
    for table in ("submissions", "attempts", "people", "settings"):
        op.drop_table(table)
