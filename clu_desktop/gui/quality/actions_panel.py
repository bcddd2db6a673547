"""The "Plan d'action" tab: every action (decided in a meeting, drawn from an audit
finding or a users' remark), filtered; overdue ones in red; the selected one edited."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QWidget,
)

from clu_desktop.domain import ActionOrigin, ActionStatus
from clu_desktop.gui.common.action_fields import chosen_state, done_state, owner_value
from clu_desktop.gui.common.layout import button, button_row, column, fill, split
from clu_desktop.gui.common.records import add_record
from clu_desktop.gui.data_signals import data_signals
from clu_desktop.gui.pickers import keeping_typed, typed_person
from clu_desktop.gui.quality.action_editor import ActionEditor
from clu_desktop.gui.quality.action_filters import ActionFilters
from clu_desktop.gui.quality.common import (
    fit_columns,
    message_label,
    select_data,
    set_plain_text,
    table_view,
)
from clu_desktop.gui.quality.editing import KINDS, Panel, QualityContext
from clu_desktop.gui.quality.models import actions_model
from clu_desktop.services.directory.people import search_people
from clu_desktop.services.quality import actions as quality_actions
from clu_desktop.services.quality.common import ActionRow
from clu_desktop.store.changes import touches_directory


def count_text(shown: int, total: int, overdue: int) -> str:
    """ "3 actions sur 12 · 1 en retard"."""
    head = f"{shown} action{'s' if shown > 1 else ''}"
    if shown != total:
        head += f" sur {total}"
    return head + (f" · {overdue} en retard" if overdue else "")


class ActionsPanel(Panel):
    kind = "action"
    update_service = staticmethod(quality_actions.update_plan_action)

    def __init__(self, context: QualityContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("qualityActions")
        self._current: ActionRow | None = None
        self._people: list = []
        self._pending: int | None = None  # an action to show when the tab is shown
        data_signals(context.db).changed.connect(self._data_changed)

        self.filters = ActionFilters()
        self.filters.changed.connect(lambda: self.reload())
        self.model = actions_model(self)
        self.view = table_view("actionPlan", "Plan d'action", self.model)
        fit_columns(self.view, 0, {2: 140}, wrap=True)
        self.view.selectionModel().currentRowChanged.connect(self._on_current)
        self.count_label = message_label("actionCount", "Nombre d'actions")
        self.count_label.setWordWrap(False)
        self.add_button = button("A&jouter une action", "addPlanAction", "Ajouter une action")
        self.delete_button = button("Supprimer l'action", "deletePlanAction", "Supprimer l'action")

        self.editor = ActionEditor()
        editor = self.editor
        self.text_edit, self.owner_combo, self.due = (
            editor.text_edit,
            editor.owner_combo,
            editor.due,
        )
        self.when_edit, self.status_combo = editor.when_edit, editor.status_combo
        self.done_edit, self.origin_combo = editor.done_edit, editor.origin_combo
        buttons = button_row(self.add_button, self.delete_button, right=(self.count_label,))
        top = column(self.filters, self.view, buttons, stretch=self.view)
        fill(self, split("actionSplitter", top, self.editor, (3, 2)))

        self.add_button.clicked.connect(self.add_action)
        self.delete_button.clicked.connect(self.delete_action)
        self.text_edit.textChanged.connect(self._text_typed)
        self.owner_combo.activated.connect(self._owner_chosen)
        self.owner_combo.lineEdit().textEdited.connect(self._owner_typed)
        self.due.edited.connect(self._due_edited)
        self.when_edit.textEdited.connect(self._when_typed)
        self.status_combo.activated.connect(self._status_chosen)
        self.done_edit.dateChanged.connect(self._done_changed)
        self.origin_combo.activated.connect(self._origin_chosen)

    def tab_order(self) -> list[QWidget]:
        return [
            *self.filters.widgets(),
            self.view,
            self.add_button,
            self.delete_button,
            *self.editor.widgets(),
        ]

    # Loading

    def _read(self) -> tuple[list[ActionRow], list[ActionRow]]:
        everything = self.read(quality_actions.list_actions)
        rows = self.read(quality_actions.list_actions, **self.filters.query())
        return everything, [r for r in rows if self.filters.keep(r)]

    def reveal(self, action_id: int) -> None:
        """Select ``action_id`` when the tab is next shown."""
        self._pending = action_id
        self.stale = True

    def reload(self, select_id: int | None = None) -> None:
        pending, self._pending = self._pending, None
        if pending is not None:
            select_id = pending
        if select_id is None and self._current is not None:
            select_id = self._current.id
        everything, rows = self._read()
        self.filters.set_owners(everything)
        self._people = self.read(search_people)
        self._set_rows(rows, select_id)
        self._show_count(everything, rows)
        self._show_current()
        if pending is not None:
            self.select_action(pending)

    def _data_changed(self, tables: frozenset[str]) -> None:
        """The directory changed, wherever: the owner combo offers it as it is now (a
        name being typed stays)."""
        if not touches_directory(tables):
            return
        self._people = self.read(search_people)
        keeping_typed(self.owner_combo, lambda: self.editor.show_owner(self._current, self._people))

    def _show_count(self, everything: list[ActionRow], rows: list[ActionRow]) -> None:
        overdue = sum(1 for r in rows if r.overdue)
        self.count_label.setText(count_text(len(rows), len(everything), overdue))

    def select_action(self, action_id: int) -> None:
        """Show an action, clearing the filters that hide it."""
        if self.model.row_of(action_id) is None:
            self.filters.clear()
            self.reload(action_id)
        self.select_record(action_id)

    def _show_current(self) -> None:
        row = self._take_current(self.delete_button)
        set_plain_text(self.text_edit, row.text if row is not None else "")
        self.editor.show_owner(row, self._people)
        self.due.set_value(row.due_date if row is not None else None)
        when = (row.when_label or "") if row is not None else ""
        if self.when_edit.text() != when:
            self.when_edit.setText(when)
        select_data(self.origin_combo, row.origin.value if row is not None else None)
        self.editor.show_state(row)

    def _saved(self, ok: bool) -> None:
        """After an edit: the plan shows the new values (its order may change); the
        editor keeps what is typed, or goes back to the saved values after a refusal."""
        everything, rows = self._read()
        self.filters.set_owners(everything)
        listed = self._refresh_rows(rows)
        self._show_count(everything, rows)
        if not listed:  # the filters hide it now
            self._show_current()
            return
        if ok:
            self.editor.show_state(self._current)
        else:
            self._show_current()

    # Adding and deleting

    def add_action(self) -> None:
        new_id = add_record(
            self.context, self, "Ajouter une action au plan", quality_actions.add_plan_action,
            ("",), quality_actions.delete_plan_action, quality_actions.restore_plan_action,
            origin=ActionOrigin.IMPROVEMENT,
        )  # fmt: skip
        if new_id is not None:
            self.reload(new_id)
            self.select_action(new_id)
            self.text_edit.setFocus()

    def delete_action(self) -> None:
        delete, restore = quality_actions.delete_plan_action, quality_actions.restore_plan_action
        self._delete_and_reload("Supprimer l'action", delete, restore)

    # Editing

    def _text_typed(self) -> None:
        new = self.text_edit.toPlainText()
        self._save_text("Modifier le texte de l'action", "text", new)

    def _set_owner(self, value: int | str | None, merge: bool) -> None:
        row = self._current
        if row is None:
            return
        old = owner_value(row)
        if old == value or (not old and not value):
            return
        action_id, context = row.id, self.context

        def apply(owner: object) -> None:
            field = "owner_id" if isinstance(owner, int) else "owner_name"
            typed = owner if isinstance(owner, str) else None
            context.write_seen(
                KINDS["action"], self._current, quality_actions.update_plan_action, action_id,
                field, owner, field=field, typed=typed,
            )  # fmt: skip

        key = ("action", action_id, "owner") if merge else None
        ok = context.field("Changer le responsable de l'action", apply, old, value, key, self)
        self._saved(ok)

    def _owner_chosen(self, index: int) -> None:
        self._set_owner(self.owner_combo.itemData(index), False)

    def _owner_typed(self, text: str) -> None:
        self._set_owner(typed_person(self.owner_combo, text), True)

    def _due_edited(self, value: dt.date | None) -> None:
        self._save_value("Changer l'échéance", "due_date", value, merge=True)

    def _when_typed(self, text: str) -> None:
        self._save_text("Modifier l'échéance en clair", "when_label", text)

    def _origin_chosen(self, index: int) -> None:
        new = ActionOrigin(self.origin_combo.itemData(index))
        self._save_value("Changer l'origine de l'action", "origin", new)

    def _set_status(self, new: tuple, merge: bool) -> None:
        row = self._current
        if row is None:
            return
        old = (row.status, row.done_date)
        if old == new:
            return
        action_id, context = row.id, self.context

        def apply(value: object) -> None:
            status, done = value  # type: ignore[misc]
            context.write_seen(
                KINDS["action"], self._current, quality_actions.set_plan_action_status, action_id,
                status, done, field="status",
            )  # fmt: skip

        key = ("action", action_id, "done") if merge else None
        ok = context.field("Changer le statut de l'action", apply, old, new, key, self)
        self._saved(ok)

    def _status_chosen(self, index: int) -> None:
        row = self._current
        new = chosen_state(row, ActionStatus(self.status_combo.itemData(index))) if row else None
        if new is not None:
            self._set_status(new, False)

    def _done_changed(self, value: QDate) -> None:
        new = done_state(self._current, value) if self._current is not None else None
        if new is not None:
            self._set_status(new, True)
