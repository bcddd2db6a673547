"""What the agenda item's statements and actions panels share: the item's records in a
list beside the selected one's form (``gui/common/list_editor`` for the quality pages),
read again for another item, added and deleted with undo."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QAbstractItemView, QWidget

from clu_desktop.gui.common.editing import EditContext
from clu_desktop.gui.common.records import add_record
from clu_desktop.services.attendance.invitations import PersonChoice


@dataclass(frozen=True)
class RecordServices:
    """How an item's records are read (``rows(session, item_id)``), added to the item
    (``add(session, item_id)``: the new id), deleted (a snapshot) and restored; the undo
    steps' texts."""

    rows: Callable[..., Any]
    add: Callable[..., int]
    delete: Callable[..., Any]
    restore: Callable[..., Any]
    add_text: str
    delete_text: str


class ItemRecordsPanel(QWidget):
    """A subclass sets ``model`` (``gui/common/rows_model``), ``view`` and ``services``,
    and defines ``_update_editor()`` (the form from ``_current``) and ``_emit_saved()``
    (its own signal)."""

    model: Any
    view: QAbstractItemView
    services: RecordServices

    def __init__(self, context: EditContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._item_id: int | None = None
        self._people: list[PersonChoice] = []
        self._current: Any = None

    def _update_editor(self) -> None:  # pragma: no cover - each panel defines it
        raise NotImplementedError

    def _emit_saved(self) -> None:  # pragma: no cover - each panel defines it
        raise NotImplementedError

    # Loading

    def load(self, item_id: int | None, people: list[PersonChoice]) -> None:
        """Show the records of ``item_id``, keeping the selected one if it is there."""
        kept = self._current.id if self._current is not None and item_id == self._item_id else None
        self._item_id, self._people = item_id, people
        rows = self._context.read(self.services.rows, item_id) if item_id is not None else []
        self.model.set_rows(rows)
        self.select(kept if kept is not None else (rows[0].id if rows else None))

    def reload(self) -> None:
        self.load(self._item_id, self._people)

    def select(self, record_id: int | None) -> None:
        row = self.model.row_of(record_id)
        self._current = self.model.row_at(row) if row is not None else None
        if row is not None:
            self.view.setCurrentIndex(self.model.index(row, 0))
        self._update_editor()

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._current = self.model.row_at(current.row()) if current.isValid() else None
        self._update_editor()

    # Adding and deleting

    def _reloaded(self, record_id: int | None) -> None:
        self.reload()
        self.select(record_id)
        self._emit_saved()

    def _add(self, focus: QWidget) -> None:
        """Add a record to the item, select it and give ``focus`` the focus."""
        if self._item_id is None:
            return
        services = self.services
        new_id = add_record(
            self._context, self, services.add_text, services.add, (self._item_id,),
            services.delete, services.restore,
        )  # fmt: skip
        if new_id is not None:
            self._reloaded(new_id)
            focus.setFocus()

    def _delete(self) -> None:
        services = self.services
        if self._current is not None and self._context.remove(
            services.delete_text, self._current.id, services.delete, services.restore,
            widget=self,
        ):  # fmt: skip
            self._reloaded(None)
