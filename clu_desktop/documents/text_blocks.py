"""The plain minutes text as printed paragraphs and bullets.

The rules are the editor's: paragraphs are separated by a blank line, "- " starts a
bullet, and a bullet indented by spaces or a tab is of the second level. Consecutive
plain lines stay one paragraph, each on its own line. Bullets pasted as "• " or "– "
are bullets too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportlab.platypus import Flowable, Paragraph

from clu_desktop.documents.styles import BULLETS, Styles
from clu_desktop.documents.typography import markup

_BULLET = re.compile(r"^(?P<indent>[ \t\u00a0]*)[-•–*](?:[ \t\u00a0]+|$)(?P<text>.*)$")


@dataclass(frozen=True)
class Block:
    kind: str  # "paragraph" or "bullet"
    lines: tuple[str, ...]
    level: int = 0  # 1 or 2 for a bullet


def parse(text: str | None) -> list[Block]:
    """The text's paragraphs and bullets, in order; empty bullets are dropped."""
    blocks: list[Block] = []
    paragraph: list[str] = []

    def end_paragraph() -> None:
        if paragraph:
            blocks.append(Block("paragraph", tuple(paragraph)))
            paragraph.clear()

    for raw in (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        match = _BULLET.match(raw)
        if match:
            end_paragraph()
            content = match.group("text").strip()
            if content:
                level = 2 if match.group("indent") else 1
                blocks.append(Block("bullet", (content,), level))
        elif raw.strip():
            paragraph.append(raw.strip())
        else:
            end_paragraph()
    end_paragraph()
    return blocks


def bullet(text: str, styles: Styles, level: int = 1) -> Paragraph:
    """One bullet of a level from 1 to 3; ``text`` is already markup."""
    level = max(1, min(level, max(BULLETS)))
    return Paragraph(text, styles.bullets[level], bulletText=BULLETS[level])


def flowables(text: str | None, styles: Styles, base_level: int = 0) -> list[Flowable]:
    """The text as flowables; ``base_level`` indents everything (a sub-item's text)."""
    blocks = parse(text)
    result: list[Flowable] = []
    for n, block in enumerate(blocks):
        if block.kind == "bullet":
            result.append(bullet(markup(block.lines[0]), styles, block.level + base_level))
            continue
        body = "<br/>".join(markup(line) for line in block.lines)
        introduces_list = (
            block.lines[-1].endswith(":") and n + 1 < len(blocks) and blocks[n + 1].kind == "bullet"
        )
        if base_level:
            style = styles.bullets[base_level]
            result.append(Paragraph(body, style))
        else:
            result.append(Paragraph(body, styles.lead_in if introduces_list else styles.body))
    return result
