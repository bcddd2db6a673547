"""The indicator chart of the "Indicateurs" tab: one line per site over the periods, the
target as a dashed line "cible", example values as hollow marks, the value of the point
under the mouse, and "Enregistrer le graphique…" as a PNG or SVG image.

pyqtgraph and numpy are heavy: only this module imports them, and the page imports this
module when the tab is first shown, so the main window appears without them.
"""

from __future__ import annotations

import html
import math
import re
from pathlib import Path
from typing import Any

import numpy as np
import pyqtgraph as pg
from pyqtgraph.exporters import ImageExporter
from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QEvent,
    QIODevice,
    QObject,
    QPointF,
    QRectF,
    QSettings,
    QStandardPaths,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QGuiApplication, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from clu_desktop.errors import UserError
from clu_desktop.files import write_atomically
from clu_desktop.french.numbers import decimals_for, number
from clu_desktop.french.periods import period_label
from clu_desktop.french.values import format_value
from clu_desktop.gui import messages
from clu_desktop.services.indicators.common import DIRECTION_LABELS, PERIODICITY_LABELS

pg.setConfigOptions(background="w", foreground="k", antialias=True)

EMPTY_TEXT = "Aucune valeur pour cet indicateur."
EXAMPLES_TEXT = "valeurs d'exemple"
PNG_FILTER = "Image PNG (*.png)"
SVG_FILTER = "Image SVG (*.svg)"
SAVE_FOLDER_KEY = "indicators/chartFolder"
HOVER_PIXELS = 14  # how near the mouse must be to a point to show its value
COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#7F7F7F")
SYMBOLS = ("o", "s", "t", "d", "h", "star", "p")
TARGET_COLOR = "#444444"
#: Label every n-th period, n taken here (a year, half a year, …) so labels never overlap.
STEPS = {
    "month": (1, 2, 3, 6, 12, 24, 60, 120),
    "quarter": (1, 2, 4, 8, 20, 40),
    "year": (1, 2, 5, 10, 20, 50, 100),
}
NBSP = "\u00a0"


def point_label(site: str, period: str, value: float, unit: str | None, example: bool) -> str:
    """What the mouse shows over a point: "Préfecture — T3 2022 : 92,5 %"."""
    text = f"{site} — {period_label(period)}{NBSP}: {format_value(value, unit)}"
    return f"{text} (valeur d'exemple)" if example else text


def nearest_point(
    xs: np.ndarray, ys: np.ndarray, x: float, y: float, pixel: tuple[float, float]
) -> tuple[int, int] | None:
    """(series, period) of the point of ``ys`` (series × periods, nan = no value) nearest
    to (x, y) if within HOVER_PIXELS; ``pixel`` is one pixel's size in data units."""
    if ys.size == 0 or not pixel[0] or not pixel[1]:
        return None
    distance = np.hypot((xs[None, :] - x) / pixel[0], (ys - y) / pixel[1])
    distance = np.where(np.isnan(distance), np.inf, distance)
    series, period = np.unravel_index(int(np.argmin(distance)), distance.shape)
    if distance[series, period] > HOVER_PIXELS:
        return None
    return int(series), int(period)


def elide(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def period_ordinal(period: str) -> int | None:
    """Periods counted from year 0 (2022-07 → 2022×12+6), so ticks fall on January."""
    match = re.fullmatch(r"(\d{4})(?:-T([1-4])|-(\d\d))?", period)
    if not match:
        return None
    year, quarter, month = match.groups()
    if quarter:
        return int(year) * 4 + int(quarter) - 1
    return int(year) * 12 + int(month) - 1 if month else int(year)


class PeriodAxis(pg.AxisItem):
    """Bottom axis labelled with the periods, as many as fit without overlapping."""

    def __init__(self) -> None:
        super().__init__("bottom")
        self.labels: list[str] = []
        self.ordinals: list[int] = []
        self.steps = STEPS["month"]

    def set_periods(self, periods: tuple[str, ...], periodicity: str) -> None:
        self.labels = [period_label(p) for p in periods]
        ordinals = [period_ordinal(p) for p in periods]
        self.ordinals = [i if o is None else o for i, o in enumerate(ordinals)]
        self.steps = STEPS.get(periodicity, STEPS["month"])
        self.picture = None
        self.update()

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list:
        first, last = max(0, math.ceil(minVal)), min(len(self.labels) - 1, math.floor(maxVal))
        if last < first or size <= 0:
            return []
        metrics = QFontMetrics(self.font())
        room = max(metrics.horizontalAdvance(t) for t in self.labels) + 14
        count = last - first + 1
        step = next((s for s in self.steps if count / s * room <= size), None)
        if step is None:
            step = self.steps[-1] * math.ceil(count * room / size / self.steps[-1])
        ticks = [i for i in range(first, last + 1) if self.ordinals[i] % step == 0]
        if len(ticks) < min(2, count):
            ticks = list(range(first, last + 1, step))
        return [(float(step), [float(i) for i in ticks])]

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        indexes = [round(v) for v in values]
        return [self.labels[i] if 0 <= i < len(self.labels) else "" for i in indexes]


class ValueAxis(pg.AxisItem):
    """Left axis with French numbers ("92,5", "1 200"), as the printed charts label it;
    more decimals only when the ticks are closer than those tell apart (zoomed in)."""

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        places = max(0, math.ceil(-math.log10(spacing * scale))) if spacing > 0 else 0
        return [number(v * scale, max(decimals_for(v * scale), min(places, 6))) for v in values]


class TitleLabel(pg.LabelItem):
    """The chart's title: elided to the width, so it never widens the layout."""

    def updateMin(self) -> None:
        super().updateMin()
        self.setMinimumWidth(0)
        height = self._sizeHint[Qt.SizeHint.MinimumSize][1]
        self._sizeHint[Qt.SizeHint.MinimumSize] = (0, height)


class FixedLegend(pg.LegendItem):
    """The legend sits in the layout, under the plot: the layout places and sizes it,
    the mouse does not move it."""

    def updateSize(self) -> None:
        self.updateGeometry()

    def mouseDragEvent(self, ev: Any) -> None:
        ev.ignore()


def ask_image_path(parent: QWidget, suggested: Path) -> Path | None:
    """The system's save dialog; None when the user cancels (tests replace this)."""
    name, chosen = QFileDialog.getSaveFileName(
        parent, "Enregistrer le graphique", str(suggested), f"{PNG_FILTER};;{SVG_FILTER}"
    )
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() in (".png", ".svg"):
        return path
    return path.with_name(f"{path.name}{'.svg' if chosen == SVG_FILTER else '.png'}")


class IndicatorChart(QWidget):
    """``set_chart(chart_data | None)`` with a ChartData of services/indicators.py;
    ``save_image(path)`` writes a .png or a .svg; ``hover_text()`` is the value shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("indicatorChart")
        self.setAccessibleName("Graphique de l'indicateur")
        self.chart: Any = None
        self.curves: list[pg.PlotDataItem] = []
        self._xs, self._ys = np.zeros(0), np.zeros((0, 0))
        self._title_text = self._subtitle = self._hover_label = ""

        self.empty_label = QLabel(EMPTY_TEXT)
        self.empty_label.setObjectName("indicatorChartEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setTextFormat(Qt.TextFormat.PlainText)

        self.view = pg.GraphicsLayoutWidget()
        self.view.setObjectName("indicatorChartView")
        self.view.setAccessibleName("Graphique : évolution de l'indicateur par site")
        self.view.installEventFilter(self)
        layout = self.view.ci
        self.title = TitleLabel("", justify="center", size="11pt")
        layout.addItem(self.title, row=0, col=0)
        self.x_axis, self.y_axis = PeriodAxis(), ValueAxis("left")
        self.y_axis.enableAutoSIPrefix(False)
        self.y_axis.setStyle(maxTickLevel=0)  # no minor grid lines
        axes = {"bottom": self.x_axis, "left": self.y_axis}
        self.plot = layout.addPlot(row=1, col=0, axisItems=axes)
        self.plot.setMenuEnabled(False)  # pyqtgraph's menu is in English
        self.plot.hideButtons()
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.showGrid(x=False, y=True, alpha=0.25)
        self.legend = FixedLegend(labelTextSize="9pt", frame=False, horSpacing=10)
        layout.addItem(self.legend, row=2, col=0)
        self.legend.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        layout.layout.setAlignment(self.legend, Qt.AlignmentFlag.AlignHCenter)
        # the viewport's own mouse events: pyqtgraph's sigMouseMoved drops moves closer than
        # 10 ms, which could leave the label of a point the mouse has left
        self.view.viewport().setMouseTracking(True)
        self.view.viewport().installEventFilter(self)
        white = pg.mkBrush(255, 255, 255, 235)
        self.hover = pg.TextItem("", color="k", fill=white, border=pg.mkPen("#888888"))
        self.hover.setZValue(100)
        self.marker = pg.ScatterPlotItem(size=16, pen=pg.mkPen("k", width=2), brush=None)
        self.marker.setZValue(99)

        self.save_button = QPushButton("&Enregistrer le graphique…")
        self.save_button.setObjectName("indicatorChartSave")
        self.save_button.setAccessibleName("Enregistrer le graphique en image PNG ou SVG")
        self.save_button.clicked.connect(self._on_save)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        self.stack = QStackedLayout()
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(self.view)
        main = QVBoxLayout(self)
        main.setContentsMargins(0, 0, 0, 0)
        main.addLayout(self.stack, 1)
        main.addLayout(buttons)
        QWidget.setTabOrder(self.view, self.save_button)  # the chart, then its button below
        self.set_chart(None)

    # showing ------------------------------------------------------------------

    def set_chart(self, chart: Any) -> None:
        """Show ``chart`` (a ChartData); None or a chart without any value shows
        "Aucune valeur pour cet indicateur."."""
        self.chart, self.curves = chart, []
        self.plot.clear()
        self.legend.clear()
        self._hide_hover()
        rows = []
        if chart is not None and chart.periods:
            rows = [[np.nan if v is None else v for v in s.values] for s in chart.series]
        ys = np.array(rows, dtype=float).reshape(len(rows), -1 if rows else 0)
        if not np.isfinite(ys).any():
            self.chart, self._xs, self._ys = None, np.zeros(0), np.zeros((0, 0))
            self.stack.setCurrentWidget(self.empty_label)
            self.save_button.setEnabled(False)
            return
        indicator = chart.indicator
        self._xs, self._ys = np.arange(len(chart.periods), dtype=float), ys
        self.x_axis.set_periods(tuple(chart.periods), indicator.periodicity)
        self.y_axis.setLabel(html.escape(elide(indicator.unit, 30)) if indicator.unit else None)
        size = 9 if len(self._xs) <= 40 else 6 if len(self._xs) <= 120 else 5
        with_examples = False
        for index, series in enumerate(chart.series):
            symbol = SYMBOLS[index % len(SYMBOLS)]
            pen = pg.mkPen(COLORS[index % len(COLORS)], width=2)
            finite = np.isfinite(ys[index])
            xy = (self._xs, ys[index]) if finite.any() else ([], [])  # pyqtgraph warns on all-nan
            curve = pg.PlotDataItem(
                *xy,
                connect="finite",
                pen=pen,
                symbol=symbol,
                symbolSize=size,
                symbolPen=pen,
                symbolBrush=pen.color(),
            )
            curve.curve.setSegmentedLineMode("on")  # a 2 px polyline is slow to stroke
            self.plot.addItem(curve)
            self.curves.append(curve)
            self.legend.addItem(curve, html.escape(elide(series.site_name, 40)))
            examples = np.array(series.examples, dtype=bool) & finite
            if examples.any():  # hollow marks drawn over the filled ones
                with_examples = True
                white = pg.mkBrush("w")
                hollow = pg.ScatterPlotItem(symbol=symbol, size=size, pen=pen, brush=white)
                hollow.setData(self._xs[examples], ys[index][examples])
                hollow.setZValue(curve.zValue() + 1)
                self.plot.addItem(hollow)
                curve.visibleChanged.connect(lambda c=curve, h=hollow: h.setVisible(c.isVisible()))
        if with_examples:
            sample = pg.ScatterPlotItem(
                symbol="o", size=9, pen=pg.mkPen("#555555", width=2), brush=pg.mkBrush("w")
            )
            self.legend.addItem(sample, EXAMPLES_TEXT)
        if indicator.target is not None:
            finite = self._ys[np.isfinite(self._ys)]
            on_top = indicator.target >= float(finite.max())
            self._add_target(indicator.target, indicator.unit, below=on_top)
        self.plot.addItem(self.marker, ignoreBounds=True)
        self.plot.addItem(self.hover, ignoreBounds=True)
        self._fit_range(indicator.target)
        self._title_text = indicator.name
        self._subtitle = self._describe(indicator, with_examples)
        self._fit_to_width()
        self.stack.setCurrentWidget(self.view)
        self.save_button.setEnabled(True)

    def _add_target(self, target: float, unit: str | None, below: bool) -> None:
        """The dashed line and its label, above the line, or below it when the target is
        the top of the chart (the label would leave the plot)."""
        text = f"cible{NBSP}: {format_value(target, unit)}"
        anchor = (0, 0) if below else (0, 1)
        label_style = {"position": 0.02, "color": TARGET_COLOR, "anchors": [anchor, anchor]}
        line = pg.InfiniteLine(
            pos=target,
            angle=0,
            pen=pg.mkPen(TARGET_COLOR, width=1.5, style=Qt.PenStyle.DashLine),
            label=text.replace("{", "{{").replace("}", "}}"),  # a format string
            labelOpts={**label_style, "fill": pg.mkBrush(255, 255, 255, 210)},
        )
        line.setObjectName("indicatorChartTarget")
        line.setZValue(50)
        self.plot.addItem(line, ignoreBounds=True)

    @staticmethod
    def _describe(indicator: Any, with_examples: bool) -> str:
        parts = [f"Périodicité {PERIODICITY_LABELS.get(indicator.periodicity, '')}".strip()]
        if indicator.target is not None:
            target = format_value(indicator.target, indicator.unit)
            parts.append(f"cible{NBSP}: {target}")
        if indicator.direction in DIRECTION_LABELS:
            parts.append(DIRECTION_LABELS[indicator.direction])
        if with_examples:
            parts.append("marques creuses = valeurs d'exemple")
        return " · ".join(parts)

    def _fit_range(self, target: float | None) -> None:
        finite = self._ys[np.isfinite(self._ys)]
        low, high = float(finite.min()), float(finite.max())
        if target is not None:
            low, high = min(low, target), max(high, target)
        pad = (high - low) * 0.1 or max(abs(high) * 0.1, 1.0)
        self.plot.setXRange(-0.5, len(self._xs) - 0.5, padding=0)
        self.plot.setYRange(low - pad, high + pad, padding=0)

    def _fit_to_width(self) -> None:
        """Elide the name and the subtitle to the width (the full name is the tooltip);
        give the legend as many columns as fit."""
        width = max(100, self.view.width() - 40)
        bold, small = QFont(self.view.font()), QFont(self.view.font())
        bold.setPointSize(11)
        bold.setBold(True)
        small.setPointSize(9)
        name = QFontMetrics(bold).elidedText(
            elide(self._title_text, 500), Qt.TextElideMode.ElideRight, width
        )
        subtitle = QFontMetrics(small).elidedText(
            self._subtitle, Qt.TextElideMode.ElideRight, width
        )
        text = self.title.item
        text.setTextWidth(-1)  # measured on one line, then centred line by line
        self.title.setText(
            f"<div align='center'><b>{html.escape(name)}</b><br><span style='font-size:9pt;"
            f" color:#444444'>{html.escape(subtitle)}</span></div>"
        )
        text.setTextWidth(text.document().idealWidth())
        self.title.resizeEvent(None)
        self.view.setToolTip(elide(self._title_text, 500))
        entries = [20 + 10 + label.item.boundingRect().width() for _s, label in self.legend.items]
        if entries:
            fit = int(width // (max(entries) + 10))
            self.legend.setColumnCount(max(1, min(4, len(entries), fit)))
        # laid out now, not on the next event loop turn: for an image saved right away
        self.legend.layout.activate()
        self.view.ci.layout.activate()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.view and kind == QEvent.Type.Resize and self.chart is not None:
            self._fit_to_width()
        elif watched is self.view.viewport() and kind == QEvent.Type.MouseMove:
            self._on_mouse_moved(self.view.mapToScene(event.position().toPoint()))
        elif watched is self.view.viewport() and kind == QEvent.Type.Leave:
            self._hide_hover()
        return super().eventFilter(watched, event)

    # hover --------------------------------------------------------------------

    def hover_text(self) -> str:
        """The value label shown under the mouse ("" when none is)."""
        return self._hover_label if self.hover.isVisible() else ""

    def _hide_hover(self) -> None:
        self.hover.setVisible(False)
        self.marker.setData([], [])

    def _on_mouse_moved(self, scene_pos: QPointF) -> None:
        vb = self.plot.getViewBox()
        if self.chart is None or not vb.sceneBoundingRect().contains(scene_pos):
            self._hide_hover()
            return
        point, pixel = vb.mapSceneToView(scene_pos), vb.viewPixelSize()
        shown = np.array([curve.isVisible() for curve in self.curves], dtype=bool)
        ys = np.where(shown[:, None], self._ys, np.nan)  # a legend click hides a site
        found = nearest_point(self._xs, ys, point.x(), point.y(), (pixel[0], pixel[1]))
        if found is None:
            self._hide_hover()
            return
        s, p = found
        series, x, y = self.chart.series[s], self._xs[p], float(self._ys[s, p])
        example = p < len(series.examples) and bool(series.examples[p])
        unit = self.chart.indicator.unit
        self._hover_label = point_label(series.site_name, self.chart.periods[p], y, unit, example)
        self.hover.setText(self._hover_label)
        (x_low, x_high), (y_low, y_high) = vb.viewRange()
        right, above = x < (x_low + x_high) / 2, y > y_low + (y_high - y_low) * 0.25
        self.hover.setAnchor((-0.04 if right else 1.04, 1.35 if above else -0.35))
        self.hover.setPos(x, y)
        self.hover.setVisible(True)
        self.marker.setData([x], [y])

    # saving -------------------------------------------------------------------

    def save_image(self, path: Path | str) -> Path:
        """Write the chart (title, curves, legend) to ``path``: PNG or SVG by its
        extension. UserError (French) when the file cannot be written."""
        path = Path(path)
        suffix = path.suffix.lower()
        if suffix not in (".png", ".svg"):
            raise ValueError(f"Format d'image inconnu : « {path.suffix} » (PNG ou SVG).")
        self._hide_hover()
        if suffix == ".png":
            image = ImageExporter(self.view.ci).export(toBytes=True)
            data = QByteArray()
            buffer = QBuffer(data)
            buffer.open(QIODevice.OpenModeFlag.WriteOnly)
            if image.isNull() or not image.save(buffer, "PNG"):
                raise UserError(
                    f"Le graphique n'a pas pu être converti en image : « {path} » n'a "
                    "pas été écrit."
                )
            content = bytes(data.data())
        else:
            content = self._svg_bytes()
        write_atomically(path, content)  # private, whole, never over a FIFO
        return path

    def _svg_bytes(self) -> bytes:
        # pyqtgraph 0.14.0's SVGExporter fails on the closed paths ("… Z") that Qt 6
        # writes (pyqtgraph issue #3495): Qt's SVG generator draws the scene instead, the
        # items in pyqtgraph's export mode (symbols as shapes, not cached pixmaps).
        source = self.view.ci.sceneBoundingRect()
        target = QRectF(0, 0, source.width(), source.height())
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        generator = QSvgGenerator()
        generator.setOutputDevice(buffer)
        screen = QGuiApplication.primaryScreen()
        generator.setResolution(round(screen.logicalDotsPerInchX()) if screen else 96)
        generator.setSize(source.size().toSize())
        generator.setViewBox(target)
        generator.setTitle(elide(self._title_text, 300))
        generator.setDescription("Graphique d'indicateur — CLU Desktop")
        exporter = ImageExporter(self.view.ci)
        painter = QPainter(generator)
        try:
            exporter.setExportMode(True, {"antialias": True, "painter": painter})
            painter.fillRect(target, QColor("white"))
            self.view.scene().render(painter, target, source)
        finally:
            exporter.setExportMode(False)
            painter.end()
        return bytes(buffer.data())

    def _on_save(self) -> None:
        if self.chart is None:
            return
        settings = QSettings()
        folder = settings.value(SAVE_FOLDER_KEY) or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        stem = re.sub(r"[^\w-]+", "_", elide(self.chart.indicator.name, 60)).strip("_")
        path = ask_image_path(self, Path(str(folder)) / f"{stem or 'indicateur'}.png")
        if path is None:
            return
        try:
            self.save_image(path)
        except UserError as exc:
            messages.show_error(self, str(exc))
            return
        settings.setValue(SAVE_FOLDER_KEY, str(path.parent))
