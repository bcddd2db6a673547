"""The right side of the agenda page: the selected item's fields and minutes text above,
its statements, actions and deliberation in tabs below."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QSplitter, QTabWidget, QVBoxLayout, QWidget

from clu_desktop.gui.agenda.actions import ActionsPanel
from clu_desktop.gui.agenda.decision import DecisionPanel
from clu_desktop.gui.agenda.item_editor import ItemFields
from clu_desktop.gui.agenda.statements import StatementsPanel
from clu_desktop.gui.common.editing import EditContext
from clu_desktop.gui.common.layout import name
from clu_desktop.services.agenda.items import AgendaItemRow, get_item_row
from clu_desktop.services.attendance.invitations import PersonChoice


class ItemPanel(QWidget):
    #: Something of the shown item was saved (the agenda's tree may need refreshing).
    item_saved = Signal()

    def __init__(self, context: EditContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agendaItemPanel")
        self._context = context
        self.fields = ItemFields(context)
        self.statements = StatementsPanel(context)
        self.actions = ActionsPanel(context)
        self.decision = DecisionPanel(context, self.fields.shown_version)
        self.tabs = name(
            QTabWidget(), "agendaItemTabs", "Interventions, actions et délibération du point"
        )
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.statements, "Interventions")
        self.tabs.addTab(self.actions, "Actions")
        self.tabs.addTab(self.decision, "Délibération")

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("agendaItemSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.fields)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 6, 6)
        layout.addWidget(self.splitter)

        self.fields.item_saved.connect(lambda _id: self.item_saved.emit())
        self.statements.statements_saved.connect(self._on_children_saved)
        self.actions.actions_saved.connect(self._on_children_saved)
        self.decision.saved.connect(self._on_decision_saved)
        self.decision.conflicted.connect(self.fields.conflicted)

    def tab_order(self) -> list[QWidget]:
        return [
            *self.fields.tab_order(),
            self.tabs,
            *self.statements.tab_order(),
            *self.actions.tab_order(),
            *self.decision.tab_order(),
        ]

    def show_item(self, row: AgendaItemRow, people: list[PersonChoice]) -> None:
        self.fields.show_item(row, people)
        self.statements.load(row.id, people)
        self.actions.load(row.id, people)
        if self._context.meeting_id is not None:
            self.decision.load(row.id, self._context.meeting_id)
        self._update_tab_titles()

    def set_people(self, people: list[PersonChoice]) -> None:
        """The meeting's people changed: every picker of the item shows them."""
        self.fields.set_people(people)
        self.statements.set_people(people)
        self.actions.set_people(people)

    def _on_children_saved(self) -> None:
        self._update_tab_titles()
        self.item_saved.emit()

    def _on_decision_saved(self, item_id: int) -> None:
        # Saving the deliberation moved the item to a new version: its fields save next
        # against that one.
        self.fields.take_row(self._context.read(get_item_row, item_id))
        self._on_children_saved()

    def _update_tab_titles(self) -> None:
        for index, (label, count) in enumerate(
            (
                ("Interventions", self.statements.model.rowCount()),
                ("Actions", self.actions.model.rowCount()),
            )
        ):
            self.tabs.setTabText(index, f"{label} ({count})" if count else label)
        summary = self.decision.summary()
        index = self.tabs.indexOf(self.decision)
        self.tabs.setTabText(index, f"Délibération ({summary})" if summary else "Délibération")
