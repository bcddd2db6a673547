"""The names spreadsheets give indicators and sites, remembered once the user confirmed
what they mean (the import's mapping step, or ``--map`` with ``--save-mappings``).

A name is keyed by ``mapping_key``: the same name whatever its case, accents, spaces and
punctuation; any other difference is another name, which the user must confirm once.
The import reads them with ``stored_targets``; the Indicateurs page lists, changes and
deletes them with ``list_mappings``, ``set_mapping`` and ``delete_mapping``.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from clu_desktop.domain import Indicator, IndicatorNameMapping, Site
from clu_desktop.errors import ConflictError, UserError
from clu_desktop.rules.indicators import ALL_SITES_LABEL, mapping_key
from clu_desktop.services.concurrency import check_version
from clu_desktop.services.quality.common import clean

KINDS = ("indicator", "site")
WRITTEN_MAX = 300
#: What a mapping that leaves lines out shows in place of a target.
IGNORED_LABEL = "(lignes ignorées)"


@dataclass(frozen=True)
class StoredMapping:
    id: int
    kind: str  # "indicator" or "site"
    written: str  # the name as a file wrote it
    target_id: int | None  # Indicator.id / Site.id; None: « Ensemble » (sites) or ignored
    target_label: str  # "TEL-ABOUTIS — taux d'appels…", a site's name, « Ensemble »…
    version: int
    ignored: bool = False

    @property
    def key(self) -> str:
        return mapping_key(self.written)


def _label(row: IndicatorNameMapping, code: str | None, name: str | None, site: str | None) -> str:
    if row.ignored:
        return IGNORED_LABEL
    if row.kind == "indicator":
        return f"{code} — {name}"
    if row.site_id is None:
        return ALL_SITES_LABEL
    assert site is not None  # the mapping's site exists (a foreign key)
    return site


def _rows(session: Session, where: ColumnElement[bool] | None = None) -> list[StoredMapping]:
    query = (
        select(IndicatorNameMapping, Indicator.code, Indicator.name, Site.name)
        .outerjoin(Indicator, Indicator.id == IndicatorNameMapping.indicator_id)
        .outerjoin(Site, Site.id == IndicatorNameMapping.site_id)
        .order_by(IndicatorNameMapping.kind, IndicatorNameMapping.name_key)
    )
    if where is not None:
        query = query.where(where)
    result = []
    for row, code, name, site in session.execute(query):
        target = row.indicator_id if row.kind == "indicator" else row.site_id
        result.append(
            StoredMapping(
                row.id,
                row.kind,
                row.written,
                target,
                _label(row, code, name, site),
                row.version,
                row.ignored,
            )
        )
    return result


def list_mappings(session: Session) -> list[StoredMapping]:
    """Every remembered name, indicators first, in the order of their keys."""
    return _rows(session)


def stored_targets(session: Session) -> dict[tuple[str, str], StoredMapping]:
    """(kind, mapping_key) → the remembered mapping, for the import."""
    return {(m.kind, mapping_key(m.written)): m for m in _rows(session)}


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown kind: {kind!r}")


def _check_target(session: Session, kind: str, target_id: int | None, ignored: bool) -> None:
    if ignored:
        return
    if kind == "indicator":
        if target_id is None or session.get(Indicator, target_id) is None:
            raise UserError("Cet indicateur n'existe plus (il a peut-être été supprimé).")
    elif target_id is not None and session.get(Site, target_id) is None:
        raise UserError("Ce site n'existe plus (il a peut-être été supprimé).")


def set_mapping(
    session: Session,
    kind: str,
    written: str,
    target_id: int | None,
    seen_version: int | None = None,
    *,
    ignored: bool = False,
) -> StoredMapping:
    """Remember that ``written`` (an indicator's or a site's name in files) means the
    indicator or site ``target_id`` (a site: None for « Ensemble »), or, ``ignored``,
    that its lines are left out. A name already remembered gets the new target."""
    _check_kind(kind)
    text = clean(written, "Nom dans le fichier", WRITTEN_MAX, required=True)
    assert text is not None
    key = mapping_key(text)
    if not key:
        raise UserError(
            f"Le nom « {text} » ne contient ni lettre ni chiffre : il ne peut pas être mémorisé."
        )
    _check_target(session, kind, target_id, ignored)
    row = session.scalar(
        select(IndicatorNameMapping).where(
            IndicatorNameMapping.kind == kind, IndicatorNameMapping.name_key == key
        )
    )
    if row is None:
        row = IndicatorNameMapping(kind=kind, name_key=key, written=text)
        session.add(row)
    else:
        check_version(row, seen_version, "Cette correspondance")
    row.indicator_id = target_id if kind == "indicator" and not ignored else None
    row.site_id = target_id if kind == "site" and not ignored else None
    row.ignored = ignored
    try:
        session.flush()
    except IntegrityError:  # the same name remembered meanwhile on another workstation
        raise ConflictError(
            f"Le nom « {text} » vient d'être mémorisé sur un autre poste : rien n'a été "
            "enregistré. Recommencez pour voir la correspondance enregistrée."
        ) from None
    return _rows(session, IndicatorNameMapping.id == row.id)[0]


def delete_mapping(
    session: Session, mapping_id: int, seen_version: int | None = None
) -> StoredMapping:
    """Forget a remembered name; returns it as it was (to put it back on undo)."""
    row = session.get(IndicatorNameMapping, mapping_id)
    if row is None:
        raise UserError("Cette correspondance n'existe plus (elle a peut-être été supprimée).")
    check_version(row, seen_version, "Cette correspondance")
    before = _rows(session, IndicatorNameMapping.id == mapping_id)[0]
    session.delete(row)
    session.flush()
    return before


def rekey_mappings(session: Session) -> int:
    """Key each remembered name again from how it is written, after its text changed
    under the erasure of a person's data (the key, folded, would keep the name). A key
    that two names now share keeps the oldest. Returns how many changed."""
    rows = session.scalars(select(IndicatorNameMapping).order_by(IndicatorNameMapping.id))
    taken: set[tuple[str, str]] = set()
    changed = 0
    for row in list(rows):
        key = mapping_key(row.written)
        if (row.kind, key) in taken:
            session.delete(row)
            changed += 1
            continue
        taken.add((row.kind, key))
        if key != row.name_key:
            row.name_key = key
            changed += 1
    session.flush()
    return changed
