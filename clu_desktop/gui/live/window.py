"""The live mode ("Séance en cours"): a large-type window for the meeting table where
the agent ticks people in as they walk in.

Type a few letters, Enter: the highlighted person is ticked present with the time, the
field is cleared for the next one. Up/Down pick another match first. A person of the
directory who was not invited is offered after the invited ("Inviter et pointer …"): Enter
invites and ticks them, never adds them again. Only when nobody matches is the typed name
offered as a walk-in, and Enter then only shows the offer: a second Enter opens a form
to check before the person joins the directory. Each change is committed in its own
transaction before the list shows it, and goes on the meeting's undo stack.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from clu_desktop.domain import AttendanceStatus
from clu_desktop.errors import UserError
from clu_desktop.gui import colours, messages, undo
from clu_desktop.gui.live import texts
from clu_desktop.gui.live.commands import LiveCommands
from clu_desktop.gui.live.delegate import LiveDelegate, _bold, _scaled
from clu_desktop.gui.live.model import LiveAttendanceModel, WalkIn
from clu_desktop.gui.live.walk_in_form import WalkInForm
from clu_desktop.services.attendance.presence import AttendanceRow, list_attendance
from clu_desktop.services.attendance.walk_in import (
    DirectoryMatch,
    WalkInName,
    close_names,
    people_not_invited,
)
from clu_desktop.services.directory.organisations import list_organisations
from clu_desktop.services.meetings.details import get_meeting_details
from clu_desktop.services.meetings.record import meeting_record
from clu_desktop.store.database import Database

BASE_SCALE = 1.6  # readable from a metre away
SEARCH_SCALE = 1.3  # of the window's font
COUNTS_SCALE = 1.2
LIST_SCALE = 1.15
HELP = (
    "Entrée : pointer la personne surlignée · ↑ ↓ : en choisir une autre · "
    "Ctrl+Z : annuler le dernier pointage · Échap : effacer, puis fermer"
)
_MOVES = {
    Qt.Key.Key_Down: 1,
    Qt.Key.Key_Up: -1,
    Qt.Key.Key_PageDown: 5,
    Qt.Key.Key_PageUp: -5,
}


def _name(widget: QWidget, object_name: str, accessible_name: str) -> QWidget:
    widget.setObjectName(object_name)
    widget.setAccessibleName(accessible_name)
    return widget


class LiveAttendanceWindow(QDialog):
    """Ticks people present during meeting ``meeting_id``; undo steps go on ``stack``
    (the meeting's, shared with the main window; None: a stack of the window's own).
    ``finished`` is emitted when the window closes ("Terminer", Échap, the title bar);
    before, people still not ticked may be marked absent (the user is asked)."""

    def __init__(
        self,
        db: Database,
        meeting_id: int,
        stack: QUndoStack | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db, self.meeting_id = db, meeting_id
        self.stack = stack if stack is not None else QUndoStack(self)
        self.rows: list[AttendanceRow] = []
        self.people: list[DirectoryMatch] = []  # of the directory, not invited
        self.walk_in_form: WalkInForm | None = None
        self._closing = False
        self.commands = LiveCommands(db, meeting_id, self.stack, self._shown_row)
        with db.reading() as session:
            details = get_meeting_details(session, meeting_id)
        title = texts.window_title(details.title, details.date)

        self.setObjectName("liveAttendance")
        self.setAccessibleName("Séance en cours : pointage des présents")
        self.setWindowTitle(title)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        if parent is not None:  # opened from a page: gone once closed, not kept hidden
            self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setFont(_scaled(QApplication.font(), BASE_SCALE))
        self._build(title)
        self._watching = False
        self._watch(True)
        self.reload()
        # Size constraints settled now, not when shown (the platform would be told late).
        self.ensurePolished()
        self.layout().activate()
        self.resize(1200, 800)
        self.setWindowState(Qt.WindowState.WindowMaximized)

    # Building

    def _build(self, title: str) -> None:
        heading = _name(QLabel(title), "liveHeading", "Séance")
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setWordWrap(True)

        self.search = _name(QLineEdit(), "liveSearch", "Nom ou organisme de la personne")
        self.search.setFont(_scaled(self.font(), SEARCH_SCALE))
        self.search.setPlaceholderText(texts.SEARCH_HINT)
        self.search.setToolTip(texts.SEARCH_HINT + " (sans accents ni majuscules)")
        self.search.setMaxLength(200)
        self.search.textChanged.connect(self._filter)
        search_label = _name(QLabel("&Nom ou organisme :"), "liveSearchLabel", "Nom ou organisme")
        search_label.setBuddy(self.search)

        self.counts = _name(QLabel(), "liveCounts", "Décompte des présents et quorum")
        self.counts.setFont(_scaled(_bold(self.font()), COUNTS_SCALE))
        self.counts.setTextFormat(Qt.TextFormat.PlainText)
        self.counts.setWordWrap(True)  # the window's least width stays put as counts grow
        # One line at least, whatever the counts and the quorum say: the window's size
        # constraints never follow them (the lines they need are given all the same).
        self.counts.setMinimumSize(1, self.counts.fontMetrics().lineSpacing())

        self.model = LiveAttendanceModel(self)
        self.list = _name(QListView(), "liveList", "Personnes invitées")
        self.list.setFont(_scaled(self.font(), LIST_SCALE))
        self.list.setModel(self.model)
        self.list.setItemDelegate(LiveDelegate(self.list))
        self.list.setUniformItemSizes(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys stay in the field
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.doubleClicked.connect(lambda index: self._check_in_at(index.row()))

        self.status = _name(QLabel(HELP), "liveStatus", "Dernier pointage")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)

        self.undo_button = _name(
            QPushButton("&Annuler le dernier pointage (Ctrl+Z)"),
            "liveUndo",
            "Annuler le dernier pointage",
        )
        self.undo_button.setToolTip("Remet la dernière personne pointée comme avant (Ctrl+Z)")
        self.undo_button.clicked.connect(self.undo_last)
        self.walk_in_button = _name(
            QPushButton("&Venu(e) sans invitation…"),
            "liveWalkIn",
            "Ajouter une personne venue sans invitation",
        )
        self.walk_in_button.setToolTip(
            "Ajouter à l'annuaire et pointer présente une personne que la liste ne propose "
            "pas (sa fiche, remplie avec ce qui est tapé, est à vérifier)"
        )
        self.walk_in_button.clicked.connect(lambda: self.open_walk_in_form())
        self.finish_button = _name(QPushButton("&Terminer"), "liveFinish", "Terminer le pointage")
        self.finish_button.setToolTip("Fermer la séance en cours : tout est déjà enregistré")
        self.finish_button.clicked.connect(self.accept)
        for button in (self.undo_button, self.walk_in_button, self.finish_button):
            button.setAutoDefault(False)  # Enter belongs to the field
            button.setDefault(False)

        search_row = QHBoxLayout()
        search_row.addWidget(search_label)
        search_row.addWidget(self.search, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.walk_in_button)
        buttons.addStretch(1)
        buttons.addWidget(self.finish_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(search_row)
        layout.addWidget(self.counts)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        QWidget.setTabOrder(self.search, self.undo_button)
        QWidget.setTabOrder(self.undo_button, self.walk_in_button)
        QWidget.setTabOrder(self.walk_in_button, self.finish_button)

        self._keys = _Keys(self)
        self.search.installEventFilter(self._keys)
        self.list.installEventFilter(self._keys)
        # The same keys when a button has the focus (the field handles its own).
        names = ("liveUndoAction", "liveRedoAction")
        undo.undo_actions(self, self.undo_last, self.redo_last, names)
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)

    # Showing

    def _shown_row(self, invitation_id: int) -> AttendanceRow | None:
        """The invitation as the window shows it (its version is checked at each change)."""
        return next((row for row in self.rows if row.id == invitation_id), None)

    def reload(self) -> None:
        """Read the invited people (and the directory) again; the counts and the list
        follow."""
        try:
            with self.db.reading() as session:
                self.rows = list_attendance(session, self.meeting_id)
                self.people = people_not_invited(session, self.meeting_id)
                record = meeting_record(session, self.meeting_id)
            self.counts.setText(texts.counts_text(record.counts, record.settings.votes))
        except UserError as exc:  # the meeting was deleted meanwhile
            self.rows, self.people = [], []
            self.counts.setText("")
            self._say(str(exc), error=True)
        self._filter(self.search.text())
        self._update_undo_button()

    def _filter(self, typed: str) -> None:
        self.model.set_rows(self.rows, typed, self.people)
        # Nobody matches: nothing highlighted, so that Enter adds nobody by accident.
        self._highlight(0 if typed.strip() and not self.model.only_walk_in() else None)

    def _highlight(self, row: int | None) -> None:
        if row is None or not 0 <= row < self.model.rowCount():
            self.list.clearSelection()
            self.list.setCurrentIndex(self.model.index(-1, 0))
            self.list.scrollToTop()
            return
        index = self.model.index(row, 0)
        self.list.setCurrentIndex(index)
        self.list.scrollTo(index)

    def highlighted_row(self) -> int | None:
        index = self.list.currentIndex()
        return index.row() if index.isValid() else None

    def move(self, delta: int) -> None:
        """Highlight another line (Up/Down from the field)."""
        count = self.model.rowCount()
        if count == 0:
            return
        current = self.highlighted_row()
        start = (-1 if delta > 0 else count) if current is None else current
        self._highlight(max(0, min(count - 1, start + delta)))

    def _say(self, text: str, error: bool = False) -> None:
        if error:
            colours.paint(self.status, colours.ERROR)
        else:
            colours.unpaint(self.status)
        self.status.setText(text)

    def _update_undo_button(self) -> None:
        self.undo_button.setEnabled(self.commands.can_undo())

    def _stack_changed(self, _index: int) -> None:
        if not isValid(self.stack):
            return  # the stack is being destroyed (it empties itself first)
        self.reload()  # whoever moved the stack (here or the main window's Undo)

    # Ticking

    def check_in(self) -> None:
        """Enter: tick the highlighted person (inviting them first when they come from the
        directory), or open the walk-in form. Letters that match nobody: the first Enter
        only shows the offer (highlighted), the next one opens the form."""
        row = self.highlighted_row()
        if row is None and self.model.only_walk_in():
            typed = " ".join(self.search.text().split())
            names = [row.label for row in self.rows] + [person.label for person in self.people]
            self._highlight(0)
            self._say(texts.no_match_text(typed, close_names(names, typed)), error=True)
            return
        if row is None:
            self._say("Tapez d'abord les premières lettres d'un nom ou d'un organisme.")
            return
        self._check_in_at(row)

    def _check_in_at(self, position: int) -> None:
        entry = self.model.entry(position)
        if entry is None:
            return
        if isinstance(entry, AttendanceRow) and entry.status is AttendanceStatus.PRESENT:
            self._say(texts.already_text(entry))
            self.search.selectAll()
            self.search.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        if isinstance(entry, WalkIn):
            self.open_walk_in_form(entry.typed)
            return
        at = dt.datetime.now().time().replace(microsecond=0)
        try:
            if isinstance(entry, DirectoryMatch):
                invitation_id = self.commands.invite_and_tick(entry, at)
            else:
                invitation_id = self.commands.tick(entry, at)
        except UserError as exc:
            self.reload()
            self._say(str(exc), error=True)
            return
        ticked = self._done(invitation_id)
        if ticked is None:
            return
        if isinstance(entry, DirectoryMatch):
            self._say(texts.invited_text(ticked.name, at))
        else:
            self._say(texts.ticked_text(ticked))

    def _done(self, invitation_id: int) -> AttendanceRow | None:
        """After a change: the field ready for the next person, the line in view."""
        self.search.clear()  # committed: the list shows it, ready for the next person
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)
        self._update_undo_button()
        ticked = next((r for r in self.rows if r.id == invitation_id), None)
        position = self.model.row_of(invitation_id)
        if position is not None:
            self.list.scrollTo(self.model.index(position, 0))
        return ticked

    # Walk-ins

    def open_walk_in_form(self, typed: str | None = None) -> WalkInForm:
        """The form adding someone nobody knows, filled from ``typed`` (the field's text
        by default); nothing is added before it is confirmed."""
        if typed is None:
            typed = " ".join(self.search.text().split())
        try:
            with self.db.reading() as session:
                organisations = [row.name for row in list_organisations(session)]
        except UserError as exc:
            self._say(str(exc), error=True)
            organisations = []
        form = WalkInForm(typed, organisations, self._add_walk_in, self, self.font())
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.finished.connect(self._walk_in_form_closed)
        self.walk_in_form = form
        form.open()
        return form

    def _walk_in_form_closed(self, result: int) -> None:
        self.walk_in_form = None
        if result != QDialog.DialogCode.Accepted:
            self._say("Personne n'a été ajouté : fiche fermée sans confirmer.")
            self.search.selectAll()
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)

    def _add_walk_in(self, name: WalkInName) -> bool:
        """The form confirmed: add the person, invite and tick them (one undo step)."""
        at = dt.datetime.now().time().replace(microsecond=0)
        try:
            added = self.commands.add_walk_in(name, at)
        except UserError as exc:
            messages.show_error(self.walk_in_form or self, str(exc))
            return False
        ticked = self._done(added.invitation_id)
        if ticked is not None:
            new_organisation = ticked.organisation if added.created_organisation_id else None
            self._say(texts.walked_in_text(ticked.name, at, added.created_person, new_organisation))
        return True

    def undo_last(self) -> None:
        """Ctrl+Z and the button: undo the last tick (through the meeting's stack)."""
        text = self.commands.undo()
        if text is None:
            self._say("Aucun pointage à annuler.")
        else:
            self._say(f"Annulé : {text[:1].lower()}{text[1:]}.")
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)

    def redo_last(self) -> None:
        text = self.commands.redo()
        if text is None:
            self._say("Aucun pointage à rétablir.")
        else:
            self._say(f"Rétabli : {text[:1].lower()}{text[1:]}.")
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)

    def escape(self) -> None:
        if self.search.text():
            self.search.clear()
        else:
            self.accept()

    def showEvent(self, event: QShowEvent) -> None:
        if not self._watching:  # shown again after closing: follow the stack again
            self._watch(True)
            self._closing = False
            self.reload()
        super().showEvent(event)

    def done(self, result: int) -> None:
        if not self._closing:
            self._closing = True
            self._offer_absent()
        self._watch(False)
        super().done(result)

    def _offer_absent(self) -> None:
        """Closing: those still « sans réponse » may be marked absent (one undo step).
        Not asked when nobody was ticked present (the window was only looked at)."""
        try:
            with self.db.reading() as session:
                counts = meeting_record(session, self.meeting_id).counts
        except UserError:  # the meeting was deleted meanwhile
            return
        if not counts.unanswered or not counts.present:
            return
        question = texts.unanswered_question(counts.unanswered)
        action = "Marquer absente" if counts.unanswered == 1 else "Marquer absentes"
        if not messages.confirm(self, question, action, "Laisser sans réponse"):
            return
        try:
            self.commands.mark_unanswered_absent()
        except UserError as exc:
            messages.show_error(self, str(exc))

    def _watch(self, on: bool) -> None:
        if on and not self._watching:
            self.stack.indexChanged.connect(self._stack_changed)
        elif not on and self._watching and isValid(self.stack):
            self.stack.indexChanged.disconnect(self._stack_changed)
        self._watching = on


class _Keys(QObject):
    """The keys of the field (and of the list): Enter, arrows, Échap, Ctrl+Z / Ctrl+Y."""

    def __init__(self, window: LiveAttendanceWindow) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        assert isinstance(event, QKeyEvent)
        which = undo.undo_key(event)
        if kind == QEvent.Type.ShortcutOverride:
            if which is not None:  # the field's own undo would bypass what is saved
                event.accept()
                return True
            return False
        window, key = self.window, event.key()
        if which == "undo":
            window.undo_last()
        elif which == "redo":
            window.redo_last()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            window.check_in()
        elif key == Qt.Key.Key_Escape:
            window.escape()
        elif key in _MOVES and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            window.move(_MOVES[key])
        else:
            return False
        return True
