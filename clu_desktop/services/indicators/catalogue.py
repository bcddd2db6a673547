"""The catalogue of indicators and the sites they are measured on."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, func, insert, select, true
from sqlalchemy.orm import Session

from clu_desktop.domain import Annex, Indicator, IndicatorValue, Site
from clu_desktop.domain.documents import annex_indicator
from clu_desktop.domain.indicators import indicator_site
from clu_desktop.errors import UserError
from clu_desktop.rules.indicators import (
    CATEGORY_MAX,
    CODE_MAX,
    DESCRIPTION_MAX,
    NAME_MAX,
    SITE_NAME_MAX,
    UNIT_MAX,
    check_direction,
    check_periodicity,
    check_value,
    fold,
    parse_value,
)
from clu_desktop.services.concurrency import check_version, touch
from clu_desktop.services.indicators.common import IndicatorRow
from clu_desktop.services.quality.common import clean, clean_long, list_sites, unknown_field

__all__ = ["list_sites"]

INDICATOR = "Cet indicateur"  # the record, as conflict messages name it
#: The fields of an indicator a conflict message names (field of IndicatorRow → label).
INDICATOR_LABELS = {
    "code": "Code",
    "name": "Nom",
    "category": "Catégorie",
    "unit": "Unité",
    "direction": "Sens",
    "target": "Cible",
    "periodicity": "Périodicité",
    "description": "Description",
    "site_ids": "Sites",
}


def add_site(session: Session, name: str) -> int:
    """A new site at the end of the list; a name already used is refused."""
    clean_name = clean(name, "Nom du site", SITE_NAME_MAX, required=True)
    assert clean_name is not None
    for (existing,) in session.execute(select(Site.name)):
        if fold(existing) == fold(clean_name):
            raise UserError(f"Le site « {existing} » existe déjà.")
    position = session.execute(select(func.coalesce(func.max(Site.position), 0))).scalar_one() + 1
    site = Site(name=clean_name, position=position)
    session.add(site)
    session.flush()
    return site.id


def get_indicator(
    session: Session, indicator_id: int, seen_version: int | None = None
) -> Indicator:
    """The indicator; with ``seen_version``, a ConflictError when it was changed since the
    user saw it (on another workstation)."""
    indicator = session.get(Indicator, indicator_id)
    if indicator is None:
        raise UserError("Cet indicateur n'existe plus (il a peut-être été supprimé).")
    check_version(indicator, seen_version, INDICATOR)
    return indicator


def _site_ids(session: Session, indicator_ids: Iterable[int] | None) -> dict[int, list[int]]:
    query = (
        select(indicator_site.c.indicator_id, indicator_site.c.site_id)
        .join(Site, Site.id == indicator_site.c.site_id)
        .order_by(Site.position, Site.name)
    )
    if indicator_ids is not None:
        query = query.where(indicator_site.c.indicator_id.in_(list(indicator_ids)))
    result: dict[int, list[int]] = {}
    for indicator_id, site_id in session.execute(query):
        result.setdefault(indicator_id, []).append(site_id)
    return result


def _rows(
    session: Session, indicators: Iterable[Indicator], only: list[int] | None
) -> list[IndicatorRow]:
    counts_query = select(IndicatorValue.indicator_id, func.count()).group_by(
        IndicatorValue.indicator_id
    )
    # Through the partial index ix_indicator_value_example: the condition is its own.
    examples_query = (
        select(IndicatorValue.indicator_id).distinct().where(IndicatorValue.is_example == true())
    )
    if only is not None:
        counts_query = counts_query.where(IndicatorValue.indicator_id.in_(only))
        examples_query = examples_query.where(IndicatorValue.indicator_id.in_(only))
    value_counts: dict[int, int] = dict(session.execute(counts_query).all())
    examples = set(session.scalars(examples_query))
    counts = {i: (n, i in examples) for i, n in value_counts.items()}
    sites = _site_ids(session, only)
    return [
        IndicatorRow(
            id=ind.id,
            code=ind.code,
            name=ind.name,
            category=ind.category,
            unit=ind.unit,
            direction=ind.direction.value,
            target=ind.target,
            periodicity=ind.periodicity.value,
            description=ind.description,
            site_ids=tuple(sites.get(ind.id, ())),
            value_count=counts.get(ind.id, (0, False))[0],
            has_examples=counts.get(ind.id, (0, False))[1],
            position=ind.position,
            version=ind.version,
        )
        for ind in indicators
    ]


def list_indicators(session: Session) -> list[IndicatorRow]:
    """Every indicator in its catalogue order, with how many values it holds."""
    indicators = session.scalars(select(Indicator).order_by(Indicator.position, Indicator.code))
    return _rows(session, list(indicators), None)


def indicator_row(session: Session, indicator_id: int) -> IndicatorRow:
    return _rows(session, [get_indicator(session, indicator_id)], [indicator_id])[0]


def _check_code(session: Session, code: object, indicator_id: int | None = None) -> str:
    clean_code = clean(code, "Code de l'indicateur", CODE_MAX, required=True)
    assert clean_code is not None
    taken = session.scalar(
        select(Indicator.name).where(
            func.lower(Indicator.code) == clean_code.lower(),
            Indicator.id != (indicator_id or 0),
        )
    )
    if taken is not None:
        raise UserError(f"L'indicateur « {taken} » porte déjà le code « {clean_code} ».")
    return clean_code


def _check_name(value: object) -> str:
    name = clean(value, "Nom de l'indicateur", NAME_MAX, required=True)
    assert name is not None
    return name


def add_indicator(session: Session, code: str, name: str) -> int:
    """A new yearly indicator, "higher is better", at the end of the catalogue."""
    indicator = Indicator(code=_check_code(session, code), name=_check_name(name))
    position = (
        session.execute(select(func.coalesce(func.max(Indicator.position), 0))).scalar_one() + 1
    )
    indicator.position = position
    session.add(indicator)
    session.flush()
    return indicator.id


def _check_target(indicator: Indicator, value: object) -> float | None:
    if isinstance(value, str):
        value = parse_value(value, indicator.unit)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"target: number expected, got {type(value).__name__}")
    try:
        check_value(indicator, value)
    except UserError as exc:
        raise UserError(f"Cible : {exc}.") from None
    return float(value)


def _check_existing_values(session: Session, indicator: Indicator) -> None:
    """After a change of unit or direction, the values held must still be valid."""
    low, high = session.execute(
        select(func.min(IndicatorValue.value), func.max(IndicatorValue.value)).where(
            IndicatorValue.indicator_id == indicator.id
        )
    ).one()
    for value in (high, low):
        if value is None:
            continue
        try:
            check_value(indicator, value)
        except UserError as exc:
            raise UserError(f"Une valeur déjà saisie ne conviendrait plus : {exc}.") from None


def update_indicator(
    session: Session, indicator_id: int, field: str, value: object, seen_version: int | None = None
) -> int:
    """Change one field: code, name, category, unit, direction, target, periodicity or
    description; returns the indicator's new version. A target may be given as a number
    or as typed text ("95 %"). An indicator changed since the user saw ``seen_version``
    on another workstation is refused with a ConflictError (None: no check)."""
    indicator = get_indicator(session, indicator_id, seen_version)
    if field == "code":
        indicator.code = _check_code(session, value, indicator_id)
    elif field == "name":
        indicator.name = _check_name(value)
    elif field == "category":
        indicator.category = clean(value, "Catégorie", CATEGORY_MAX)
    elif field in ("unit", "direction"):
        old = indicator.unit, indicator.direction
        if field == "unit":
            indicator.unit = clean(value, "Unité", UNIT_MAX)
        else:
            indicator.direction = check_direction(value)
        try:
            _check_target(indicator, indicator.target)
            _check_existing_values(session, indicator)
        except UserError:
            indicator.unit, indicator.direction = old
            raise
    elif field == "target":
        indicator.target = _check_target(indicator, value)
    elif field == "periodicity":
        periodicity = check_periodicity(value)
        if periodicity != indicator.periodicity and _value_count(session, indicator_id):
            raise UserError(
                "La périodicité d'un indicateur qui a déjà des valeurs ne peut pas changer : "
                "ses périodes ne correspondraient plus."
            )
        indicator.periodicity = periodicity
    elif field == "description":
        indicator.description = clean_long(value, "Description", DESCRIPTION_MAX)
    else:
        raise unknown_field(field)
    session.flush()
    return indicator.version


def _value_count(session: Session, indicator_id: int, site_ids: Iterable[int] | None = None) -> int:
    query = select(func.count()).where(IndicatorValue.indicator_id == indicator_id)
    if site_ids is not None:
        query = query.where(IndicatorValue.site_id.in_(list(site_ids)))
    return session.scalar(query) or 0


def set_indicator_sites(
    session: Session, indicator_id: int, site_ids: Iterable[int], seen_version: int | None = None
) -> int:
    """The sites the indicator is measured on (none: measured overall); returns the
    indicator's new version (``seen_version`` as in :func:`update_indicator`). A site
    that already has values cannot be taken off."""
    indicator = get_indicator(session, indicator_id, seen_version)
    wanted = list(dict.fromkeys(site_ids))
    names = dict(session.execute(select(Site.id, Site.name).where(Site.id.in_(wanted))).all())
    if len(names) != len(wanted):
        raise UserError("Un des sites choisis n'existe plus.")
    current = set(_site_ids(session, [indicator_id]).get(indicator_id, ()))
    removed = current - set(wanted)
    if removed and _value_count(session, indicator_id, removed):
        used = session.scalars(
            select(Site.name)
            .where(
                Site.id.in_(
                    select(IndicatorValue.site_id).where(
                        IndicatorValue.indicator_id == indicator_id,
                        IndicatorValue.site_id.in_(removed),
                    )
                )
            )
            .order_by(Site.position, Site.name)
        ).all()
        raise UserError(
            f"Le site « {used[0]} » a déjà des valeurs pour cet indicateur : supprimez-les d'abord."
        )
    session.execute(
        delete(indicator_site).where(
            indicator_site.c.indicator_id == indicator_id,
            indicator_site.c.site_id.in_(removed),
        )
    )
    added = [s for s in wanted if s not in current]
    if added:
        session.execute(
            insert(indicator_site), [{"indicator_id": indicator_id, "site_id": s} for s in added]
        )
    if added or removed:
        touch(indicator, "code")  # other sites: another version of the indicator
    session.flush()
    session.expire_all()
    return get_indicator(session, indicator_id).version


def delete_indicator(session: Session, indicator_id: int) -> None:
    """Delete an indicator; refused while it has values or appears in an annex."""
    indicator = get_indicator(session, indicator_id)
    count = _value_count(session, indicator_id)
    if count:
        plural = "s" if count > 1 else ""
        raise UserError(
            f"L'indicateur « {indicator.code} » a {count} valeur{plural} : "
            "supprimez-les d'abord (elles figurent peut-être dans des comptes-rendus)."
        )
    annex = session.scalar(
        select(Annex.title)
        .join(annex_indicator, annex_indicator.c.annex_id == Annex.id)
        .where(annex_indicator.c.indicator_id == indicator_id)
        .limit(1)
    )
    if annex is not None:
        raise UserError(
            f"L'indicateur « {indicator.code} » figure dans l'annexe « {annex} » "
            "d'une séance : retirez-le d'abord de l'annexe."
        )
    session.delete(indicator)
    session.flush()
