"""People as a table: civility, first name, NAME, function, organisation, committees."""

from __future__ import annotations

from clu_desktop.gui.directory.table_model import Column, RowTableModel
from clu_desktop.services.directory.people import PersonRow

CIVILITY_COLUMN, FIRST_NAME_COLUMN, NAME_COLUMN, FUNCTION_COLUMN = range(4)
ORGANISATION_COLUMN, COMMITTEES_COLUMN = 4, 5


def _committees(row: PersonRow) -> str:
    return " ; ".join(row.committees)


class PeopleModel(RowTableModel):
    """Rows of :class:`PersonRow`, as :func:`search_people` gives them."""

    COLUMNS = (
        Column("Civilité", lambda r: r.civility),
        Column("Prénom", lambda r: r.first_name),
        Column("NOM", lambda r: r.last_name.upper()),
        Column("Fonction", lambda r: r.function),
        Column("Organisme", lambda r: r.organisation_name),
        Column("Comités", _committees),
    )
