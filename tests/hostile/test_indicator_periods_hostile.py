"""Periods and wide tables tried by hypothesis: every period the grid shows reads back
to itself, whatever way it is written; every filled cell of a wide table becomes one long
row that keeps its line and its column."""

from __future__ import annotations

from hostile_text import hostile_text
from hypothesis import given
from hypothesis import strategies as st

from clu_desktop.errors import UserError
from clu_desktop.french.periods import MONTH_ABBREVIATIONS, MONTH_NAMES, period_label
from clu_desktop.interchange.indicators_layout import PERIODS, guess_layout, long_table
from clu_desktop.interchange.indicators_table import Table
from clu_desktop.rules.indicators import parse_period

periods = st.one_of(
    st.integers(1900, 2200).map(str),
    st.builds(lambda y, q: f"{y}-T{q}", st.integers(1900, 2200), st.integers(1, 4)),
    st.builds(lambda y, m: f"{y}-{m:02d}", st.integers(1900, 2200), st.integers(1, 12)),
)


@given(periods)
def test_every_label_reads_back_to_its_period(period):
    assert parse_period(period_label(period)) == period
    assert parse_period(period) == period


@st.composite
def written(draw):
    """A period and one way a person writes it in a spreadsheet."""
    period = draw(periods)
    year = period[:4]
    if len(period) == 4:
        forms = [
            year,
            f"{year[0]} {year[1:]}",
            f"{year}.0",
            f"{year},0",
            f"{year[0]}\u202f{year[1:]}",
        ]
    elif "T" in period:
        q = period[-1]
        nth = "1er" if q == "1" else f"{q}e"
        forms = [f"T{q} {year}", f"{nth} trimestre {year}", f"{year}-T{q}", f"trimestre {q} {year}"]
    else:
        m = int(period[5:])
        forms = [
            f"{MONTH_NAMES[m - 1]} {year}",
            f"{MONTH_NAMES[m - 1].capitalize()} {year}",
            f"{MONTH_ABBREVIATIONS[m - 1]} {year}",
            f"{m:02d}/{year}",
            f"{year}-{m:02d}",
            f"{year}-{m:02d}-01",
        ]
    return period, draw(st.sampled_from(forms))


@given(written())
def test_periods_read_however_people_write_them(case):
    period, text = case
    assert parse_period(text) == period


@given(hostile_text(6))
def test_what_is_not_a_period_is_refused_in_french(text):
    try:
        parse_period(text)
    except UserError as exc:
        assert str(exc).startswith(("période illisible : « ", "période manquante")), str(exc)


def _table(headers, *rows):
    return Table(tuple(headers), tuple(tuple(r) for r in rows), "csv", "t.csv")


wide_periods = st.one_of(
    st.integers(1990, 2100).map(str),
    st.builds(lambda y, q: f"{y}-T{q}", st.integers(1990, 2100), st.integers(1, 4)),
    st.builds(lambda y, m: f"{y}-{m:02d}", st.integers(1990, 2100), st.integers(1, 12)),
)


@given(
    st.lists(wide_periods, min_size=2, max_size=8, unique=True),
    st.lists(st.lists(st.sampled_from(["", "1", "2,5", "x"]), min_size=8, max_size=8), max_size=6),
)
def test_every_filled_cell_of_a_wide_table_is_one_long_row(periods_, cells):
    headers = ["indicateur", *(period_label(p) for p in periods_)]
    rows = [["IND", *row[: len(periods_)]] for row in cells]
    table = _table(headers, *rows)
    layout = guess_layout(table)
    assert layout.kind == PERIODS
    long = long_table(table, layout)
    filled = [(i, j) for i, row in enumerate(rows) for j, v in enumerate(row[1:], 1) if v]
    assert len(long.rows) == len(filled)
    for k, (i, j) in enumerate(filled):
        assert long.row_number(k) == table.row_number(i)
        assert long.rows[k][1] == headers[j] and long.rows[k][3] == rows[i][j]
        assert long.column_name(k, 3) == headers[j]
