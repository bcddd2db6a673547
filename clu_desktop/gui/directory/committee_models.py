"""Committees, and the standing members of one committee, as tables."""

from __future__ import annotations

from clu_desktop.gui.directory.table_model import Column, RowTableModel


class CommitteesModel(RowTableModel):
    """Rows of :class:`CommitteeRow`."""

    COLUMNS = (
        Column("Comité", lambda r: r.name),
        Column("Sigle", lambda r: r.acronym),
        Column("Membres", lambda r: str(r.member_count), right_aligned=True),
        Column("Séances", lambda r: str(r.meeting_count), right_aligned=True),
    )


class MembersModel(RowTableModel):
    """Rows of :class:`MemberRow`, in the committee's order (numbered from 1)."""

    COLUMNS = (
        Column("N°", lambda r: None, right_aligned=True),
        Column("Membre", lambda r: r.name),
        Column("Organisme", lambda r: r.organisation_name),
        Column("Fonction", lambda r: r.function),
        Column("Rôle", lambda r: r.role),
    )

    def cell_text(self, position: int, column: int) -> str | None:
        if column == 0:
            return str(position + 1)
        return super().cell_text(position, column)
