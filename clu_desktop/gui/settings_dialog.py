"""The settings: the organisation printed in the letterhead, its logo and fonts, and the
committee new meetings belong to. Edits are saved as they are made; Ctrl+Z undoes them.

The dialog's layout, labels and texts are the Designer form ui/settings.ui; this class
fills its fields and saves what is typed."""

from __future__ import annotations

from collections import Counter
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QWidget,
)

from clu_desktop.errors import UserError
from clu_desktop.gui import colours, messages, undo
from clu_desktop.gui.common.binding import (
    connect_editor,
    is_typed,
    record_field,
    set_value,
    signals_blocked,
)
from clu_desktop.gui.common.widgets import ChoiceModel
from clu_desktop.gui.conflicts import RecordKind, telling_changes
from clu_desktop.gui.forms.ui_settings import Ui_SettingsDialog
from clu_desktop.gui.undo import UndoKeys
from clu_desktop.rules.fields import IncompleteValue
from clu_desktop.services.meetings.details import committee_choices
from clu_desktop.services.settings import (
    IDENTITY,
    IDENTITY_LABELS,
    MINUTES_DATE_STYLES,
    IdentityDetails,
    clean_identity_value,
    get_default_committee_id,
    get_identity,
    get_minutes_date_style,
    restore_identity,
    set_default_committee_id,
    set_minutes_date_style,
    update_identity,
)
from clu_desktop.store.database import Database

PREVIEW_SIZE = (240, 80)
#: How a conflict names the letterhead and what changed in it.
IDENTITY_KIND = RecordKind(
    IDENTITY, IDENTITY_LABELS, lambda session, _id: get_identity(session), page="la fenêtre"
)
IMAGE_FILTER = "Images PNG ou JPEG (*.png *.jpg *.jpeg)"
FONT_FILTER = "Polices TrueType ou OpenType (*.ttf *.otf)"
#: The fields of several lines (a printed line each); the others are one line.
MULTILINE = ("authority", "motto", "service_block")
#: The file fields: what the file dialog asks for, its filter.
FILE_DIALOGS = {
    "logo_path": ("Choisir le logo", IMAGE_FILTER),
    "font_path": ("Choisir la police normale", FONT_FILTER),
    "font_bold_path": ("Choisir la police grasse", FONT_FILTER),
}
# Settings chosen in a list: (undo text, how to read the stored value, how to store one).
CHOICE_FIELDS = {
    "default_committee_id": (
        "Modifier le comité par défaut",
        get_default_committee_id,
        set_default_committee_id,
    ),
    "minutes_date_style": (
        "Modifier la date du compte-rendu",
        get_minutes_date_style,
        set_minutes_date_style,
    ),
}


def choose_file(parent: QWidget, title: str, start: str, file_filter: str) -> str | None:
    """Ask for a file to open; None when the user cancels (tests replace this)."""
    name, _ = QFileDialog.getOpenFileName(parent, title, start, file_filter)
    return name or None


class SettingsDialog(QDialog):
    """Letterhead identity, logo and font files, default committee."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._identity = IdentityDetails("", *([None] * 10))
        self._choices: dict[str, Any] = dict.fromkeys(CHOICE_FIELDS)
        self._pending: dict[str, str] = {}
        self._sessions: Counter[str] = Counter()
        self._pushing = False
        self.undo_stack = QUndoStack(self)
        self.ui = ui = Ui_SettingsDialog()
        ui.setupUi(self)
        self.fields = {
            "authority": ui.authorityEdit,
            "motto": ui.mottoEdit,
            "service_block": ui.serviceBlockEdit,
            "service_name": ui.serviceNameEdit,
            "town": ui.townEdit,
            "phone": ui.phoneEdit,
            "email": ui.emailEdit,
            "website": ui.websiteEdit,
            "default_committee_id": ui.defaultCommitteeCombo,
            "minutes_date_style": ui.minutesDateStyleCombo,
        }
        self.paths = {
            "logo_path": ui.logoEdit,
            "font_path": ui.fontEdit,
            "font_bold_path": ui.fontBoldEdit,
        }
        self.choose_buttons = {
            "logo_path": ui.logoChooseButton,
            "font_path": ui.fontChooseButton,
            "font_bold_path": ui.fontBoldChooseButton,
        }
        self.remove_buttons = {
            "logo_path": ui.logoRemoveButton,
            "font_path": ui.fontRemoveButton,
            "font_bold_path": ui.fontBoldRemoveButton,
        }
        self.logo_preview = ui.logoPreview
        for field in MULTILINE:  # as high as their placeholder's lines (two at least)
            edit = self.fields[field]
            lines = edit.placeholderText().count("\n") + 1
            edit.setFixedHeight(edit.fontMetrics().lineSpacing() * max(lines, 2) + 12)
        for field, (title, file_filter) in FILE_DIALOGS.items():
            self.choose_buttons[field].clicked.connect(
                partial(self._choose, field, title, file_filter)
            )
            self.remove_buttons[field].clicked.connect(partial(self._save, field, None))
        self.committee_model = ChoiceModel("(aucun)", self)
        ui.defaultCommitteeCombo.set_choices(self.committee_model)
        self.date_style_model = ChoiceModel(None, self)
        self.date_style_model.set_rows(MINUTES_DATE_STYLES.items())
        ui.minutesDateStyleCombo.set_choices(self.date_style_model)
        # One label column for the three groups, so that their fields line up.
        groups = (ui.identityGroup, ui.filesGroup, ui.meetingsGroup)
        labels = [label for box in groups for label in box.findChildren(QLabel) if label.buddy()]
        width = max(label.sizeHint().width() for label in labels)
        for label in labels:
            label.setMinimumWidth(width)
        self.hint_label = ui.settingsHint
        colours.paint(self.hint_label, colours.ERROR)
        self.hint_label.setFixedHeight(2 * self.hint_label.fontMetrics().lineSpacing() + 4)
        self.close_button = ui.buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setText("&Fermer")
        self.close_button.setObjectName("closeButton")
        self.close_button.setAccessibleName("Fermer les paramètres")
        ui.buttons.rejected.connect(self.reject)
        # Enter in a field must not close the dialog nor open a file dialog.
        self.close_button.setAutoDefault(False)
        self.close_button.setDefault(False)

        for field, widget in self.fields.items():
            connect_editor(widget, partial(self._edit, field), partial(self._finish, field))
        editors = [*self.fields.values(), *self.choose_buttons.values()]
        self.undo_keys = UndoKeys(lambda: self.undo_stack, self)
        self.undo_keys.watch(*editors)
        undo.undo_actions(self, self.undo_stack.undo, self.redo)
        self.reload()
        self.fields["authority"].setFocus()
        self.resize(660, self.sizeHint().height())
        self.ensurePolished()
        self.layout().activate()

    def redo(self) -> None:
        self.undo_stack.redo()

    # Showing

    def reload(self) -> None:
        """Show what the database holds (at opening, after undo and redo)."""
        self._pending.clear()
        self._set_hint(None)
        with self._db.reading() as session:
            self._identity = get_identity(session)
            committees = committee_choices(session)
            self._read_choices(session)
        with signals_blocked(self.fields.values()):
            self.committee_model.set_rows((c.id, c.name) for c in committees)
        self._fill()

    def _read_choices(self, session) -> None:
        for field, (_text, read, _write) in CHOICE_FIELDS.items():
            self._choices[field] = read(session)

    def _fill(self, skip: str | None = None) -> None:
        with signals_blocked(self.fields.values()):
            for field, widget in self.fields.items():
                if field != skip:
                    set_value(widget, self._saved(field))
        for field, path in self.paths.items():
            value = getattr(self._identity, field)
            path.setText(value or "")
            path.setToolTip(value or "")
            self.remove_buttons[field].setEnabled(value is not None)
        self._show_logo(self._identity.logo_path)

    def _show_logo(self, path: str | None) -> None:
        pixmap = QPixmap(path) if path and Path(path).is_file() else QPixmap()
        if pixmap.isNull():
            self.logo_preview.setPixmap(QPixmap())
            self.logo_preview.setText("Aucun logo" if not path else "Aperçu indisponible")
            return
        self.logo_preview.setPixmap(
            pixmap.scaled(
                *PREVIEW_SIZE,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    def _saved(self, field: str) -> Any:
        if field in CHOICE_FIELDS:
            return self._choices[field]
        return getattr(self._identity, field)

    # Editing

    def _edit(self, field: str, value: Any) -> None:
        if field not in CHOICE_FIELDS:
            try:
                new = clean_identity_value(field, value)
            except IncompleteValue as exc:
                self._pending[field] = str(exc)
                self._set_hint(str(exc))
                return
            except UserError as exc:
                self._refuse(field, str(exc))
                return
            if new == self._saved(field):
                self._pending.pop(field, None)
                self._set_hint(None)
                return
        self._save(field, value)

    def _save(self, field: str, value: Any) -> None:
        self._pending.pop(field, None)
        self._set_hint(None)
        old = self._saved(field)
        widget = self.fields.get(field)
        typed = widget is not None and is_typed(widget)
        merge_key = ("settings", field, self._sessions[field]) if typed else None
        # Each save (undo and redo too) passes what the dialog shows: the letterhead's
        # version, the choice seen; another workstation's change meanwhile is refused.
        if field in CHOICE_FIELDS:
            text, _read, write = CHOICE_FIELDS[field]
            do = partial(self._write_seen, field, None, write, value)
            undo_step = partial(self._write_seen, field, None, write, old)
        else:
            text = f"Modifier « {IDENTITY_LABELS[field]} »"
            typed_text = value if isinstance(value, str) else None
            do = partial(self._write_seen, field, typed_text, update_identity, field, value)
            undo_step = partial(self._write_seen, field, None, restore_identity, {field: old})
        if not record_field(self, self.undo_stack, text, do, undo_step, merge_key, field):
            return
        with self._db.reading() as session:
            self._identity = get_identity(session)
            self._read_choices(session)
        self._fill(skip=field if typed else None)

    def _write_seen(self, field: str, typed: Any, service, *args: Any) -> None:
        """``service(session, *args, seen)`` with what the dialog shows now (the choice
        of ``field``, or the letterhead's version); a conflict says what changed."""
        if field in CHOICE_FIELDS:
            self._write(service, *args, self._choices[field])
            return
        with telling_changes(self._read, IDENTITY_KIND, self._identity, 0, field, typed):
            self._write(service, *args, self._identity.version)

    def _read(self, service, *args: Any) -> Any:
        with self._db.reading() as session:
            return service(session, *args)

    def _write(self, service, *args: Any) -> None:
        """Run a service in a transaction; when undo or redo replays it, show again."""
        try:
            with self._db.transaction() as session:
                service(session, *args)
        finally:
            if not self._pushing:
                self.reload()

    def _choose(self, field: str, title: str, file_filter: str) -> None:
        current = getattr(self._identity, field)
        start = str(Path(current).parent) if current else str(Path.home())
        name = choose_file(self, title, start, file_filter)
        if name is not None:
            self._save(field, name)

    def _finish(self, field: str) -> None:
        self._sessions[field] += 1
        message = self._pending.pop(field, None)
        if message is not None:
            self._refuse(field, message)
        else:
            with signals_blocked(self.fields.values()):
                set_value(self.fields[field], self._saved(field))

    def _refuse(self, field: str, message: str) -> None:
        self._pending.pop(field, None)
        self._set_hint(None)
        messages.show_error(self, message)
        if field in self.fields:
            with signals_blocked(self.fields.values()):
                set_value(self.fields[field], self._saved(field))

    def _set_hint(self, message: str | None) -> None:
        suffix = " La valeur enregistrée reste inchangée en attendant." if message else ""
        self.hint_label.setText(f"{message}{suffix}" if message else "")
