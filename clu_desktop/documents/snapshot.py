"""What a document prints, frozen: plain values read once from the database.

The services build a snapshot (``clu_desktop.services.documents.snapshot``); the documents read
it and never touch the database, so they run headless, in tests and in a worker thread.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from clu_desktop.rules.record import PRESENT, Counts, group_of


def _join(*parts: str | None) -> str:
    return " ".join(p for p in parts if p)


@dataclass(frozen=True)
class Letterhead:
    """The organisation in the letterhead; multi-line blocks are tuples of lines."""

    authority_lines: tuple[str, ...] = ()
    motto_lines: tuple[str, ...] = ()
    service_block_lines: tuple[str, ...] = ()
    service_name: str | None = None
    town: str | None = None
    phone: str | None = None
    email: str | None = None
    website: str | None = None
    logo_path: str | None = None
    font_path: str | None = None
    font_bold_path: str | None = None

    @property
    def author(self) -> str:
        """For the PDF's metadata: the service, else the authority."""
        return self.service_name or " ".join(self.authority_lines) or "CLU Desktop"


@dataclass(frozen=True)
class Contact:
    """The "Affaire suivie par" block."""

    name: str | None = None
    phone: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class PrintedPerson:
    """A person as the documents print them (the invitation's snapshot)."""

    civility: str | None
    first_name: str | None
    last_name: str
    organisation: str | None = None
    function: str | None = None

    @property
    def full_name(self) -> str:
        """ "M. Bernard GUY"."""
        return _join(self.civility, self.first_name, self.last_name)

    @property
    def name_and_function(self) -> str:
        """ "M. Bernard GUY, Président" (no comma without a function)."""
        return f"{self.full_name}, {self.function}" if self.function else self.full_name


@dataclass(frozen=True)
class PrintSettings:
    """The committee's settings of its record, as the documents follow them."""

    votes: bool = False  # pouvoirs, votants and the votes of deliberations are printed
    print_counts: bool = True  # the counts under the participants
    quorum: str | None = None  # the rule ("36", "1/2"); the members needed are in Counts
    members_in_office: int | None = None
    presenter_style: str = "presented"  # « présenté par Mme X », or "rapporteur"
    numbering: str = "arabic"  # 1., 2., 2.1.; "roman": I., II., II.1.; "bullets": •, –


@dataclass(frozen=True)
class Attendance:
    person: PrintedPerson
    status: str  # invited, present, excused, absent, represented
    represented_by: str | None = None  # the proxy holder's or substitute's printed name
    representation: str | None = None  # with "represented": proxy or substitute
    arrived_at: dt.time | None = None
    left_at: dt.time | None = None
    note: str | None = None
    is_chair: bool = False


@dataclass(frozen=True)
class StatementSnapshot:
    text: str
    kind: str = "statement"  # statement, remark, request
    speakers: tuple[str, ...] = ()
    answer_text: str | None = None
    answered_on: dt.date | None = None


@dataclass(frozen=True)
class ActionSnapshot:
    text: str
    status: str = "todo"  # todo, in_progress, done, abandoned
    done_date: dt.date | None = None
    when_label: str | None = None
    due_date: dt.date | None = None
    owner: str | None = None


@dataclass(frozen=True)
class DecisionSnapshot:
    """A deliberation: the decision as printed, and how it was taken."""

    text: str | None = None
    result: str | None = None  # None (no vote), "unanimous" or "vote"
    votes_for: int | None = None
    votes_against: int | None = None
    votes_abstaining: int | None = None
    #: the printed names of the members named for a choice (for, against, abstaining)
    names: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def named(self, choice: str) -> tuple[str, ...]:
        return dict(self.names).get(choice, ())

    def __bool__(self) -> bool:
        return bool((self.text or "").strip() or self.result or any(n for _, n in self.names))


@dataclass(frozen=True)
class ItemSnapshot:
    """An agenda item; ``number`` is "1", "6.1", "II", "II.1" (printed "1.", "II.1."), or
    a bullet "•" (sub-item "–") when the committee does not number its items."""

    number: str
    title: str
    heading: str | None = None
    presenter: str | None = None
    duration_minutes: int | None = None
    minutes_text: str | None = None
    statements: tuple[StatementSnapshot, ...] = ()
    actions: tuple[ActionSnapshot, ...] = ()
    decision: DecisionSnapshot | None = None
    children: tuple[ItemSnapshot, ...] = ()

    @property
    def section_title(self) -> str:
        return self.heading or self.title

    @property
    def has_content(self) -> bool:
        """Whether the minutes have anything to print under this item."""
        return bool(
            (self.minutes_text or "").strip()
            or (self.presenter or "").strip()
            or self.statements
            or self.actions
            or self.decision
            or any(child.has_content for child in self.children)
        )


@dataclass(frozen=True)
class IndicatorValueSnapshot:
    period: str  # "2022", "2022-T3", "2022-07"
    value: float
    site: str | None = None  # None: all sites
    comment: str | None = None
    is_example: bool = False


@dataclass(frozen=True)
class IndicatorSnapshot:
    code: str
    name: str
    category: str | None = None
    unit: str | None = None
    direction: str = "higher"  # higher or lower is better
    target: float | None = None
    periodicity: str = "year"
    values: tuple[IndicatorValueSnapshot, ...] = ()

    @property
    def has_examples(self) -> bool:
        return any(v.is_example for v in self.values)


@dataclass(frozen=True)
class AnnexSnapshot:
    number: int  # annexe 1, annexe 2…
    title: str
    kind: str  # indicators, text, pdf
    text: str | None = None
    indicators: tuple[IndicatorSnapshot, ...] = ()
    file_name: str | None = None
    file_data: bytes | None = field(default=None, repr=False)


@dataclass(frozen=True)
class MeetingSnapshot:
    letterhead: Letterhead
    committee_name: str
    committee_acronym: str | None
    title: str
    date: dt.date
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    place: str | None = None
    status: str = "planned"
    chair: PrintedPerson | None = None
    minutes_place: str | None = None
    minutes_date: dt.date | None = None
    #: "long" prints "8 avril 2024"; "stamp" prints "08 AVR. 2024" like a date stamp.
    minutes_date_style: str = "long"
    delegation_formula: str | None = None
    signatory_title: str | None = None
    signatory_name: str | None = None
    contact: Contact = Contact()
    opening_text: str | None = None
    closing_text: str | None = None
    attendance: tuple[Attendance, ...] = ()
    items: tuple[ItemSnapshot, ...] = ()
    annexes: tuple[AnnexSnapshot, ...] = ()
    settings: PrintSettings = PrintSettings()
    #: computed from the attendance by the record rules (None: not computed, not printed)
    counts: Counts | None = None
    secretaries: tuple[str, ...] = ()  # printed names, in the order of the invitations
    #: the day the convocation was sent (None: the convocation prints the day it is printed)
    convocation_date: dt.date | None = None
    publication_date: dt.date | None = None  # « Affiché / publié le … »

    def in_group(self, group: str) -> tuple[Attendance, ...]:
        """The people the minutes print in a group: present, excused, represented or
        absent (those still without an answer among them). The chair, printed as
        « Présidence », is left out of the present; a chair who was not present stays in
        their group, so that every printed group adds up to its count."""
        return tuple(
            a
            for a in self.attendance
            if group_of(a.status) == group and not (a.is_chair and a.status == PRESENT)
        )
