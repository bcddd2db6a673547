"""The annex's charts, drawn with reportlab.graphics (no Qt, no matplotlib).

Per category, one chart per unit and periodicity (a rate and a count on one axis would be
unreadable): a horizontal bar per indicator (and site) when there is a single period, as in
the demonstration meeting, else a line per indicator (and site) over the last periods. The
target is a tick or a dashed line; bars are green when the target is met, red when it is
missed, blue without a target. Large categories are cut into several charts, each one
``width`` wide and never taller than a page.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, Line
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer

from clu_desktop.documents.indicator_chart_parts import (
    AXIS,
    MET,
    MISSED,
    NEUTRAL,
    PALETTE,
    SMALL,
    TARGET,
    Fonts,
    Title,
    draw_title,
    fit,
    label,
    legend_row,
    markers,
    new_drawing,
    nice_range,
    scaled,
    style_axis,
    tick_labels_width,
    value_axis,
)
from clu_desktop.documents.indicator_format import Prepared, Series, shorten
from clu_desktop.french.periods import period_label
from clu_desktop.french.values import format_value, meets, target_text, unit_key, unit_label

#: Periods along a line chart's axis (a year of months).
CHART_PERIODS = 12
MAX_BARS = 18
MAX_LINES = 6
#: Charts are drawn at least this wide, then scaled down to a narrower frame.
MIN_WIDTH = 360.0


@dataclass(frozen=True)
class _Entry:
    prepared: Prepared
    series: Series


def category_charts(
    category: str, prepared: list[Prepared], font: str, bold_font: str, width: float
) -> list[Flowable]:
    """The charts of one category, each scaled to ``width``, with some space around."""
    fonts = Fonts(font, bold_font)
    groups: dict[tuple[str, str], list[Prepared]] = {}
    for item in prepared:
        if item.periods:
            key = (unit_key(item.indicator.unit), item.indicator.periodicity)
            groups.setdefault(key, []).append(item)
    flowables: list[Flowable] = []
    for items in groups.values():
        periods = sorted({p for item in items for p in item.periods})[-CHART_PERIODS:]
        unit = items[0].indicator.unit
        if len(periods) == 1:
            when = period_label(periods[0])
            chunks = _pack(items, periods, MAX_BARS)
            draw = _bar_chart
        else:
            when = f"{period_label(periods[0])} à {period_label(periods[-1])}"
            chunks = _pack(items, periods, MAX_LINES)
            draw = _line_chart
        for number, chunk in enumerate(chunks, start=1):
            part = f" ({number}/{len(chunks)})" if len(chunks) > 1 else ""
            if _single(chunk) and chunk[0].prepared.has_sites:  # the sites in the legend
                name = chunk[0].prepared.indicator.name
                title = Title(name, f" ({_unit_phrase(unit)}, {when})")
            else:
                title = Title(category, f" – {_unit_phrase(unit)}, {when}{part}")
            drawing = draw(title, chunk, periods, unit, fonts, max(width, MIN_WIDTH))
            flowables += [Spacer(1, 6), scaled(drawing, width), Spacer(1, 4)]
    return flowables


def _single(entries: list[_Entry]) -> bool:
    """Whether the chart shows one indicator only (then named in its title)."""
    return all(e.prepared is entries[0].prepared for e in entries)


def _pack(items: list[Prepared], periods: list[str], size: int) -> list[list[_Entry]]:
    """The series with a value in ``periods``, in charts of ``size`` at most, the sites
    of an indicator kept together when they fit."""
    chunks: list[list[_Entry]] = [[]]
    for item in items:
        entries = [
            _Entry(item, series)
            for series in item.series
            if any(period in series.values for period in periods)
        ]
        if chunks[-1] and len(chunks[-1]) + len(entries) > size:
            chunks.append([])
        for entry in entries:
            if len(chunks[-1]) == size:
                chunks.append([])
            chunks[-1].append(entry)
    return [chunk for chunk in chunks if chunk]


def _unit_phrase(unit: str | None) -> str:
    text = unit_label(unit)
    return f"en {shorten(text, 30)}" if text else "valeurs"


def _axis_title(unit: str | None) -> str:
    text = unit_label(unit)
    return f"Valeur ({shorten(text, 30)})" if text else "Valeur"


def _bar_chart(
    title: Title,
    entries: list[_Entry],
    periods: list[str],
    unit: str | None,
    fonts: Fonts,
    width: float,
) -> Drawing:
    """One bar per indicator (and site) for a single period, the target as a tick."""
    # Every entry has a value in the one period (``_pack`` keeps only those).
    values = [e.series.values[periods[0]].value for e in entries]
    targets = [e.prepared.indicator.target for e in entries]
    fills = []
    for entry, value in zip(entries, values, strict=True):
        met = meets(entry.prepared.indicator, value)
        fills.append(NEUTRAL if met is None else (MET if met else MISSED))
    legend = []
    if any(t is not None for t in targets):
        legend = [(MET, "cible atteinte"), (MISSED, "cible non atteinte"), (NEUTRAL, "sans cible")]
        legend = [item for item in legend if item[0] in fills] + [(TARGET, "cible")]
    slot = 22.0
    label_width = min(width * 0.4, 210.0)
    height = 16 + (14 if legend else 0) + slot * len(entries) + 30
    drawing = new_drawing(width, height, fonts)
    draw_title(drawing, title, fonts)
    if legend:
        legend_row(drawing, height - 27, legend, fonts)

    known = [v for v in values + targets if v is not None]
    low, high, _ = nice_range(min(0.0, *known), max(0.0, *known))
    chart = HorizontalBarChart()
    # types-reportlab declares the plot area's x, y, width and height int; reportlab
    # takes any number (here and in _line_chart).
    chart.x, chart.y = label_width + 6, 30  # type: ignore[assignment]
    chart.width, chart.height = width - chart.x - 48, slot * len(entries)  # type: ignore[assignment]
    chart.data = [values]
    single = _single(entries)
    axis = chart.categoryAxis
    axis.categoryNames = [_bar_label(e, fonts, label_width, single) for e in entries]
    axis.reverseDirection = 1  # the first indicator on top, as in the table
    axis.labels.boxAnchor, axis.labels.textAnchor = "e", "end"
    axis.labels.dx, axis.labels.leading = -4, SMALL + 1.5
    axis.tickLeft = 0
    axis.joinAxisMode = "left"  # labels left of the plot, even with negative values
    style_axis(axis, fonts)
    value_axis(chart, low, high, fonts)
    chart.barWidth, chart.groupSpacing = 10, 8
    chart.bars.strokeColor = None
    for index, fill in enumerate(fills):
        chart.bars[(0, index)].fillColor = fill
    drawing.add(chart)

    def x_of(value: float) -> float:
        return chart.x + (value - low) / (high - low) * chart.width

    for index, (value, target) in enumerate(zip(values, targets, strict=True)):
        middle = chart.y + chart.height - (index + 0.5) * slot
        if target is not None:
            x = x_of(target)
            drawing.add(Line(x, middle - 8, x, middle + 8, strokeColor=TARGET, strokeWidth=1.5))
        text = format_value(value, unit)
        if value >= 0:  # after the bar, and after the target's tick when it is close
            start = x_of(value)
            if target is not None and x_of(target) > start - 2:
                start = max(start, x_of(target))
            x, anchor = start + 3, "start"
        else:  # before the bar's end, or on the positive side when there is no room
            x, anchor = x_of(value) - 3, "end"
            if x - stringWidth(text, fonts.regular, SMALL) < chart.x:
                x, anchor = x_of(0) + 3, "start"
        label(drawing, x, middle - 2.5, text, fonts.regular, textAnchor=anchor)
    caption = _axis_title(unit)
    label(
        drawing,
        chart.x + chart.width / 2,
        4,
        caption,
        fonts.regular,
        fillColor=AXIS,
        textAnchor="middle",
    )
    return drawing


def _bar_label(entry: _Entry, fonts: Fonts, room: float, single: bool) -> str:
    """Two lines at most: the indicator's name, then the site (or the name's end).

    When the chart shows a single indicator (named in the title), the site alone.
    """
    name = " ".join(entry.prepared.indicator.name.split())
    site = entry.series.site
    if single and site:
        return fit(site, fonts.regular, SMALL, room)
    first = fit(name, fonts.regular, SMALL, room)
    if site:
        return first + "\n" + fit(site, fonts.regular, SMALL, room)
    if first == name:
        return name
    cut = name.rfind(" ", 0, max(1, len(first) - 1))
    if cut <= 0:
        return first
    return name[:cut] + "\n" + fit(name[cut + 1 :], fonts.regular, SMALL, room)


def _line_label(entry: _Entry, single: bool) -> str:
    name = entry.prepared.indicator.name
    site = entry.series.site
    if single and site:
        return site
    return f"{shorten(name, 60)} – {site}" if site else name


def _line_chart(
    title: Title,
    entries: list[_Entry],
    periods: list[str],
    unit: str | None,
    fonts: Fonts,
    width: float,
) -> Drawing:
    """One line per indicator (and site) over the periods, the targets dashed."""
    legend_height = 11.0 * len(entries)
    plot_height = 150.0
    labels = [period_label(p) for p in periods]
    widest = max(stringWidth(text, fonts.regular, SMALL) for text in labels)
    tilted = widest > (width - 50) / len(periods) - 4
    axis_room = 40.0 if tilted else 22.0
    height = 16 + 14 + plot_height + axis_room + legend_height + 4
    drawing = new_drawing(width, height, fonts)
    draw_title(drawing, title, fonts)

    data = [[e.series.value(p) for p in periods] for e in entries]
    targets = sorted({t for e in entries if (t := e.prepared.indicator.target) is not None})[:3]
    known = [v for row in data for v in row if v is not None] + targets
    low, high = min(known), max(known)
    if 0 <= low < 0.5 * high:
        low = 0.0
    low, high, _ = nice_range(low, high)

    chart = HorizontalLineChart()
    # Numbers where types-reportlab says int: see _bar_chart.
    chart.x = max(30.0, tick_labels_width(low, high, fonts) + 10)  # type: ignore[assignment]
    chart.y = legend_height + 4 + axis_room  # type: ignore[assignment]
    chart.width, chart.height = width - chart.x - 6, plot_height  # type: ignore[assignment]
    chart.data = data
    chart.joinedLines = 1
    chart.categoryAxis.categoryNames = labels
    chart.categoryAxis.joinAxisMode = "bottom"  # labels under the plot, even below zero
    style_axis(chart.categoryAxis, fonts)
    if tilted:
        chart.categoryAxis.labels.angle = 35
        chart.categoryAxis.labels.boxAnchor = "ne"
    value_axis(chart, low, high, fonts)
    for index in range(len(entries)):
        chart.lines[index].strokeColor = PALETTE[index % len(PALETTE)]
        chart.lines[index].strokeWidth = 1.5
    drawing.add(chart)

    def y_of(value: float) -> float:
        return chart.y + (value - low) / (high - low) * chart.height

    slot = chart.width / len(periods)
    for index, row in enumerate(data):
        points = [(chart.x + (i + 0.5) * slot, y_of(v)) for i, v in enumerate(row) if v is not None]
        drawing.add(markers(index, points))
    for target in targets:
        y = y_of(target)
        drawing.add(
            Line(
                chart.x,
                y,
                chart.x + chart.width,
                y,
                strokeColor=TARGET,
                strokeWidth=1,
                strokeDashArray=[4, 3],
            )
        )
        owner = next(e.prepared.indicator for e in entries if e.prepared.indicator.target == target)
        label(
            drawing,
            chart.x + chart.width - 2,
            y + 2,
            target_text(owner) or "",
            fonts.regular,
            fillColor=TARGET,
            textAnchor="end",
        )
    label(drawing, 0, chart.y + chart.height + 7, _axis_title(unit), fonts.regular, fillColor=AXIS)

    single = _single(entries)
    for index, entry in enumerate(entries):
        y = legend_height - 11 * index - 8
        colour = PALETTE[index % len(PALETTE)]
        drawing.add(Line(0, y + 2.5, 16, y + 2.5, strokeColor=colour, strokeWidth=1.5))
        drawing.add(markers(index, [(8, y + 2.5)]))
        text = fit(_line_label(entry, single), fonts.regular, SMALL, width - 22)
        label(drawing, 22, y, text, fonts.regular)
    return drawing
