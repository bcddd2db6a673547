"""The "Séance" page: a meeting's details, saved as they are typed or chosen.

Each change goes through ``gui/undo.py`` on the meeting's undo stack (typing in one field
merges into one step); undo and redo replay through the services, then the page reloads
what it shows. A value still unfinished (an empty title, half an e-mail address) waits
on screen with a hint, and is refused with a message only when the field is left.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clu_desktop.domain import MeetingStatus
from clu_desktop.errors import ConflictError, UserError
from clu_desktop.gui import colours, messages, undo
from clu_desktop.gui.common.binding import (
    connect_editor,
    is_typed,
    record_field,
    set_value,
    signals_blocked,
)
from clu_desktop.gui.conflicts import RecordKind, conflict_text
from clu_desktop.gui.data_signals import data_signals
from clu_desktop.gui.meeting.form import MeetingForm
from clu_desktop.gui.meeting.signature import SignatureBar
from clu_desktop.gui.undo import UndoKeys
from clu_desktop.rules.fields import IncompleteValue
from clu_desktop.services.attendance.invitations import PersonChoice
from clu_desktop.services.meetings.details import (
    DELEGATION_FORMULAS,
    FIELD_LABELS,
    MEETING,
    MeetingDetails,
    clean_value,
    committee_choices,
    get_meeting_details,
    person_choices,
    proposed_delegation_formula,
    restore_meeting_fields,
    status_choices,
    update_meeting,
)
from clu_desktop.services.meetings.record import invited_people, secretary_ids, set_secretaries
from clu_desktop.store.changes import touches_directory
from clu_desktop.store.database import Database

EMPTY_TEXT = "Aucune séance sélectionnée. Choisissez une séance dans la liste ou créez-en une."


class MeetingPage(QWidget):
    """The details of one meeting: committee, title, date, signature, contact, texts."""

    #: After every saved edit, undo or redo (the meeting list shows some of these fields).
    changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._meeting_id: int | None = None
        self._stack: QUndoStack | None = None
        self._details: MeetingDetails | None = None
        self._pushing = False
        self._pending: dict[str, str] = {}  # field -> why its unfinished value waits
        self._sessions: Counter[str] = Counter()  # typing sessions, for undo merging
        self.setObjectName("meetingPage")
        self.setAccessibleName("Séance")

        self.form = MeetingForm()
        self.scroll = QScrollArea()
        self.scroll.setObjectName("meetingScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to its fields
        self.scroll.setWidget(self.form)
        self.empty_label = QLabel(EMPTY_TEXT)
        self.empty_label.setObjectName("meetingEmpty")
        self.empty_label.setAccessibleName("Information")
        self.empty_label.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setMargin(24)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty_label)
        self.pages.addWidget(self.scroll)
        self.hint_label = QLabel()
        self.hint_label.setObjectName("meetingHint")
        self.hint_label.setAccessibleName("Valeur à compléter")
        self.hint_label.setTextFormat(Qt.TextFormat.PlainText)
        self.hint_label.setWordWrap(True)
        colours.paint(self.hint_label, colours.ERROR)
        self.hint_label.setMargin(4)
        # The hint's room is kept, so that showing it changes no size (two lines at most).
        self.hint_label.setFixedHeight(2 * self.hint_label.fontMetrics().lineSpacing() + 8)
        self.hint_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        policy = self.hint_label.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.hint_label.setSizePolicy(policy)
        self.hint_label.hide()
        self.signature_bar = SignatureBar(db)
        self.signature_bar.changed.connect(self._signature_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.signature_bar)
        layout.addWidget(self.pages)
        layout.addWidget(self.hint_label)

        f = self.form
        self.fields: dict[str, QWidget] = {
            "committee_id": f.committee_combo,
            "title": f.title_edit,
            "date": f.date_edit,
            "start_time": f.start_edit,
            "end_time": f.end_edit,
            "place": f.place_edit,
            "chair_id": f.chair_combo,
            "status": f.status_combo,
            "minutes_place": f.minutes_place_edit,
            "minutes_date": f.minutes_date_edit,
            "delegation_formula": f.delegation_combo,
            "signatory_id": f.signatory_combo,
            "signatory_title": f.signatory_title_edit,
            "signatory_name": f.signatory_name_edit,
            "contact_id": f.contact_combo,
            "contact_name": f.contact_name_edit,
            "contact_phone": f.contact_phone_edit,
            "contact_email": f.contact_email_edit,
            "opening_text": f.opening_edit,
            "closing_text": f.closing_edit,
            "convocation_date": f.convocation_edit,
            "publication_date": f.publication_edit,
        }
        for field, widget in self.fields.items():
            connect_editor(widget, partial(self._edit, field), partial(self._finish, field))
        f.undated_button.clicked.connect(lambda: f.minutes_date_edit.set_value(None))
        f.convocation_clear.clicked.connect(lambda: f.convocation_edit.set_value(None))
        f.publication_clear.clicked.connect(lambda: f.publication_edit.set_value(None))
        f.secretaries_model.toggled.connect(self._secretary_toggled)
        f.status_model.set_rows((choice.status, choice.label) for choice in status_choices())

        self.undo_keys = UndoKeys(lambda: self._stack, self)
        self.undo_keys.watch(*f.editors)
        data_signals(db).changed.connect(self._data_changed)
        self.show_meeting(None, None)
        # Settle the size constraints now: shown on its own, the page keeps them.
        self.ensurePolished()
        layout.activate()

    # Showing

    @property
    def meeting_id(self) -> int | None:
        return self._meeting_id

    def show_meeting(self, meeting_id: int | None, stack: QUndoStack | None) -> None:
        """Show ``meeting_id`` (None: the empty state); edits go on ``stack``."""
        self._meeting_id, self._stack, self._details = meeting_id, stack, None
        self._pending.clear()
        self._set_hint(None)
        self._show_signature(meeting_id)
        if meeting_id is None:
            self._show_empty(EMPTY_TEXT)
            return
        try:
            with self._db.reading() as session:
                details = get_meeting_details(session, meeting_id)
                people = person_choices(session)
                committees = committee_choices(session)
                proposed = proposed_delegation_formula(session)
                invited = invited_people(session, meeting_id)
                secretaries = secretary_ids(session, meeting_id)
        except UserError as exc:
            self._show_empty(str(exc))
            return
        with signals_blocked(self.fields.values()):
            self.form.people_model.set_rows((p.id, p.label) for p in people)
            self.form.committee_model.set_rows((c.id, c.name) for c in committees)
            combo = self.form.delegation_combo
            combo.clear()
            combo.addItems(sorted(DELEGATION_FORMULAS, key=lambda text: text != proposed))
        self._show_secretaries(invited, secretaries)
        self._details = details
        self._fill(details)
        self.pages.setCurrentWidget(self.scroll)

    def _show_empty(self, text: str) -> None:
        self._meeting_id = None
        self.signature_bar.show_meeting(None)
        self.empty_label.setText(text)
        self.pages.setCurrentWidget(self.empty_label)

    def reload(self) -> None:
        """Show again what the database holds for the meeting (after undo or redo)."""
        if self._meeting_id is None:
            return
        self._pending.clear()
        self._set_hint(None)
        self._show_signature(self._meeting_id)
        try:
            with self._db.reading() as session:
                self._details = get_meeting_details(session, self._meeting_id)
                invited = invited_people(session, self._meeting_id)
                secretaries = secretary_ids(session, self._meeting_id)
        except UserError as exc:
            self._show_empty(str(exc))
            return
        self._show_secretaries(invited, secretaries)
        self._fill(self._details)

    def _data_changed(self, tables: frozenset[str]) -> None:
        """The directory changed, wherever: the pickers (Présidence, Signataire, Agent,
        Comité) show it as it is now, with the same choices; a text being typed stays."""
        if self._meeting_id is None or not touches_directory(tables):
            return
        try:
            with self._db.reading() as session:
                details = get_meeting_details(session, self._meeting_id)
                people = person_choices(session)
                committees = committee_choices(session)
        except UserError:
            return  # the meeting is gone: the next reload says so
        f = self.form
        combos = {
            "chair_id": f.chair_combo,
            "signatory_id": f.signatory_combo,
            "contact_id": f.contact_combo,
            "committee_id": f.committee_combo,
        }
        typed = {
            combo: combo.lineEdit().text()
            for combo in combos.values()
            if combo.isEditable() and combo.lineEdit().hasFocus()
        }
        with signals_blocked([*combos.values(), *(c.lineEdit() for c in typed)]):
            f.people_model.set_rows((p.id, p.label) for p in people)
            f.committee_model.set_rows((c.id, c.name) for c in committees)
            for field, combo in combos.items():
                combo.set_current_id(getattr(details, field))
            for combo, text in typed.items():
                if combo.lineEdit().text() != text:
                    combo.lineEdit().setText(text)

    def _show_secretaries(self, invited: list[PersonChoice], secretaries: list[int]) -> None:
        """The people invited, the secretaries among them ticked."""
        model = self.form.secretaries_model
        model.set_rows((person.id, person.name) for person in invited)
        model.set_checked(secretaries)

    def showEvent(self, event: QShowEvent) -> None:
        # The Participants page may have invited or withdrawn people meanwhile.
        super().showEvent(event)
        if self._meeting_id is not None:
            try:
                with self._db.reading() as session:
                    invited = invited_people(session, self._meeting_id)
                    secretaries = secretary_ids(session, self._meeting_id)
            except UserError:
                return  # the meeting is gone: the next reload says so
            self._show_secretaries(invited, secretaries)

    def _fill(self, details: MeetingDetails, skip: str | None = None) -> None:
        """Show ``details`` in every field but ``skip`` (the one being typed in)."""
        with signals_blocked(self.fields.values()):
            for field, widget in self.fields.items():
                if field != skip:
                    set_value(widget, getattr(details, field))

    # Signature

    def _show_signature(self, meeting_id: int | None) -> None:
        """Show where the minutes stand; signed, the editors are read-only."""
        self.signature_bar.show_meeting(meeting_id)
        frozen = self.signature_bar.signed
        for widget in [*self.form.editors, *self.form.clear_buttons]:
            if isinstance(widget, (QLineEdit, QPlainTextEdit, QAbstractSpinBox)):
                widget.setReadOnly(frozen)
                _look_read_only(widget, frozen)
            elif isinstance(widget, QComboBox) and widget.lineEdit() is not None:
                widget.lineEdit().setReadOnly(frozen)
                widget.setEnabled(not frozen)
            else:
                widget.setEnabled(not frozen)

    def _signature_changed(self) -> None:
        # Undo does not go back across a signature or a reopening.
        if self._stack is not None:
            self._stack.clear()
        self.reload()
        self.changed.emit()

    # Editing

    def _edit(self, field: str, value: Any) -> None:
        details, meeting_id = self._details, self._meeting_id
        if details is None or meeting_id is None:
            return
        if field == "status" and value == MeetingStatus.MINUTES_SIGNED:
            # Signing keeps the PDF and its fingerprint: never a plain status change.
            with signals_blocked(self.fields.values()):
                set_value(self.fields[field], details.status)
            self.signature_bar.sign()
            return
        old = getattr(details, field)
        try:
            new = clean_value(field, value)
        except IncompleteValue as exc:
            self._pending[field] = str(exc)
            self._set_hint(str(exc))
            return
        except UserError as exc:
            self._refuse(field, str(exc))
            return
        self._pending.pop(field, None)
        self._set_hint(None)
        if new == old:
            return
        typed = is_typed(self.fields[field])
        merge_key = ("meeting", meeting_id, field, self._sessions[field]) if typed else None
        do, undo_step = self._steps(meeting_id, field, value, value if typed else None)
        text = f"Modifier « {FIELD_LABELS[field]} »"
        if not record_field(self, self._stack, text, do, undo_step, merge_key, field):
            return
        with self._db.reading() as session:
            self._details = get_meeting_details(session, meeting_id)
        self._fill(self._details, skip=field if typed else None)
        self.changed.emit()

    def _steps(
        self, meeting_id: int, field: str, value: Any, typed: Any = None
    ) -> tuple[Callable[[], object], Callable[[], object]]:
        """The edit and its undo, replayed through the services, each checked against
        the version the page shows (a change saved meanwhile elsewhere is refused)."""
        before: dict[str, Any] = {}

        def do() -> None:
            try:
                with self._db.transaction() as session:
                    change = update_meeting(
                        session, meeting_id, field, value, self._seen(meeting_id)
                    )
            except ConflictError:
                raise ConflictError(self._conflict_text(meeting_id, field, typed)) from None
            finally:
                if not self._pushing:
                    self._replayed(meeting_id)
            if not before:
                before.update(change.before)

        def undo_step() -> None:
            try:
                with self._db.transaction() as session:
                    restore_meeting_fields(session, meeting_id, before, self._seen(meeting_id))
            except ConflictError:
                raise ConflictError(self._conflict_text(meeting_id, field)) from None
            finally:
                self._replayed(meeting_id)

        return do, undo_step

    def _seen(self, meeting_id: int) -> int | None:
        """The version of the meeting the page shows (None: another meeting is shown)."""
        details = self._details
        return details.version if details is not None and details.id == meeting_id else None

    def _conflict_text(self, meeting_id: int, field: str, typed: Any = None) -> str:
        """What another workstation changed since the page showed the meeting."""
        with self._db.reading() as session:
            names = {p.id: p.label for p in person_choices(session)}
        people = dict.fromkeys(("chair_id", "signatory_id", "contact_id"), names.get)
        shown_as = {"committee_id": "committee_name", **people}
        captions = {"secretaries": "Secrétaire(s) de séance"}
        kind = RecordKind(MEETING, FIELD_LABELS, get_meeting_details, shown_as, captions=captions)
        shown = self._details if self._seen(meeting_id) is not None else None
        return conflict_text(self._read, kind, shown, meeting_id, field, typed)

    def _read(self, service: Callable[..., Any], *args: Any) -> Any:
        with self._db.reading() as session:
            return service(session, *args)

    def _replayed(self, meeting_id: int) -> None:
        if meeting_id == self._meeting_id:
            self.reload()
        self.changed.emit()

    def _secretary_toggled(self, _person_id: int, _ticked: bool) -> None:
        """Save the secretaries of the session as ticked; undo names the previous ones."""
        meeting_id = self._meeting_id
        if meeting_id is None:
            return
        ticked = self.form.secretaries_model.checked_ids()
        chosen = [pid for pid in ticked if isinstance(pid, int)]
        previous: list[list[int]] = []  # the secretaries before the first run

        def apply(person_ids: list[int]) -> list[int]:
            try:
                with self._db.transaction() as session:
                    seen = self._seen(meeting_id)
                    return set_secretaries(session, meeting_id, person_ids, seen)
            except ConflictError:
                text = self._conflict_text(meeting_id, "secretaries")
                raise ConflictError(text) from None

        def do() -> None:
            try:
                before = apply(chosen)
            finally:
                if not self._pushing:
                    self._replayed(meeting_id)
            if not previous:
                previous.append(before)

        def undo_step() -> None:
            try:
                apply(previous[0])
            finally:
                self._replayed(meeting_id)

        self._pushing = True
        try:
            undo.record(self._stack, "Changer les secrétaires de séance", do, undo_step)
        except UserError as exc:
            messages.show_error(self, str(exc))
        finally:
            self._pushing = False
        self.reload()
        self.changed.emit()

    def _finish(self, field: str) -> None:
        """The user left a field: refuse a value still unfinished, show the saved one.

        Typing there again later is another undo step.
        """
        self._sessions[field] += 1
        message = self._pending.pop(field, None)
        if message is not None:
            self._refuse(field, message)
        elif self._details is not None:
            with signals_blocked(self.fields.values()):
                set_value(self.fields[field], getattr(self._details, field))

    def _refuse(self, field: str, message: str) -> None:
        self._pending.pop(field, None)
        self._set_hint(None)
        messages.show_error(self, message)
        if self._details is not None:
            with signals_blocked(self.fields.values()):
                set_value(self.fields[field], getattr(self._details, field))

    def _set_hint(self, message: str | None) -> None:
        suffix = " La valeur enregistrée reste inchangée en attendant." if message else ""
        self.hint_label.setText(f"{message}{suffix}" if message else "")
        self.hint_label.setVisible(bool(message))


def _look_read_only(widget: QWidget, read_only: bool) -> None:
    """A read-only field takes the window's background, so that it does not invite
    typing; an editable one, the application's usual field colour."""
    palette = QApplication.palette(widget)
    if read_only:
        palette.setColor(QPalette.ColorRole.Base, palette.color(QPalette.ColorRole.Window))
    widget.setPalette(palette)
