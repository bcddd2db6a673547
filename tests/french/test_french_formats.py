"""The French formatting module: numbers as printed, numbers echoed in messages, periods
and indicator values (the typography and dates: tests/documents/test_typography.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from babel.dates import format_date

from clu_desktop.errors import UserError
from clu_desktop.french.numbers import exact_number, grouped, number, typed_number
from clu_desktop.french.periods import period_label
from clu_desktop.french.values import change, format_value, percent, target_text
from clu_desktop.rules.indicators import check_value, value_too_large
from clu_desktop.services.indicators.common import IndicatorRow

G, NB, MINUS = "\u202f", "\u00a0", "\u2212"


@pytest.mark.parametrize(
    ("value", "printed"),
    [
        (48_500, f"48{G}500"),
        (12.5, "12,5"),
        (0.1, "0,1"),
        (0, "0"),
        (1_234_567.89, f"1{G}234{G}568"),
        (-3.25, f"{MINUS}3,25"),
        (-1_500, f"{MINUS}1{G}500"),
        (10**14, f"100{G}000{G}000{G}000{G}000"),
        (0.125, "0,12"),  # half to even, as Babel rounds
    ],
)
def test_numbers_are_printed_the_french_way(value, printed):
    assert number(value) == printed


def test_values_carry_their_short_unit():
    assert percent(12.5) == f"12,5{NB}%"
    assert format_value(0.1, "pourcentage") == f"0,1{NB}%"
    assert format_value(15, "jours") == f"15{NB}j"
    assert format_value(1_250, "euros") == f"1{G}250{NB}€"
    assert format_value(7, "appels") == "7"  # no short form: the heading says it


def test_targets_and_changes_read_the_same_for_a_row_or_a_snapshot():
    row = IndicatorRow(1, "D", "Délai", None, "jours", "lower", 15.0, "year", None, (), 0, False)
    assert target_text(row) == f"cible ≤ 15{NB}j"
    assert change(row, 20, 17).text == f"{MINUS}3{NB}j ↓"
    assert change(row, 20, 17).better is True


@pytest.mark.parametrize(
    ("value", "echoed"),
    [
        (120, "120"),
        (101.5, "101,5"),
        (-4, f"{MINUS}4"),
        (1_234_567.891, f"1{G}234{G}567,891"),
        (10**14, f"100{G}000{G}000{G}000{G}000"),
        (1e-7, "0,0000001"),
        (0.1 + 0.2, "0,3"),
    ],
)
def test_a_number_echoed_in_a_message_is_never_rounded_away_or_scientific(value, echoed):
    assert exact_number(value) == echoed


def test_a_message_writes_a_large_value_in_full_not_as_1e14():
    percentage = IndicatorRow(1, "T", "Taux", None, "%", "higher", None, "year", None, (), 0, False)
    with pytest.raises(UserError) as refused:
        check_value(percentage, 1e14)
    assert str(refused.value).endswith(f"(valeur saisie : 100{G}000{G}000{G}000{G}000)")
    assert "e+" not in str(refused.value)
    assert value_too_large(10**15).endswith(f"999{G}999{G}999{G}999{G}999 en valeur absolue")


def test_the_editor_starts_with_the_plain_number():
    assert typed_number(1250) == "1250"
    assert typed_number(12.5) == "12,5"
    assert typed_number(-0.25) == f"{MINUS}0,25"
    assert typed_number(None) == ""
    assert grouped(600_000) == f"600{G}000"


def test_periods_read_as_babel_writes_the_months():
    for month in range(1, 13):
        day = dt.date(2022, month, 1)
        assert period_label(f"2022-{month:02d}") == format_date(day, "MMM y", locale="fr_FR")
    assert period_label("2022-T3") == "T3 2022"
    assert period_label("2022") == "2022"
    assert period_label("2022-13") == "2022-13"  # not a period: as given, never an error


def test_dates_in_figures_for_tables_and_messages():
    from clu_desktop.french.dates import clock, numeric_date

    assert numeric_date(dt.date(2023, 12, 20)) == "20/12/2023"
    assert clock(dt.time(9, 5)) == "09:05"
    assert clock(dt.datetime(2023, 12, 20, 14, 30)) == "14:30"
