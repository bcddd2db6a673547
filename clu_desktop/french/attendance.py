"""The words of the attendance statuses, one vocabulary everywhere: the participants table
and its editor, the live window, the CSV file and the documents.

« présent(e) », « excusé(e) », « représenté(e) », « absent(e) », « sans réponse »: a word
agrees with the person's civility when it tells (« excusée » for Mme, « excusé » for M.),
else it shows both forms (« excusé(e) »). A group's heading in the minutes (« Présents »,
« Absentes excusées ») is plural for several people, feminine when all are women.
"""

from __future__ import annotations

from dataclasses import dataclass

from clu_desktop.domain import AttendanceStatus

FEMININE_CIVILITIES = ("mme", "mlle", "madame", "mademoiselle")
MASCULINE_CIVILITIES = ("m.", "mr", "monsieur")


@dataclass(frozen=True)
class StatusWord:
    masculine: str
    feminine: str

    @property
    def either(self) -> str:
        """ "excusé(e)": both genders, when the civility does not tell."""
        if self.feminine == self.masculine:
            return self.masculine
        return f"{self.masculine}({self.feminine[len(self.masculine) :]})"


#: In the order the participants page offers them.
STATUS_WORDS = {
    AttendanceStatus.INVITED: StatusWord("sans réponse", "sans réponse"),
    AttendanceStatus.PRESENT: StatusWord("présent", "présente"),
    AttendanceStatus.EXCUSED: StatusWord("excusé", "excusée"),
    AttendanceStatus.ABSENT: StatusWord("absent", "absente"),
    AttendanceStatus.REPRESENTED: StatusWord("représenté", "représentée"),
}
#: The word of each status for nobody in particular (a list of choices): « excusé(e) ».
STATUS_LABELS = {status: word.either for status, word in STATUS_WORDS.items()}


def is_feminine_civility(civility: str | None) -> bool:
    return (civility or "").strip().lower().startswith(FEMININE_CIVILITIES)


def is_masculine_civility(civility: str | None) -> bool:
    text = (civility or "").strip().lower()
    return text == "m" or text.startswith(MASCULINE_CIVILITIES)


def civility_of_name(name: str) -> str | None:
    """The civility a printed name starts with ("Mme Nathalie SIMON" → "Mme"), if any."""
    first = name.strip().split(" ", 1)[0]
    if is_feminine_civility(first) or is_masculine_civility(first):
        return first
    return None


def agree(word: StatusWord, civility: str | None) -> str:
    """The word agreed with ``civility``: feminine, masculine, or both forms."""
    if is_feminine_civility(civility):
        return word.feminine
    if is_masculine_civility(civility):
        return word.masculine
    return word.either


def status_word(status: AttendanceStatus | str, civility: str | None = None) -> str:
    """ "excusée" for Mme, "excusé" for M., "excusé(e)" otherwise."""
    return agree(STATUS_WORDS[AttendanceStatus(status)], civility)


def status_choices(civility: str | None = None) -> list[tuple[AttendanceStatus, str]]:
    """Each status with its word for a person of ``civility``, in the page's order."""
    return [(status, agree(word, civility)) for status, word in STATUS_WORDS.items()]


def heading_forms(status: AttendanceStatus | str) -> tuple[str, str, str, str]:
    """A group's heading in the minutes, (masc., fem., masc. pl., fem. pl.): the status
    word capitalised (« Présents », « Représentée »). The excused are headed as the
    préfecture's own minutes head them, the same word after « Absent »: « Absent excusé »,
    « Absentes excusées » (tests/documents/test_minutes_fidelity.py)."""
    status = AttendanceStatus(status)
    forms: tuple[str, ...] = _plural_forms(STATUS_WORDS[status])
    if status is AttendanceStatus.EXCUSED:
        absent = _plural_forms(STATUS_WORDS[AttendanceStatus.ABSENT])
        forms = tuple(f"{a} {word}" for a, word in zip(absent, forms, strict=True))
    masculine, feminine, masculine_plural, feminine_plural = forms
    return (
        _capitalised(masculine),
        _capitalised(feminine),
        _capitalised(masculine_plural),
        _capitalised(feminine_plural),
    )


def _plural_forms(word: StatusWord) -> tuple[str, str, str, str]:
    return word.masculine, word.feminine, f"{word.masculine}s", f"{word.feminine}s"


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
