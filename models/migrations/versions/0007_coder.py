"""Coder: why the auto-coder proposed no code for a fragment ("geen code voorgesteld").

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("fragments") as batch:
        batch.add_column(sa.Column("abstain_reason", sa.String(20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("fragments") as batch:
        batch.drop_column("abstain_reason")
