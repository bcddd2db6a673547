"""The items of the ordre du jour as the minutes and the convocation print them.

An item is numbered as its committee wants (1., 2., 2.1.; or I., II., II.1.), the same in
the convocation and the minutes. Whenever it has a presenter, the minutes name them after
its heading (« présenté par Mme X », or « Rapporteur : Mme X »). Under its text, its
statements and its actions comes its decision: the text as printed, then « Adopté à
l'unanimité. », or the figures « Pour : 50 — Contre : 10 — Abstentions : 4 » with the names
recorded (« Contre : M. X, Mme Y ») and the outcome (adopted when the votes for outnumber
the votes against). A recorded vote is printed whatever the committee's settings: nothing
recorded is dropped from the record.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph

from clu_desktop.documents import text_blocks
from clu_desktop.documents.snapshot import ActionSnapshot, DecisionSnapshot, ItemSnapshot
from clu_desktop.documents.styles import ROOM_AFTER_HEADING, Styles
from clu_desktop.documents.typography import markup
from clu_desktop.french.dates import long_date, month_year
from clu_desktop.french.typography import clean
from clu_desktop.rules import record as rules

#: Room between an item's number and its heading, in points.
NUMBER_GAP = 5


def printed_number(number: str) -> str:
    """ "2.1" → "2.1.", "II" → "II."; a bullet ("•", "–") as it is."""
    return f"{number}." if number and number[-1].isalnum() else number


def presenter_line(presenter: str | None, style: str = "presented") -> str:
    """ "présenté par Mme X", "Rapporteur : Mme X", or ""."""
    name = clean(presenter)
    if not name:
        return ""
    return f"Rapporteur : {name}" if style == "rapporteur" else f"présenté par {name}"


def vote_lines(decision: DecisionSnapshot) -> list[str]:
    """The result of a deliberation: unanimity or the figures, the names, the outcome."""
    lines: list[str] = []
    if decision.result == rules.UNANIMOUS:
        lines.append("Adopté à l'unanimité.")
    elif decision.result == rules.VOTE:
        figures = {
            rules.FOR: decision.votes_for,
            rules.AGAINST: decision.votes_against,
            rules.ABSTAINING: decision.votes_abstaining,
        }
        given = [
            f"{rules.CHOICE_LABELS[choice]} : {value}"
            for choice, value in figures.items()
            if value is not None
        ]
        lines.append(" — ".join(given))
    for choice in (rules.FOR, rules.AGAINST, rules.ABSTAINING):
        names = [clean(name) for name in decision.named(choice) if clean(name)]
        if names:
            lines.append(f"{rules.CHOICE_LABELS[choice]} : {', '.join(names)}")
    if decision.result == rules.VOTE:
        adopted = rules.adopted(decision.votes_for, decision.votes_against)
        lines.append("Adopté à la majorité." if adopted else "Rejeté.")
    return lines


def action_line(action: ActionSnapshot) -> str:
    """ "mai 2023 : installation du PAN…", "à venir : …", "… (échéance : 31 mars 2025)"."""
    text = clean(action.text)
    if action.status == "abandoned":
        text += " (abandonnée)"
    if clean(action.when_label):
        return f"{clean(action.when_label)} : {text}"
    if action.done_date:
        return f"{month_year(action.done_date)} : {text}"
    if action.due_date:
        return f"{text} (échéance : {long_date(action.due_date)})"
    return text


def with_colon(title: str) -> str:
    title = clean(title)
    return title if title.endswith(":") else f"{title} :"


def numbered_style(style: ParagraphStyle, number: str, name: str) -> ParagraphStyle:
    """``style`` with ``number`` drawn as the bullet, in the text's font, and the text
    indented past it."""
    width = stringWidth(number, style.fontName, style.fontSize)
    indent = max(style.leftIndent, style.bulletIndent + width + NUMBER_GAP)
    return style.clone(
        name, leftIndent=indent, bulletFontName=style.fontName, bulletFontSize=style.fontSize
    )


def _presenter(
    item: ItemSnapshot, indent: float, styles: Styles, presenter_style: str
) -> list[Flowable]:
    text = presenter_line(item.presenter, presenter_style)
    if not text:
        return []
    style = styles.note.clone("presenter", leftIndent=indent, spaceBefore=0, spaceAfter=4)
    return [Paragraph(markup(text), style)]


def _decision(decision: DecisionSnapshot | None, styles: Styles, level: int) -> list[Flowable]:
    """The decision's text, then its result in bold; the result stays on the page of the
    text's last paragraph."""
    if not decision:
        return []
    text = text_blocks.flowables(decision.text, styles, base_level=level)
    result = styles.body.clone(
        f"vote{level}",
        fontName=styles.fonts.bold,
        leftIndent=styles.bullets[level].leftIndent if level else 0,
        alignment=0,
    )
    lines = [Paragraph(markup(line), result) for line in vote_lines(decision)]
    return [*text[:-1], KeepTogether([*text[-1:], *lines])]


def _item_body(
    item: ItemSnapshot, styles: Styles, level: int, presenter_style: str
) -> list[Flowable]:
    story = text_blocks.flowables(item.minutes_text, styles, base_level=level)
    story += [text_blocks.bullet(markup(action_line(a)), styles, level + 1) for a in item.actions]
    for statement in item.statements:
        # An answer given later belongs to the next meeting's follow-up, not to these
        # minutes: they stay as they were signed.
        story += text_blocks.flowables(statement.text, styles, base_level=level)
    for child in item.children:
        if child.has_content:
            base = styles.sub_heading if level == 0 else styles.bullets[min(level + 1, 3)]
            number = printed_number(child.number)
            style = numbered_style(base, number, f"sub_heading_{len(number)}")
            heading = Paragraph(markup(with_colon(child.section_title)), style, bulletText=number)
            story += [CondPageBreak(ROOM_AFTER_HEADING), heading]
            story += _presenter(child, style.leftIndent, styles, presenter_style)
            story += _item_body(child, styles, level + 1, presenter_style)
    # Decided once its sub-items were discussed: the decision closes the item.
    story += _decision(item.decision, styles, level)
    return story


def item_section(item: ItemSnapshot, styles: Styles, presenter_style: str) -> list[Flowable]:
    """An item's section of the minutes: its numbered heading, presenter, text, decision
    and sub-items."""
    number = printed_number(item.number)
    style = numbered_style(styles.item_heading, number, f"item_heading_{len(number)}")
    heading = Paragraph(markup(with_colon(item.section_title)), style, bulletText=number)
    return [
        CondPageBreak(ROOM_AFTER_HEADING),
        heading,
        *_presenter(item, style.leftIndent, styles, presenter_style),
        *_item_body(item, styles, 0, presenter_style),
    ]


def agenda_list(items: tuple[ItemSnapshot, ...], styles: Styles) -> list[Flowable]:
    """The ordre du jour of the minutes: the numbered titles of the items."""
    base = styles.bullets[1]
    numbers = [printed_number(item.number) for item in items]
    widest = max(numbers, key=lambda n: stringWidth(n, base.fontName, base.fontSize))
    style = numbered_style(base, widest, "agenda")
    return [
        Paragraph(markup(item.title), style, bulletText=number)
        for item, number in zip(items, numbers, strict=True)
    ]
