"""The changes the live window makes, each committed in its own transaction and recorded
on the meeting's undo stack, so the main window's Undo sees them too."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand, QUndoStack

from clu_desktop.domain import AttendanceStatus
from clu_desktop.gui import undo
from clu_desktop.gui.conflicts import RecordKind, telling_changes
from clu_desktop.names import upper_surname
from clu_desktop.services.attendance.presence import (
    ATTENDANCE_LABELS,
    REPRESENTATION_LABELS,
    STATUS_LABELS,
    AttendanceRow,
    InvitationState,
    get_attendance_row,
    invitation_versions,
    mark_present,
    mark_unanswered_absent,
    presence_of,
    restore_invitation_state,
    restore_invitation_states,
    set_status,
)
from clu_desktop.services.attendance.walk_in import (
    DirectoryMatch,
    WalkInAdded,
    WalkInName,
    add_walk_in,
    invite_and_tick,
    remove_walk_in,
    restore_walk_in,
)
from clu_desktop.services.directory.common import Snapshot
from clu_desktop.store.database import Database

#: Set on the undo commands of ticks: Ctrl+Z in the live window undoes only those.
TICK_MARK = "live_attendance_tick"


def _is_tick(command: QUndoCommand | None) -> bool:
    return command is not None and bool(getattr(command, TICK_MARK, False))


class LiveCommands:
    """``shown(invitation_id)``: the row the window shows (None: not shown), whose
    version each change passes: an invitation changed meanwhile on another workstation
    (ticked, excused, a departure noted) is refused with a ConflictError saying what
    changed there."""

    def __init__(
        self,
        db: Database,
        meeting_id: int,
        stack: QUndoStack,
        shown: Callable[[int], AttendanceRow | None] = lambda _id: None,
    ) -> None:
        self.db, self.meeting_id, self.stack, self.shown = db, meeting_id, stack, shown

    def _read(self, service: Callable[..., Any], *args: Any) -> Any:
        with self.db.reading() as session:
            return service(session, *args)

    def _checked(self, invitation_id: int, name: str, service, *args) -> Any:
        """``service(session, *args, seen_version)`` in a transaction, at the version of
        the invitation shown."""
        shown = self.shown(invitation_id)
        kind = RecordKind(
            presence_of(shown.name if shown is not None else name),
            ATTENDANCE_LABELS,
            get_attendance_row,
            {"status": STATUS_LABELS.get, "representation": REPRESENTATION_LABELS.get},
            page="la fenêtre",
        )
        seen = shown.version if shown is not None else None
        with (
            telling_changes(self._read, kind, shown, invitation_id, "arrived_at"),
            self.db.transaction() as session,
        ):
            return service(session, *args, seen)

    def tick(self, row: AttendanceRow, at: dt.time) -> int:
        """Tick ``row`` present, arrived at ``at``; returns its invitation's id.

        A UserError (the invitation was removed, or changed on another workstation,
        meanwhile) propagates: nothing changed.
        """
        before: dict[str, InvitationState] = {}

        def do() -> None:
            state = self._checked(row.id, row.name, mark_present, row.id, at)
            before.setdefault("state", state)

        def back() -> None:
            self._checked(row.id, row.name, restore_invitation_state, before["state"])

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
            done: WalkInAdded = added["done"]
            removed["snapshot"] = self._checked(done.invitation_id, "", remove_walk_in, done)

        self._record(text, do, back)

    def mark_unanswered_absent(self) -> int:
        """Mark everyone still without an answer absent: one transaction, one undo step
        (not a tick: the window's Ctrl+Z leaves it). Returns how many were marked."""
        with self.db.transaction() as session:
            before = mark_unanswered_absent(session, self.meeting_id)
        if not before:
            return 0
        ids = [state.invitation_id for state in before]
        # The versions after each step: undo and redo are refused over a change made
        # meanwhile on another workstation (a late arrival ticked elsewhere).
        versions = self._read(invitation_versions, ids)

        def again() -> None:
            with self.db.transaction() as session:
                for invitation_id in ids:
                    seen = versions.get(invitation_id)
                    set_status(session, invitation_id, AttendanceStatus.ABSENT, seen)
            versions.update(self._read(invitation_versions, ids))

        def back() -> None:
            with self.db.transaction() as session:
                restore_invitation_states(session, before, versions)
            versions.update(self._read(invitation_versions, ids))

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
