"""Report: the template stored with versions (edited in the app), and PII waivers for the analyst's own text.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("reports") as batch:
        batch.add_column(sa.Column("template_version", sa.Integer(), nullable=False, server_default="1"))
        batch.add_column(sa.Column("pii_waivers", sa.JSON(), nullable=True))
    op.create_table(
        "report_template_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("template", sa.JSON(), nullable=False),
        sa.Column("saved_by", sa.String(length=100), nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_report_template_versions_report_id_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_template_versions")),
        sa.UniqueConstraint("report_id", "version", name=op.f("uq_report_template_versions_report_id")),
    )
    op.create_index(op.f("ix_report_template_versions_report_id"), "report_template_versions", ["report_id"])
    # the template every existing report was made with is its version 1
    op.execute(
        "INSERT INTO report_template_versions (report_id, version, template, saved_by, saved_at) "
        "SELECT id, 1, template, created_by, created_at FROM reports"
    )


def downgrade() -> None:
    op.drop_table("report_template_versions")
    with op.batch_alter_table("reports") as batch:
        batch.drop_column("pii_waivers")
        batch.drop_column("template_version")
