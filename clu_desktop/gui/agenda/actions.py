"""The actions decided on the selected item: what, who, by when, and where they stand."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import (
    QDate,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QPlainTextEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from clu_desktop.domain import ActionStatus
from clu_desktop.gui.agenda.action_fields import (
    ACTION_KIND,
    FIELD_OF,
    set_due,
    set_owner,
    set_status,
    set_text,
)
from clu_desktop.gui.agenda.actions_model import ActionsModel
from clu_desktop.gui.agenda.item_records import ItemRecordsPanel, RecordServices
from clu_desktop.gui.common import fields
from clu_desktop.gui.common.action_fields import (
    blank_date_edit,
    chosen_state,
    done_state,
    owner_value,
    show_date,
    status_combo,
)
from clu_desktop.gui.common.editing import EditContext
from clu_desktop.gui.common.layout import buddy, button_row, name
from clu_desktop.gui.pickers import keeping_typed, person_combo, show_person, typed_person
from clu_desktop.services.agenda.actions import (
    ActionRow,
    add_action,
    delete_action,
    list_item_actions,
    restore_action,
)
from clu_desktop.services.attendance.invitations import PersonChoice


class ActionsPanel(ItemRecordsPanel):
    """The item's actions above, the selected one's fields below."""

    actions_saved = Signal()
    services = RecordServices(
        list_item_actions, add_action, delete_action, restore_action,
        "Ajouter une action", "Supprimer une action",
    )  # fmt: skip

    def __init__(self, context: EditContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._current: ActionRow | None = None
        self.setObjectName("agendaActions")

        self.model = ActionsModel(self)
        self.view = name(QTreeView(), "actionList", "Actions du point")
        self.view.setModel(self.model)
        self.view.setRootIsDecorated(False)
        self.view.setAlternatingRowColors(True)
        self.view.setAllColumnsShowFocus(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.view.selectionModel().currentRowChanged.connect(self._on_current)

        self.add_button = name(
            QPushButton("Ajo&uter une action"), "addAction", "Ajouter une action"
        )
        self.delete_button = name(QPushButton("Supprimer"), "deleteAction", "Supprimer l'action")

        self.text_edit = name(QPlainTextEdit(), "actionText", "Texte de l'action")
        self.text_edit.setUndoRedoEnabled(False)
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setPlaceholderText("Ce qui doit être fait")
        self.text_edit.setMaximumHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.owner_combo = person_combo(
            "actionOwner",
            "Responsable de l'action",
            "Choisissez une personne de la séance ou tapez un nom (service, organisme…)",
        )
        self.due_check = name(QCheckBox("Éc&héance\u00a0:"), "actionHasDueDate", "Avec échéance")
        self.due_edit = blank_date_edit("actionDueDate", "Échéance de l'action")
        self.status_combo = status_combo("actionStatus", "Statut de l'action")
        self.done_edit = blank_date_edit("actionDoneDate", "Date de réalisation")

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)

        self.editor = QWidget()
        form = QFormLayout(self.editor)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(buddy("Te&xte\u00a0:", self.text_edit), self.text_edit)
        form.addRow(buddy("Responsa&ble\u00a0:", self.owner_combo), self.owner_combo)
        form.addRow(button_row(self.due_check, self.due_edit))
        done = buddy("fait le\u00a0:", self.done_edit)
        status = button_row(self.status_combo, done, self.done_edit)
        form.addRow(buddy("Statut\u00a0:", self.status_combo), status)

        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.editor)

        self.add_button.clicked.connect(self.add_action)
        self.delete_button.clicked.connect(self.delete_action)
        self.text_edit.textChanged.connect(self._text_changed)
        self.owner_combo.activated.connect(self._owner_chosen)
        self.owner_combo.lineEdit().textEdited.connect(self._owner_typed)
        self.due_check.toggled.connect(self._due_toggled)
        self.due_edit.dateChanged.connect(self._due_changed)
        self.status_combo.activated.connect(self._status_chosen)
        self.done_edit.dateChanged.connect(self._done_changed)
        self._update_editor()

    def tab_order(self) -> list[QWidget]:
        return [
            self.view,
            self.add_button,
            self.delete_button,
            self.text_edit,
            self.owner_combo,
            self.due_check,
            self.due_edit,
            self.status_combo,
            self.done_edit,
        ]

    # Loading

    def set_people(self, people: list[PersonChoice]) -> None:
        """The meeting's people changed: the owner combo lists them (a text being typed
        stays)."""
        self._people = people
        keeping_typed(self.owner_combo, lambda: self._show_owner(self._current))

    def _update_editor(self) -> None:
        row = self._current
        self.editor.setEnabled(row is not None)
        self.add_button.setEnabled(self._item_id is not None)
        self.delete_button.setEnabled(row is not None)
        text = row.text if row is not None else ""
        if self.text_edit.toPlainText() != text:
            self.text_edit.blockSignals(True)
            self.text_edit.setPlainText(text)
            self.text_edit.blockSignals(False)
        self._show_owner(row)
        self._show_dates(row)

    def _show_owner(self, row: ActionRow | None) -> None:
        choices = [(person.label, person.id, None) for person in self._people]
        owner_id = row.owner_id if row is not None else None
        show_person(self.owner_combo, choices, owner_id, row.owner_label if row is not None else "")

    def _show_dates(self, row: ActionRow | None) -> None:
        widgets = (self.due_check, self.due_edit, self.status_combo, self.done_edit)
        for widget in widgets:
            widget.blockSignals(True)
        due = row.due_date if row is not None else None
        self.due_check.setChecked(due is not None)
        show_date(self.due_edit, due)
        status = row.status if row is not None else ActionStatus.TODO
        self.status_combo.setCurrentIndex(self.status_combo.findData(status.value))
        show_date(self.done_edit, row.done_date if row is not None else None)
        for widget in widgets:
            widget.blockSignals(False)

    # Editing

    def _emit_saved(self) -> None:
        self.actions_saved.emit()

    def add_action(self) -> None:
        self._add(self.text_edit)

    def delete_action(self) -> None:
        self._delete()

    def _save(self, text: str, service, old: object, new: object, key: str | None) -> None:
        """Save one change of the current action through ``service(action_id, value,
        seen_version)``, at the version shown: an action changed meanwhile on another
        workstation is refused, the message says what changed there and the panel shows
        the action as it is now."""
        row = self._current
        if row is None or old == new:
            return
        action_id, context, field = row.id, self._context, FIELD_OF[service]
        holder: dict[str, ActionRow] = {}

        def apply(value: object) -> None:
            shown = self._current if self._current and self._current.id == action_id else None
            typed = value if isinstance(value, str) else None
            holder["row"] = context.write_seen(
                ACTION_KIND, shown, service, action_id, value, field=field, typed=typed
            )
            if shown is not None and self._current is shown:
                self._current = holder["row"]  # one's own next save

        merge_key = ("action", action_id, key) if key else None
        if context.field(text, apply, old, new, merge_key, widget=self):
            self._current = holder["row"]
            self.model.replace_row(holder["row"])
            self._show_dates(self._current)
            self.actions_saved.emit()
        else:
            self.load(self._item_id, self._people)  # the version of now after a conflict

    def _text_changed(self) -> None:
        if self._current is not None:
            self._save(
                "Modifier le texte de l'action",
                set_text,
                self._current.text,
                self.text_edit.toPlainText(),
                "text",
            )

    def _owner_chosen(self, index: int) -> None:
        if self._current is not None:
            self._save(
                "Changer le responsable de l'action",
                set_owner,
                owner_value(self._current),
                self.owner_combo.itemData(index),
                None,
            )

    def _owner_typed(self, text: str) -> None:
        if self._current is None:
            return
        value = typed_person(self.owner_combo, text)
        self._save(
            "Changer le responsable de l'action",
            set_owner,
            owner_value(self._current),
            value,
            "owner",
        )

    def _due_toggled(self, checked: bool) -> None:
        if self._current is not None:
            new = dt.date.today() if checked else None
            self._save("Changer l'échéance", set_due, self._current.due_date, new, None)

    def _due_changed(self, value: QDate) -> None:
        if self._current is not None and self.due_check.isChecked() and value > fields.NO_DATE:
            new = fields.from_qdate(value)
            self._save("Changer l'échéance", set_due, self._current.due_date, new, "due")

    def _status_chosen(self, index: int) -> None:
        row = self._current
        new = chosen_state(row, ActionStatus(self.status_combo.itemData(index))) if row else None
        if new is not None:
            old = (row.status, row.done_date)
            self._save("Changer le statut de l'action", set_status, old, new, None)

    def _done_changed(self, value: QDate) -> None:
        row = self._current
        new = done_state(row, value) if row is not None else None
        if new is not None:
            old = (row.status, row.done_date)
            self._save("Changer la date de réalisation", set_status, old, new, "done")
