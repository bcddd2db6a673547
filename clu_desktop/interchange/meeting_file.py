"""A meeting file as plain data, and its writing.

A meeting file is JSON (``meeting.schema.json``): :func:`validation.read_meeting_file`
reads and checks one into :data:`MeetingData`, :func:`write_meeting_file` writes one from
it. The database side, what a file's records become and what a meeting gives a file, is
the services' (``services/meetings/file_import.py`` and ``file_export.py``).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from clu_desktop.files import write_atomically

#: A meeting file's content: the JSON object as plain dicts, lists, texts, numbers,
#: booleans and nulls, keys and shapes as ``meeting.schema.json`` gives them.
MeetingData = dict[str, Any]


def dumps(data: MeetingData) -> str:
    """The file's text: UTF-8 JSON indented by two spaces, keys in their given order."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_meeting_file(path: Path, data: MeetingData) -> None:
    """Write the file atomically (a failure leaves any previous file as it was)."""
    write_atomically(path, dumps(data).encode("utf-8"))


def file_date(value: dt.date | None) -> str | None:
    """A date as the file writes it: AAAA-MM-JJ."""
    return value.isoformat() if value else None


def file_time(value: dt.time | None) -> str | None:
    """A time as the file writes it: HH:MM, with the seconds only when there are some."""
    if value is None:
        return None
    return value.strftime("%H:%M" if value.second == 0 else "%H:%M:%S")
