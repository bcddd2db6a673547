"""The complete official record on paper: a council built through the services, with
proxies, a substitute, excused, absent and unanswered members, two secretaries, presenters
named as rapporteurs, roman numbering, decisions by unanimity and by vote with names, and a
quorum. Every name is found in its group, every count, presenter and decision in the
``pdftotext`` output of the minutes; the convocation and the sign-in sheet say the same."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from reportlab.platypus import KeepTogether, Paragraph, Table

from clu_desktop.documents.convocation import convocation_story
from clu_desktop.documents.minutes import minutes_story
from clu_desktop.documents.sign_in_sheet import SheetEnd, sign_in_sheet_story
from clu_desktop.domain import AttendanceStatus, Representation, VoteChoice, VoteResult
from clu_desktop.names import upper_surname
from clu_desktop.services.agenda.items import add_item, update_item
from clu_desktop.services.attendance.edit import invite_person
from clu_desktop.services.attendance.presence import mark_present, set_represented, set_status
from clu_desktop.services.directory.committees import add_committee
from clu_desktop.services.directory.organisations import add_organisation
from clu_desktop.services.directory.people import add_person
from clu_desktop.services.documents.export import (
    export_agenda,
    export_minutes,
    export_sign_in_sheet,
)
from clu_desktop.services.documents.snapshot import meeting_snapshot
from clu_desktop.services.meetings import record
from clu_desktop.services.meetings.details import update_meeting
from clu_desktop.services.meetings.listing import create_meeting

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext comes from poppler-utils"
)

NBSP = "\u00a0"
DAY = dt.date(2018, 6, 5)  # a Tuesday
CONVOCATION_DAY = dt.date(2018, 5, 22)
PUBLICATION_DAY = dt.date(2018, 6, 12)

# last name as typed, first name, civility, organisation, function, answer
PEOPLE = {
    "chair": ("Présidente", "Claire", "Mme", "Préfecture", "Secrétaire générale", "present"),
    "cotrel": ("Cotrel-Lassausaye", "Jean", "M.", "Mairie de Langres", "Maire", "present"),
    "lesquen": ("de Lesquen", "Philippe", "M.", "Association Familles", "Président", "present"),
    "martin": ("Martin", "Anne", "Mme", "UFC Que Choisir", "Présidente", "present"),
    "roux": ("Roux", "Julie", "Mme", "Préfecture", "Attachée", "present"),
    "durand": ("Durand", "Paul", "M.", "CCAS de Chaumont", "Directeur", "proxy"),
    "petit": ("Petit", "Lise", "Mme", "Mairie de Saint-Dizier", "Adjointe", "substitute"),
    "blanc": ("Blanc", "Luc", "M.", "Caisse d'allocations familiales", "Directeur", "excused"),
    "noir": ("Noir", "Éva", "Mme", "Pôle emploi", None, "absent"),
    "vert": ("Vert", "Hugo", "M.", "Mission locale", "Conseiller", "invited"),
}


def text_of(pdf: Path) -> str:
    args = ["pdftotext", "-layout", str(pdf), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def flat(text: str) -> str:
    """One line, every space (no-break ones too) as one, apostrophes as typed."""
    return " ".join(text.replace(NBSP, " ").replace("\u2019", "'").split())


def between(text: str, start: str, end: str) -> str:
    return text[text.index(start) : text.index(end, text.index(start))]


@pytest.fixture
def council(db):
    """The meeting of a council; returns (database, meeting id, ids by key)."""
    with db.transaction() as s:
        committee = add_committee(s, "Conseil départemental de l'accès aux droits", acronym="CDAD")
        for field, value in (
            ("votes", True),
            ("quorum", "1/3"),
            ("members_in_office", 12),
            ("presenter_style", "rapporteur"),
            ("numbering", "roman"),
        ):
            record.set_record_setting(s, committee, field, value)
        meeting = create_meeting(s, committee, DAY)
        ids, invitations = {}, {}
        organisations: dict[str, int] = {}
        for key, (last, first, civility, org, function, _) in PEOPLE.items():
            if org not in organisations:
                organisations[org] = add_organisation(s, org)
            ids[key] = add_person(
                s,
                last,
                civility=civility,
                first_name=first,
                function=function,
                organisation_id=organisations[org],
            )
            invitations[key] = invite_person(s, meeting, ids[key])
        for field, value in (
            ("title", "Conseil départemental de l'accès aux droits"),
            ("start_time", dt.time(9, 30)),
            ("place", "Salle des délibérations"),
            ("chair_id", ids["chair"]),
            ("convocation_date", CONVOCATION_DAY),
            ("publication_date", PUBLICATION_DAY),
        ):
            update_meeting(s, meeting, field, value)
        for key, (*_, answer) in PEOPLE.items():
            invitation = invitations[key]
            if answer == "present":
                mark_present(s, invitation, dt.time(9, 30))
            elif answer == "proxy":
                set_represented(
                    s, invitation, person_id=ids["martin"], representation=Representation.PROXY
                )
            elif answer == "substitute":
                set_represented(s, invitation, name="M. Marc SUPPLÉANT")
            elif answer != "invited":
                set_status(s, invitation, AttendanceStatus(answer))
        record.set_secretaries(s, meeting, [ids["lesquen"], ids["roux"]])

        minutes = add_item(s, meeting, "Approbation du procès-verbal")
        update_item(s, minutes, presenter_id=ids["martin"])
        record.set_decision(
            s,
            minutes,
            record.Decision(
                text="Le procès-verbal de la séance du 6 mars 2018 est approuvé.",
                result=VoteResult.UNANIMOUS,
            ),
        )
        budget = add_item(s, meeting, "Budget 2019")
        update_item(s, budget, minutes_text="Le budget est présenté section par section.")
        record.set_decision(
            s,
            budget,
            record.Decision(
                text="Le budget 2019 est adopté.",
                result=VoteResult.VOTE,
                votes_for=4,
                votes_against=2,
                votes_abstaining=0,
                names=((VoteChoice.AGAINST, (ids["cotrel"], ids["lesquen"])),),
            ),
        )
        section = add_item(s, meeting, "Section de fonctionnement", parent_id=budget)
        update_item(s, section, presenter_id=ids["cotrel"], minutes_text="Dépenses stables.")
        motion = add_item(s, meeting, "Motion sur les permanences")
        record.set_decision(
            s,
            motion,
            record.Decision(
                result=VoteResult.VOTE, votes_for=1, votes_against=3, votes_abstaining=2
            ),
        )
    return db, meeting, ids


def test_the_minutes_print_the_whole_record(council, tmp_path):
    db, meeting, _ = council
    pdf = tmp_path / "cr.pdf"
    with db.reading() as s:
        export_minutes(s, meeting, pdf)
    raw = text_of(pdf)
    text = flat(raw)
    participants = between(text, "Participants", "Ordre du jour")

    assert "Présidence : Mme Claire PRÉSIDENTE, Secrétaire générale" in participants
    assert "Secrétaires de séance : M. Philippe de LESQUEN et Mme Julie ROUX" in participants
    # Each group under its heading, agreed in number and gender, in this order.
    groups = ["Présents", "Absent excusé", "Représentés", "Absents"]
    positions = [participants.index(f" {label} ") for label in groups]
    assert positions == sorted(positions)
    present = between(participants, "Présents", "Absent excusé")
    for name in ("COTREL-LASSAUSAYE", "de LESQUEN", "Anne MARTIN", "Julie ROUX"):
        assert name in present
    assert "Mairie de Langres M. Jean COTREL-LASSAUSAYE, Maire" in present
    excused = between(participants, "Absent excusé", "Représentés")
    # Outside the table, the organisation stays with the name.
    assert "M. Luc BLANC (Caisse d'allocations familiales), Directeur" in excused
    represented = between(participants, "Représentés", "Absents")
    assert (
        "M. Paul DURAND (CCAS de Chaumont), Directeur, a donné pouvoir à Mme Anne MARTIN"
        in represented
    )
    assert (
        "Mme Lise PETIT (Mairie de Saint-Dizier), Adjointe, représentée par M. Marc SUPPLÉANT "
        "(suppléant)" in represented
    )
    absent = participants[participants.index(" Absents ") :]
    # The member without an answer is among the absent: nobody is dropped.
    assert "Mme Éva NOIR (Pôle emploi)" in absent
    assert "M. Hugo VERT (Mission locale), Conseiller" in absent
    # Every invited person printed once in the groups (the chair as « Présidence »).
    groups_text = between(participants, " Présents ", "Membres en exercice")
    for key, (last, first, civility, *_) in PEOPLE.items():
        printed = re.escape(f"{civility} {first} {upper_surname(last)}")
        found = re.findall(rf"{printed}(?=,| \()", groups_text)  # not a holder's mention
        assert len(found) == (0 if key == "chair" else 1), printed

    assert "Membres en exercice : 12" in participants
    assert "Présents : 5 — Excusés : 1 — Représentés : 2 — Absents : 2" in participants
    assert "Pouvoirs : 1 — Votants : 6" in participants
    assert "Le quorum (5) étant atteint, la séance est ouverte." in participants
    assert "Date de convocation : 22 mai 2018" in participants

    # Roman numbering, the same in the ordre du jour and the headings.
    agenda = between(text, "Ordre du jour", "I. Approbation du procès-verbal :")
    assert "I. Approbation du procès-verbal II. Budget 2019 III. Motion sur les permanences" in (
        agenda
    )
    first = between(text, "I. Approbation du procès-verbal :", "II. Budget 2019 :")
    assert "Rapporteur : Mme Anne MARTIN" in first
    assert "Le procès-verbal de la séance du 6 mars 2018 est approuvé. Adopté à l'unanimité." in (
        first
    )
    second = between(text, "II. Budget 2019 :", "III. Motion")
    # The sub-item, then the decision that closes the item.
    assert (
        "II.1. Section de fonctionnement : Rapporteur : M. Jean COTREL-LASSAUSAYE "
        "Dépenses stables. Le budget 2019 est adopté. Pour : 4 — Contre : 2 — Abstentions : 0 "
        "Contre : M. Jean COTREL-LASSAUSAYE, M. Philippe de LESQUEN Adopté à la majorité."
    ) in second
    third = text[text.index("III. Motion sur les permanences :") :]
    assert "Pour : 1 — Contre : 3 — Abstentions : 2 Rejeté." in third
    assert "Affiché / publié le 12 juin 2018" in text


def test_a_committee_that_does_not_print_counts_prints_none(council, tmp_path):
    db, meeting, _ = council
    with db.transaction() as s:
        committee = record.meeting_record(s, meeting).settings.committee_id
        record.set_record_setting(s, committee, "print_counts", False)
        record.set_record_setting(s, committee, "quorum", None)
    pdf = tmp_path / "cr.pdf"
    with db.reading() as s:
        export_minutes(s, meeting, pdf)
    text = flat(text_of(pdf))
    for count in ("Présents :", "Excusés :", "Pouvoirs :", "Votants :", "Membres en exercice"):
        assert count not in text
    assert "quorum" not in text
    # The groups themselves are still all there.
    assert "Absent excusé M. Luc BLANC" in text and "Mme Éva NOIR" in text


def test_the_quorum_not_reached_is_said(council, tmp_path):
    db, meeting, _ = council
    with db.transaction() as s:
        committee = record.meeting_record(s, meeting).settings.committee_id
        record.set_record_setting(s, committee, "quorum", "1/2")  # 12 / 2 + 1 = 7
    pdf = tmp_path / "cr.pdf"
    with db.reading() as s:
        export_minutes(s, meeting, pdf)
    text = flat(text_of(pdf))
    assert "Le quorum (7) n'étant pas atteint, la séance ne peut valablement délibérer." in text


def test_the_convocation_bears_its_convocation_date_numbers_and_rapporteurs(council, tmp_path):
    db, meeting, _ = council
    pdf = tmp_path / "convocation.pdf"
    with db.reading() as s:
        export_agenda(s, meeting, pdf)
    text = flat(text_of(pdf))
    assert text.startswith("Le 22 mai 2018 CONVOCATION")  # not today's date
    agenda = between(text, "Ordre du jour", "Personnes invitées")
    assert "I. Approbation du procès-verbal Rapporteur : Mme Anne MARTIN" in agenda
    assert "II. Budget 2019 II.1. Section de fonctionnement" in agenda
    assert "Rapporteur : M. Jean COTREL-LASSAUSAYE" in agenda
    assert "III. Motion sur les permanences" in agenda


def test_the_sign_in_sheet_keeps_names_whole_and_marks_proxies(council, tmp_path):
    db, meeting, _ = council
    pdf = tmp_path / "emargement.pdf"
    with db.reading() as s:
        export_sign_in_sheet(s, meeting, pdf)
    raw = text_of(pdf)
    lines = [" ".join(line.replace(NBSP, " ").split()) for line in raw.splitlines()]
    # Never cut inside a word, and the particle as typed.
    assert any("COTREL-LASSAUSAYE" in line for line in lines)
    assert any("de LESQUEN" in line for line in lines)
    assert "DE LESQUEN" not in raw
    text = flat(raw)
    # The note tops the signature box: the holder signs for both.
    assert "pouvoir à Mme Anne MARTIN M. DURAND Paul CCAS de Chaumont Directeur" in text
    assert "excusé" in between(text, "BLANC", "NOIR")
    # The counts box for the chair, pouvoirs included: this council votes.
    assert text.index("Nombre de présents :") < text.index("Nombre de pouvoirs :")
    assert text.index("Nombre de pouvoirs :") < text.index("Signature de la présidente de séance")


MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
#: A date whose words a line could break apart: a plain space inside it.
BREAKABLE_DATE = re.compile(
    rf"\b(?:\d{{1,2}}|1er) (?:{MONTHS})\b|\b(?:{MONTHS}) \d{{4}}\b"
    r"|\b(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) (?:\d|1er)",
    re.IGNORECASE,
)


def paragraph_texts(flowables) -> list[str]:
    """The markup of every paragraph of a story, in tables and kept blocks too."""
    texts = []
    for flowable in flowables:
        if isinstance(flowable, Paragraph):
            texts.append(flowable.text)
        elif isinstance(flowable, list | tuple):
            texts += paragraph_texts(flowable)
        elif isinstance(flowable, KeepTogether):
            texts += paragraph_texts(flowable._content)
        elif isinstance(flowable, Table):
            texts += paragraph_texts(cell for row in flowable._cellvalues for cell in row)
        elif isinstance(flowable, SheetEnd):
            texts += paragraph_texts(flowable.parts)
    return texts


def test_no_date_can_break_across_lines_in_any_document(council):
    """reportlab draws a no-break space as a space (pdftotext cannot tell them apart): the
    paragraphs the documents hand it are read instead."""
    db, meeting, _ = council
    with db.reading() as s:
        snapshot = meeting_snapshot(s, meeting)
    for build in (minutes_story, convocation_story, sign_in_sheet_story):
        texts = paragraph_texts(build(snapshot).flowables)
        dated = [t for t in texts if re.search(rf"\b(?:{MONTHS})\b", t, re.IGNORECASE)]
        assert dated, build.__name__
        breakable = [t for t in texts if BREAKABLE_DATE.search(t)]
        assert not breakable, (build.__name__, breakable)
