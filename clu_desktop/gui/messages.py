"""Every message box of the application goes through here, so tests can answer them."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

TITLE = "CLU Desktop"


def message_box(parent: QWidget | None, icon: QMessageBox.Icon, text: str) -> QMessageBox:
    """Messages quote what users typed (names, titles): shown as plain text, never as
    markup."""
    box = QMessageBox(icon, TITLE, text, QMessageBox.StandardButton.Ok, parent)
    from PySide6.QtCore import Qt  # not at import: the window's frame shows without it

    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def _show(parent: QWidget | None, icon: QMessageBox.Icon, text: str) -> None:
    message_box(parent, icon, text).exec()


def show_error(parent: QWidget | None, text: str) -> None:
    _show(parent, QMessageBox.Icon.Warning, text)


def show_info(parent: QWidget | None, text: str) -> None:
    _show(parent, QMessageBox.Icon.Information, text)


def confirm(parent: QWidget | None, question: str, action: str, cancel: str = "Annuler") -> bool:
    """Ask before something that cannot be undone; ``action`` and ``cancel`` name the
    buttons (True: ``action``)."""
    box = QMessageBox(QMessageBox.Icon.Question, TITLE, question, parent=parent)
    from PySide6.QtCore import Qt  # not at import: the window's frame shows without it

    box.setTextFormat(Qt.TextFormat.PlainText)
    yes = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(cancel, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(QMessageBox.StandardButton.NoButton)
    box.exec()
    return box.clickedButton() is yes
