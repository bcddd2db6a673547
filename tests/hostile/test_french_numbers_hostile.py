"""Numbers tried by hypothesis: whatever the value an indicator may hold, the grid, the
window's chart and the printed annex write the same text, which reads back (through the
grid's own reading of a typed value) to the value rounded as printed; a message echoes it
in full, never in scientific notation."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from clu_desktop.french.numbers import decimals_for, exact_number, number
from clu_desktop.french.values import format_value
from clu_desktop.gui.indicators.chart import point_label
from clu_desktop.rules.indicators import MAX_VALUE, parse_value

values = st.one_of(
    st.floats(-(MAX_VALUE - 1), MAX_VALUE - 1, allow_nan=False),
    st.integers(-(MAX_VALUE - 1), MAX_VALUE - 1).map(float),
    st.sampled_from([0.1, 12.5, 48_500.0, 1_234_567.89, -3.25, 1e14, 99.95, 0.125]),
)
units = st.sampled_from([None, "%", "jours", "euros", "appels", "<b>x</b>"])


@given(values, units)
def test_the_chart_and_the_grid_write_what_the_annex_prints(value, unit):
    printed = format_value(value, unit)
    assert (
        point_label("Ensemble", "2024", value, unit, False) == f"Ensemble — 2024\u00a0: {printed}"
    )
    assert "e" not in number(value).lower() and "-" not in printed


@given(values)
def test_a_printed_number_reads_back_to_the_value_rounded_as_printed(value):
    back = parse_value(number(value))
    assert back is not None
    assert abs(back - value) <= 0.5 * 10 ** -decimals_for(value) * (1 + 1e-9) + abs(value) * 1e-15


@given(values)
def test_a_number_in_a_message_is_written_in_full(value):
    text = exact_number(value)
    assert "e" not in text.lower()
    back = parse_value(text)
    assert back is not None and abs(back - value) <= abs(value) * 1e-9 + 1e-12
