"""The right to erasure: a person leaves the directory, and the meetings forget them.

What happens, meeting by meeting:

- a meeting not held yet (prévue): their invitation is removed. They will not be
  convened, nor get a row on the sign-in sheet: an anonymous guest there means nothing.
- a meeting held whose minutes are not signed: their invitation stays, anonymised
  (« Personne anonymisée », the organisation kept, the function dropped since it often
  identifies one person). The attendance counts stay true and the minutes being written
  still show that the organisation was there. Texts that name them (minutes, statements,
  actions, notes) get the same label; a signatory or "affaire suivie par" that was them
  is emptied, to be filled with whoever replaces them.
- a meeting whose minutes are signed: the printed text stays as it was signed (its
  rows, its signature history and the PDF kept at signature; only its never-printed
  notes are anonymised), unless the user asks to anonymise signed minutes too; then it
  is treated as above, except that the printed signatory and contact name become the
  label (signed minutes keep a signature block), and the PDF kept at signature is made
  again from the anonymised data (``personal.pdfs``).

Committee seats go with the person, and so do the links that named them as speaker,
action owner or presenter. Then every text of the database that names them, e-mail and
phone included, is anonymised: ``personal.walk`` reads every text column of every table,
so a new column is covered without being listed. Nothing of this can be undone. The
database file still holds the old text in its free pages until ``store.scrub`` compacts
it, which the window and the command line do once the erasure is committed; backups
made before still hold the person.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, delete, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from clu_desktop.domain import (
    Action,
    AgendaItem,
    CommitteeMember,
    Invitation,
    Meeting,
    MeetingStatus,
    Person,
    StatementSpeaker,
)
from clu_desktop.services.indicators.mappings import rekey_mappings
from clu_desktop.services.personal.data import get_person_or_fail, person_matcher
from clu_desktop.services.personal.names import ANONYMOUS, PersonMatcher, shown_name
from clu_desktop.services.personal.pdfs import signed_pdfs
from clu_desktop.services.personal.walk import walk
from clu_desktop.store.signed_minutes import personal_data_erasure

EXPORTS_REMINDER = (
    "Les fichiers déjà exportés ou imprimés (PDF, fichiers de séance, données de la "
    "personne, copies de la base) ne sont pas modifiés : supprimez-les vous-même s'ils "
    "doivent disparaître."
)
BACKUP_REMINDER = (
    "Les sauvegardes quotidiennes contiennent encore cette personne : elle n'en "
    "disparaîtra qu'une fois ces sauvegardes remplacées par de plus récentes."
)


@dataclass(frozen=True)
class ErasureReport:
    """What an erasure changed, to tell the user."""

    person_name: str
    feminine: bool = False
    committees: int = 0
    invitations_removed: int = 0
    invitations_anonymised: int = 0
    signed_meetings_kept: int = 0
    signed_meetings_anonymised: int = 0
    mentions_replaced: int = 0
    printed_fields_changed: int = 0
    links_removed: int = 0
    chair_lines_lost: int = 0
    mentions_kept: int = 0  # left in signed minutes kept as signed
    signed_pdfs_remade: int = 0
    signed_pdfs_removed: int = 0
    signed_pdfs_kept: int = 0  # kept as signed, and naming the person
    files_naming: int = 0  # stored files (PDF annexes…) that still name the person
    files: tuple[str, ...] = ()  # where they are
    tables: tuple[str, ...] = ()  # the tables whose rows changed, for the administrator

    @property
    def message(self) -> str:
        erased = "effacée" if self.feminine else "effacé"
        lines = [f"{shown_name(self.person_name)} a été {erased} de l'annuaire."]
        for count, singular, plural in (
            (self.committees, "siège de comité retiré", "sièges de comité retirés"),
            (self.invitations_removed, "invitation retirée", "invitations retirées"),
            (self.invitations_anonymised, "présence anonymisée", "présences anonymisées"),
            (
                self.signed_meetings_anonymised,
                "compte-rendu signé anonymisé",
                "comptes-rendus signés anonymisés",
            ),
            (
                self.signed_meetings_kept,
                "compte-rendu signé laissé tel qu'il a été signé",
                "comptes-rendus signés laissés tels qu'ils ont été signés",
            ),
            (
                self.mentions_replaced,
                "mention dans les textes remplacée",
                "mentions dans les textes remplacées",
            ),
            (
                self.printed_fields_changed,
                "signataire, contact ou représentant imprimé modifié",
                "signataires, contacts ou représentants imprimés modifiés",
            ),
            (
                self.links_removed,
                "lien retiré (orateur, porteur d'action, présentation, présidence)",
                "liens retirés (orateur, porteur d'action, présentation, présidence)",
            ),
            (
                self.signed_pdfs_remade,
                "PDF signé refait sans son nom (nouvelle empreinte consignée dans "
                "l'historique des signatures)",
                "PDF signés refaits sans son nom (nouvelles empreintes consignées dans "
                "l'historique des signatures)",
            ),
            (
                self.signed_pdfs_removed,
                "PDF signé retiré : il n'a pas pu être refait sans son nom (consigné dans "
                "l'historique des signatures)",
                "PDF signés retirés : ils n'ont pas pu être refaits sans son nom (consigné "
                "dans l'historique des signatures)",
            ),
            (
                self.mentions_kept,
                "mention laissée dans les comptes-rendus signés, tels qu'ils ont été signés",
                "mentions laissées dans les comptes-rendus signés, tels qu'ils ont été signés",
            ),
            (
                self.signed_pdfs_kept,
                "PDF signé conservé qui porte encore son nom",
                "PDF signés conservés qui portent encore son nom",
            ),
            (
                self.files_naming,
                "fichier joint (annexe) qui porte encore son nom : il n'a pas été modifié, "
                "remplacez-le s'il doit disparaître",
                "fichiers joints (annexes) qui portent encore son nom : ils n'ont pas été "
                "modifiés, remplacez-les s'ils doivent disparaître",
            ),
        ):
            if count:
                lines.append(f"– {count} {singular if count == 1 else plural}")
        if self.files:
            shown = ", ".join(shown_name(f) for f in self.files[:5])
            more = f" et {len(self.files) - 5} autre(s)" if len(self.files) > 5 else ""
            lines.append(f"Fichiers joints concernés : {shown}{more}.")
        if self.chair_lines_lost:
            lines.append(
                f"La ligne « Présidence » de {self.chair_lines_lost} compte(s)-rendu(s) "
                "signé(s) ne s'imprime plus : la personne y figure parmi les présents."
            )
        lines.append("Cet effacement est définitif.")
        lines.append(BACKUP_REMINDER)
        lines.append(EXPORTS_REMINDER)
        return "\n".join(lines)


def _feminine(person: Person) -> bool:
    return (person.civility or "").lower().startswith(("mme", "mlle", "madame"))


@dataclass(frozen=True)
class ErasurePreview:
    """What an erasure would touch, to say it before asking."""

    person_name: str
    planned_meetings: int
    open_meetings: int
    signed_meetings: int
    feminine: bool = False


def erasure_preview(session: Session, person_id: int) -> ErasurePreview:
    """The meetings where the person is invited, represents someone or holds a role,
    by what erasure will do to them (see the module's notes)."""
    person = get_person_or_fail(session, person_id)
    linked = or_(
        Meeting.chair_id == person_id,
        Meeting.signatory_id == person_id,
        Meeting.contact_id == person_id,
        Meeting.id.in_(
            select(Invitation.meeting_id).where(
                or_(Invitation.person_id == person_id, Invitation.represented_by_id == person_id)
            )
        ),
    )
    statuses = list(session.scalars(select(Meeting.status).where(linked)))
    signed = statuses.count(MeetingStatus.MINUTES_SIGNED)
    planned = statuses.count(MeetingStatus.PLANNED)
    others = len(statuses) - signed - planned
    return ErasurePreview(person.display_name, planned, others, signed, _feminine(person))


class _Eraser:
    def __init__(
        self, session: Session, person: Person, matcher: PersonMatcher, anonymise_signed: bool
    ) -> None:
        self.session, self.person, self.matcher = session, person, matcher
        self.anonymise_signed = anonymise_signed
        self.counts: dict[str, int] = {}

    def add(self, key: str, count: int = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + count

    def frozen(self, meeting: Meeting | None) -> bool:
        """Whether the meeting's printed text must stay as signed."""
        return (
            meeting is not None
            and meeting.status == MeetingStatus.MINUTES_SIGNED
            and not self.anonymise_signed
        )

    def is_them(self, person_id: int | None, printed: str | None) -> bool:
        return person_id == self.person.id or self.matcher.is_whole(printed)

    # Meetings

    def meeting(self, meeting: Meeting) -> None:
        signed = meeting.status == MeetingStatus.MINUTES_SIGNED
        pid = self.person.id
        if signed and meeting.chair_id == pid:
            self.add("chair_lines_lost")
        if self.frozen(meeting):
            self.add("signed_meetings_kept")
            for inv in meeting.invitations:
                if inv.represented_by_id == pid and not inv.represented_by_name:
                    # The deputy's name is printed from the directory: keep it as printed.
                    inv.represented_by_name = self.printed_name_in(meeting)
                    self.add("printed_fields_changed")
            return
        if signed:
            self.add("signed_meetings_anonymised")
        for inv in list(meeting.invitations):
            if inv.person_id == pid:
                self.invitation(meeting, inv)
            if self.is_them(inv.represented_by_id, inv.represented_by_name):
                inv.represented_by_name = ANONYMOUS
                self.add("printed_fields_changed")
        replacement = ANONYMOUS if signed else None
        if self.is_them(meeting.signatory_id, meeting.signatory_name) and meeting.signatory_name:
            meeting.signatory_name = replacement
            self.add("printed_fields_changed")
        if self.is_them(meeting.contact_id, meeting.contact_name):
            for field in ("contact_name", "contact_phone", "contact_email"):
                if getattr(meeting, field):
                    setattr(meeting, field, replacement if field == "contact_name" else None)
                    self.add("printed_fields_changed")
        for field in ("contact_phone", "contact_email"):
            if self.matcher.is_whole(getattr(meeting, field)):
                setattr(meeting, field, None)
                self.add("printed_fields_changed")

    def printed_name_in(self, meeting: Meeting) -> str:
        for inv in meeting.invitations:
            if inv.person_id == self.person.id:
                return inv.printed_name
        return self.person.display_name

    def invitation(self, meeting: Meeting, inv: Invitation) -> None:
        if meeting.status == MeetingStatus.PLANNED:
            meeting.invitations.remove(inv)
            self.session.delete(inv)
            self.add("invitations_removed")
            return
        inv.printed_civility = None
        inv.printed_first_name = None
        inv.printed_last_name = ANONYMOUS
        inv.printed_function = None
        self.add("invitations_anonymised")

    # Outside the meetings' own text

    def actions(self) -> None:
        for action in self.session.scalars(select(Action)):
            if self.frozen(action.meeting):
                continue
            if self.is_them(action.owner_id, action.owner_name):
                action.owner_name = ANONYMOUS
                self.add("printed_fields_changed")

    def count_links(self) -> None:
        pid = self.person.id

        def count(column: InstrumentedAttribute[int], *conditions: ColumnElement[bool]) -> int:
            return self.session.scalar(select(func.count(column)).where(or_(*conditions))) or 0

        self.add("committees", count(CommitteeMember.id, CommitteeMember.person_id == pid))
        self.add(
            "links_removed",
            count(StatementSpeaker.id, StatementSpeaker.person_id == pid)
            + count(Action.id, Action.owner_id == pid)
            + count(AgendaItem.id, AgendaItem.presenter_id == pid)
            + count(Meeting.id, Meeting.chair_id == pid),
        )


def erase_person(
    session: Session,
    person_id: int,
    anonymise_signed: bool = False,
) -> ErasureReport:
    """Erase the person from the directory and the meetings (see the module's notes).

    Final: nothing is kept to undo it. Returns what was changed.
    """
    person = get_person_or_fail(session, person_id)
    name = person.display_name
    feminine = _feminine(person)
    eraser = _Eraser(session, person, person_matcher(session, person), anonymise_signed)
    # The eraser keeps what signed minutes print unless asked to anonymise them.
    with personal_data_erasure(session):
        eraser.count_links()
        # The printed names, signatories and contacts, meeting by meeting.
        for meeting in session.scalars(select(Meeting).order_by(Meeting.id)):
            eraser.meeting(meeting)
        eraser.actions()
        session.flush()
        # Then every text of every table, e-mail and phone included.
        found = walk(
            session,
            eraser.matcher,
            anonymise_signed=anonymise_signed,
            person_id=person_id,
            skip={"person": {(person_id,)}},
        )
        session.expire_all()  # the walk wrote through statements
        rekey_mappings(session)  # a remembered name's folded key follows its new text
        pdfs = signed_pdfs(session, eraser.matcher, found, anonymise_signed)
        eraser.add("mentions_replaced", found.replaced)
        eraser.add("mentions_kept", found.kept)
        eraser.add("files_naming", len(found.files))
        eraser.add("signed_pdfs_remade", pdfs.remade)
        eraser.add("signed_pdfs_removed", pdfs.removed)
        eraser.add("signed_pdfs_kept", pdfs.kept)
        # The database unlinks the rest (ON DELETE SET NULL / CASCADE), as delete_person
        # does.
        session.expunge_all()
        session.execute(delete(Person.__table__).where(Person.id == person_id))
        session.flush()
    tables = found.tables | {"person", "committee_member", "statement_speaker", "invitation"}
    if pdfs.remade or pdfs.removed:
        tables |= {"meeting", "signature_event"}
    return ErasureReport(
        person_name=name,
        feminine=feminine,
        tables=tuple(sorted(tables)),
        files=tuple(found.files),
        **eraser.counts,
    )


__all__ = [
    "ANONYMOUS",
    "BACKUP_REMINDER",
    "ErasurePreview",
    "ErasureReport",
    "erase_person",
    "erasure_preview",
]
