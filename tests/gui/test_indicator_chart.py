"""The indicator chart: one curve per site, the target line, gaps, the value under the
mouse, saving as PNG or SVG, the empty message, and user text shown as plain text."""

from __future__ import annotations

import errno
from pathlib import Path

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtWidgets import QApplication

from clu_desktop import files
from clu_desktop.gui.indicators import chart as chart_module
from clu_desktop.gui.indicators.chart import IndicatorChart, nearest_point, point_label
from clu_desktop.services.indicators.common import ChartData, IndicatorRow, Series

QUARTERS = tuple(f"{year}-T{q}" for year in (2022, 2023) for q in (1, 2, 3, 4))
CHAUMONT = (82.5, 85, 88.1, None, 91.2, 92, 90.4, 93.5)
LANGRES = (78, 80.2, 79.5, 83, 86.4, 88, 89.1, 91)
SAINT_DIZIER = (88, 87.5, 90, 91.5, 89, 92.5, 94, 95.1)


def indicator(**changes) -> IndicatorRow:
    fields = dict(
        id=1,
        code="APPELS",
        name="Taux d'appels décrochés pendant les heures d'ouverture",
        category="Accueil téléphonique",
        unit="%",
        direction="higher",
        target=90.0,
        periodicity="quarter",
        description=None,
        site_ids=(1, 2, 3),
        value_count=23,
        has_examples=True,
    )
    fields.update(changes)
    return IndicatorRow(**fields)


def quarterly_chart(**changes) -> ChartData:
    """Three sites over eight quarters; Chaumont has no value in T4 2022; Langres's two
    first values are examples."""
    return ChartData(
        indicator=indicator(**changes),
        periods=QUARTERS,
        series=(
            Series("Préfecture de Chaumont", CHAUMONT, (False,) * 8),
            Series("Sous-préfecture de Langres", LANGRES, (True, True) + (False,) * 6),
            Series("Sous-préfecture de Saint-Dizier", SAINT_DIZIER, (False,) * 8),
        ),
    )


@pytest.fixture
def widget(qtbot) -> IndicatorChart:
    chart = IndicatorChart()
    qtbot.addWidget(chart)
    chart.resize(1000, 600)
    # sized before it is a window: the offscreen platform cannot take new size limits
    chart.layout().activate()
    with qtbot.waitExposed(chart):
        chart.show()
    return chart


def scene_pos(widget: IndicatorChart, period_index: int, value: float) -> QPointF:
    return widget.plot.getViewBox().mapViewToScene(QPointF(period_index, value))


def curves(widget: IndicatorChart) -> list[pg.PlotDataItem]:
    return [item for item in widget.plot.listDataItems() if isinstance(item, pg.PlotDataItem)]


def legend_texts(widget: IndicatorChart) -> list[str]:
    return [label.item.toPlainText() for _sample, label in widget.legend.items]


def test_each_site_is_a_curve_and_the_target_a_dashed_line_labelled_cible(widget):
    widget.set_chart(quarterly_chart())

    assert widget.stack.currentWidget() is widget.view
    assert len(curves(widget)) == 3
    assert legend_texts(widget) == [
        "Préfecture de Chaumont",
        "Sous-préfecture de Langres",
        "Sous-préfecture de Saint-Dizier",
        "valeurs d'exemple",
    ]
    [target] = [i for i in widget.plot.items if isinstance(i, pg.InfiniteLine)]
    assert target.value() == 90
    assert target.pen.style() == Qt.PenStyle.DashLine
    assert target.label.toPlainText().replace("\u00a0", " ") == "cible : 90 %"
    low, high = widget.plot.getViewBox().viewRange()[1]
    assert low < 78 and high > 95.1  # every value and the target are in view
    # the axis shows the periods in French
    ticks = widget.x_axis.tickValues(-0.5, 7.5, 800)[0][1]
    assert widget.x_axis.tickStrings(ticks, 1, 1) == [
        "T1 2022", "T2 2022", "T3 2022", "T4 2022", "T1 2023", "T2 2023", "T3 2023", "T4 2023",
    ]  # fmt: skip
    assert "plus haut = mieux" in widget.title.item.toPlainText()


def test_a_target_far_from_the_values_stays_in_view(widget):
    widget.set_chart(quarterly_chart(target=40.0, unit="jours", direction="lower"))

    low, _high = widget.plot.getViewBox().viewRange()[1]
    assert low < 40
    assert "plus bas = mieux" in widget.title.item.toPlainText()


@pytest.mark.parametrize("target", [99.0, 60.0, 90.0])
def test_the_target_label_is_inside_the_plot_wherever_the_target_is(widget, qtbot, target):
    """Above the line, or below it when the target is the top of the chart (the page's
    chart is often short)."""
    widget.resize(900, 380)
    widget.set_chart(quarterly_chart(target=target))
    qtbot.waitUntil(lambda: widget.view.width() == 900)  # laid out at its new size

    [line] = [i for i in widget.plot.items if isinstance(i, pg.InfiniteLine)]
    view = widget.plot.getViewBox()

    def label_inside() -> None:  # once the plot has placed it
        label = line.label.mapRectToItem(view, line.label.boundingRect())
        assert view.boundingRect().contains(label), (label, view.boundingRect())

    qtbot.waitUntil(label_inside)


def test_missing_values_leave_a_gap_in_the_line(widget, qtbot):
    widget.set_chart(quarterly_chart())

    chaumont = curves(widget)[0]
    assert chaumont.opts["connect"] == "finite"
    assert np.isnan(chaumont.yData[3])
    widget.grab()  # painting a line with a hole does not fail
    # nothing to show where the value is missing
    widget._on_mouse_moved(scene_pos(widget, 3, 89.8))
    assert widget.hover_text() == ""


def test_a_site_without_values_in_the_first_periods_and_a_single_period(widget):
    data = quarterly_chart()
    series = (Series("Préfecture", (None,), (False,)), Series("Langres", (12.0,), (True,)))
    only = ChartData(data.indicator, ("2023-T1",), series)
    widget.set_chart(only)

    assert len(curves(widget)) == 2
    widget.grab()


def test_moving_the_mouse_near_a_point_shows_its_site_period_and_value(widget, qtbot):
    widget.set_chart(quarterly_chart())
    viewport = widget.view.viewport()
    near = widget.view.mapFromScene(scene_pos(widget, 5, 92.0)) + QPointF(4, -3).toPoint()

    qtbot.mouseMove(viewport, near)

    qtbot.waitUntil(lambda: widget.hover_text() != "")
    assert widget.hover_text() == "Préfecture de Chaumont — T2 2023\u00a0: 92\u00a0%"
    far = widget.view.mapFromScene(scene_pos(widget, 1.5, 97.0))
    qtbot.mouseMove(viewport, far)
    qtbot.waitUntil(lambda: widget.hover_text() == "")
    qtbot.mouseMove(viewport, near)
    qtbot.waitUntil(lambda: widget.hover_text() != "")
    QApplication.sendEvent(viewport, QEvent(QEvent.Type.Leave))  # the mouse leaves the chart
    assert widget.hover_text() == ""


def test_an_example_value_says_so_on_hover(widget):
    widget.set_chart(quarterly_chart())

    widget._on_mouse_moved(scene_pos(widget, 1, 80.2))

    assert widget.hover_text() == (
        "Sous-préfecture de Langres — T2 2022\u00a0: 80,2\u00a0% (valeur d'exemple)"
    )


def test_a_site_hidden_from_the_legend_is_not_hovered(widget):
    widget.set_chart(quarterly_chart())
    saint_dizier = curves(widget)[2]

    saint_dizier.setVisible(False)  # what a click on its legend sample does
    widget._on_mouse_moved(scene_pos(widget, 2, 90.0))

    assert widget.hover_text() == ""


def test_the_label_and_the_nearest_point_functions():
    # The value as the grid and the printed annex write it: rounded as they do, the unit
    # shortened (« j », « % ») or left to the axis title when it has no short form.
    assert point_label("Langres", "2022-07", 1234.5, "appels", False) == (
        "Langres — juil. 2022\u00a0: 1\u202f234"
    )
    assert point_label("Langres", "2022-T3", -12.25, "jours", False) == (
        "Langres — T3 2022\u00a0: \u221212,2\u00a0j"
    )
    assert point_label("Ensemble", "2022", 3.0, None, True) == (
        "Ensemble — 2022\u00a0: 3 (valeur d'exemple)"
    )
    xs = np.arange(3, dtype=float)
    ys = np.array([[1.0, np.nan, 3.0], [2.0, 2.0, np.nan]])
    assert nearest_point(xs, ys, 1.02, 2.1, (0.01, 0.1)) == (1, 1)
    assert nearest_point(xs, ys, 1.0, 3.5, (0.01, 0.1)) is None  # too far from any point
    assert nearest_point(xs, np.full((2, 3), np.nan), 1.0, 2.0, (0.01, 0.1)) is None


def test_save_image_writes_a_png_and_an_svg(widget, tmp_path):
    widget.set_chart(quarterly_chart())

    png = widget.save_image(tmp_path / "graphique.png")
    svg = widget.save_image(tmp_path / "graphique.SVG")

    assert png.read_bytes().startswith(b"\x89PNG")
    text = svg.read_text(encoding="utf-8")
    assert "<svg" in text
    assert "Sous-préfecture de Langres" in text and "cible" in text
    with pytest.raises(ValueError, match="PNG ou SVG"):
        widget.save_image(tmp_path / "graphique.gif")


def test_the_save_button_asks_where_and_writes_the_chosen_format(
    widget, qtbot, monkeypatch, tmp_path, answered_messages
):
    widget.set_chart(quarterly_chart())
    asked: list[Path] = []

    def ask(_parent, suggested: Path) -> Path:
        asked.append(suggested)
        return tmp_path / "appels.svg"

    monkeypatch.setattr(chart_module, "ask_image_path", ask)
    qtbot.mouseClick(widget.save_button, Qt.MouseButton.LeftButton)

    assert asked[0].name == "Taux_d_appels_décrochés_pendant_les_heures_d_ouverture.png"
    assert "<svg" in (tmp_path / "appels.svg").read_text(encoding="utf-8")
    assert answered_messages.errors == []

    # A folder missing is made (as for every export); a folder named as the file is not
    # replaced, and a full disk is told in French.
    monkeypatch.setattr(chart_module, "ask_image_path", lambda *_: tmp_path / "no" / "x.png")
    qtbot.mouseClick(widget.save_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "no" / "x.png").read_bytes().startswith(b"\x89PNG")
    (tmp_path / "dossier.png").mkdir()
    monkeypatch.setattr(chart_module, "ask_image_path", lambda *_: tmp_path / "dossier.png")
    qtbot.mouseClick(widget.save_button, Qt.MouseButton.LeftButton)
    assert answered_messages.errors == [
        f"« {tmp_path / 'dossier.png'} » est un dossier : indiquez un nom de fichier. "
        "Rien n'a été écrit."
    ]
    monkeypatch.setattr(files.os, "replace", disk_full)
    monkeypatch.setattr(chart_module, "ask_image_path", lambda *_: tmp_path / "plein.svg")
    qtbot.mouseClick(widget.save_button, Qt.MouseButton.LeftButton)
    assert answered_messages.errors[-1].startswith("Le disque est plein : ")
    assert not (tmp_path / "plein.svg").exists()


def disk_full(*_args):
    raise OSError(errno.ENOSPC, "No space left on device")


def test_no_values_show_a_french_message_and_nothing_to_save(widget):
    widget.set_chart(quarterly_chart())
    widget.set_chart(None)

    assert widget.stack.currentWidget() is widget.empty_label
    assert widget.empty_label.text() == "Aucune valeur pour cet indicateur."
    assert not widget.save_button.isEnabled()

    data = quarterly_chart()
    blank = ChartData(
        data.indicator, data.periods, (Series("Préfecture", (None,) * 8, (False,) * 8),)
    )
    widget.set_chart(blank)
    assert widget.stack.currentWidget() is widget.empty_label
    widget.set_chart(ChartData(data.indicator, (), ()))
    assert widget.stack.currentWidget() is widget.empty_label
    widget._on_mouse_moved(QPointF(300, 300))  # the mouse over an empty chart
    assert widget.hover_text() == ""


def test_long_names_and_markup_stay_plain_text(widget, qtbot, tmp_path):
    data = quarterly_chart(name="<b>Délai</b> & " + "x" * 10_000, unit="<i>j</i>")
    markup = Series("<b>Site</b> & <i>co</i>", data.series[0].values, (True,) * 8)
    widget.set_chart(ChartData(data.indicator, data.periods, (markup, *data.series[1:])))

    title = widget.title.item.toPlainText()
    assert title.startswith("<b>Délai</b> & xxx") and "…" in title.splitlines()[0]
    assert widget.title.item.boundingRect().width() < widget.view.width()
    assert legend_texts(widget)[0] == "<b>Site</b> & <i>co</i>"
    assert widget.y_axis.labelText == "&lt;i&gt;j&lt;/i&gt;"  # pyqtgraph shows it as HTML
    widget._on_mouse_moved(scene_pos(widget, 0, 82.5))
    # (a unit without a short form is left to the axis title, as the annex prints it)
    assert widget.hover_text().startswith("<b>Site</b> & <i>co</i> — T1 2022\u00a0: 82,5 ")
    assert widget.save_image(tmp_path / "long.svg").stat().st_size > 0
    two_lines = widget.title.item.boundingRect().height()
    for width in (520, 1400):  # narrower, then wider: one line each, nothing sticks out
        widget.resize(width, 500)
        qtbot.waitUntil(lambda w=width: widget.view.width() == w)
        assert widget.title.item.boundingRect().height() == two_lines
        assert widget.title.item.boundingRect().width() < width
        assert widget.legend.geometry().right() <= width
        assert widget.plot.geometry().right() <= width


def test_240_months_for_5_sites_have_labels_that_do_not_overlap(widget):
    """Drawing them is timed by benchmarks/indicators_page.py."""
    months = tuple(f"{2005 + i // 12}-{i % 12 + 1:02d}" for i in range(240))
    rng = np.random.default_rng(1)
    values = np.where(rng.random((5, 240)) < 0.05, np.nan, rng.uniform(5, 30, (5, 240)))
    series = tuple(
        Series(f"Site {k}", tuple(None if np.isnan(v) else float(v) for v in row), (False,) * 240)
        for k, row in enumerate(values)
    )
    data = ChartData(indicator(periodicity="month", unit="jours", target=15.0), months, series)

    widget.set_chart(data)

    width = widget.x_axis.geometry().width()
    [(_step, ticks)] = widget.x_axis.tickValues(-0.5, 239.5, width)
    labels = widget.x_axis.tickStrings(ticks, 1, 1)
    assert all(label.startswith("janv.") for label in labels)
    assert len(labels) >= 5 and len(labels) * 80 < width
    widget.grab()


def test_the_chart_of_values_typed_through_the_services(widget, db):
    from clu_desktop.services.indicators import catalogue as indicators_catalogue
    from clu_desktop.services.indicators import values as indicators_values

    with db.transaction() as s:
        chaumont, langres = (
            indicators_catalogue.add_site(s, "Chaumont"),
            indicators_catalogue.add_site(s, "Langres"),
        )
        code = indicators_catalogue.add_indicator(s, "DECROCHES", "Appels décrochés")
        indicators_catalogue.update_indicator(s, code, "periodicity", "quarter")
        indicators_catalogue.update_indicator(s, code, "unit", "%")
        indicators_catalogue.update_indicator(s, code, "target", 90.0)
        indicators_catalogue.set_indicator_sites(s, code, [chaumont, langres])
        for period, site, value in [
            ("2023-T1", chaumont, 88.0),
            ("2023-T2", chaumont, 91.5),
            ("2023-T1", langres, 79.0),
            ("2023-T3", langres, 84.5),
        ]:
            indicators_values.set_value(s, code, period, site, value)
    with db.reading() as s:
        data = indicators_values.chart_series(s, code)

    widget.set_chart(data)

    assert legend_texts(widget) == ["Chaumont", "Langres"]
    widget._on_mouse_moved(scene_pos(widget, data.periods.index("2023-T3"), 84.5))
    assert widget.hover_text() == "Langres — T3 2023\u00a0: 84,5\u00a0%"


def test_the_legend_stays_under_the_plot_when_charts_follow_each_other(widget, tmp_path):
    for target in (90.0, 85.0, 80.0):  # same legend each time: its size does not change
        widget.set_chart(quarterly_chart(target=target))

    labels = [label.sceneBoundingRect() for _sample, label in widget.legend.items]
    assert not any(a.intersects(b) for i, a in enumerate(labels) for b in labels[i + 1 :])
    assert widget.legend.sceneBoundingRect().top() >= widget.plot.sceneBoundingRect().bottom()
    assert widget.save_image(tmp_path / "suite.png").stat().st_size > 0
