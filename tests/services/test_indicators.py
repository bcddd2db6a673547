"""The indicator services: the catalogue, the sites, the grid of values by period and
site, typing a value with undo, and reading French numbers; on the December 2023 demo."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from clu_desktop.domain import IndicatorValue
from clu_desktop.errors import UserError
from clu_desktop.french import periods as french_periods
from clu_desktop.rules import indicators as indicator_rules
from clu_desktop.services.indicators import catalogue as indicators_catalogue
from clu_desktop.services.indicators import common as indicators_common
from clu_desktop.services.indicators import values as indicators_values

LONG = "x" * 10_000
PREFECTURE, LANGRES, SAINT_DIZIER = (
    "Préfecture de la Haute-Marne",
    "Sous-préfecture de Langres",
    "Sous-préfecture de Saint-Dizier",
)


def _indicator(session, code):
    return next(r for r in indicators_catalogue.list_indicators(session) if r.code == code)


def _count(session, indicator_id=None):
    query = select(func.count()).select_from(IndicatorValue)
    if indicator_id is not None:
        query = query.where(IndicatorValue.indicator_id == indicator_id)
    return session.scalar(query)


# The catalogue


def test_demo_catalogue_in_order_with_counts(demo_db):
    with demo_db.reading() as s:
        rows = indicators_catalogue.list_indicators(s)
        sites = indicators_catalogue.list_sites(s)
    assert len(rows) == 11
    assert rows[0].code == "RS-CONNEXIONS"
    assert rows[-1].code == "SATISFACTION"
    pan = next(r for r in rows if r.code == "PAN-USAGE")
    assert pan.value_count == 3 and pan.has_examples
    assert [s.name for s in sites] == [PREFECTURE, LANGRES, SAINT_DIZIER]
    assert pan.site_ids == tuple(s.id for s in sites)
    delay = next(r for r in rows if r.code == "TITRES-DELAI")
    assert (delay.direction, delay.unit, delay.periodicity) == ("lower", "jours", "year")
    assert delay.direction_label == "plus bas = mieux"
    assert delay.periodicity_label == "annuelle"


def test_add_update_and_delete_an_indicator(demo_db):
    with demo_db.transaction() as s:
        new_id = indicators_catalogue.add_indicator(
            s, "  ACCUEIL-ATTENTE ", "temps d'attente à l'accueil"
        )
        indicators_catalogue.update_indicator(s, new_id, "category", "Accueil physique")
        indicators_catalogue.update_indicator(s, new_id, "unit", "minutes")
        indicators_catalogue.update_indicator(s, new_id, "direction", "lower")
        indicators_catalogue.update_indicator(s, new_id, "target", "15")
        indicators_catalogue.update_indicator(s, new_id, "periodicity", "quarter")
        indicators_catalogue.update_indicator(
            s, new_id, "description", "Mesuré au guichet\n<b>& co</b>"
        )
    with demo_db.reading() as s:
        row = _indicator(s, "ACCUEIL-ATTENTE")
    assert row.id == new_id
    assert (row.category, row.unit, row.direction, row.target, row.periodicity) == (
        "Accueil physique",
        "minutes",
        "lower",
        15.0,
        "quarter",
    )
    assert row.description == "Mesuré au guichet\n<b>& co</b>"  # stored literally
    assert row.value_count == 0 and not row.has_examples
    with demo_db.reading() as s:
        assert (
            indicators_catalogue.list_indicators(s)[-1].code == "ACCUEIL-ATTENTE"
        )  # added at the end
    with demo_db.transaction() as s:
        indicators_catalogue.delete_indicator(s, new_id)
    with demo_db.reading() as s:
        assert "ACCUEIL-ATTENTE" not in [r.code for r in indicators_catalogue.list_indicators(s)]


def test_catalogue_checks_in_french(demo_db):
    with demo_db.reading() as s:
        pan = _indicator(s, "PAN-USAGE")
        satisfaction = _indicator(s, "SATISFACTION")
    with demo_db.transaction() as s, pytest.raises(UserError, match="porte déjà le code"):
        indicators_catalogue.add_indicator(s, "satisfaction", "doublon")
    with demo_db.transaction() as s, pytest.raises(UserError, match="porte déjà le code"):
        indicators_catalogue.update_indicator(s, pan.id, "code", "SATISFACTION")
    with demo_db.transaction() as s, pytest.raises(UserError, match="trop long : 10000"):
        indicators_catalogue.add_indicator(s, "LONG", LONG)
    with demo_db.transaction() as s, pytest.raises(UserError, match="trop long"):
        indicators_catalogue.update_indicator(s, pan.id, "name", LONG)
    with demo_db.transaction() as s, pytest.raises(UserError, match="ne peut pas être vide"):
        indicators_catalogue.update_indicator(s, pan.id, "code", "   ")
    with demo_db.transaction() as s, pytest.raises(UserError, match="entre 0 et 100"):
        indicators_catalogue.update_indicator(s, satisfaction.id, "target", 120)
    with demo_db.transaction() as s, pytest.raises(UserError, match="entre 0 et 100"):
        indicators_catalogue.update_indicator(s, satisfaction.id, "target", -1.0)
    with demo_db.transaction() as s, pytest.raises(UserError, match="Périodicité inconnue"):
        indicators_catalogue.update_indicator(s, pan.id, "periodicity", "weekly")
    with demo_db.transaction() as s, pytest.raises(UserError, match="a déjà des valeurs"):
        indicators_catalogue.update_indicator(s, satisfaction.id, "periodicity", "month")
    # PAN counts run to 1250: they cannot become a percentage.
    with demo_db.transaction() as s, pytest.raises(UserError, match="saisie : 1\u202f250"):
        indicators_catalogue.update_indicator(s, pan.id, "unit", "%")
    with demo_db.transaction() as s, pytest.raises(UserError, match="a 3 valeurs"):
        indicators_catalogue.delete_indicator(s, pan.id)
    with demo_db.transaction() as s:
        indicators_catalogue.update_indicator(s, satisfaction.id, "target", 100)
        indicators_catalogue.update_indicator(s, satisfaction.id, "target", None)
    with demo_db.reading() as s:
        assert _indicator(s, "PAN-USAGE").unit == "nombre"
        assert _indicator(s, "PAN-USAGE").code == "PAN-USAGE"
        assert _count(s, pan.id) == 3


def test_sites_of_an_indicator(demo_db):
    with demo_db.transaction() as s:
        new_site = indicators_catalogue.add_site(s, "France Services de Joinville")
        with pytest.raises(UserError, match="existe déjà"):
            indicators_catalogue.add_site(s, "sous-prefecture de LANGRES")
        pan = _indicator(s, "PAN-USAGE")
        indicators_catalogue.set_indicator_sites(s, pan.id, [*pan.site_ids, new_site])
    with demo_db.reading() as s:
        assert _indicator(s, "PAN-USAGE").site_ids[-1] == new_site
        grid = indicators_values.value_grid(s, pan.id)
    assert [site.name for site in grid.sites][-1] == "France Services de Joinville"
    with demo_db.transaction() as s, pytest.raises(UserError, match="a déjà des valeurs"):
        indicators_catalogue.set_indicator_sites(s, pan.id, [new_site])
    with demo_db.transaction() as s:
        indicators_catalogue.set_indicator_sites(
            s, pan.id, pan.site_ids
        )  # the new one has no value
    with demo_db.reading() as s:
        assert _indicator(s, "PAN-USAGE").site_ids == pan.site_ids


# The grid


def test_value_grid_of_the_demo(demo_db):
    with demo_db.reading() as s:
        pan = _indicator(s, "PAN-USAGE")
        grid = indicators_values.value_grid(s, pan.id)
        update = indicators_values.value_grid(s, _indicator(s, "SITE-MAJ-3J").id)
    assert grid.periods == ("2022",)
    assert [site.name for site in grid.sites] == [PREFECTURE, LANGRES, SAINT_DIZIER]
    values = {site.name: grid.cells[("2022", site.id)].value for site in grid.sites}
    assert values == {PREFECTURE: 1250.0, LANGRES: 430.0, SAINT_DIZIER: 610.0}
    assert all(cell.is_example for cell in grid.cells.values())
    assert all(cell.met is None and cell.change is None for cell in grid.cells.values())
    # Without sites: one "Ensemble" column; 97 % against a target of 100 % is missed.
    assert update.sites == (None,)
    cell = update.cells[("2022", None)]
    assert (cell.value, cell.met, cell.is_example) == (97.0, False, True)
    assert "Valeur d'exemple" in cell.source


def test_met_change_and_last_periods(demo_db):
    with demo_db.transaction() as s:
        update = _indicator(s, "SITE-MAJ-3J")
        delay = _indicator(s, "TITRES-DELAI")
        indicators_values.set_value(s, update.id, "2023", None, 100.0)
        indicators_values.set_value(s, update.id, "2021", None, 95.5)
        indicators_catalogue.update_indicator(s, delay.id, "target", 15)
        indicators_values.set_value(s, delay.id, "2023", None, 16.0)
    with demo_db.reading() as s:
        grid = indicators_values.value_grid(s, update.id)
        last = indicators_values.value_grid(s, update.id, last_periods=2)
        delays = indicators_values.value_grid(s, delay.id)
        chart = indicators_values.chart_series(s, update.id, last_periods=2)
    assert grid.periods == ("2021", "2022", "2023")
    cells = [grid.cells[(p, None)] for p in grid.periods]
    assert [c.met for c in cells] == [False, False, True]
    assert [c.change for c in cells] == [None, pytest.approx(1.5), pytest.approx(3.0)]
    assert [c.is_example for c in cells] == [False, True, False]
    # The oldest period shown still compares with the one before it.
    assert last.periods == ("2022", "2023")
    assert last.cells[("2022", None)].change == pytest.approx(1.5)
    assert ("2021", None) not in last.cells
    # Lower is better: 14 days meets a 15-day target, 16 misses it.
    assert [delays.cells[(p, None)].met for p in delays.periods] == [True, False]
    assert delays.cells[("2023", None)].change == pytest.approx(2.0)
    assert chart.periods == ("2022", "2023")
    assert [(x.site_name, x.values, x.examples) for x in chart.series] == [
        ("Ensemble", (97.0, 100.0), (True, False))
    ]


def test_chart_series_per_site(demo_db):
    with demo_db.transaction() as s:
        pan = _indicator(s, "PAN-USAGE")
        indicators_values.set_value(s, pan.id, "2023", pan.site_ids[0], 1300)
    with demo_db.reading() as s:
        chart = indicators_values.chart_series(s, pan.id)
        empty = indicators_values.chart_series(
            s, indicators_catalogue.add_indicator(s, "VIDE", "sans valeur")
        )
    assert chart.periods == ("2022", "2023")
    assert [x.site_name for x in chart.series] == [PREFECTURE, LANGRES, SAINT_DIZIER]
    assert chart.series[0].values == (1250.0, 1300.0)
    assert chart.series[1].values == (430.0, None)
    assert chart.series[0].examples == (True, False)
    assert empty.periods == () and empty.series == ()


def test_a_forgotten_period_is_a_row_to_type_in_and_a_gap_in_the_chart(demo_db):
    with demo_db.transaction() as s:
        delay = indicators_catalogue.add_indicator(s, "DELAI-MOIS", "Délai mensuel")
        indicators_catalogue.update_indicator(s, delay, "periodicity", "month")
        for period in ("2023-10", "2024-01"):
            indicators_values.set_value(s, delay, period, None, 12.0)
    with demo_db.reading() as s:
        grid = indicators_values.value_grid(s, delay)
        chart = indicators_values.chart_series(s, delay)
    assert grid.periods == ("2023-10", "2023-11", "2023-12", "2024-01")
    assert ("2023-11", None) not in grid.cells
    assert chart.series[0].values == (12.0, None, None, 12.0)
    with demo_db.transaction() as s:
        indicators_values.set_value(s, delay, "2023-11", None, indicator_rules.parse_value("13,5"))
    with demo_db.reading() as s:
        assert indicators_values.value_grid(s, delay).cells[("2023-11", None)].value == 13.5


def test_with_gaps_puts_back_missing_periods_of_the_same_kind_only():
    assert indicator_rules.with_gaps(["2021", "2024"]) == ["2021", "2022", "2023", "2024"]
    assert indicator_rules.with_gaps(["2023-T3", "2024-T2"]) == [
        "2023-T3",
        "2023-T4",
        "2024-T1",
        "2024-T2",
    ]
    mixed = ["2022", "2023-11", "2024-01"]
    assert indicator_rules.with_gaps(mixed) == ["2022", "2023-11", "2023-12", "2024-01"]
    assert indicator_rules.with_gaps(["1900-01", "2200-01"]) == [
        "1900-01",
        "2200-01",
    ]  # too long a gap
    assert indicator_rules.with_gaps([]) == []


# Typing values


def test_set_value_and_undo_it(demo_db):
    with demo_db.transaction() as s:
        pan = _indicator(s, "PAN-USAGE")
        langres = pan.site_ids[1]
        added = indicators_values.set_value(
            s, pan.id, "2023", langres, 452.0, comment="<b>nouveau</b> & co"
        )
        changed = indicators_values.set_value(s, pan.id, "2022", langres, 440.0)
    assert added.row is None
    assert changed.row["value"] == 430.0 and changed.row["is_example"]
    with demo_db.reading() as s:
        grid = indicators_values.value_grid(s, pan.id)
    assert grid.cells[("2023", langres)].comment == "<b>nouveau</b> & co"
    assert grid.cells[("2023", langres)].change == pytest.approx(12.0)
    typed = grid.cells[("2022", langres)]
    assert (typed.value, typed.is_example, typed.source) == (440.0, False, None)
    with demo_db.transaction() as s:
        indicators_values.restore_value(s, changed)
        indicators_values.restore_value(s, added)
    with demo_db.reading() as s:
        grid = indicators_values.value_grid(s, pan.id)
        assert _count(s, pan.id) == 3
    back = grid.cells[("2022", langres)]
    assert (back.value, back.is_example) == (430.0, True)
    assert "Valeur d'exemple" in back.source
    assert grid.periods == ("2022",)


def test_deleting_a_value_with_none_and_undoing(demo_db):
    with demo_db.transaction() as s:
        satisfaction = _indicator(s, "SATISFACTION")
        state = indicators_values.set_value(s, satisfaction.id, "2022", None, None)
        assert _count(s, satisfaction.id) == 0
        indicators_values.restore_value(s, state)
        assert _count(s, satisfaction.id) == 1
        assert indicators_values.value_grid(s, satisfaction.id).cells[("2022", None)].value == 92.0


def test_comment_and_source_with_undo(demo_db):
    with demo_db.transaction() as s:
        satisfaction = _indicator(s, "SATISFACTION")
        before = indicators_values.set_value_comment(
            s, satisfaction.id, "2022", None, "  enquête de juin  "
        )
        source = indicators_values.set_value_source(s, satisfaction.id, "2022", None, "Marianne")
        cell = indicators_values.value_grid(s, satisfaction.id).cells[("2022", None)]
        assert (cell.comment, cell.source, cell.value) == ("enquête de juin", "Marianne", 92.0)
        indicators_values.restore_value(s, source)
        indicators_values.restore_value(s, before)
        cell = indicators_values.value_grid(s, satisfaction.id).cells[("2022", None)]
        assert cell.comment is None and "Valeur d'exemple" in cell.source
        with pytest.raises(UserError, match="Saisissez d'abord une valeur"):
            indicators_values.set_value_comment(s, satisfaction.id, "2023", None, "rien")
        with pytest.raises(UserError, match="trop long"):
            indicators_values.set_value_comment(s, satisfaction.id, "2022", None, LONG)


def test_impossible_values_are_refused_in_french(demo_db):
    with demo_db.transaction() as s:
        satisfaction = _indicator(s, "SATISFACTION")
        delay = _indicator(s, "TITRES-DELAI")
        pan = _indicator(s, "PAN-USAGE")
        with pytest.raises(UserError, match="Un pourcentage est compris entre 0 et 100"):
            indicators_values.set_value(s, satisfaction.id, "2023", None, 100.5)
        with pytest.raises(UserError, match="Un délai ne peut pas être négatif"):
            indicators_values.set_value(s, delay.id, "2023", None, -3)
        with pytest.raises(UserError, match="ne convient pas à un indicateur annuel"):
            indicators_values.set_value(s, satisfaction.id, "2023-T1", None, 50)
        with pytest.raises(UserError, match="Période illisible"):
            indicators_values.set_value(s, satisfaction.id, "l'an dernier", None, 50)
        with pytest.raises(UserError, match="n'est pas suivi sur le site"):
            indicators_values.set_value(s, satisfaction.id, "2023", pan.site_ids[0], 50)
        with pytest.raises(UserError, match="n'existe plus"):
            indicators_values.set_value(s, 9999, "2023", None, 50)
        assert _count(s) == 13


def test_a_second_overall_value_for_a_period_is_never_created(demo_db):
    """SQL lets NULL sites repeat in the unique key: the services look the cell up with
    IS NULL, so a second "Ensemble" value replaces the first instead."""
    with demo_db.transaction() as s:
        satisfaction = _indicator(s, "SATISFACTION")
        indicators_values.set_value(s, satisfaction.id, "2022", None, 90)
        state = indicators_values.set_value(s, satisfaction.id, "2022", None, 91)
        assert state.row["value"] == 90
        assert _count(s, satisfaction.id) == 1
        # The same cell, however the period is typed.
        indicators_values.set_value(s, satisfaction.id, " 2022 ", None, 89)
        assert _count(s, satisfaction.id) == 1
    with demo_db.transaction() as s:
        quarterly = indicators_catalogue.add_indicator(s, "TRIM", "trimestriel")
        indicators_catalogue.update_indicator(s, quarterly, "periodicity", "quarter")
        indicators_values.set_value(s, quarterly, "T3 2022", None, 1)
        indicators_values.set_value(s, quarterly, "2022-T3", None, 2)
        assert _count(s, quarterly) == 1
        assert indicators_values.value_grid(s, quarterly).periods == ("2022-T3",)


# Reading what is typed


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("12,5", None, 12.5),
        ("1 234", "nombre", 1234.0),
        ("1\u202f234,5", None, 1234.5),
        ("1\u00a0234", None, 1234.0),
        ("95 %", "%", 95.0),
        ("12,5 %", "%", 12.5),
        ("12.5", None, 12.5),
        ("14 jours", "jours", 14.0),
        ("-3,5", None, -3.5),
        ("", None, None),
        ("   ", "%", None),
    ],
)
def test_parse_value_reads_french_numbers(text, unit, expected):
    assert indicator_rules.parse_value(text, unit) == expected


@pytest.mark.parametrize("text", ["abc", "12,,5", "1,2,3", "nan", "inf", "12 %%", "--1"])
def test_parse_value_refuses_what_it_cannot_read(text):
    with pytest.raises(UserError, match=f"valeur illisible : « {text} »"):
        indicator_rules.parse_value(text, "%")


def test_check_value_rules():
    class Percentage:
        unit, direction, name = "%", "higher", "taux"

    class Delay:
        unit, direction, name = None, "lower", "délai moyen de rendez-vous"

    indicator_rules.check_value(Percentage, 0)
    indicator_rules.check_value(Percentage, 100)
    indicator_rules.check_value(Percentage, None)
    with pytest.raises(UserError, match="entre 0 et 100"):
        indicator_rules.check_value(Percentage, 100.01)
    with pytest.raises(UserError, match="délai ne peut pas être négatif"):
        indicator_rules.check_value(Delay, -1)  # a "lower is better" delay, even without a unit


def test_periods():
    assert [french_periods.period_label(p) for p in ("2022", "2022-T3", "2022-07", "2022-02")] == [
        "2022",
        "T3 2022",
        "juil. 2022",
        "févr. 2022",
    ]
    assert indicator_rules.next_periods("month", "2022-11", 3) == [
        "2022-12",
        "2023-01",
        "2023-02",
    ]
    assert indicator_rules.next_periods("quarter", "2022-T4", 1) == ["2023-T1"]
    assert indicator_rules.next_periods("year", "2022", 2) == ["2023", "2024"]
    assert len(indicator_rules.next_periods("year", None, 1)) == 1
    assert indicator_rules.parse_period("07/2022", "month") == "2022-07"
    assert indicator_rules.parse_period("juil. 2022", "month") == "2022-07"
    assert indicator_rules.parse_period("T3 2022", "quarter") == "2022-T3"
    assert indicators_common.PERIODICITY_LABELS["quarter"] == "trimestrielle"
