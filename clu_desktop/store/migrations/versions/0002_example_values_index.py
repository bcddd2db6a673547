"""A partial index on the example indicator values: the catalogue finds the indicators
holding examples without reading every value.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# Revision identifiers, used by Alembic.
revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_indicator_value_example",
        "indicator_value",
        ["indicator_id"],
        sqlite_where=sa.text("is_example = 1"),
        postgresql_where=sa.text("is_example = true"),
    )


def downgrade() -> None:
    op.drop_index("ix_indicator_value_example", table_name="indicator_value")
