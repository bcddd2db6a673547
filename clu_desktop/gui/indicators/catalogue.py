"""The catalogue of indicators on the left of the page: a tree of categories and their
indicators, a filter box, and the buttons to add or delete an indicator."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from clu_desktop.gui import colours
from clu_desktop.gui.common.groups_model import GroupsModel
from clu_desktop.gui.indicators.editing import name, plain_tooltip
from clu_desktop.rules.indicators import fold
from clu_desktop.services.indicators.common import PERIODICITY_LABELS, IndicatorRow

AnyIndex = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole
OTHER_CATEGORY = "Autres indicateurs"
MUTED = colours.MUTED


def category_of(row: IndicatorRow) -> str:
    return (row.category or "").strip() or OTHER_CATEGORY


def matches(row: IndicatorRow, words: Sequence[str]) -> bool:
    """Every word of the filter appears in the code, name or category (no accents)."""
    text = fold(f"{row.code} {row.name} {row.category or ''}")
    return all(word in text for word in words)


def values_text(count: int) -> str:
    return "aucune valeur" if count == 0 else f"{count} valeur{'s' if count > 1 else ''}"


def indicator_tooltip(row: IndicatorRow) -> str | None:
    lines = [f"{row.code} — {row.name}"]
    details = [f"périodicité {PERIODICITY_LABELS.get(row.periodicity, row.periodicity)}"]
    if row.unit:
        details.append(f"unité {row.unit}")
    details.append(values_text(row.value_count))
    lines.append(", ".join(details))
    if row.has_examples:
        lines.append("Contient des valeurs d'exemple.")
    return plain_tooltip("\n".join(lines))


class CatalogueModel(GroupsModel):
    """Categories (top level, in the order of the catalogue, "Autres indicateurs" last)
    and their indicators (``gui/common/groups_model``)."""

    def set_rows(self, rows: Sequence[IndicatorRow], filter_text: str = "") -> None:
        words = fold(filter_text).split()
        groups: dict[str, list[IndicatorRow]] = {}
        for row in rows:
            if matches(row, words):
                groups.setdefault(category_of(row), []).append(row)
        other = groups.pop(OTHER_CATEGORY, None)
        ordered = list(groups.items()) + ([(OTHER_CATEGORY, other)] if other else [])
        self.set_groups(ordered)

    def indicator_count(self) -> int:
        return self.row_count()

    def categories(self) -> list[str]:
        return self.titles()

    def row_for(self, index: AnyIndex) -> IndicatorRow | None:
        return self.row_at(index)

    def category_for(self, index: AnyIndex) -> str | None:
        """The category of a category or indicator index."""
        return self.title_of(index)

    def first_indicator(self) -> QModelIndex:
        for group, (_, rows) in enumerate(self._groups):
            if rows:
                return self.row_index(group, 0)
        return QModelIndex()

    # Qt

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 1

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            if not 0 <= index.row() < len(self._groups):
                return None
            title, rows = self._groups[index.row()]
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return f"{title} ({len(rows)})"
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.ToolTipRole:
                return plain_tooltip(title)
            return None
        row = self.row_for(index)
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return row.name
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{row.name}, {values_text(row.value_count)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return indicator_tooltip(row)
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ForegroundRole and row.value_count == 0:
            return colours.for_items(MUTED)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.internalId() != 0:
            flags |= Qt.ItemFlag.ItemNeverHasChildren
        return flags

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            section == 0
            and orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
        ):
            return "Indicateur"
        return None


class Catalogue(QWidget):
    """The filter, the tree and the add/delete buttons; ``current_changed`` carries the
    id of the indicator selected (None: a category or nothing)."""

    current_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("indicatorCatalogue")
        self._rows: list[IndicatorRow] = []
        self._silent = False
        self.filter_edit = name(
            QLineEdit(),
            "indicatorFilter",
            "Filtrer les indicateurs",
            "Tapez une partie du code, du nom ou de la catégorie",
        )
        self.filter_edit.setPlaceholderText("Code, nom ou catégorie…")
        self.filter_edit.setClearButtonEnabled(True)
        filter_label = QLabel("Fi&ltrer\u00a0:")
        filter_label.setBuddy(self.filter_edit)
        self.model = CatalogueModel(self)
        self.tree = name(QTreeView(), "indicatorTree", "Indicateurs par catégorie")
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.count_label = name(QLabel(), "indicatorCount", "Nombre d'indicateurs")
        self.add_button = name(
            QPushButton("A&jouter un indicateur"),
            "addIndicator",
            "Ajouter un indicateur",
            "Un nouvel indicateur dans la catégorie sélectionnée",
        )
        self.delete_button = name(
            QPushButton("Supprimer"),
            "deleteIndicator",
            "Supprimer l'indicateur",
            "Supprimer l'indicateur sélectionné (seulement s'il n'a aucune valeur)",
        )

        top = QHBoxLayout()
        top.addWidget(filter_label)
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.count_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)

        self.filter_edit.textChanged.connect(lambda _text: self._refilter())
        self.tree.selectionModel().currentChanged.connect(self._on_current)

    def widgets(self) -> list[QWidget]:
        return [self.filter_edit, self.tree, self.add_button, self.delete_button]

    # Rows

    def set_rows(self, rows: Sequence[IndicatorRow], select_id: int | None = None) -> None:
        """Show ``rows``; keep the selected indicator (else ``select_id``, else the first)."""
        current = self.current_id() if select_id is None else select_id
        self._rows = list(rows)
        self._show(current)

    def rows(self) -> list[IndicatorRow]:
        return list(self._rows)

    def row(self, indicator_id: int | None) -> IndicatorRow | None:
        return next((r for r in self._rows if r.id == indicator_id), None)

    def _refilter(self) -> None:
        self._show(self.current_id())

    def _show(self, select_id: int | None) -> None:
        before = self.current_id()
        self._silent = True
        try:
            self.model.set_rows(self._rows, self.filter_edit.text())
            self.tree.expandAll()
            index = self.model.index_of(select_id)
            if not index.isValid():
                index = self.model.first_indicator()
            if index.isValid():
                self.tree.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                )
                self.tree.scrollTo(index)
        finally:
            self._silent = False
        shown, total = self.model.indicator_count(), len(self._rows)
        text = f"{shown} indicateur{'s' if shown > 1 else ''}"
        self.count_label.setText(text if shown == total else f"{text} sur {total}")
        self.delete_button.setEnabled(self.current_id() is not None)
        if self.current_id() != before:
            self.current_changed.emit(self.current_id())

    def current_id(self) -> int | None:
        row = self.model.row_for(self.tree.currentIndex())
        return row.id if row is not None else None

    def current_category(self) -> str | None:
        category = self.model.category_for(self.tree.currentIndex())
        return None if category == OTHER_CATEGORY else category

    def select(self, indicator_id: int | None) -> None:
        index = self.model.index_of(indicator_id)
        if not index.isValid() and indicator_id is not None and self.row(indicator_id):
            self.filter_edit.clear()  # the filter hides it
            index = self.model.index_of(indicator_id)
        if index.isValid():
            self.tree.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            self.tree.scrollTo(index)

    def _on_current(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        if self._silent:
            return
        self.delete_button.setEnabled(self.current_id() is not None)
        self.current_changed.emit(self.current_id())
