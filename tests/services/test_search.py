"""Search across the years: accents, every kind of text, kept up to date, hostile queries.

Runs on SQLite (FTS5) and on PostgreSQL (full-text search, French, unaccent).
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from clu_desktop.domain import AgendaItem, Invitation, Meeting
from clu_desktop.errors import UserError
from clu_desktop.services.agenda.actions import add_action
from clu_desktop.services.agenda.items import add_item, update_item
from clu_desktop.services.agenda.statements import add_statement, set_statement_text
from clu_desktop.services.meetings.details import update_meeting
from clu_desktop.services.meetings.listing import create_meeting, delete_meeting
from clu_desktop.services.search import TOO_SHORT, search_meetings


def search(db, text: str) -> list:
    with db.reading() as session:
        return search_meetings(session, text)


def marked(hit) -> list[str]:
    return [piece for piece, is_match in hit.excerpt if is_match]


@pytest.fixture
def two_meetings(db):
    """Two meetings of different years with an item each."""
    with db.transaction() as session:
        old = create_meeting(session, date=dt.date(2005, 3, 1))
        new = create_meeting(session, date=dt.date(2024, 6, 1))
        old_item = add_item(session, old, "Accueil des usagers en préfecture")
        new_item = add_item(session, new, "Titres sécurisés")
    return {"old": old, "new": new, "old_item": old_item, "new_item": new_item}


def test_a_person_is_found_without_accents_with_the_excerpt(demo_db):
    (hit,) = search(demo_db, "begue")
    assert hit.meeting_id == 1
    assert hit.date == dt.date(2023, 12, 20)
    assert "Mylène" in hit.excerpt_text
    assert [word.upper().replace("É", "E") for word in marked(hit)] == ["BEGUE"]


def test_accented_text_keeps_its_accents_in_the_excerpt(db, two_meetings):
    (hit,) = search(db, "securises")
    assert hit.excerpt_text == "Titres sécurisés"
    assert marked(hit) == ["sécurisés"]


def test_the_beginning_of_a_word_and_any_case_finds_it(demo_db):
    assert [h.meeting_id for h in search(demo_db, "BÉGU")] == [1]
    assert [h.meeting_id for h in search(demo_db, "bÉgUe")] == [1]


def test_each_kind_of_text_is_found_and_says_where(db, two_meetings):
    ids = two_meetings
    with db.transaction() as session:
        update_meeting(session, ids["old"], "title", "Séance extraordinaire Zéphyrin")
        update_item(session, ids["old_item"], minutes_text="Le guichet Quetzalcoatl ferme.")
        statement = add_statement(session, ids["new_item"], "Question sur Xylophène")
        add_action(session, ids["new_item"], "Relancer Wolfgangia", owner_name="Mme Ondine")
        session.add(
            Invitation(
                meeting_id=ids["new"],
                printed_civility="M.",
                printed_first_name="Anatole",
                printed_last_name="Vélocipède",
                printed_organisation="Association Brontosaure",
            )
        )
    with db.transaction() as session:
        set_statement_text(session, statement, "Question sur Xylophène, et réponse")
    expectations = {
        "zephyrin": (ids["old"], "Séance"),
        "quetzalcoatl": (ids["old"], "Ordre du jour"),
        "accueil usagers": (ids["old"], "Ordre du jour"),
        "xylophene": (ids["new"], "Intervention"),
        "wolfgangia": (ids["new"], "Action"),
        "ondine": (ids["new"], "Action"),
        "velocipede": (ids["new"], "Participants"),
        "brontosaure": (ids["new"], "Participants"),
    }
    for query, (meeting_id, where) in expectations.items():
        (hit,) = search(db, query)
        assert hit.meeting_id == meeting_id, query
        assert hit.where.startswith(where), (query, hit.where)
        assert marked(hit), query


def test_words_with_digits_or_hyphens_are_found_without_accents(db, two_meetings):
    with db.transaction() as session:
        update_item(
            session,
            two_meetings["new_item"],
            minutes_text="Mme BÉGUÉ2 : bilan Été-2024, qual-e-pref, audit du 23/06/22",
        )
    for query in (
        "begue2",
        "BEGU",
        "ete-2024",
        "été 2024",
        "qual-e-pref",
        "QUAL E PREF",
        "23/06/22",
        "audit 06",
    ):
        assert [h.meeting_id for h in search(db, query)] == [two_meetings["new"]], query


def test_every_word_must_be_in_the_meeting_not_in_the_same_text(db, two_meetings):
    ids = two_meetings
    with db.transaction() as session:
        update_item(session, ids["new_item"], minutes_text="Le passeport biométrique")
        add_statement(session, ids["new_item"], "Délais de rendez-vous")
    assert [h.meeting_id for h in search(db, "passeport délais")] == [ids["new"]]
    assert search(db, "passeport accueil") == []


def test_results_are_newest_first_with_committee_and_title(db, two_meetings):
    ids = two_meetings
    hits = search(db, "comité local")  # the default title of both
    assert [h.meeting_id for h in hits] == [ids["new"], ids["old"]]
    assert hits[0].committee == "Comité local des usagers"
    assert hits[0].title == "Comité local des usagers (CLU)"


def test_an_edit_is_found_once_saved_and_the_old_text_no_longer(db, two_meetings):
    ids = two_meetings
    assert search(db, "mandragore") == []
    with db.transaction() as session:
        update_item(session, ids["new_item"], title="Mandragore et cerfeuil")
    assert [h.meeting_id for h in search(db, "mandragore")] == [ids["new"]]
    with db.transaction() as session:
        update_item(session, ids["new_item"], title="Cerfeuil seul")
    assert search(db, "mandragore") == []
    assert [h.meeting_id for h in search(db, "cerfeuil")] == [ids["new"]]


def test_a_deleted_meeting_disappears_with_all_its_texts(db, two_meetings):
    ids = two_meetings
    with db.transaction() as session:
        add_statement(session, ids["old_item"], "Remarque sur Ornithorynque")
        add_action(session, ids["old_item"], "Étudier Ornithorynque")
    assert [h.meeting_id for h in search(db, "ornithorynque")] == [ids["old"]]
    with db.transaction() as session:
        delete_meeting(session, ids["old"])
    assert search(db, "ornithorynque") == []
    assert search(db, "accueil") == []
    with db.transaction() as session:  # and the index keeps no entry of it
        assert (
            session.scalars(select(AgendaItem).where(AgendaItem.meeting_id == ids["old"])).all()
            == []
        )


def test_a_rolled_back_edit_is_not_found(db, two_meetings):
    class Stop(Exception):
        pass

    with pytest.raises(Stop), db.transaction() as session:
        update_item(session, two_meetings["new_item"], title="Hippocampe")
        raise Stop
    assert search(db, "hippocampe") == []


@pytest.mark.parametrize("query", ["", "   ", "a", "l'", "- * ?", '"', "é"])
def test_a_query_without_a_word_of_two_letters_is_refused_in_french(db, query):
    with pytest.raises(UserError) as error:
        search(db, query)
    assert str(error.value) == TOO_SHORT


HOSTILE = [
    '"',
    "AND (",
    "*",
    "accueil AND (",
    "AND ( OR NOT",
    "acc* OR titres",
    "NEAR(accueil titres)",
    "body:accueil",
    "meeting_id:1",
    "accueil & | ! titres:*",
    "'; DROP TABLE meeting; --",
    "accueil\x00usagers",
    "\ue000accueil\ue001",
    "x" * 5000,
    "accueil " * 200,
    "é" * 3 + "€" * 3,
]


@pytest.mark.parametrize("query", HOSTILE)
def test_query_syntax_typed_by_the_user_never_fails(db, two_meetings, query):
    """Quotes, operators, columns and stars are not syntax: the words alone are searched
    (a query without any word gets the French message)."""
    try:
        hits = search(db, query)
    except UserError as error:
        assert str(error) == TOO_SHORT
    else:
        assert all(h.meeting_id in two_meetings.values() for h in hits)
    with db.reading() as session:
        assert session.get(Meeting, two_meetings["old"]) is not None


@pytest.mark.parametrize(
    "query",
    [
        '"accueil',
        'accueil"',
        "accueil*",
        "(accueil)",
        "{accueil}",
        "^accueil",
        "-accueil",
        "+accueil",
        "accueil:*",
        "\\accueil\\",
        "accueil'",
        "accueil & | !",
        "« accueil »",
    ],
)
def test_signs_around_a_word_find_the_word(db, two_meetings, query):
    assert [h.meeting_id for h in search(db, query)] == [two_meetings["old"]]


def test_french_stop_words_alone_find_nothing_and_do_not_fail(db, two_meetings):
    # PostgreSQL drops them from the query; SQLite searches them as words.
    hits = search(db, "des en")
    assert all(isinstance(h.meeting_id, int) for h in hits)
    assert [h.meeting_id for h in search(db, "accueil des usagers")] == [two_meetings["old"]]


def test_the_limit_keeps_the_newest(db):
    with db.transaction() as session:
        ids = [create_meeting(session, date=dt.date(2000 + i, 1, 1)) for i in range(5)]
    hits = None
    with db.reading() as session:
        hits = search_meetings(session, "usagers", limit=2)
    assert [h.meeting_id for h in hits] == [ids[4], ids[3]]


def test_the_migration_indexes_the_meetings_already_there(demo_db):
    from alembic import command

    from clu_desktop.store.migrate import alembic_config, migration_connection

    with migration_connection(demo_db.engine) as connection:
        command.downgrade(alembic_config(connection), "0004")
    with migration_connection(demo_db.engine) as connection:
        command.upgrade(alembic_config(connection), "head")
    (hit,) = search(demo_db, "begue")
    assert hit.meeting_id == 1


SOURCE_TABLES = ("meeting", "agenda_item", "statement", "action", "invitation")


def test_every_source_table_keeps_its_search_triggers_at_head(db, db_engine):
    """A later revision rebuilding one of these tables (SQLite's batch mode) would drop
    its triggers, and the search would silently stop following it."""
    with db.engine.connect() as connection:
        if db_engine == "postgresql":
            found = set(
                connection.exec_driver_sql(
                    "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"
                ).scalars()
            )
            expected = {f"{table}_search" for table in SOURCE_TABLES}
        else:
            found = set(
                connection.exec_driver_sql(
                    "SELECT name FROM sqlite_master WHERE type = 'trigger'"
                ).scalars()
            )
            expected = {
                f"{table}_search_{event}"
                for table in SOURCE_TABLES
                for event in ("insert", "update", "delete")
            } | {"meeting_search_purge"}
    assert expected <= found


def test_an_erased_person_is_no_longer_found(demo_db):
    from clu_desktop.domain import Person
    from clu_desktop.services.personal.erasure import erase_person

    with demo_db.reading() as session:
        (person_id,) = session.scalars(select(Person.id).where(Person.last_name == "BÉGUÉ"))
    assert search(demo_db, "begue")
    with demo_db.transaction() as session:
        erase_person(session, person_id, anonymise_signed=False)
    assert search(demo_db, "begue") == []
    assert search(demo_db, "mylene") == []
