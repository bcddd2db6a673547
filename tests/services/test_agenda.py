"""The agenda services: items and sub-items, moves, deletion and its undo, statements,
actions, planned times."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from clu_desktop.domain import (
    Action,
    ActionStatus,
    AgendaItem,
    AttendanceStatus,
    Committee,
    CommitteeMember,
    Meeting,
    Organisation,
    Person,
    Statement,
    StatementKind,
    StatementSpeaker,
    VoteChoice,
    VoteName,
    VoteResult,
)
from clu_desktop.errors import UserError
from clu_desktop.services.agenda.actions import (
    add_action,
    delete_action,
    list_item_actions,
    restore_action,
    set_action_status,
    update_action,
)
from clu_desktop.services.agenda.items import add_item, list_agenda, update_item
from clu_desktop.services.agenda.moves import indent_item, move_item, move_item_to, outdent_item
from clu_desktop.services.agenda.schedule import footer_text, planned_label, schedule
from clu_desktop.services.agenda.snapshots import delete_item, restore_item
from clu_desktop.services.agenda.statements import (
    add_statement,
    delete_statement,
    list_statements,
    move_statement,
    restore_statement,
    set_statement_kind,
    set_statement_speakers,
    set_statement_text,
)
from clu_desktop.services.attendance.invitations import invite_standing_members
from clu_desktop.services.meetings.record import (
    Decision,
    get_decision,
    set_decision,
    set_record_setting,
)


@pytest.fixture
def meeting_id(db):
    with db.transaction() as session:
        amf = Organisation(name="Association des Maires de la Haute-Marne")
        committee = Committee(name="Comité local des usagers")
        for position, (first, last) in enumerate(
            [("Bernard", "Guy"), ("Abderrazak", "Dorafi"), ("Nathalie", "Simon")]
        ):
            person = Person(civility="M.", first_name=first, last_name=last, organisation=amf)
            committee.members.append(CommitteeMember(person=person, position=position))
        meeting = Meeting(
            committee=committee,
            title="CLU",
            date=dt.date(2024, 6, 12),
            start_time=dt.time(14, 30),
            end_time=dt.time(16, 0),
        )
        session.add(meeting)
        session.flush()
        invite_standing_members(session, meeting.id)
        return meeting.id


@pytest.fixture
def people(db, meeting_id):
    with db.reading() as session:
        return {p.last_name: p.id for p in session.scalars(select(Person))}


def titles(db, meeting_id) -> list[str]:
    with db.reading() as session:
        agenda = list_agenda(session, meeting_id)
    return [f"{row.number} {row.title}" for row in agenda.walk()]


def add_three(db, meeting_id) -> list[int]:
    with db.transaction() as session:
        return [add_item(session, meeting_id, t) for t in ("Accueil", "Bilan", "Questions")]


def test_add_three_items_and_reorder(db, meeting_id):
    first, _second, third = add_three(db, meeting_id)
    assert titles(db, meeting_id) == ["1 Accueil", "2 Bilan", "3 Questions"]
    with db.transaction() as session:
        before = move_item(session, third, -1)
    assert (before.parent_id, before.position) == (None, 2)
    assert titles(db, meeting_id) == ["1 Accueil", "2 Questions", "3 Bilan"]
    with db.transaction() as session:
        move_item_to(session, first, None, 2)
    assert titles(db, meeting_id) == ["1 Questions", "2 Bilan", "3 Accueil"]
    with db.transaction() as session:
        add_item(session, meeting_id, "Tour de table", after_id=third)
        with pytest.raises(UserError, match="déjà le premier"):
            move_item(session, third, -1)
    assert titles(db, meeting_id) == ["1 Questions", "2 Tour de table", "3 Bilan", "4 Accueil"]
    with db.reading() as session:
        positions = [row.position for row in list_agenda(session, meeting_id).items]
    assert positions == [0, 1, 2, 3]


def test_indent_and_outdent_keep_two_levels(db, meeting_id):
    first, second, third = add_three(db, meeting_id)
    with db.transaction() as session:
        indent_item(session, second)
        indent_item(session, third)
    assert titles(db, meeting_id) == ["1 Accueil", "1.1 Bilan", "1.2 Questions"]
    with db.transaction() as session:
        with pytest.raises(UserError, match="deux niveaux"):
            indent_item(session, third)
        with pytest.raises(UserError, match="deux niveaux"):
            add_item(session, meeting_id, "Trop profond", parent_id=third)
    with db.transaction() as session:
        sub = add_item(session, meeting_id, parent_id=first)
    assert titles(db, meeting_id)[-1] == "1.3 Nouveau sous-point"
    with db.transaction() as session:
        outdent_item(session, second)
    assert titles(db, meeting_id) == [
        "1 Accueil",
        "1.1 Questions",
        "1.2 Nouveau sous-point",
        "2 Bilan",
    ]
    with db.transaction() as session, pytest.raises(UserError, match="deux niveaux"):
        move_item_to(session, first, sub, 0)  # an item with sub-items cannot go under one


def test_delete_and_restore_give_identical_rows(db, meeting_id, people):
    _first, second, third = add_three(db, meeting_id)
    with db.transaction() as session:
        sub = add_item(session, meeting_id, "Sous-point", parent_id=second)
        update_item(session, second, minutes_text="- un\n  - deux", duration_minutes=20)
        statement = add_statement(session, second, "Texte", [people["Simon"], people["Guy"]])
        add_statement(session, sub, "Dans le sous-point", [people["Dorafi"]])
        action = add_action(session, second, "Relancer le SVI", owner_id=people["Guy"])
        linked = add_action(session, third, "Répondre")
        session.get(Action, linked).statement_id = statement

    def dump():
        with db.reading() as session:
            return (
                [_columns(r) for r in session.scalars(select(AgendaItem).order_by(AgendaItem.id))],
                [_columns(r) for r in session.scalars(select(Statement).order_by(Statement.id))],
                [
                    _columns(r)
                    for r in session.scalars(select(StatementSpeaker).order_by(StatementSpeaker.id))
                ],
                [_columns(r) for r in session.scalars(select(Action).order_by(Action.id))],
            )

    before = dump()
    with db.transaction() as session:
        snapshot = delete_item(session, second)
    assert titles(db, meeting_id) == ["1 Accueil", "2 Questions"]
    with db.reading() as session:
        assert session.get(Action, action).agenda_item_id is None  # the action stays
        assert session.get(Action, linked).statement_id is None
        assert session.scalars(select(Statement)).all() == []
    with db.transaction() as session:
        assert restore_item(session, snapshot) == second
    assert dump() == before
    with db.transaction() as session, pytest.raises(UserError, match="déjà été rétabli"):
        restore_item(session, snapshot)


def test_numbering_follows_the_committee(db, meeting_id):
    _first, second, _third = add_three(db, meeting_id)
    with db.transaction() as session:
        add_item(session, meeting_id, "Sous-point", parent_id=second)
        committee_id = session.get(Meeting, meeting_id).committee_id
        set_record_setting(session, committee_id, "numbering", "roman")
    assert titles(db, meeting_id) == ["I Accueil", "II Bilan", "II.1 Sous-point", "III Questions"]
    with db.transaction() as session:
        set_record_setting(session, committee_id, "numbering", "arabic")
    assert titles(db, meeting_id) == ["1 Accueil", "2 Bilan", "2.1 Sous-point", "3 Questions"]


def test_deleting_an_item_keeps_its_deliberation_for_undo(db, meeting_id, people):
    _first, second, _third = add_three(db, meeting_id)
    with db.transaction() as session:
        sub = add_item(session, meeting_id, "Sous-point", parent_id=second)
        meeting = session.get(Meeting, meeting_id)
        for invitation in meeting.invitations:
            invitation.status = AttendanceStatus.PRESENT
        decision = Decision(
            text="Le comité approuve le bilan.",
            result=VoteResult.VOTE,
            votes_for=2,
            votes_against=1,
            votes_abstaining=0,
            names=((VoteChoice.AGAINST, (people["Simon"],)),),
        )
        set_decision(session, second, decision)
        set_decision(session, sub, Decision(text="Adopté.", result=VoteResult.UNANIMOUS))
    with db.transaction() as session:
        snapshot = delete_item(session, second)
    with db.reading() as session:
        assert session.scalars(select(VoteName)).all() == []
    with db.transaction() as session:
        restore_item(session, snapshot)
    with db.reading() as session:
        assert get_decision(session, second) == decision
        assert get_decision(session, sub) == Decision(text="Adopté.", result=VoteResult.UNANIMOUS)


def _columns(obj) -> dict:
    """What the user sees of a row: the version counter counts the changes, undo too."""
    return {c.key: getattr(obj, c.key) for c in obj.__table__.columns if c.key != "version"}


def test_statements_with_two_speakers_in_order(db, meeting_id, people):
    (item, *_rest) = add_three(db, meeting_id)
    with db.transaction() as session:
        first = add_statement(session, item, "font part de leur étonnement")
        set_statement_speakers(session, first, [people["Simon"], people["Guy"]])
        set_statement_kind(session, first, StatementKind.REMARK)
        second = add_statement(session, item, "<b>rappelle</b> & précise", [people["Dorafi"]])
    with db.reading() as session:
        rows = list_statements(session, item)
    assert rows[0].speakers_label == "M. Nathalie SIMON et M. Bernard GUY"
    assert rows[0].kind_label == "Remarque des usagers"
    assert rows[1].text == "<b>rappelle</b> & précise"  # stored literally
    with db.transaction() as session:
        set_statement_speakers(session, first, [people["Guy"], people["Dorafi"], people["Simon"]])
        move_statement(session, second, -1)
        set_statement_text(session, second, "  précise  ")
    with db.reading() as session:
        rows = list_statements(session, item)
        count = list_agenda(session, meeting_id).items[0].statements_count
    assert [r.id for r in rows] == [second, first]
    assert rows[0].text == "précise"
    assert rows[1].speakers_label == "M. Bernard GUY, M. Abderrazak DORAFI et M. Nathalie SIMON"
    assert count == 2
    with db.transaction() as session:
        snapshot = delete_statement(session, second)
    with db.transaction() as session:
        restore_statement(session, snapshot)
    with db.reading() as session:
        assert [r.id for r in list_statements(session, item)] == [second, first]


def test_actions_of_an_item(db, meeting_id, people):
    (item, *_rest) = add_three(db, meeting_id)
    with db.transaction() as session:
        action = add_action(session, item, "Mettre à jour le SVI", due_date=dt.date(2024, 9, 1))
        update_action(session, action, owner="Service des étrangers")
    with db.reading() as session:
        (row,) = list_item_actions(session, item)
    assert (row.owner_label, row.status_label) == ("Service des étrangers", "À faire")
    with db.transaction() as session:
        update_action(session, action, owner=people["Guy"])
        set_action_status(session, action, ActionStatus.DONE, dt.date(2024, 8, 30))
    with db.reading() as session:
        (row,) = list_item_actions(session, item)
    assert (row.owner_label, row.owner_name) == ("M. Bernard GUY", None)
    assert (row.status_label, row.done_date) == ("Fait", dt.date(2024, 8, 30))
    with db.transaction() as session:
        set_action_status(session, action, ActionStatus.IN_PROGRESS)
        snapshot = delete_action(session, action)
    with db.transaction() as session:
        assert list_item_actions(session, item) == []
        restore_action(session, snapshot)
    with db.reading() as session:
        (row,) = list_item_actions(session, item)
    assert (row.id, row.status_label, row.done_date) == (action, "En cours", None)


def test_validation_errors_are_french_and_change_nothing(db, meeting_id):
    (item, *_rest) = add_three(db, meeting_id)
    with db.transaction() as session:
        with pytest.raises(UserError, match="« Intitulé » est trop long : 301 caractères"):
            update_item(session, item, title="x" * 301)
        with pytest.raises(UserError, match="« Intitulé » ne peut pas être vide"):
            update_item(session, item, title="   ")
        with pytest.raises(UserError, match="entre 0 et 1440 minutes"):
            update_item(session, item, duration_minutes=1441)
        with pytest.raises(UserError, match="Texte du compte-rendu"):
            update_item(session, item, minutes_text="x" * 200_001)
        with pytest.raises(UserError, match="n'est pas plausible"):
            add_action(session, item, "x", due_date=dt.date(223, 1, 1))
        with pytest.raises(UserError, match="n'existe plus"):
            update_item(session, 9999, title="Ailleurs")
    long_text = "- " + "é" * 199_990
    with db.transaction() as session:
        row = update_item(session, item, title="<b>Accueil</b> & café", minutes_text=long_text)
    assert row.title == "<b>Accueil</b> & café"
    assert row.minutes_text == long_text


def test_minutes_text_keeps_its_layout(db, meeting_id):
    (item, *_rest) = add_three(db, meeting_id)
    text = "Intro\r\n\r\n- un\r\n  - deux\n\n"
    with db.transaction() as session:
        row = update_item(session, item, minutes_text=text)
    assert row.minutes_text == "Intro\n\n- un\n  - deux"


def test_planned_times_from_the_start_time(db, meeting_id):
    first, second, third = add_three(db, meeting_id)
    with db.transaction() as session:
        update_item(session, first, duration_minutes=15)
        sub = add_item(session, meeting_id, "Détail", parent_id=second)
        update_item(session, sub, duration_minutes=45)
        update_item(session, third, duration_minutes=60)
    with db.reading() as session:
        agenda = list_agenda(session, meeting_id)
    slots = schedule(agenda)
    assert [planned_label(agenda, slots[i]) for i in (first, second, sub, third)] == [
        "14h30–14h45",
        "14h45–15h30",
        "14h45–15h30",
        "15h30–16h30",
    ]
    assert footer_text(agenda) == (
        "Durée prévue\u00a0: 2 h 00 — fin prévue à 16h30, après la fin de la séance (16h00)"
    )


def test_an_item_without_duration_leaves_the_next_starts_unknown(db, meeting_id):
    first, second, third = add_three(db, meeting_id)
    with db.transaction() as session:
        update_item(session, first, duration_minutes=20)
        update_item(session, third, duration_minutes=10)
    with db.reading() as session:
        agenda = list_agenda(session, meeting_id)
    slots = schedule(agenda)
    assert [planned_label(agenda, slots[i]) for i in (first, second, third)] == [
        "14h30–14h50",
        "14h50",
        "",
    ]
    assert footer_text(agenda) == "Durée prévue\u00a0: 30 min, sans compter 1 point sans durée"


def test_demo_agenda(demo_db):
    with demo_db.reading() as session:
        agenda = list_agenda(session, 1)
    assert agenda.start_time == dt.time(14, 30)
    assert len(agenda.items) == 8
    assert [item.position for item in agenda.items] == list(range(8))
    news = next(item for item in agenda.items if item.title == "Nouveautés")
    assert [(c.number, c.title, c.position) for c in news.children] == [
        ("6.1", "au niveau local", 0),
        ("6.2", "au niveau national", 1),
    ]
    assert all(row.duration_minutes is None for row in agenda.walk())
    improvements = next(i for i in agenda.items if i.title == "Amélioration des services existants")
    assert improvements.statements_count == 4
    with demo_db.reading() as session:
        assert len(list_item_actions(session, improvements.id)) == 4
    assert footer_text(agenda).startswith("Durée prévue\u00a0: non renseignée")
