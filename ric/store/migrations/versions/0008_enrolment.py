"""enrolment: end of kiosk access, one PI per staff account

Staff enrol detainees and end their kiosk access at release (issue 14), so a detainee
row records when access ended. Staff see only their own PI's detainees, so a staff
account names its PI (empty: every PI, for admins). Staff who mark a help request
handled can leave a note for colleagues.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("detainees") as batch:
        batch.add_column(sa.Column("access_ended_at", sa.DateTime(), nullable=True))
    with op.batch_alter_table("staff_accounts") as batch:
        batch.add_column(sa.Column("pi", sa.String(length=120), nullable=True))
    with op.batch_alter_table("help_requests") as batch:
        batch.add_column(sa.Column("handled_note", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("help_requests") as batch:
        batch.drop_column("handled_note")
    with op.batch_alter_table("staff_accounts") as batch:
        batch.drop_column("pi")
    with op.batch_alter_table("detainees") as batch:
        batch.drop_column("access_ended_at")
