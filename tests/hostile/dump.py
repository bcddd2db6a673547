"""Every row of every table, to show that a refused import changed nothing."""

from __future__ import annotations

from sqlalchemy import select

from clu_desktop.domain import Base


def dump(db) -> dict[str, list[tuple]]:
    with db.reading() as session:
        return {
            name: sorted((tuple(row) for row in session.execute(select(table))), key=repr)
            for name, table in sorted(Base.metadata.tables.items())
        }
