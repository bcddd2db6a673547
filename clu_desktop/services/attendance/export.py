"""The attendance list of a meeting written as a CSV file: the window and the command
line share this."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from clu_desktop.interchange.attendance_csv import write_attendance_csv
from clu_desktop.services.attendance.presence import list_attendance


def export_attendance_csv(session: Session, meeting_id: int, path: Path) -> Path:
    """Write the meeting's participants, their status, representation, times and notes
    to ``path`` (replaced atomically); returns the path written."""
    return write_attendance_csv(Path(path), list_attendance(session, meeting_id))
