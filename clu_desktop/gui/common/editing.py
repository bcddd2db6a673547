"""The edit context the pages share: the database, the meeting's undo stack, saving an
edit through ``gui/undo.py`` (adding, deleting, one field), a UserError shown in French;
``RecordsContext`` for the records that are not per meeting (quality, indicators)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Hashable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from clu_desktop.errors import UserError
from clu_desktop.gui import messages, undo
from clu_desktop.gui.conflicts import RecordKind, seen_version, telling_changes
from clu_desktop.store.database import Database


class EditContext(QObject):
    """The meeting being edited, and how its panels read and save."""

    #: After an edit this page made and saved (not after undo or redo).
    saved = Signal()

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.meeting_id: int | None = None
        self.stack: QUndoStack | None = None
        self.pushing = False  # the stack changes because of our own edit

    def follow(
        self, meeting_id: int | None, stack: QUndoStack | None, moved: Callable[[int], object]
    ) -> None:
        """Edit ``meeting_id`` on ``stack`` (None: none); ``moved`` hears that stack move
        (an edit, undo, redo), no longer the previous one."""
        if self.stack is not None:
            with contextlib.suppress(RuntimeError, TypeError):  # a stack deleted meanwhile
                self.stack.indexChanged.disconnect(moved)
        self.meeting_id, self.stack = meeting_id, stack
        if stack is not None:
            stack.indexChanged.connect(moved)

    def read(self, service: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        with self.db.reading() as session:
            return service(session, *args, **kwargs)

    def write(self, service: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        with self.db.transaction() as session:
            return service(session, *args, **kwargs)

    def write_seen(
        self,
        kind: RecordKind,
        shown: Any,
        service: Callable[..., Any],
        record_id: int,
        *args: Any,
        field: str | None = None,
        typed: Any = None,
    ) -> Any:
        """``service(session, record_id, *args, seen_version)`` at the version of the row
        the page shows (``shown``; no check when it shows another record): a record
        changed meanwhile on another workstation raises a ConflictError saying what
        changed there, which change (``field``) was not saved and the text ``typed``."""
        with telling_changes(self.read, kind, shown, record_id, field, typed):
            return self.write(service, record_id, *args, seen_version(shown, record_id))

    def record(
        self,
        text: str,
        do: Callable[[], object],
        undo_step: Callable[[], object],
        merge_key: Hashable | None = None,
        widget: QWidget | None = None,
    ) -> tuple[bool, object]:
        """Make and record an edit; show a UserError and return (False, None)."""
        self.pushing = True
        try:
            result = undo.record(self.stack, text, do, undo_step, merge_key)
        except UserError as exc:
            messages.show_error(widget, str(exc))
            return False, None
        finally:
            self.pushing = False
        self.saved.emit()
        return True, result

    def insert(
        self,
        text: str,
        add: Callable[[], int],
        delete: Callable[..., object],
        restore: Callable[..., int],
        widget: QWidget | None = None,
    ) -> tuple[bool, int | None]:
        """Record an insertion: ``add()`` writes and returns the new id; undo deletes it
        with ``delete(session, id)`` (which returns a snapshot) and redo restores that
        snapshot with ``restore(session, snapshot)``, under the same id."""
        state: dict[str, Any] = {}

        def do() -> int:
            if "snapshot" in state:
                return self.write(restore, state.pop("snapshot"))
            state["id"] = add()
            return state["id"]

        def undo_step() -> None:
            state["snapshot"] = self.write(delete, state["id"])

        return self.record(text, do, undo_step, widget=widget)  # type: ignore[return-value]

    def remove(
        self,
        text: str,
        record_id: int,
        delete: Callable[..., object],
        restore: Callable[..., object],
        widget: QWidget | None = None,
    ) -> bool:
        """Record a deletion that undo restores from its snapshot."""
        state: dict[str, Any] = {}

        def do() -> None:
            state["snapshot"] = self.write(delete, record_id)

        def undo_step() -> None:
            self.write(restore, state["snapshot"])

        return self.record(text, do, undo_step, widget=widget)[0]

    def field(
        self,
        text: str,
        apply: Callable[[object], object],
        old: object,
        new: object,
        merge_key: Hashable | None = None,
        widget: QWidget | None = None,
    ) -> bool:
        """Save one value (``apply(new)``); undo applies ``old``."""
        ok, _ = self.record(text, lambda: apply(new), lambda: apply(old), merge_key, widget)
        return ok


class RecordsContext(EditContext):
    """A context for records that are not per meeting (quality, indicators):
    ``meeting_id`` is only the meeting shown, whose stack receives the edits.

    A record that undo deleted and redo added again (without a snapshot to restore)
    comes back under a new id: ``alias`` notes it, ``live`` gives the id of now."""

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(db, parent)
        self._aliases: dict[tuple[str, int], int] = {}

    def alias(self, kind: str, old_id: int, new_id: int) -> None:
        if old_id != new_id:
            self._aliases[(kind, old_id)] = new_id

    def live(self, kind: str, record_id: int) -> int:
        seen: set[int] = set()
        while (kind, record_id) in self._aliases and record_id not in seen:
            seen.add(record_id)
            record_id = self._aliases[(kind, record_id)]
        return record_id
