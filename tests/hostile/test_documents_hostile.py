"""The printed documents take whatever users typed: markup, reportlab's exploit strings,
control characters, marks, emoji, 10,000-character words. Each gives a PDF that pypdf
reads and that shows the typed words literally, or a French refusal; nothing is run."""

from __future__ import annotations

import datetime as dt
import logging
import re
from pathlib import Path

import pytest
from hostile_text import EXPLOIT, hostile_text, printable_words, short_hostile_text
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from clu_desktop.documents.convocation import write_convocation
from clu_desktop.documents.minutes import write_minutes
from clu_desktop.documents.sign_in_sheet import write_sign_in_sheet
from clu_desktop.documents.snapshot import (
    ActionSnapshot,
    Attendance,
    ItemSnapshot,
    Letterhead,
    MeetingSnapshot,
    PrintedPerson,
    StatementSnapshot,
)
from clu_desktop.errors import UserError

# pypdf complains about the emoji's character map entries; its text is still right.
logging.getLogger("pypdf").setLevel(logging.ERROR)
LETTERHEAD = Letterhead(authority_lines=("PRÉFET",), town="Chaumont")


@st.composite
def snapshots(draw, text=None, surrogates: bool = False):
    if text is None:
        text = hostile_text(surrogates=surrogates)
    short = short_hostile_text(100)
    chair = PrintedPerson("Mme", draw(short), draw(short), draw(short), draw(text))
    people = tuple(
        Attendance(
            PrintedPerson(draw(short), draw(short), draw(short), draw(text), draw(text)),
            draw(st.sampled_from(["present", "excused", "absent", "invited"])),
            note=draw(text),
        )
        for _ in range(draw(st.integers(1, 3)))
    )
    item = ItemSnapshot(
        "1",
        draw(text),
        presenter=draw(text),
        duration_minutes=15,
        minutes_text=draw(text) + "\n\n- " + draw(text),
        statements=(StatementSnapshot(draw(text), speakers=(draw(short),)),),
        actions=(ActionSnapshot(draw(text), owner=draw(short)),),
    )
    return MeetingSnapshot(
        letterhead=LETTERHEAD,
        committee_name=draw(text),
        committee_acronym=draw(short),
        title=draw(text),
        date=dt.date(2024, 6, 12),
        start_time=dt.time(14, 30),
        place=draw(text),
        chair=chair,
        attendance=(Attendance(chair, "present", is_chair=True), *people),
        opening_text=draw(text),
        items=(item,),
    )


def _texts(snapshot: MeetingSnapshot) -> list[str]:
    item = snapshot.items[0]
    return [snapshot.title, snapshot.place or "", item.title, item.minutes_text or ""]


def _squeezed(text: str) -> str:
    """Without spaces and case: titles print in capitals, long words break lines; the
    typographic apostrophe the documents print (l’été) read as typed (l'été)."""
    return "".join(text.split()).casefold().replace("\u2019", "'")


_FOOTER = re.compile(r"\s*page \d+ / \d+\s*$")


def printed(path: Path) -> str:
    """The document's text without spaces, its page footers left out (a long word
    runs from one page to the next)."""
    pages = PdfReader(path).pages
    return _squeezed("".join(_FOOTER.sub("", page.extract_text()) for page in pages))


WRITERS = {
    "compte-rendu": (write_minutes, _texts),
    "convocation": (write_convocation, lambda s: [s.title, s.items[0].title]),
    # The sign-in sheet cuts a title longer than its lines with "…", by design.
    "émargement": (write_sign_in_sheet, lambda s: [s.title] if len(s.title) < 200 else []),
}


def _check(snapshot: MeetingSnapshot, kind: str, folder: Path) -> None:
    write, typed = WRITERS[kind]
    path = folder / "document.pdf"
    path.unlink(missing_ok=True)
    try:
        write(snapshot, path)
    except UserError as exc:
        assert str(exc)[:1].isupper() and "Error" not in str(exc)
        assert not path.exists()
        return
    text = printed(path)
    for typed_text in typed(snapshot):
        for word in printable_words(typed_text):
            assert _squeezed(word) in text, word[:80]
    assert not (folder / "pwned").exists()


@pytest.mark.parametrize("kind", list(WRITERS))
@settings(max_examples=10)  # a document takes a third of a second or more
@given(snapshot=snapshots())
def test_documents_print_what_was_typed(kind, snapshot, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # where "touch pwned" would write
    _check(snapshot, kind, tmp_path)


@pytest.mark.parametrize("kind", list(WRITERS))
@settings(max_examples=5)
@given(snapshot=snapshots(text=hostile_text(3, long_words=False, surrogates=True)))
def test_lone_surrogates_never_crash_a_document(kind, snapshot, tmp_path, monkeypatch):
    """A lone UTF-16 half (pasted from a broken source) cannot be encoded in a PDF."""
    monkeypatch.chdir(tmp_path)
    _check(snapshot, kind, tmp_path)


@pytest.mark.parametrize("kind", list(WRITERS))
def test_the_reportlab_exploit_prints_as_text_and_runs_nothing(kind, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    snapshot = MeetingSnapshot(
        letterhead=LETTERHEAD,
        committee_name=EXPLOIT,
        committee_acronym=None,
        title=EXPLOIT,
        date=dt.date(2024, 6, 12),
        items=(ItemSnapshot("1", EXPLOIT, minutes_text=EXPLOIT),),
    )
    path = WRITERS[kind][0](snapshot, tmp_path / "document.pdf")
    assert _squeezed("touch pwned") in printed(path)
    assert not (tmp_path / "pwned").exists()
