"""Periods as people write them in their spreadsheets: every form reads to the stored
period, and a period shown by the grid reads back to itself."""

from __future__ import annotations

import pytest

from clu_desktop.errors import UserError
from clu_desktop.rules.indicators import parse_period

WRITTEN = [
    ("T1 2023", "2023-T1"),
    ("1er trimestre 2023", "2023-T1"),
    ("2e trimestre 2023", "2023-T2"),
    ("3ème trimestre 2023", "2023-T3"),
    ("trimestre 4 2023", "2023-T4"),
    ("janv. 2023", "2023-01"),
    ("janvier 2023", "2023-01"),
    ("Janvier 2023", "2023-01"),
    ("FÉVRIER 2023", "2023-02"),
    ("2023-01", "2023-01"),
    ("01/2023", "2023-01"),
    ("2023-01-01", "2023-01"),  # a date cell, as the reader writes it
    ("2023-03-01 00:00:00", "2023-03"),
    ("44927", "2023-01"),  # a date cell that lost its format: Excel's serial day
    ("44927.0", "2023-01"),
    ("2023", "2023"),
    ("2 023", "2023"),
    ("2\u00a0023", "2023"),
    ("2\u202f023", "2023"),
    ("2023.0", "2023"),  # a number cell
    ("2023,0", "2023"),
]


@pytest.mark.parametrize(("text", "period"), WRITTEN)
def test_periods_as_people_write_them(text, period):
    assert parse_period(text) == period


@pytest.mark.parametrize(
    "text", ["2023,25", "20 23", "12345", "99999", "13/2023", "T5 2023", "5e trimestre 2023"]
)
def test_what_is_not_a_period_is_refused_in_french(text):
    with pytest.raises(UserError, match=f"période illisible : « {text} »"):
        parse_period(text)


def test_a_year_as_a_number_cell_is_still_checked_against_the_periodicity():
    assert parse_period("2023.0", "year") == "2023"
    with pytest.raises(UserError, match="ne convient pas à un indicateur mensuel"):
        parse_period("2023.0", "month")
    with pytest.raises(UserError, match="ne convient pas à un indicateur annuel"):
        parse_period("44927", "year")
