"""Answering a remark later does not change the minutes of the meeting it was made in."""

from __future__ import annotations

import subprocess

from clu_desktop.services.documents.export import export_minutes
from clu_desktop.services.quality.remarks import answer_remark, list_remarks


def minutes_text(db, path) -> str:
    with db.reading() as session:
        export_minutes(session, 1, path)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_an_answer_given_later_is_not_printed_in_the_original_minutes(demo_db, tmp_path):
    before = minutes_text(demo_db, tmp_path / "before.pdf")
    with demo_db.transaction() as session:
        remark = next(r for r in list_remarks(session) if "16h30" in r.text)
        answer_remark(session, remark.id, "Ouverture jusqu'à 17h30 le jeudi depuis mars 2024.")
    after = minutes_text(demo_db, tmp_path / "after.pdf")
    assert "17h30 le jeudi" not in after
    assert after == before
