"""The values of the selected indicator, typed like in a spreadsheet: a value then Tab
goes to the next cell, Enter to the cell below; each value is saved at once (Ctrl+Z
undoes it). Below the grid: the legend, and the comment and source of the selected cell.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clu_desktop.errors import ConflictError, UserError
from clu_desktop.french.numbers import number
from clu_desktop.french.periods import period_label
from clu_desktop.french.values import target_text
from clu_desktop.gui import colours, messages
from clu_desktop.gui.conflicts import RecordKind, telling_changes
from clu_desktop.gui.indicators.editing import (
    INDICATOR,
    IndicatorsContext,
    buddy,
    message_label,
    name,
    same_text,
    set_plain_text,
    text_field,
)
from clu_desktop.gui.indicators.values_model import MET_MARK, MISSED_MARK, ValuesModel
from clu_desktop.gui.undo import UndoKeys
from clu_desktop.rules import indicators as indicator_rules
from clu_desktop.rules.indicators import EXAMPLE_NOTE
from clu_desktop.services.indicators import common as indicators_common
from clu_desktop.services.indicators import values as indicators_values
from clu_desktop.services.indicators.common import PERIODICITY_LABELS, ValueCell, ValueGrid
from clu_desktop.services.indicators.values import VALUE_LABELS, sentence, value_what

#: Periods shown unless "Afficher tout l'historique" is ticked: the grid and the chart
#: stay quick on indicators followed monthly for decades.
LAST_PERIODS = 36
NO_CELL_TEXT = "Choisissez une cellule remplie pour lui donner un commentaire et une source."
EMPTY_CELL_TEXT = "Saisissez d'abord une valeur dans la cellule."
RETURN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
EMPTY_CELL = ValueCell(None, None, None, False, None, None, 0)  # an empty cell, version 0


def _read_cell(session, key: tuple[int, str, int | None]) -> ValueCell:
    return indicators_values.get_value_cell(session, *key) or EMPTY_CELL


class ValueDelegate(QStyledItemDelegate):
    """A line edit per cell; Enter saves and goes down (Tab, handled by Qt, goes right)."""

    def __init__(self, undo_keys: UndoKeys, parent=None) -> None:
        super().__init__(parent)
        self._undo_keys = undo_keys

    def createEditor(self, parent: QWidget, option: Any, index: QModelIndex) -> QWidget:
        editor = QLineEdit(parent)
        period = index.model().headerData(index.row(), Qt.Orientation.Vertical)
        site = index.model().headerData(index.column(), Qt.Orientation.Horizontal)
        name(editor, "indicatorValueEditor", f"Valeur {period}, {site}")
        editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        editor.setFrame(False)
        self._undo_keys.watch(editor)
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        editor.setText(index.data(Qt.ItemDataRole.EditRole) or "")  # type: ignore[attr-defined]

    def setModelData(self, editor: QWidget, model: Any, index: QModelIndex) -> None:
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)  # type: ignore[attr-defined]

    def eventFilter(self, editor: Any, event: Any) -> bool:
        if event.type() == event.Type.KeyPress and event.key() in RETURN_KEYS:
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.SubmitModelCache)
            return True
        return super().eventFilter(editor, event)


class ValuesView(QTableView):
    """Enter goes down; Delete empties the cell; a refused value keeps the cursor on
    its cell instead of moving on."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.refused: QPersistentModelIndex | None = None

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        refused, self.refused = self.refused, None
        if refused is not None and refused.isValid():
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            self.setCurrentIndex(QModelIndex(refused))
            return
        super().closeEditor(editor, hint)
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            self.move_down()

    def move_down(self) -> None:
        current = self.currentIndex()
        below = current.sibling(current.row() + 1, current.column())
        if below.isValid():
            self.setCurrentIndex(below)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        editing = self.state() == QAbstractItemView.State.EditingState
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        if not editing and plain and event.key() in RETURN_KEYS:
            self.move_down()
            return
        if not editing and plain and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            if self.currentIndex().isValid():
                self.model().setData(self.currentIndex(), "", Qt.ItemDataRole.EditRole)
            return
        super().keyPressEvent(event)


def legend_text(grid: ValueGrid) -> str:
    parts = []
    if grid.indicator.target is not None:
        parts.append(f"{MET_MARK} cible atteinte · {MISSED_MARK} cible non atteinte")
    parts.append("en italique\u00a0: valeur d'exemple")
    return " · ".join(parts)


def details_text(grid: ValueGrid) -> str:
    row = grid.indicator
    parts = [f"périodicité {PERIODICITY_LABELS.get(row.periodicity, row.periodicity)}"]
    if row.unit:
        parts.append(f"unité\u00a0: {row.unit}")
    parts.append(target_text(row) or "sans cible")
    parts.append(indicators_common.DIRECTION_LABELS.get(row.direction, row.direction))
    return " · ".join(parts)


class ValuesPanel(QWidget):
    """``show_indicator(id)``; ``saved(value_changed)`` after each value, comment or
    source saved (True for a value: the chart and the catalogue change too)."""

    saved = Signal(bool)

    def __init__(
        self, context: IndicatorsContext, undo_keys: UndoKeys, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("indicatorValues")
        self.context = context
        self.indicator_id: int | None = None
        self.grid: ValueGrid | None = None
        self._conflicts = 0  # saves refused for another workstation's change
        self._saving = False

        self.title_label = name(QLabel(), "indicatorTitle", "Indicateur sélectionné")
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.title_label.setWordWrap(True)
        font = self.title_label.font()
        font.setBold(True)
        self.title_label.setFont(font)
        self.details_label = message_label("indicatorDetails", "Unité, cible et périodicité")
        self.model = ValuesModel(self)
        self.view = name(
            ValuesView(),
            "indicatorValueGrid",
            "Valeurs par période et par site",
            "Tapez une valeur puis Tab pour la cellule suivante, Entrée pour celle du dessous ; "
            "Suppr efface la valeur. La dernière ligne est la période suivante, à saisir.",
        )
        self.view.setModel(self.model)
        self.view.setItemDelegate(ValueDelegate(undo_keys, self.view))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.view.setTabKeyNavigation(False)  # Tab leaves the grid unless typing
        self.view.setWordWrap(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.view.horizontalHeader().setMinimumSectionSize(110)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.grid_label = buddy("&Valeurs\u00a0:", self.view)
        self.show_all_check = name(
            QCheckBox("Afficher tout l'&historique"),
            "indicatorShowAll",
            "Afficher toutes les périodes",
            f"Sinon, seules les {LAST_PERIODS} dernières périodes sont affichées",
        )
        self.legend_label = message_label("indicatorLegend", "Légende")
        self.example_label = message_label("indicatorExampleNote", "Valeurs d'exemple")
        self.example_label.setText(EXAMPLE_NOTE)
        colours.paint(self.example_label, colours.WARNING)
        italic = self.example_label.font()
        italic.setItalic(True)
        self.example_label.setFont(italic)
        self.cell_label = message_label("indicatorCell", "Cellule sélectionnée")
        self.comment_edit = text_field("indicatorValueComment", "Commentaire de la valeur", 2)
        self.source_edit = name(QLineEdit(), "indicatorValueSource", "Source de la valeur")
        self.source_edit.setMaxLength(300)
        self.source_edit.setPlaceholderText("D'où vient le chiffre (outil, rapport…)")
        self._build()

        self.model.value_entered.connect(self._value_entered)
        self.view.selectionModel().currentChanged.connect(lambda *_: self._show_cell())
        self.show_all_check.toggled.connect(lambda _on: self.reload())
        self.comment_edit.textChanged.connect(self._comment_typed)
        self.source_edit.textEdited.connect(self._source_typed)

    def _build(self) -> None:
        head = QHBoxLayout()
        head.addWidget(self.grid_label)
        head.addStretch(1)
        head.addWidget(self.show_all_check)
        cell = QFormLayout()
        cell.addRow(self.cell_label)
        cell.addRow(buddy("Commentai&re\u00a0:", self.comment_edit), self.comment_edit)
        cell.addRow(buddy("Source\u00a0:", self.source_edit), self.source_edit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title_label)
        layout.addWidget(self.details_label)
        layout.addLayout(head)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.legend_label)
        layout.addWidget(self.example_label)
        layout.addLayout(cell)

    def widgets(self) -> list[QWidget]:
        return [self.show_all_check, self.view, self.comment_edit, self.source_edit]

    # Showing

    def show_indicator(self, indicator_id: int | None) -> None:
        """Show an indicator's values (None: none); keeps the current cell for the same
        indicator, else starts on the first cell of the period to type."""
        same = indicator_id is not None and indicator_id == self.indicator_id
        self.indicator_id = indicator_id
        grid = None
        if indicator_id is not None:
            try:
                grid = self.context.read(
                    indicators_values.value_grid, indicator_id, last_periods=self.last_periods()
                )
            except UserError:  # deleted meanwhile
                grid, self.indicator_id = None, None
        self.grid = grid
        next_period = None
        if grid is not None:
            last = grid.periods[-1] if grid.periods else None
            next_period = indicator_rules.next_periods(grid.indicator.periodicity, last, 1)[0]
        self.model.set_grid(grid, next_period)
        self._show_texts()
        if not same and grid is not None and self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(self.model.rowCount() - 1, 0))
        if not same:
            self.view.scrollToBottom()
        self._show_cell()

    def reload(self) -> None:
        self.show_indicator(self.indicator_id)

    def last_periods(self) -> int | None:
        return None if self.show_all_check.isChecked() else LAST_PERIODS

    def _show_texts(self) -> None:
        grid = self.grid
        self.setEnabled(grid is not None)
        if grid is None:
            self.title_label.setText("Aucun indicateur sélectionné")
            for label in (self.details_label, self.legend_label):
                label.setText("")
            self.example_label.hide()
            return
        row = grid.indicator
        self.title_label.setText(f"{row.code} — {row.name}")
        self.title_label.setToolTip(row.name)
        self.details_label.setText(details_text(grid))
        self.legend_label.setText(legend_text(grid))
        self.example_label.setVisible(
            any(c.is_example for c in grid.cells.values()) or row.has_examples
        )

    def current_cell(self) -> tuple[str, int | None] | None:
        index = self.view.currentIndex()
        period = self.model.period_at(index.row()) if index.isValid() else None
        return None if period is None else (period, self.model.site_id_at(index.column()))

    def _show_cell(self) -> None:
        index = self.view.currentIndex()
        cell = self.model.cell(index)
        key = self.current_cell()
        filled = cell is not None and cell.value is not None
        if key is None:
            self.cell_label.setText(NO_CELL_TEXT)
        else:
            where = f"{period_label(key[0])}, {self.model.site_name(index.column())}"
            self.cell_label.setText(where if filled else f"{where} : {EMPTY_CELL_TEXT}")
        for edit in (self.comment_edit, self.source_edit):
            edit.setEnabled(filled)
        comment = (cell.comment or "") if filled else ""  # type: ignore[union-attr]
        if not same_text(self.comment_edit.toPlainText(), comment):
            set_plain_text(self.comment_edit, comment)
        source = (cell.source or "") if filled else ""  # type: ignore[union-attr]
        if not same_text(self.source_edit.text(), source):
            self.source_edit.setText(source)

    # Saving at the version shown

    def _shown_cell(self, indicator_id: int, period: str, site_id: int | None):
        """The cell as the grid shows it (EMPTY_CELL: empty), None when the grid shows
        another indicator (undo of a change left since: no check)."""
        grid = self.grid
        if grid is None or grid.indicator.id != indicator_id:
            return None
        return grid.cells.get((period, site_id)) or EMPTY_CELL

    def _write_cell(self, setter, indicator_id: int, period: str, site_id: int | None, *args,
                    field: str = "value", typed: object = None):  # fmt: skip
        """``setter(session, indicator, period, site, *args)`` at the version of the cell
        shown: a cell changed meanwhile on another workstation is refused with a message
        saying what changed there (``field`` and ``typed``: what was not saved)."""
        context = self.context
        live = context.live(INDICATOR, indicator_id)
        shown = self._shown_cell(indicator_id, period, site_id)
        column = self.model.index_of(period, site_id).column()
        site_name = self.model.site_name(column) if site_id is not None and column >= 0 else None
        shown_as = {"value": lambda value: None if value is None else number(value)}
        kind = RecordKind(value_what(period, site_name), VALUE_LABELS, _read_cell, shown_as)
        seen = shown.version if shown is not None else None
        with telling_changes(context.read, kind, shown, (live, period, site_id), field, typed):
            try:
                return context.write(setter, live, period, site_id, *args, seen_version=seen)
            except ConflictError:
                self._conflicts += 1
                raise

    def _after_conflict(self, before: int) -> bool:
        """After a refused save: True (and the grid shows the values of now) when the
        refusal was another workstation's change."""
        if self._conflicts == before:
            return False
        self.reload()
        self.saved.emit(True)
        return True

    # Saving values

    def _value_entered(self, period: str, site_id: int | None, text: str) -> None:
        if self._saving or self.grid is None:
            return  # the editor committing again while a message is shown
        index = self.model.index_of(period, site_id)
        self._saving = True
        try:
            ok = self._save_value(period, site_id, text)
        finally:
            self._saving = False
        if not ok and self.view.state() == QAbstractItemView.State.EditingState:
            self.view.refused = QPersistentModelIndex(index)

    def _save_value(self, period: str, site_id: int | None, text: str) -> bool:
        row = self.grid.indicator  # type: ignore[union-attr]
        try:
            value = indicator_rules.parse_value(text, row.unit)
        except UserError as exc:
            messages.show_error(self, sentence(str(exc)))
            return False
        context, indicator_id, state = self.context, row.id, {}
        column = self.model.index_of(period, site_id).column()
        where = f"{period_label(period)}, {self.model.site_name(column)}"
        write, conflicts = self._write_cell, self._conflicts

        def do() -> None:
            state["before"] = write(indicators_values.set_value, indicator_id, period, site_id,
                                    value, typed=text)  # fmt: skip

        def undo_step() -> None:
            before = state["before"]
            write(_restore, indicator_id, period, site_id, before)

        verb = "Effacer" if value is None else "Saisir"
        ok, _ = context.record(f"{verb} la valeur ({where})", do, undo_step, widget=self)
        if ok:
            self.reload()
            self.saved.emit(True)
        return ok or self._after_conflict(conflicts)

    # Comment and source

    def _save_detail(self, field: str, text: str) -> None:
        key = self.current_cell()
        cell = self.model.cell(self.view.currentIndex())
        if key is None or cell is None or self.grid is None:
            return
        if same_text(text, getattr(cell, field)):
            return
        setter = (
            indicators_values.set_value_comment
            if field == "comment"
            else indicators_values.set_value_source
        )
        context, indicator_id, state = self.context, self.grid.indicator.id, {}
        period, site_id = key
        write, conflicts = self._write_cell, self._conflicts

        def do() -> None:
            state["before"] = write(setter, indicator_id, period, site_id, text, field=field,
                                    typed=text)  # fmt: skip

        def undo_step() -> None:
            write(_restore, indicator_id, period, site_id, state["before"], field=field)

        what = "le commentaire" if field == "comment" else "la source"
        merge = ("indicator-value", indicator_id, period, site_id, field)
        ok, _ = context.record(f"Modifier {what} de la valeur", do, undo_step, merge, self)
        if ok:
            self.reload()
            self.saved.emit(False)
        elif not self._after_conflict(conflicts):
            self._show_cell()

    def _comment_typed(self) -> None:
        self._save_detail("comment", self.comment_edit.toPlainText())

    def _source_typed(self, text: str) -> None:
        self._save_detail("source", text)


def _restore(session, _indicator_id, _period, _site_id, before, seen_version=None):
    """Undo of a cell's change, called as the setters are (the cell is ``before``'s)."""
    indicators_values.restore_value(session, before, seen_version)
