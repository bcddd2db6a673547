"""A list of people with a check box each, for choosing several of them (the secretaries
of a session, the members named in a vote), and a line saying who is chosen."""

from __future__ import annotations

from collections.abc import Hashable, Iterable

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from clu_desktop.gui.common.widgets import ID_ROLE

_Index = QModelIndex | QPersistentModelIndex
CHECK = Qt.ItemDataRole.CheckStateRole


class CheckListModel(QAbstractListModel):
    """Rows of (id, label), each checkable; ``toggled`` says which one the user changed.

    The model saves nothing: whoever listens does, and shows the saved ticks again with
    :meth:`set_checked`.
    """

    toggled = Signal(object, bool)  # the row's id, ticked or not

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[Hashable, str]] = []
        self._checked: set[Hashable] = set()
        self._disabled: set[Hashable] = set()

    def set_rows(self, rows: Iterable[tuple[Hashable, str]]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def set_checked(self, ids: Iterable[Hashable], disabled: Iterable[Hashable] = ()) -> None:
        """Tick ``ids`` (and only them); ``disabled`` rows cannot be ticked (chosen elsewhere)."""
        self._checked, self._disabled = set(ids), set(disabled)
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))

    def checked_ids(self) -> list[Hashable]:
        """The ticked ids, in the order of the rows."""
        return [key for key, _label in self._rows if key in self._checked]

    def label_of(self, key: Hashable) -> str | None:
        return next((label for k, label in self._rows if k == key), None)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        key, label = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return label
        if role == CHECK:
            checked = key in self._checked
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        if role == ID_ROLE:
            return key
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        key = self._rows[index.row()][0]
        if key in self._disabled:
            return Qt.ItemFlag.ItemNeverHasChildren
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def setData(self, index: _Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != CHECK or not index.isValid() or not 0 <= index.row() < len(self._rows):
            return False
        key = self._rows[index.row()][0]
        if key in self._disabled:
            return False
        on = Qt.CheckState(value) == Qt.CheckState.Checked
        if on == (key in self._checked):
            return True
        if on:
            self._checked.add(key)
        else:
            self._checked.discard(key)
        self.dataChanged.emit(index, index, [CHECK])
        self.toggled.emit(key, on)
        return True


class CheckList(QWidget):
    """A checkable list over ``model`` (``rows`` rows high) and, under it, who is ticked
    ("``prefix`` : Mme X, M. Y", else ``none_text``): with a long list, the ticked names
    are seen without scrolling. Espace ticks the current row."""

    def __init__(
        self,
        model: CheckListModel,
        prefix: str,
        none_text: str,
        rows: int = 5,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self._prefix, self._none_text = prefix, none_text
        self.view = QListView()
        self.view.setModel(model)
        self.view.setUniformItemSizes(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # A row is as high as its text or its check box, whichever is higher.
        indicator = self.view.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorHeight)
        row_height = max(self.view.fontMetrics().lineSpacing(), indicator)
        self.view.setFixedHeight(rows * row_height + 2 * self.view.frameWidth())
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.view)
        layout.addWidget(self.summary)
        model.modelReset.connect(self._summarise)
        model.dataChanged.connect(self._summarise)
        self._summarise()

    def _summarise(self, *_args: object) -> None:
        names = [self.model.label_of(key) or "" for key in self.model.checked_ids()]
        self.summary.setText(
            f"{self._prefix}\u00a0: {', '.join(names)}" if names else self._none_text
        )
