"""Every CSV file the application writes keeps each cell as text: a cell a spreadsheet
would run as a formula gets a single quote before it (OWASP's advice), the others are
written as they are."""

from __future__ import annotations

import csv
import datetime as dt
import io

from hostile_text import FORMULA, hostile_text
from hypothesis import given
from hypothesis import strategies as st

from clu_desktop.domain import AttendanceStatus
from clu_desktop.interchange.attendance_csv import attendance_csv
from clu_desktop.services.attendance.presence import AttendanceRow

STARTS = ("=", "+", "-", "@", "\t", "\r")
# What a spreadsheet that trims spaces on opening (LibreOffice's "Trim spaces") sees.
TRIMMED_STARTS = ("=", "+", "-", "@")

cells = st.one_of(
    hostile_text(4, long_words=False),
    st.sampled_from(FORMULA),
    st.tuples(st.sampled_from(["", " ", "  ", "\u00a0", "\n"]), st.sampled_from(FORMULA)).map(
        "".join
    ),
)


def _is_dangerous(cell: str) -> bool:
    return cell.startswith(STARTS) or cell.lstrip().startswith(TRIMMED_STARTS)


@given(
    rows=st.lists(
        st.tuples(cells, st.one_of(st.none(), cells), st.one_of(st.none(), cells), cells),
        min_size=1,
        max_size=5,
    )
)
def test_attendance_csv_neutralises_every_formula(rows):
    records = [
        AttendanceRow(
            id=index,
            person_id=index,
            name=name,
            organisation=organisation,
            function=function,
            status=AttendanceStatus.PRESENT,
            represented_by_id=None,
            represented_by=None,
            arrived_at=dt.time(14, 2),
            left_at=None,
            note=note,
            search_key="",
        )
        for index, (name, organisation, function, note) in enumerate(rows)
    ]
    text = attendance_csv(records).decode("utf-8-sig")
    read = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert len(read) == len(rows) + 1
    for (name, organisation, function, note), line in zip(rows, read[1:], strict=True):
        written = (line[0], line[1], line[2], line[7])
        for cell, out in zip((name, organisation, function, note), written, strict=True):
            cell = cell or ""
            assert not _is_dangerous(out), out
            assert out == (f"'{cell}" if _is_dangerous(cell) else cell)
