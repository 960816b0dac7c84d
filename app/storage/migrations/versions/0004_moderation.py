"""Moderation: the facilitator reveals, hides, pins and stars what the room typed, and merges
partner names that mean the same.

Revision ID: 0004_moderation
Revises: 0003_clock
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_moderation"
down_revision = "0003_clock"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "moderation",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "session_id",
            sa.Integer(),
            sa.ForeignKey("sessions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("item", sa.String(140), nullable=False),
        sa.Column("revealed", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("hidden", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("pinned", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("starred", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("merged_into", sa.String(140), nullable=False, server_default=""),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("session_id", "item", name="uq_moderation_session_item"),
    )
    op.create_index("ix_moderation_session_id", "moderation", ["session_id"])


def downgrade() -> None:
    op.drop_table("moderation")
