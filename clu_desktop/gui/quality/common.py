"""What the quality page's panels share: naming controls, dates in and out of Qt, short
French texts (days left before a deadline), an optional date field and a module list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLayout,
    QListWidget,
    QListWidgetItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clu_desktop.gui.agenda.texts import plain_tooltip, preview
from clu_desktop.gui.common.fields import (
    FIRST_DATE,
    FRENCH,
    LAST_DATE,
    NO_DATE,
    from_qdate,
    select_data,
    set_plain_text,
    text_field,
    to_qdate,
)
from clu_desktop.gui.common.layout import buddy, message_label, name, rows_view
from clu_desktop.gui.common.list_editor import select_row  # noqa: F401

__all__ = [
    "FRENCH",
    "ModuleChecklist",
    "OptionalDate",
    "buddy",
    "date_edit",
    "date_text",
    "days_left_text",
    "from_qdate",
    "message_label",
    "modules_text",
    "name",
    "plain_tooltip",
    "preview",
    "select_data",
    "set_plain_text",
    "text_field",
    "to_qdate",
]


def date_text(value: dt.date | None) -> str:
    return f"{value:%d/%m/%Y}" if value is not None else ""


def days_left_text(days: int | None) -> str:
    """ "dans 412 jours", "échéance aujourd'hui", "échéance dépassée de 3 jours"."""
    if days is None:
        return ""
    if days == 0:
        return "échéance aujourd'hui"
    count = abs(days)
    unit = "jour" if count == 1 else "jours"
    return f"dans {count} {unit}" if days > 0 else f"échéance dépassée de {count} {unit}"


def modules_text(modules: Iterable[object]) -> str:
    """ "module 1, module 6" for the services' ModuleRow (code, title)."""
    return ", ".join(_module_short(m) for m in modules)


def _module_short(module: object) -> str:
    code = getattr(module, "code", "") or ""
    return f"module {code}" if code.isdigit() else code or getattr(module, "title", "")


def module_full_label(module: object) -> str:
    """ "module 1 – relation générale avec les usagers"."""
    label = getattr(module, "label", None)
    if isinstance(label, str) and label:
        return label
    title = getattr(module, "title", "") or ""
    short = _module_short(module)
    return f"{short} – {title}" if title and short != title else short


def menu_text(text: str, limit: int = 80) -> str:
    """User text as a menu entry: on one line, shortened, "&" shown as itself."""
    flat = " ".join(text.split())
    flat = flat if len(flat) <= limit else flat[: limit - 1] + "…"
    return flat.replace("&", "&&")


def top_aligned(widget: QWidget, inner: QLayout) -> QWidget:
    """Lay ``inner`` out at the top of ``widget``: fields keep their natural heights."""
    outer = QVBoxLayout(widget)
    outer.setContentsMargins(0, 6, 0, 0)
    outer.addLayout(inner)
    outer.addStretch(1)
    return widget


def date_edit(object_name: str, accessible: str) -> QDateEdit:
    edit = name(QDateEdit(), object_name, accessible)
    edit.setLocale(FRENCH)
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setCalendarPopup(True)
    edit.setDateRange(FIRST_DATE, LAST_DATE)
    return edit


class OptionalDate(QWidget):
    """A date that may be absent: a check box ("connue") and a date field.

    ``edited`` carries a ``datetime.date`` or None, only when the user changes it.
    """

    edited = Signal(object)

    def __init__(self, object_name: str, accessible: str, check_text: str) -> None:
        super().__init__()
        self.setObjectName(object_name)
        self.check = name(QCheckBox(check_text), f"{object_name}Known", f"{accessible} connue")
        self.edit = date_edit(f"{object_name}Date", accessible)
        self.edit.setDateRange(NO_DATE, LAST_DATE)
        self.edit.setSpecialValueText(" ")  # the date before the first one: shown blank
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit)
        layout.addStretch(1)
        self.setFocusProxy(self.check)
        self.check.toggled.connect(self._toggled)
        self.edit.dateChanged.connect(self._changed)
        self.set_value(None)

    def value(self) -> dt.date | None:
        date = self.edit.date()
        return from_qdate(date) if self.check.isChecked() and date > NO_DATE else None

    def set_value(self, value: dt.date | None) -> None:
        self.check.blockSignals(True)
        self.edit.blockSignals(True)
        self.check.setChecked(value is not None)
        self.edit.setEnabled(value is not None)
        if value is None:
            self.edit.setMinimumDate(NO_DATE)
            self.edit.setDate(NO_DATE)
        else:
            self.edit.setMinimumDate(FIRST_DATE)
            self.edit.setDate(to_qdate(value))
        self.edit.blockSignals(False)
        self.check.blockSignals(False)

    def _toggled(self, checked: bool) -> None:
        self.set_value(dt.date.today() if checked else None)
        self.edited.emit(self.value())

    def _changed(self, value: QDate) -> None:
        if self.check.isChecked() and value > NO_DATE:
            self.edited.emit(from_qdate(value))


class ModuleChecklist(QListWidget):
    """The modules of a referential, each with a check box; ``edited`` carries the list
    of the ids checked, only when the user changes one."""

    edited = Signal(list)

    def __init__(self, object_name: str, accessible: str) -> None:
        super().__init__()
        name(self, object_name, accessible)
        self.setUniformItemSizes(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.itemChanged.connect(lambda _item: self.edited.emit(self.checked_ids()))

    def set_modules(self, modules: Iterable[object], checked: Iterable[int]) -> None:
        chosen = set(checked)
        self.blockSignals(True)
        self.clear()
        for module in modules:
            item = QListWidgetItem(module_full_label(module))
            item.setToolTip(plain_tooltip(module_full_label(module)))
            item.setData(Qt.ItemDataRole.UserRole, module.id)  # type: ignore[attr-defined]
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable
            )
            state = module.id in chosen  # type: ignore[attr-defined]
            item.setCheckState(Qt.CheckState.Checked if state else Qt.CheckState.Unchecked)
            self.addItem(item)
        self.blockSignals(False)

    def checked_ids(self) -> list[int]:
        return [
            self.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.count())
            if self.item(row).checkState() == Qt.CheckState.Checked
        ]


def table_view(object_name: str, accessible: str, model) -> QTableView:
    """A read-only list of records, one selected row at a time."""
    view = rows_view(name(QTableView(), object_name, accessible), model)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setHighlightSections(False)
    view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    rows = view.verticalHeader().defaultSectionSize()
    view.setMinimumHeight(view.horizontalHeader().sizeHint().height() + rows * 3 + 4)
    return view


def fit_columns(
    view: QTableView,
    stretch: int | None,
    widths: dict[int, int] | None = None,
    wrap: bool = False,
) -> None:
    """Columns as wide as their content, ``stretch`` taking the remaining width (None:
    the last one), ``widths`` set by hand (the user may resize them); ``wrap``: long
    texts on several lines, each row as high as its text."""
    header = view.horizontalHeader()
    header.setStretchLastSection(stretch is None)
    for column in range(view.model().columnCount()):
        if widths and column in widths:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, widths[column])
        elif column == stretch:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        else:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    if wrap:
        view.setWordWrap(True)
        rows = view.verticalHeader()
        rows.setMinimumSectionSize(view.fontMetrics().lineSpacing() + 12)  # one-line rows
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
