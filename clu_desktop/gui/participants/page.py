"""The "Participants" page: who is invited, their answers before the meeting, who came
and when after it. The counts, the quorum and the points to check stay above the table;
the selected person's attendance is edited under it. Every change is saved at once and
undoable on the meeting's stack."""

from __future__ import annotations

import contextlib
import itertools

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clu_desktop.domain import Representation
from clu_desktop.errors import UserError
from clu_desktop.gui import colours
from clu_desktop.gui.columns import ColumnFitter
from clu_desktop.gui.common.layout import rows_view
from clu_desktop.gui.data_signals import data_signals
from clu_desktop.gui.live.texts import quorum_text
from clu_desktop.gui.participants import counts
from clu_desktop.gui.participants.commands import ParticipantsCommands
from clu_desktop.gui.participants.editor import AttendanceEditor
from clu_desktop.gui.participants.model import (
    DEPUTY,
    FUNCTION,
    NAME,
    NOTE,
    ORGANISATION,
    AttendanceModel,
)
from clu_desktop.gui.undo import UndoKeys
from clu_desktop.services.attendance.presence import AttendanceRow, list_attendance
from clu_desktop.services.directory.people import search_people
from clu_desktop.services.meetings.record import MeetingRecord, meeting_record
from clu_desktop.store.changes import touches_directory
from clu_desktop.store.database import Database

NO_MEETING_TEXT = "Aucune séance sélectionnée. Choisissez une séance pour voir ses participants."
NOBODY_TEXT = (
    "Personne n'est encore invité à cette séance : « Inviter les membres permanents » "
    "reprend les membres du comité."
)
WARNINGS_TITLE = "À vérifier avant la signature\u00a0:"
QUORUM_TONES = {True: colours.SUCCESS, False: colours.ERROR}


class AttendanceTable(QTableView):
    """Espace pointe ou dépointe la personne; Inser invite, Suppr retire l'invitation;
    Entrée va au statut."""

    toggle_requested = Signal()
    insert_requested = Signal()
    delete_requested = Signal()
    edit_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        signal = {
            Qt.Key.Key_Space: self.toggle_requested,
            Qt.Key.Key_Insert: self.insert_requested,
            Qt.Key.Key_Delete: self.delete_requested,
            Qt.Key.Key_Return: self.edit_requested,
            Qt.Key.Key_Enter: self.edit_requested,
        }.get(Qt.Key(event.key()))
        if signal is not None and event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        ):
            signal.emit()
            return
        super().keyPressEvent(event)


class ParticipantsPage(ParticipantsCommands, QWidget):
    """``show_meeting(meeting_id, stack)`` shows a meeting's participants (None: none)."""

    #: After any saved edit, undo or redo.
    changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("participantsPage")
        self.setAccessibleName("Participants")
        self._db = db
        self._meeting_id: int | None = None
        self._stack: QUndoStack | None = None
        self._pushing = False
        self._stale = False
        self._live = None
        data_signals(db).changed.connect(self._data_changed)
        self.picker = None  # the open "Inviter une personne" dialog
        self.record: MeetingRecord | None = None  # as the counts show it

        self.counts_label = self._label("participantsCounts", "Nombre de participants")
        font = self.counts_label.font()
        font.setBold(True)
        self.counts_label.setFont(font)
        self.counts_label.setWordWrap(True)  # on two lines in a narrow window
        self.record_label = self._label(
            "participantsRecordCounts", "Pouvoirs, votants et membres en exercice"
        )
        self.record_label.setWordWrap(True)
        self.quorum_label = self._label("participantsQuorum", "Quorum")
        self.quorum_label.setFont(font)
        self.quorum_label.setWordWrap(True)
        self.warnings = self._build_warnings()
        self.model = AttendanceModel(self)
        self.table = self._build_table()
        self.editor = AttendanceEditor()
        self.empty_label = self._label("participantsEmpty", "Information")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setMargin(24)

        self.invite_button = self._button(
            "Inviter les &membres permanents",
            "inviteStandingMembers",
            "Inviter les membres permanents du comité qui ne le sont pas encore",
        )
        self.invite_person_button = self._button(
            "Inviter une personne…", "invitePerson", "Inviter une personne de l'annuaire (Inser)"
        )
        self.withdraw_button = self._button(
            "Retirer l'invitation", "withdrawInvitation", "Retirer la personne de la liste (Suppr)"
        )
        self.export_button = self._button(
            "E&xporter la liste (CSV)…",
            "exportAttendance",
            "Enregistrer la liste de présence pour un tableur",
        )
        self.live_button = self._button(
            "Séance en cours…",
            "openLiveAttendance",
            "Pointer les arrivées en grands caractères pendant la séance (F11 ou Ctrl+L)",
        )
        self.live_action = QAction("Séance en cours…", self)
        self.live_action.setObjectName("liveAttendanceAction")
        self.live_action.setShortcuts([QKeySequence("F11"), QKeySequence("Ctrl+L")])
        self.live_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.live_action.triggered.connect(self.open_live_mode)
        self.addAction(self.live_action)

        self.invite_button.clicked.connect(self.invite_standing_members)
        self.invite_person_button.clicked.connect(self.invite_person)
        self.withdraw_button.clicked.connect(self.withdraw_invitation)
        self.export_button.clicked.connect(self.export_csv)
        self.live_button.clicked.connect(self.open_live_mode)
        self.table.toggle_requested.connect(self.toggle_present)
        self.table.insert_requested.connect(self.invite_person)
        self.table.delete_requested.connect(self.withdraw_invitation)
        self.table.edit_requested.connect(lambda: self.editor.status_combo.setFocus())
        self._connect_editor()

        figures = QVBoxLayout()
        figures.setSpacing(2)
        for label in (self.counts_label, self.record_label, self.quorum_label):
            figures.addWidget(label)
        top = QHBoxLayout()
        top.addLayout(figures, 1)
        top.addWidget(self.live_button, 0, Qt.AlignmentFlag.AlignTop)
        # The counts, the quorum and the warnings come and go with each change: the room
        # they take follows them, but never the page's least size (its window's size
        # constraints stay put).
        self.header = QWidget()
        self.header.setObjectName("participantsHeader")
        header = QVBoxLayout(self.header)
        header.setContentsMargins(0, 0, 0, 0)
        header.addLayout(top)
        header.addWidget(self.warnings)
        self.header.setMinimumSize(
            self.live_button.sizeHint().width(), self.live_button.sizeHint().height()
        )
        buttons = QHBoxLayout()
        for button in (self.invite_button, self.invite_person_button, self.withdraw_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        heading = QLabel("&Liste des invités\u00a0:")
        heading.setBuddy(self.table)
        above_table = QHBoxLayout()
        above_table.addWidget(heading, 1, Qt.AlignmentFlag.AlignBottom)
        above_table.addWidget(self.export_button)
        self.tables = QStackedWidget()
        self.tables.setObjectName("participantsTables")
        self.tables.addWidget(self.table)
        self.tables.addWidget(self.empty_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.header)
        layout.addLayout(buttons)
        layout.addLayout(above_table)
        layout.addWidget(self.tables, 1)
        layout.addWidget(self.editor)

        order = [
            self.live_button,
            self.invite_button,
            self.invite_person_button,
            self.withdraw_button,
            self.export_button,
            self.table,
            *self.editor.editors(),
        ]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)
        self.undo_keys = UndoKeys(lambda: self._stack, self)
        self.undo_keys.watch(self, children=True)
        self.show_meeting(None, None)
        # Settle the size constraints before a native window exists: showing the page
        # alone then leaves them unchanged (the offscreen platform warns when they change).
        self.ensurePolished()
        layout.activate()

    # Building

    @staticmethod
    def _label(object_name: str, accessible: str) -> QLabel:
        label = QLabel()
        label.setObjectName(object_name)
        label.setAccessibleName(accessible)
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label

    @staticmethod
    def _button(text: str, object_name: str, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(object_name)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.setToolTip(tip)
        return button

    def _build_warnings(self) -> QFrame:
        """The consistency warnings of the record: shown, never in the way of typing."""
        frame = QFrame()
        frame.setObjectName("participantsWarnings")
        frame.setAccessibleName("Points à vérifier")
        frame.setFrameShape(QFrame.Shape.Box)
        colours.tint(frame, colours.WARNING_PANEL)
        title = QLabel(WARNINGS_TITLE)
        title.setTextFormat(Qt.TextFormat.PlainText)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        self.warnings_label = self._label("participantsWarningLines", "Points à vérifier")
        self.warnings_label.setWordWrap(True)
        self.warnings_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box = QVBoxLayout(frame)
        box.setContentsMargins(8, 4, 8, 4)
        box.setSpacing(2)
        box.addWidget(title)
        box.addWidget(self.warnings_label)
        frame.hide()
        return frame

    def _build_table(self) -> AttendanceTable:
        table = AttendanceTable()
        table.setObjectName("attendanceTable")
        table.setAccessibleName("Personnes invitées")
        table.setAccessibleDescription(
            "Espace : pointer présent ou non ; Inser : inviter ; Suppr : retirer ; "
            "Entrée : modifier le statut"
        )
        rows_view(table, self.model)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        rows = table.verticalHeader()
        rows.hide()
        rows.setMinimumSectionSize(table.fontMetrics().height() + 6)
        rows.setDefaultSectionSize(table.fontMetrics().height() + 10)
        table.horizontalHeader().setMinimumSectionSize(40)
        # Widths from the content: name and status whole, an empty column as narrow as
        # its header; when the room runs short, the longest organisations, functions,
        # representations and notes are elided first (whole in their tooltip).
        self.column_fitter = ColumnFitter(table, (ORGANISATION, FUNCTION, DEPUTY, NOTE), spare=NOTE)
        table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        return table

    # Showing

    @property
    def meeting_id(self) -> int | None:
        return self._meeting_id

    def show_meeting(self, meeting_id: int | None, stack: QUndoStack | None) -> None:
        """Show the participants of ``meeting_id`` (None: nothing), edited on ``stack``."""
        if self._stack is not None:
            with contextlib.suppress(RuntimeError, TypeError):  # a stack deleted meanwhile
                self._stack.indexChanged.disconnect(self._on_stack_changed)
        same = meeting_id is not None and meeting_id == self._meeting_id
        self._meeting_id, self._stack = meeting_id, stack
        if stack is not None:
            stack.indexChanged.connect(self._on_stack_changed)
        if meeting_id is not None:
            with self._db.reading() as session:
                people = search_people(session)
            self.editor.set_people((p.id, p.label) for p in people)
        self.reload(self.selected_id() if same else None)

    def _data_changed(self, tables: frozenset[str]) -> None:
        """The directory changed, wherever: « Représenté par » offers it as it is now (a
        name being typed stays)."""
        if self._meeting_id is None or not touches_directory(tables):
            return
        with self._db.reading() as session:
            people = search_people(session)
        self.editor.set_people((p.id, p.label) for p in people)
        line = self.editor.deputy_combo.lineEdit()
        typing = line.hasFocus()
        typed = line.text()
        skip = self.editor.deputy_combo if typing else None
        self.editor.show_row(self.selected_row(), skip)
        if typing and line.text() != typed:
            line.blockSignals(True)
            line.setText(typed)
            line.blockSignals(False)

    def reload(self, select_id: int | None = None) -> None:
        """Read the list again; keep ``select_id`` selected (else the first row)."""
        self._stale = False
        rows: list[AttendanceRow] = []
        message = NO_MEETING_TEXT
        if self._meeting_id is not None:
            try:
                with self._db.reading() as session:
                    rows = list_attendance(session, self._meeting_id)
                message = NOBODY_TEXT
            except UserError as exc:  # the meeting was deleted meanwhile
                self._meeting_id, message = None, str(exc)
        self.model.set_rows(rows)
        self._show_invited(rows)
        self._show_record()
        self.empty_label.setText(message)
        self.tables.setCurrentWidget(self.table if rows else self.empty_label)
        self.select(select_id if self.model.row_of(select_id) is not None else None)
        self._update_buttons()

    def refresh(self, skip: QWidget | None = None) -> None:
        """After our own edit: new values in place, the selection and the field being
        typed in left alone."""
        if self._meeting_id is None:
            return
        with self._db.reading() as session:
            rows = list_attendance(session, self._meeting_id)
        if [r.id for r in rows] != [r.id for r in self.model.rows()]:
            self.reload(self.selected_id())
            return
        for old, new in zip(self.model.rows(), rows, strict=True):
            if old != new:
                self.model.replace_row(new)
        self._show_invited(rows)
        self._show_record()
        self.editor.show_row(self.selected_row(), skip)

    def _show_invited(self, rows: list[AttendanceRow]) -> None:
        """Who may receive a proxy: the people invited."""
        self.editor.set_invited((r.person_id, r.label) for r in rows if r.person_id is not None)

    def _show_record(self) -> None:
        """The counts, the quorum and the warnings, read again (after every change)."""
        record: MeetingRecord | None = None
        if self._meeting_id is not None:
            try:
                with self._db.reading() as session:
                    record = meeting_record(session, self._meeting_id)
            except UserError:  # the meeting was deleted meanwhile
                record = None
        self.record = record
        if record is None:
            for label in (self.counts_label, self.record_label, self.quorum_label):
                label.setText("")
            self.quorum_label.hide()
            self.record_label.hide()
            self.warnings.hide()
            return
        self.editor.default_kind = (
            Representation.PROXY if record.settings.votes else Representation.SUBSTITUTE
        )
        self.counts_label.setText(counts.counts_text(record.counts))
        second = counts.record_text(record)
        self.record_label.setText(second)
        self.record_label.setVisible(bool(second))
        quorum = quorum_text(record.counts)
        self.quorum_label.setText(quorum)
        self.quorum_label.setVisible(bool(quorum))
        if quorum:
            colours.paint(self.quorum_label, QUORUM_TONES[bool(record.counts.quorum_reached)])
            self.quorum_label.setToolTip(counts.quorum_rule_text(record))
        lines = record.warnings.lines
        self.warnings_label.setText(counts.warnings_text(lines))
        self.warnings_label.setToolTip("\n".join(lines) if lines else "")
        self.warnings.setAccessibleDescription(" ".join(lines))
        self.warnings.setVisible(bool(lines))

    def _update_buttons(self) -> None:
        has_meeting = self._meeting_id is not None
        has_row = self.selected_row() is not None
        for button in (self.invite_button, self.invite_person_button, self.live_button):
            button.setEnabled(has_meeting)
        self.live_action.setEnabled(has_meeting)
        self.export_button.setEnabled(has_meeting and self.model.rowCount() > 0)
        self.withdraw_button.setEnabled(has_row)

    # Selection

    def selected_row(self) -> AttendanceRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def selected_id(self) -> int | None:
        row = self.selected_row()
        return row.id if row is not None else None

    def select(self, invitation_id: int | None) -> None:
        """Make that row current (None: the first one)."""
        position = self.model.row_of(invitation_id)
        if position is None:
            position = 0 if self.model.rowCount() else None
        if position is None:
            self.editor.show_row(None)
            return
        index = self.model.index(position, NAME)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        self.editor.show_row(self.selected_row())

    def _on_current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self.editor.show_row(self.selected_row())
        self._update_buttons()

    # Undo and redo from anywhere

    def _on_stack_changed(self, _index: int) -> None:
        if self._pushing:
            return  # our own edit, already shown
        if self.isVisible():
            self.reload(self.selected_id())
        else:
            self._stale = True
        self.changed.emit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload(self.selected_id())
        else:  # the committee's settings (quorum, votes) may have changed elsewhere
            self._show_record()
