"""The selected person's attendance, under the table: status (or the answer before the
meeting), how and by whom they are represented (« pouvoir à » a person invited, or
« suppléé par » anyone), arrival and departure times, a note.

The editor only shows values and says what the user changed; the page saves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from PySide6.QtCore import Qt, QTime, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QWidget,
)

from clu_desktop.domain import AttendanceStatus, Representation
from clu_desktop.french.attendance import status_choices
from clu_desktop.gui import colours
from clu_desktop.gui.common.layout import name
from clu_desktop.gui.common.widgets import ChoiceCombo, ChoiceModel, TimeEdit
from clu_desktop.gui.pickers import make_searchable
from clu_desktop.services.attendance.presence import REPRESENTATION_LABELS, AttendanceRow
from clu_desktop.services.directory.common import fold

NO_ROW_TITLE = "Aucune personne sélectionnée"
REPRESENTED_HINT = "Choisissez « pouvoir à » ou « suppléé par », puis la personne."
DEPUTY_HINTS = {
    Representation.PROXY: "Choisissez parmi les invités celui qui reçoit le pouvoir, puis Entrée.",
    Representation.SUBSTITUTE: (
        "Choisissez le suppléant dans l'annuaire ou tapez son nom, puis Entrée."
    ),
}
#: The deputy field, as each kind of representation names and explains it.
DEPUTY_NAMES = {Representation.PROXY: "Pouvoir donné à", Representation.SUBSTITUTE: "Suppléé par"}
DEPUTY_PLACEHOLDERS = {
    Representation.PROXY: "Une personne invitée à la séance",
    Representation.SUBSTITUTE: "Personne de l'annuaire ou nom saisi",
}
DEPUTY_TIPS = {
    Representation.PROXY: (
        "Le pouvoir se donne à un membre invité à la séance : choisissez-le, puis Entrée"
    ),
    Representation.SUBSTITUTE: "Choisissez une personne de l'annuaire ou tapez un nom, puis Entrée",
}
EMPTY_TIME = "—"


class OptionalTimeEdit(TimeEdit):
    """A TimeEdit that may stay empty ("—"), of one width whatever it shows."""

    def __init__(self) -> None:
        super().__init__(EMPTY_TIME)
        width = self.sizeHint().width()
        self.setSpecialValueText("")
        self.setFixedWidth(max(width, self.sizeHint().width()) + 8)
        self.setSpecialValueText(EMPTY_TIME)
        self.editingFinished.connect(lambda: self.setSpecialValueText(EMPTY_TIME))


class DeputyCombo(QComboBox):
    """Who represents the person: a person of the directory (typing any part of a name
    or an organisation proposes them) or a name typed freely. ``committed`` gives the
    text when the user chooses a row, presses Entrée or leaves the field."""

    committed = Signal(str)

    def __init__(self, model: ChoiceModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choices = model
        self.setModel(model)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(16)
        self.setMaxVisibleItems(15)
        self.lineEdit().setMaxLength(200)
        self.lineEdit().setPlaceholderText("Personne de l'annuaire ou nom saisi")
        self.search = make_searchable(self, free_text=True)
        self.activated.connect(lambda _row: self.committed.emit(self.currentText()))
        self.lineEdit().editingFinished.connect(lambda: self.committed.emit(self.currentText()))

    def chosen_id(self, text: str) -> int | None:
        """The directory person whose label is ``text`` (the current row first, for two
        people of one label), else None: a typed name."""
        current = self.currentIndex()
        if current >= 0 and self.itemText(current) == text:
            return self.choices.id_at(current)
        row = self.findText(text, Qt.MatchFlag.MatchFixedString)
        return self.choices.id_at(row) if row >= 0 else None

    def show_value(self, person_id: int | None, text: str | None) -> None:
        """Show the saved deputy (the caller blocks signals)."""
        row = self.choices.row_of(person_id) if person_id is not None else None
        self.setCurrentIndex(row if row is not None else -1)
        self.setEditText(self.itemText(row) if row is not None else (text or ""))
        self.lineEdit().setCursorPosition(0)  # a long name shows its beginning


class AttendanceEditor(QGroupBox):
    status_chosen = Signal(object)  # an AttendanceStatus
    kind_chosen = Signal(object)  # a Representation
    deputy_committed = Signal(int, str)  # the invitation's id, the text
    times_edited = Signal(object, object)  # arrival, departure (dt.time or None)
    note_edited = Signal(str)
    note_left = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        name(self, "attendanceEditor", "Présence de la personne sélectionnée")
        self.row: AttendanceRow | None = None
        #: Shown for someone not yet represented: proxies where the committee votes.
        self.default_kind = Representation.SUBSTITUTE
        self._directory: list[tuple[int, str]] = []
        self._invited: list[tuple[int, str]] = []
        self._kind_shown: tuple[Representation, int | None] | None = None
        # The person's name with their organisation, in a label rather than the box's
        # title: a long one is cut instead of widening the page.
        self.title_label = name(QLabel(NO_ROW_TITLE), "attendancePerson", "Personne")
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title_label.font()
        font.setBold(True)
        self.title_label.setFont(font)
        self.title_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.status_model = ChoiceModel(parent=self)
        self.status_model.set_rows(status_choices())
        self.status_combo = name(
            ChoiceCombo(self.status_model),
            "attendanceStatus",
            "Statut",
            "Avant la séance, la réponse à l'invitation ; pendant, la présence",
        )
        self.status_combo.setMinimumContentsLength(14)
        self.kind_model = ChoiceModel(parent=self)
        self.kind_model.set_rows(REPRESENTATION_LABELS.items())
        self.kind_combo = name(
            ChoiceCombo(self.kind_model),
            "attendanceRepresentation",
            "Représentation",
            "« pouvoir à » : un invité vote pour la personne ; "
            "« suppléé par » : quelqu'un siège à sa place",
        )
        self.kind_combo.setMinimumContentsLength(10)
        self.people_model = ChoiceModel(parent=self)
        self.deputy_combo = name(
            DeputyCombo(self.people_model),
            "attendanceDeputy",
            DEPUTY_NAMES[Representation.SUBSTITUTE],
            DEPUTY_TIPS[Representation.SUBSTITUTE],
        )
        self.arrival_edit = name(OptionalTimeEdit(), "attendanceArrival", "Heure d'arrivée")
        self.departure_edit = name(OptionalTimeEdit(), "attendanceDeparture", "Heure de départ")
        self.note_edit = name(QPlainTextEdit(), "attendanceNote", "Note")
        self.note_edit.setTabChangesFocus(True)
        lines = self.note_edit.fontMetrics().lineSpacing()
        self.note_edit.setFixedHeight(3 * lines + 12)
        self.note_edit.setPlaceholderText("Arrivé en retard, parti avant la fin…")
        self.hint = name(QLabel(), "attendanceHint", "Indication")
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        colours.paint(self.hint, colours.ERROR)
        policy = self.hint.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
        self.hint.setSizePolicy(policy)
        self.hint.hide()

        grid = QGridLayout(self)
        grid.addWidget(self.title_label, 0, 0, 1, 6)
        grid.addWidget(self._label("Stat&ut\u00a0:", self.status_combo), 1, 0)
        grid.addWidget(self.status_combo, 1, 1)
        grid.addWidget(self._label("&Représenté\u00a0:", self.kind_combo), 1, 2)
        deputy = QHBoxLayout()
        deputy.addWidget(self.kind_combo)
        deputy.addWidget(self.deputy_combo, 1)
        grid.addLayout(deputy, 1, 3, 1, 3)
        grid.addWidget(self._label("Arri&vée\u00a0:", self.arrival_edit), 2, 0)
        grid.addWidget(self.arrival_edit, 2, 1, Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(self._label("Dépar&t\u00a0:", self.departure_edit), 2, 2)
        grid.addWidget(self.departure_edit, 2, 3, Qt.AlignmentFlag.AlignLeft)
        note_label = self._label("Not&e\u00a0:", self.note_edit)
        grid.addWidget(note_label, 2, 4, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.note_edit, 2, 5, 2, 1)
        grid.addWidget(self.hint, 3, 0, 1, 5)
        grid.setColumnStretch(3, 1)
        grid.setColumnStretch(5, 2)

        self.status_combo.chosen.connect(self.status_chosen)
        self.kind_combo.chosen.connect(self._on_kind_chosen)
        # The deputy is said once the completer has done its work (choosing a proposal
        # both ends the typing and activates a row), for the row it was typed for.
        self._deputy: tuple[int, str] | None = None
        self._deputy_timer = QTimer(self)
        self._deputy_timer.setSingleShot(True)
        self._deputy_timer.setInterval(0)
        self._deputy_timer.timeout.connect(self._emit_deputy)
        self.deputy_combo.committed.connect(self._on_deputy_committed)
        for edit in (self.arrival_edit, self.departure_edit):
            edit.timeChanged.connect(self._on_time_changed)
        self.note_edit.textChanged.connect(
            lambda: self.note_edited.emit(self.note_edit.toPlainText())
        )
        self.note_edit.installEventFilter(self)
        self.show_row(None)

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    def editors(self) -> list[QWidget]:
        """In the tab order."""
        return [
            self.status_combo,
            self.kind_combo,
            self.deputy_combo,
            self.arrival_edit,
            self.departure_edit,
            self.note_edit,
        ]

    def set_people(self, people: Iterable[tuple[int, str]]) -> None:
        """The directory: who may be a substitute."""
        people = list(people)
        if people != self._directory:
            self._directory, self._kind_shown = people, None

    def set_invited(self, people: Iterable[tuple[int, str]]) -> None:
        """The people invited to the meeting: who may receive a proxy."""
        people = list(people)
        if people != self._invited:
            self._invited, self._kind_shown = people, None

    def kind(self) -> Representation:
        kind = self.kind_combo.current_id()
        return Representation(kind) if kind is not None else self.default_kind

    def _offer(self, kind: Representation) -> None:
        """The deputy field lists the people ``kind`` allows (the caller blocks signals)."""
        own = self.row.person_id if self.row is not None else None
        if self._kind_shown == (kind, own):
            return
        self._kind_shown = (kind, own)
        if kind is Representation.PROXY:
            people = [(pid, label) for pid, label in self._invited if pid != own]
        else:
            people = self._directory
        self.people_model.set_rows(people)
        self.deputy_combo.setAccessibleName(DEPUTY_NAMES[kind])
        self.deputy_combo.setToolTip(DEPUTY_TIPS[kind])
        self.deputy_combo.lineEdit().setPlaceholderText(DEPUTY_PLACEHOLDERS[kind])

    def person_for(self, text: str) -> int | None:
        """The person ``text`` names: one of those offered, else (a proxy refused with
        the right reason) one of the directory; None: a name typed."""
        person_id = self.deputy_combo.chosen_id(text)
        if person_id is not None:
            return person_id
        wanted = fold(text)
        for choices in (self._invited, self._directory):
            found = [pid for pid, label in choices if fold(label) == wanted]
            if len(found) == 1:
                return found[0]
        return None

    def show_row(self, row: AttendanceRow | None, skip: QWidget | None = None) -> None:
        """Show the saved values of ``row`` (None: nothing selected) in every editor but
        ``skip`` (the one being typed in)."""
        self.row = row
        self.set_hint(None)
        self.title_label.setText(row.label if row is not None else NO_ROW_TITLE)
        for widget in self.editors():
            widget.setEnabled(row is not None)
        widgets = [*self.editors(), self.deputy_combo.lineEdit()]
        blocked = [w.blockSignals(True) for w in widgets]
        try:
            if skip is not self.status_combo:
                # The words agree with the person shown: « excusée » for Mme…
                civility = row.printed_civility if row is not None else None
                self.status_model.set_rows(status_choices(civility))
                if row is None:
                    self.status_combo.setCurrentIndex(-1)
                else:
                    self.status_combo.set_current_id(row.status)
            represented = row is not None and row.status is AttendanceStatus.REPRESENTED
            kind = (row.representation if represented else None) or self.default_kind
            self.kind_combo.set_current_id(kind)
            self._offer(kind)
            if skip is not self.deputy_combo:
                if row is None:
                    self.deputy_combo.show_value(None, None)
                else:
                    self.deputy_combo.show_value(row.represented_by_id, row.represented_by)
            for edit, value in (
                (self.arrival_edit, row.arrived_at if row else None),
                (self.departure_edit, row.left_at if row else None),
            ):
                if skip is not edit:
                    edit.set_value(value)
            if skip is not self.note_edit:
                text = (row.note if row else None) or ""
                if self.note_edit.toPlainText() != text:
                    self.note_edit.setPlainText(text)
        finally:
            for widget, was in zip(widgets, blocked, strict=True):
                widget.blockSignals(was)

    def set_hint(self, text: str | None) -> None:
        self.hint.setText(text or "")
        self.hint.setVisible(bool(text))

    def ask_kind(self) -> None:
        """ "Représenté" was chosen: say how and by whom is needed, and go there."""
        self.set_hint(REPRESENTED_HINT)
        self.kind_combo.setFocus(Qt.FocusReason.OtherFocusReason)

    def ask_deputy(self) -> None:
        """A kind of representation was chosen: say by whom is needed, and go there."""
        self.set_hint(DEPUTY_HINTS[self.kind()])
        self.deputy_combo.setFocus(Qt.FocusReason.OtherFocusReason)
        self.deputy_combo.lineEdit().selectAll()

    def clear_deputy(self) -> None:
        """Empty the deputy field (the saved deputy does not fit the kind chosen)."""
        self.deputy_combo.blockSignals(True)
        self.deputy_combo.lineEdit().blockSignals(True)
        try:
            self.deputy_combo.show_value(None, None)
        finally:
            self.deputy_combo.lineEdit().blockSignals(False)
            self.deputy_combo.blockSignals(False)

    def _on_kind_chosen(self, kind: object) -> None:
        if kind is None:
            return
        kind = Representation(kind)
        blocked = self.deputy_combo.blockSignals(True)
        try:
            self._offer(kind)
        finally:
            self.deputy_combo.blockSignals(blocked)
        self.kind_chosen.emit(kind)

    def _on_deputy_committed(self, text: str) -> None:
        if self.row is not None:
            self._deputy = (self.row.id, text)
            self._deputy_timer.start()

    def _emit_deputy(self) -> None:
        pending, self._deputy = self._deputy, None
        if pending is not None:
            self.deputy_committed.emit(*pending)

    def times(self) -> tuple[dt.time | None, dt.time | None]:
        return self.arrival_edit.value(), self.departure_edit.value()

    def _on_time_changed(self, _time: QTime) -> None:
        self.times_edited.emit(*self.times())

    def eventFilter(self, watched, event) -> bool:
        if watched is self.note_edit and event.type() == event.Type.FocusOut:
            passing = (Qt.FocusReason.ActiveWindowFocusReason, Qt.FocusReason.PopupFocusReason)
            if event.reason() not in passing:
                self.note_left.emit()
        return super().eventFilter(watched, event)
