"""What the participants page does: every change saved at once through ``gui/undo.py``
and replayed through the services on undo and redo; refusals told in French, the editor
back to the saved values."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QFileDialog, QTableView, QWidget

from clu_desktop.domain import AttendanceStatus, Representation
from clu_desktop.errors import ConflictError, UserError
from clu_desktop.gui import messages, undo
from clu_desktop.gui.conflicts import RecordKind, conflict_text
from clu_desktop.gui.participants.editor import AttendanceEditor
from clu_desktop.gui.participants.model import AttendanceModel
from clu_desktop.services.attendance.edit import (
    invite_person,
    restore_invitations,
    withdraw_invitations,
)
from clu_desktop.services.attendance.invitations import invite_standing_members
from clu_desktop.services.attendance.presence import (
    ATTENDANCE_LABELS,
    REPRESENTATION_LABELS,
    STATUS_LABELS,
    AttendanceRow,
    InvitationState,
    get_attendance_row,
    mark_present,
    presence_of,
    restore_invitation_state,
    set_note,
    set_represented,
    set_status,
    set_times,
)
from clu_desktop.services.directory.people import search_people
from clu_desktop.store.database import Database

CSV_FILTER = "Tableur, séparateur point-virgule (*.csv)"


def _now() -> dt.time:
    return dt.datetime.now().time().replace(second=0, microsecond=0)


class ParticipantsCommands:
    """Mixed into ``ParticipantsPage`` (a QWidget), which sets what follows and defines
    ``selected_row``, ``selected_id``, ``reload``, ``refresh`` and the ``changed`` signal."""

    _typing: Counter[str]
    _db: Database
    _meeting_id: int | None
    _stack: QUndoStack | None
    _pushing: bool
    _live: Any
    picker: Any
    model: AttendanceModel
    table: QTableView
    editor: AttendanceEditor

    def _connect_editor(self) -> None:
        self._typing = Counter()
        self._committing = False
        editor = self.editor
        editor.status_chosen.connect(self._on_status_chosen)
        editor.kind_chosen.connect(self._on_kind_chosen)
        editor.deputy_committed.connect(self._on_deputy_committed)
        editor.times_edited.connect(self._on_times_edited)
        editor.note_edited.connect(self._on_note_edited)
        editor.note_left.connect(lambda: self._typing.update(["note"]))

    # Saving

    def _write(self, service: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        with self._db.transaction() as session:
            return service(session, *args, **kwargs)

    def _record(
        self,
        text: str,
        do: Callable[[], object],
        undo_step: Callable[[], object],
        merge_key: Hashable | None = None,
    ) -> tuple[bool, object]:
        """Make and record a change; a refusal is shown and returns (False, None)."""
        self._pushing = True
        try:
            result = undo.record(self._stack, text, do, undo_step, merge_key)
        except ConflictError as exc:  # changed on another workstation: show it as it is
            self._pushing = False
            self.reload(self.selected_id())
            messages.show_error(self, str(exc))
            return False, None
        except UserError as exc:
            self._pushing = False
            self.editor.show_row(self.selected_row())  # back to the saved values
            messages.show_error(self, str(exc))
            return False, None
        self._pushing = False
        self.changed.emit()
        return True, result

    def _change(
        self,
        text: str,
        invitation_id: int,
        work: Callable[[Any, int | None], InvitationState],
        merge_key: Hashable | None = None,
        skip: QWidget | None = None,
        field: str = "status",
        typed: str | None = None,
    ) -> bool:
        """A change of one invitation: ``work(session, seen_version)`` returns the state
        before it, which undo restores; redo runs ``work`` again. Each is checked against
        the version the page shows (a change saved meanwhile elsewhere is refused)."""
        before: list[InvitationState] = []

        def do() -> None:
            try:
                state = self._write(work, self._seen(invitation_id))
            except ConflictError:
                raise ConflictError(self._conflict_text(invitation_id, field, typed)) from None
            if not before:
                before.append(state)

        def undo_step() -> None:
            try:
                self._write(restore_invitation_state, before[0], self._seen(invitation_id))
            except ConflictError:
                raise ConflictError(self._conflict_text(invitation_id, field)) from None

        ok, _ = self._record(text, do, undo_step, merge_key)
        if ok:
            self.refresh(skip)
        return ok

    def _seen(self, invitation_id: int) -> int | None:
        """The version of the invitation the page shows (None: not shown)."""
        position = self.model.row_of(invitation_id)
        row = self.model.row_at(position) if position is not None else None
        return row.version if row is not None else None

    def _conflict_text(self, invitation_id: int, field: str, typed: str | None = None) -> str:
        """What another workstation changed in an invitation since the page showed it."""
        position = self.model.row_of(invitation_id)
        shown = self.model.row_at(position) if position is not None else None
        if shown is None:
            return "Cette invitation a été modifiée sur un autre poste : la page est à jour."
        status = {"status": STATUS_LABELS.get, "representation": REPRESENTATION_LABELS.get}
        kind = RecordKind(presence_of(shown.name), ATTENDANCE_LABELS, get_attendance_row, status)
        return conflict_text(self._read, kind, shown, invitation_id, field, typed)

    def _read(self, service: Callable[..., Any], *args: Any) -> Any:
        with self._db.reading() as session:
            return service(session, *args)

    # The selected row

    def toggle_present(self) -> None:
        """Space: tick the person present now (arrival stamped), or untick them."""
        row = self.selected_row()
        if row is None:
            return
        if row.status is AttendanceStatus.PRESENT:
            self._change(
                f"Dépointer {row.name}",
                row.id,
                lambda s, v: set_status(s, row.id, AttendanceStatus.INVITED, v),
            )
        else:
            at = _now()
            self._change(
                f"Pointer {row.name} présent", row.id, lambda s, v: mark_present(s, row.id, at, v)
            )

    def _on_status_chosen(self, status: AttendanceStatus) -> None:
        row = self.selected_row()
        if row is None or status is row.status:
            return
        if status is AttendanceStatus.REPRESENTED:
            self.editor.ask_kind()  # saved once the user says how and by whom
            return
        self._change(f"Statut de {row.name}", row.id, lambda s, v: set_status(s, row.id, status, v))

    def _on_kind_chosen(self, kind: Representation) -> None:
        """« pouvoir à » or « suppléé par »: a representation already saved changes kind
        when its deputy fits the new one (a proxy goes to someone invited); otherwise
        nothing is saved until the user says by whom."""
        row = self.selected_row()
        if row is None:
            return
        if row.status is not AttendanceStatus.REPRESENTED:
            self.editor.ask_deputy()
            return
        if kind is (row.representation or Representation.SUBSTITUTE):
            return
        invited = {r.person_id for r in self.model.rows() if r.person_id is not None}
        fits = kind is Representation.SUBSTITUTE or (
            row.represented_by_id in invited and row.represented_by_id != row.person_id
        )
        if not fits:
            self.editor.clear_deputy()
            self.editor.ask_deputy()
            return
        self._represent(row, row.represented_by_id, row.represented_by or "", kind)

    def _on_deputy_committed(self, invitation_id: int, text: str) -> None:
        position = self.model.row_of(invitation_id)
        row = self.model.row_at(position) if position is not None else None
        if row is None or self._committing:
            return
        text = text.strip()
        kind = self.editor.kind()
        person_id = self.editor.person_for(text) if text else None
        represented = row.status is AttendanceStatus.REPRESENTED
        unchanged = (
            represented
            and (row.representation or Representation.SUBSTITUTE) is kind
            and (
                (person_id is not None and person_id == row.represented_by_id)
                or (
                    person_id is None
                    and row.represented_by_id is None
                    and text == row.represented_by
                )
            )
        )
        if not text or unchanged:
            if row.id == self.selected_id() and not self.editor.hint.isVisible():
                self.editor.show_row(row)
            return
        self._represent(row, person_id, text, kind)

    def _represent(
        self, row: AttendanceRow, person_id: int | None, text: str, kind: Representation
    ) -> None:
        """Save that ``row`` is represented by ``person_id`` (None: the name ``text``)."""
        self._committing = True
        try:
            if person_id is not None:
                work = lambda s, v: set_represented(  # noqa: E731
                    s, row.id, person_id=person_id, representation=kind, seen_version=v
                )
            else:
                work = lambda s, v: set_represented(  # noqa: E731
                    s, row.id, name=text, representation=kind, seen_version=v
                )
            self._change(
                f"Représentation de {row.name}", row.id, work, field="represented_by", typed=text
            )
        finally:
            self._committing = False

    def _on_times_edited(self, arrived: dt.time | None, left: dt.time | None) -> None:
        row = self.selected_row()
        if row is None or (arrived, left) == (row.arrived_at, row.left_at):
            return
        self._change(
            f"Heures de {row.name}",
            row.id,
            lambda s, v: set_times(s, row.id, arrived, left, v),
            field="arrived_at",
        )

    def _on_note_edited(self, text: str) -> None:
        row = self.selected_row()
        if row is None or (text.strip() or None) == row.note:
            return
        key = ("attendance-note", row.id, self._typing["note"])
        self._change(
            f"Note sur {row.name}",
            row.id,
            lambda s, v: set_note(s, row.id, text, v),
            merge_key=key,
            skip=self.editor.note_edit,
            field="note",
            typed=text,
        )

    # The list

    def invite_standing_members(self) -> None:
        meeting_id = self._meeting_id
        if meeting_id is None:
            return
        try:
            added = self._write(invite_standing_members, meeting_id)
        except UserError as exc:
            messages.show_error(self, str(exc))
            return
        if not added:
            messages.show_info(self, "Tous les membres permanents sont déjà invités.")
            return
        self._record_insertion("Inviter les membres permanents", added)
        self.reload(self.selected_id())

    def invite_person(self) -> None:
        """Open the directory picker; the chosen person is invited at the end."""
        meeting_id = self._meeting_id
        if meeting_id is None:
            return
        from clu_desktop.gui.participants.picker import InvitePersonDialog

        def search(text: str):
            with self._db.reading() as session:
                return search_people(session, text)

        invited = {r.person_id for r in self.model.rows() if r.person_id is not None}
        dialog = InvitePersonDialog(search, invited, self)
        dialog.chosen.connect(lambda person_id: self._invite(meeting_id, person_id))
        dialog.finished.connect(dialog.deleteLater)
        self.picker = dialog
        dialog.open()

    def _invite(self, meeting_id: int, person_id: int) -> None:
        if meeting_id != self._meeting_id:
            return
        try:
            invitation_id = self._write(invite_person, meeting_id, person_id)
        except UserError as exc:
            messages.show_error(self, str(exc))
            return
        self._record_insertion("Inviter une personne", [invitation_id])
        self.reload(invitation_id)
        self.table.setFocus()

    def _record_insertion(self, text: str, ids: list[int]) -> None:
        """Invitations already made: undo withdraws them, redo puts them back as they
        were (same ids, so that later steps still find them)."""
        saved: list = []
        first = [True]

        def do() -> None:
            if first:
                first.clear()
            else:
                self._write(restore_invitations, saved.pop())

        def undo_step() -> None:
            saved.append(self._write(withdraw_invitations, ids))

        self._record(text, do, undo_step)

    def withdraw_invitation(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        position = self.model.row_of(row.id) or 0
        saved: list = []

        def do() -> None:
            saved[:] = [self._write(withdraw_invitations, [row.id])]

        def undo_step() -> None:
            self._write(restore_invitations, saved[0])

        ok, _ = self._record(f"Retirer l'invitation de {row.name}", do, undo_step)
        if ok:
            following = self.model.row_at(position + 1) or self.model.row_at(position - 1)
            self.reload(following.id if following else None)

    # Files and windows

    def export_csv(self) -> None:
        meeting_id = self._meeting_id
        if meeting_id is None:
            return
        from clu_desktop.services.meetings.details import get_meeting_details

        with self._db.reading() as session:
            date = get_meeting_details(session, meeting_id).date
        suggested = str(Path.home() / f"liste-de-presence-{date:%Y-%m-%d}.csv")
        name, _ = QFileDialog.getSaveFileName(
            self, "Exporter la liste de présence", suggested, CSV_FILTER
        )
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() != ".csv":
            path = path.with_name(path.name + ".csv")
        from clu_desktop.services.attendance.export import export_attendance_csv

        try:
            with self._db.reading() as session:
                export_attendance_csv(session, meeting_id, path)
        except UserError as exc:
            messages.show_error(self, str(exc))
            return
        messages.show_info(self, f"Liste de présence enregistrée dans « {path} ».")

    def open_live_mode(self) -> None:
        """The large-type check-in window; the page reads the list again when it closes."""
        if self._meeting_id is None:
            return
        if self._live is not None:
            self._live.raise_()
            self._live.activateWindow()
            return
        try:
            from clu_desktop.gui.live.window import LiveAttendanceWindow
        except ImportError:
            messages.show_error(self, "Le mode séance n'est pas disponible.")
            return
        window = LiveAttendanceWindow(self._db, self._meeting_id, self._stack, self)
        for name in ("closed", "finished"):
            signal = getattr(window, name, None)
            if signal is not None:
                signal.connect(self._live_closed)
        self._live = window
        window.show()

    def _live_closed(self, *_args: object) -> None:
        if self._live is None:
            return
        self._live = None
        self.reload(self.selected_id())
        self.changed.emit()
