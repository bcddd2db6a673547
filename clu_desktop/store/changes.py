"""What a committed transaction wrote: the tables, told to whoever subscribed.

The services write; the views show lists (people, organisations, committees) that must
follow every write, wherever it was made (the directory window, a walk-in at the door,
an import, an undo). Rather than each service remembering to say so, two listeners on
every session of the application (see ``Database.for_engine``) note the tables written:

- ``after_flush`` for the objects the unit of work inserted, changed or deleted;
- ``do_orm_execute`` for the INSERT, UPDATE and DELETE statements run directly
  (undoing a deletion, merging directory records).

Once the transaction is committed, :class:`Changes` calls each subscriber with the set
of table names; a rolled-back transaction tells nothing. No Qt here: the GUI bridges
this to one Qt signal (``gui/data_signals.py``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from sqlalchemy import Table, event, inspect
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction, sessionmaker

log = logging.getLogger(__name__)

#: The tables of the directory: every person, organisation or committee picker shows them.
DIRECTORY_TABLES = frozenset({"person", "organisation", "committee", "committee_member"})

_WRITTEN_KEY = "clu.written_tables"

Subscriber = Callable[[frozenset[str]], None]


class Changes:
    """A small publish/subscribe: ``subscribe(callback)``, and ``notify(tables)`` calls
    every callback with the names of the tables a committed transaction wrote."""

    def __init__(self) -> None:
        self._subscribers: list[Subscriber] = []

    def subscribe(self, callback: Subscriber) -> Callable[[], None]:
        """Call ``callback(tables)`` after each commit; returns what unsubscribes."""
        self._subscribers.append(callback)
        return lambda: self.unsubscribe(callback)

    def unsubscribe(self, callback: Subscriber) -> None:
        if callback in self._subscribers:
            self._subscribers.remove(callback)

    def notify(self, tables: Iterable[str]) -> None:
        written = frozenset(tables)
        if not written:
            return
        for callback in list(self._subscribers):
            try:
                callback(written)
            except Exception:  # a view's failure must not undo a saved change
                log.exception("a subscriber to the database changes failed")


#: What a meeting's people pickers (presenter, speakers, owners) show: the directory,
#: who is invited, and the chair.
MEETING_PEOPLE_TABLES = DIRECTORY_TABLES | {"invitation", "meeting"}


def touches_directory(tables: Iterable[str]) -> bool:
    """People, organisations, committees or standing members were written."""
    return not DIRECTORY_TABLES.isdisjoint(tables)


def touches_meeting_people(tables: Iterable[str]) -> bool:
    """The directory, the invitations or a meeting (its chair) were written."""
    return not MEETING_PEOPLE_TABLES.isdisjoint(tables)


def _written(session: Session) -> set[str]:
    written: set[str] = session.info.setdefault(_WRITTEN_KEY, set())
    return written


def _table_name(obj: object) -> str | None:
    table = getattr(inspect(obj).mapper, "local_table", None)
    return getattr(table, "name", None)


def _after_flush(session: Session, _context: UOWTransaction) -> None:
    written = _written(session)
    for obj in (*session.new, *session.deleted):
        if (name := _table_name(obj)) is not None:
            written.add(name)
    for obj in session.dirty:
        modified = session.is_modified(obj, include_collections=False)
        if modified and (name := _table_name(obj)) is not None:
            written.add(name)


def _do_orm_execute(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        table = getattr(state.statement, "table", None)
        if isinstance(table, Table):
            _written(state.session).add(table.name)


def install(sessions: sessionmaker[Session], changes: Changes) -> None:
    """Tell ``changes`` what each committed transaction of ``sessions`` wrote."""

    def after_commit(session: Session) -> None:
        changes.notify(session.info.pop(_WRITTEN_KEY, ()))

    def after_rollback(session: Session) -> None:
        session.info.pop(_WRITTEN_KEY, None)

    event.listen(sessions, "after_flush", _after_flush)
    event.listen(sessions, "do_orm_execute", _do_orm_execute)
    event.listen(sessions, "after_commit", after_commit)
    event.listen(sessions, "after_rollback", after_rollback)
