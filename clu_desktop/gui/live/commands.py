"""The changes the live window makes, each committed in its own transaction and recorded
on the meeting's undo stack, so the main window's Undo sees them too."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QUndoCommand, QUndoStack

from clu_desktop.domain import AttendanceStatus
from clu_desktop.gui import undo
from clu_desktop.names import upper_surname
from clu_desktop.services.attendance import (
    AttendanceRow,
    InvitationState,
    mark_present,
    mark_unanswered_absent,
    restore_invitation_state,
    restore_invitation_states,
    set_status,
)
from clu_desktop.services.attendance_walk_in import (
    DirectoryMatch,
    WalkInAdded,
    WalkInName,
    add_walk_in,
    invite_and_tick,
    remove_walk_in,
    restore_walk_in,
)
from clu_desktop.services.directory_common import Snapshot
from clu_desktop.store.database import Database

#: Set on the undo commands of ticks: Ctrl+Z in the live window undoes only those.
TICK_MARK = "live_attendance_tick"


def _is_tick(command: QUndoCommand | None) -> bool:
    return command is not None and bool(getattr(command, TICK_MARK, False))


class LiveCommands:
    def __init__(self, db: Database, meeting_id: int, stack: QUndoStack) -> None:
        self.db, self.meeting_id, self.stack = db, meeting_id, stack

    def tick(self, row: AttendanceRow, at: dt.time) -> int:
        """Tick ``row`` present, arrived at ``at``; returns its invitation's id.

        A UserError (the invitation was removed meanwhile) propagates: nothing changed.
        """
        before: dict[str, InvitationState] = {}

        def do() -> None:
            with self.db.transaction() as session:
                before["state"] = mark_present(session, row.id, at)

        def back() -> None:
            with self.db.transaction() as session:
                restore_invitation_state(session, before["state"])

        self._record(f"Pointage de {row.name}", do, back)
        return row.id

    def invite_and_tick(self, person: DirectoryMatch, at: dt.time) -> int:
        """Invite ``person`` of the directory and tick them present at ``at`` (one undo
        step); returns the invitation's id. Undo withdraws the invitation, never the
        person; redo puts it back under the same id."""
        added: dict[str, WalkInAdded] = {}

        def first() -> WalkInAdded:
            with self.db.transaction() as session:
                invitation_id = invite_and_tick(session, self.meeting_id, person.person_id, at)
            return WalkInAdded(invitation_id, person.person_id, created_person=False)

        self._record_addition(f"Invitation et pointage de {person.name}", first, added)
        return added["done"].invitation_id

    def add_walk_in(self, name: WalkInName, at: dt.time) -> WalkInAdded:
        """Add someone nobody knows to the directory, invite and tick them at ``at`` (one
        undo step); returns what was added. Undo takes back the invitation and the
        person (and organisation) created for it; redo puts the same rows back."""
        added: dict[str, WalkInAdded] = {}

        def first() -> WalkInAdded:
            with self.db.transaction() as session:
                return add_walk_in(session, self.meeting_id, name, at)

        label = " ".join(p for p in (name.first_name, upper_surname(name.last_name.strip())) if p)
        text = f"Ajout de {label} (venu(e) sans invitation)"
        self._record_addition(text, first, added)
        return added["done"]

    def _record_addition(self, text: str, first, added: dict) -> None:
        """Record an addition whose redo restores exactly what its undo took back."""
        removed: dict[str, Snapshot] = {}

        def do() -> None:
            if "snapshot" not in removed:
                added["done"] = first()
                return
            with self.db.transaction() as session:
                restore_walk_in(session, removed["snapshot"])
            del removed["snapshot"]  # back: the next undo takes a new one

        def back() -> None:
            with self.db.transaction() as session:
                removed["snapshot"] = remove_walk_in(session, added["done"])

        self._record(text, do, back)

    def mark_unanswered_absent(self) -> int:
        """Mark everyone still without an answer absent: one transaction, one undo step
        (not a tick: the window's Ctrl+Z leaves it). Returns how many were marked."""
        with self.db.transaction() as session:
            before = mark_unanswered_absent(session, self.meeting_id)
        if not before:
            return 0
        ids = [state.invitation_id for state in before]

        def again() -> None:
            with self.db.transaction() as session:
                for invitation_id in ids:
                    set_status(session, invitation_id, AttendanceStatus.ABSENT)

        def back() -> None:
            with self.db.transaction() as session:
                restore_invitation_states(session, before)

        if len(ids) == 1:
            text = "Marquer absente la personne non pointée"
        else:
            text = f"Marquer absentes les {len(ids)} personnes non pointées"
        self.stack.push(undo.Edit(text, again, back))  # already done: pushed, not redone
        return len(ids)

    def _record(self, text: str, do, back) -> None:
        undo.record(self.stack, text, do, back)
        command = self.stack.command(self.stack.index() - 1)
        if command is not None:
            setattr(command, TICK_MARK, True)

    # Undo and redo, of ticks only

    def can_undo(self) -> bool:
        index = self.stack.index()
        return index > 0 and _is_tick(self.stack.command(index - 1))

    def can_redo(self) -> bool:
        index = self.stack.index()
        return index < self.stack.count() and _is_tick(self.stack.command(index))

    def undo(self) -> str | None:
        """Undo the last step if it is a tick; returns its text (None: nothing undone)."""
        if not self.can_undo():
            return None
        text = self.stack.undoText()
        self.stack.undo()
        return text

    def redo(self) -> str | None:
        if not self.can_redo():
            return None
        text = self.stack.redoText()
        self.stack.redo()
        return text
