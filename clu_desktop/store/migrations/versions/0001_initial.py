"""Initial schema: every table of CLU Desktop.

Revision ID: 0001
Revises:
Create Date: 2026-11-28

Tables are created in the order of their foreign keys, and dropped in the reverse order;
dropping a table drops its indexes. Constraint and index names come from the naming
convention of ``clu_desktop.domain.base``.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# Revision identifiers, used by Alembic.
revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES_IN_DROP_ORDER = (
    "setting",
    "identity",
    "annex_indicator",
    "annex",
    "action",
    "statement_speaker",
    "statement",
    "agenda_item",
    "invitation",
    "meeting",
    "finding",
    "audit_module",
    "audit",
    "label_module",
    "label",
    "referential_module",
    "referential",
    "indicator_value",
    "indicator_site",
    "indicator",
    "site",
    "committee_member",
    "committee",
    "person",
    "organisation",
)


def upgrade() -> None:
    # The directory.
    op.create_table(
        "organisation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("acronym", sa.String(length=50)),
        sa.Column("internal", sa.Boolean(), nullable=False),
        sa.Column("address", sa.Text()),
        sa.Column("notes", sa.Text()),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation")),
    )
    op.create_index(op.f("ix_organisation_name"), "organisation", ["name"])
    op.create_table(
        "person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("civility", sa.String(length=20)),
        sa.Column("first_name", sa.String(length=100)),
        sa.Column("last_name", sa.String(length=100), nullable=False),
        sa.Column("function", sa.String(length=300)),
        sa.Column("organisation_id", sa.Integer()),
        sa.Column("email", sa.String(length=254)),
        sa.Column("phone", sa.String(length=50)),
        sa.Column("notes", sa.Text()),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_person_organisation_id_organisation"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person")),
    )
    op.create_index(op.f("ix_person_last_name"), "person", ["last_name"])
    op.create_index(op.f("ix_person_organisation_id"), "person", ["organisation_id"])
    op.create_table(
        "committee",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("acronym", sa.String(length=50)),
        sa.Column("description", sa.Text()),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_committee")),
        sa.UniqueConstraint("name", name=op.f("uq_committee_name")),
    )
    op.create_table(
        "committee_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("committee_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=100)),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["committee_id"],
            ["committee.id"],
            name=op.f("fk_committee_member_committee_id_committee"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_committee_member_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_committee_member")),
        sa.UniqueConstraint(
            "committee_id", "person_id", name=op.f("uq_committee_member_committee_id")
        ),
    )
    op.create_index(op.f("ix_committee_member_person_id"), "committee_member", ["person_id"])

    # Indicators.
    op.create_table(
        "site",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_site")),
        sa.UniqueConstraint("name", name=op.f("uq_site_name")),
    )
    op.create_table(
        "indicator",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=50), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("category", sa.String(length=200)),
        sa.Column("unit", sa.String(length=30)),
        sa.Column(
            "direction",
            sa.Enum("higher", "lower", name="direction", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("target", sa.Double()),
        sa.Column(
            "periodicity",
            sa.Enum("year", "quarter", "month", name="periodicity", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text()),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator")),
        sa.UniqueConstraint("code", name=op.f("uq_indicator_code")),
    )
    op.create_table(
        "indicator_site",
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicator.id"],
            name=op.f("fk_indicator_site_indicator_id_indicator"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["site_id"],
            ["site.id"],
            name=op.f("fk_indicator_site_site_id_site"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("indicator_id", "site_id", name=op.f("pk_indicator_site")),
    )
    op.create_table(
        "indicator_value",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=10), nullable=False),
        sa.Column("site_id", sa.Integer()),
        sa.Column("value", sa.Double(), nullable=False),
        sa.Column("comment", sa.Text()),
        sa.Column("source", sa.String(length=300)),
        sa.Column("is_example", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicator.id"],
            name=op.f("fk_indicator_value_indicator_id_indicator"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["site_id"],
            ["site.id"],
            name=op.f("fk_indicator_value_site_id_site"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator_value")),
        sa.UniqueConstraint(
            "indicator_id", "period", "site_id", name=op.f("uq_indicator_value_indicator_id")
        ),
    )

    # The quality label.
    op.create_table(
        "referential",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=50), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("owner", sa.String(length=300)),
        sa.Column("description", sa.Text()),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referential")),
        sa.UniqueConstraint("code", name=op.f("uq_referential_code")),
    )
    op.create_table(
        "referential_module",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("referential_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=50), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["referential_id"],
            ["referential.id"],
            name=op.f("fk_referential_module_referential_id_referential"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referential_module")),
        sa.UniqueConstraint(
            "referential_id", "code", name=op.f("uq_referential_module_referential_id")
        ),
    )
    op.create_table(
        "label",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("referential_id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer()),
        sa.Column("granted_on", sa.Date()),
        sa.Column("certifier", sa.String(length=200)),
        sa.Column("deadline", sa.Date()),
        sa.Column("notes", sa.Text()),
        sa.ForeignKeyConstraint(
            ["referential_id"],
            ["referential.id"],
            name=op.f("fk_label_referential_id_referential"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["site_id"], ["site.id"], name=op.f("fk_label_site_id_site"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_label")),
    )
    op.create_index(op.f("ix_label_referential_id"), "label", ["referential_id"])
    op.create_table(
        "label_module",
        sa.Column("label_id", sa.Integer(), nullable=False),
        sa.Column("module_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["label_id"],
            ["label.id"],
            name=op.f("fk_label_module_label_id_label"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["module_id"],
            ["referential_module.id"],
            name=op.f("fk_label_module_module_id_referential_module"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("label_id", "module_id", name=op.f("pk_label_module")),
    )
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("referential_id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer()),
        sa.Column(
            "kind",
            sa.Enum("internal", "external", name="auditkind", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("auditor", sa.String(length=200)),
        sa.Column("result", sa.Text()),
        sa.ForeignKeyConstraint(
            ["referential_id"],
            ["referential.id"],
            name=op.f("fk_audit_referential_id_referential"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["site_id"], ["site.id"], name=op.f("fk_audit_site_id_site"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit")),
    )
    op.create_index(op.f("ix_audit_date"), "audit", ["date"])
    op.create_index(op.f("ix_audit_referential_id"), "audit", ["referential_id"])
    op.create_table(
        "audit_module",
        sa.Column("audit_id", sa.Integer(), nullable=False),
        sa.Column("module_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["audit_id"],
            ["audit.id"],
            name=op.f("fk_audit_module_audit_id_audit"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["module_id"],
            ["referential_module.id"],
            name=op.f("fk_audit_module_module_id_referential_module"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("audit_id", "module_id", name=op.f("pk_audit_module")),
    )
    op.create_table(
        "finding",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("audit_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "strength",
                "improvement",
                "nonconformity",
                name="findingkind",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("module_id", sa.Integer()),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["audit_id"], ["audit.id"], name=op.f("fk_finding_audit_id_audit"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["module_id"],
            ["referential_module.id"],
            name=op.f("fk_finding_module_id_referential_module"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_finding")),
    )
    op.create_index(op.f("ix_finding_audit_id"), "finding", ["audit_id"])

    # Meetings.
    op.create_table(
        "meeting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("committee_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("start_time", sa.Time()),
        sa.Column("end_time", sa.Time()),
        sa.Column("place", sa.String(length=300)),
        sa.Column(
            "status",
            sa.Enum(
                "planned",
                "held",
                "minutes_drafted",
                "minutes_signed",
                name="meetingstatus",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("chair_id", sa.Integer()),
        sa.Column("minutes_place", sa.String(length=100)),
        sa.Column("minutes_date", sa.Date()),
        sa.Column("signatory_id", sa.Integer()),
        sa.Column("delegation_formula", sa.String(length=200)),
        sa.Column("signatory_title", sa.String(length=200)),
        sa.Column("signatory_name", sa.String(length=200)),
        sa.Column("contact_id", sa.Integer()),
        sa.Column("contact_name", sa.String(length=200)),
        sa.Column("contact_phone", sa.String(length=50)),
        sa.Column("contact_email", sa.String(length=254)),
        sa.Column("opening_text", sa.Text()),
        sa.Column("closing_text", sa.Text()),
        sa.Column("notes", sa.Text()),
        sa.ForeignKeyConstraint(
            ["chair_id"],
            ["person.id"],
            name=op.f("fk_meeting_chair_id_person"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["committee_id"],
            ["committee.id"],
            name=op.f("fk_meeting_committee_id_committee"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["person.id"],
            name=op.f("fk_meeting_contact_id_person"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["signatory_id"],
            ["person.id"],
            name=op.f("fk_meeting_signatory_id_person"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting")),
    )
    op.create_index(op.f("ix_meeting_committee_id"), "meeting", ["committee_id"])
    op.create_index(op.f("ix_meeting_date"), "meeting", ["date"])
    op.create_table(
        "invitation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer()),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "invited",
                "present",
                "excused",
                "absent",
                "represented",
                name="attendancestatus",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("represented_by_id", sa.Integer()),
        sa.Column("represented_by_name", sa.String(length=200)),
        sa.Column("arrived_at", sa.Time()),
        sa.Column("left_at", sa.Time()),
        sa.Column("note", sa.Text()),
        sa.Column("printed_civility", sa.String(length=20)),
        sa.Column("printed_first_name", sa.String(length=100)),
        sa.Column("printed_last_name", sa.String(length=100), nullable=False),
        sa.Column("printed_organisation", sa.String(length=300)),
        sa.Column("printed_function", sa.String(length=300)),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_invitation_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_invitation_person_id_person"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["represented_by_id"],
            ["person.id"],
            name=op.f("fk_invitation_represented_by_id_person"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invitation")),
        sa.UniqueConstraint("meeting_id", "person_id", name=op.f("uq_invitation_meeting_id")),
    )
    op.create_index(op.f("ix_invitation_person_id"), "invitation", ["person_id"])
    op.create_table(
        "agenda_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer()),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("heading", sa.String(length=300)),
        sa.Column("presenter_id", sa.Integer()),
        sa.Column("duration_minutes", sa.Integer()),
        sa.Column("minutes_text", sa.Text()),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_agenda_item_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["agenda_item.id"],
            name=op.f("fk_agenda_item_parent_id_agenda_item"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["presenter_id"],
            ["person.id"],
            name=op.f("fk_agenda_item_presenter_id_person"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_item")),
    )
    op.create_index(op.f("ix_agenda_item_meeting_id"), "agenda_item", ["meeting_id"])
    op.create_index(op.f("ix_agenda_item_parent_id"), "agenda_item", ["parent_id"])
    op.create_table(
        "statement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agenda_item_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "statement", "remark", "request", name="statementkind", native_enum=False, length=32
            ),
            nullable=False,
        ),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("answer_text", sa.Text()),
        sa.Column("answered_on", sa.Date()),
        sa.ForeignKeyConstraint(
            ["agenda_item_id"],
            ["agenda_item.id"],
            name=op.f("fk_statement_agenda_item_id_agenda_item"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statement")),
    )
    op.create_index(op.f("ix_statement_agenda_item_id"), "statement", ["agenda_item_id"])
    op.create_table(
        "statement_speaker",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("statement_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_statement_speaker_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["statement.id"],
            name=op.f("fk_statement_speaker_statement_id_statement"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statement_speaker")),
        sa.UniqueConstraint(
            "statement_id", "person_id", name=op.f("uq_statement_speaker_statement_id")
        ),
    )
    op.create_index(op.f("ix_statement_speaker_person_id"), "statement_speaker", ["person_id"])
    op.create_table(
        "action",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer()),
        sa.Column("agenda_item_id", sa.Integer()),
        sa.Column("finding_id", sa.Integer()),
        sa.Column("statement_id", sa.Integer()),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("owner_id", sa.Integer()),
        sa.Column("owner_name", sa.String(length=200)),
        sa.Column("due_date", sa.Date()),
        sa.Column(
            "status",
            sa.Enum(
                "todo",
                "in_progress",
                "done",
                "abandoned",
                name="actionstatus",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("done_date", sa.Date()),
        sa.Column("when_label", sa.String(length=100)),
        sa.Column(
            "origin",
            sa.Enum(
                "meeting",
                "finding",
                "remark",
                "improvement",
                name="actionorigin",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["agenda_item_id"],
            ["agenda_item.id"],
            name=op.f("fk_action_agenda_item_id_agenda_item"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["finding_id"],
            ["finding.id"],
            name=op.f("fk_action_finding_id_finding"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_action_meeting_id_meeting"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["person.id"], name=op.f("fk_action_owner_id_person"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["statement.id"],
            name=op.f("fk_action_statement_id_statement"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action")),
    )
    op.create_index(op.f("ix_action_agenda_item_id"), "action", ["agenda_item_id"])
    op.create_index(op.f("ix_action_finding_id"), "action", ["finding_id"])
    op.create_index(op.f("ix_action_meeting_id"), "action", ["meeting_id"])
    op.create_index(op.f("ix_action_statement_id"), "action", ["statement_id"])
    op.create_index(op.f("ix_action_status"), "action", ["status"])

    # Documents.
    op.create_table(
        "annex",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("indicators", "text", "pdf", name="annexkind", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("text", sa.Text()),
        sa.Column("file_name", sa.String(length=255)),
        sa.Column("file_data", sa.LargeBinary()),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_annex_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_annex")),
    )
    op.create_index(op.f("ix_annex_meeting_id"), "annex", ["meeting_id"])
    op.create_table(
        "annex_indicator",
        sa.Column("annex_id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["annex_id"],
            ["annex.id"],
            name=op.f("fk_annex_indicator_annex_id_annex"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicator.id"],
            name=op.f("fk_annex_indicator_indicator_id_indicator"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("annex_id", "indicator_id", name=op.f("pk_annex_indicator")),
    )
    op.create_table(
        "identity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("authority", sa.String(length=300), nullable=False),
        sa.Column("motto", sa.String(length=200)),
        sa.Column("service_block", sa.String(length=500)),
        sa.Column("service_name", sa.String(length=300)),
        sa.Column("town", sa.String(length=100)),
        sa.Column("phone", sa.String(length=50)),
        sa.Column("email", sa.String(length=254)),
        sa.Column("website", sa.String(length=300)),
        sa.Column("logo_path", sa.String(length=1000)),
        sa.Column("font_path", sa.String(length=1000)),
        sa.Column("font_bold_path", sa.String(length=1000)),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_identity")),
    )
    op.create_table(
        "setting",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("value", sa.Text()),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_setting")),
    )


def downgrade() -> None:
    for table in TABLES_IN_DROP_ORDER:
        op.drop_table(table)
