"""The search results' model: one row per meeting found, with its excerpt."""

from __future__ import annotations

import html

from PySide6.QtCore import QAbstractListModel, Qt

from clu_desktop.gui.common.rows_model import AnyIndex, RowsMixin
from clu_desktop.services.search import SearchHit

#: Role giving a row's meeting id (an int).
MEETING_ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: Role giving a row as rich text: date, committee and title, where, the excerpt with
#: the matching words in bold (every piece of user text escaped).
HTML_ROLE = Qt.ItemDataRole.UserRole + 2


def heading(hit: SearchHit) -> str:
    """« 20/12/2023 — Séance plénière (CLU Nord) »; the committee once when the title
    already names it."""
    committee = "" if hit.committee.casefold() in hit.title.casefold() else f" ({hit.committee})"
    return f"{hit.date:%d/%m/%Y} — {hit.title}{committee}"


def as_html(hit: SearchHit) -> str:
    excerpt = "".join(
        f"<b>{html.escape(piece)}</b>" if is_match else html.escape(piece)
        for piece, is_match in hit.excerpt
    )
    return f"<b>{html.escape(heading(hit))}</b><br><i>{html.escape(hit.where)}</i>\u00a0: {excerpt}"


class SearchResultsModel(RowsMixin, QAbstractListModel):
    """Read-only rows of ``SearchHit`` (``gui/common/rows_model``)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[SearchHit] = []

    def hit(self, row: int) -> SearchHit:
        return self._rows[row]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        hit = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{heading(hit)}\n{hit.where} : {hit.excerpt_text}"
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{heading(hit)}. {hit.where} : {hit.excerpt_text}"
        if role == HTML_ROLE:
            return as_html(hit)
        if role == MEETING_ID_ROLE:
            return hit.meeting_id
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
