"""The "Indicateurs" page: the catalogue of quality indicators on the left, and below it
two tabs: the fields of the selected one (« Indicateur ») and the names remembered from
imported files (« Correspondances mémorisées (N) »); on the right, the selected one's
values by period and site, typed like in a spreadsheet, and its chart; "Importer des
valeurs…" reads a CSV, Excel or OpenDocument file.

Indicators are not per meeting: the page shows the whole catalogue whatever the meeting;
its edits go on the shown meeting's undo stack. The import is not undoable (it says so).

The chart needs pyqtgraph and numpy, a third of a second to load: the page shows first,
and the chart is built just after the first painting (``chart`` builds it at once).
"""

from __future__ import annotations

import contextlib
import itertools
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from clu_desktop.errors import UserError
from clu_desktop.gui.common.layout import settle
from clu_desktop.gui.indicators.catalogue import Catalogue
from clu_desktop.gui.indicators.editing import INDICATOR, IndicatorsContext, message_label, name
from clu_desktop.gui.indicators.fields import IndicatorFields
from clu_desktop.gui.indicators.import_dialog import ImportDialog, report_text
from clu_desktop.gui.indicators.mappings_panel import MappingsPanel
from clu_desktop.gui.indicators.values_grid import ValuesPanel
from clu_desktop.gui.undo import UndoKeys
from clu_desktop.services.indicators import catalogue as indicators_catalogue
from clu_desktop.services.indicators import values as indicators_values
from clu_desktop.services.indicators.common import IndicatorRow
from clu_desktop.store.database import Database

if TYPE_CHECKING:
    from clu_desktop.gui.indicators.chart import IndicatorChart

IMPORT_FILTER = (
    "Tableaux (*.csv *.xlsx *.ods *.xls);;Fichiers CSV (*.csv);;Classeurs Excel (*.xlsx *.xls);;"
    "Classeurs OpenDocument (*.ods);;Tous les fichiers (*)"
)
IMPORT_FOLDER_KEY = "indicators/importFolder"
CHART_DELAY_MS = 30  # lets the page paint before the chart's modules load
CHART_MODULE = "clu_desktop.gui.indicators.chart"
NEW_NAME = "Nouvel indicateur"
FORM_TAB = "Indicateur"
MAPPINGS_TAB = "Correspondances mémorisées ({count})"


def ask_import_path(parent: QWidget) -> Path | None:
    """The spreadsheet to import, or None when the user cancels (tests replace this)."""
    settings = QSettings()
    start = settings.value(IMPORT_FOLDER_KEY) or QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation
    )
    chosen, _ = QFileDialog.getOpenFileName(
        parent, "Importer des valeurs d'indicateurs", str(start), IMPORT_FILTER
    )
    if not chosen:
        return None
    settings.setValue(IMPORT_FOLDER_KEY, str(Path(chosen).parent))
    return Path(chosen)


def _recreate(session, row: IndicatorRow) -> int:
    """An indicator deleted without values, added again with its fields and sites."""
    new_id = indicators_catalogue.add_indicator(session, row.code, row.name)
    for field in ("category", "unit", "direction", "target", "periodicity", "description"):
        value = getattr(row, field)
        if value is not None:
            indicators_catalogue.update_indicator(session, new_id, field, value)
    if row.site_ids:
        indicators_catalogue.set_indicator_sites(session, new_id, row.site_ids)
    return new_id


class IndicatorsPage(QWidget):
    """``show_meeting(meeting_id, stack)``; ``changed`` after each saved edit, import,
    undo or redo."""

    changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("indicatorsPage")
        self.setAccessibleName("Indicateurs")
        self.context = IndicatorsContext(db, self)
        self.context.saved.connect(self.changed)
        self.undo_keys = UndoKeys(lambda: self.context.stack, self)
        self._dialog: ImportDialog | None = None

        self.import_button = name(
            QPushButton("Importer des valeurs…"),
            "importIndicatorValues",
            "Importer des valeurs",
            "Importer des valeurs d'indicateurs depuis un fichier CSV, Excel ou OpenDocument "
            "(Ctrl+Maj+I)",
        )
        self.import_button.clicked.connect(lambda: self.import_values())
        self.import_shortcut = QShortcut(QKeySequence("Ctrl+Shift+I"), self)
        self.import_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.import_shortcut.activated.connect(lambda: self.import_values())
        self.status_label = message_label("indicatorsStatus", "Message")
        self.status_label.setWordWrap(False)
        self.status_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        self.catalogue = Catalogue()
        self.fields = IndicatorFields(self.context)
        self.values = ValuesPanel(self.context, self.undo_keys)
        self.mappings = MappingsPanel(self.context)
        self._chart: IndicatorChart | None = None
        self._chart_timer = QTimer(self)
        self._chart_timer.setSingleShot(True)
        self._chart_timer.setInterval(CHART_DELAY_MS)
        self._chart_timer.timeout.connect(self._chart_due)
        self.chart_holder = QWidget()
        self.chart_holder.setObjectName("indicatorChartHolder")
        chart_layout = QVBoxLayout(self.chart_holder)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        self.chart_waiting = message_label("indicatorChartWaiting", "Graphique")
        self.chart_waiting.setText("Préparation du graphique…")
        self.chart_waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        chart_layout.addWidget(self.chart_waiting)
        self._build()

        self._reloading = False
        self._stale = False
        self.catalogue.current_changed.connect(self._current_changed)
        self.catalogue.add_button.clicked.connect(self.add_indicator)
        self.catalogue.delete_button.clicked.connect(self.delete_indicator)
        self.fields.saved.connect(self._fields_saved)
        self.values.saved.connect(self._values_saved)
        self.values.show_all_check.toggled.connect(lambda _on: self._show_chart())
        self.mappings.counted.connect(self._count_mappings)

        order = [
            self.import_button,
            *self.catalogue.widgets(),
            self.side_tabs,
            *self.fields.widgets(),
            *self.mappings.widgets(),
            *self.values.widgets(),
        ]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)
        self.undo_keys.watch(self, children=True)

    def _build(self) -> None:
        fields_scroll = QScrollArea()
        fields_scroll.setObjectName("indicatorFieldsScroll")
        fields_scroll.setWidgetResizable(True)
        fields_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to its fields
        fields_scroll.setFrameShape(QFrame.Shape.NoFrame)
        fields_scroll.setWidget(self.fields)
        # The stored mappings are seldom edited: a tab beside the form rather than a third
        # pane, so that the catalogue and the form keep their room at 1280×800.
        self.side_tabs = name(
            QTabWidget(),
            "indicatorSideTabs",
            "Indicateur et correspondances mémorisées",
            "Les champs de l'indicateur choisi, ou les noms mémorisés des fichiers importés "
            "(les flèches passent d'un onglet à l'autre)",
        )
        self.side_tabs.setDocumentMode(True)
        self.side_tabs.addTab(fields_scroll, FORM_TAB)
        self.side_tabs.addTab(self.mappings, MAPPINGS_TAB.format(count=0))
        left = QSplitter(Qt.Orientation.Vertical)
        left.setObjectName("indicatorLeftSplitter")
        left.setChildrenCollapsible(False)
        left.addWidget(self.catalogue)
        left.addWidget(self.side_tabs)
        left.setStretchFactor(0, 1)
        left.setStretchFactor(1, 1)
        right = QSplitter(Qt.Orientation.Vertical)
        right.setObjectName("indicatorRightSplitter")
        right.setChildrenCollapsible(False)
        right.addWidget(self.values)
        right.addWidget(self.chart_holder)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)
        self.chart_holder.setMinimumHeight(240)  # the same room before and after pyqtgraph
        right.setSizes([540, 360])
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("indicatorSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([400, 600])
        # A scroll area keeps the page's minimum size small and constant whatever the
        # indicator shown: on a small screen the page scrolls instead of being cut.
        body = QScrollArea()
        body.setObjectName("indicatorsScroll")
        body.setWidgetResizable(True)
        body.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to its fields
        body.setFrameShape(QFrame.Shape.NoFrame)
        body.setWidget(self.splitter)
        bar = QHBoxLayout()
        bar.addWidget(self.import_button)
        bar.addWidget(self.status_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(body, 1)

    # Showing

    def show_meeting(self, meeting_id: int | None, stack: QUndoStack | None) -> None:
        """The meeting shown only gives the stack edits go on; the catalogue is shown
        whatever the meeting."""
        self.context.follow(meeting_id, stack, self._on_stack_changed)
        self.reload()
        settle(self, hidden_only=True)

    def reload(self, select_id: int | None = None) -> None:
        """Read the catalogue again and show the selected indicator (or ``select_id``)."""
        self._stale = False
        rows = self.context.read(indicators_catalogue.list_indicators)
        keep = select_id if select_id is not None else self.catalogue.current_id()
        self._reloading = True
        try:
            self.catalogue.set_rows(rows, keep)
        finally:
            self._reloading = False
        self.mappings.reload()
        self._show_current(force=True)

    def _count_mappings(self, count: int) -> None:
        self.side_tabs.setTabText(
            self.side_tabs.indexOf(self.mappings), MAPPINGS_TAB.format(count=count)
        )

    def current_row(self) -> IndicatorRow | None:
        return self.catalogue.row(self.catalogue.current_id())

    def _current_changed(self, _indicator_id: object) -> None:
        if not self._reloading:  # reload shows it once the catalogue is filled
            self._show_current()

    def _show_current(self, force: bool = False) -> None:
        row = self.current_row()
        self._show_fields(row)
        indicator_id = row.id if row is not None else None
        if force or indicator_id != self.values.indicator_id:
            self.values.show_indicator(indicator_id)
            self._show_chart()

    def _show_fields(self, row: IndicatorRow | None) -> None:
        rows = self.catalogue.rows()
        self.fields.show_indicator(
            row,
            categories=[r.category for r in rows if r.category],
            units=[r.unit for r in rows if r.unit],
            sites=self.context.read(indicators_catalogue.list_sites),
        )

    @property
    def chart(self) -> IndicatorChart:
        """The chart, built (and its modules loaded) the first time it is needed."""
        if self._chart is None:
            from clu_desktop.gui.indicators.chart import IndicatorChart

            chart = IndicatorChart()
            self.chart_holder.layout().addWidget(chart)
            # Shown now, not at the next turn of the event loop: the holder is never
            # blank between the waiting text and the chart (a grab then showed neither).
            if self.chart_holder.isVisible():
                chart.show()
            self.chart_waiting.hide()
            self.chart_holder.layout().activate()
            # After the values: the chart, then its button below it.
            QWidget.setTabOrder(self.values.widgets()[-1], chart.view)
            QWidget.setTabOrder(chart.view, chart.save_button)
            self.undo_keys.watch(chart, children=True)
            self._chart = chart
            self._show_chart()
        return self._chart

    def _chart_due(self) -> None:
        if self.isVisible():  # else when the page is shown
            self.chart  # noqa: B018  (builds it)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.reload()
        if self._chart is None:
            # Once the modules are loaded (the background preloading), the chart only
            # waits for the page to be painted.
            loaded = CHART_MODULE in sys.modules
            self._chart_timer.start(0 if loaded else CHART_DELAY_MS)

    def _show_chart(self) -> None:
        if self._chart is None:
            self._chart_timer.start()  # builds the chart, which shows the data
            return
        indicator_id = self.values.indicator_id
        data = None
        if indicator_id is not None:
            with contextlib.suppress(UserError):
                data = self.context.read(
                    indicators_values.chart_series,
                    indicator_id,
                    last_periods=self.values.last_periods(),
                )
        self._chart.set_chart(data)

    def show_status(self, text: str) -> None:
        self.status_label.setText(text)
        self.status_label.setToolTip(text)

    # After edits

    def _fields_saved(self) -> None:
        """A field changed: the catalogue (name, category), the grid and the chart (unit,
        target, sites) show it."""
        rows = self.context.read(indicators_catalogue.list_indicators)
        self.catalogue.set_rows(rows)
        self._show_fields(self.current_row())
        self.values.reload()
        self._show_chart()

    def _values_saved(self, value_changed: bool) -> None:
        if not value_changed:
            return
        rows = self.context.read(indicators_catalogue.list_indicators)
        self.catalogue.set_rows(rows)
        self._show_chart()

    def _on_stack_changed(self, _index: int) -> None:
        if self.context.pushing:
            return  # our own edit, already shown
        if not self.isVisible():
            self._stale = True  # an undo on another page: read again when shown
            return
        self.reload()
        self.changed.emit()

    # Commands

    def add_indicator(self) -> None:
        """A new indicator in the selected category, its name ready to be typed."""
        codes = {r.code.casefold() for r in self.catalogue.rows()}
        count = itertools.count(len(codes) + 1)
        code = next(c for c in (f"IND-{n}" for n in count) if c.casefold() not in codes)
        category = self.catalogue.current_category()
        context, state = self.context, {}

        def create(session) -> int:
            new_id = indicators_catalogue.add_indicator(session, code, NEW_NAME)
            if category:
                indicators_catalogue.update_indicator(session, new_id, "category", category)
            return new_id

        def do() -> int:
            new_id = context.write(create)
            if "id" in state:
                context.alias(INDICATOR, state["id"], new_id)
            else:
                state["id"] = new_id
            return new_id

        def undo_step() -> None:
            context.write(
                indicators_catalogue.delete_indicator, context.live(INDICATOR, state["id"])
            )

        ok, new_id = context.record("Ajouter un indicateur", do, undo_step, widget=self)
        if ok:
            self.reload(select_id=new_id)  # type: ignore[arg-type]
            self.catalogue.select(new_id)  # type: ignore[arg-type]
            self.fields.name_edit.setFocus()
            self.fields.name_edit.selectAll()

    def delete_indicator(self) -> None:
        """Delete the selected indicator (refused while it has values); undo adds it
        again with its fields."""
        row = self.current_row()
        if row is None:
            return
        context = self.context

        def do() -> None:
            context.write(indicators_catalogue.delete_indicator, context.live(INDICATOR, row.id))

        def undo_step() -> None:
            context.alias(INDICATOR, row.id, context.write(_recreate, row))

        ok, _ = context.record(f"Supprimer l'indicateur {row.code}", do, undo_step, widget=self)
        if ok:
            self.reload()
            self.show_status(f"L'indicateur « {row.code} » a été supprimé (Ctrl+Z le rétablit).")

    def import_values(self, path: Path | str | None = None) -> ImportDialog | None:
        """Ask for a CSV, Excel or OpenDocument file, then show the import's steps; the
        dialog (open, not modal-blocking) is returned."""
        if path is None:
            path = ask_import_path(self)
            if path is None:
                return None
        # The dialog reads the file off the GUI thread (a large workbook takes seconds)
        # and closes, saying why, when it cannot.
        self._dialog = ImportDialog(self.context.db, None, self, path=path)
        self._dialog.imported.connect(self._imported)
        self._dialog.open()
        return self._dialog

    def _imported(self, report) -> None:
        """Values (and maybe indicators, sites and mappings) were written: show them."""
        self.reload()
        self.show_status(report_text(report.rows, report.added, report.updated))
        self.changed.emit()
