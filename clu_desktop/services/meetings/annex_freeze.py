"""What a signed meeting's indicator annexes print, frozen when the minutes are signed.

An indicator annex prints the indicators' names, categories, units, targets and their
values by period and site (with their comments), in tables and charts. Those stay
editable once the minutes are signed (a spreadsheet import, the grid, another meeting's
file): they are the indicators, not the minutes. So the data the annexes print is kept,
as JSON, in ``Meeting.signed_annexes``:

- when the minutes are signed (``services.documents.signature.sign_minutes``), read from the base
  in the same transaction as the signed PDF;
- when a meeting is imported already signed (``services.meetings.files.import_file``),
  from the file's own indicators;
- by revision 0006 for the meetings signed before it, from the values of the base then.

The documents' snapshot (``services.documents.snapshot``) prints it for a signed meeting;
reopening the minutes drops it (the live values again) and signing again keeps a new one.
Only signing, reopening and the erasure of a person's data may change it
(``store/signed_minutes.py``).

Where a name can appear in it, for the erasure: any text of it may hold one (an
indicator's name, category or unit, a value's site or comment); the codes, periods,
directions and periodicities are not free text. It is stored as JSON text, so the
erasure's walk of every text column (``services/personal/walk.py``) reads and rewrites
it as it does every other text.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from clu_desktop.documents.snapshot import IndicatorSnapshot, IndicatorValueSnapshot
from clu_desktop.domain import AnnexKind, Indicator, IndicatorValue, Meeting, Site
from clu_desktop.domain.meetings import MeetingStatus
from clu_desktop.errors import UserError

#: Years of indicator values an annex may show, up to the meeting's year.
ANNEX_YEARS = 5
FORMAT = 1

Frozen = dict[int, tuple[IndicatorSnapshot, ...]]


def period_window(year: int) -> tuple[str, str]:
    """The periods an annex of a meeting of ``year`` shows: from (included) and to (excluded)."""
    return str(year - ANNEX_YEARS + 1), f"{year}~"  # "~" sorts after "-Tn" and "-MM"


# The live values


def live_indicator(session: Session, indicator: Indicator, year: int) -> IndicatorSnapshot:
    """What an annex of a meeting of ``year`` prints of ``indicator``, read now."""
    first, end = period_window(year)
    rows = session.execute(
        select(IndicatorValue, Site.name)
        .outerjoin(Site, IndicatorValue.site_id == Site.id)
        .where(
            IndicatorValue.indicator_id == indicator.id,
            IndicatorValue.period >= first,
            IndicatorValue.period < end,
        )
        .order_by(IndicatorValue.period, Site.position, Site.name)
    )
    return IndicatorSnapshot(
        code=indicator.code,
        name=indicator.name,
        category=indicator.category,
        unit=indicator.unit,
        direction=indicator.direction.value,
        target=indicator.target,
        periodicity=indicator.periodicity.value,
        values=tuple(
            IndicatorValueSnapshot(
                period=value.period,
                value=value.value,
                site=site,
                comment=value.comment,
                is_example=value.is_example,
            )
            for value, site in rows
        ),
    )


def live_annexes(session: Session, meeting: Meeting) -> Frozen:
    """Every indicator annex of ``meeting`` as it prints now, by annex id."""
    year = meeting.date.year
    return {
        annex.id: tuple(live_indicator(session, i, year) for i in annex.indicators)
        for annex in meeting.annexes
        if annex.kind is AnnexKind.INDICATORS
    }


# JSON


def _indicator_json(indicator: IndicatorSnapshot) -> dict[str, Any]:
    return {
        "code": indicator.code,
        "name": indicator.name,
        "category": indicator.category,
        "unit": indicator.unit,
        "direction": indicator.direction,
        "target": indicator.target,
        "periodicity": indicator.periodicity,
        "values": [
            {
                "period": v.period,
                "value": v.value,
                "site": v.site,
                "comment": v.comment,
                "example": v.is_example,
            }
            for v in indicator.values
        ],
    }


def dumps(frozen: Frozen) -> str:
    annexes = {
        str(annex_id): [_indicator_json(i) for i in rows] for annex_id, rows in frozen.items()
    }
    return json.dumps({"format": FORMAT, "annexes": annexes}, ensure_ascii=False, sort_keys=True)


def _indicator(record: dict[str, Any]) -> IndicatorSnapshot:
    return IndicatorSnapshot(
        code=str(record["code"]),
        name=str(record["name"]),
        category=record.get("category"),
        unit=record.get("unit"),
        direction=record.get("direction") or "higher",
        target=None if record.get("target") is None else float(record["target"]),
        periodicity=record.get("periodicity") or "year",
        values=tuple(
            IndicatorValueSnapshot(
                period=str(v["period"]),
                value=float(v["value"]),
                site=v.get("site"),
                comment=v.get("comment"),
                is_example=bool(v.get("example", False)),
            )
            for v in record.get("values", [])
        ),
    )


def loads(text: str) -> Frozen:
    """The frozen annexes kept as ``text``; ValueError when it cannot be read."""
    data = json.loads(text)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError("unknown format")
    try:
        return {
            int(annex_id): tuple(_indicator(record) for record in rows)
            for annex_id, rows in data["annexes"].items()
        }
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError(str(exc)) from exc


def frozen_annexes(meeting: Meeting) -> Frozen | None:
    """What ``meeting``'s indicator annexes print when it is signed and has its annexes
    frozen, else None (they print the live values)."""
    if meeting.status is not MeetingStatus.MINUTES_SIGNED or meeting.signed_annexes is None:
        return None
    try:
        return loads(meeting.signed_annexes)
    except ValueError:
        raise UserError(
            f"Les valeurs des annexes du compte-rendu signé de la séance du "
            f"{meeting.date:%d/%m/%Y}, figées à sa signature, sont illisibles dans la base : "
            "le compte-rendu n'a pas été produit. Son PDF signé, s'il a été signé dans CLU "
            "Desktop, reste disponible (« Compte-rendu signé (PDF d'origine) ») ; sinon, "
            "rouvrez le compte-rendu puis signez-le de nouveau pour figer les valeurs actuelles."
        ) from None


# Freezing from a meeting file


def imported_annexes(meeting: Meeting, data: dict[str, Any]) -> Frozen:
    """The indicator annexes of a meeting imported as signed, as its file gives them:
    the file's indicators and values (those the base already held are not replaced by
    the import, yet the minutes were signed with the file's)."""
    first, end = period_window(meeting.date.year)
    sites = {record["id"]: (n, record["name"]) for n, record in enumerate(data.get("sites", []))}
    indicators = {record["id"]: record for record in data.get("indicators", [])}
    entries = data["meeting"].get("annexes", [])
    frozen: Frozen = {}
    for annex, entry in zip(meeting.annexes, entries, strict=True):
        if annex.kind is not AnnexKind.INDICATORS:
            continue
        rows = []
        for file_id in entry.get("indicators", []):
            record = dict(indicators[file_id])
            values = [v for v in record.get("values", []) if first <= v["period"] < end]

            def order(value: dict[str, Any]) -> tuple[str, bool, tuple[int, str]]:
                site = sites.get(value.get("site"))
                return (value["period"], site is not None, site or (0, ""))

            record["values"] = [
                {**v, "site": sites[v["site"]][1] if v.get("site") in sites else None}
                for v in sorted(values, key=order)
            ]
            rows.append(_indicator(record))
        frozen[annex.id] = tuple(rows)
    return frozen


# Erasure
