"""Shared by the tests of the meeting file (tests/interchange, tests/services): the
demonstration's file, a file written from data, an import's refusal, the tables' counts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from clu_desktop.errors import UserError
from clu_desktop.resources import DEMO_MEETING, resource_path
from clu_desktop.services.meetings.files import import_file

DEMO = resource_path(*DEMO_MEETING)


def demo_data() -> dict:
    return json.loads(DEMO.read_text("utf-8"))


def write(tmp_path: Path, data, name="seance.json") -> Path:
    path = tmp_path / name
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    path.write_text(text, "utf-8")
    return path


def import_problems(db, path: Path) -> str:
    with pytest.raises(UserError) as caught, db.transaction() as session:
        import_file(session, path)
    return str(caught.value)


def table_counts(db) -> dict[str, int]:
    from clu_desktop.domain import Base

    with db.reading() as session:
        return {
            name: session.scalar(select(func.count()).select_from(table))
            for name, table in Base.metadata.tables.items()
        }
