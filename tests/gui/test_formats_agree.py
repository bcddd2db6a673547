"""The same value reads the same in the indicator grid, the window's chart and the
printed annex of the minutes: one formatter (clu_desktop.french), the printed one."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import SimpleDocTemplate

from clu_desktop.documents.indicator_annex import indicator_annex_flowables
from clu_desktop.documents.snapshot import AnnexSnapshot
from clu_desktop.domain import Indicator
from clu_desktop.gui.indicators.chart import IndicatorChart
from clu_desktop.gui.indicators.values_model import ValuesModel
from clu_desktop.services.indicators import catalogue
from clu_desktop.services.indicators.values import chart_series, set_value, value_grid
from clu_desktop.services.meetings.annex_freeze import live_indicator

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
FONT, BOLD = "DejaVuSans", "DejaVuSans-Bold"
pytestmark = [
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils"),
    pytest.mark.skipif(not (DEJAVU / "DejaVuSans.ttf").exists(), reason="needs DejaVu fonts"),
]

#: (value, unit, the text every place prints: U+202F groups, U+00A0 before the unit).
CASES = [
    (48_500, None, "48\u202f500"),
    (12.5, "%", "12,5\u00a0%"),
    (0.1, "%", "0,1\u00a0%"),
    (99.95, "%", "100\u00a0%"),  # the chart printed 99,95 before
    (1_234_567.89, "euros", "1\u202f234\u202f568\u00a0€"),  # the chart: 1 234 567,89 euros
    (-3.25, None, "\u22123,25"),  # the chart printed a hyphen
    (-1_500.5, "€", "\u22121\u202f500\u00a0€"),
    (0.125, "jours", "0,12\u00a0j"),
    (12, "appels", "12"),  # no short form: the unit is in the heading (the axis title)
    (10**14, None, "100\u202f000\u202f000\u202f000\u202f000"),
]


def spaced(text: str) -> str:
    """Every kind of space as one (pdftotext does not keep which it was)."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", text).strip()


@pytest.fixture
def indicators(db) -> list[int]:
    ids = []
    with db.transaction() as s:
        for number, (value, unit, _printed) in enumerate(CASES, 1):
            indicator_id = catalogue.add_indicator(s, f"IND-{number}", f"Indicateur {number}")
            if unit:
                catalogue.update_indicator(s, indicator_id, "unit", unit)
            set_value(s, indicator_id, "2024", None, value)
            ids.append(indicator_id)
    return ids


def grid_text(db, indicator_id: int) -> str:
    with db.reading() as s:
        grid = value_grid(s, indicator_id)
    model = ValuesModel()
    model.set_grid(grid, None)
    return model.data(model.index(0, 0), Qt.ItemDataRole.DisplayRole)


def chart_text(db, chart: IndicatorChart, indicator_id: int, value: float) -> str:
    """The value the chart shows under the mouse, after « Ensemble — 2024 : »."""
    with db.reading() as s:
        chart.set_chart(chart_series(s, indicator_id))
    chart._on_mouse_moved(chart.plot.getViewBox().mapViewToScene(QPointF(0, value)))
    label = chart.hover_text()
    assert label.startswith("Ensemble — 2024\u00a0: "), label
    return label.removeprefix("Ensemble — 2024\u00a0: ")


def pdf_cells(db, ids: list[int], path: Path) -> list[str]:
    """The value printed in each indicator's row of the annex's table."""
    pdfmetrics.registerFont(TTFont(FONT, str(DEJAVU / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(DEJAVU / "DejaVuSans-Bold.ttf")))
    with db.reading() as s:
        snapshots = tuple(live_indicator(s, s.get(Indicator, i), 2024) for i in ids)
    annex = AnnexSnapshot(number=1, title="Indicateurs", kind="indicators", indicators=snapshots)
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm)
    doc.build(indicator_annex_flowables(annex, FONT, BOLD, doc.width - 12))
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    text = out.stdout.decode()
    cells = []
    for number in range(1, len(ids) + 1):
        found = re.search(rf"\nIndicateur {number}\n\n(.*?)\n\n(?:unité|sans cible)", text, re.S)
        assert found is not None, (number, text)
        cells.append(found[1])
    return cells


def test_the_grid_the_chart_and_the_annex_print_the_same_text(db, qtbot, indicators, tmp_path):
    chart = IndicatorChart()
    qtbot.addWidget(chart)
    chart.resize(1000, 600)
    chart.layout().activate()
    with qtbot.waitExposed(chart):
        chart.show()
    printed = pdf_cells(db, indicators, tmp_path / "annexe.pdf")

    for indicator_id, (value, _unit, expected), cell in zip(
        indicators, CASES, printed, strict=True
    ):
        assert grid_text(db, indicator_id) == expected
        assert chart_text(db, chart, indicator_id, value) == expected
        if "\n" in cell:  # 10¹⁴ is wider than the column: the annex wraps it
            assert cell.replace("\n", "").replace(" ", "") == spaced(expected).replace(" ", "")
        else:  # pdftotext does not tell the kinds of space apart
            assert spaced(cell) == spaced(expected)
