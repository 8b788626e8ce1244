"""offers: which spreekuren the assistant offered to whom, and which one was chosen

Why (issue 12, point 2): booking used to trust the ``offered`` and ``pending`` slots of
the tracker that Rasa sends to the action server, so a direct call with invented slots
booked a spreekuur that was never offered. The assistant now records every offer here
(detainee, spreekuur, offered_at) and the choice (chosen_at); booking checks these rows.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "offers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("detainee_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("offered_at", sa.DateTime(), nullable=False),
        sa.Column("chosen_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["detainee_id"],
            ["detainees.id"],
            name=op.f("fk_offers_detainee_id_detainees"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["consultation_sessions.id"],
            name=op.f("fk_offers_session_id_consultation_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offers")),
    )
    op.create_index("ix_offers_detainee_session", "offers", ["detainee_id", "session_id"])


def downgrade() -> None:
    op.drop_index("ix_offers_detainee_session", table_name="offers")
    op.drop_table("offers")
