"""The names spreadsheets give indicators and sites, remembered once confirmed.

One table, ``indicator_name_mapping``: a name (its key without case, accents, spaces or
punctuation, and how it was written) of an indicator or a site, and what it means (an
indicator, a site, « Ensemble » or lines to leave out). No other table changes.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# Revision identifiers, used by Alembic.
revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "indicator_name_mapping",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("name_key", sa.String(length=300), nullable=False),
        sa.Column("written", sa.String(length=300), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=True),
        sa.Column("site_id", sa.Integer(), nullable=True),
        sa.Column("ignored", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicator.id"],
            name=op.f("fk_indicator_name_mapping_indicator_id_indicator"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["site_id"],
            ["site.id"],
            name=op.f("fk_indicator_name_mapping_site_id_site"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator_name_mapping")),
        sa.UniqueConstraint("kind", "name_key", name=op.f("uq_indicator_name_mapping_kind")),
    )


def downgrade() -> None:
    op.drop_table("indicator_name_mapping")
