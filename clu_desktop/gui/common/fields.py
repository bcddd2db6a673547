"""Field helpers of the forms: dates in a QDateEdit (French, a blank « no date » before
the first one) and their conversions; showing a value without signals; a text field
whose Ctrl+Z goes to the meeting's stack."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QComboBox, QPlainTextEdit

from clu_desktop.gui.common.layout import name

FRENCH = QLocale(QLocale.Language.French, QLocale.Country.France)
NO_DATE = QDate(1899, 12, 31)  # shown blank: the field holds no date
FIRST_DATE = QDate(1900, 1, 1)
LAST_DATE = QDate(2200, 12, 31)


def to_qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def select_data(combo: QComboBox, value: object) -> None:
    """Show the entry holding ``value`` (none when absent), without signals."""
    combo.blockSignals(True)
    combo.setCurrentIndex(combo.findData(value))
    combo.blockSignals(False)


def set_plain_text(edit: QPlainTextEdit, text: str | None) -> None:
    """Replace the text of a field (only when it differs), without signals."""
    if edit.toPlainText() != (text or ""):
        edit.blockSignals(True)
        edit.setPlainText(text or "")
        edit.blockSignals(False)


def text_field(object_name: str, accessible: str, lines: int = 3) -> QPlainTextEdit:
    edit = name(QPlainTextEdit(), object_name, accessible)
    edit.setUndoRedoEnabled(False)  # Ctrl+Z goes to the meeting's stack
    edit.setTabChangesFocus(True)
    edit.setMaximumHeight(edit.fontMetrics().lineSpacing() * lines + 14)
    return edit
