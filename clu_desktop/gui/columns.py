"""Column widths from the content: each column of a table or tree as wide as what it
shows (its header included), an empty column as narrow as its header; when they do not
all fit, the columns allowed to give up room do so, the widest first, so that typical
values stay whole and only the longest ones are elided (their whole text is in the
tooltip the model gives).

``ColumnFitter(view, shrinkable)`` fits the columns now and again whenever the rows
change or the view is resized; a column the user widened by hand keeps its width until
the rows change.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QTreeView


def header_of(view: QAbstractItemView) -> QHeaderView:
    return view.horizontalHeader() if isinstance(view, QTableView) else view.header()


EMPTY_COLUMN_EMS = 4  # an empty column: its header elided to this, whole in its tooltip
SCANNED_ROWS = 2000


def filled_columns(model: QAbstractItemModel) -> set[int]:
    """The columns where some row (child rows included) shows a text."""
    filled: set[int] = set()
    columns = model.columnCount(QModelIndex())
    pending, scanned = [QModelIndex()], 0
    while pending and scanned < SCANNED_ROWS and len(filled) < columns:
        parent = pending.pop()
        for row in range(model.rowCount(parent)):
            scanned += 1
            for column in range(columns):
                if column not in filled and model.index(row, column, parent).data():
                    filled.add(column)
            first = model.index(row, 0, parent)
            if model.rowCount(first):
                pending.append(first)
    return filled


def wanted_widths(view: QAbstractItemView) -> tuple[dict[int, int], set[int]]:
    """Each visible column's width to show its header and its rows whole, and the
    columns where no row shows anything."""
    header = header_of(view)
    model = view.model()
    if model is None:
        return {}, set()
    filled = filled_columns(model)
    wanted, empty = {}, set()
    for column in range(header.count()):
        if header.isSectionHidden(column):
            continue
        wanted[column] = header.sectionSizeHint(column)
        if column in filled:
            wanted[column] = max(wanted[column], view.sizeHintForColumn(column))
        else:
            empty.add(column)
    return wanted, empty


def shared_widths(
    wanted: dict[int, int], floors: dict[int, int], shrinkable: Sequence[int], room: int
) -> dict[int, int]:
    """``wanted`` fitted into ``room``: the ``shrinkable`` columns are cut down, the
    widest first (down to one common width), never below their ``floors``."""
    widths = dict(wanted)
    cut = [c for c in shrinkable if c in widths]
    excess = sum(widths.values()) - room
    while excess > 0:
        able = [c for c in cut if widths[c] > floors.get(c, 0)]
        if not able:
            break
        top = max(widths[c] for c in able)
        widest = [c for c in able if widths[c] == top]
        below = max((widths[c] for c in able if widths[c] < top), default=0)
        share = -(-excess // len(widest))  # rounded up
        for column in widest:
            given = min(share, excess, widths[column] - max(below, floors.get(column, 0)))
            widths[column] -= given
            excess -= given
    return widths


def fit_columns(
    view: QAbstractItemView,
    shrinkable: Sequence[int],
    spare: int | None = None,
    floors: dict[int, int] | None = None,
) -> dict[int, int]:
    """Size ``view``'s columns to their content within its width; returns the widths.

    When they do not fit, the ``shrinkable`` columns (never below their header, or their
    ``floors``) and the empty ones (down to a few letters of their header, elided) give
    up room, the widest first. The room left goes to the ``spare`` column (by default the
    first shrinkable one)."""
    header = header_of(view)
    wanted, empty = wanted_widths(view)
    if not wanted:
        return {}
    narrow = view.fontMetrics().horizontalAdvance("M" * EMPTY_COLUMN_EMS)
    lows = {c: min(header.sectionSizeHint(c), wanted[c]) for c in shrinkable if c in wanted}
    lows.update({c: min(narrow, wanted[c]) for c in empty})
    lows.update({c: min(low, wanted[c]) for c, low in (floors or {}).items() if c in wanted})
    order = [*shrinkable, *sorted(empty - set(shrinkable))]
    room = view.viewport().width()
    widths = shared_widths(wanted, lows, order, room)
    if sum(widths.values()) > room:  # rather than a scroll bar, the floors give way too
        last = {c: min(header.sectionSizeHint(c), wanted[c]) for c in order}
        last.update({c: min(narrow, wanted[c]) for c in empty})
        widths = shared_widths(widths, last, order, room)
    spare = spare if spare is not None else (shrinkable[0] if shrinkable else None)
    left = room - sum(widths.values())
    if spare in widths and left > 0:
        widths[spare] += left
    header.setStretchLastSection(False)
    header.setTextElideMode(Qt.TextElideMode.ElideRight)  # « Représ… », whole in the tooltip
    for column, width in widths.items():
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(column, width)
    return widths


class ColumnFitter(QObject):
    """Keeps ``view``'s columns fitted to its rows and its width."""

    def __init__(
        self,
        view: QAbstractItemView,
        shrinkable: Sequence[int],
        spare: int | None = None,
        floors: Callable[[], dict[int, int]] | None = None,
    ) -> None:
        super().__init__(view)
        self.view = view
        self.shrinkable = tuple(shrinkable)
        self.spare = spare
        self.floors = floors
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)
        model = view.model()
        for signal in (
            model.modelReset,
            model.rowsInserted,
            model.rowsRemoved,
            model.dataChanged,
            model.layoutChanged,
        ):
            signal.connect(self.schedule)
        if isinstance(view, QTreeView):
            view.expanded.connect(self.schedule)
        view.viewport().installEventFilter(self)
        self._width = -1

    def schedule(self, *_args) -> None:
        self._timer.start()

    def fit(self) -> dict[int, int]:
        self._width = self.view.viewport().width()
        floors = self.floors() if self.floors is not None else None
        return fit_columns(self.view, self.shrinkable, self.spare, floors)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.view.viewport().width() != self._width:
            self.schedule()
        return False
