"""Signed minutes against any sequence of edits of their indicators: values set, cleared
and commented in the grid, indicators renamed, given another unit, category or target,
sites added and measured. Each edit is accepted (the indicators are not the minutes) or
refused in French; what the signed meeting's annex prints never changes."""

from __future__ import annotations

import datetime as dt

import pytest
from hostile_text import short_hostile_text
from hypothesis import event, given
from hypothesis import strategies as st

from clu_desktop.errors import UserError
from clu_desktop.services.documents.signature import sign_minutes
from clu_desktop.services.documents.snapshot import meeting_snapshot
from clu_desktop.services.indicators import catalogue as indicators_catalogue
from clu_desktop.services.indicators import values as indicators_values

PERIODS = ["2019", "2020", "2021", "2022", "2023", "2024", "2018"]
values = st.one_of(
    st.none(),
    st.floats(min_value=-1e12, max_value=1e12, allow_nan=False),
    st.sampled_from([0.0, 1.0, 48500.0, 100.0, -1.0]),
)
edits = st.one_of(
    st.tuples(
        st.just("value"), st.integers(0, 30), st.sampled_from(PERIODS), st.booleans(), values
    ),
    st.tuples(
        st.just("comment"), st.integers(0, 30), st.sampled_from(PERIODS), short_hostile_text(120)
    ),
    st.tuples(
        st.just("field"),
        st.integers(0, 30),
        st.sampled_from(["name", "unit", "category", "target", "direction"]),
        st.one_of(short_hostile_text(120), st.sampled_from(["%", "jours", "lower", "95 %", ""])),
    ),
)


@pytest.fixture
def signed_annex(demo_db):
    """The demo signed in CLU Desktop, on a site of its own; what its annex prints."""
    with demo_db.transaction() as session:
        sign_minutes(session, 1, "dupont", at=dt.datetime(2024, 4, 8, 10, 12))
        site = indicators_catalogue.add_site(session, "Site ajouté après la signature")
        rows = indicators_catalogue.list_indicators(session)
        codes = [r.id for r in rows]
        for row in rows:
            indicators_catalogue.set_indicator_sites(session, row.id, [*row.site_ids, site])
    with demo_db.reading() as session:
        annexes = meeting_snapshot(session, 1).annexes
    assert any(a.indicators for a in annexes)
    return demo_db, annexes, codes, site


def _apply(session, edit, codes, site) -> None:
    kind, index, *rest = edit
    indicator_id = codes[index % len(codes)]
    if kind == "value":
        period, on_site, value = rest
        indicators_values.set_value(session, indicator_id, period, site if on_site else None, value)
    elif kind == "comment":
        period, text = rest
        indicators_values.set_value_comment(session, indicator_id, period, None, text)
    else:
        field, text = rest
        indicators_catalogue.update_indicator(session, indicator_id, field, text)


@given(sequence=st.lists(edits, min_size=1, max_size=8))
def test_no_edit_of_the_indicators_changes_a_signed_annex(sequence, signed_annex):
    db, annexes, codes, site = signed_annex
    for edit in sequence:
        try:
            with db.transaction() as session:
                _apply(session, edit, codes, site)
        except UserError as exc:
            assert str(exc).strip() and "Traceback" not in str(exc)
            event(f"refusé : {edit[0]}")
        else:
            event(f"accepté : {edit[0]}")
    with db.reading() as session:
        assert meeting_snapshot(session, 1).annexes == annexes
