"""Message boxes quote what users typed: markup in a name is shown as written."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from clu_desktop.gui.messages import message_box


def test_an_error_quoting_markup_shows_it_as_plain_text(qtbot):
    text = "La personne « <b>Dupont</b> & fils » est introuvable."
    box = message_box(None, QMessageBox.Icon.Warning, text)
    qtbot.addWidget(box)

    assert box.text() == text
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert box.icon() == QMessageBox.Icon.Warning
