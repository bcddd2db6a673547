"""The follow-up from meeting to meeting: actions done since the last meeting, actions
under way, answered and waiting remarks, and the "Suivi des actions" minutes item."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from clu_desktop.domain import ActionStatus, Committee, Person
from clu_desktop.errors import UserError
from clu_desktop.services.agenda.items import list_agenda
from clu_desktop.services.meetings.listing import create_meeting, duplicate_as_next
from clu_desktop.services.quality import actions as quality_actions
from clu_desktop.services.quality import remarks as quality_remarks
from clu_desktop.services.quality.followup import (
    FOLLOWUP_TITLE,
    NOTHING_TEXT,
    add_followup_item,
    followup_content,
)

SVI = "reconfiguration du SVI déployé en mars 2022 (déclinaison d'une arborescence simplifiée)"
HOURS = (
    "M. Bernard GUY et M. Abderrazak DORAFI font part de leur étonnement quant à la "
    "fermeture de la préfecture à 16h30, horaire inadapté pour les personnes en activité."
)


@pytest.fixture
def next_meeting(demo_db):
    """The meeting after December 2023, prepared from it."""
    with demo_db.transaction() as s:
        return duplicate_as_next(s, 1)


def _svi(session):
    return next(a for a in quality_actions.list_actions(session) if a.text == SVI)


def _hours(session):
    return next(r for r in quality_remarks.list_remarks(session) if r.text == HOURS)


def test_next_meeting_follows_the_open_action_and_the_waiting_remarks(demo_db, next_meeting):
    with demo_db.reading() as s:
        content = followup_content(s, next_meeting)
    assert [a.text for a in content.open_actions] == [SVI]
    assert content.open_actions[0].when_label == "à venir"
    assert content.done_since_last == ()  # nothing was done after 20/12/2023
    assert content.answered_remarks == ()
    assert [r.speakers_label for r in content.open_remarks] == [
        "M. Bernard GUY et M. Abderrazak DORAFI",
        "M. Abderrazak DORAFI et M. Guillaume THIRARD",
    ]
    assert (content.previous_meeting_id, content.previous_meeting_date) == (
        1,
        dt.date(2023, 12, 20),
    )


def test_an_action_done_since_the_last_meeting_is_reported(demo_db, next_meeting):
    with demo_db.transaction() as s:
        quality_actions.set_plan_action_status(
            s, _svi(s).id, ActionStatus.DONE, dt.date(2024, 3, 15)
        )
    with demo_db.reading() as s:
        content = followup_content(s, next_meeting)
    assert content.open_actions == ()
    assert [(a.text, a.done_date) for a in content.done_since_last] == [(SVI, dt.date(2024, 3, 15))]


def test_an_answered_remark_is_reported(demo_db, next_meeting):
    with demo_db.transaction() as s:
        quality_remarks.answer_remark(s, _hours(s).id, "Ouverture jusqu'à 17h30 le jeudi.")
    with demo_db.reading() as s:
        content = followup_content(s, next_meeting)
        waiting = quality_remarks.list_remarks(s, open_only=True)
    (answered,) = content.answered_remarks
    assert (answered.text, answered.answer_text) == (HOURS, "Ouverture jusqu'à 17h30 le jeudi.")
    assert answered.answered_on == dt.date.today()
    assert [r.id for r in content.open_remarks] == [r.id for r in waiting]
    assert HOURS not in [r.text for r in content.open_remarks]


def test_the_december_meeting_itself_reports_what_was_done_before_it(demo_db):
    with demo_db.reading() as s:
        content = followup_content(s, 1)
    assert content.previous_meeting_id is None
    assert [a.done_date for a in content.done_since_last] == [
        dt.date(2023, 5, 1),
        dt.date(2023, 5, 1),
        dt.date(2023, 11, 30),
    ]
    assert content.open_remarks == ()  # its remarks are its own, not earlier ones


def test_add_followup_item_writes_the_minutes(demo_db, next_meeting):
    with demo_db.transaction() as s:
        svi = _svi(s)
        guy = s.scalars(select(Person).where(Person.last_name == "GUY")).one()
        quality_actions.set_plan_action_status(s, svi.id, ActionStatus.DONE, dt.date(2024, 3, 15))
        open_id = quality_actions.add_plan_action(
            s,
            "affichage des horaires\nsur la porte",
            owner_id=guy.id,
            due_date=dt.date(2025, 12, 31),
        )
        quality_actions.add_plan_action(s, "préparer la labellisation Quali-ATE", owner_name="SRU")
        quality_actions.add_plan_action(s, "étendre l'accueil", due_date=dt.date(2025, 6, 30))
        quality_actions.update_plan_action(s, open_id, "when_label", "fin 2025")
        quality_remarks.answer_remark(
            s, _hours(s).id, "Ouverture jusqu'à 17h30 le jeudi.\n- Accueil sur RDV"
        )
        item_id = add_followup_item(s, next_meeting)
    with demo_db.reading() as s:
        agenda = list_agenda(s, next_meeting)
    titles = [item.title for item in agenda.items]
    assert titles[-2:] == [FOLLOWUP_TITLE, "Questions diverses"]
    item = agenda.find(item_id)
    assert item.number == "8"
    assert item.minutes_text == (
        "Actions réalisées depuis la dernière séance :\n"
        "\n"
        f"- mars 2024 : {SVI}\n"
        "\n"
        "Actions en cours :\n"
        "\n"
        "- étendre l'accueil (échéance : 30/06/2025)\n"
        "- affichage des horaires sur la porte (responsable : M. Bernard GUY, "
        "échéance : 31/12/2025)\n"
        "- préparer la labellisation Quali-ATE (responsable : SRU)\n"
        "\n"
        "Vous nous l'avez demandé, voici ce que nous avons fait :\n"
        "\n"
        f"- {HOURS}\n"
        "  - Ouverture jusqu'à 17h30 le jeudi.\n"
        "  - Accueil sur RDV\n"
        "\n"
        "Remarques en attente de réponse :\n"
        "\n"
        "- M. Abderrazak DORAFI fait part des excellentes relations qu'il entretient avec le "
        "bureau des migrations et de l'intégration (BMI) même si des marges de progrès "
        "subsistent. En effet, la barrière de la langue se révèle un obstacle pour un usager "
        "qui souhaiterait prendre un rendez-vous en ligne avec ce bureau. Pour pallier cette "
        "problématique, M. le Secrétaire Général sensibilise le BMI à travailler en étroite "
        "collaboration avec le SRU afin d'orienter les usagers vers le PAN."
    )


def test_a_second_followup_item_is_refused(demo_db, next_meeting):
    with demo_db.transaction() as s:
        add_followup_item(s, next_meeting)
    with demo_db.transaction() as s, pytest.raises(UserError, match="déjà un point « Suivi"):
        add_followup_item(s, next_meeting)
    with demo_db.reading() as s:
        titles = [item.title for item in list_agenda(s, next_meeting).items]
    assert titles.count(FOLLOWUP_TITLE) == 1


def test_the_followup_of_the_december_meeting_prints_like_its_minutes(demo_db):
    with demo_db.transaction() as s:
        item_id = add_followup_item(s, 1)
        text = list_agenda(s, 1).find(item_id).minutes_text
    assert text.startswith(
        "Actions réalisées depuis la dernière séance :\n"
        "\n"
        "- mai 2023 : installation du PAN dans un box fermé (optimisation des conditions "
        "d'accueil de l'utilisateur : confidentialité, confort)\n"
        "- mai 2023 : refonte du site internet www.haute-marne.gouv.fr"
    )
    assert "- fin novembre 2023 : RDV préfecture (évolution" in text
    assert text.endswith(f"Actions en cours :\n\n- {SVI} (échéance : à venir)")


def test_answers_reported_once_are_not_repeated(demo_db, next_meeting):
    with demo_db.transaction() as s:
        quality_remarks.answer_remark(s, _hours(s).id, "Ouverture le jeudi.", dt.date(2024, 1, 10))
        third = duplicate_as_next(s, next_meeting)
    with demo_db.reading() as s:
        assert [r.text for r in followup_content(s, next_meeting).answered_remarks] == [HOURS]
        later = followup_content(s, third)
    assert later.previous_meeting_id == next_meeting
    assert later.answered_remarks == ()
    assert [a.text for a in later.open_actions] == [SVI]


def test_other_committees_and_empty_meetings(demo_db):
    with demo_db.transaction() as s:
        other = Committee(name="Comité des usagers étrangers")
        s.add(other)
        s.flush()
        elsewhere = create_meeting(s, other.id, dt.date(2024, 2, 1))
        quality_actions.add_plan_action(s, "décision d'un autre comité", meeting_id=elsewhere)
        lonely = create_meeting(s, other.id, dt.date(2024, 9, 1))
        content = followup_content(s, lonely)
        item_id = add_followup_item(s, lonely)
        (item,) = list_agenda(s, lonely).items
    assert [a.text for a in content.open_actions] == ["décision d'un autre comité"]
    assert content.open_remarks == ()  # the CLU's remarks are not this committee's
    assert item.id == item_id and item.title == FOLLOWUP_TITLE
    assert item.minutes_text == "Actions en cours :\n\n- décision d'un autre comité"


def test_a_new_database_gets_an_explicit_empty_followup(db):
    with db.transaction() as s:
        meeting_id = create_meeting(s, date=dt.date(2024, 1, 15))
        item_id = add_followup_item(s, meeting_id)
        assert list_agenda(s, meeting_id).find(item_id).minutes_text == NOTHING_TEXT
