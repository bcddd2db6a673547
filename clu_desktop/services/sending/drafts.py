"""The message drafts of a meeting's convocation or signed minutes, written in a folder.

The invited people with a valid address get a draft each (or one draft to all, their
addresses in Bcc); those without one, or with an address that is not one, are listed for
the document to be printed and posted. The folder holds the document (PDF), the calendar
invitation (.ics, with the convocation) and the drafts (.eml): the workstation's mail
client opens them, and the user sends them. Nothing is sent from here.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from clu_desktop.documents.snapshot import ItemSnapshot, MeetingSnapshot
from clu_desktop.domain import MeetingStatus
from clu_desktop.errors import UserError
from clu_desktop.files import write_atomically
from clu_desktop.french.dates import time_range, time_text, weekday_date
from clu_desktop.interchange.calendar import (
    CalendarMeeting,
    CalendarPerson,
    calendar_bytes,
    missing_for_calendar,
)
from clu_desktop.interchange.mail import Attachment, Draft, Recipient, draft_bytes
from clu_desktop.rules.mail_template import fill_template, message_address
from clu_desktop.services.attendance.invitations import get_meeting
from clu_desktop.services.documents.snapshot import meeting_snapshot
from clu_desktop.services.sending.calendar_state import (
    calendar_identity,
    cancellation_identity,
    invitation_made,
)
from clu_desktop.services.sending.templates import (
    CANCELLATION,
    CONVOCATION,
    MINUTES,
    get_template,
)
from clu_desktop.services.settings import (
    EMPTY_LETTERHEAD,
    WHERE_TO_FILL_LETTERHEAD,
    get_identity,
    letterhead_is_empty,
)

_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')
#: What the files and the drafts are named after.
PREFIXES = {CONVOCATION: "convocation", MINUTES: "compte-rendu", CANCELLATION: "annulation"}
#: What to do for the invitees without an address.
POST_ADVICE = {
    CONVOCATION: "Imprimez la convocation ({file}, dans le dossier) et envoyez-la par "
    "courrier ou remettez-la en main propre.",
    MINUTES: "Imprimez le compte-rendu ({file}, dans le dossier) pour le leur envoyer par "
    "courrier.",
    CANCELLATION: "Prévenez-les de l'annulation par courrier ou par téléphone.",
}


@dataclass(frozen=True)
class Invitee:
    """An invited person as the messages name them, with their address as the directory
    holds it (None: none)."""

    printed_name: str  # "M. Jean de LA FONTAINE", as lists show it
    name: str  # "Jean de LA FONTAINE", as the To header shows it
    address: str | None


@dataclass(frozen=True)
class SendingResult:
    folder: Path
    kind: str  # convocation, minutes or cancellation
    document: Path | None  # the PDF attached (none with a cancellation)
    calendar: Path | None  # the .ics attached (the convocation's, the cancellation)
    drafts: tuple[Path, ...]
    recipients: int
    bcc: bool
    without_address: tuple[str, ...] = ()
    invalid: tuple[tuple[str, str], ...] = field(default=())  # (name, address as written)

    def summary(self) -> list[str]:
        """What was written and what is left to do, in French, one line each."""
        if self.bcc:
            lines = [
                f"1 brouillon de message écrit dans {self.folder}, les {self.recipients} "
                "adresses en copie cachée (Cci)."
            ]
        else:
            plural = "s" if len(self.drafts) > 1 else ""
            lines = [
                f"{len(self.drafts)} brouillon{plural} de message écrit{plural} dans "
                f"{self.folder} (un par invité)."
            ]
        lines.append(
            "Ouvrez-les avec votre messagerie, vérifiez-les, puis envoyez-les : "
            "CLU Desktop n'envoie rien lui-même."
        )
        if self.without_address:
            count = len(self.without_address)
            who = "invité n'a" if count == 1 else "invités n'ont"
            file_name = self.document.name if self.document else ""
            lines.append(
                f"{count} {who} pas d'adresse : {', '.join(self.without_address)}. "
                + POST_ADVICE[self.kind].format(file=file_name)
            )
        if self.invalid:
            count = len(self.invalid)
            listed = ", ".join(f"{name} (« {address} »)" for name, address in self.invalid)
            if count == 1:
                said = (
                    "1 adresse de l'annuaire n'est pas valable, aucun message n'est "
                    "préparé pour elle"
                )
            else:
                said = (
                    f"{count} adresses de l'annuaire ne sont pas valables, aucun message "
                    "n'est préparé pour elles"
                )
            lines.append(f"{said} : {listed}. Corrigez-les dans l'annuaire, puis recommencez.")
        return lines


def invitees(session: Session, meeting_id: int) -> list[Invitee]:
    """The meeting's invited people, in the order of the invitations."""
    meeting = get_meeting(session, meeting_id)
    people = []
    for invitation in meeting.invitations:
        name = " ".join(
            part for part in (invitation.printed_first_name, invitation.printed_last_name) if part
        )
        person = invitation.person
        address = (person.email or "").strip() or None if person is not None else None
        people.append(Invitee(invitation.printed_name, name, address))
    return people


def _agenda_lines(items: tuple[ItemSnapshot, ...], depth: int = 0) -> list[str]:
    lines = []
    for item in items:
        number = item.number if item.number in ("•", "–") else f"{item.number}."
        lines.append(f"{'    ' * depth}{number} {item.title}")
        lines.extend(_agenda_lines(item.children, depth + 1))
    return lines


def template_values(snapshot: MeetingSnapshot) -> dict[str, str]:
    """What each placeholder of a template becomes for this meeting."""
    contact = snapshot.contact
    return {
        "comite": snapshot.committee_name,
        "sigle": snapshot.committee_acronym or snapshot.committee_name,
        "titre": snapshot.title,
        "date": weekday_date(snapshot.date).lower(),
        "horaires": time_range(snapshot.start_time, snapshot.end_time),
        "heure_debut": time_text(snapshot.start_time) if snapshot.start_time else "",
        "heure_fin": time_text(snapshot.end_time) if snapshot.end_time else "",
        "lieu": snapshot.place or "",
        "ordre_du_jour": "\n".join(_agenda_lines(snapshot.items)),
        "contact": contact.name or "",
        "contact_telephone": contact.phone or "",
        "contact_courriel": contact.email or "",
    }


def _file_name(prefix: str, snapshot: MeetingSnapshot, extension: str) -> str:
    committee = _UNSAFE.sub("-", (snapshot.committee_acronym or "").strip()).strip("-.")[:40]
    return f"{prefix}-{committee or 'seance'}-{snapshot.date:%Y-%m-%d}.{extension}"


def folder_name(session: Session, meeting_id: int, kind: str = CONVOCATION) -> str:
    """The folder the window proposes for the drafts: "envoi-convocation-CLU-2023-12-20"."""
    snapshot = meeting_snapshot(session, meeting_id)
    return _file_name(f"envoi-{PREFIXES[kind]}", snapshot, "").removesuffix(".")


def _sender(session: Session, snapshot: MeetingSnapshot) -> Recipient | None:
    """Who the messages and the invitation come from: the meeting's contact, else the
    letterhead's address."""
    contact = snapshot.contact
    if contact.email and (address := message_address(contact.email)):
        return Recipient(contact.name or address, address)
    identity = get_identity(session)
    if identity.email and (address := message_address(identity.email)):
        return Recipient(identity.service_name or address, address)
    return None


def calendar_file(
    session: Session,
    meeting_id: int,
    recipients: list[Recipient],
    *,
    snapshot: MeetingSnapshot | None = None,
    stamp: dt.datetime | None = None,
    cancel: bool = False,
) -> bytes:
    """The meeting's calendar invitation (.ics): its UID kept, its SEQUENCE grown when the
    date, hours or place changed since the last one; a French UserError saying why when
    the meeting has no date or place. With ``cancel``, its cancellation (the SEQUENCE
    grown), refused when no invitation was made."""
    if snapshot is None:
        snapshot = meeting_snapshot(session, meeting_id)
    meeting = _calendar_meeting(session, snapshot, recipients, stamp=stamp, uid="", sequence=0)
    problem = missing_for_calendar(meeting)
    if problem is not None:
        raise UserError(problem)
    when = "|".join(str(value) for value in (snapshot.date, snapshot.start_time, snapshot.end_time))
    if cancel:
        identity = cancellation_identity(session, meeting_id)
        if identity is None:
            raise UserError(NOTHING_TO_CANCEL)
    else:
        place = (snapshot.place or "").strip()
        identity = calendar_identity(session, meeting_id, f"{when}|{place}")
    meeting = _calendar_meeting(
        session, snapshot, recipients, stamp=stamp, uid=identity.uid, sequence=identity.sequence
    )
    return calendar_bytes(meeting, cancel=cancel)


NOTHING_TO_CANCEL = (
    "Aucune invitation d'agenda n'a été préparée pour cette séance : il n'y a rien à annuler "
    "dans les agendas des invités."
)


def cancellation_offered(session: Session, meeting_id: int) -> bool:
    """Whether deleting the meeting should offer to cancel its invitation: it is planned
    and an invitation was made for it."""
    meeting = get_meeting(session, meeting_id)
    return meeting.status is MeetingStatus.PLANNED and invitation_made(session, meeting_id)


def _calendar_meeting(
    session: Session,
    snapshot: MeetingSnapshot,
    recipients: list[Recipient],
    *,
    stamp: dt.datetime | None,
    uid: str,
    sequence: int,
) -> CalendarMeeting:
    sender = _sender(session, snapshot)
    agenda = _agenda_lines(snapshot.items)
    description = "\n".join(["Ordre du jour :", *agenda]) if agenda else ""
    if snapshot.contact.name:
        phone = f", {snapshot.contact.phone}" if snapshot.contact.phone else ""
        description += f"\n\nAffaire suivie par : {snapshot.contact.name}{phone}"
    return CalendarMeeting(
        uid=uid,
        sequence=sequence,
        title=f"{snapshot.committee_acronym or snapshot.committee_name} – {snapshot.title}"
        if snapshot.committee_acronym and snapshot.committee_acronym not in snapshot.title
        else snapshot.title,
        date=snapshot.date,
        start_time=snapshot.start_time,
        end_time=snapshot.end_time,
        place=snapshot.place,
        description=description.strip(),
        organiser=CalendarPerson(sender.name, sender.address) if sender else None,
        attendees=tuple(CalendarPerson(r.name, r.address) for r in recipients),
        stamp=stamp,
    )


def _sorted_invitees(
    session: Session, meeting_id: int
) -> tuple[list[tuple[Invitee, Recipient]], list[str], list[tuple[str, str]]]:
    valid, without, invalid = [], [], []
    for invitee in invitees(session, meeting_id):
        address = message_address(invitee.address) if invitee.address else None
        if invitee.address is None:
            without.append(invitee.printed_name)
        elif address is None:
            invalid.append((invitee.printed_name, invitee.address))
        else:
            valid.append((invitee, Recipient(invitee.name or address, address)))
    return valid, without, invalid


def write_drafts(
    session: Session,
    meeting_id: int,
    folder: Path | str,
    kind: str = CONVOCATION,
    *,
    bcc: bool = False,
    stamp: dt.datetime | None = None,
) -> SendingResult:
    """Write in ``folder`` the document of ``kind`` (convocation or minutes, which must be
    signed) with the calendar invitation of a convocation (a cancellation: the
    invitation's cancellation alone), and the drafts: one per invited person with a valid
    address, or one to all in Bcc with ``bcc``. A French UserError, and nothing written,
    when there is nobody to write to or the document cannot be made."""
    folder = Path(folder)
    snapshot = meeting_snapshot(session, meeting_id)
    valid, without, invalid = _sorted_invitees(session, meeting_id)
    if not valid:
        raise UserError(
            "Aucun invité de la séance n'a d'adresse électronique valable : aucun "
            "brouillon n'a été écrit. Renseignez les adresses dans l'annuaire, ou "
            "imprimez le document pour l'envoyer par courrier."
        )
    recipients = [recipient for _, recipient in valid]
    attachments: list[Attachment] = []
    document: Path | None = None
    if kind != CANCELLATION:
        document_attachment, document = _document(session, meeting_id, snapshot, kind, folder)
        attachments.append(document_attachment)
    calendar: Path | None = None
    if kind in (CONVOCATION, CANCELLATION):
        cancel = kind == CANCELLATION
        calendar = folder / _file_name("annulation" if cancel else "invitation", snapshot, "ics")
        parameters = (("charset", "utf-8"), ("method", "CANCEL" if cancel else "REQUEST"))
        invitation = calendar_file(
            session, meeting_id, recipients, snapshot=snapshot, stamp=stamp, cancel=cancel
        )
        attachments.append(Attachment(calendar.name, invitation, "text/calendar", parameters))
    template = get_template(session, meeting_committee_id(session, meeting_id), kind)
    values = template_values(snapshot)
    subject = fill_template(template.subject, values)
    body = fill_template(template.body, values).strip() + "\n"
    sender = _sender(session, snapshot)
    messages: list[tuple[str, Draft]] = []
    prefix = PREFIXES[kind]
    if bcc:
        draft = Draft(
            subject,
            body,
            sender,
            to=(sender,) if sender else (),
            bcc=tuple(recipients),
            attachments=tuple(attachments),
        )
        messages.append((f"{prefix}-tous-les-invites.eml", draft))
    else:
        for number, (invitee, recipient) in enumerate(valid, start=1):
            name = _UNSAFE.sub("-", invitee.name).strip("-.")[:60] or "invite"
            draft = Draft(subject, body, sender, to=(recipient,), attachments=tuple(attachments))
            messages.append((f"{prefix}-{number:02d}-{name}.eml", draft))
    for attachment in attachments:
        write_atomically(folder / attachment.file_name, attachment.data)
    drafts = []
    for file_name, draft in messages:
        path = folder / file_name
        write_atomically(path, draft_bytes(draft))
        drafts.append(path)
    return SendingResult(
        folder=folder,
        kind=kind,
        document=document,
        calendar=calendar,
        drafts=tuple(drafts),
        recipients=len(recipients),
        bcc=bcc,
        without_address=tuple(without),
        invalid=tuple(invalid),
    )


def meeting_committee_id(session: Session, meeting_id: int) -> int:
    """The committee whose templates the meeting's messages use."""
    return get_meeting(session, meeting_id).committee_id


def _document(
    session: Session, meeting_id: int, snapshot: MeetingSnapshot, kind: str, folder: Path
) -> tuple[Attachment, Path]:
    """The document of ``kind`` as an attachment, and where it goes in ``folder``."""
    from clu_desktop.services.documents.export import export_agenda
    from clu_desktop.services.documents.signature import signature_state, signed_pdf

    if kind == MINUTES:
        if not signature_state(session, meeting_id).signed:
            raise UserError(
                "Le compte-rendu de cette séance n'est pas signé : il ne peut pas encore "
                "être envoyé. Signez-le sur la page « Documents », puis recommencez."
            )
        signed = signed_pdf(session, meeting_id)
        if signed is None:
            raise UserError(
                "Ce compte-rendu a été signé hors de CLU Desktop : il n'y a pas de PDF "
                "signé à joindre. Joignez vous-même le compte-rendu signé scanné."
            )
        document = folder / _file_name("compte-rendu-signe", snapshot, "pdf")
        return Attachment(document.name, signed.data, "application/pdf"), document
    if kind != CONVOCATION:
        raise UserError(f"Document à envoyer inconnu : « {kind} ».")
    if letterhead_is_empty(session):
        raise UserError(f"{EMPTY_LETTERHEAD} {WHERE_TO_FILL_LETTERHEAD}")
    document = folder / _file_name("convocation", snapshot, "pdf")
    with tempfile.TemporaryDirectory() as scratch:
        made = export_agenda(session, meeting_id, Path(scratch) / document.name)
        data = made.read_bytes()
    return Attachment(document.name, data, "application/pdf"), document
