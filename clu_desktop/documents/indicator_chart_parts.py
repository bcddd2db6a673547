"""Drawing pieces shared by the annex's charts: colours, axes, titles, legends, markers."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from reportlab.graphics.shapes import Drawing, Line, Path, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from clu_desktop.documents.indicator_format import shorten
from clu_desktop.french.numbers import number

SMALL = 7
TITLE_SIZE = 9
MET = colors.HexColor("#4E9A51")
MISSED = colors.HexColor("#C8534A")
NEUTRAL = colors.HexColor("#4A72A8")
TARGET = colors.HexColor("#7A1F1A")
AXIS = colors.HexColor("#6B7280")
GRIDLINE = colors.HexColor("#D9DEE6")
TEXT = colors.HexColor("#1F2937")
PALETTE = [
    colors.HexColor(c) for c in ("#1F4E79", "#C55A11", "#548235", "#7030A0", "#BF9000", "#2E9AB8")
]
#: Marker outlines around (0, 0): circle (a 12-gon), square, diamond, triangle.
_SHAPES = (
    [(math.cos(a * math.pi / 6) * 2.3, math.sin(a * math.pi / 6) * 2.3) for a in range(12)],
    [(-2, -2), (2, -2), (2, 2), (-2, 2)],
    [(0, -2.8), (2.8, 0), (0, 2.8), (-2.8, 0)],
    [(-2.6, -2.2), (2.6, -2.2), (0, 2.6)],
)


@dataclass(frozen=True)
class Fonts:
    regular: str
    bold: str


@dataclass(frozen=True)
class Title:
    """A chart's title: ``main`` is shortened when the line is too long, ``tail`` kept."""

    main: str
    tail: str


def nice_range(low: float, high: float, ticks: int = 5) -> tuple[float, float, float]:
    """An axis from a round minimum to a round maximum with a round step."""
    if high - low < 1e-9:
        low, high = (low - 1, high + 1) if low else (0.0, 1.0)
    raw = (high - low) / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw * 0.999)
    return math.floor(low / step) * step, math.ceil(high / step) * step, step


def fit(text: str, font: str, size: float, room: float) -> str:
    """``text`` on one line, shortened with "…" until it fits ``room`` points."""
    flat = " ".join(text.split())
    if stringWidth(flat, font, size) <= room:
        return flat
    flat = shorten(flat, max(1, int(room / (size * 0.5))))
    while len(flat) > 1 and stringWidth(flat, font, size) > room:
        flat = shorten(flat, len(flat) - 2)
    return flat


def label(drawing: Drawing, x: float, y: float, text: str, font: str, **style: Any) -> None:
    """A small text at (x, y); ``style`` may change size, colour and anchor."""
    options = {"fontName": font, "fontSize": SMALL, "fillColor": TEXT, **style}
    drawing.add(String(x, y, text, **options))


def new_drawing(width: float, height: float, fonts: Fonts) -> Drawing:
    """An empty chart whose initial font is the document's (embedded) one.

    reportlab's renderer otherwise starts every drawing in Helvetica (``STATE_DEFAULTS``),
    which leaves a non-embedded font in the PDF and breaks PDF/A.
    """
    return Drawing(width, height, initialFontName=fonts.regular)


def draw_title(drawing: Drawing, title: Title, fonts: Fonts) -> None:
    room = drawing.width - stringWidth(title.tail, fonts.bold, TITLE_SIZE)
    text = fit(title.main, fonts.bold, TITLE_SIZE, max(room, drawing.width / 3)) + title.tail
    text = fit(text, fonts.bold, TITLE_SIZE, drawing.width)
    label(drawing, 0, drawing.height - 11, text, fonts.bold, fontSize=TITLE_SIZE)


def style_axis(axis: Any, fonts: Fonts) -> None:
    axis.labels.fontName = fonts.regular
    axis.labels.fontSize = SMALL
    axis.labels.fillColor = TEXT
    axis.strokeColor = AXIS
    axis.strokeWidth = 0.5


def value_axis(chart: Any, low: float, high: float, fonts: Fonts) -> None:
    """The value axis from ``low`` to ``high``, French numbers, light grid lines."""
    axis = chart.valueAxis
    axis.valueMin, axis.valueMax, axis.valueStep = low, high, nice_range(low, high)[2]
    axis.labelTextFormat = number
    axis.visibleGrid = 1
    axis.gridStrokeColor = GRIDLINE
    axis.gridStrokeWidth = 0.5
    style_axis(axis, fonts)


def tick_labels_width(low: float, high: float, fonts: Fonts) -> float:
    """The width of the widest label of the value axis ``value_axis`` draws."""
    step = nice_range(low, high)[2]
    ticks = [low + i * step for i in range(round((high - low) / step) + 1)]
    return max(stringWidth(number(t), fonts.regular, SMALL) for t in ticks)


def legend_row(
    drawing: Drawing, y: float, items: list[tuple[colors.Color, str]], fonts: Fonts
) -> None:
    """A row of coloured swatches; the target's colour is drawn as a tick."""
    x = 0.0
    for colour, text in items:
        if colour is TARGET:
            drawing.add(Line(x + 4, y - 1.5, x + 4, y + 7.5, strokeColor=TARGET, strokeWidth=1.5))
        else:
            # types-reportlab types Rect's **kw without Unpack[...], so every keyword fails.
            swatch = Rect(x, y, 8, 6, fillColor=colour, strokeColor=None)  # type: ignore[arg-type]
            drawing.add(swatch)
        label(drawing, x + 11, y, text, fonts.regular)
        x += 11 + stringWidth(text, fonts.regular, SMALL) + 14


def markers(index: int, points: list[tuple[float, float]]) -> Path:
    """A series' points as one path (one shape draws fast, reportlab's marker widgets are
    slow): circles, squares, diamonds or triangles, filled or hollow."""
    colour = PALETTE[index % len(PALETTE)]
    fill = colour if index % 8 < 4 else colors.white
    path = Path(fillColor=fill, strokeColor=colour, strokeWidth=1)
    outline = _SHAPES[index % len(_SHAPES)]
    for x, y in points:
        path.moveTo(x + outline[0][0], y + outline[0][1])
        for dx, dy in outline[1:]:
            path.lineTo(x + dx, y + dy)
        path.closePath()
    return path


def scaled(drawing: Drawing, width: float) -> Drawing:
    """The drawing shrunk to ``width`` when it is wider."""
    if drawing.width > width:
        factor = width / drawing.width
        drawing.scale(factor, factor)
        drawing.width, drawing.height = width, drawing.height * factor
    drawing.hAlign = "LEFT"
    return drawing
