"""Writing what an indicator spreadsheet brings, once it is read and checked.

``interchange/`` reads the file; ``file_check`` checks each line against the catalogue
into a :class:`Plan` of plain data (``interchange.indicators_plan``): the values
(:class:`ParsedRow`), the indicators and sites to create, the sites to add to an
indicator and the names the user confirmed. This module writes it: :func:`apply_plan`
creates what was chosen, adds or replaces the values with two bulk statements and
remembers the names; :func:`planned_report` says what it would do with nothing written.
The caller's transaction makes it all or nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from clu_desktop.domain import Indicator, IndicatorValue, Site
from clu_desktop.interchange.indicators_plan import (
    AllSites,
    CreateIndicator,
    Ignore,
    MapTo,
    ParsedRow,
    Plan,
)
from clu_desktop.rules.indicators import fold
from clu_desktop.services.indicators import catalogue
from clu_desktop.services.indicators.mappings import set_mapping

#: The longest code made from a new indicator's name (before a « -2 » if it is taken).
CODE_BASE_MAX = 30


@dataclass(frozen=True)
class ImportReport:
    rows: int
    added: int
    updated: int
    created_indicators: tuple[str, ...] = ()  # codes of the indicators created
    created_sites: tuple[str, ...] = ()
    linked: tuple[tuple[str, str], ...] = ()  # (indicator code, site) followed from now on
    ignored: int = 0  # lines left out by a choice « ignorer »
    saved_mappings: int = 0  # names remembered for the next files


def apply_plan(
    session: Session,
    plan: Plan,
    *,
    with_comment: bool,
    with_source: bool,
    save_mappings: bool = False,
    ignored: int = 0,
) -> ImportReport:
    """Create the indicators and sites chosen, add the sites to the indicators they are
    given for, write every value (existing values of the same indicator, period and site
    are replaced; comment and source only when the file has those columns) and, with
    ``save_mappings``, remember the names the user confirmed."""
    ids: dict[int, int] = {}
    created_indicators = []
    for placeholder, wanted in plan.new_indicators.items():
        ids[placeholder] = create_indicator(session, wanted)
        created_indicators.append(catalogue.indicator_row(session, ids[placeholder]).code)
    created_sites = []
    site_ids: dict[int, int] = {}
    for placeholder, wanted_site in plan.new_sites.items():
        site_ids[placeholder] = catalogue.add_site(session, wanted_site.name)
        created_sites.append(wanted_site.name)
    linked = _add_links(session, plan.links, ids, site_ids)
    rows = [
        replace(
            row,
            indicator_id=(
                ids.get(row.indicator_id, row.indicator_id)
                if row.indicator_id is not None
                else None
            ),
            site_id=site_ids.get(row.site_id, row.site_id) if row.site_id is not None else None,
        )
        for row in plan.rows
    ]
    added, updated = write_values(session, rows, with_comment=with_comment, with_source=with_source)
    saved = _save_mappings(session, plan, ids, site_ids) if save_mappings else 0
    return ImportReport(
        rows=len(rows),
        added=added,
        updated=updated,
        created_indicators=tuple(created_indicators),
        created_sites=tuple(created_sites),
        linked=linked,
        ignored=ignored,
        saved_mappings=saved,
    )


def planned_report(session: Session, plan: Plan, *, ignored: int = 0) -> ImportReport:
    """What :func:`apply_plan` would do, with nothing written (the command line's
    --dry-run, the window's last step)."""
    updated = count_replaced(session, plan.rows)
    codes = dict(session.execute(select(Indicator.id, Indicator.code)).all())
    sites = dict(session.execute(select(Site.id, Site.name)).all())
    taken = _taken_codes(session)
    new_codes = {
        p: c.code or _code_from_name(c.name, taken) for p, c in plan.new_indicators.items()
    }
    codes |= new_codes
    sites |= {p: c.name for p, c in plan.new_sites.items()}
    return ImportReport(
        rows=len(plan.rows),
        added=len(plan.rows) - updated,
        updated=updated,
        created_indicators=tuple(new_codes.values()),
        created_sites=tuple(c.name for c in plan.new_sites.values()),
        linked=tuple(sorted((codes[i], sites[s]) for i, s in plan.links)),
        ignored=ignored,
        saved_mappings=0,
    )


# Values


def _existing(
    session: Session, rows: list[ParsedRow]
) -> dict[tuple[int | None, str, int | None], tuple[int, bool, int]]:
    """(indicator, period, site) → (value id, example, version) of the values held for
    the indicators of ``rows``."""
    indicator_ids = sorted({r.indicator_id for r in rows if r.indicator_id is not None})
    existing: dict[tuple[int | None, str, int | None], tuple[int, bool, int]] = {}
    for chunk_start in range(0, len(indicator_ids), 500):
        chunk = indicator_ids[chunk_start : chunk_start + 500]
        for value_id, indicator_id, period, site_id, example, version in session.execute(
            select(
                IndicatorValue.id,
                IndicatorValue.indicator_id,
                IndicatorValue.period,
                IndicatorValue.site_id,
                IndicatorValue.is_example,
                IndicatorValue.version,
            )
            .where(IndicatorValue.indicator_id.in_(chunk))
            .order_by(IndicatorValue.id)
        ):
            existing.setdefault((indicator_id, period, site_id), (value_id, example, version))
    return existing


def count_replaced(session: Session, rows: list[ParsedRow]) -> int:
    """How many of ``rows`` would replace a value already held (nothing is written)."""
    existing = _existing(session, rows)
    return sum((r.indicator_id, r.period, r.site_id) in existing for r in rows)


def write_values(
    session: Session, rows: list[ParsedRow], *, with_comment: bool, with_source: bool
) -> tuple[int, int]:
    """Add or replace the values; (added, updated). A value replaced is no longer an
    example; its comment and source are replaced only when the file has those columns."""
    existing = _existing(session, rows)
    inserts: list[dict[str, Any]] = []
    updates: dict[frozenset[str], list[dict[str, Any]]] = {}  # by the columns they change
    for row in rows:
        found = existing.get((row.indicator_id, row.period, row.site_id))
        if found is None:
            inserts.append(
                {
                    "indicator_id": row.indicator_id,
                    "period": row.period,
                    "site_id": row.site_id,
                    "value": row.value,
                    "comment": row.comment,
                    "source": row.source,
                    "is_example": False,
                }
            )
        else:
            value_id, example, version = found
            # The version read: a value changed meanwhile on another workstation makes
            # the whole import fail (StaleDataError) rather than overwrite it.
            change: dict[str, Any] = {
                "id": value_id,
                "version": version,
                "value": row.value,
                "is_example": False,
            }
            if with_comment:
                change["comment"] = row.comment
            if with_source or example:  # an example's source no longer applies
                change["source"] = row.source
            updates.setdefault(frozenset(change), []).append(change)
    if inserts:
        session.execute(insert(IndicatorValue), inserts)
    for changes in updates.values():
        session.execute(update(IndicatorValue), changes)
    session.flush()
    return len(inserts), sum(len(changes) for changes in updates.values())


# What the import creates


def _taken_codes(session: Session) -> set[str]:
    return {fold(code) for code in session.scalars(select(Indicator.code))}


def _code_from_name(name: str, taken: set[str]) -> str:
    """A free code made from a name: « Taux d'appels aboutis » → TAUX-APPELS-ABOUTIS
    (then -2, -3… when it is taken); ``taken`` gets it."""
    words = [w for w in re.split(r"[\W_]+", fold(name).upper()) if len(w) > 2] or ["INDICATEUR"]
    base = words[0][:CODE_BASE_MAX]
    for word in words[1:]:
        if len(base) + 1 + len(word) > CODE_BASE_MAX:
            break
        base += "-" + word
    code, n = base, 2
    while fold(code) in taken:
        code, n = f"{base}-{n}", n + 1
    taken.add(fold(code))
    return code


def create_indicator(session: Session, wanted: CreateIndicator) -> int:
    """A new indicator as the mapping step describes it (higher is better, no target)."""
    code = wanted.code or _code_from_name(wanted.name, _taken_codes(session))
    indicator_id = catalogue.add_indicator(session, code, wanted.name)
    for name, value in (
        ("category", wanted.category),
        ("unit", wanted.unit),
        ("periodicity", wanted.periodicity),
    ):
        if value:
            catalogue.update_indicator(session, indicator_id, name, value)
    return indicator_id


def _add_links(
    session: Session,
    links: set[tuple[int, int]],
    ids: dict[int, int],
    site_ids: dict[int, int],
) -> tuple[tuple[str, str], ...]:
    wanted: dict[int, set[int]] = {}
    for indicator_id, site_id in links:
        wanted.setdefault(ids.get(indicator_id, indicator_id), set()).add(
            site_ids.get(site_id, site_id)
        )
    added: list[tuple[str, str]] = []
    for indicator_id, site_ids_added in sorted(wanted.items()):
        row = catalogue.indicator_row(session, indicator_id)
        catalogue.set_indicator_sites(session, indicator_id, [*row.site_ids, *site_ids_added])
        names = dict(session.execute(select(Site.id, Site.name)).all())
        added.extend((row.code, names[s]) for s in sorted(site_ids_added))
    return tuple(added)


def _save_mappings(
    session: Session, plan: Plan, ids: dict[int, int], site_ids: dict[int, int]
) -> int:
    """Remember the names the user confirmed for this file, those of what was created
    too (the next file may write them with other punctuation than the new name's)."""
    for confirmed in plan.confirmed:
        kind, written, choice = confirmed.kind, confirmed.written, confirmed.choice
        if isinstance(choice, MapTo):
            set_mapping(session, kind, written, choice.target_id)
        elif isinstance(choice, AllSites):
            set_mapping(session, kind, written, None)
        elif isinstance(choice, Ignore):
            set_mapping(session, kind, written, None, ignored=True)
        else:  # created: its placeholder is now a real id
            created = ids if kind == "indicator" else site_ids
            assert confirmed.new_id is not None  # what a choice creates has a placeholder
            set_mapping(session, kind, written, created[confirmed.new_id])
    return len(plan.confirmed)
