"""What the directory's tabs share: a table of records beside the selected one's form
(``gui/common`` for the list-and-editor panels of the meeting pages), searched as the user
types, records created in a dialog, deleted or merged with undo (the snapshot the
service returns is put back by ``restore_snapshot``)."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QPushButton, QTableView, QWidget

from clu_desktop.gui.common.layout import name, rows_view
from clu_desktop.gui.directory.editing import (
    DirectoryContext,
)
from clu_desktop.gui.directory.table_model import ID_ROLE
from clu_desktop.services.directory.common import restore_snapshot


def make_table(object_name: str, accessible_name: str, model) -> QTableView:
    table = rows_view(name(QTableView(), object_name, accessible_name), model, single=False)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    table.horizontalHeader().setHighlightSections(False)
    return table


def make_button(text: str, object_name: str, accessible_name: str, slot) -> QPushButton:
    button = name(QPushButton(text), object_name, accessible_name)
    button.clicked.connect(slot)
    return button


def select_table_row(table: QTableView, row: int | None) -> None:
    """Make ``row`` the current and only selected row (None: clear the selection)."""
    if row is None:
        table.selectionModel().clear()
        return
    index = table.model().index(row, 0)
    table.selectionModel().setCurrentIndex(
        index,
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    table.scrollTo(index)


def chain_tab_order(*widgets: QWidget) -> None:
    """Tab goes through ``widgets`` in this order."""
    for first, second in itertools.pairwise(widgets):
        QWidget.setTabOrder(first, second)


class DirectoryTab(QWidget):
    """A subclass sets ``model`` and ``table`` and defines ``refresh(select_id)``."""

    model: Any
    table: QTableView

    def __init__(
        self,
        ctx: DirectoryContext,
        clear_search: Callable[[], None],
        object_name: str,
        accessible_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        name(self, object_name, accessible_name)
        self._ctx, self._clear_search = ctx, clear_search
        self.query = ""
        self.dialog: QDialog | None = None  # the dialog last opened, for tests

    def refresh(self, select_id: int | None = None) -> None:  # pragma: no cover
        raise NotImplementedError

    def set_query(self, text: str) -> None:
        self.query = text
        self.refresh()

    def _list(self, rows: list, select_id: int | None) -> None:
        """List ``rows`` keeping ``select_id`` (else the record shown, else the first)."""
        keep = select_id if select_id is not None else self.current_id()
        self.model.set_rows(rows)
        row = self.model.row_of(keep)
        if row is None and self.model.rowCount():
            row = 0
        select_table_row(self.table, row)

    def current_id(self) -> int | None:
        index = self.table.selectionModel().currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def selected_ids(self) -> list[int]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.row_at(row).id for row in rows]

    def _add_shortcuts(self, new_text: str, new: Callable, delete: Callable | None) -> None:
        """Ctrl+N anywhere in the tab runs ``new``; Suppr in the table runs ``delete``."""
        self.new_action = QAction(new_text, self)
        self.new_action.setShortcut(QKeySequence("Ctrl+N"))
        self.new_action.triggered.connect(new)
        self.addAction(self.new_action)
        if delete is not None:
            self.delete_action = QAction("Supprimer", self.table)
            self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
            self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.delete_action.triggered.connect(delete)
            self.table.addAction(self.delete_action)

    def _open(self, dialog: QDialog) -> None:
        """Open a dialog that deletes itself when closed."""
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _create(
        self,
        text: str,
        add: Callable[[], int],
        delete: Callable[..., object],
        widget: QWidget | None = None,
    ) -> tuple[bool, int | None]:
        """Record a creation: ``add()`` writes and returns the new id; undo deletes it
        (``delete(session, id)`` returns a snapshot), redo restores the snapshot under
        the same id. Errors are shown over ``widget`` (the dialog)."""
        held: dict = {}

        def do() -> int:
            if "snapshot" in held:  # redo: the same record, with the same id
                self._ctx.write(restore_snapshot, held.pop("snapshot"))
            else:
                held["id"] = add()
            return held["id"]

        def undo() -> None:
            held["snapshot"] = self._ctx.write(delete, held["id"])

        return self._ctx.attempt(widget or self.dialog, text, do, undo)

    def _created(self, done: bool, record_id: int | None, focus: QWidget | None = None) -> bool:
        """After a creation: the new record shown (the search cleared, as it may not
        match), ``focus`` given the focus."""
        if done:
            if self.query:
                self._clear_search()
            self.refresh(select_id=record_id)
            if focus is not None:
                focus.setFocus()
        return done

    def _change(self, widget: QWidget | None, text: str, service: Callable, *args: Any) -> bool:
        """``service(session, *args)`` returns a snapshot that undo puts back."""
        held: dict = {}

        def do() -> None:
            held["snapshot"] = self._ctx.write(service, *args)

        def undo() -> None:
            self._ctx.write(restore_snapshot, held["snapshot"])

        return self._ctx.attempt(widget, text, do, undo)[0]

    def _merged(self, text: str, service: Callable, kept_id: int, other_id: int) -> bool:
        """Merge ``other_id`` into ``kept_id`` (the merge dialog's answer)."""
        done = self._change(self.dialog, text, service, kept_id, other_id)
        if done:
            self.refresh(select_id=kept_id)
        return done
