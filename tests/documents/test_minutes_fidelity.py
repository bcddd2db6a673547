"""The acceptance test: the demo meeting's minutes read like the real ones.

``shared/seeds/000_1961c616dff96f7a.txt`` (beside the repository) is the text of the
real PDF of the CLU of 20 December 2023 ("**" marks bold, "- " and "•" bullets, a tab
between the two cells of the participants table). Every non-empty line of it must be
found in the text of the PDF we print (``pdftotext -layout``), in the same order. Within
a line, words must follow each other with at most ``MAX_GAP`` other words between them:
enough for a table cell that wraps beside the other column, not enough to collect words
from all over the page. The seed was typed with straight apostrophes, which the minutes
print typographic (l'avis → l’avis): words are compared with both read as one.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from clu_desktop.services.documents.export import export_minutes

# The real minutes, as text, in the shared folder laid beside the repository.
SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "000_1961c616dff96f7a.txt"
MAX_GAP = 12
_BULLET_MARKS = re.compile(r"^(?:[-•–◦▪]\s*)+")

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext comes from poppler-utils"
)


def words(line: str) -> list[str]:
    """A line's words: bold marks, leading bullet marks and every kind of space removed,
    the typographic apostrophe read as the straight one."""
    text = line.replace("**", "").replace("\u00a0", " ").replace("\u202f", " ")
    text = text.replace("\u2019", "'")
    text = _BULLET_MARKS.sub("", text.strip())
    return text.split()


def pdf_words(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [word for line in text.splitlines() for word in words(line)]


def find_line(line: list[str], stream: list[str], start: int) -> int | None:
    """Index after the match of ``line`` in ``stream`` from ``start``, or None."""
    failed: set[tuple[int, int]] = set()

    def match_from(k: int, at: int) -> int | None:
        if k == len(line):
            return at + 1
        if (k, at) in failed:
            return None
        for nxt in range(at + 1, min(at + 2 + MAX_GAP, len(stream))):
            if stream[nxt] == line[k]:
                end = match_from(k + 1, nxt)
                if end is not None:
                    return end
        failed.add((k, at))
        return None

    for first in range(start, len(stream)):
        if stream[first] == line[0]:
            end = match_from(1, first)
            if end is not None:
                return end
    return None


def test_every_line_of_the_real_minutes_is_printed_in_order(demo_db, tmp_path):
    pdf = tmp_path / "compte-rendu.pdf"
    with demo_db.reading() as session:
        export_minutes(session, 1, pdf)
    stream = pdf_words(pdf)
    seed_lines = [words(line) for line in SEED.read_text("utf-8").splitlines()]
    seed_lines = [line for line in seed_lines if line]
    position, missed = 0, []
    for line in seed_lines:
        end = find_line(line, stream, position)
        if end is None:
            missed.append(" ".join(line))
        else:
            position = end
    for line in missed:
        print("MISSED:", line)
    print(f"{len(seed_lines) - len(missed)} / {len(seed_lines)} lines of the seed found in order")
    assert not missed, f"{len(missed)} line(s) of the real minutes missing or out of order"
