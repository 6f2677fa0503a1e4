"""External sign-ins (an LMS's LTI 1.3 issuer and subject per person), and an index for a question's submissions.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("identities",
                    sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id"), nullable=False),
                    sa.Column("issuer", sa.String(512), nullable=False),
                    sa.Column("subject", sa.String(256), nullable=False),
                    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
                    sa.UniqueConstraint("issuer", "subject", name="uq_identities_issuer_subject"))
    op.create_index("ix_identities_person_id", "identities", ["person_id"])
    op.create_index("ix_submissions_attempt_id", "submissions", ["attempt_id"])


def downgrade() -> None:
    op.drop_index("ix_submissions_attempt_id", "submissions")
    op.drop_index("ix_identities_person_id", "identities")
    op.drop_table("identities")
