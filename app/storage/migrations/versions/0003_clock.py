"""The clock of the current block or step, the facilitator's message, closed werkvormen.

Revision ID: 0003_clock
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_clock"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sessions") as batch:
        batch.add_column(sa.Column("clock_started_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("clock_paused_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(
            sa.Column("clock_extra_minutes", sa.Integer(), nullable=False, server_default="0")
        )
        batch.add_column(sa.Column("clock_step", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("message", sa.String(140), nullable=False, server_default=""))
        batch.add_column(sa.Column("message_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(
            sa.Column("closed_werkvormen", sa.String(200), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("sessions") as batch:
        for column in (
            "closed_werkvormen",
            "message_at",
            "message",
            "clock_step",
            "clock_extra_minutes",
            "clock_paused_at",
            "clock_started_at",
        ):
            batch.drop_column(column)
