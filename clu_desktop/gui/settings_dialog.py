"""The settings: the organisation printed in the letterhead, its logo and fonts, and the
committee new meetings belong to. Edits are saved as they are made; Ctrl+Z undoes them."""

from __future__ import annotations

from collections import Counter
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QPixmap, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from clu_desktop.errors import ConflictError, UserError
from clu_desktop.gui import colours, messages, undo
from clu_desktop.gui.conflicts import RecordKind, telling_changes
from clu_desktop.gui.meeting.binding import connect_editor, is_typed, set_value, signals_blocked
from clu_desktop.gui.meeting.widgets import ChoiceCombo, ChoiceModel
from clu_desktop.gui.undo import UndoKeys
from clu_desktop.services.meeting_details import IncompleteValue, committee_choices
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
# (field, caption, accessible name, placeholder; multi-line fields show "\n" as lines)
TEXT_FIELDS = [
    ("authority", "A&utorité", "Autorité", "PRÉFET\nDE LA HAUTE-MARNE"),
    ("motto", "De&vise", "Devise", "Liberté\nÉgalité\nFraternité"),
    ("service_block", "&Bloc du service", "Bloc du service", "Secrétariat Général\nCommun…"),
    ("service_name", "No&m du service", "Nom du service", "SERVICE DE LA RELATION AUX USAGERS"),
    ("town", "Vi&lle", "Ville", "Chaumont"),
    ("phone", "&Téléphone", "Téléphone", "03 25 30 22 22"),
    ("email", "&Courriel", "Courriel", "pref-accueil@haute-marne.gouv.fr"),
    ("website", "Site &internet", "Site internet", "www.haute-marne.gouv.fr"),
]
MULTILINE = {"authority", "motto", "service_block"}
# (field, caption, what the file dialog asks for, its filter)
FILE_FIELDS = [
    ("logo_path", "L&ogo", "Choisir le logo", IMAGE_FILTER),
    ("font_path", "Police &normale", "Choisir la police normale", FONT_FILTER),
    ("font_bold_path", "Police &grasse", "Choisir la police grasse", FONT_FILTER),
]
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
        self.setObjectName("settingsDialog")
        self.setWindowTitle("Paramètres")
        self.setAccessibleName("Paramètres")
        self.undo_stack = QUndoStack(self)
        self.fields: dict[str, QWidget] = {}
        self.paths: dict[str, QLineEdit] = {}
        self.choose_buttons: dict[str, QPushButton] = {}
        self.remove_buttons: dict[str, QPushButton] = {}

        layout = QVBoxLayout(self)
        intro = QLabel(
            "Les modifications sont enregistrées au fur et à mesure\u00a0; "
            "Ctrl+Z annule la dernière."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        boxes = [self._identity_box(), self._files_box(), self._meetings_box()]
        for box in boxes:
            layout.addWidget(box)
        # One label column for the three groups, so that their fields line up.
        labels = [label for box in boxes for label in box.findChildren(QLabel) if label.buddy()]
        width = max(label.sizeHint().width() for label in labels)
        for label in labels:
            label.setMinimumWidth(width)
        self.hint_label = QLabel()
        self.hint_label.setObjectName("settingsHint")
        self.hint_label.setAccessibleName("Valeur à compléter")
        self.hint_label.setTextFormat(Qt.TextFormat.PlainText)
        self.hint_label.setWordWrap(True)
        colours.paint(self.hint_label, colours.ERROR)
        self.hint_label.setFixedHeight(2 * self.hint_label.fontMetrics().lineSpacing() + 4)
        self.hint_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        layout.addWidget(self.hint_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setText("&Fermer")
        self.close_button.setObjectName("closeButton")
        self.close_button.setAccessibleName("Fermer les paramètres")
        buttons.rejected.connect(self.reject)
        # Enter in a field must not close the dialog nor open a file dialog.
        for button in (
            self.close_button,
            *self.choose_buttons.values(),
            *self.remove_buttons.values(),
        ):
            button.setAutoDefault(False)
            button.setDefault(False)
        layout.addWidget(buttons)

        for field, widget in self.fields.items():
            connect_editor(widget, partial(self._edit, field), partial(self._finish, field))
        editors = [*self.fields.values(), *self.choose_buttons.values()]
        self.undo_keys = UndoKeys(lambda: self.undo_stack, self)
        self.undo_keys.watch(*editors)
        for name, keys, slot in (
            ("undoAction", [QKeySequence.StandardKey.Undo], self.undo_stack.undo),
            ("redoAction", [QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")], self.redo),
        ):
            action = QAction(self)
            action.setObjectName(name)
            action.setShortcuts(keys)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
        self.reload()
        self.fields["authority"].setFocus()
        self.resize(660, self.sizeHint().height())
        self.ensurePolished()
        layout.activate()

    def redo(self) -> None:
        self.undo_stack.redo()

    # Building

    def _identity_box(self) -> QGroupBox:
        box = QGroupBox("En-tête des documents")
        box.setObjectName("identityGroup")
        form = QFormLayout(box)
        for field, caption, accessible, placeholder in TEXT_FIELDS:
            if field in MULTILINE:
                edit: QWidget = QPlainTextEdit()
                edit.setTabChangesFocus(True)
                edit.setPlaceholderText(placeholder)
                lines = placeholder.count("\n") + 1
                edit.setFixedHeight(edit.fontMetrics().lineSpacing() * max(lines, 2) + 12)
                edit.setToolTip("Une ligne imprimée par ligne")
            else:
                edit = QLineEdit()
                edit.setPlaceholderText(f"ex. {placeholder}")
            edit.setObjectName(f"{_camel(field)}Edit")
            edit.setAccessibleName(accessible)
            self.fields[field] = edit
            _add_row(form, f"{caption}\u00a0:", edit)
        return box

    def _files_box(self) -> QGroupBox:
        box = QGroupBox("Logo et polices")
        box.setObjectName("filesGroup")
        form = QFormLayout(box)
        for field, caption, title, file_filter in FILE_FIELDS:
            label = IDENTITY_LABELS[field]
            path = QLineEdit()
            path.setReadOnly(True)
            path.setObjectName(f"{_camel(field)}Edit")
            path.setAccessibleName(f"Fichier — {label}")
            path.setPlaceholderText("aucun fichier")
            choose = QPushButton("Choisir…")
            choose.setObjectName(f"{_camel(field)}ChooseButton")
            choose.setAccessibleName(f"Choisir le fichier — {label}")
            choose.clicked.connect(partial(self._choose, field, title, file_filter))
            remove = QPushButton("Retirer")
            remove.setObjectName(f"{_camel(field)}RemoveButton")
            remove.setAccessibleName(f"Retirer le fichier — {label}")
            remove.clicked.connect(partial(self._save, field, None))
            self.paths[field], self.choose_buttons[field] = path, choose
            self.remove_buttons[field] = remove
            row = QHBoxLayout()
            for widget in (path, choose, remove):
                row.addWidget(widget)
            _add_row(form, f"{caption}\u00a0:", path, row)
            if field == "logo_path":
                self.logo_preview = QLabel()
                self.logo_preview.setObjectName("logoPreview")
                self.logo_preview.setAccessibleName("Aperçu du logo")
                self.logo_preview.setFixedSize(*PREVIEW_SIZE)
                self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
                self.logo_preview.setFrameShape(QLabel.Shape.StyledPanel)
                form.addRow("", self.logo_preview)
        return box

    def _meetings_box(self) -> QGroupBox:
        box = QGroupBox("Séances")
        box.setObjectName("meetingsGroup")
        form = QFormLayout(box)
        self.committee_model = ChoiceModel("(aucun)", self)
        combo = ChoiceCombo(self.committee_model)
        combo.setObjectName("defaultCommitteeCombo")
        combo.setAccessibleName("Comité par défaut des nouvelles séances")
        combo.setToolTip("Le comité des séances créées par « Nouvelle séance »")
        self.fields["default_committee_id"] = combo
        _add_row(form, "Comité par &défaut\u00a0:", combo)
        self.date_style_model = ChoiceModel(None, self)
        self.date_style_model.set_rows(MINUTES_DATE_STYLES.items())
        combo = ChoiceCombo(self.date_style_model)
        combo.setObjectName("minutesDateStyleCombo")
        combo.setAccessibleName("Style de la date du compte-rendu")
        combo.setToolTip(
            "Comment le compte-rendu imprime sa date\u00a0: « Chaumont, le 8 avril 2024 » "
            "ou « Chaumont, le 08 AVR. 2024 »"
        )
        self.fields["minutes_date_style"] = combo
        _add_row(form, "D&ate du compte-rendu\u00a0:", combo)
        return box

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
        self._pushing = True
        try:
            undo.record(self.undo_stack, text, do, undo_step, merge_key)
        except ConflictError as exc:  # saved meanwhile on another workstation
            messages.show_error(self, str(exc))
            self.reload()
            return
        except UserError as exc:
            self._refuse(field, str(exc))
            return
        finally:
            self._pushing = False
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


def _camel(field: str) -> str:
    head, *rest = field.removesuffix("_path").split("_")
    return head + "".join(part.capitalize() for part in rest)


def _add_row(form: QFormLayout, caption: str, buddy: QWidget, field=None) -> None:
    label = QLabel(caption)
    label.setBuddy(buddy)
    form.addRow(label, field if field is not None else buddy)
