"""Import a checked meeting file into the database, all or nothing.

The caller runs this inside one transaction. Records already in the database are reused,
never overwritten: an organisation by its name, a person by first name, NAME and
organisation, a committee, site or indicator by its name or code, a referential module
by its code, a label or an audit by its referential, site and dates. A meeting of the
same committee with the same date and title is refused as a duplicate. Names, titles
and codes are compared by ``names.match_key`` (names by ``name_key``, without case).

A committee's settings (votes, quorum, numbering…) are written only when this import
creates the committee; an existing committee keeps its own. A version 1 file has no
``representation``: a represented member there is a substitute (suppléant).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from clu_desktop.domain import (
    Action,
    ActionOrigin,
    ActionStatus,
    AgendaItem,
    Annex,
    AnnexKind,
    AttendanceStatus,
    Audit,
    AuditKind,
    Committee,
    CommitteeMember,
    Direction,
    Finding,
    FindingKind,
    Identity,
    Indicator,
    IndicatorValue,
    Invitation,
    Label,
    Meeting,
    MeetingStatus,
    Organisation,
    Periodicity,
    Person,
    Referential,
    ReferentialModule,
    Representation,
    Site,
    Statement,
    StatementKind,
    StatementSpeaker,
    VoteChoice,
    VoteName,
    VoteResult,
)
from clu_desktop.errors import UserError
from clu_desktop.interchange.content_checks import same_person_refusal
from clu_desktop.interchange.record_checks import NAME_CHOICES, representation_of
from clu_desktop.interchange.validation import decode_file_data, parse_date, parse_time
from clu_desktop.names import match_key, name_key
from clu_desktop.rules.indicators import check_value
from clu_desktop.rules.record import clean_setting

T = TypeVar("T")


def _known(records: Mapping[str, T], file_id: str | None) -> T | None:
    """The record the file names ``file_id`` (None when it names none)."""
    return None if file_id is None else records.get(file_id)


class MeetingImporter:
    def __init__(self, session: Session, data: dict[str, Any]) -> None:
        self.session = session
        self.data = data
        self.orgs: dict[str, Organisation] = {}
        self.people: dict[str, Person] = {}
        self.sites: dict[str, Site] = {}
        self.referentials: dict[str, Referential] = {}
        self.modules: dict[str, ReferentialModule] = {}
        self.findings: dict[str, Finding] = {}
        self.indicators: dict[str, Indicator] = {}
        self.items: dict[str, AgendaItem] = {}
        self.statements: dict[str, Statement] = {}
        self.invitations: dict[str, Invitation] = {}  # by the file's person id
        # What the database held before this import, by folded name, for reuse.
        self.known_orgs: dict[str, Organisation] | None = None
        self.known_people: dict[tuple[str, str, int | None], Person] | None = None

    def run(self) -> Meeting:
        data = self.data
        self._identity(data.get("identity"))
        for record in data.get("organisations", []):
            self.orgs[record["id"]] = self._organisation(record)
        for record in data.get("people", []):
            self.people[record["id"]] = self._person(record)
        same_person_refusal(self.people)
        committee = self._committee(data["committee"])
        self._refuse_duplicate(committee, data["meeting"])
        for record in data.get("sites", []):
            self.sites[record["id"]] = self._site(record)
        for record in data.get("referentials", []):
            self.referentials[record["id"]] = self._referential(record)
        for record in data.get("labels", []):
            self._label(record)
        for record in data.get("audits", []):
            self._audit(record)
        for record in data.get("indicators", []):
            self.indicators[record["id"]] = self._indicator(record)
        meeting = self._meeting(committee, data["meeting"])
        self.session.flush()
        return meeting

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

    # -- directory ---------------------------------------------------------------------

    def _identity(self, record: dict[str, Any] | None) -> None:
        if record and self._existing(Identity) is None:
            self.session.add(Identity(**record))

    def _organisation(self, record: dict[str, Any]) -> Organisation:
        if self.known_orgs is None:
            self.known_orgs = {
                name_key(org.name): org for org in self.session.scalars(select(Organisation))
            }
        found = self.known_orgs.get(name_key(record["name"]))
        if found is not None:
            return found
        org = Organisation(
            name=record["name"],
            acronym=record.get("acronym"),
            internal=record.get("internal", False),
            address=record.get("address"),
            notes=record.get("notes"),
        )
        self.session.add(org)
        return org

    def _person(self, record: dict[str, Any]) -> Person:
        if self.known_people is None:
            self.known_people = {
                (name_key(p.last_name), name_key(p.first_name), p.organisation_id): p
                for p in self.session.scalars(select(Person))
            }
        org = _known(self.orgs, record.get("organisation"))
        if org is None or org.id is not None:
            key = (
                name_key(record["last_name"]),
                name_key(record.get("first_name")),
                org and org.id,
            )
            if key in self.known_people:
                return self.known_people[key]
        person = Person(
            civility=record.get("civility"),
            first_name=record.get("first_name"),
            last_name=record["last_name"],
            function=record.get("function"),
            organisation=org,
            email=record.get("email"),
            phone=record.get("phone"),
            notes=record.get("notes"),
        )
        self.session.add(person)
        return person

    def _committee(self, record: dict[str, Any]) -> Committee:
        committee: Committee | None = self._same(Committee.name, record["name"], name_key)
        if committee is None:
            committee = Committee(
                name=record["name"],
                acronym=record.get("acronym"),
                description=record.get("description"),
            )
            for key, value in (record.get("settings") or {}).items():
                setattr(committee, key, clean_setting(key, value))
            self.session.add(committee)
        present = {m.person for m in committee.members}
        for member in record.get("members", []):
            person = self.people[member["person"]]
            if person not in present:
                position = len(committee.members)
                committee.members.append(
                    CommitteeMember(person=person, role=member.get("role"), position=position)
                )
                present.add(person)
        return committee

    def _refuse_duplicate(self, committee: Committee, record: dict[str, Any]) -> None:
        if committee.id is None:
            return
        duplicate = self._same(
            Meeting.title,
            record["title"],
            match_key,
            Meeting.committee_id == committee.id,
            Meeting.date == parse_date(record["date"]),
        )
        if duplicate is not None:
            raise UserError(
                f"La séance « {record['title']} » du {duplicate.date:%d/%m/%Y} existe déjà "
                f"(n° {duplicate.id}). Rien n'a été importé."
            )

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
        site = _known(self.sites, record.get("site"))
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
        site = _known(self.sites, record.get("site"))
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
                    module=_known(self.modules, finding.get("module")),
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
            site = _known(self.sites, value.get("site"))
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

    # -- the meeting -------------------------------------------------------------------

    def _meeting(self, committee: Committee, record: dict[str, Any]) -> Meeting:
        people = self.people
        signatory, contact = record.get("signatory") or {}, record.get("contact") or {}
        meeting = Meeting(
            committee=committee,
            title=record["title"],
            date=parse_date(record["date"]),
            start_time=parse_time(record.get("start_time")),
            end_time=parse_time(record.get("end_time")),
            place=record.get("place"),
            status=MeetingStatus(record.get("status", "planned")),
            chair=_known(people, record.get("chair")),
            convocation_date=parse_date(record.get("convocation_date")),
            publication_date=parse_date(record.get("publication_date")),
            minutes_place=record.get("minutes_place"),
            minutes_date=parse_date(record.get("minutes_date")),
            signatory=_known(people, signatory.get("person")),
            delegation_formula=signatory.get("delegation_formula"),
            signatory_title=signatory.get("title"),
            signatory_name=signatory.get("name"),
            contact=_known(people, contact.get("person")),
            contact_name=contact.get("name"),
            contact_phone=contact.get("phone"),
            contact_email=contact.get("email"),
            opening_text=record.get("opening_text"),
            closing_text=record.get("closing_text"),
            notes=record.get("notes"),
        )
        self.session.add(meeting)
        secretaries = set(record.get("secretaries", []))
        for position, entry in enumerate(record.get("attendance", [])):
            invitation = self._invitation(entry, position)
            invitation.is_secretary = entry.get("person") in secretaries
            meeting.invitations.append(invitation)
            if entry.get("person") is not None:
                self.invitations[entry["person"]] = invitation
        self._items(meeting, None, record.get("agenda", []))
        for position, entry in enumerate(record.get("actions", [])):
            self.session.add(self._action(meeting, entry, position))
        for position, entry in enumerate(record.get("annexes", [])):
            meeting.annexes.append(self._annex(entry, position))
        return meeting

    def _invitation(self, entry: dict[str, Any], position: int) -> Invitation:
        printed = entry["printed"]
        representation = representation_of(entry, self.data["version"])
        return Invitation(
            person=_known(self.people, entry.get("person")),
            position=position,
            status=AttendanceStatus(entry.get("status", "invited")),
            representation=Representation(representation) if representation else None,
            represented_by=_known(self.people, entry.get("represented_by")),
            represented_by_name=entry.get("represented_by_name"),
            arrived_at=parse_time(entry.get("arrived_at")),
            left_at=parse_time(entry.get("left_at")),
            note=entry.get("note"),
            printed_civility=printed.get("civility"),
            printed_first_name=printed.get("first_name"),
            printed_last_name=printed["last_name"],
            printed_organisation=printed.get("organisation"),
            printed_function=printed.get("function"),
        )

    def _items(
        self, meeting: Meeting, parent: AgendaItem | None, records: list[dict[str, Any]]
    ) -> None:
        for position, record in enumerate(records):
            item = AgendaItem(
                parent=parent,
                position=position,
                title=record["title"],
                heading=record.get("heading"),
                presenter=_known(self.people, record.get("presenter")),
                duration_minutes=record.get("duration_minutes"),
                minutes_text=record.get("minutes_text"),
            )
            self._decision(item, record.get("decision"))
            meeting.agenda_items.append(item)
            if "id" in record:
                self.items[record["id"]] = item
            for rank, entry in enumerate(record.get("statements", [])):
                statement = Statement(
                    position=rank,
                    kind=StatementKind(entry.get("kind", "statement")),
                    text=entry["text"],
                    answer_text=entry.get("answer_text"),
                    answered_on=parse_date(entry.get("answered_on")),
                    speakers=[
                        StatementSpeaker(person=self.people[s], position=i)
                        for i, s in enumerate(entry.get("speakers", []))
                    ],
                )
                item.statements.append(statement)
                if "id" in entry:
                    self.statements[entry["id"]] = statement
            self._items(meeting, item, record.get("items", []))

    def _decision(self, item: AgendaItem, record: dict[str, Any] | None) -> None:
        if not record:
            return
        result = record.get("result")
        item.decision_text = record.get("text")
        item.vote_result = VoteResult(result) if result else None
        item.votes_for = record.get("for")
        item.votes_against = record.get("against")
        item.votes_abstaining = record.get("abstentions")
        names = record.get("names") or {}
        position = 0
        for key, choice in NAME_CHOICES.items():
            for person in names.get(key, []):
                item.vote_names.append(
                    VoteName(
                        invitation=self.invitations[person],
                        choice=VoteChoice(choice),
                        position=position,
                    )
                )
                position += 1

    def _action(self, meeting: Meeting, entry: dict[str, Any], position: int) -> Action:
        return Action(
            meeting=meeting,
            position=position,
            text=entry["text"],
            agenda_item=_known(self.items, entry.get("agenda_item")),
            finding=_known(self.findings, entry.get("finding")),
            statement=_known(self.statements, entry.get("statement")),
            owner=_known(self.people, entry.get("owner")),
            owner_name=entry.get("owner_name"),
            due_date=parse_date(entry.get("due_date")),
            status=ActionStatus(entry.get("status", "todo")),
            done_date=parse_date(entry.get("done_date")),
            when_label=entry.get("when_label"),
            origin=ActionOrigin(entry.get("origin", "meeting")),
        )

    def _annex(self, entry: dict[str, Any], position: int) -> Annex:
        data = entry.get("file_data")
        return Annex(
            position=position,
            title=entry["title"],
            kind=AnnexKind(entry["kind"]),
            text=entry.get("text"),
            file_name=entry.get("file_name"),
            file_data=decode_file_data(data) if data else None,
            indicators=[self.indicators[i] for i in entry.get("indicators", [])],
        )


def import_meeting(session: Session, data: dict[str, Any]) -> Meeting:
    """Import checked data (see validation.read_meeting_file) inside the caller's transaction."""
    return MeetingImporter(session, data).run()
