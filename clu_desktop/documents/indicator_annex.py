"""Annexe 1 of the minutes: the quality indicators as tables and charts.

``indicator_annex_flowables`` turns the annex's snapshot into reportlab flowables: for
each category a heading, a table (indicator, unit, target, the last six periods with the
values met ✓ or missed ✗ against the target, the change from the previous period) and the
category's charts (``indicator_charts``). The caller prints the "Annexe 1 – …" heading.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    LongTable,
    Paragraph,
    Spacer,
    TableStyle,
)

from clu_desktop.documents.indicator_charts import category_charts
from clu_desktop.documents.indicator_format import (
    ALL_SITES,
    NO_VALUE,
    Prepared,
    Series,
    by_category,
    escape,
)
from clu_desktop.documents.snapshot import AnnexSnapshot
from clu_desktop.french.periods import period_label
from clu_desktop.french.values import change, format_value, meets, target_text, unit_label
from clu_desktop.rules.indicators import EXAMPLE_NOTE

#: Periods printed as columns, the most recent ones.
SHOWN_PERIODS = 6
FONT_SIZE = 8
SMALLER = 6.8
HEADER_FILL = colors.HexColor("#DCE3EE")
SITE_FILL = colors.HexColor("#F3F5F9")
MET_FILL = colors.HexColor("#DDEFD6")
MISSED_FILL = colors.HexColor("#F7D9D5")
GRID = colors.HexColor("#9AA5B5")
BETTER = colors.HexColor("#2E7031")
WORSE = colors.HexColor("#B3261E")
GREY_HEX = "#5A6270"
GREY = colors.HexColor(GREY_HEX)
INTRO = (
    "Pour chaque indicateur : son unité, sa cible et ses valeurs sur les dernières "
    "périodes (six au plus) ; ✓ cible atteinte, ✗ cible non atteinte. Lorsque la période "
    "précédente est connue, la colonne « Évolution » donne l'écart de la dernière période "
    "avec elle (en points pour les taux)."
)
NO_INDICATOR = "Aucun indicateur n'est rattaché à cette annexe."

#: A table cell: a plain string when it fits (fast), else a wrapping Paragraph.
_Cell = str | Paragraph


@dataclass(frozen=True)
class _Styles:
    font: str
    bold_font: str
    # Made by __post_init__ from the two fonts.
    cell: ParagraphStyle = field(init=False, repr=False, compare=False)
    site: ParagraphStyle = field(init=False, repr=False, compare=False)
    value: ParagraphStyle = field(init=False, repr=False, compare=False)
    header: ParagraphStyle = field(init=False, repr=False, compare=False)
    note: ParagraphStyle = field(init=False, repr=False, compare=False)
    heading: ParagraphStyle = field(init=False, repr=False, compare=False)
    intro: ParagraphStyle = field(init=False, repr=False, compare=False)

    def style(self, name: str, **kw: Any) -> ParagraphStyle:
        base = {"fontName": self.font, "fontSize": FONT_SIZE, "leading": FONT_SIZE * 1.2}
        return ParagraphStyle(name, **{**base, **kw})

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "cell", self.style("annex-cell"))
        set_(self, "site", self.style("annex-site", leftIndent=8))
        set_(self, "value", self.style("annex-value", alignment=TA_RIGHT))
        set_(self, "header", self.style("annex-header", fontName=self.bold_font))
        set_(self, "note", self.style("annex-note", fontSize=7, leading=8.5, textColor=GREY))
        set_(
            self,
            "heading",
            self.style(
                "annex-category",
                fontName=self.bold_font,
                fontSize=11,
                leading=14,
                spaceBefore=10,
                spaceAfter=4,
                textColor=colors.HexColor("#1F3864"),
            ),
        )
        set_(self, "intro", self.style("annex-intro", fontSize=8.5, leading=11, spaceAfter=4))


def indicator_annex_flowables(
    annex: AnnexSnapshot, font: str, bold_font: str, width: float
) -> list[Flowable]:
    """The annex's content: per category a heading, a table and charts, ``width`` wide.

    ``font`` and ``bold_font`` are TrueType fonts already registered with pdfmetrics.
    """
    styles = _Styles(font, bold_font)
    if not annex.indicators:
        return [Paragraph(NO_INDICATOR, styles.intro)]
    flowables: list[Flowable] = [Paragraph(INTRO, styles.intro)]
    for category, prepared in by_category(annex.indicators):
        block: list[Flowable] = [Paragraph(escape(category), styles.heading)]
        for group in _table_groups(prepared):
            block.extend(_CategoryTable(styles, width, group).flowables())
        block.extend(category_charts(category, prepared, font, bold_font, width))
        flowables.append(_CategoryBlock(block))
    return flowables


class _CategoryBlock(KeepTogether):
    """A category kept on one page when it fits one; a longer one flows from where it
    starts, on a new page if less than ``ROOM`` points are left (heading never orphaned)."""

    ROOM = 180.0

    def split(self, aW: float, aH: float) -> list[Flowable]:
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        frame = getattr(self, "_frame", None)
        page = frame._height if frame is not None else aH
        # KeepTogether's height (set by wrap) and its flowables: private reportlab
        # attributes that types-reportlab leaves out.
        height: float = self._H  # type: ignore[attr-defined]
        if height > page:
            return [CondPageBreak(self.ROOM), *self._content]  # type: ignore[attr-defined]
        return super().split(aW, aH)


def _table_groups(prepared: list[Prepared]) -> list[list[Prepared]]:
    """Indicators sharing the same shown periods share a table (usually one per category).

    Indicators without any value join the first table.
    """
    groups: dict[tuple[str, ...], list[Prepared]] = {}
    empty = [p for p in prepared if not p.periods]
    for item in prepared:
        if item.periods:
            groups.setdefault(item.shown_periods(SHOWN_PERIODS), []).append(item)
    result = list(groups.values())
    if empty:
        if result:
            result[0].extend(empty)
        else:
            result.append(empty)
    return result


class _CategoryTable:
    """One table: a header row of periods, then a row per indicator (and per site)."""

    def __init__(self, styles: _Styles, width: float, group: list[Prepared]) -> None:
        self.styles = styles
        self.group = group
        first = next((p for p in group if p.periods), None)
        self.periods = first.shown_periods(SHOWN_PERIODS) if first else ()
        #: An "Évolution" column only when some row has a previous period to compare with.
        self.changes = any(
            len(item.periods) > 1
            and series.value(item.periods[-1]) is not None
            and series.previous(item.periods[-1], item.periods) is not None
            for item in group
            for series in item.series
        )
        self.rows: list[list[_Cell]] = []
        self.commands: list[tuple[Any, ...]] = []
        self.comments: list[str] = []
        self.small = False
        self.widths = self._widths(width)

    def _widths(self, width: float) -> list[float]:
        count = len(self.periods)
        if not count:
            name = width * 0.45
            return [name, width - name]
        change = min(60.0, width * 0.13) if self.changes else 0.0
        name = max(width * 0.31, width - change - count * 54.0)
        column = (width - name - change) / count
        return [name, *([column] * count)] + ([change] if self.changes else [])

    def flowables(self) -> list[Flowable]:
        styles = self.styles
        header = ["Indicateur", *(period_label(p) for p in self.periods)]
        if self.changes:
            header.append("Évolution")
        elif not self.periods:
            header.append("Valeurs")
        self.rows.append([Paragraph(escape(text), styles.header) for text in header])
        for item in self.group:
            self._indicator_rows(item)
        table = LongTable(
            self.rows,
            colWidths=self.widths,
            repeatRows=1,
            splitByRow=1,
            splitInRow=1,
            hAlign="LEFT",
            spaceAfter=3,
        )
        commands = self._base_style() + self.commands
        if self.small:
            commands.append(("FONTSIZE", (1, 1), (-1, -1), SMALLER))
        table.setStyle(TableStyle(commands))
        result: list[Flowable] = [table]
        if any(item.indicator.has_examples for item in self.group):
            result.append(Paragraph(escape(EXAMPLE_NOTE), styles.note))
        result.extend(Paragraph(text, styles.note) for text in self.comments)
        result.append(Spacer(1, 6))
        return result

    def _base_style(self) -> list[tuple[Any, ...]]:
        last = len(self.widths) - 1
        return [
            ("FONTNAME", (0, 0), (-1, -1), self.styles.font),
            ("FONTSIZE", (0, 0), (-1, -1), FONT_SIZE),
            ("GRID", (0, 0), (-1, -1), 0.4, GRID),
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("ALIGN", (1, 1), (last, -1), "RIGHT"),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ]

    def _name_cell(self, item: Prepared) -> Paragraph:
        indicator = item.indicator
        text = escape(indicator.name)
        if indicator.has_examples:
            text += f' <font color="{GREY_HEX}">(exemple)</font>'
        details = []
        unit = unit_label(indicator.unit)
        if unit:
            details.append(f"unité : {escape(unit)}")
        details.append(escape(target_text(indicator) or "sans cible"))
        line = " · ".join(details)
        return Paragraph(
            f'<font name="{self.styles.bold_font}">{text}</font><br/>'
            f'<font size="7" color="{GREY_HEX}">{line}</font>',
            self.styles.cell,
        )

    def _indicator_rows(self, item: Prepared) -> None:
        row_index = len(self.rows)
        columns = len(self.widths)
        name = self._name_cell(item)
        if not item.periods:
            self.rows.append([name, Paragraph(NO_VALUE, self.styles.cell)] + [""] * (columns - 2))
            self.commands.append(("SPAN", (1, row_index), (-1, row_index)))
            return
        if not item.has_sites:
            self.rows.append([name, *self._value_cells(item, item.series[0], row_index)])
            return
        self.rows.append([name] + [""] * (columns - 1))
        self.commands += [
            ("SPAN", (0, row_index), (-1, row_index)),
            ("BACKGROUND", (0, row_index), (-1, row_index), SITE_FILL),
        ]
        for series in item.series:
            index = len(self.rows)
            label = Paragraph(escape(series.site or ALL_SITES), self.styles.site)
            self.rows.append([label, *self._value_cells(item, series, index)])

    def _value_cells(self, item: Prepared, series: Series, row: int) -> list[_Cell]:
        indicator = item.indicator
        cells: list[_Cell] = []
        for column, period in enumerate(self.periods, start=1):
            found = series.values.get(period)
            if found is None:
                cells.append("–")
                continue
            text = format_value(found.value, indicator.unit)
            met = meets(indicator, found.value)
            if met is not None:
                text += " ✓" if met else " ✗"
                fill = MET_FILL if met else MISSED_FILL
                self.commands.append(("BACKGROUND", (column, row), (column, row), fill))
            cells.append(self._fit(text, column, row))
            if found.comment and found.comment.strip():
                where = ", ".join(filter(None, [series.site, period_label(period)]))
                self.comments.append(
                    f"Commentaire – {escape(indicator.name)} ({escape(where)}) : "
                    f"{escape(found.comment.strip())}"
                )
        if self.changes:
            cells.append(self._change_cell(item, series, row))
        return cells

    def _change_cell(self, item: Prepared, series: Series, row: int) -> _Cell:
        last = self.periods[-1]
        current = series.value(last)
        previous = series.previous(last, item.periods)
        if current is None or previous is None:
            return "–"
        moved = change(item.indicator, previous, current)
        tint = GREY if moved.better is None else (BETTER if moved.better else WORSE)
        column = len(self.widths) - 1
        self.commands.append(("TEXTCOLOR", (column, row), (column, row), tint))
        return self._fit(moved.text, column, row, tint)

    def _fit(self, text: str, column: int, row: int, tint: colors.Color | None = None) -> _Cell:
        """A plain string when it fits its column (fast), else a wrapping Paragraph."""
        room = self.widths[column] - 8
        wide = stringWidth(text, self.styles.font, FONT_SIZE)
        if wide <= room:
            return text
        if wide * SMALLER / FONT_SIZE <= room:
            self.small = True  # all the values of the table in the smaller size
            return text
        markup = escape(text)
        if tint is not None:
            markup = f'<font color="#{tint.hexval()[2:]}">{markup}</font>'
        return Paragraph(markup, self.styles.value)
