"""The record of any committee: print settings and quorum per committee, convocation and
publication dates, secretaries of the session, proxies told apart from substitutes, and
deliberations with their votes.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# Revision identifiers, used by Alembic.
revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _enum(*values: str, name: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, length=32)


def upgrade() -> None:
    with op.batch_alter_table("committee") as batch:
        batch.add_column(
            sa.Column("votes", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch.add_column(
            sa.Column("print_counts", sa.Boolean(), server_default=sa.true(), nullable=False)
        )
        batch.add_column(sa.Column("quorum", sa.String(length=20), nullable=True))
        batch.add_column(sa.Column("members_in_office", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("proxy_limit", sa.Integer(), server_default="1", nullable=False))
        batch.add_column(
            sa.Column(
                "presenter_style",
                _enum("presented", "rapporteur", name="presenterstyle"),
                server_default="presented",
                nullable=False,
            )
        )
        batch.add_column(
            sa.Column(
                "numbering",
                _enum("arabic", "roman", name="numbering"),
                server_default="arabic",
                nullable=False,
            )
        )
    with op.batch_alter_table("meeting") as batch:
        batch.add_column(sa.Column("convocation_date", sa.Date(), nullable=True))
        batch.add_column(sa.Column("publication_date", sa.Date(), nullable=True))
    with op.batch_alter_table("invitation") as batch:
        batch.add_column(
            sa.Column(
                "representation", _enum("proxy", "substitute", name="representation"), nullable=True
            )
        )
        batch.add_column(
            sa.Column("is_secretary", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    # Before this version "représenté par" meant someone sitting in the member's place.
    op.execute("UPDATE invitation SET representation = 'substitute' WHERE status = 'represented'")
    with op.batch_alter_table("agenda_item") as batch:
        batch.add_column(sa.Column("decision_text", sa.Text(), nullable=True))
        batch.add_column(
            sa.Column("vote_result", _enum("unanimous", "vote", name="voteresult"), nullable=True)
        )
        batch.add_column(sa.Column("votes_for", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("votes_against", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("votes_abstaining", sa.Integer(), nullable=True))
    op.create_table(
        "vote_name",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agenda_item_id", sa.Integer(), nullable=False),
        sa.Column("invitation_id", sa.Integer(), nullable=False),
        sa.Column(
            "choice", _enum("for", "against", "abstaining", name="votechoice"), nullable=False
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agenda_item_id"],
            ["agenda_item.id"],
            name=op.f("fk_vote_name_agenda_item_id_agenda_item"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["invitation_id"],
            ["invitation.id"],
            name=op.f("fk_vote_name_invitation_id_invitation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vote_name")),
        sa.UniqueConstraint(
            "agenda_item_id", "invitation_id", name=op.f("uq_vote_name_agenda_item_id")
        ),
    )
    op.create_index(
        op.f("ix_vote_name_agenda_item_id"), "vote_name", ["agenda_item_id"], unique=False
    )
    op.create_index(
        op.f("ix_vote_name_invitation_id"), "vote_name", ["invitation_id"], unique=False
    )


def downgrade() -> None:
    op.drop_table("vote_name")
    with op.batch_alter_table("agenda_item") as batch:
        for column in ("decision_text", "vote_result", "votes_for", "votes_against"):
            batch.drop_column(column)
        batch.drop_column("votes_abstaining")
    with op.batch_alter_table("invitation") as batch:
        batch.drop_column("representation")
        batch.drop_column("is_secretary")
    with op.batch_alter_table("meeting") as batch:
        batch.drop_column("convocation_date")
        batch.drop_column("publication_date")
    with op.batch_alter_table("committee") as batch:
        for column in ("votes", "print_counts", "quorum", "members_in_office", "proxy_limit"):
            batch.drop_column(column)
        batch.drop_column("presenter_style")
        batch.drop_column("numbering")
