"""The drafts of the demo meeting's convocation and signed minutes: who gets a message,
who is listed for the post, the invitation updated when the meeting moves."""

from __future__ import annotations

import datetime as dt
import unicodedata
from email.parser import BytesParser
from email.policy import default

import pytest
import vobject
from icalendar import Calendar

from clu_desktop.domain import Meeting, Person
from clu_desktop.errors import UserError
from clu_desktop.services.attendance.invitations import snapshot_invitation
from clu_desktop.services.sending.drafts import write_drafts
from clu_desktop.services.sending.templates import (
    CONVOCATION,
    MINUTES,
    get_template,
    set_template,
)


def address_of(invitation) -> str:
    text = f"{invitation.printed_first_name}.{invitation.printed_last_name}".lower()
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return ascii_text.replace(" ", "-") + "@haute-marne.gouv.fr"


def give_addresses(db, *, skip=(), invalid=()) -> list[str]:
    """Addresses for the demo's invitees but those named in ``skip`` (none) and
    ``invalid`` (a wrong one); their printed names, in order."""
    with db.transaction() as session:
        names = []
        for invitation in session.get(Meeting, 1).invitations:
            last = invitation.printed_last_name
            if last in skip:
                invitation.person.email = None
            elif last in invalid:
                invitation.person.email = "pas-une-adresse@"
            else:
                invitation.person.email = address_of(invitation)
            names.append(invitation.printed_name)
        return names


NAME = "Anne-Sophie de la BÉGUINIÈRE"


def read(path):
    return BytesParser(policy=default).parsebytes(path.read_bytes())


def test_one_draft_per_invitee_with_the_convocation_and_the_invitation(demo_db, tmp_path):
    give_addresses(demo_db, skip={"THIRARD", "COLLIER"}, invalid={"DIOP"})
    with demo_db.transaction() as session:
        result = write_drafts(session, 1, tmp_path / "envoi")
    assert len(result.drafts) == 12
    assert result.without_address == ("M. Guillaume THIRARD", "Mme Brigitte COLLIER")
    assert result.invalid == (("M. Birame DIOP", "pas-une-adresse@"),)
    summary = "\n".join(result.summary())
    assert "12 brouillons de message écrits" in summary
    assert "2 invités n'ont pas d'adresse : M. Guillaume THIRARD, Mme Brigitte COLLIER." in summary
    assert "M. Birame DIOP (« pas-une-adresse@ »)" in summary
    message = read(result.drafts[0])
    assert message["X-Unsent"] == "1"
    assert message["Subject"].startswith("Convocation : ")
    assert "mercredi 20 décembre 2023" in message["Subject"]
    body = message.get_body(("plain",)).get_content()
    assert "Salle Louise Michel" in body and "14h30-16h30" in body
    assert "Bilan qualité 2022" in body  # the agenda
    attachments = {p.get_filename(): p.get_payload(decode=True) for p in message.iter_attachments()}
    assert attachments[result.document.name] == result.document.read_bytes()
    assert result.document.read_bytes().startswith(b"%PDF")
    assert attachments[result.calendar.name] == result.calendar.read_bytes()
    every_to = {read(path)["To"].addresses[0].addr_spec for path in result.drafts}
    assert "birame.diop@haute-marne.gouv.fr" not in every_to
    assert len(every_to) == 12
    event = Calendar.from_ical(result.calendar.read_bytes()).walk("VEVENT")[0]
    assert len(event["ATTENDEE"]) == 12
    assert str(event["ORGANIZER"]) == "mailto:mylene.begue@haute-marne.gouv.fr"
    second = vobject.readOne(result.calendar.read_text(encoding="utf-8"))
    assert second.vevent.location.value == "Salle Louise Michel"


def test_a_name_with_a_particle_and_accents_in_the_to_header(demo_db, tmp_path):
    with demo_db.transaction() as session:
        meeting = session.get(Meeting, 1)
        person = Person(
            civility="Mme",
            first_name="Anne-Sophie",
            last_name="de la Béguinière",
            email="as.delabeguiniere@example.fr",
        )
        session.add(person)
        meeting.invitations.append(snapshot_invitation(person, len(meeting.invitations)))
    with demo_db.transaction() as session:
        result = write_drafts(session, 1, tmp_path)
    assert len(result.drafts) == 2  # hers, and the one to the demo's own address
    raw = result.drafts[-1].read_bytes()
    assert raw.isascii()  # the accents encoded in the header
    (to,) = read(result.drafts[-1])["To"].addresses
    assert to.addr_spec == "as.delabeguiniere@example.fr"
    assert to.display_name == NAME


def test_seventy_invitees_in_one_draft_with_bcc(demo_db, tmp_path):
    with demo_db.transaction() as session:
        meeting = session.get(Meeting, 1)
        for number in range(70 - len(meeting.invitations)):
            person = Person(
                first_name="Hélène", last_name=f"d'ORMESSON-{number}", email=f"h{number}@ex.fr"
            )
            session.add(person)
            meeting.invitations.append(snapshot_invitation(person, len(meeting.invitations)))
    give_addresses(demo_db)
    with demo_db.transaction() as session:
        result = write_drafts(session, 1, tmp_path, bcc=True)
    (draft,) = result.drafts
    message = read(draft)
    assert len(message["Bcc"].addresses) == 70
    assert message["To"].addresses[0].addr_spec == "mylene.begue@haute-marne.gouv.fr"
    assert "les 70 adresses en copie cachée" in result.summary()[0]


def test_the_sequence_grows_when_the_date_changes_only(demo_db, tmp_path):
    give_addresses(demo_db)

    def event():
        with demo_db.transaction() as session:
            result = write_drafts(session, 1, tmp_path, bcc=True)
        return Calendar.from_ical(result.calendar.read_bytes()).walk("VEVENT")[0]

    first = event()
    assert event()["SEQUENCE"] == first["SEQUENCE"] == 0
    with demo_db.transaction() as session:
        session.get(Meeting, 1).date = dt.date(2024, 1, 10)
    moved = event()
    assert str(moved["UID"]) == str(first["UID"])
    assert moved["SEQUENCE"] == 1
    assert moved.decoded("DTSTART").date() == dt.date(2024, 1, 10)


def test_a_meeting_without_place_writes_nothing_and_says_why(demo_db, tmp_path):
    give_addresses(demo_db)
    with demo_db.transaction() as session:
        session.get(Meeting, 1).place = None
    with demo_db.transaction() as session, pytest.raises(UserError, match="son lieu"):
        write_drafts(session, 1, tmp_path / "envoi")
    assert not (tmp_path / "envoi").exists()


def test_nobody_with_an_address_writes_nothing(demo_db, tmp_path):
    with demo_db.transaction() as session:
        for invitation in session.get(Meeting, 1).invitations:
            invitation.person.email = None
    with demo_db.transaction() as session, pytest.raises(UserError, match="Aucun invité"):
        write_drafts(session, 1, tmp_path / "envoi")
    assert not (tmp_path / "envoi").exists()


def test_minutes_are_sent_once_signed_with_the_signed_pdf(demo_db, tmp_path):
    from clu_desktop.services.documents.signature import sign_minutes, signed_pdf

    give_addresses(demo_db)
    with demo_db.transaction() as session, pytest.raises(UserError, match="pas signé"):
        write_drafts(session, 1, tmp_path, MINUTES)
    with demo_db.transaction() as session:
        sign_minutes(session, 1, "Mylène BÉGUÉ")
    with demo_db.transaction() as session:
        result = write_drafts(session, 1, tmp_path / "cr", MINUTES, bcc=True)
        signed = signed_pdf(session, 1).data
    assert result.calendar is None
    (part,) = read(result.drafts[0]).iter_attachments()
    assert part.get_payload(decode=True) == signed == result.document.read_bytes()


def test_a_template_with_an_unknown_placeholder_is_refused_by_name(demo_db):
    with demo_db.transaction() as session, pytest.raises(UserError) as caught:
        set_template(session, 1, CONVOCATION, "Convocation du $date", "Le $jour à $lieu")
    assert "« $jour » n'existe pas" in str(caught.value)
    with demo_db.reading() as session:
        assert get_template(session, 1, CONVOCATION).is_default


def test_a_committee_template_fills_the_drafts(demo_db, tmp_path):
    give_addresses(demo_db)
    with demo_db.transaction() as session:
        set_template(
            session, 1, CONVOCATION, "$sigle du $date", "Rendez-vous à $heure_debut, $lieu."
        )
        result = write_drafts(session, 1, tmp_path, bcc=True)
    message = read(result.drafts[0])
    assert message["Subject"] == "CLU du mercredi 20 décembre 2023"
    body = message.get_body(("plain",)).get_content()
    assert body.strip() == "Rendez-vous à 14h30, Salle Louise Michel."


def test_a_planned_meeting_s_invitation_is_cancelled_with_the_same_uid(demo_db, tmp_path):
    from clu_desktop.domain import MeetingStatus
    from clu_desktop.services.sending.drafts import cancellation_offered
    from clu_desktop.services.sending.templates import CANCELLATION

    give_addresses(demo_db)
    with demo_db.transaction() as session:
        session.get(Meeting, 1).status = MeetingStatus.PLANNED
        assert not cancellation_offered(session, 1)  # no invitation made: nothing to cancel
        with pytest.raises(UserError, match="rien à annuler"):
            write_drafts(session, 1, tmp_path / "rien", CANCELLATION)
    with demo_db.transaction() as session:
        invitation = write_drafts(session, 1, tmp_path / "invitation", bcc=True)
        assert cancellation_offered(session, 1)
    with demo_db.transaction() as session:
        cancellation = write_drafts(session, 1, tmp_path / "annulation", CANCELLATION, bcc=True)
    assert cancellation.document is None
    sent = Calendar.from_ical(invitation.calendar.read_bytes())
    cancelled = Calendar.from_ical(cancellation.calendar.read_bytes())
    assert cancelled["METHOD"] == "CANCEL"
    (before,), (after,) = sent.walk("VEVENT"), cancelled.walk("VEVENT")
    assert str(after["UID"]) == str(before["UID"])
    assert after["SEQUENCE"] > before["SEQUENCE"]
    message = read(cancellation.drafts[0])
    assert message["Subject"].startswith("Annulation : ")
    (part,) = message.iter_attachments()
    assert part.get_param("method") == "CANCEL"
    assert vobject.readOne(part.get_payload(decode=True).decode()).vevent.status.value == (
        "CANCELLED"
    )
