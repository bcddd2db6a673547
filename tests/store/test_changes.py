"""Each committed transaction tells the subscribers which tables it wrote, whatever
service wrote them (the unit of work or a statement run directly); a rollback tells
nothing."""

from __future__ import annotations

import pytest

from clu_desktop.errors import UserError
from clu_desktop.services.directory import committees as directory_committees
from clu_desktop.services.directory import common as directory_common
from clu_desktop.services.directory import organisations as directory_organisations
from clu_desktop.services.directory import people as directory_people
from clu_desktop.store.changes import touches_directory


@pytest.fixture
def told(db):
    heard: list[frozenset[str]] = []
    unsubscribe = db.changes.subscribe(heard.append)
    yield heard
    unsubscribe()


def test_a_person_added_is_told_once_committed(db, told):
    with db.transaction() as session:
        directory_people.add_person(session, "Bégué", first_name="Mylène")
        assert told == []  # not before the commit
    assert told == [frozenset({"person"})]
    assert touches_directory(told[0])


def test_a_rename_and_an_undo_by_statements_are_told(db, told):
    with db.transaction() as session:
        org_id = directory_organisations.add_organisation(session, "Association des maires")
        person_id = directory_people.add_person(session, "Guy", organisation_id=org_id)
    with db.transaction() as session:
        directory_organisations.set_organisation_field(
            session, org_id, "name", "Association des maires de France"
        )
    assert told[-1] == frozenset({"organisation"})
    with db.transaction() as session:
        snapshot = directory_people.delete_person(session, person_id)
    with db.transaction() as session:
        directory_common.restore_snapshot(
            session, snapshot
        )  # INSERT statements, not the unit of work
    assert "person" in told[-1]


def test_nothing_is_told_for_a_rollback_or_a_read(db, told):
    with pytest.raises(UserError), db.transaction() as session:
        directory_people.add_person(session, "Simon")
        raise UserError("refusé")
    with db.reading() as session:
        directory_people.search_people(session, "")
    with db.transaction() as session:
        directory_people.search_people(session, "")
    assert told == []
    with db.transaction() as session:
        directory_committees.add_committee(session, "Comité départemental")
    assert told == [frozenset({"committee"})]


def test_a_failing_subscriber_does_not_undo_the_change(db, told):
    def broken(_tables):
        raise RuntimeError("a view failed")

    db.changes.subscribe(broken)
    with db.transaction() as session:
        person_id = directory_people.add_person(session, "Maria")
    with db.reading() as session:
        assert directory_people.get_person(session, person_id).last_name == "Maria"
    assert told == [frozenset({"person"})]
