"""The agenda as a Qt tree model: items and their sub-items, with planned times.

The model is read-only: a drop does not move rows itself, it asks for the move
(:attr:`AgendaTreeModel.move_requested`); the page makes it through the services and
gives the model the new agenda.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from clu_desktop.gui.agenda.texts import plain_tooltip
from clu_desktop.services.agenda.items import Agenda, AgendaItemRow
from clu_desktop.services.agenda.schedule import Slot, format_duration, planned_label, schedule

ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 1
MIME_TYPE = "application/x-clu-agenda-item"

TITLE_COLUMN, PRESENTER_COLUMN, DURATION_COLUMN, TIME_COLUMN = range(4)
HEADERS = ("N° et intitulé", "Présenté par", "Durée", "Horaire prévu")

AnyIndex = QModelIndex | QPersistentModelIndex


class AgendaTreeModel(QAbstractItemModel):
    """Two levels: the agenda's items, and under each its sub-items."""

    #: Asked by a drop: (item id, new parent id or None, position once moved).
    move_requested = Signal(int, object, int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._agenda: Agenda | None = None
        self._rows: dict[int, AgendaItemRow] = {}
        self._row_numbers: dict[int, int] = {}
        self._slots: dict[int, Slot] = {}

    # Data in

    def set_agenda(self, agenda: Agenda | None) -> None:
        """Show ``agenda``; the same tree of ids only refreshes the texts (no reset)."""
        if (
            agenda is not None
            and self._agenda is not None
            and _shape(agenda) == _shape(self._agenda)
        ):
            caption = self._agenda.presenter_caption
            self._load(agenda)
            if agenda.presenter_caption != caption:
                self.headerDataChanged.emit(
                    Qt.Orientation.Horizontal, PRESENTER_COLUMN, PRESENTER_COLUMN
                )
            if self._rows:
                last = self.rowCount() - 1
                self.dataChanged.emit(self.index(0, 0), self.index(last, len(HEADERS) - 1))
                for row in agenda.items:
                    if row.children:
                        parent = self.index_of(row.id)
                        self.dataChanged.emit(
                            self.index(0, 0, parent),
                            self.index(len(row.children) - 1, len(HEADERS) - 1, parent),
                        )
            return
        self.beginResetModel()
        self._load(agenda)
        self.endResetModel()

    def _load(self, agenda: Agenda | None) -> None:
        self._agenda = agenda
        self._rows, self._row_numbers = {}, {}
        if agenda is None:
            self._slots = {}
            return
        for number, item in enumerate(agenda.items):
            self._rows[item.id], self._row_numbers[item.id] = item, number
            for sub_number, child in enumerate(item.children):
                self._rows[child.id], self._row_numbers[child.id] = child, sub_number
        self._slots = schedule(agenda)

    @property
    def agenda(self) -> Agenda | None:
        return self._agenda

    def row_at(self, index: AnyIndex) -> AgendaItemRow | None:
        return self._rows.get(index.internalId()) if index.isValid() else None

    def index_of(self, item_id: int | None, column: int = 0) -> QModelIndex:
        row = self._rows.get(item_id) if item_id is not None else None
        if row is None:
            return QModelIndex()
        return self.createIndex(self._row_numbers[row.id], column, row.id)

    # Structure

    def _children(self, parent: AnyIndex) -> tuple[AgendaItemRow, ...]:
        if self._agenda is None:
            return ()
        if not parent.isValid():
            return self._agenda.items
        row = self.row_at(parent)
        return row.children if row is not None and parent.column() == 0 else ()

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        children = self._children(parent)
        if not (0 <= row < len(children) and 0 <= column < len(HEADERS)):
            return QModelIndex()
        return self.createIndex(row, column, children[row].id)

    def parent(self, index: AnyIndex) -> QModelIndex:  # type: ignore[override]
        row = self.row_at(index)
        if row is None or row.parent_id is None:
            return QModelIndex()
        return self.index_of(row.parent_id)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return len(self._children(parent))

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return len(HEADERS)

    def hasChildren(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return self.rowCount(parent) > 0

    # Contents

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        row = self.row_at(index)
        if row is None:
            return None
        if role == ITEM_ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(self._text(row, index.column()))
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (
            DURATION_COLUMN,
            TIME_COLUMN,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, row: AgendaItemRow, column: int) -> str:
        if column == TITLE_COLUMN:
            return f"{row.number}. {row.title}"
        if column == PRESENTER_COLUMN:
            return row.presenter_name or ""
        if column == DURATION_COLUMN:
            return format_duration(row.duration_minutes)
        if column == TIME_COLUMN and self._agenda is not None:
            return planned_label(self._agenda, self._slots.get(row.id))
        return ""

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if (
            orientation == Qt.Orientation.Horizontal
            and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
            and 0 <= section < len(HEADERS)
        ):
            if section == PRESENTER_COLUMN and self._agenda is not None:
                return self._agenda.presenter_caption  # « Rapporteur » in some committees
            return HEADERS[section]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled  # dropping between the items
        row = self.row_at(index)
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if row is None:
            return Qt.ItemFlag.NoItemFlags
        flags |= Qt.ItemFlag.ItemIsDragEnabled
        if row.parent_id is None:
            flags |= Qt.ItemFlag.ItemIsDropEnabled
        else:
            flags |= Qt.ItemFlag.ItemNeverHasChildren
        return flags

    # Drag and drop

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes) -> QMimeData | None:
        rows = {self.row_at(index).id for index in indexes if self.row_at(index) is not None}
        if len(rows) != 1:
            return None
        data = QMimeData()
        data.setData(MIME_TYPE, QByteArray(str(rows.pop()).encode("ascii")))
        return data

    def _dragged(self, data: QMimeData) -> AgendaItemRow | None:
        if data is None or not data.hasFormat(MIME_TYPE):
            return None
        raw = bytes(data.data(MIME_TYPE).data()).decode("ascii", "replace")
        return self._rows.get(int(raw)) if raw.isdigit() else None

    def target(
        self, data: QMimeData, row: int, parent: AnyIndex
    ) -> tuple[AgendaItemRow, int | None, int] | None:
        """Where a drop would put the dragged item: (item, parent id, final position),
        or None when it cannot go there (more than two levels)."""
        dragged = self._dragged(data)
        if dragged is None:
            return None
        parent_row = self.row_at(parent)
        if parent_row is not None:
            if parent_row.parent_id is not None or parent_row.id == dragged.id:
                return None
            if dragged.children:
                return None
        parent_id = parent_row.id if parent_row is not None else None
        siblings = parent_row.children if parent_row is not None else self._agenda.items
        position = len(siblings) if row < 0 else row
        if dragged.parent_id == parent_id and self._row_numbers[dragged.id] < position:
            position -= 1  # the item leaves its place first
        return dragged, parent_id, position

    def canDropMimeData(self, data, action, row, column, parent) -> bool:
        return action == Qt.DropAction.MoveAction and self.target(data, row, parent) is not None

    def dropMimeData(self, data, action, row, column, parent) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        dragged, parent_id, position = self.target(data, row, parent)  # type: ignore[misc]
        if parent_id != dragged.parent_id or position != self._row_numbers[dragged.id]:
            self.move_requested.emit(dragged.id, parent_id, position)
        # The move is made by the page, through the services: the view removes nothing.
        return False


def _shape(agenda: Agenda) -> tuple:
    return tuple((item.id, tuple(c.id for c in item.children)) for item in agenda.items)
