"""Signed minutes keep what their indicator annexes printed.

``meeting.signed_annexes`` holds, as JSON, the indicators (names, categories, units,
targets) and their values by period and site with their comments that a signed meeting's
indicator annexes print (``services/meetings/annex_freeze.py`` writes and reads it). The meetings
already signed get it now, from the values of the base as they are: the closest to what
was signed that the base still knows (the PDF signed in CLU Desktop stays the reference).

The column is added without rebuilding ``meeting`` (its search triggers stay, see 0005).
This revision writes the JSON itself, in the format 1 of ``annex_freeze``, so that it
keeps working whatever the application's models become.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

# Revision identifiers, used by Alembic.
revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ANNEX_YEARS = 5
FORMAT = 1


def _indicators(connection: sa.Connection, annex_id: int, year: int) -> list[dict[str, Any]]:
    indicators = connection.execute(
        sa.text(
            "SELECT i.id, i.code, i.name, i.category, i.unit, i.direction, i.target, "
            "i.periodicity FROM indicator i JOIN annex_indicator ai ON ai.indicator_id = i.id "
            "WHERE ai.annex_id = :annex ORDER BY i.position, i.id"
        ),
        {"annex": annex_id},
    ).all()
    out = []
    for row in indicators:
        values = connection.execute(
            sa.text(
                "SELECT v.period, v.value, s.name, v.comment, v.is_example "
                "FROM indicator_value v LEFT OUTER JOIN site s ON v.site_id = s.id "
                "WHERE v.indicator_id = :indicator AND v.period >= :first AND v.period < :end "
                "ORDER BY v.period, s.position, s.name"
            ),
            {"indicator": row.id, "first": str(year - ANNEX_YEARS + 1), "end": f"{year}~"},
        ).all()
        out.append(
            {
                "code": row.code,
                "name": row.name,
                "category": row.category,
                "unit": row.unit,
                "direction": row.direction,
                "target": None if row.target is None else float(row.target),
                "periodicity": row.periodicity,
                "values": [
                    {
                        "period": period,
                        "value": float(value),
                        "site": site,
                        "comment": comment,
                        "example": bool(example),
                    }
                    for period, value, site, comment, example in values
                ],
            }
        )
    return out


def upgrade() -> None:
    op.add_column("meeting", sa.Column("signed_annexes", sa.Text(), nullable=True))
    connection = op.get_bind()
    signed = connection.execute(
        sa.text("SELECT id, date FROM meeting WHERE status = 'minutes_signed' ORDER BY id")
    ).all()
    for meeting_id, date in signed:
        year = int(str(date)[:4])
        annexes = (
            connection.execute(
                sa.text(
                    "SELECT id FROM annex WHERE meeting_id = :meeting AND kind = 'indicators' "
                    "ORDER BY id"
                ),
                {"meeting": meeting_id},
            )
            .scalars()
            .all()
        )
        frozen = {str(a): _indicators(connection, a, year) for a in annexes}
        text = json.dumps({"format": FORMAT, "annexes": frozen}, ensure_ascii=False, sort_keys=True)
        connection.execute(
            sa.text("UPDATE meeting SET signed_annexes = :text WHERE id = :meeting"),
            {"text": text, "meeting": meeting_id},
        )


def downgrade() -> None:
    # A plain DROP COLUMN (SQLite 3.35 and later): no rebuild, the triggers of 0005 stay.
    op.execute("ALTER TABLE meeting DROP COLUMN signed_annexes")
