"""Organisations as a table: name, acronym, préfecture service or not, people count."""

from __future__ import annotations

from clu_desktop.gui.directory.table_model import Column, RowTableModel

NAME_COLUMN, ACRONYM_COLUMN, INTERNAL_COLUMN, PEOPLE_COLUMN = range(4)


class OrganisationsModel(RowTableModel):
    """Rows of :class:`OrganisationRow`, as :func:`list_organisations` gives them."""

    COLUMNS = (
        Column("Nom", lambda r: r.name),
        Column("Sigle", lambda r: r.acronym),
        Column("Service de la préfecture", lambda r: "Oui" if r.internal else "Non"),
        Column("Personnes", lambda r: str(r.people_count), right_aligned=True),
    )
