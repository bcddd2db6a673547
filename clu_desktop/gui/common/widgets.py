"""Editors the pages and the settings share: a list model of choices, its combo box (a
searchable one for long lists of people), date and time editors that may stay empty."""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable

from PySide6.QtCore import (
    QAbstractListModel,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTime,
    Signal,
)
from PySide6.QtGui import QFocusEvent, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QDateEdit,
    QTimeEdit,
    QWidget,
)

from clu_desktop.gui.common.fields import FIRST_DATE, FRENCH, LAST_DATE, NO_DATE
from clu_desktop.gui.pickers import make_searchable

ID_ROLE = Qt.ItemDataRole.UserRole
#: How an optional date is emptied from the keyboard (a date is one Tab stop: the
#: « Effacer » button beside it is for the mouse).
CLEAR_HINT = "Suppr\u00a0: retirer la date"

_Index = QModelIndex | QPersistentModelIndex


class ChoiceModel(QAbstractListModel):
    """Rows of (id, label) for combo boxes; an optional first row stands for "none"."""

    def __init__(self, none_label: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._none_label = none_label
        self._rows: list[tuple[Hashable | None, str]] = []
        self._row_of: dict[Hashable | None, int] = {}
        self.set_rows([])

    def set_rows(self, rows: Iterable[tuple[Hashable, str]]) -> None:
        self.beginResetModel()
        head = [(None, self._none_label)] if self._none_label is not None else []
        self._rows = head + list(rows)
        self._row_of = {key: row for row, (key, _label) in enumerate(self._rows)}
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        key, label = self._rows[index.row()]
        if role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.EditRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return label
        if role == ID_ROLE:
            return key
        return None

    def row_of(self, key: Hashable | None) -> int | None:
        return self._row_of.get(key)

    def id_at(self, row: int) -> Hashable | None:
        return self._rows[row][0] if 0 <= row < len(self._rows) else None

    def label_of(self, key: Hashable | None) -> str | None:
        row = self._row_of.get(key)
        return self._rows[row][1] if row is not None else None


class ChoiceCombo(QComboBox):
    """A combo box over a ChoiceModel that says which id the user chose."""

    chosen = Signal(object)  # the id, None for the "none" row

    def __init__(self, model: ChoiceModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.choices = model
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(24)
        self.currentIndexChanged.connect(self._on_index_changed)

    def current_id(self) -> Hashable | None:
        return self.choices.id_at(self.currentIndex())

    def set_current_id(self, key: Hashable | None) -> None:
        """Show ``key`` (no signal when the caller blocks them)."""
        row = self.choices.row_of(key)
        self.setCurrentIndex(row if row is not None else -1)

    def _on_index_changed(self, row: int) -> None:
        if row >= 0:
            self.chosen.emit(self.choices.id_at(row))


class SearchableCombo(ChoiceCombo):
    """An editable combo for long lists, searched as every picker is
    (:func:`clu_desktop.gui.pickers.make_searchable`): typing any words of a label, in
    any order, case or accents, proposes the matching rows; leaving the field chooses the
    row named (or the only one proposed), else goes back to the current choice; an empty
    text chooses the "none" row."""

    def __init__(self, model: ChoiceModel, parent: QWidget | None = None) -> None:
        super().__init__(model, parent)
        self.setMinimumContentsLength(34)
        self.setMaxVisibleItems(15)
        self.search = make_searchable(self)


class _Calendar(QCalendarWidget):
    """The popup calendar: an empty optional date opens on today's month, in French."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setLocale(FRENCH)
        self.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)

    def showEvent(self, event: QShowEvent) -> None:
        if self.selectedDate() == NO_DATE:
            today = QDate.currentDate()
            self.setCurrentPage(today.year(), today.month())
        super().showEvent(event)


class DateEdit(QDateEdit):
    """dd/MM/yyyy with a calendar; an optional one shows ``empty_text`` when it has no date.

    Typing changes the date when the field is left or Enter is pressed; arrows at once.
    Typing digits in an empty one starts from today's date, day first ("05122023" gives
    05/12/2023). Suppr empties an optional one (so does Retour arrière on the whole text).
    """

    def __init__(self, optional: bool = False, empty_text: str = "non daté") -> None:
        super().__init__()
        self.optional = optional
        self._empty_text = empty_text
        self.setLocale(FRENCH)
        self.setDisplayFormat("dd/MM/yyyy")
        self.setCalendarPopup(True)
        self.setCalendarWidget(_Calendar(self))
        self.setKeyboardTracking(False)
        self.setDateRange(NO_DATE if optional else FIRST_DATE, LAST_DATE)
        if optional:
            self.setSpecialValueText(empty_text)
            self.setToolTip(CLEAR_HINT)

    def setToolTip(self, text: str) -> None:
        """An optional date's tooltip always ends with how to empty it."""
        if self.optional and CLEAR_HINT not in text:
            text = f"{text}\n{CLEAR_HINT}" if text else CLEAR_HINT
        super().setToolTip(text)

    def value(self) -> dt.date | None:
        date = self.date()
        if self.optional and date == NO_DATE:
            return None
        return dt.date(date.year(), date.month(), date.day())

    def set_value(self, value: dt.date | None) -> None:
        if self.optional:
            self.setSpecialValueText(self._empty_text)  # typing may have taken it away
        if value is None:
            self.setDate(NO_DATE if self.optional else QDate.currentDate())
        else:
            self.setDate(QDate(value.year, value.month, value.day))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        line = self.lineEdit()
        if (
            self.optional
            and not self.isReadOnly()
            and (
                event.key() == Qt.Key.Key_Delete
                or (event.key() == Qt.Key.Key_Backspace and line.selectedText() == line.text())
            )
        ):
            self.set_value(None)
            line.selectAll()
            return
        if self.optional and self.date() == NO_DATE and event.text().isdigit():
            # The digits replace the empty text: a date to type over, from the day.
            self.blockSignals(True)
            self.setSpecialValueText("")
            self.setDate(QDate.currentDate())
            self.blockSignals(False)
            self.setSelectedSection(QDateEdit.Section.DaySection)
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if self.optional:
            self.setSpecialValueText(self._empty_text)


class TimeEdit(QTimeEdit):
    """HH:mm; 00:00 stands for "no time" and shows ``empty_text`` (no meeting is held at
    midnight). Typing digits in the empty field starts a time ("1430" gives 14:30);
    Suppr or Retour arrière on the whole text empties it."""

    def __init__(self, empty_text: str = "non précisée") -> None:
        super().__init__()
        self._empty_text = empty_text
        self.setLocale(FRENCH)
        self.setDisplayFormat("HH:mm")
        self.setKeyboardTracking(False)
        self.setSpecialValueText(empty_text)
        self.setTimeRange(QTime(0, 0), QTime(23, 59))

    def value(self) -> dt.time | None:
        time = self.time()
        if time == QTime(0, 0):
            return None
        return dt.time(time.hour(), time.minute())

    def set_value(self, value: dt.time | None) -> None:
        self.setTime(QTime(0, 0) if value is None else QTime(value.hour, value.minute))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        line = self.lineEdit()
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and (
            line.selectedText() == line.text() or self.value() is None
        ):
            self.setTime(QTime(0, 0))
            return
        if self.value() is None and event.text().isdigit() and self.specialValueText():
            self.setSpecialValueText("")  # the digits replace the empty text from the hours
            self.setSelectedSection(QTimeEdit.Section.HourSection)
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.setSpecialValueText(self._empty_text)
