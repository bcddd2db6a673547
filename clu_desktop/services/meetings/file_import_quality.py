"""The reusable records of a meeting file, written to the database: its sites,
referentials (with their modules), labels, audits (with their findings) and indicators
(with their values). Part of the meeting file's import (``file_import``).

A record already in the database is reused, never overwritten: a site by its name, a
referential or an indicator by its code, a module by its code in its referential, a
label or an audit by its referential, site and dates, a finding by its kind and text. An
indicator's value the base holds for a period and site is kept; a new one is checked
against the indicator of the base (its unit may differ from the file's).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from clu_desktop.domain import (
    Audit,
    AuditKind,
    Direction,
    Finding,
    FindingKind,
    Indicator,
    IndicatorValue,
    Label,
    Periodicity,
    Referential,
    ReferentialModule,
    Site,
)
from clu_desktop.errors import UserError
from clu_desktop.interchange.validation import parse_date
from clu_desktop.names import match_key, name_key
from clu_desktop.rules.indicators import check_value

T = TypeVar("T")


def by_file_id(records: Mapping[str, T], file_id: str | None) -> T | None:
    """The record the file names ``file_id`` (None when it names none)."""
    return None if file_id is None else records.get(file_id)


class QualityImporter:
    """Reuses or adds the file's quality records and indicators; keeps them by the
    file's identifiers for the records of the meeting that name them."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.sites: dict[str, Site] = {}
        self.referentials: dict[str, Referential] = {}
        self.modules: dict[str, ReferentialModule] = {}
        self.findings: dict[str, Finding] = {}
        self.indicators: dict[str, Indicator] = {}

    def _next_position(self, column: InstrumentedAttribute[int]) -> int:
        highest = self.session.scalar(select(func.max(column)))
        return 0 if highest is None else highest + 1

    def _existing(self, model: type[T], *criteria: ColumnElement[bool]) -> T | None:
        return self.session.scalars(select(model).where(*criteria).limit(1)).first()

    def _same(
        self,
        column: InstrumentedAttribute[str],
        text: str,
        key: Callable[[str], str] = match_key,
        *criteria: ColumnElement[bool],
    ) -> Any:
        """The first row whose ``column`` has the same ``key`` as ``text``."""
        wanted = key(text)
        rows = self.session.scalars(
            select(column.class_).where(*criteria).order_by(column.class_.id)
        )
        return next((row for row in rows if key(getattr(row, column.key)) == wanted), None)

    # -- quality -----------------------------------------------------------------------

    def _site(self, record: dict[str, Any]) -> Site:
        site: Site | None = self._same(Site.name, record["name"], name_key)
        if site is None:
            site = Site(name=record["name"], position=self._next_position(Site.position))
            self.session.add(site)
            self.session.flush()
        return site

    def _referential(self, record: dict[str, Any]) -> Referential:
        ref: Referential | None = self._same(Referential.code, record["code"])
        if ref is None:
            ref = Referential(
                code=record["code"],
                name=record["name"],
                owner=record.get("owner"),
                description=record.get("description"),
            )
            self.session.add(ref)
        by_code = {match_key(m.code): m for m in ref.modules}
        for module in record.get("modules", []):
            found = by_code.get(match_key(module["code"]))
            if found is None:
                found = ReferentialModule(
                    code=module["code"], title=module["title"], position=len(ref.modules)
                )
                ref.modules.append(found)
                by_code[match_key(found.code)] = found
            self.modules[module["id"]] = found
        return ref

    def _label(self, record: dict[str, Any]) -> None:
        ref = self.referentials[record["referential"]]
        site = by_file_id(self.sites, record.get("site"))
        granted, deadline = parse_date(record.get("granted_on")), parse_date(record.get("deadline"))
        if ref.id is not None:
            same_label = self._existing(
                Label,
                Label.referential_id == ref.id,
                Label.site_id == (site.id if site else None),
                Label.granted_on == granted,
                Label.deadline == deadline,
            )
            if same_label is not None:
                return
        self.session.add(
            Label(
                referential=ref,
                site=site,
                granted_on=granted,
                deadline=deadline,
                certifier=record.get("certifier"),
                notes=record.get("notes"),
                modules=[self.modules[m] for m in record.get("modules", [])],
            )
        )

    def _audit(self, record: dict[str, Any]) -> None:
        ref = self.referentials[record["referential"]]
        site = by_file_id(self.sites, record.get("site"))
        kind, date = AuditKind(record["kind"]), parse_date(record["date"])
        audit = None
        if ref.id is not None:
            audit = self._existing(
                Audit,
                Audit.referential_id == ref.id,
                Audit.kind == kind,
                Audit.date == date,
                Audit.site_id == (site.id if site else None),
            )
        if audit is None:
            audit = Audit(
                referential=ref,
                site=site,
                kind=kind,
                date=date,
                auditor=record.get("auditor"),
                result=record.get("result"),
                modules=[self.modules[m] for m in record.get("modules", [])],
            )
            self.session.add(audit)
        known = {(f.kind, f.text): f for f in audit.findings}
        for finding in record.get("findings", []):
            key = (FindingKind(finding["kind"]), finding["text"])
            if key not in known:
                known[key] = Finding(
                    kind=key[0],
                    text=key[1],
                    module=by_file_id(self.modules, finding.get("module")),
                    position=len(audit.findings),
                )
                audit.findings.append(known[key])
            self.findings[finding["id"]] = known[key]

    def _indicator(self, record: dict[str, Any]) -> Indicator:
        indicator: Indicator | None = self._same(Indicator.code, record["code"])
        if indicator is None:
            indicator = Indicator(
                code=record["code"],
                name=record["name"],
                category=record.get("category"),
                unit=record.get("unit"),
                direction=Direction(record.get("direction", "higher")),
                target=record.get("target"),
                periodicity=Periodicity(record.get("periodicity", "year")),
                description=record.get("description"),
                position=self._next_position(Indicator.position),
            )
            self.session.add(indicator)
            self.session.flush()
        for site_id in record.get("sites", []):
            if self.sites[site_id] not in indicator.sites:
                indicator.sites.append(self.sites[site_id])
        existing = {
            (period, site_id)
            for period, site_id in self.session.execute(
                select(IndicatorValue.period, IndicatorValue.site_id).where(
                    IndicatorValue.indicator_id == indicator.id
                )
            )
        }
        for value in record.get("values", []):
            site = by_file_id(self.sites, value.get("site"))
            if (value["period"], site.id if site else None) in existing:
                continue
            try:  # the indicator of the base may have another unit than the file's
                check_value(indicator, value["value"])
            except UserError as exc:
                raise UserError(
                    f"Le fichier n'a pas été importé : indicateur « {indicator.code} » de la "
                    f"base, période {value['period']} : {exc}. Rien n'a été modifié dans la base."
                ) from None
            self.session.add(
                IndicatorValue(
                    indicator_id=indicator.id,
                    period=value["period"],
                    site_id=site.id if site else None,
                    value=value["value"],
                    comment=value.get("comment"),
                    source=value.get("source"),
                    is_example=value.get("example", False),
                )
            )
        return indicator
