"""The agenda page's commands: adding, deleting and moving items, with their keys and
buttons. Mixed into :class:`clu_desktop.gui.agenda.page.AgendaPage`."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

from clu_desktop.services.agenda.items import add_item
from clu_desktop.services.agenda.moves import indent_item, move_item, move_item_to, outdent_item
from clu_desktop.services.agenda.snapshots import delete_item, restore_item


class AgendaCommands:
    """Needs from the page: ``context``, ``model``, ``tree``, ``item_panel``,
    ``_selected_row()`` and ``reload(select_id)``."""

    def _action(
        self,
        holder: QWidget,
        text: str,
        object_name: str,
        tip: str,
        shortcuts: list[str],
        slot: Callable[[], None],
    ) -> QAction:
        action = QAction(text, holder)
        action.setObjectName(object_name)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        holder.addAction(action)
        return action

    def _build_actions(self, left: QWidget) -> None:
        # Adding works from anywhere in the page; the other keys act on the list.
        self.add_item_action = self._action(
            self,
            "Ajouter un poin&t",
            "addAgendaItem",
            "Ajouter un point après le point sélectionné (Ctrl+Maj+P, ou Inser dans la liste)",
            ["Ctrl+Shift+P"],
            self.add_item,
        )
        self._action(left, "Ajouter un point", "insertAgendaItem", "", ["Ins"], self.add_item)
        self.add_sub_item_action = self._action(
            self,
            "Ajouter un sous-point",
            "addAgendaSubItem",
            "Ajouter un sous-point au point sélectionné (Ctrl+Maj+Inser)",
            ["Ctrl+Shift+Ins"],
            self.add_sub_item,
        )
        self.delete_action = self._action(
            left,
            "Supprimer",
            "deleteAgendaItem",
            "Supprimer le point, ses sous-points et ses interventions (Suppr ; Ctrl+Z le rétablit)",
            ["Del"],
            self.delete_item,
        )
        self.up_action = self._action(
            left,
            "Monter",
            "moveAgendaItemUp",
            "Monter le point d'un rang (Ctrl+Haut ou Alt+Haut)",
            ["Ctrl+Up", "Alt+Up"],
            lambda: self._move("Monter un point", move_item, -1),
        )
        self.down_action = self._action(
            left,
            "Descendre",
            "moveAgendaItemDown",
            "Descendre le point d'un rang (Ctrl+Bas ou Alt+Bas)",
            ["Ctrl+Down", "Alt+Down"],
            lambda: self._move("Descendre un point", move_item, 1),
        )
        self.indent_action = self._action(
            left,
            "Indenter",
            "indentAgendaItem",
            "Faire du point un sous-point du point au-dessus (Alt+Droite)",
            ["Alt+Right"],
            lambda: self._move("Indenter un point", indent_item),
        )
        self.outdent_action = self._action(
            left,
            "Désindenter",
            "outdentAgendaItem",
            "Faire du sous-point un point à part entière (Alt+Gauche)",
            ["Alt+Left"],
            lambda: self._move("Désindenter un point", outdent_item),
        )

    def _build_buttons(self) -> QGridLayout:
        grid = QGridLayout()
        self._buttons: list[QPushButton] = []
        rows = (  # two columns: the list keeps its room on a small screen
            (self.add_item_action, self.add_sub_item_action),
            (self.up_action, self.down_action),
            (self.indent_action, self.outdent_action),
            (self.delete_action,),
        )
        for row, actions in enumerate(rows):
            for column, action in enumerate(actions):
                button = QPushButton(action.text())
                button.setObjectName(action.objectName() + "Button")
                button.setAccessibleName(action.text().replace("&", ""))
                button.setToolTip(action.toolTip())
                button.clicked.connect(action.trigger)
                action.changed.connect(lambda b=button, a=action: b.setEnabled(a.isEnabled()))
                grid.addWidget(button, row, column)
                self._buttons.append(button)
        return grid

    # Editing

    def _record(self, text: str, do, undo_step) -> tuple[bool, object]:
        return self.context.record(text, do, undo_step, widget=self)

    def add_item(self) -> None:
        """Add an item after the selected one (after its item, for a sub-item)."""
        row = self._selected_row()
        after_id = (row.parent_id or row.id) if row is not None else None
        self._add("Ajouter un point", after_id=after_id)

    def add_sub_item(self) -> None:
        """Add a sub-item at the end of the selected item's, or after the selected one."""
        row = self._selected_row()
        if row is None:
            return
        if row.parent_id is None:
            self._add("Ajouter un sous-point", parent_id=row.id)
        else:
            self._add("Ajouter un sous-point", after_id=row.id)

    def _add(self, text: str, *, parent_id: int | None = None, after_id: int | None = None):
        meeting_id = self.context.meeting_id
        if meeting_id is None:
            return
        context = self.context
        ok, new_id = context.insert(
            text,
            lambda: context.write(add_item, meeting_id, after_id=after_id, parent_id=parent_id),
            delete_item,
            restore_item,
            widget=self,
        )
        if ok:
            self.reload(new_id)  # type: ignore[arg-type]
            self.item_panel.fields.title_edit.setFocus()
            self.item_panel.fields.title_edit.selectAll()

    def delete_item(self) -> None:
        row = self._selected_row()
        if row is None:
            return
        agenda = self.model.agenda
        parent = agenda.find(row.parent_id) if agenda else None
        siblings = [s.id for s in (parent.children if parent else agenda.items)] if agenda else []
        index = siblings.index(row.id) if row.id in siblings else 0
        rest = siblings[:index] + siblings[index + 1 :]
        next_id = rest[min(index, len(rest) - 1)] if rest else row.parent_id
        if self.context.remove("Supprimer un point", row.id, delete_item, restore_item, self):
            self.reload(next_id)
            self.tree.setFocus()

    def _move(self, text: str, service, *args) -> None:
        row = self._selected_row()
        if row is None:
            return
        item_id, context, state = row.id, self.context, {}

        def do() -> None:
            state["before"] = context.write(service, item_id, *args)

        def undo_step() -> None:
            before = state["before"]
            context.write(move_item_to, item_id, before.parent_id, before.position)

        if self._record(text, do, undo_step)[0]:
            self.reload(item_id)

    def _on_drop(self, item_id: int, parent_id: int | None, position: int) -> None:
        self.select_item(item_id)
        self._move("Déplacer un point", move_item_to, parent_id, position)
