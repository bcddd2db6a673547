"""Layout helpers of the list-and-editor panels: naming a control, a column of widgets,
a row of buttons, a splitter between the list and the form, a label with its buddy, a
message label."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)


def name(widget: QWidget, object_name: str, accessible_name: str, tip: str | None = None):
    """Give a control its objectName, French accessible name and, optionally, tooltip."""
    widget.setObjectName(object_name)
    widget.setAccessibleName(accessible_name)
    if tip:
        widget.setToolTip(tip)
    return widget


def buddy(text: str, widget: QWidget) -> QLabel:
    """A label whose mnemonic (``&``) gives the focus to ``widget``."""
    label = QLabel(text)
    label.setBuddy(widget)
    return label


def button(text: str, object_name: str, accessible_name: str, tip: str = "") -> QPushButton:
    """A push button with its objectName, French accessible name and tooltip."""
    return name(QPushButton(text), object_name, accessible_name, tip)


def _add(layout: QVBoxLayout | QHBoxLayout, part: QWidget | QLayout, stretch: int = 0) -> None:
    if isinstance(part, QLayout):
        layout.addLayout(part, stretch)
    else:
        layout.addWidget(part, stretch)


def column(*parts: QWidget | QLayout, stretch: QWidget | None = None) -> QWidget:
    """A widget holding ``parts`` top to bottom, without margins; ``stretch`` takes the
    height left."""
    widget = QWidget()
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(0, 0, 0, 0)
    for part in parts:
        _add(layout, part, 1 if part is stretch else 0)
    return widget


def button_row(*left: QWidget, right: tuple[QWidget, ...] = ()) -> QHBoxLayout:
    """Buttons on the left, a stretch, then ``right``."""
    row = QHBoxLayout()
    for widget in left:
        row.addWidget(widget)
    row.addStretch(1)
    for widget in right:
        row.addWidget(widget)
    return row


def split(
    object_name: str,
    first: QWidget,
    second: QWidget,
    stretch: tuple[int, int] = (1, 1),
    orientation: Qt.Orientation = Qt.Orientation.Vertical,
) -> QSplitter:
    """A splitter between ``first`` and ``second`` that neither side collapses."""
    splitter = QSplitter(orientation)
    if object_name:
        splitter.setObjectName(object_name)
    splitter.setChildrenCollapsible(False)
    splitter.addWidget(first)
    splitter.addWidget(second)
    splitter.setStretchFactor(0, stretch[0])
    splitter.setStretchFactor(1, stretch[1])
    return splitter


def fill(widget: QWidget, part: QWidget) -> None:
    """``part`` fills ``widget`` (its layout's default margins)."""
    layout = QVBoxLayout(widget)
    layout.addWidget(part)


def message_label(object_name: str, accessible: str) -> QLabel:
    label = name(QLabel(), object_name, accessible)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def rows_view(view: QAbstractItemView, model: Any, single: bool = True) -> Any:
    """``view`` shows ``model`` a record a row: rows selected whole (one at a time when
    ``single``), never edited in place, Tab leaving the view."""
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    if single:
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)
    return view


def settle(window: QWidget, hidden_only: bool = False) -> None:
    """Fix a window's size constraints before its native window exists: the offscreen
    platform warns when they change after it is shown. ``hidden_only``: only while it
    is not shown (a page settles before it is first shown alone)."""
    if hidden_only and window.isVisible():
        return
    window.ensurePolished()
    window.layout().activate()
