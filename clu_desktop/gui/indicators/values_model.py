"""The values of one indicator as an editable table: a row per period (oldest at the top,
then the next period, empty, to type its values), a column per site (or "Ensemble").

The model only shows what the services return (``set_grid``); what the user types is
handed to the page through ``value_entered``, which saves it and gives the model the new
grid. A refused value therefore never shows: the cell keeps the saved one.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QFont

from clu_desktop.french.numbers import typed_number
from clu_desktop.french.periods import period_label
from clu_desktop.french.values import change, format_value, target_text
from clu_desktop.gui import colours
from clu_desktop.gui.common.rows_model import READ_ONLY, AnyIndex
from clu_desktop.gui.indicators.editing import plain_tooltip
from clu_desktop.rules.indicators import ALL_SITES_LABEL, previous_period
from clu_desktop.services.indicators.common import ValueCell, ValueGrid
from clu_desktop.services.quality.common import SiteRow

MET = colours.SUCCESS
MISSED = colours.ERROR
EXAMPLE_TEXT = colours.MUTED
MET_MARK, MISSED_MARK = "\u2713", "\u2717"  # ✓ ✗


class ValuesModel(QAbstractTableModel):
    """``value_entered(period, site_id, text)`` when the user types a value."""

    value_entered = Signal(str, object, str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.grid: ValueGrid | None = None
        self._periods: list[str] = []  # shown rows, the next period last
        self._next: str | None = None
        self._sites: list[SiteRow | None] = []

    # Grid

    def set_grid(self, grid: ValueGrid | None, next_period: str | None) -> None:
        """Show ``grid``. The same sites and periods that only moved (a period added at
        the bottom, the oldest dropped at the top) keep the current cell and editor."""
        periods = [*grid.periods, next_period] if grid is not None and next_period else []
        if grid is not None and not next_period:
            periods = list(grid.periods)
        sites = list(grid.sites) if grid is not None else []
        same_columns = sites == self._sites and (
            grid is not None
            and self.grid is not None
            and grid.indicator.id == self.grid.indicator.id
        )
        if not same_columns:
            self.beginResetModel()
            self.grid, self._periods, self._next, self._sites = grid, periods, next_period, sites
            self.endResetModel()
            return
        self._move_rows(periods)
        self.grid, self._next = grid, next_period
        if self._periods and self._sites:
            last = self.index(len(self._periods) - 1, len(self._sites) - 1)
            self.dataChanged.emit(self.index(0, 0), last)
        self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, max(len(self._periods) - 1, 0))

    def _move_rows(self, new: list[str]) -> None:
        """Turn the rows into ``new`` by removing rows at the top and adding or removing
        rows at the bottom; reset when the periods changed otherwise."""
        old = self._periods
        for drop in range(len(old) + 1):
            tail = old[drop:]
            keep = min(len(tail), len(new))
            if tail[:keep] == new[:keep] and (keep == len(tail) or keep == len(new)):
                break
        else:  # pragma: no cover - drop == len(old) always matches
            drop, keep = len(old), 0
        if drop and keep == 0 and new:
            self.beginResetModel()
            self._periods = list(new)
            self.endResetModel()
            return
        if drop:
            self.beginRemoveRows(QModelIndex(), 0, drop - 1)
            self._periods = old[drop:]
            self.endRemoveRows()
        if len(self._periods) > len(new):
            self.beginRemoveRows(QModelIndex(), len(new), len(self._periods) - 1)
            self._periods = self._periods[: len(new)]
            self.endRemoveRows()
        elif len(self._periods) < len(new):
            self.beginInsertRows(QModelIndex(), len(self._periods), len(new) - 1)
            self._periods = list(new)
            self.endInsertRows()

    def period_at(self, row: int) -> str | None:
        return self._periods[row] if 0 <= row < len(self._periods) else None

    def site_at(self, column: int) -> SiteRow | None:
        return self._sites[column] if 0 <= column < len(self._sites) else None

    def site_id_at(self, column: int) -> int | None:
        site = self.site_at(column)
        return site.id if site is not None else None

    def is_next_row(self, row: int) -> bool:
        return self._next is not None and row == len(self._periods) - 1

    def cell(self, index: AnyIndex) -> ValueCell | None:
        if self.grid is None or not index.isValid():
            return None
        period = self.period_at(index.row())
        if period is None or not 0 <= index.column() < len(self._sites):
            return None
        return self.grid.cells.get((period, self.site_id_at(index.column())))

    def index_of(self, period: str, site_id: int | None) -> QModelIndex:
        if period not in self._periods:
            return QModelIndex()
        for column, site in enumerate(self._sites):
            if (site.id if site is not None else None) == site_id:
                return self.index(self._periods.index(period), column)
        return QModelIndex()

    def site_name(self, column: int) -> str:
        site = self.site_at(column)
        return site.name if site is not None else ALL_SITES_LABEL

    # Texts

    def place(self, index: AnyIndex) -> str:
        """ "2022, Préfecture de la Haute-Marne"."""
        return (
            f"{period_label(self.period_at(index.row()) or '')}, {self.site_name(index.column())}"
        )

    def _display(self, cell: ValueCell) -> str:
        text = format_value(cell.value, self.grid.indicator.unit)  # type: ignore[arg-type, union-attr]
        if cell.met is not None:
            text += f" {MET_MARK if cell.met else MISSED_MARK}"
        return text

    def _tooltip(self, index: AnyIndex, cell: ValueCell | None) -> str | None:
        indicator = self.grid.indicator  # type: ignore[union-attr]
        where = (
            f"{period_label(self.period_at(index.row()) or '')}, {self.site_name(index.column())}"
        )
        if cell is None or cell.value is None:
            hint = (
                "période suivante : tapez la valeur"
                if self.is_next_row(index.row())
                else "aucune valeur"
            )
            return plain_tooltip(f"{where} : {hint}")
        lines = [f"{where} : {format_value(cell.value, indicator.unit)}"]
        if cell.is_example:
            lines[0] += " (exemple)"
        if cell.met is not None:
            target = target_text(indicator) or ""
            lines.append(f"{'Cible atteinte' if cell.met else 'Cible non atteinte'} ({target})")
        if cell.change is not None:
            before = period_label(_previous(self.period_at(index.row()) or ""))
            lines.append(f"Évolution depuis {before} : {change(indicator, 0.0, cell.change).text}")
        if cell.comment:
            lines.append(f"Commentaire : {cell.comment}")
        if cell.source:
            lines.append(f"Source : {cell.source}")
        return plain_tooltip("\n".join(lines))

    # Qt

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._periods)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._sites)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.period_at(index.row()) is None:
            return None
        if not 0 <= index.column() < len(self._sites):
            return None
        cell = self.cell(index)
        filled = cell is not None and cell.value is not None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(cell) if filled else ""  # type: ignore[arg-type]
        if role == Qt.ItemDataRole.EditRole:
            return typed_number(cell.value) if filled else ""  # type: ignore[union-attr]
        if role == Qt.ItemDataRole.AccessibleTextRole:
            where = self.place(index)
            if not filled:
                return f"{where} : vide"
            suffix = " (exemple)" if cell.is_example else ""  # type: ignore[union-attr]
            return f"{where} : {self._display(cell)}{suffix}"  # type: ignore[arg-type]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(index, cell)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and filled and cell.is_example:  # type: ignore[union-attr]
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and filled:
            if cell.met is not None:  # type: ignore[union-attr]
                return colours.for_items(MET if cell.met else MISSED)  # type: ignore[union-attr]
            if cell.is_example:  # type: ignore[union-attr]
                return colours.for_items(EXAMPLE_TEXT)
        if role == Qt.ItemDataRole.BackgroundRole and self.is_next_row(index.row()):
            return QBrush(colours.highlighted_row())
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        period = self.period_at(index.row())
        if period is None or not 0 <= index.column() < len(self._sites):
            return False
        text = str(value or "").strip()
        cell = self.cell(index)
        unchanged = text == self.data(index, Qt.ItemDataRole.EditRole)
        if unchanged and not (cell is not None and cell.is_example and text):
            return False  # nothing typed (typing an example's value makes it real)
        self.value_entered.emit(period, self.site_id_at(index.column()), text)
        return True

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return READ_ONLY | Qt.ItemFlag.ItemIsEditable

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self._sites):
                return None
            if role == Qt.ItemDataRole.DisplayRole:
                return self.site_name(section)
            if role == Qt.ItemDataRole.ToolTipRole:
                return plain_tooltip(self.site_name(section))
            return None
        period = self.period_at(section)
        if period is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            label = period_label(period)
            return f"{label} (à saisir)" if self.is_next_row(section) else label
        if role == Qt.ItemDataRole.ToolTipRole and self.is_next_row(section):
            return "Période suivante : tapez ses valeurs pour l'ajouter."
        return None


def _previous(period: str) -> str:
    return previous_period(period) if period else period
