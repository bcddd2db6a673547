"""Quality indicators: the catalogue, the sites, and the values by period and site.

The services live in ``indicators_common`` (labels, rows, periods, reading a typed
value), ``indicators_catalogue`` (indicators and sites) and ``indicators_values`` (the
grid, the chart, typing a value with undo); this module gathers them.
"""

from __future__ import annotations

from clu_desktop.french.periods import period_kind, period_label
from clu_desktop.services.indicators_catalogue import (
    add_indicator,
    add_site,
    delete_indicator,
    get_indicator,
    indicator_row,
    list_indicators,
    list_sites,
    set_indicator_sites,
    update_indicator,
)
from clu_desktop.services.indicators_common import (
    ALL_SITES_LABEL,
    DIRECTION_LABELS,
    PERIOD_SHAPES,
    PERIODICITY_ADJECTIVES,
    PERIODICITY_LABELS,
    ChartData,
    IndicatorRow,
    Series,
    ValueCell,
    ValueGrid,
    ValueState,
    check_value,
    current_period,
    fold,
    is_percentage,
    next_periods,
    parse_period,
    parse_value,
    previous_period,
    shift_period,
    with_gaps,
)
from clu_desktop.services.indicators_values import (
    VALUE_LABELS,
    chart_series,
    get_value_cell,
    restore_value,
    set_value,
    set_value_comment,
    set_value_source,
    value_grid,
    value_what,
)
from clu_desktop.services.quality_common import SiteRow

__all__ = [
    "ALL_SITES_LABEL",
    "DIRECTION_LABELS",
    "PERIODICITY_ADJECTIVES",
    "PERIODICITY_LABELS",
    "PERIOD_SHAPES",
    "VALUE_LABELS",
    "ChartData",
    "IndicatorRow",
    "Series",
    "SiteRow",
    "ValueCell",
    "ValueGrid",
    "ValueState",
    "add_indicator",
    "add_site",
    "chart_series",
    "check_value",
    "current_period",
    "delete_indicator",
    "fold",
    "get_indicator",
    "get_value_cell",
    "indicator_row",
    "is_percentage",
    "list_indicators",
    "list_sites",
    "next_periods",
    "parse_period",
    "parse_value",
    "period_kind",
    "period_label",
    "previous_period",
    "restore_value",
    "set_indicator_sites",
    "set_value",
    "set_value_comment",
    "set_value_source",
    "shift_period",
    "update_indicator",
    "value_grid",
    "value_what",
    "with_gaps",
]
