"""A list of people with a check box each, for choosing several of them (the secretaries
of a session, the members named in a vote), and a line saying who is chosen."""

from __future__ import annotations

from collections.abc import Hashable, Iterable

from PySide6.QtCore import (
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

from clu_desktop.gui.common.widgets import ChoiceModel

_Index = QModelIndex | QPersistentModelIndex
CHECK = Qt.ItemDataRole.CheckStateRole


class CheckListModel(ChoiceModel):
    """Rows of (id, label), each checkable; ``toggled`` says which one the user changed.

    The model saves nothing: whoever listens does, and shows the saved ticks again with
    :meth:`set_checked`.
    """

    toggled = Signal(object, bool)  # the row's id, ticked or not

    def __init__(self, parent: QObject | None = None) -> None:
        self._checked: set[Hashable] = set()
        self._disabled: set[Hashable] = set()
        super().__init__(None, parent)

    def set_checked(self, ids: Iterable[Hashable], disabled: Iterable[Hashable] = ()) -> None:
        """Tick ``ids`` (and only them); ``disabled`` rows cannot be ticked (chosen elsewhere)."""
        self._checked, self._disabled = set(ids), set(disabled)
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))

    def checked_ids(self) -> list[Hashable]:
        """The ticked ids, in the order of the rows."""
        return [key for key, _label in self._rows if key in self._checked]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role == CHECK:
            checked = self._rows[index.row()][0] in self._checked
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.EditRole:
            return None  # ticked, never typed in
        return super().data(index, role)

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
