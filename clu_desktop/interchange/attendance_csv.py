"""The attendance list as a CSV file a French spreadsheet opens as it is.

UTF-8 with a byte-order mark (so that Excel reads the accents), semicolons between cells
(a French spreadsheet's list separator), CRLF line ends. A cell a spreadsheet would run as
a formula — starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, or with
spaces then ``=``, ``+``, ``-`` or ``@`` (a spreadsheet that trims spaces on opening sees a
formula) — is written with a single quote before it, so that it stays text. Every column
is text, numbers included ("-3" is written "'-3"): docs/hostile-input.md says why.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

from clu_desktop.files import write_atomically

HEADERS = (
    "Nom",
    "Organisme",
    "Fonction",
    "Statut",
    "Représenté par",
    "Arrivée",
    "Départ",
    "Note",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TRIMMED_FORMULA_STARTS = ("=", "+", "-", "@")


class AttendanceLine(Protocol):
    """What a line of the list shows of one invited person (the attendance service's
    rows, ``services.attendance.presence.AttendanceRow``, have it)."""

    @property
    def name(self) -> str: ...  # as printed: "M. Bernard GUY"
    @property
    def organisation(self) -> str | None: ...
    @property
    def function(self) -> str | None: ...
    @property
    def status_label(self) -> str: ...  # "présent", "excusée"…
    @property
    def represented_by(self) -> str | None: ...  # the deputy's printed name
    @property
    def arrived_at(self) -> dt.time | None: ...
    @property
    def left_at(self) -> dt.time | None: ...
    @property
    def note(self) -> str | None: ...


def neutralise(cell: str) -> str:
    """The cell as text a spreadsheet will not evaluate."""
    if cell.startswith(FORMULA_STARTS) or cell.lstrip().startswith(TRIMMED_FORMULA_STARTS):
        return f"'{cell}"
    return cell


def _cells(row: AttendanceLine) -> list[str]:
    return [
        row.name,
        row.organisation or "",
        row.function or "",
        row.status_label,
        row.represented_by or "",
        row.arrived_at.strftime("%H:%M") if row.arrived_at else "",
        row.left_at.strftime("%H:%M") if row.left_at else "",
        row.note or "",
    ]


def attendance_csv(rows: Iterable[AttendanceLine]) -> bytes:
    """The file's bytes: a header line, then one line per invited person."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, dialect="excel", delimiter=";")
    writer.writerow(HEADERS)
    for row in rows:
        writer.writerow([neutralise(cell) for cell in _cells(row)])
    return buffer.getvalue().encode("utf-8-sig")


def write_attendance_csv(path: Path, rows: Iterable[AttendanceLine]) -> Path:
    """Write the file atomically (a failure leaves any previous file as it was)."""
    path = Path(path)
    write_atomically(path, attendance_csv(rows))
    return path
