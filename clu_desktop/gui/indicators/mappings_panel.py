"""The Indicateurs page's small table « Correspondances mémorisées » (a tab beside the
indicator's form): each name as written in the imported files and the catalogue entry it
stands for. The selected one's target can be changed or the mapping deleted; both go on
the undo stack (``services.indicators.mappings`` writes them). Without any mapping, the
table's place says how they are made."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clu_desktop.gui.columns import ColumnFitter
from clu_desktop.gui.common.layout import rows_view
from clu_desktop.gui.common.rows_model import AnyIndex, Heading, RowsModel
from clu_desktop.gui.indicators.editing import (
    IndicatorsContext,
    buddy,
    message_label,
    name,
    plain_tooltip,
)
from clu_desktop.rules.indicators import ALL_SITES_LABEL
from clu_desktop.services.indicators import catalogue as indicators_catalogue
from clu_desktop.services.indicators import mappings
from clu_desktop.services.indicators.mappings import IGNORED_LABEL, StoredMapping

KIND_LABELS = {"indicator": "indicateur", "site": "site"}
EMPTY_TEXT = (
    "Aucune correspondance mémorisée. Elles s'ajoutent à l'import d'un fichier, quand "
    "« Mémoriser ces correspondances » est coché."
)


class MappingsModel(RowsModel):
    """The stored mappings: name as written, kind, catalogue entry."""

    HEADERS = ("Nom dans les fichiers", "Type", "Correspond à")
    columns = tuple(Heading(header) for header in HEADERS)

    def index_of(self, kind: str, written: str) -> int:
        return next(
            (i for i, r in enumerate(self._rows) if (r.kind, r.written) == (kind, written)), -1
        )

    def _text(self, row: StoredMapping, column: int) -> str:
        if column == 0:
            return row.written
        if column == 1:
            return KIND_LABELS.get(row.kind, row.kind)
        return row.target_label

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(self.HEADERS):
            return None
        text = self._text(self._rows[index.row()], index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(text)
        return None


#: The combo's data for « lignes ignorées » (a site's None is « Ensemble »).
IGNORED = "ignored"


def _target(row: StoredMapping) -> int | str | None:
    return IGNORED if getattr(row, "ignored", False) else row.target_id


def _set_target(
    session, row: StoredMapping, target: int | str | None, seen_version: int | None = None
) -> None:
    """``seen_version``: the version shown; another workstation's change meanwhile is a
    French ConflictError and nothing is written."""
    ignored = target == IGNORED
    target_id = None if ignored else target
    mappings.set_mapping(session, row.kind, row.written, target_id, seen_version, ignored=ignored)


class MappingsPanel(QWidget):
    """The table, « Correspond à » for the selected mapping and « Oublier ».
    ``saved`` after each edit made here; ``counted`` with the number of mappings each
    time they are read (the page's tab shows it)."""

    saved = Signal()
    counted = Signal(int)

    def __init__(self, context: IndicatorsContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("storedMappings")
        self.context = context
        self.model = MappingsModel(self)
        self.view = name(QTableView(), "storedMappingsTable", "Correspondances mémorisées")
        rows_view(self.view, self.model)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 6)
        # The target elided first, then the name as written (whole in the tooltips).
        self.column_fitter = ColumnFitter(self.view, (2, 0), spare=2)
        # A header and four mappings at least, elided rather than scrolled sideways.
        self.view.setMinimumHeight((self.view.fontMetrics().height() + 6) * 5 + 4)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.empty_label = message_label("storedMappingsEmpty", "Aucune correspondance")
        self.empty_label.setText(EMPTY_TEXT)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.empty_label.setMargin(6)
        # Reached with Tab like the table it replaces (a screen reader reads it then).
        self.empty_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.empty_label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # The message takes the table's place: nothing to overlap however small the room.
        self.stack = QStackedWidget()
        self.stack.setObjectName("storedMappingsStack")
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty_label)
        self.target_combo = name(
            QComboBox(),
            "storedMappingTarget",
            "Correspond à",
            "L'entrée du catalogue que ce nom désigne dans les fichiers importés",
        )
        self.delete_button = name(
            QPushButton("Ou&blier la correspondance"),
            "deleteStoredMapping",
            "Oublier la correspondance",
            "Le nom ne sera plus reconnu au prochain import (Ctrl+Z la rétablit)",
        )
        forget = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.view)
        forget.setContext(Qt.ShortcutContext.WidgetShortcut)
        forget.activated.connect(self.delete_current)
        self.target_combo.activated.connect(self._retarget)
        self.delete_button.clicked.connect(self.delete_current)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        target_row = QHBoxLayout()
        target_row.addWidget(buddy("Correspond à\u00a0:", self.target_combo))
        target_row.addWidget(self.target_combo, 1)
        # The button on a line of its own: the combo keeps the width to show the entry.
        button_row = QHBoxLayout()
        button_row.addStretch(1)
        button_row.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.stack, 1)
        layout.addLayout(target_row)
        layout.addLayout(button_row)
        self._indicators: list[tuple[int, str]] = []
        self._sites: list[tuple[int, str]] = []

    def widgets(self) -> list[QWidget]:
        return [self.view, self.empty_label, self.target_combo, self.delete_button]

    def reload(self) -> None:
        """Read the mappings and the catalogue again, keeping the selected one."""
        current = self.current()
        rows = self.context.read(mappings.list_mappings)
        indicators = self.context.read(indicators_catalogue.list_indicators)
        self._indicators = [(r.id, f"{r.code} — {r.name}") for r in indicators]
        self._sites = [(s.id, s.name) for s in self.context.read(indicators_catalogue.list_sites)]
        self.model.set_rows(rows)
        self.stack.setCurrentWidget(self.view if rows else self.empty_label)
        if rows:
            index = self.model.index_of(current.kind, current.written) if current else -1
            self.view.setCurrentIndex(self.model.index(max(index, 0), 0))
        self._show_current()
        self.counted.emit(len(rows))

    def current(self) -> StoredMapping | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def select(self, kind: str, written: str) -> None:
        self.view.setCurrentIndex(self.model.index(self.model.index_of(kind, written), 0))

    def _show_current(self) -> None:
        row = self.current()
        combo = self.target_combo
        combo.blockSignals(True)
        combo.clear()
        if row is not None:
            if row.kind == "site":
                combo.addItem(ALL_SITES_LABEL, None)
            for target_id, label in self._indicators if row.kind == "indicator" else self._sites:
                combo.addItem(label, target_id)
            combo.addItem(IGNORED_LABEL, IGNORED)
            combo.setCurrentIndex(combo.findData(_target(row)))
        combo.blockSignals(False)
        combo.setEnabled(row is not None)
        self.delete_button.setEnabled(row is not None)

    def _retarget(self, index: int) -> None:
        row = self.current()
        target_id = self.target_combo.itemData(index)
        if row is None or target_id == _target(row):
            return
        context, first = self.context, [True]

        def do() -> None:
            # The first time against the version shown; a redo replays it as it is.
            seen = row.version if first else None
            first.clear()
            context.write(_set_target, row, target_id, seen)

        def undo_step() -> None:
            context.write(_set_target, row, _target(row))

        text = f"Modifier la correspondance « {row.written} »"
        context.record(text, do, undo_step, widget=self)
        self.reload()
        self.saved.emit()

    def delete_current(self) -> None:
        row = self.current()
        if row is None:
            return
        context, first = self.context, [True]

        def do() -> None:
            if first:  # the one shown, unless changed meanwhile
                first.clear()
                context.write(mappings.delete_mapping, row.id, row.version)
                return
            live = next(
                (
                    r
                    for r in context.read(mappings.list_mappings)
                    if (r.kind, r.written) == (row.kind, row.written)
                ),
                None,
            )
            if live is not None:
                context.write(mappings.delete_mapping, live.id)

        def undo_step() -> None:
            context.write(_set_target, row, _target(row))

        ok, _ = context.record(
            f"Oublier la correspondance « {row.written} »", do, undo_step, widget=self
        )
        self.reload()
        if ok:
            self.saved.emit()
