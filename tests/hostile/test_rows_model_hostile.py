"""The GUI kit's row model (as the quality lists use it) under any sequence of rows
given, updated and replaced: every record is found where it stands and the model stays a
valid Qt model."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st

from clu_desktop.gui.quality.models import Column, RowsModel


@dataclass(frozen=True)
class Row:
    id: int
    text: str


rows = st.lists(
    st.builds(Row, st.integers(-3, 40), st.text(max_size=12)), max_size=12, unique_by=lambda r: r.id
)
steps = st.lists(
    st.tuples(st.sampled_from(["set", "update", "replace"]), rows), min_size=1, max_size=6
)


@given(steps=steps)
def test_the_row_model_finds_every_record_where_it_stands(qapp, qtmodeltester, steps):
    model = RowsModel([Column("Texte", lambda r: r.text), Column("Numéro", lambda r: str(r.id))])
    expected: list[Row] = []
    for action, given_rows in steps:
        if action == "set":
            model.set_rows(given_rows)
            expected = list(given_rows)
        elif action == "update":
            model.update_rows(given_rows)
            expected = list(given_rows)
        else:  # replace each listed record; the others are not added
            for row in given_rows:
                model.replace_row(row)
                expected = [row if r.id == row.id else r for r in expected]
        assert model.rows() == expected
        assert model.rowCount() == len(expected)
        for number, row in enumerate(expected):
            assert model.row_of(row.id) == number
            assert model.row_at(number) == row
            assert model.index(number, 0).data() == row.text
        assert model.row_at(len(expected)) is None
    qtmodeltester.check(model)
