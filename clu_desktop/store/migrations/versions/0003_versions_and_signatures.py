"""Record versions and signed minutes.

Every record users edit in a form gets a ``version`` counter (optimistic concurrency: in
the shared mode, a save made over someone else's newer change is detected instead of
overwriting it). Meetings get the signature of their minutes (when, by whom, SHA-256 of
the signed PDF, and that PDF) and ``signature_event`` keeps each signature and reopening.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# Revision identifiers, used by Alembic.
revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

VERSIONED_TABLES = (
    "action",
    "agenda_item",
    "annex",
    "audit",
    "committee",
    "finding",
    "identity",
    "indicator",
    "indicator_value",
    "invitation",
    "label",
    "meeting",
    "organisation",
    "person",
    "referential",
    "referential_module",
    "setting",
    "site",
    "statement",
)
SIGNATURE_COLUMNS = ("signed_at", "signed_by", "signed_sha256", "signed_pdf")


def upgrade() -> None:
    for table in VERSIONED_TABLES:
        # Adding a column with a constant default needs no table rebuild on SQLite.
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))
    with op.batch_alter_table("meeting") as batch:
        batch.add_column(sa.Column("signed_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("signed_by", sa.String(length=200), nullable=True))
        batch.add_column(sa.Column("signed_sha256", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("signed_pdf", sa.LargeBinary(), nullable=True))
    op.create_table(
        "signature_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("signed", "reopened", name="signaturekind", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("by", sa.String(length=200), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_signature_event_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signature_event")),
    )
    op.create_index(
        op.f("ix_signature_event_meeting_id"), "signature_event", ["meeting_id"], unique=False
    )


def downgrade() -> None:
    op.drop_table("signature_event")
    with op.batch_alter_table("meeting") as batch:
        for column in SIGNATURE_COLUMNS:
            batch.drop_column(column)
    for table in VERSIONED_TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("version")
