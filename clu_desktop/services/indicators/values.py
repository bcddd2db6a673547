"""Values of an indicator by period and site: the grid, the chart, and typing a value.

Every change returns the cell's previous state (a ValueState) so that undo can put it
back with ``restore_value``. There is one value per indicator, period and site; the
"no site" (overall) value is looked up with IS NULL, so a second one is never created.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from clu_desktop.domain import Indicator, IndicatorValue, Site
from clu_desktop.errors import UserError
from clu_desktop.french.periods import period_label
from clu_desktop.rules.indicators import (
    ALL_SITES_LABEL,
    COMMENT_MAX,
    SOURCE_MAX,
    check_value,
    parse_period,
    previous_period,
    with_gaps,
)
from clu_desktop.services.concurrency import check_version
from clu_desktop.services.indicators.catalogue import get_indicator, indicator_row
from clu_desktop.services.indicators.common import (
    ChartData,
    IndicatorRow,
    Series,
    ValueCell,
    ValueGrid,
    ValueState,
)
from clu_desktop.services.quality.common import SiteRow, clean, clean_long

_FIELDS = ("value", "comment", "source", "is_example")

#: The fields of a cell a conflict message names (field of ValueCell → label).
VALUE_LABELS = {"value": "Valeur", "comment": "Commentaire", "source": "Source"}
_EMPTY = SimpleNamespace(version=0)  # a cell without value: version 0


def value_what(period: str, site_name: str | None) -> str:
    """A cell as conflict messages name it: "La valeur de janvier 2024 (Site A)"."""
    where = f" ({site_name})" if site_name else ""
    return f"La valeur de {period_label(period)}{where}"


def _check_cell_version(
    session: Session,
    cell: IndicatorValue | None,
    period: str,
    site_id: int | None,
    seen: int | None,
) -> None:
    """A cell changed (filled, emptied, retyped) on another workstation since the user
    saw it at ``seen`` (0: empty; None: no check) is refused with a ConflictError."""
    if seen is None or (cell.version if cell is not None else 0) == seen:
        return
    site = session.get(Site, site_id) if site_id is not None else None
    check_version(
        cell if cell is not None else _EMPTY,
        seen,
        value_what(period, site.name if site is not None else None),
    )


def sentence(message: str) -> str:
    """A message fragment ("valeur illisible : « x »") as a sentence for a dialog."""
    message = message[:1].upper() + message[1:]
    return message if message.endswith((".", "»", "?", "!", ")")) else message + "."


# Reading


@dataclass(frozen=True)
class _Data:
    indicator: IndicatorRow
    periods: tuple[str, ...]
    sites: tuple[SiteRow | None, ...]
    values: dict[tuple[str, int | None], tuple[float, str | None, str | None, bool, int]]


def _load(session: Session, indicator_id: int, last_periods: int | None) -> _Data:
    row = indicator_row(session, indicator_id)
    query = select(
        IndicatorValue.period,
        IndicatorValue.site_id,
        IndicatorValue.value,
        IndicatorValue.comment,
        IndicatorValue.source,
        IndicatorValue.is_example,
        IndicatorValue.version,
    ).where(IndicatorValue.indicator_id == indicator_id)
    first: str | None = None
    if last_periods is not None:
        recent = session.scalars(
            select(IndicatorValue.period)
            .where(IndicatorValue.indicator_id == indicator_id)
            .distinct()
            .order_by(IndicatorValue.period.desc())
            .limit(max(last_periods, 0))
        ).all()
        if not recent:
            return _Data(row, (), _sites(session, row, set()), {})
        first = recent[-1]
        # One period more, for the change of the oldest period shown.
        query = query.where(IndicatorValue.period >= previous_period(first))
    values = {
        (period, site_id): (value, comment, source, bool(example), version)
        for period, site_id, value, comment, source, example, version in session.execute(query)
    }
    periods = with_gaps(sorted({p for p, _ in values if first is None or p >= first}))
    return _Data(row, tuple(periods), _sites(session, row, {s for _, s in values}), values)


def _sites(
    session: Session, row: IndicatorRow, used: set[int | None]
) -> tuple[SiteRow | None, ...]:
    """The indicator's sites, any other site holding a value, then "Ensemble" when the
    indicator has no site or holds overall values."""
    ids = set(row.site_ids) | {s for s in used if s is not None}
    sites: list[SiteRow | None] = [
        SiteRow(site_id, name)
        for site_id, name in session.execute(
            select(Site.id, Site.name).where(Site.id.in_(ids)).order_by(Site.position, Site.name)
        )
    ]
    if not row.site_ids or None in used:
        sites.append(None)
    return tuple(sites)


def _met(row: IndicatorRow, value: float | None) -> bool | None:
    if row.target is None or value is None:
        return None
    return value >= row.target if row.direction == "higher" else value <= row.target


def value_grid(
    session: Session, indicator_id: int, *, last_periods: int | None = None
) -> ValueGrid:
    """The indicator's values by period (oldest first) and site. ``cells`` holds the
    filled cells only; ``change`` compares with the previous period of the calendar."""
    data = _load(session, indicator_id, last_periods)
    shown = set(data.periods)
    cells: dict[tuple[str, int | None], ValueCell] = {}
    for (period, site_id), (value, comment, source, example, version) in data.values.items():
        if period not in shown:  # the period before the oldest shown
            continue
        before = data.values.get((previous_period(period), site_id))
        cells[(period, site_id)] = ValueCell(
            value=value,
            comment=comment,
            source=source,
            is_example=example,
            met=_met(data.indicator, value),
            change=None if before is None else value - before[0],
            version=version,
        )
    return ValueGrid(data.indicator, data.periods, data.sites, cells)


def chart_series(
    session: Session, indicator_id: int, *, last_periods: int | None = None
) -> ChartData:
    """One series per site (and "Ensemble"), aligned on the periods; a site without any
    value in those periods has no series."""
    data = _load(session, indicator_id, last_periods)
    series = []
    for site in data.sites:
        site_id = None if site is None else site.id
        cells = [data.values.get((period, site_id)) for period in data.periods]
        if all(cell is None for cell in cells):
            continue
        series.append(
            Series(
                site_name=ALL_SITES_LABEL if site is None else site.name,
                values=tuple(None if c is None else c[0] for c in cells),
                examples=tuple(c is not None and c[3] for c in cells),
                site_id=site_id,
            )
        )
    return ChartData(data.indicator, data.periods, tuple(series))


# Writing


def _find(
    session: Session, indicator_id: int, period: str, site_id: int | None
) -> IndicatorValue | None:
    site = (
        IndicatorValue.site_id.is_(None) if site_id is None else IndicatorValue.site_id == site_id
    )
    return session.scalars(
        select(IndicatorValue)
        .where(IndicatorValue.indicator_id == indicator_id, IndicatorValue.period == period, site)
        .order_by(IndicatorValue.id)
    ).first()


def _state(
    indicator_id: int, period: str, site_id: int | None, cell: IndicatorValue | None
) -> ValueState:
    row = None if cell is None else {f: getattr(cell, f) for f in _FIELDS}
    return ValueState(indicator_id, period, site_id, row)


def _check_cell(
    session: Session, indicator_id: int, period: str, site_id: int | None
) -> tuple[Indicator, str]:
    indicator = get_indicator(session, indicator_id)
    try:
        period = parse_period(period, indicator.periodicity)
    except UserError as exc:
        raise UserError(sentence(str(exc))) from None
    if site_id is not None:
        site = session.get(Site, site_id) if isinstance(site_id, int) else None
        if site is None:
            raise UserError("Ce site n'existe plus.")
        if site not in indicator.sites:
            raise UserError(
                f"L'indicateur « {indicator.code} » n'est pas suivi sur le site « {site.name} »."
            )
    return indicator, period


def set_value(
    session: Session,
    indicator_id: int,
    period: str,
    site_id: int | None,
    value: float | None,
    *,
    comment: str | None = None,
    source: str | None = None,
    seen_version: int | None = None,
) -> ValueState:
    """Set (or, with None, delete) the value of a period on a site (None: overall).

    A comment or a source given replaces the cell's; otherwise the cell keeps its own,
    except that typing over an example value drops the example's source.
    ``seen_version``: the version of the cell the user saw (0: empty); a cell changed
    since on another workstation is refused with a ConflictError (None: no check).
    """
    indicator, period = _check_cell(session, indicator_id, period, site_id)
    try:
        check_value(indicator, value)
    except UserError as exc:
        raise UserError(sentence(str(exc))) from None
    comment = clean_long(comment, "Commentaire", COMMENT_MAX)
    source = clean(source, "Source", SOURCE_MAX)
    cell = _find(session, indicator_id, period, site_id)
    _check_cell_version(session, cell, period, site_id, seen_version)
    state = _state(indicator_id, period, site_id, cell)
    if value is None:
        if cell is not None:
            session.delete(cell)
    elif cell is None:
        session.add(
            IndicatorValue(
                indicator_id=indicator_id,
                period=period,
                site_id=site_id,
                value=float(value),
                comment=comment,
                source=source,
                is_example=False,
            )
        )
    else:
        if cell.is_example and source is None:
            cell.source = None
        cell.value = float(value)
        cell.is_example = False
        if comment is not None:
            cell.comment = comment
        if source is not None:
            cell.source = source
    session.flush()
    return state


def get_value_cell(
    session: Session, indicator_id: int, period: str, site_id: int | None
) -> ValueCell | None:
    """One cell as the grid shows it (None: empty), for a conflict to compare."""
    grid = value_grid(session, indicator_id)
    return grid.cells.get((period, site_id))


def restore_value(session: Session, state: ValueState, seen_version: int | None = None) -> None:
    """Put a cell back as it was (empty when ``state.row`` is None); ``seen_version`` as
    in :func:`set_value` (undo is refused over another workstation's change)."""
    get_indicator(session, state.indicator_id)
    cell = _find(session, state.indicator_id, state.period, state.site_id)
    _check_cell_version(session, cell, state.period, state.site_id, seen_version)
    if state.row is None:
        if cell is not None:
            session.delete(cell)
    elif cell is None:
        session.add(
            IndicatorValue(
                indicator_id=state.indicator_id,
                period=state.period,
                site_id=state.site_id,
                **state.row,
            )
        )
    else:
        for field, value in state.row.items():
            setattr(cell, field, value)
    session.flush()


def _set_field(
    session: Session,
    indicator_id: int,
    period: str,
    site_id: int | None,
    field: str,
    value: Any,
    seen_version: int | None,
) -> ValueState:
    _, period = _check_cell(session, indicator_id, period, site_id)
    cell = _find(session, indicator_id, period, site_id)
    _check_cell_version(session, cell, period, site_id, seen_version)
    if cell is None:
        raise UserError("Saisissez d'abord une valeur pour cette période et ce site.")
    state = _state(indicator_id, period, site_id, cell)
    setattr(cell, field, value)
    session.flush()
    return state


def set_value_comment(
    session: Session,
    indicator_id: int,
    period: str,
    site_id: int | None,
    comment: str | None,
    seen_version: int | None = None,
) -> ValueState:
    """The comment of a filled cell (empty text removes it); ``seen_version`` as in
    :func:`set_value`."""
    text = clean_long(comment, "Commentaire", COMMENT_MAX)
    return _set_field(session, indicator_id, period, site_id, "comment", text, seen_version)


def set_value_source(
    session: Session,
    indicator_id: int,
    period: str,
    site_id: int | None,
    source: str | None,
    seen_version: int | None = None,
) -> ValueState:
    """Where a filled cell's figure comes from (empty text removes it); ``seen_version``
    as in :func:`set_value`."""
    text = clean(source, "Source", SOURCE_MAX)
    return _set_field(session, indicator_id, period, site_id, "source", text, seen_version)
