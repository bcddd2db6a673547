"""Personal data: export everything held about a person, erase a person."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import subprocess
from dataclasses import replace

import pytest
from sqlalchemy import select

from clu_desktop.domain import (
    Committee,
    Finding,
    Invitation,
    Meeting,
    MeetingStatus,
    Organisation,
    Person,
    Statement,
)
from clu_desktop.errors import UserError
from clu_desktop.services.attendance.invitations import snapshot_invitation
from clu_desktop.services.directory.people import search_people
from clu_desktop.services.documents.export import export_minutes
from clu_desktop.services.meetings.files import export_file
from clu_desktop.services.personal.data import (
    export_file_name,
    person_data,
    write_person_data,
)
from clu_desktop.services.personal.erasure import erase_person
from clu_desktop.store.signed_minutes import signature_change

DORAFI, GUY, THIRARD, BEGUE = 5, 6, 14, 1


def minutes_text(db, path) -> str:
    with db.reading() as session:
        export_minutes(session, 1, path)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def meeting_json(db, path) -> str:
    with db.reading() as session:
        export_file(session, "1", path)
    return path.read_text(encoding="utf-8")


def names_word(word: str, text: str) -> bool:
    return re.search(rf"(?<!\w){word}(?!\w)", text, re.IGNORECASE) is not None


# Right of access


def test_the_export_lists_the_meeting_attendance_and_statements(signed_demo_db, tmp_path):
    path = tmp_path / "données" / "dorafi.json"
    with signed_demo_db.reading() as session:
        write_person_data(session, DORAFI, path)
    raw = path.read_text(encoding="utf-8")
    assert "Association Haut-Marnaise pour les Immigrés" in raw  # UTF-8, not \u escapes
    data = json.loads(raw)
    assert data["identite"]["nom"] == "DORAFI"
    assert data["comites"] == [{"comite": "Comité local des usagers", "role": "membre"}]
    [meeting] = data["seances_invite"]
    assert (meeting["seance"], meeting["date"]) == (1, "2023-12-20")
    assert meeting["statut"] == "compte-rendu signé"
    assert meeting["presence"] == "présent"
    assert meeting["nom_imprime"] == "M. Abderrazak DORAFI"
    texts = [s["texte"] for s in data["interventions"]]
    assert len(texts) == 2
    assert any("excellentes relations" in t for t in texts)
    assert all(s["nature"] == "Remarque des usagers" for s in data["interventions"])


def test_the_export_holds_how_the_person_voted_and_their_secretaryship(demo_db):
    from clu_desktop.domain import VoteChoice
    from clu_desktop.services.meetings.record import Decision, set_decision, set_secretaries

    with demo_db.transaction() as session:
        set_secretaries(session, 1, [DORAFI])
        decision = Decision(result="vote", votes_for=13, votes_against=1)
        set_decision(session, 1, replace(decision, names=((VoteChoice.AGAINST, (DORAFI,)),)))
    with demo_db.reading() as session:
        [meeting] = person_data(session, DORAFI)["seances_invite"]
    assert meeting["secretaire_de_seance"] is True
    assert meeting["votes_nommes"] == [{"point": "Bilan qualité 2022", "vote": "contre"}]


def test_the_export_shows_roles_and_the_texts_naming_the_person(signed_demo_db):
    with signed_demo_db.reading() as session:
        contact = person_data(session, BEGUE)
        chair = person_data(session, THIRARD)
    [role] = contact["roles_en_seance"]
    assert role["role"] == "affaire suivie par"
    assert role["courriel_imprime"] == "mylene.begue@haute-marne.gouv.fr"
    assert {r["role"] for r in chair["roles_en_seance"]} == {"présidence", "signataire"}
    # GUY's remark names DORAFI: a text naming someone who is not linked as its speaker.
    with signed_demo_db.reading() as session:
        guy = person_data(session, GUY)
    assert guy["mentions_dans_les_textes"] == []
    assert len(guy["interventions"]) == 1


def test_an_unknown_person_is_refused_in_french(signed_demo_db, tmp_path):
    with (
        signed_demo_db.reading() as session,
        pytest.raises(UserError, match="Aucune personne n° 999"),
    ):
        write_person_data(session, 999, tmp_path / "x.json")
    assert not (tmp_path / "x.json").exists()


def test_the_suggested_file_name_is_safe():
    assert export_file_name("Bégué", "Mylène") == "donnees-BÉGUÉ-Mylène.json"
    assert export_file_name("../<b>x</b>", None) == "donnees-B-X-B.json"
    assert len(export_file_name("A" * 10_000, "B" * 10_000)) < 100


# Erasure, signed minutes kept as printed


def test_erasing_keeps_the_signed_minutes_as_printed(signed_demo_db, tmp_path):
    before = minutes_text(signed_demo_db, tmp_path / "before.pdf")
    with signed_demo_db.transaction() as session:
        report = erase_person(session, DORAFI, anonymise_signed=False)
    assert report.signed_meetings_kept == 1
    assert report.committees == 1
    assert "définitif" in report.message
    assert "sauvegardes" in report.message
    with signed_demo_db.reading() as session:
        assert session.get(Person, DORAFI) is None
        assert search_people(session, "dorafi") == []
        with pytest.raises(UserError):
            person_data(session, DORAFI)
    after = minutes_text(signed_demo_db, tmp_path / "after.pdf")
    assert "Abderrazak DORAFI" in after
    assert after == before


@contextlib.contextmanager
def before_signature(db):
    """A transaction on the demo meeting as it was before its minutes were signed."""
    with db.transaction() as session, signature_change(session, 1):
        session.get(Meeting, 1).status = MeetingStatus.MINUTES_DRAFTED
        session.flush()  # inside signature_change
    with db.transaction() as session:
        yield session
    with db.transaction() as session, signature_change(session, 1):
        session.get(Meeting, 1).status = MeetingStatus.MINUTES_SIGNED
        session.flush()


def test_erasing_the_deputy_of_a_signed_meeting_keeps_the_printed_deputy(signed_demo_db, tmp_path):
    with before_signature(signed_demo_db) as session:
        krezel = session.scalar(select(Invitation).where(Invitation.person_id == 7))
        krezel.status = "represented"
        krezel.represented_by_id = GUY
    before = minutes_text(signed_demo_db, tmp_path / "before.pdf")
    assert "représenté" in before and "Bernard GUY" in before
    with signed_demo_db.transaction() as session:
        erase_person(session, GUY, anonymise_signed=False)
    assert minutes_text(signed_demo_db, tmp_path / "after.pdf") == before


# Erasure, signed minutes anonymised


def test_anonymising_removes_the_name_from_the_minutes_and_the_meeting_file(
    signed_demo_db, tmp_path
):
    assert names_word("GUY", minutes_text(signed_demo_db, tmp_path / "before.pdf"))
    with signed_demo_db.transaction() as session:
        report = erase_person(session, GUY, anonymise_signed=True)
    assert report.signed_meetings_anonymised == 1
    assert report.invitations_anonymised == 1
    assert report.mentions_replaced >= 1
    after = minutes_text(signed_demo_db, tmp_path / "after.pdf")
    exported = meeting_json(signed_demo_db, tmp_path / "seance.json")
    for text in (after, exported):
        assert not names_word("GUY", text)
        assert "Bernard" not in text
        assert "Personne anonymisée" in text
    # The others stay named, the organisation stays.
    assert "Abderrazak DORAFI" in after
    assert "Association des Maires" in after


def test_anonymising_the_contact_removes_their_phone_and_email(signed_demo_db, tmp_path):
    with signed_demo_db.transaction() as session:
        erase_person(session, BEGUE, anonymise_signed=True)
    after = minutes_text(signed_demo_db, tmp_path / "after.pdf")
    exported = meeting_json(signed_demo_db, tmp_path / "seance.json")
    for text in (after, exported):
        assert "mylene.begue" not in text
        assert not re.search(r"03\s?25\s?30\s?22\s?69", text)
        assert not names_word("BEGUE", text) and not names_word("BÉGUÉ", text)
    assert "Personne anonymisée" in after


def test_anonymising_the_chair_and_signatory(signed_demo_db, tmp_path):
    with signed_demo_db.transaction() as session:
        report = erase_person(session, THIRARD, anonymise_signed=True)
    assert report.chair_lines_lost == 1
    assert "Présidence" in report.message
    after = minutes_text(signed_demo_db, tmp_path / "after.pdf")
    assert "THIRARD" not in after and "Guillaume" not in after


# Erasure in meetings whose minutes are not signed


@pytest.fixture
def open_meetings(signed_demo_db):
    """A planned meeting and a held one (minutes drafted), both with DORAFI and BÉGUÉ."""
    ids = {}
    with signed_demo_db.transaction() as session:
        committee = session.scalars(select(Committee)).first()
        dorafi, begue = session.get(Person, DORAFI), session.get(Person, BEGUE)
        for status in (MeetingStatus.PLANNED, MeetingStatus.MINUTES_DRAFTED):
            meeting = Meeting(
                committee=committee,
                title=f"CLU {status.value}",
                date=dt.date(2025, 6, 1),
                status=status,
                contact_id=begue.id,
                contact_name="Mylène BÉGUÉ",
                contact_phone="03 25 30 22 69",
                contact_email=begue.email,
                signatory_id=begue.id,
                signatory_name="Mylène BÉGUÉ",
                closing_text="M. Abderrazak DORAFI remercie les participants.",
            )
            session.add(meeting)
            meeting.invitations += [snapshot_invitation(dorafi, 0), snapshot_invitation(begue, 1)]
            session.flush()
            ids[status] = meeting.id
    return ids


def test_an_unsigned_meeting_forgets_the_person(signed_demo_db, open_meetings):
    with signed_demo_db.transaction() as session:
        report = erase_person(session, DORAFI, anonymise_signed=False)
    assert report.invitations_removed == 1
    assert report.invitations_anonymised == 1
    with signed_demo_db.reading() as session:
        planned = session.get(Meeting, open_meetings[MeetingStatus.PLANNED])
        drafted = session.get(Meeting, open_meetings[MeetingStatus.MINUTES_DRAFTED])
        assert [i.printed_last_name for i in planned.invitations] == ["BÉGUÉ"]
        anonymous = drafted.invitations[0]
        assert anonymous.printed_last_name == "Personne anonymisée"
        assert anonymous.printed_first_name is None and anonymous.printed_function is None
        assert anonymous.printed_organisation == "Association Haut-Marnaise pour les Immigrés"
        assert drafted.closing_text == "Personne anonymisée remercie les participants."
        # The signed meeting still names him.
        signed = session.get(Meeting, 1)
        assert any(i.printed_last_name == "DORAFI" for i in signed.invitations)
        assert any("M. Abderrazak DORAFI" in s.text for s in session.scalars(select(Statement)))


def test_an_unsigned_meeting_empties_the_contact_and_signatory_who_was_erased(
    signed_demo_db, open_meetings
):
    with signed_demo_db.transaction() as session:
        erase_person(session, BEGUE, anonymise_signed=False)
    with signed_demo_db.reading() as session:
        drafted = session.get(Meeting, open_meetings[MeetingStatus.MINUTES_DRAFTED])
        assert (drafted.contact_name, drafted.contact_phone, drafted.contact_email) == (
            None,
            None,
            None,
        )
        assert drafted.signatory_name is None
        signed = session.get(Meeting, 1)
        assert signed.contact_email == "mylene.begue@haute-marne.gouv.fr"


def test_notes_and_findings_naming_the_person_are_exported_then_anonymised(signed_demo_db):
    with signed_demo_db.transaction() as session:
        organisation = session.scalars(select(Organisation).order_by(Organisation.id)).first()
        organisation.notes = "Contact : M. Bernard GUY, 06 12 34 56 78."
        finding = session.scalars(select(Finding).order_by(Finding.id)).first()
        finding.text = "Accueil salué par Bernard Guy."
        organisation_id, finding_id = organisation.id, finding.id
    with signed_demo_db.reading() as session:
        places = [m["ou"] for m in person_data(session, GUY)["mentions_dans_les_textes"]]
    assert "notes d'un organisme" in places
    assert any(p.startswith("constat d'audit") for p in places)
    with signed_demo_db.transaction() as session:
        erase_person(session, GUY, anonymise_signed=False)
    with signed_demo_db.reading() as session:
        organisation = session.get(Organisation, organisation_id)
        assert organisation.notes == "Contact : Personne anonymisée, 06 12 34 56 78."
        assert session.get(Finding, finding_id).text == "Accueil salué par Personne anonymisée."


# Hostile input


def test_a_huge_name_with_markup_is_exported_and_erased(signed_demo_db, db_engine, tmp_path):
    name = ("<b>&amp;</b>" * 1000)[:10_000]
    if db_engine == "postgresql":  # the server enforces the column's length: it can't exist
        with pytest.raises(UserError, match="refusé une valeur"), signed_demo_db.transaction() as s:
            s.add(Person(civility="M.", first_name="<i>Jo</i>", last_name=name))
        return
    with before_signature(signed_demo_db) as session:
        # Too long for the forms: it can only come from a bad file or another tool.
        person = Person(civility="M.", first_name="<i>Jo</i>", last_name=name)
        session.add(person)
        session.flush()
        signed = session.get(Meeting, 1)
        invitation = snapshot_invitation(person, 99)
        invitation.status = "present"
        signed.invitations.append(invitation)
        person_id = person.id
    path = tmp_path / "huge.json"
    with signed_demo_db.reading() as session:
        write_person_data(session, person_id, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["identite"]["nom"] == name
    assert data["seances_invite"][0]["presence"] == "présent"
    with signed_demo_db.transaction() as session:
        report = erase_person(session, person_id, anonymise_signed=True)
    assert len(report.message) < 2_000
    assert "<i>Jo</i>" in report.message
    with signed_demo_db.reading() as session:
        signed = session.get(Meeting, 1)
        assert all(i.printed_last_name != name for i in signed.invitations)
        assert session.get(Person, person_id) is None
    assert "Personne anonymisée" in minutes_text(signed_demo_db, tmp_path / "after.pdf")


def test_erasing_an_unknown_person_changes_nothing(signed_demo_db):
    with signed_demo_db.transaction() as session, pytest.raises(UserError, match="Aucune personne"):
        erase_person(session, 999, anonymise_signed=True)
    with signed_demo_db.reading() as session:
        assert len(search_people(session)) == 15
