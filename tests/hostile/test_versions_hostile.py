"""Two workstations saving the same records in any order (issue 15, item 1): a save at a
version that is no longer the record's is refused, whatever the interleaving, and what
is stored is always the last save that was accepted; nothing is silently replaced.

Each workstation keeps the version it last saw (its read, or its own save); refused, it
reads the record again, as the pages do after telling the user what changed.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clu_desktop.errors import ConflictError
from clu_desktop.services.indicators import catalogue as indicators_catalogue
from clu_desktop.services.indicators import values as indicators_values
from clu_desktop.services.quality import referentials as quality_referentials
from clu_desktop.store.database import Database, create_database_engine
from clu_desktop.store.migrate import open_database

_NUMBERS = itertools.count(1)

#: A step: which workstation saves (0 or 1) and what it types.
STEPS = st.lists(
    st.tuples(st.integers(0, 1), st.text(st.characters(codec="utf-8"), min_size=1, max_size=12)),
    min_size=1,
    max_size=12,
)


@pytest.fixture(scope="module")
def stations(tmp_path_factory):
    first = open_database(tmp_path_factory.mktemp("versions") / "clu.sqlite")
    second = Database.for_engine(create_database_engine(first.url))
    yield first, second
    second.dispose()
    first.dispose()


def _typed(text: str) -> str:
    """A text every field takes (no control character, not only spaces)."""
    kept = "".join(c for c in text if c.isprintable()).strip()
    return kept or "x"


@given(steps=STEPS)
def test_referential_saves_in_any_order_never_overwrite_unseen(stations, steps):
    number = next(_NUMBERS)
    with stations[0].transaction() as session:
        referential = quality_referentials.add_referential(session, f"R{number}", "Départ")
    seen = [1, 1]  # the version each workstation saw
    stored = None
    for station, text in steps:
        owner = _typed(text)
        with stations[station].reading() as session:
            stale = (
                quality_referentials.get_referential_row(session, referential).version
                != seen[station]
            )
        try:
            with stations[station].transaction() as session:
                seen[station] = quality_referentials.update_referential(
                    session, referential, "owner", owner, seen[station]
                )
        except ConflictError as exc:
            assert stale, "refused though nothing changed since"
            assert "Ce référentiel a été modifié sur un autre poste" in str(exc)
            with stations[station].reading() as session:
                seen[station] = quality_referentials.get_referential_row(
                    session, referential
                ).version
        else:
            assert not stale, "saved over a change the workstation had not seen"
            stored = owner
        with stations[0].reading() as session:
            row = quality_referentials.get_referential_row(session, referential)
        assert row.owner == stored  # the last accepted save, never a refused one
        assert max(seen) == row.version  # the last to save saw the version of now


@given(steps=STEPS)
def test_indicator_cell_saves_in_any_order_never_overwrite_unseen(stations, steps):
    number = next(_NUMBERS)
    with stations[0].transaction() as session:
        indicator = indicators_catalogue.add_indicator(session, f"VERS-{number}", "Indicateur")
    seen = [0, 0]  # an empty cell: version 0
    stored = None
    for station, text in steps:
        value = None if text.isspace() else float(len(text))  # emptied or typed
        with stations[station].reading() as session:
            cell = indicators_values.get_value_cell(session, indicator, "2024", None)
        stale = (cell.version if cell is not None else 0) != seen[station]
        try:
            with stations[station].transaction() as session:
                indicators_values.set_value(
                    session, indicator, "2024", None, value, seen_version=seen[station]
                )
        except ConflictError as exc:
            assert stale, "refused though nothing changed since"
            assert str(exc).startswith("La valeur de 2024 a été modifiée sur un autre poste")
        else:
            assert not stale, "saved over a change the workstation had not seen"
            stored = value
        with stations[station].reading() as session:
            cell = indicators_values.get_value_cell(session, indicator, "2024", None)
        seen[station] = cell.version if cell is not None else 0
        assert (cell.value if cell is not None else None) == stored
