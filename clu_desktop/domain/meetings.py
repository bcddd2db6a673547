"""Meetings: invitations and attendance, the agenda with its minutes text, statements, actions."""

from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING

from sqlalchemy import (
    Date,
    DateTime,
    ForeignKey,
    LargeBinary,
    String,
    Text,
    Time,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from clu_desktop.domain.base import Base, Versioned, enum_column
from clu_desktop.domain.directory import Committee, Person

if TYPE_CHECKING:
    from clu_desktop.domain.documents import Annex
    from clu_desktop.domain.quality import Finding


class MeetingStatus(enum.StrEnum):
    PLANNED = "planned"
    HELD = "held"
    MINUTES_DRAFTED = "minutes_drafted"
    MINUTES_SIGNED = "minutes_signed"


class AttendanceStatus(enum.StrEnum):
    INVITED = "invited"
    PRESENT = "present"
    EXCUSED = "excused"
    ABSENT = "absent"
    REPRESENTED = "represented"


class Representation(enum.StrEnum):
    """How a represented member is represented.

    A proxy (*pouvoir*) gives their vote to a member who is present and votes for them; a
    substitute (*suppléant*) sits in their place."""

    PROXY = "proxy"
    SUBSTITUTE = "substitute"


class VoteResult(enum.StrEnum):
    """How a deliberation was decided: unanimously, or by a vote with its figures."""

    UNANIMOUS = "unanimous"
    VOTE = "vote"


class VoteChoice(enum.StrEnum):
    FOR = "for"
    AGAINST = "against"
    ABSTAINING = "abstaining"


class StatementKind(enum.StrEnum):
    """What a statement is; a remark or request from the users' side awaits an answer."""

    STATEMENT = "statement"
    REMARK = "remark"
    REQUEST = "request"


class ActionStatus(enum.StrEnum):
    TODO = "todo"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    ABANDONED = "abandoned"


class ActionOrigin(enum.StrEnum):
    MEETING = "meeting"
    FINDING = "finding"
    REMARK = "remark"
    IMPROVEMENT = "improvement"


class Meeting(Versioned, Base):
    __tablename__ = "meeting"

    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[int] = mapped_column(
        ForeignKey("committee.id", ondelete="RESTRICT"), index=True
    )
    title: Mapped[str] = mapped_column(String(300))
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    start_time: Mapped[dt.time | None] = mapped_column(Time)
    end_time: Mapped[dt.time | None] = mapped_column(Time)
    place: Mapped[str | None] = mapped_column(String(300))
    status: Mapped[MeetingStatus] = mapped_column(
        enum_column(MeetingStatus), default=MeetingStatus.PLANNED
    )
    chair_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    # The minutes are placed and dated at signature, often months after the meeting.
    minutes_place: Mapped[str | None] = mapped_column(String(100))
    minutes_date: Mapped[dt.date | None] = mapped_column(Date)
    # Signature block: "Pour la Préfète et par délégation" / "Le Secrétaire Général" / name.
    signatory_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    delegation_formula: Mapped[str | None] = mapped_column(String(200))
    signatory_title: Mapped[str | None] = mapped_column(String(200))
    signatory_name: Mapped[str | None] = mapped_column(String(200))
    # "Affaire suivie par" block of the letterhead, as printed.
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    contact_name: Mapped[str | None] = mapped_column(String(200))
    contact_phone: Mapped[str | None] = mapped_column(String(50))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    opening_text: Mapped[str | None] = mapped_column(Text)
    closing_text: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    # The day the convocation was sent (legal delays run from it) and the day the minutes
    # were posted or published; printed, never replaced by today's date.
    convocation_date: Mapped[dt.date | None] = mapped_column(Date)
    publication_date: Mapped[dt.date | None] = mapped_column(Date)
    # Set when the minutes are signed in CLU Desktop (the content is then frozen), with
    # the PDF as signed and its SHA-256; cleared when they are reopened. The history of
    # signatures and reopenings is in SignatureEvent.
    signed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    signed_by: Mapped[str | None] = mapped_column(String(200))
    signed_sha256: Mapped[str | None] = mapped_column(String(64))
    # The PDF as signed, read only when asked for (deferred).
    signed_pdf: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    # What the indicator annexes print, frozen with the minutes (JSON, see
    # services/meetings/annex_freeze.py): kept at signature or at the import of signed minutes,
    # dropped when they are reopened.
    signed_annexes: Mapped[str | None] = mapped_column(Text, deferred=True)

    committee: Mapped[Committee] = relationship(back_populates="meetings")
    chair: Mapped[Person | None] = relationship(foreign_keys=[chair_id])
    signatory: Mapped[Person | None] = relationship(foreign_keys=[signatory_id])
    contact: Mapped[Person | None] = relationship(foreign_keys=[contact_id])
    invitations: Mapped[list[Invitation]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="Invitation.position"
    )
    agenda_items: Mapped[list[AgendaItem]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="AgendaItem.position"
    )
    actions: Mapped[list[Action]] = relationship(
        back_populates="meeting", order_by="Action.position"
    )
    annexes: Mapped[list[Annex]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="Annex.position"
    )
    signature_events: Mapped[list[SignatureEvent]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="SignatureEvent.at"
    )

    @property
    def top_level_items(self) -> list[AgendaItem]:
        return [item for item in self.agenda_items if item.parent_id is None]


class SignatureKind(enum.StrEnum):
    SIGNED = "signed"
    REOPENED = "reopened"
    # The signed PDF made again from anonymised data (right to erasure), or removed.
    ANONYMISED = "anonymised"


class SignatureEvent(Base):
    """One signature or reopening of a meeting's minutes: who, when, why, and the
    SHA-256 of the PDF that was signed. Never edited (but by the erasure of a person's
    data, which anonymises its texts), never deleted with the minutes' content (only with
    the meeting)."""

    __tablename__ = "signature_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[SignatureKind] = mapped_column(enum_column(SignatureKind))
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    by: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str | None] = mapped_column(Text)
    sha256: Mapped[str | None] = mapped_column(String(64))

    meeting: Mapped[Meeting] = relationship(back_populates="signature_events")


class Invitation(Versioned, Base):
    """One invited person's attendance, with the text that the documents print for them.

    The snapshot columns freeze name, organisation and function as printed, so that signed
    minutes do not change when the directory does, and survive the person's erasure.
    """

    __tablename__ = "invitation"
    __table_args__ = (UniqueConstraint("meeting_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"))
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    status: Mapped[AttendanceStatus] = mapped_column(
        enum_column(AttendanceStatus), default=AttendanceStatus.INVITED
    )
    represented_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL")
    )
    represented_by_name: Mapped[str | None] = mapped_column(String(200))
    # With the status "represented": a proxy or a substitute.
    representation: Mapped[Representation | None] = mapped_column(enum_column(Representation))
    # A secretary of the session (one or more; printed in the order of the invitations).
    is_secretary: Mapped[bool] = mapped_column(default=False, server_default=false())
    arrived_at: Mapped[dt.time | None] = mapped_column(Time)
    left_at: Mapped[dt.time | None] = mapped_column(Time)
    note: Mapped[str | None] = mapped_column(Text)
    printed_civility: Mapped[str | None] = mapped_column(String(20))
    printed_first_name: Mapped[str | None] = mapped_column(String(100))
    printed_last_name: Mapped[str] = mapped_column(String(100))
    printed_organisation: Mapped[str | None] = mapped_column(String(300))
    printed_function: Mapped[str | None] = mapped_column(String(300))

    meeting: Mapped[Meeting] = relationship(back_populates="invitations")
    person: Mapped[Person | None] = relationship(foreign_keys=[person_id])
    represented_by: Mapped[Person | None] = relationship(foreign_keys=[represented_by_id])

    @property
    def printed_name(self) -> str:
        """Civility, first name and NAME as the documents print them: "M. Bernard GUY"."""
        parts = (self.printed_civility, self.printed_first_name, self.printed_last_name)
        return " ".join(p for p in parts if p)


class AgendaItem(Versioned, Base):
    """An item of the ordre du jour, with its minutes text.

    The minutes text is plain: paragraphs separated by blank lines, "- " starts a bullet,
    and a bullet indented by two spaces or a tab is of the second level.
    """

    __tablename__ = "agenda_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_item.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(300))
    # The heading of the item's section in the minutes, when it differs from the title.
    heading: Mapped[str | None] = mapped_column(String(300))
    presenter_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    duration_minutes: Mapped[int | None]
    minutes_text: Mapped[str | None] = mapped_column(Text)
    # A deliberation: the decision as printed, and how it was taken.
    decision_text: Mapped[str | None] = mapped_column(Text)
    vote_result: Mapped[VoteResult | None] = mapped_column(enum_column(VoteResult))
    votes_for: Mapped[int | None]
    votes_against: Mapped[int | None]
    votes_abstaining: Mapped[int | None]

    meeting: Mapped[Meeting] = relationship(back_populates="agenda_items")
    parent: Mapped[AgendaItem | None] = relationship(
        back_populates="children", remote_side="AgendaItem.id"
    )
    children: Mapped[list[AgendaItem]] = relationship(
        back_populates="parent", order_by="AgendaItem.position"
    )
    presenter: Mapped[Person | None] = relationship()
    statements: Mapped[list[Statement]] = relationship(
        back_populates="agenda_item", cascade="all, delete-orphan", order_by="Statement.position"
    )
    actions: Mapped[list[Action]] = relationship(
        back_populates="agenda_item", order_by="Action.position"
    )
    vote_names: Mapped[list[VoteName]] = relationship(
        back_populates="agenda_item", cascade="all, delete-orphan", order_by="VoteName.position"
    )


class VoteName(Base):
    """A member named in a vote's figures: « Contre : M. X, Mme Y ». It points to the
    invitation, whose printed name the minutes keep whatever happens to the directory."""

    __tablename__ = "vote_name"
    __table_args__ = (UniqueConstraint("agenda_item_id", "invitation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agenda_item_id: Mapped[int] = mapped_column(
        ForeignKey("agenda_item.id", ondelete="CASCADE"), index=True
    )
    invitation_id: Mapped[int] = mapped_column(
        ForeignKey("invitation.id", ondelete="CASCADE"), index=True
    )
    choice: Mapped[VoteChoice] = mapped_column(enum_column(VoteChoice))
    position: Mapped[int] = mapped_column(default=0)

    agenda_item: Mapped[AgendaItem] = relationship(back_populates="vote_names")
    invitation: Mapped[Invitation] = relationship()


class Statement(Versioned, Base):
    """What one or more participants said, as printed: "M. X et M. Y font part de ..."."""

    __tablename__ = "statement"

    id: Mapped[int] = mapped_column(primary_key=True)
    agenda_item_id: Mapped[int] = mapped_column(
        ForeignKey("agenda_item.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    kind: Mapped[StatementKind] = mapped_column(
        enum_column(StatementKind), default=StatementKind.STATEMENT
    )
    text: Mapped[str] = mapped_column(Text)
    answer_text: Mapped[str | None] = mapped_column(Text)
    answered_on: Mapped[dt.date | None] = mapped_column(Date)

    agenda_item: Mapped[AgendaItem] = relationship(back_populates="statements")
    speakers: Mapped[list[StatementSpeaker]] = relationship(
        back_populates="statement",
        cascade="all, delete-orphan",
        order_by="StatementSpeaker.position",
    )


class StatementSpeaker(Base):
    __tablename__ = "statement_speaker"
    __table_args__ = (UniqueConstraint("statement_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    statement_id: Mapped[int] = mapped_column(ForeignKey("statement.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)

    statement: Mapped[Statement] = relationship(back_populates="speakers")
    person: Mapped[Person] = relationship()


class Action(Versioned, Base):
    """Something to do: decided in a meeting, drawn from an audit finding or a remark.

    ``when_label`` is the printed time of the action when a date is not precise enough
    ("fin novembre 2023", "à venir"); otherwise the minutes print the done date's month.
    """

    __tablename__ = "action"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting.id", ondelete="SET NULL"), index=True
    )
    agenda_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_item.id", ondelete="SET NULL"), index=True
    )
    finding_id: Mapped[int | None] = mapped_column(
        ForeignKey("finding.id", ondelete="SET NULL"), index=True
    )
    statement_id: Mapped[int | None] = mapped_column(
        ForeignKey("statement.id", ondelete="SET NULL"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    text: Mapped[str] = mapped_column(Text)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    owner_name: Mapped[str | None] = mapped_column(String(200))
    due_date: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[ActionStatus] = mapped_column(
        enum_column(ActionStatus), default=ActionStatus.TODO, index=True
    )
    done_date: Mapped[dt.date | None] = mapped_column(Date)
    when_label: Mapped[str | None] = mapped_column(String(100))
    origin: Mapped[ActionOrigin] = mapped_column(
        enum_column(ActionOrigin), default=ActionOrigin.MEETING
    )

    meeting: Mapped[Meeting | None] = relationship(back_populates="actions")
    agenda_item: Mapped[AgendaItem | None] = relationship(back_populates="actions")
    finding: Mapped[Finding | None] = relationship(back_populates="actions")
    statement: Mapped[Statement | None] = relationship()
    owner: Mapped[Person | None] = relationship()
