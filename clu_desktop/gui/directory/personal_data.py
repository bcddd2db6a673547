"""Personal data from the people tab: export a person's data, erase a person for good.

Erasure cannot be undone: once it is done, every undo stack of the application is
emptied, so that no "Annuler" can bring the person's name back.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from clu_desktop.errors import UserError
from clu_desktop.gui import messages
from clu_desktop.gui.common.layout import name
from clu_desktop.gui.directory.editing import (
    DirectoryContext,
)
from clu_desktop.services.directory.people import get_person
from clu_desktop.services.personal.data import export_file_name, write_person_data
from clu_desktop.services.personal.erasure import (
    ANONYMOUS,
    BACKUP_REMINDER,
    ErasurePreview,
    erase_person,
    erasure_preview,
)
from clu_desktop.services.personal.names import shown_name
from clu_desktop.store.scrub import scrub_after_erasure

JSON_FILTER = "Données personnelles (*.json)"


def ask_export_path(parent: QWidget, suggested: Path) -> Path | None:
    """The system's save dialog; None when the user cancels (tests replace this)."""
    name, _ = QFileDialog.getSaveFileName(
        parent, "Exporter les données de la personne", str(suggested), JSON_FILTER
    )
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".json" else path.with_name(f"{path.name}.json")


def forget_all_undo() -> int:
    """Empty every undo stack of the application's windows; returns how many steps went."""
    dropped = 0
    for window in QApplication.topLevelWidgets():
        for stack in window.findChildren(QUndoStack):
            dropped += stack.count()
            stack.clear()
    return dropped


def _plural(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count == 1 else plural}"


def erasure_text(preview: ErasurePreview) -> str:
    """What will happen, in the user's words."""
    lines = [
        f"{shown_name(preview.person_name)} sera {'effacée' if preview.feminine else 'effacé'}"
        " de l'annuaire et de ses comités.",
        "Cet effacement est définitif : il ne pourra pas être annulé.",
        "",
    ]
    if preview.planned_meetings:
        lines.append(
            f"– {_plural(preview.planned_meetings, 'séance prévue', 'séances prévues')} : "
            "son invitation est retirée."
        )
    if preview.open_meetings:
        lines.append(
            f"– {_plural(preview.open_meetings, 'séance', 'séances')} au compte-rendu non "
            f"signé : sa présence et son nom dans les textes deviennent « {ANONYMOUS} »."
        )
    if preview.signed_meetings:
        lines.append(
            f"– {_plural(preview.signed_meetings, 'compte-rendu signé', 'comptes-rendus signés')}"
            " : son nom reste imprimé tel qu'il a été signé, sauf si vous cochez la case "
            f"ci-dessous (il deviendra alors « {ANONYMOUS} », et le PDF signé conservé "
            "sera refait sans son nom, sa nouvelle empreinte consignée)."
        )
    if not (preview.planned_meetings or preview.open_meetings or preview.signed_meetings):
        lines.append("– Aucune séance ne la mentionne par son lien à l'annuaire.")
    lines += ["", BACKUP_REMINDER]
    return "\n".join(lines)


class ErasePersonDialog(QDialog):
    """Says what erasure will do; « Anonymiser aussi les comptes-rendus signés » is left
    unchecked by default. ``erase(anonymise_signed)`` does it and returns True when done."""

    def __init__(
        self, preview: ErasurePreview, erase: Callable[[bool], bool], parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        name(self, "erasePersonDialog", "Effacer la personne")
        self.setWindowTitle("Effacer la personne")
        self._erase = erase
        self.text = name(QLabel(erasure_text(preview)), "erasureText", "Conséquences")
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.anonymise_check = name(
            QCheckBox("&Anonymiser aussi les comptes-rendus signés"),
            "anonymiseSignedCheck",
            "Anonymiser aussi les comptes-rendus signés",
        )
        self.anonymise_check.setToolTip(
            f"Remplace son nom, son courriel et son téléphone par « {ANONYMOUS} » "
            "dans les comptes-rendus déjà signés, et refait leur PDF signé sans son nom"
        )
        self.anonymise_check.setEnabled(preview.signed_meetings > 0)
        buttons = QDialogButtonBox()
        self.erase_button = buttons.addButton(
            "&Effacer définitivement", QDialogButtonBox.ButtonRole.DestructiveRole
        )
        name(self.erase_button, "erasePersonConfirm", "Effacer définitivement")
        self.cancel_button = buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        name(self.cancel_button, "erasePersonCancel", "Annuler")
        self.cancel_button.setDefault(True)
        self.erase_button.clicked.connect(self._confirmed)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.anonymise_check)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)
        QWidget.setTabOrder(self.anonymise_check, self.cancel_button)
        QWidget.setTabOrder(self.cancel_button, self.erase_button)
        # Size the window before it exists: a later change warns on some platforms.
        self.ensurePolished()
        layout.activate()

    def _confirmed(self) -> None:
        if self._erase(self.anonymise_check.isChecked()):
            self.accept()


class PersonalDataActions:
    """The two actions of the people tab on the current person."""

    def __init__(
        self,
        ctx: DirectoryContext,
        parent: QWidget,
        current_id: Callable[[], int | None],
        after_erasure: Callable[[], None],
    ) -> None:
        self._ctx, self._parent = ctx, parent
        self._current_id, self._after_erasure = current_id, after_erasure
        self.dialog: ErasePersonDialog | None = None  # the dialog last opened, for tests

    def export_current(self) -> Path | None:
        person_id = self._current_id()
        if person_id is None:
            return None
        try:
            person = self._ctx.read(get_person, person_id)
        except UserError as exc:
            messages.show_error(self._parent, str(exc))
            return None
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = Path(folder) / export_file_name(person.last_name, person.first_name)
        path = ask_export_path(self._parent, suggested)
        if path is None:
            return None
        try:
            self._ctx.read(write_person_data, person_id, path)
        except UserError as exc:
            messages.show_error(self._parent, str(exc))
            return None
        messages.show_info(
            self._parent,
            f"Les données de {shown_name(person.display_name)} ont été écrites dans « {path} ».",
        )
        return path

    def erase_current(self) -> None:
        person_id = self._current_id()
        if person_id is None:
            return
        try:
            preview = self._ctx.read(erasure_preview, person_id)
        except UserError as exc:
            messages.show_error(self._parent, str(exc))
            return

        def erase(anonymise_signed: bool) -> bool:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                report = self._ctx.write(erase_person, person_id, anonymise_signed)
                # Committed: now the file forgets the old text (free pages, -wal, index).
                scrub = scrub_after_erasure(self._ctx.db, report.tables)
            except UserError as exc:
                messages.show_error(self.dialog, str(exc))
                return False
            finally:
                QApplication.restoreOverrideCursor()
            forget_all_undo()
            self._after_erasure()
            self._ctx.saved.emit()
            messages.show_info(
                self._parent, "\n".join(filter(None, (report.message, scrub.message)))
            )
            return True

        self.dialog = ErasePersonDialog(preview, erase, self._parent)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.open()
