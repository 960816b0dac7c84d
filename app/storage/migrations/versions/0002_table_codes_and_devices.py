"""A secret table code per group (the tablet's key) and the devices linked to each table.

Revision ID: 0002
Revises: 0001
"""

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# The alphabet and length of app.domain.sessions at the time of writing: a migration keeps its own.
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
LENGTH = 10


def upgrade() -> None:
    with op.batch_alter_table("groups") as batch:
        batch.add_column(sa.Column("table_code", sa.String(16), nullable=True))
    groups = sa.table("groups", sa.column("id", sa.Integer), sa.column("table_code", sa.String))
    connection = op.get_bind()
    for (group_id,) in connection.execute(sa.select(groups.c.id)).all():
        code = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
        connection.execute(groups.update().where(groups.c.id == group_id).values(table_code=code))
    with op.batch_alter_table("groups") as batch:
        batch.alter_column("table_code", existing_type=sa.String(16), nullable=False)
        batch.create_unique_constraint("uq_groups_table_code", ["table_code"])
    op.create_table(
        "devices",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "session_id",
            sa.Integer(),
            sa.ForeignKey("sessions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "group_id", sa.Integer(), sa.ForeignKey("groups.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("device_id", sa.String(32), nullable=False),
        sa.Column("label", sa.String(40), nullable=False),
        sa.Column("linked_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("group_id", "device_id", name="uq_devices_group_device"),
    )
    op.create_index("ix_devices_session_id", "devices", ["session_id"])


def downgrade() -> None:
    op.drop_table("devices")
    with op.batch_alter_table("groups") as batch:
        batch.drop_constraint("uq_groups_table_code", type_="unique")
        batch.drop_column("table_code")
