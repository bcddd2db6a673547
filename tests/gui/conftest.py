"""Fixtures of the GUI tests: meetings in the test database (``db``, from tests/conftest.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from sqlalchemy import select

from clu_desktop.domain import Committee, Meeting, MeetingStatus
from clu_desktop.store.database import Database


@pytest.fixture
def add_meeting(db: Database) -> Callable[..., int]:
    """Add a meeting (and its committee, found or created by name); return its id."""

    def add(
        title: str,
        date: dt.date,
        committee: str = "Comité local des usagers",
        status: MeetingStatus = MeetingStatus.PLANNED,
    ) -> int:
        with db.transaction() as session:
            found = session.scalar(select(Committee).where(Committee.name == committee))
            meeting = Meeting(
                committee=found or Committee(name=committee),
                title=title,
                date=date,
                status=status,
            )
            session.add(meeting)
            session.flush()
            return meeting.id

    return add
