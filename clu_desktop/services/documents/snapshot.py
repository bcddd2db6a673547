"""Snapshots of a meeting for the documents: everything they print, read in one go."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload, undefer

from clu_desktop.documents.snapshot import (
    ActionSnapshot,
    AnnexSnapshot,
    Attendance,
    Contact,
    DecisionSnapshot,
    IndicatorSnapshot,
    ItemSnapshot,
    Letterhead,
    MeetingSnapshot,
    PrintedPerson,
    PrintSettings,
    StatementSnapshot,
)
from clu_desktop.domain import (
    Action,
    AgendaItem,
    Annex,
    Identity,
    Invitation,
    Meeting,
    Person,
)
from clu_desktop.names import upper_surname
from clu_desktop.rules import record as record_rules
from clu_desktop.services.attendance.invitations import get_meeting
from clu_desktop.services.meetings import annex_freeze
from clu_desktop.services.meetings.record import MeetingRecord, meeting_record
from clu_desktop.services.settings import get_minutes_date_style

#: Years of indicator values an annex may show, up to the meeting's year.
ANNEX_YEARS = annex_freeze.ANNEX_YEARS


def _lines(text: str | None) -> tuple[str, ...]:
    return tuple(line.strip() for line in (text or "").splitlines() if line.strip())


def letterhead(session: Session) -> Letterhead:
    identity = session.scalars(select(Identity).order_by(Identity.id)).first()
    if identity is None:
        return Letterhead()
    return Letterhead(
        authority_lines=_lines(identity.authority),
        motto_lines=_lines(identity.motto),
        service_block_lines=_lines(identity.service_block),
        service_name=identity.service_name,
        town=identity.town,
        phone=identity.phone,
        email=identity.email,
        website=identity.website,
        logo_path=identity.logo_path,
        font_path=identity.font_path,
        font_bold_path=identity.font_bold_path,
    )


def _printed(invitation: Invitation) -> PrintedPerson:
    return PrintedPerson(
        civility=invitation.printed_civility,
        first_name=invitation.printed_first_name,
        last_name=invitation.printed_last_name,
        organisation=invitation.printed_organisation,
        function=invitation.printed_function,
    )


def _from_directory(person: Person) -> PrintedPerson:
    return PrintedPerson(
        civility=person.civility,
        first_name=person.first_name,
        last_name=upper_surname(person.last_name),
        organisation=person.organisation.name if person.organisation else None,
        function=person.function,
    )


def _print_settings(record: MeetingRecord) -> PrintSettings:
    settings = record.settings
    return PrintSettings(
        votes=settings.votes,
        print_counts=settings.print_counts,
        quorum=settings.quorum,
        members_in_office=settings.members_in_office,
        presenter_style=settings.presenter_style.value,
        numbering=settings.numbering.value,
    )


class _Builder:
    def __init__(self, session: Session, meeting: Meeting, record: MeetingRecord) -> None:
        self.session = session
        self.meeting = meeting
        self.record = record
        self.numbering = record.settings.numbering.value
        self.printed: dict[int, PrintedPerson] = {
            inv.person_id: _printed(inv) for inv in meeting.invitations if inv.person_id
        }
        self.frozen = annex_freeze.frozen_annexes(meeting)
        self.actions: dict[int, list[Action]] = {}
        for action in meeting.actions:
            if action.agenda_item_id is not None:
                self.actions.setdefault(action.agenda_item_id, []).append(action)

    def person(self, person: Person | None) -> PrintedPerson | None:
        if person is None:
            return None
        return self.printed.get(person.id) or _from_directory(person)

    def name(self, person: Person | None) -> str | None:
        printed = self.person(person)
        return printed.full_name if printed else None

    def build(self) -> MeetingSnapshot:
        meeting = self.meeting
        return MeetingSnapshot(
            letterhead=letterhead(self.session),
            committee_name=meeting.committee.name,
            committee_acronym=meeting.committee.acronym,
            title=meeting.title,
            date=meeting.date,
            start_time=meeting.start_time,
            end_time=meeting.end_time,
            place=meeting.place,
            status=meeting.status.value,
            chair=self.person(meeting.chair),
            minutes_place=meeting.minutes_place,
            minutes_date=meeting.minutes_date,
            minutes_date_style=get_minutes_date_style(self.session),
            delegation_formula=meeting.delegation_formula,
            signatory_title=meeting.signatory_title,
            signatory_name=meeting.signatory_name,
            contact=Contact(meeting.contact_name, meeting.contact_phone, meeting.contact_email),
            opening_text=meeting.opening_text,
            closing_text=meeting.closing_text,
            attendance=tuple(self.attendance(inv) for inv in meeting.invitations),
            items=tuple(self.item(item, (n,)) for n, item in enumerate(meeting.top_level_items, 1)),
            annexes=tuple(self.annex(a, n) for n, a in enumerate(meeting.annexes, 1)),
            settings=_print_settings(self.record),
            counts=self.record.counts,
            secretaries=self.record.secretaries,
            convocation_date=meeting.convocation_date,
            publication_date=meeting.publication_date,
        )

    def attendance(self, invitation: Invitation) -> Attendance:
        deputy = self.name(invitation.represented_by) or invitation.represented_by_name
        return Attendance(
            person=_printed(invitation),
            status=invitation.status.value,
            represented_by=deputy,
            representation=invitation.representation.value if invitation.representation else None,
            arrived_at=invitation.arrived_at,
            left_at=invitation.left_at,
            note=invitation.note,
            is_chair=(
                invitation.person_id is not None and invitation.person_id == self.meeting.chair_id
            ),
        )

    def item(self, item: AgendaItem, path: tuple[int, ...]) -> ItemSnapshot:
        return ItemSnapshot(
            number=record_rules.item_number(path, self.numbering, printed=True),
            title=item.title,
            heading=item.heading,
            presenter=self.name(item.presenter),
            duration_minutes=item.duration_minutes,
            minutes_text=item.minutes_text,
            statements=tuple(
                StatementSnapshot(
                    text=s.text,
                    kind=s.kind.value,
                    speakers=tuple(self.name(sp.person) or "" for sp in s.speakers),
                    answer_text=s.answer_text,
                    answered_on=s.answered_on,
                )
                for s in item.statements
            ),
            actions=tuple(
                ActionSnapshot(
                    text=a.text,
                    status=a.status.value,
                    done_date=a.done_date,
                    when_label=a.when_label,
                    due_date=a.due_date,
                    owner=self.name(a.owner) or a.owner_name,
                )
                for a in self.actions.get(item.id, [])
            ),
            decision=self.decision(item),
            children=tuple(
                self.item(child, (*path, n)) for n, child in enumerate(item.children, 1)
            ),
        )

    def decision(self, item: AgendaItem) -> DecisionSnapshot | None:
        names: dict[str, list[str]] = {}
        for vote_name in item.vote_names:
            printed = _printed(vote_name.invitation).full_name
            names.setdefault(vote_name.choice.value, []).append(printed)
        decision = DecisionSnapshot(
            text=item.decision_text,
            result=item.vote_result.value if item.vote_result else None,
            votes_for=item.votes_for,
            votes_against=item.votes_against,
            votes_abstaining=item.votes_abstaining,
            names=tuple((choice, tuple(printed)) for choice, printed in names.items()),
        )
        return decision or None

    def indicators(self, annex: Annex) -> tuple[IndicatorSnapshot, ...]:
        """What the annex prints of its indicators: as frozen when the minutes are signed
        (``meetings.annex_freeze``), else the values now."""
        if self.frozen is not None and annex.id in self.frozen:
            return self.frozen[annex.id]
        year = self.meeting.date.year
        return tuple(annex_freeze.live_indicator(self.session, i, year) for i in annex.indicators)

    def annex(self, annex: Annex, number: int) -> AnnexSnapshot:
        return AnnexSnapshot(
            number=number,
            title=annex.title,
            kind=annex.kind.value,
            text=annex.text,
            indicators=self.indicators(annex),
            file_name=annex.file_name,
            file_data=annex.file_data,
        )


def meeting_snapshot(session: Session, meeting_id: int) -> MeetingSnapshot:
    """Everything the minutes, the convocation and the sign-in sheet print."""
    get_meeting(session, meeting_id)  # a French error when it is gone
    meeting = session.scalars(
        select(Meeting)
        .where(Meeting.id == meeting_id)
        .options(
            selectinload(Meeting.invitations),
            selectinload(Meeting.agenda_items).selectinload(AgendaItem.statements),
            selectinload(Meeting.agenda_items).selectinload(AgendaItem.vote_names),
            selectinload(Meeting.actions),
            selectinload(Meeting.annexes).options(undefer(Annex.file_data)),
            undefer(Meeting.signed_annexes),
        )
    ).one()
    return _Builder(session, meeting, meeting_record(session, meeting_id)).build()
