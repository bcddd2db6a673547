"""Import a checked meeting file's data into the database, all or nothing.

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

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from clu_desktop.domain import (
    Action,
    ActionOrigin,
    ActionStatus,
    AgendaItem,
    Annex,
    AnnexKind,
    AttendanceStatus,
    Committee,
    CommitteeMember,
    Identity,
    Invitation,
    Meeting,
    MeetingStatus,
    Organisation,
    Person,
    Representation,
    Statement,
    StatementKind,
    StatementSpeaker,
    VoteChoice,
    VoteName,
    VoteResult,
)
from clu_desktop.errors import UserError
from clu_desktop.interchange.content_checks import same_person_refusal
from clu_desktop.interchange.meeting_file import MeetingData
from clu_desktop.interchange.record_checks import NAME_CHOICES, representation_of
from clu_desktop.interchange.validation import decode_file_data, parse_date, parse_time
from clu_desktop.names import match_key, name_key
from clu_desktop.rules.record import clean_setting
from clu_desktop.services.meetings.file_import_quality import QualityImporter, by_file_id


class MeetingImporter(QualityImporter):
    """Writes a file's records: its directory (identity, organisations, people, the
    committee) and the meeting here, its quality records and indicators as
    :class:`QualityImporter` does."""

    def __init__(self, session: Session, data: MeetingData) -> None:
        super().__init__(session)
        self.data = data
        self.orgs: dict[str, Organisation] = {}
        self.people: dict[str, Person] = {}
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
        org = by_file_id(self.orgs, record.get("organisation"))
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
            chair=by_file_id(people, record.get("chair")),
            convocation_date=parse_date(record.get("convocation_date")),
            publication_date=parse_date(record.get("publication_date")),
            minutes_place=record.get("minutes_place"),
            minutes_date=parse_date(record.get("minutes_date")),
            signatory=by_file_id(people, signatory.get("person")),
            delegation_formula=signatory.get("delegation_formula"),
            signatory_title=signatory.get("title"),
            signatory_name=signatory.get("name"),
            contact=by_file_id(people, contact.get("person")),
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
            person=by_file_id(self.people, entry.get("person")),
            position=position,
            status=AttendanceStatus(entry.get("status", "invited")),
            representation=Representation(representation) if representation else None,
            represented_by=by_file_id(self.people, entry.get("represented_by")),
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
                presenter=by_file_id(self.people, record.get("presenter")),
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
            agenda_item=by_file_id(self.items, entry.get("agenda_item")),
            finding=by_file_id(self.findings, entry.get("finding")),
            statement=by_file_id(self.statements, entry.get("statement")),
            owner=by_file_id(self.people, entry.get("owner")),
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


def import_meeting(session: Session, data: MeetingData) -> Meeting:
    """Import checked data (see ``interchange.validation.read_meeting_file``) inside the
    caller's transaction."""
    return MeetingImporter(session, data).run()
