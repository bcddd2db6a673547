"""The « list beside an editor » panel: a list (or table) of records on one side, the
selected record's form on the other. Each field saves on each change (``_save``), the
form shows the selected record again after a refusal or a conflict (``_show_current``),
deleting asks nothing but is undone by Ctrl+Z.

A panel mixes ``ListEditor`` into its QWidget class and sets ``model`` (a row model with
``set_rows``, ``update_rows``, ``rows``, ``row_of``, ``row_at``), ``view`` and
``context`` (and ``editor``, the form); it defines ``_show_current()`` (the form from
``model``'s current row, taken by ``_take_current``), ``_saved(ok)`` (after a save) and
``reload(select_id)``. A panel saving through ``QualityContext.save_field`` names
its record ``kind`` and its ``update_service``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex


def select_row(view: Any, row: int | None) -> None:
    """Make ``row`` current and selected (None: no row)."""
    model = view.model()
    if row is None or not 0 <= row < model.rowCount():
        view.selectionModel().clear()
        return
    index = model.index(row, 0)
    view.selectionModel().setCurrentIndex(
        index,
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )


def show_rows(view: Any, rows: Sequence[Any], select_id: int | None) -> None:
    """Give ``view``'s model ``rows`` and select ``select_id`` (else the first row)."""
    model = view.model()
    model.set_rows(rows)
    row = model.row_of(select_id)
    select_row(view, row if row is not None else (0 if rows else None))


class ListEditor:
    """What the list-and-editor panels share (see the module)."""

    _current: Any = None
    _loading = False
    kind: str = ""
    update_service: Callable[..., Any] | None = None

    def _current_id(self) -> int | None:
        return self._current.id if self._current is not None else None

    def _row_shown(self) -> Any:
        """The row of the list's current line (None: none)."""
        return self.model.row_at(self.view.currentIndex().row())

    def select_record(self, record_id: int | None) -> None:
        """Select the record ``record_id`` in the list (its form follows)."""
        select_row(self.view, self.model.row_of(record_id))

    def _take_current(self, *also: Any) -> Any:
        """The list's current line becomes the record edited (``_current``, returned); the
        form (``editor``) and the widgets ``also`` are enabled while there is one."""
        row = self._current = self._row_shown()
        for widget in (self.editor, *also):
            widget.setEnabled(row is not None)
        return row

    def _on_current(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._loading:
            self._show_current()

    def _show_current(self) -> None:  # pragma: no cover - every panel defines it
        raise NotImplementedError

    def _saved(self, ok: bool) -> None:  # pragma: no cover - every panel defines it
        raise NotImplementedError

    def _set_rows(self, rows: Sequence[Any], select_id: int | None) -> None:
        """List ``rows`` and select ``select_id`` (the first row when it is not there),
        without showing it yet."""
        self._loading = True
        try:
            show_rows(self.view, rows, select_id)
        finally:
            self._loading = False

    def _refresh_rows(self, rows: Sequence[Any]) -> bool:
        """New values after an edit: the same records keep the selection and the form as
        typed; a new order (a date changed) lists them again, the record kept selected.
        ``_current`` becomes the record's new row; False when it is no longer listed."""
        current_id = self._current_id()
        self._loading = True
        try:
            if [r.id for r in rows] == [r.id for r in self.model.rows()]:
                self.model.update_rows(rows)
            else:
                self.model.set_rows(rows)
                select_row(self.view, self.model.row_of(current_id))
        finally:
            self._loading = False
        number = self.model.row_of(current_id)
        self._current = self.model.row_at(number) if number is not None else None
        return number is not None

    def _save(self, text: str, field: str, old: object, new: object, merge: bool) -> None:
        """Save ``field`` of the selected record (``update_service``) with undo, at the
        version shown; typing merges into one undo step when ``merge``."""
        if self._current is None or old == new:
            return
        ok = self.context.save_field(
            text, type(self).update_service, self.kind, self._current.id, field, old, new,
            merge=merge, widget=self, shown=lambda: self._current,
        )  # fmt: skip
        self._saved(ok)

    def _save_text(self, text: str, field: str, new: str, merge: bool = True) -> None:
        """Save a text field whose absent value shows as an empty text."""
        if self._current is not None:
            self._save(text, field, getattr(self._current, field) or "", new, merge)

    def _save_value(self, text: str, field: str, new: object, merge: bool = False) -> None:
        """Save a chosen value (a combo's data, a date)."""
        if self._current is not None:
            self._save(text, field, getattr(self._current, field), new, merge)

    def _added(self, new_id: int | None, focus: Any) -> None:
        """After ``add_record``: list the new record, selected, the cursor in ``focus``."""
        if new_id is not None:
            self.reload(new_id)
            focus.setFocus()

    def _delete_and_reload(
        self, text: str, delete: Callable[..., object], restore: Callable[..., object]
    ) -> None:
        """Delete the selected record with undo, then list the records again."""
        if self._delete_current(text, delete, restore):
            self.reload()

    def _delete_current(
        self, text: str, delete: Callable[..., object], restore: Callable[..., object]
    ) -> bool:
        """Delete the selected record with undo; True when it was deleted."""
        if self._current is None:
            return False
        if self.context.remove(text, self._current.id, delete, restore, widget=self):
            self._current = None
            return True
        return False
