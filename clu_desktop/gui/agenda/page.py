"""The "Ordre du jour" page: the agenda of a meeting on the left, the selected item's
minutes, statements and actions on the right. Every edit is saved at once and undoable
on the meeting's stack."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QSplitter,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from clu_desktop.errors import UserError
from clu_desktop.gui.agenda.item_panel import ItemPanel
from clu_desktop.gui.agenda.items_model import (
    PRESENTER_COLUMN,
    TITLE_COLUMN,
    AgendaTreeModel,
)
from clu_desktop.gui.agenda.page_commands import AgendaCommands
from clu_desktop.gui.columns import ColumnFitter
from clu_desktop.gui.common.editing import EditContext
from clu_desktop.gui.common.layout import name, settle
from clu_desktop.gui.data_signals import data_signals
from clu_desktop.gui.undo import UndoKeys
from clu_desktop.services.agenda.items import AgendaItemRow, list_agenda
from clu_desktop.services.agenda.schedule import footer_text
from clu_desktop.services.attendance.invitations import PersonChoice, meeting_people
from clu_desktop.store.changes import touches_meeting_people
from clu_desktop.store.database import Database

#: What the list keeps readable of a title at least (40 characters of an average title).
TITLE_SAMPLE = "Présentation du programme Services Publi"
NO_MEETING_TEXT = (
    "Aucune séance sélectionnée. Choisissez une séance pour préparer son ordre du jour."
)
EMPTY_AGENDA_TEXT = (
    "L'ordre du jour est vide. Ajoutez un premier point avec « Ajouter un point » (Ctrl+Maj+P)."
)
NO_ITEM_TEXT = "Sélectionnez un point de l'ordre du jour."


class AgendaPage(AgendaCommands, QWidget):
    """``show_meeting(meeting_id, stack)`` shows a meeting's agenda (None: none)."""

    #: After any saved edit, undo or redo.
    changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agendaPage")
        self.setAccessibleName("Ordre du jour")
        self.context = EditContext(db, self)
        self.context.saved.connect(self.changed)
        self._people: list[PersonChoice] = []
        self._reloading = False
        self._stale = False
        data_signals(db).changed.connect(self._data_changed)

        self.model = AgendaTreeModel(self)
        self.model.move_requested.connect(self._on_drop, Qt.ConnectionType.QueuedConnection)
        self.tree = self._build_tree()
        self.footer = self._message_label("agendaFooter", "Durée prévue")
        self.footer.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.footer.setMargin(2)
        self.item_panel = ItemPanel(self.context)
        self.item_panel.item_saved.connect(self._refresh_tree)
        self.item_panel.fields.conflicted.connect(self.reload)  # show the current version

        left = QWidget()
        left.setObjectName("agendaLeft")
        self._build_actions(left)
        heading = QLabel("Ordre du &jour\u00a0:")
        heading.setBuddy(self.tree)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(6, 6, 0, 6)
        left_layout.addWidget(heading)
        left_layout.addWidget(self.tree, 1)
        left_layout.addLayout(self._build_buttons())
        left_layout.addWidget(self.footer)

        self.right = QStackedWidget()
        self.right.setObjectName("agendaRight")
        self.no_item_label = self._message_label("agendaNoItem", "Information")
        self.right.addWidget(self.no_item_label)
        self.right.addWidget(self.item_panel)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("agendaSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.right)
        # The list wide enough for 40 characters of a title beside the columns.
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([550, 450])

        self.pages = QStackedWidget()
        self.empty_label = self._message_label("agendaEmptyState", "Information")
        self.empty_label.setText(NO_MEETING_TEXT)
        self.pages.addWidget(self.empty_label)
        self.pages.addWidget(self.splitter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

        order = [self.tree, *self._buttons, *self.item_panel.tab_order()]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)
        self.undo_keys = UndoKeys(lambda: self.context.stack, self)
        self.undo_keys.watch(self, children=True)
        self.show_meeting(None, None)

    # Building

    @staticmethod
    def _message_label(object_name: str, accessible: str) -> QLabel:
        label = name(QLabel(), object_name, accessible)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setMargin(16)
        return label

    def _build_tree(self) -> QTreeView:
        view = name(QTreeView(), "agendaTree", "Points de l'ordre du jour")
        view.setAccessibleDescription(
            "Points et sous-points ; glissez-déposez un point pour le déplacer"
        )
        view.setModel(self.model)
        view.setUniformRowHeights(True)
        view.setAlternatingRowColors(True)
        view.setAllColumnsShowFocus(True)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        view.setDefaultDropAction(Qt.DropAction.MoveAction)
        view.setDropIndicatorShown(True)
        # Widths from the content: an empty column as narrow as its header, the title
        # takes the rest (a long one elided, whole in its tooltip).
        self.column_fitter = ColumnFitter(
            view, (TITLE_COLUMN, PRESENTER_COLUMN), floors=lambda: self._title_floor(view)
        )
        view.selectionModel().currentChanged.connect(self._on_current_changed)
        return view

    @staticmethod
    def _title_floor(view: QTreeView) -> dict[int, int]:
        """The title column keeps room for a sub-item's number and 40 characters."""
        metrics = view.fontMetrics()
        shown = metrics.horizontalAdvance("6.1. " + TITLE_SAMPLE) + 2 * view.indentation()
        return {TITLE_COLUMN: shown + 8}

    # Showing

    def show_meeting(self, meeting_id: int | None, stack: QUndoStack | None) -> None:
        """Show the agenda of ``meeting_id`` (None: the empty state), edited on ``stack``."""
        same = meeting_id is not None and meeting_id == self.context.meeting_id
        self.context.follow(meeting_id, stack, self._on_stack_changed)
        if meeting_id is None:
            self.model.set_agenda(None)
            self.pages.setCurrentWidget(self.empty_label)
            self._update_actions()
            settle(self, hidden_only=True)
            return
        self.pages.setCurrentWidget(self.splitter)
        self.reload(self.selected_item_id() if same else None)
        settle(self, hidden_only=True)

    def reload(self, select_id: int | None = None) -> None:
        """Read the meeting's agenda again; select ``select_id`` (else the first item)."""
        meeting_id = self.context.meeting_id
        self._stale = False
        if meeting_id is None:
            return
        try:
            agenda = self.context.read(list_agenda, meeting_id)
            self._people = self.context.read(meeting_people, meeting_id)
        except UserError as exc:  # the meeting was deleted meanwhile
            self.model.set_agenda(None)
            self.empty_label.setText(str(exc))
            self.pages.setCurrentWidget(self.empty_label)
            return
        self.item_panel.fields.set_presenter_caption(agenda.presenter_caption)
        self._reloading = True
        try:
            self.model.set_agenda(agenda)
            self.tree.expandAll()
            if agenda.find(select_id) is None:
                select_id = agenda.items[0].id if agenda.items else None
            index = self.model.index_of(select_id)
            if index.isValid():
                self.tree.selectionModel().setCurrentIndex(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                self.tree.scrollTo(index)
        finally:
            self._reloading = False
        self.footer.setText(footer_text(agenda))
        self._show_selected()

    def _data_changed(self, tables: frozenset[str]) -> None:
        """The directory, the invitations or the chair changed, wherever: the presenter,
        speakers and owners offered follow (nothing else of the page is read again)."""
        meeting_id = self.context.meeting_id
        if meeting_id is None or not touches_meeting_people(tables):
            return
        try:
            people = self.context.read(meeting_people, meeting_id)
        except UserError:
            return  # the meeting is gone: the next reload says so
        if people != self._people:
            self._people = people
            self.item_panel.set_people(people)

    def _refresh_tree(self) -> None:
        """After an edit of the shown item: new texts in the list and the footer."""
        agenda = self.context.read(list_agenda, self.context.meeting_id)
        self.model.set_agenda(agenda)
        self.footer.setText(footer_text(agenda))

    def selected_item_id(self) -> int | None:
        row = self.model.row_at(self.tree.currentIndex())
        return row.id if row is not None else None

    def select_item(self, item_id: int) -> None:
        self.tree.setCurrentIndex(self.model.index_of(item_id))

    def _selected_row(self) -> AgendaItemRow | None:
        return self.model.row_at(self.tree.currentIndex())

    def _on_current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._reloading:
            self._show_selected()

    def _show_selected(self) -> None:
        row = self._selected_row()
        if row is None:
            empty = self.model.rowCount() == 0
            self.no_item_label.setText(EMPTY_AGENDA_TEXT if empty else NO_ITEM_TEXT)
            self.right.setCurrentWidget(self.no_item_label)
        else:
            self.item_panel.show_item(row, self._people)
            self.right.setCurrentWidget(self.item_panel)
        self._update_actions()

    def _update_actions(self) -> None:
        row = self._selected_row()
        agenda = self.model.agenda
        self.add_item_action.setEnabled(self.context.meeting_id is not None)
        self.add_sub_item_action.setEnabled(row is not None)
        self.delete_action.setEnabled(row is not None)
        if row is None or agenda is None:
            for action in (self.up_action, self.down_action, self.indent_action):
                action.setEnabled(False)
            self.outdent_action.setEnabled(False)
            return
        parent = agenda.find(row.parent_id)
        siblings = parent.children if parent is not None else agenda.items
        index = [s.id for s in siblings].index(row.id)
        self.up_action.setEnabled(index > 0)
        self.down_action.setEnabled(index < len(siblings) - 1)
        self.indent_action.setEnabled(parent is None and index > 0 and not row.children)
        self.outdent_action.setEnabled(parent is not None)

    def _on_stack_changed(self, _index: int) -> None:
        if self.context.pushing:
            return  # our own edit, already shown
        if self.isVisible():
            self.reload(self.selected_item_id())
        else:
            self._stale = True  # read again when shown
        self.changed.emit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.reload(self.selected_item_id())
