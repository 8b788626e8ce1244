"""retained_counts: anonymous counts that outlive retention and erasure

Retention (`ric privacy purge`) and erasure (`ric privacy erase`) remove a detainee's
conversations, queue entries and, after release, the record itself (issue 12, point 4).
The statistics of the RIC (condition statuses per month, bookings per partner,
unanswered questions) must survive that, so the counts are added here first, without
any link to a person. See docs/privacy.md.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "retained_counts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("metric", sa.String(length=32), nullable=False),
        sa.Column("key", sa.String(length=160), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_retained_counts")),
        sa.UniqueConstraint("month", "metric", "key", name=op.f("uq_retained_counts_month")),
    )


def downgrade() -> None:
    op.drop_table("retained_counts")
