"""The participants of the minutes: who presided, who came, who did not, and the counts.

Every invited person is printed in exactly one group: the chair as « Présidence » (when
present), the present in a table organisation → person under their heading, then the
excused, the represented (« M. X a donné pouvoir à M. Y », « M. X, représenté par M. Z
(suppléant) ») and the absent, those still without an answer among them. Outside the table
a line keeps the person's organisation: « Mme Anne MARTIN (Association X), Présidente »,
unless the function already names it.

Under the groups, when the committee prints them, the counts computed by the record rules
(« Présents : 54 — Excusés : 6 — … », « Pouvoirs : 10 — Votants : 64 » for a committee
that votes, « Membres en exercice : 70 » when set); the quorum whenever the committee has
one (a legal mention, printed even when the counts are not); the date of the convocation
when set.

A group is never cut so that fewer than ``KEEP_LINES`` of its lines stand alone at the top
or the bottom of a page; a long table starts on the page it is announced on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import zip_longest

from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    FrameBreak,
    KeepTogether,
    LongTable,
    Paragraph,
    Spacer,
    TableStyle,
)

from clu_desktop.documents.letterhead import FRAME_WIDTH
from clu_desktop.documents.snapshot import Attendance, MeetingSnapshot, PrintedPerson
from clu_desktop.documents.styles import (
    CELL_LEADING,
    CELL_SIZE,
    ROOM_AFTER_SECTION,
    RULE,
    Styles,
)
from clu_desktop.documents.typography import markup
from clu_desktop.french.attendance import heading_forms
from clu_desktop.french.dates import long_date, time_text
from clu_desktop.french.typography import NBSP, clean
from clu_desktop.rules import record as rules

CELL_PADDING = 4
#: A row may be cut across pages only when both parts are at least this tall.
MIN_ROW_PART = 3 * CELL_LEADING + 2 * CELL_PADDING
#: Lines (or rows) of a group kept together at the start and at the end of a page.
KEEP_LINES = 3
#: Rows kept together are never taller than this (a page's frame is about 730 points).
KEEPABLE_HEIGHT = 400

# The groups' headings, in the words of the participants table and the CSV file.
PRESENT = heading_forms("present")  # Présent, Présente, Présents, Présentes
EXCUSED = heading_forms("excused")  # Absent excusé, as the real minutes
REPRESENTED = heading_forms("represented")
ABSENT = heading_forms("absent")


def is_feminine(people: Sequence[PrintedPerson]) -> bool:
    civilities = [(p.civility or "").strip().lower() for p in people]
    return bool(civilities) and all(c.startswith(("mme", "mlle")) for c in civilities)


def agreed(forms: tuple[str, str, str, str], people: Sequence[PrintedPerson]) -> str:
    """The label agreed in number and gender: (masc., fem., masc. pl., fem. pl.)."""
    return forms[(2 if len(people) > 1 else 0) + (1 if is_feminine(people) else 0)]


def _feminine_name(name: str) -> bool:
    return name.strip().lower().startswith(("mme", "mlle", "madame", "mademoiselle"))


# The table of the present


def _kept_range(rows: int) -> tuple[int, int] | None:
    """The rows a table may be split at: none of the first or last KEEP_LINES."""
    return (KEEP_LINES, -KEEP_LINES) if rows >= KEEP_LINES else None


class KeptTable(LongTable):
    """A long table that never leaves fewer than KEEP_LINES rows alone at the bottom or at
    the top of a page: it splits earlier, and the rest goes on the next page."""

    # _rowSplitRange and _cellvalues: reportlab's Table attributes that types-reportlab
    # leaves out (private); ``rest`` is a table too.
    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts = super().split(availWidth, availHeight)
        if len(parts) != 2 or self._rowSplitRange is None:  # type: ignore[attr-defined]
            return parts
        head, rest = parts
        rest._rowSplitRange = _kept_range(len(rest._cellvalues))  # type: ignore[attr-defined]
        # Split earlier than the page allowed: the rest must not fill the room left.
        return [head, FrameBreak(), rest]


#: A cell of the people table: a paragraph, or a spacer and the paragraph below it.
_Cell = Flowable | list[Flowable]


def _row_cells(organisation: str, person: str, styles: Styles, left_width: float) -> list[_Cell]:
    left = Paragraph(markup(organisation), styles.cell)
    right = Paragraph(markup(person), styles.cell)
    left.wrap(left_width - 2 * CELL_PADDING, 1e9)
    # The lines wrap() laid out (a reportlab attribute types-reportlab leaves out).
    lines = len(left.blPara.lines)  # type: ignore[attr-defined]
    if 1 < lines <= 8:
        return [left, [Spacer(1, (lines - 1) * CELL_LEADING), right]]
    return [left, right]


def _row_height(cells: list[_Cell], widths: Sequence[float]) -> float:
    height = 0.0
    for value, width in zip(cells, widths, strict=True):
        parts = value if isinstance(value, list) else [value]
        height = max(height, sum(p.wrap(width - 2 * CELL_PADDING, 1e9)[1] for p in parts))
    return height + 7  # the padding above and below


def has_organisations(rows: Sequence[tuple[str, str]]) -> bool:
    return any(clean(organisation) for organisation, _ in rows)


def two_columns(rows: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """Nobody has an organisation (an elected council): the names on two columns, read
    row by row, rather than an empty column beside them."""
    people = [person for _, person in rows]
    return list(zip_longest(people[0::2], people[1::2], fillvalue=""))


def present_rows(snapshot: MeetingSnapshot) -> list[tuple[str, str]]:
    """(organisation, « M. X, fonction (arrivé à 14h45) ») for each person present."""
    return [
        (a.person.organisation or "", a.person.name_and_function + timing(a))
        for a in snapshot.in_group(rules.PRESENT)
    ]


def people_table(
    rows: Sequence[tuple[str, str]], styles: Styles, label: Paragraph | None = None
) -> list[Flowable]:
    """Organisation on the left, person on the right, one row each, below ``label``.

    When the organisation wraps, the person starts on its last line: the row then reads
    in the same order on paper and in a text extraction ("pdftotext -layout"). The label
    goes to the next page only with room for fewer than KEEP_LINES rows below it; the table
    then runs on across pages, never leaving fewer than KEEP_LINES rows alone on one.
    """
    if not rows:
        return []
    left_width = round(FRAME_WIDTH * 0.47)
    if not has_organisations(rows):
        rows = two_columns(rows)
        left_width = round(FRAME_WIDTH * 0.5)
    widths = [left_width, FRAME_WIDTH - left_width]
    data = [_row_cells(organisation, person, styles, left_width) for organisation, person in rows]
    heights = [_row_height(cells, widths) for cells in data]
    # At least KEEP_LINES rows on each side of a page break, when such rows fit a page
    # (a row of pasted text taller than that is cut as it comes).
    keep = max(heights) * KEEP_LINES < KEEPABLE_HEIGHT
    table = KeptTable(
        data,
        colWidths=widths,
        # A height in points: types-reportlab says int, reportlab takes any number.
        splitInRow=MIN_ROW_PART,  # type: ignore[arg-type]
        hAlign="LEFT",
        rowSplitRange=_kept_range(len(data)) if keep else None,
    )
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), styles.fonts.regular, CELL_SIZE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
                ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ("LINEABOVE", (0, 0), (-1, 0), 0.6, RULE),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
            ]
        )
    )
    # A table too short to be split starts only where it fits whole.
    first = heights[:KEEP_LINES] if len(heights) >= 2 * KEEP_LINES else heights
    first_rows = min(sum(first), KEEPABLE_HEIGHT)
    head: list[Flowable] = []
    if label is not None:
        label_height = label.wrap(FRAME_WIDTH, 1e9)[1] + label.getSpaceBefore()
        head = [CondPageBreak(label_height + label.getSpaceAfter() + first_rows), label]
    else:
        head = [CondPageBreak(first_rows)]
    return [*head, table]


def timing(attendance: Attendance) -> str:
    """ " (arrivé à 14h45, parti à 16h00)", agreed, or ""."""
    feminine = is_feminine([attendance.person])
    parts = []
    if attendance.arrived_at:
        verb = "arrivée" if feminine else "arrivé"
        parts.append(f"{verb} à {time_text(attendance.arrived_at)}")
    if attendance.left_at:
        verb = "partie" if feminine else "parti"
        parts.append(f"{verb} à {time_text(attendance.left_at)}")
    return f" ({', '.join(parts)})" if parts else ""


# The other groups


def with_organisation(person: PrintedPerson) -> str:
    """ "Mme Anne MARTIN (Association X), Présidente"; the organisation is left out when
    the function already names it: "M. Eric KREZEL, Président de l'association …"."""
    organisation, function = clean(person.organisation), clean(person.function)
    if not organisation or organisation.casefold() in function.casefold():
        return person.name_and_function
    text = f"{person.full_name} ({organisation})"
    return f"{text}, {function}" if function else text


def represented_line(attendance: Attendance) -> str:
    """ "M. X a donné pouvoir à M. Y" (a proxy); "M. X, représenté par M. Z (suppléant)"
    (a substitute); "M. X, représenté par M. Z" when the kind is not known."""
    who = with_organisation(attendance.person)
    holder = clean(attendance.represented_by)
    if attendance.representation == rules.PROXY:
        separator = ", " if who != attendance.person.full_name else " "
        return f"{who}{separator}a donné pouvoir" + (f" à {holder}" if holder else "")
    verb = "représentée" if is_feminine([attendance.person]) else "représenté"
    if not holder:
        return f"{who}, {verb}"
    text = f"{who}, {verb} par {holder}"
    if attendance.representation == rules.SUBSTITUTE:
        text += " (suppléante)" if _feminine_name(holder) else " (suppléant)"
    return text


def _group(
    forms: tuple[str, str, str, str],
    attendances: Sequence[Attendance],
    line: Callable[[Attendance], str],
    styles: Styles,
) -> list[Flowable]:
    """The group's label and lines; the label and the first lines, and the last lines,
    stay together on a page."""
    if not attendances:
        return []
    label = Paragraph(markup(agreed(forms, [a.person for a in attendances])), styles.label)
    lines: list[Flowable] = [Paragraph(markup(line(a)), styles.body) for a in attendances]
    if len(lines) <= 2 * KEEP_LINES:
        return [KeepTogether([label, *lines])]
    return [
        KeepTogether([label, *lines[:KEEP_LINES]]),
        *lines[KEEP_LINES:-KEEP_LINES],
        KeepTogether(lines[-KEEP_LINES:]),
    ]


# Counts, quorum, secretaries, dates


def _listed(names: Sequence[str]) -> str:
    names = [clean(n) for n in names if clean(n)]
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} et {names[-1]}"


def secretaries_line(secretaries: Sequence[str]) -> str:
    """ "Secrétaire de séance : Mme X", "Secrétaires de séance : Mme X et M. Y", or ""."""
    names = _listed(secretaries)
    if not names:
        return ""
    label = "Secrétaire de séance" if len(secretaries) == 1 else "Secrétaires de séance"
    return f"{label} : {names}"


def counts_lines(snapshot: MeetingSnapshot) -> list[str]:
    """The counts the committee prints, the quorum, the date of the convocation."""
    counts, settings = snapshot.counts, snapshot.settings
    lines: list[str] = []
    if counts is not None and settings.print_counts:
        if settings.members_in_office is not None:
            lines.append(f"Membres en exercice : {counts.members_in_office}")
        lines.append(
            f"Présents : {counts.present} — Excusés : {counts.excused} — "
            f"Représentés : {counts.represented} — Absents : {counts.absent}"
        )
        if settings.votes:
            lines.append(f"Pouvoirs : {counts.proxies} — Votants : {counts.voters}")
    if counts is not None and counts.quorum is not None:
        if counts.quorum_reached:
            lines.append(f"Le quorum ({counts.quorum}) étant atteint, la séance est ouverte.")
        else:
            lines.append(
                f"Le quorum ({counts.quorum}) n'étant pas atteint, la séance ne peut "
                "valablement délibérer."
            )
    if snapshot.convocation_date is not None:
        lines.append(f"Date de convocation : {long_date(snapshot.convocation_date)}")
    return lines


def _labelled(text: str) -> str:
    """ "Label : value" as markup, the label in bold."""
    label, _, value = text.partition(" : ")
    return f"<b>{markup(label)}{NBSP}:</b> {markup(value)}"


# The section


def participants(snapshot: MeetingSnapshot, styles: Styles) -> list[Flowable]:
    present = snapshot.in_group(rules.PRESENT)
    excused = snapshot.in_group(rules.EXCUSED)
    represented = snapshot.in_group(rules.REPRESENTED)
    absent = snapshot.in_group(rules.ABSENT)
    record = counts_lines(snapshot)
    secretaries = secretaries_line(snapshot.secretaries)
    if not (snapshot.chair or snapshot.attendance or record or secretaries):
        return []
    story: list[Flowable] = [
        CondPageBreak(ROOM_AFTER_SECTION),
        Paragraph("Participants", styles.section),
    ]
    if snapshot.chair is not None:
        story.append(
            Paragraph(
                f"<b>Présidence{NBSP}:</b> {markup(snapshot.chair.name_and_function)}",
                styles.body,
            )
        )
    if secretaries:
        story.append(Paragraph(_labelled(secretaries), styles.body))
    if present:
        rows = present_rows(snapshot)
        label = Paragraph(
            markup(agreed(PRESENT, [a.person for a in present])),
            styles.label.clone("table_label", keepWithNext=0),
        )
        story += people_table(rows, styles, label)
    story += _group(EXCUSED, excused, lambda a: with_organisation(a.person), styles)
    story += _group(REPRESENTED, represented, represented_line, styles)
    story += _group(ABSENT, absent, lambda a: with_organisation(a.person), styles)
    if record:
        first = styles.body.clone("counts_first", spaceBefore=10)
        story.append(
            KeepTogether(
                [
                    Paragraph(markup(line), first if n == 0 else styles.body)
                    for n, line in enumerate(record)
                ]
            )
        )
    return story
