"""One meeting, with all it refers to, read into a meeting file's data (format version 2);
``interchange.meeting_file`` writes the file.

The output is canonical: records come in a fixed order and get identifiers from that
order, so exporting, importing into an empty database and exporting again gives the same
bytes. What is exported:
- the meeting with its attendance, agenda (sub-items nested), statements, the actions
  decided in it and its annexes;
- its committee with its settings and standing members, and every person and
  organisation these refer to;
- the letterhead identity; every site and referential; the labels; the audits held
  on or before the meeting's date, with their findings;
- the indicators its annexes show, with their values for periods up to the meeting's
  year.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload, undefer

from clu_desktop.documents.snapshot import IndicatorSnapshot
from clu_desktop.domain import (
    Action,
    AgendaItem,
    Annex,
    Audit,
    Identity,
    Indicator,
    IndicatorValue,
    Label,
    Meeting,
    Organisation,
    Person,
    Referential,
    Site,
    Statement,
)
from clu_desktop.interchange.meeting_file import MeetingData, file_date, file_time
from clu_desktop.interchange.record_checks import NAME_CHOICES
from clu_desktop.interchange.validation import FORMAT_NAME, FORMAT_VERSION

T = TypeVar("T")


class _Ids:
    """Canonical identifiers: a prefix and the record's rank in the file."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.by_key: dict[int, str] = {}

    def add(self, key: int) -> str:
        return self.by_key.setdefault(key, f"{self.prefix}{len(self.by_key) + 1}")

    def get(self, key: int | None) -> str | None:
        return None if key is None else self.by_key.get(key)


@dataclass(frozen=True)
class SignedFigures:
    """What the annexes of signed minutes printed (frozen at signature): the file carries
    these figures for the periods they cover, not the values the base holds now."""

    indicators: Mapping[str, IndicatorSnapshot]  # by code
    first: str  # the periods covered: from ``first`` (included) …
    end: str  # … to ``end`` (excluded)


class MeetingExporter:
    def __init__(
        self, session: Session, meeting: Meeting, signed: SignedFigures | None = None
    ) -> None:
        self.session = session
        self.meeting = meeting
        self.signed = signed
        self.people = _Ids("person-")
        self.organisations = _Ids("org-")
        self.sites = _Ids("site-")
        self.referentials = _Ids("ref-")
        self.modules = _Ids("module-")
        self.audits = _Ids("audit-")
        self.findings = _Ids("finding-")
        self.indicators = _Ids("indicator-")
        self.items = _Ids("item-")
        self.statements = _Ids("statement-")

    def export(self) -> MeetingData:
        meeting = self.meeting
        people = self._referenced_people()
        organisations = sorted(
            {p.organisation for p in people if p.organisation is not None},
            key=lambda o: (o.name.casefold(), o.id),
        )
        org_records = [self._organisation(o) for o in organisations]
        person_records = [self._person(p) for p in people]
        site_records = [self._site(s) for s in self._all(Site, Site.position, Site.name, Site.id)]
        referentials = self._all(Referential, Referential.code, Referential.id)
        return {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "identity": self._identity(),
            "organisations": org_records,
            "people": person_records,
            "committee": self._committee(),
            "sites": site_records,
            "referentials": [self._referential(r) for r in referentials],
            "labels": [self._label(label) for label in self._labels()],
            "audits": [self._audit(a) for a in self._audits()],
            "indicators": [self._indicator(i) for i in self._indicators()],
            "meeting": self._meeting(meeting),
        }

    # -- what is referenced ------------------------------------------------------------

    def _referenced_people(self) -> list[Person]:
        meeting = self.meeting
        found: set[Person] = set()
        found.update(m.person for m in meeting.committee.members)
        found.update(p for p in (meeting.chair, meeting.signatory, meeting.contact) if p)
        for invitation in meeting.invitations:
            found.update(p for p in (invitation.person, invitation.represented_by) if p)
        for item in meeting.agenda_items:
            if item.presenter:
                found.add(item.presenter)
            for statement in item.statements:
                found.update(s.person for s in statement.speakers)
        found.update(a.owner for a in meeting.actions if a.owner)
        people = sorted(
            found,
            key=lambda p: ((p.last_name or "").casefold(), (p.first_name or "").casefold(), p.id),
        )
        for person in people:
            self.people.add(person.id)
        return people

    def _all(self, model: type[T], *order: Any) -> list[T]:
        return list(self.session.scalars(select(model).order_by(*order)))

    def _labels(self) -> list[Label]:
        labels = self.session.scalars(select(Label).options(selectinload(Label.modules))).all()
        return sorted(
            labels,
            key=lambda label: (
                label.referential.code,
                label.granted_on or dt.date.max,
                label.deadline or dt.date.max,
                label.id,
            ),
        )

    def _audits(self) -> list[Audit]:
        return list(
            self.session.scalars(
                select(Audit)
                .where(Audit.date <= self.meeting.date)
                .order_by(Audit.date, Audit.kind, Audit.id)
                .options(selectinload(Audit.findings), selectinload(Audit.modules))
            )
        )

    def _indicators(self) -> list[Indicator]:
        shown = {i for annex in self.meeting.annexes for i in annex.indicators}
        return sorted(shown, key=lambda i: (i.position, i.code, i.id))

    # -- records ---------------------------------------------------------------------

    def _identity(self) -> dict[str, Any] | None:
        identity = self.session.scalars(select(Identity).order_by(Identity.id)).first()
        if identity is None:
            return None
        keys = ("authority", "motto", "service_block", "service_name", "town", "phone", "email")
        return {key: getattr(identity, key) for key in (*keys, "website")}

    def _organisation(self, org: Organisation) -> dict[str, Any]:
        return {
            "id": self.organisations.add(org.id),
            "name": org.name,
            "acronym": org.acronym,
            "internal": org.internal,
            "address": org.address,
            "notes": org.notes,
        }

    def _person(self, person: Person) -> dict[str, Any]:
        return {
            "id": self.people.get(person.id),
            "civility": person.civility,
            "first_name": person.first_name,
            "last_name": person.last_name,
            "function": person.function,
            "organisation": self.organisations.get(person.organisation_id),
            "email": person.email,
            "phone": person.phone,
            "notes": person.notes,
        }

    def _committee(self) -> dict[str, Any]:
        committee = self.meeting.committee
        return {
            "name": committee.name,
            "acronym": committee.acronym,
            "description": committee.description,
            "settings": {
                "votes": committee.votes,
                "print_counts": committee.print_counts,
                "quorum": committee.quorum,
                "members_in_office": committee.members_in_office,
                "proxy_limit": committee.proxy_limit,
                "presenter_style": committee.presenter_style.value,
                "numbering": committee.numbering.value,
            },
            "members": [
                {"person": self.people.get(m.person_id), "role": m.role} for m in committee.members
            ],
        }

    def _site(self, site: Site) -> dict[str, Any]:
        return {"id": self.sites.add(site.id), "name": site.name}

    def _referential(self, ref: Referential) -> dict[str, Any]:
        return {
            "id": self.referentials.add(ref.id),
            "code": ref.code,
            "name": ref.name,
            "owner": ref.owner,
            "description": ref.description,
            "modules": [
                {"id": self.modules.add(m.id), "code": m.code, "title": m.title}
                for m in ref.modules
            ],
        }

    def _label(self, label: Label) -> dict[str, Any]:
        return {
            "referential": self.referentials.get(label.referential_id),
            "site": self.sites.get(label.site_id),
            "granted_on": file_date(label.granted_on),
            "certifier": label.certifier,
            "deadline": file_date(label.deadline),
            "notes": label.notes,
            "modules": [self.modules.get(m.id) for m in label.modules],
        }

    def _audit(self, audit: Audit) -> dict[str, Any]:
        return {
            "id": self.audits.add(audit.id),
            "referential": self.referentials.get(audit.referential_id),
            "site": self.sites.get(audit.site_id),
            "kind": audit.kind.value,
            "date": file_date(audit.date),
            "auditor": audit.auditor,
            "result": audit.result,
            "modules": [self.modules.get(m.id) for m in audit.modules],
            "findings": [
                {
                    "id": self.findings.add(f.id),
                    "kind": f.kind.value,
                    "text": f.text,
                    "module": self.modules.get(f.module_id),
                }
                for f in audit.findings
            ],
        }

    def _indicator(self, indicator: Indicator) -> dict[str, Any]:
        last_year = str(self.meeting.date.year)
        rows = self.session.scalars(
            select(IndicatorValue)
            .outerjoin(Site, IndicatorValue.site_id == Site.id)
            .where(IndicatorValue.indicator_id == indicator.id)
            .where(IndicatorValue.period < last_year + "~")  # "~" sorts after "-Tn", "-MM"
            .order_by(IndicatorValue.period, Site.position, Site.name, IndicatorValue.id)
        )
        values = [
            {
                "period": v.period,
                "site": self.sites.get(v.site_id),
                "value": v.value,
                "comment": v.comment,
                "source": v.source,
                "example": v.is_example,
            }
            for v in rows
        ]
        record = {
            "id": self.indicators.add(indicator.id),
            "code": indicator.code,
            "name": indicator.name,
            "category": indicator.category,
            "unit": indicator.unit,
            "direction": indicator.direction.value,
            "target": indicator.target,
            "periodicity": indicator.periodicity.value,
            "description": indicator.description,
            "sites": [self.sites.get(s.id) for s in indicator.sites],
            "values": values,
        }
        frozen = self.signed.indicators.get(indicator.code) if self.signed else None
        if frozen is not None:
            self._as_signed(record, frozen)
        return record

    def _as_signed(self, record: dict[str, Any], frozen: IndicatorSnapshot) -> None:
        """The indicator as the signed minutes printed it: its texts, and its values for
        the periods the annex covered (later changes to them left out)."""
        assert self.signed is not None
        first, end = self.signed.first, self.signed.end
        by_name = {s.name: s.id for s in self.session.scalars(select(Site))}
        kept = [v for v in record["values"] if not first <= v["period"] < end]
        sources = {(v["period"], v["site"]): v["source"] for v in record["values"]}
        for v in frozen.values:
            site = self.sites.get(by_name.get(v.site)) if v.site is not None else None
            kept.append(
                {
                    "period": v.period,
                    "site": site,
                    "value": v.value,
                    "comment": v.comment,
                    "source": sources.get((v.period, site)),
                    "example": v.is_example,
                }
            )
        record["values"] = sorted(kept, key=lambda v: v["period"])
        record.update(
            name=frozen.name,
            category=frozen.category,
            unit=frozen.unit,
            direction=frozen.direction,
            target=frozen.target,
            periodicity=frozen.periodicity,
        )

    def _meeting(self, meeting: Meeting) -> dict[str, Any]:
        people = self.people
        items = [self._item(item) for item in meeting.top_level_items]
        return {
            "title": meeting.title,
            "date": file_date(meeting.date),
            "start_time": file_time(meeting.start_time),
            "end_time": file_time(meeting.end_time),
            "place": meeting.place,
            "status": meeting.status.value,
            "chair": people.get(meeting.chair_id),
            "secretaries": [
                people.get(inv.person_id)
                for inv in meeting.invitations
                if inv.is_secretary and inv.person_id is not None
            ],
            "convocation_date": file_date(meeting.convocation_date),
            "publication_date": file_date(meeting.publication_date),
            "minutes_place": meeting.minutes_place,
            "minutes_date": file_date(meeting.minutes_date),
            "signatory": {
                "person": people.get(meeting.signatory_id),
                "delegation_formula": meeting.delegation_formula,
                "title": meeting.signatory_title,
                "name": meeting.signatory_name,
            },
            "contact": {
                "person": people.get(meeting.contact_id),
                "name": meeting.contact_name,
                "phone": meeting.contact_phone,
                "email": meeting.contact_email,
            },
            "opening_text": meeting.opening_text,
            "closing_text": meeting.closing_text,
            "notes": meeting.notes,
            "attendance": [
                {
                    "person": people.get(inv.person_id),
                    "status": inv.status.value,
                    "representation": inv.representation.value if inv.representation else None,
                    "represented_by": people.get(inv.represented_by_id),
                    "represented_by_name": inv.represented_by_name,
                    "arrived_at": file_time(inv.arrived_at),
                    "left_at": file_time(inv.left_at),
                    "note": inv.note,
                    "printed": {
                        "civility": inv.printed_civility,
                        "first_name": inv.printed_first_name,
                        "last_name": inv.printed_last_name,
                        "organisation": inv.printed_organisation,
                        "function": inv.printed_function,
                    },
                }
                for inv in meeting.invitations
            ],
            "agenda": items,
            "actions": [self._action(a) for a in meeting.actions],
            "annexes": [self._annex(a) for a in meeting.annexes],
        }

    def _item(self, item: AgendaItem) -> dict[str, Any]:
        return {
            "id": self.items.add(item.id),
            "title": item.title,
            "heading": item.heading,
            "presenter": self.people.get(item.presenter_id),
            "duration_minutes": item.duration_minutes,
            "minutes_text": item.minutes_text,
            "decision": self._decision(item),
            "statements": [self._statement(s) for s in item.statements],
            "items": [self._item(child) for child in item.children],
        }

    def _decision(self, item: AgendaItem) -> dict[str, Any] | None:
        figures = (item.votes_for, item.votes_against, item.votes_abstaining)
        recorded = (item.decision_text, item.vote_result, *figures)
        if all(value is None for value in recorded) and not item.vote_names:
            return None
        names: dict[str, list[str | None]] = {key: [] for key in NAME_CHOICES}
        by_choice = {choice: key for key, choice in NAME_CHOICES.items()}
        for name in item.vote_names:  # in their order; a person erased has no id to name
            if name.invitation.person_id is not None:
                key = by_choice[name.choice.value]
                names[key].append(self.people.get(name.invitation.person_id))
        return {
            "text": item.decision_text,
            "result": item.vote_result.value if item.vote_result else None,
            "for": item.votes_for,
            "against": item.votes_against,
            "abstentions": item.votes_abstaining,
            "names": names,
        }

    def _statement(self, statement: Statement) -> dict[str, Any]:
        return {
            "id": self.statements.add(statement.id),
            "kind": statement.kind.value,
            "speakers": [self.people.get(s.person_id) for s in statement.speakers],
            "text": statement.text,
            "answer_text": statement.answer_text,
            "answered_on": file_date(statement.answered_on),
        }

    def _action(self, action: Action) -> dict[str, Any]:
        return {
            "text": action.text,
            "agenda_item": self.items.get(action.agenda_item_id),
            "finding": self.findings.get(action.finding_id),
            "statement": self.statements.get(action.statement_id),
            "owner": self.people.get(action.owner_id),
            "owner_name": action.owner_name,
            "due_date": file_date(action.due_date),
            "status": action.status.value,
            "done_date": file_date(action.done_date),
            "when_label": action.when_label,
            "origin": action.origin.value,
        }

    def _annex(self, annex: Annex) -> dict[str, Any]:
        data = annex.file_data
        return {
            "title": annex.title,
            "kind": annex.kind.value,
            "text": annex.text,
            "indicators": [self.indicators.get(i.id) for i in annex.indicators],
            "file_name": annex.file_name,
            "file_data": base64.b64encode(data).decode("ascii") if data else None,
        }


def export_meeting(
    session: Session, meeting_id: int, signed: SignedFigures | None = None
) -> MeetingData:
    """The meeting's file data, in canonical order (see the module's docstring)."""
    meeting = session.scalars(
        select(Meeting)
        .where(Meeting.id == meeting_id)
        .options(selectinload(Meeting.annexes).options(undefer(Annex.file_data)))
    ).one()
    return MeetingExporter(session, meeting, signed).export()
