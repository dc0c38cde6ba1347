"""Follow-up: scans.baseline_scan_id and scans.instruments, the action plan, confirmed statement matches.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("scans") as batch:
        batch.add_column(sa.Column("baseline_scan_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("instruments", sa.JSON(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_scans_baseline_scan_id_scans"), "scans", ["baseline_scan_id"], ["id"], ondelete="SET NULL"
        )
        batch.create_index(op.f("ix_scans_baseline_scan_id"), ["baseline_scan_id"])
    op.create_table(
        "actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scan_id", sa.Integer(), nullable=False),
        sa.Column("recommendation_id", sa.Integer(), nullable=True),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("pillar", sa.String(length=20), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("owner_role", sa.String(length=200), nullable=False),
        sa.Column("owner_name", sa.String(length=200), nullable=True),
        sa.Column("deadline", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["scan_id"], ["scans.id"], name=op.f("fk_actions_scan_id_scans"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["recommendation_id"], ["report_recommendations.id"],
            name=op.f("fk_actions_recommendation_id_report_recommendations"), ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actions")),
        sa.UniqueConstraint("scan_id", "recommendation_id", name=op.f("uq_actions_scan_id")),
    )
    op.create_index(op.f("ix_actions_scan_id"), "actions", ["scan_id"])
    op.create_index(op.f("ix_actions_recommendation_id"), "actions", ["recommendation_id"])
    op.create_table(
        "statement_matches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scan_id", sa.Integer(), nullable=False),
        sa.Column("baseline_key", sa.String(length=300), nullable=False),
        sa.Column("followup_key", sa.String(length=300), nullable=False),
        sa.Column("confirmed", sa.Integer(), nullable=False),
        sa.Column("decided_by", sa.String(length=100), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["scan_id"], ["scans.id"], name=op.f("fk_statement_matches_scan_id_scans"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statement_matches")),
        sa.UniqueConstraint(
            "scan_id", "baseline_key", "followup_key", name=op.f("uq_statement_matches_scan_id")
        ),
    )
    op.create_index(op.f("ix_statement_matches_scan_id"), "statement_matches", ["scan_id"])


def downgrade() -> None:
    op.drop_table("statement_matches")
    op.drop_table("actions")
    with op.batch_alter_table("scans") as batch:
        batch.drop_index(op.f("ix_scans_baseline_scan_id"))
        batch.drop_constraint(op.f("fk_scans_baseline_scan_id_scans"), type_="foreignkey")
        batch.drop_column("instruments")
        batch.drop_column("baseline_scan_id")
