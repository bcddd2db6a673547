"""The import's preview: the first lines of the file as they will be written, once the
columns and the names are mapped, and the words of its report."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from clu_desktop.french.numbers import number
from clu_desktop.french.periods import period_label
from clu_desktop.gui import colours
from clu_desktop.gui.indicators.editing import plain_tooltip
from clu_desktop.rules.indicators import ALL_SITES_LABEL
from clu_desktop.services.indicators.files import FIELDS, PreviewRow

AnyIndex = QModelIndex | QPersistentModelIndex
ERROR = colours.ERROR
GOOD = colours.SUCCESS
INFO = colours.INFO


def report_text(rows: int, added: int, updated: int) -> str:
    """ "12 valeurs importées (10 ajoutées, 2 mises à jour)."."""
    plural = "s" if rows > 1 else ""
    return (
        f"{rows} valeur{plural} importée{plural} ({added} ajoutée{'s' if added > 1 else ''}, "
        f"{updated} mise{'s' if updated > 1 else ''} à jour)."
    )


def report_details(report) -> list[str]:
    """What else the import did: indicators and sites created, sites added to
    indicators, lines ignored, names remembered (one French line each)."""
    lines = []
    if report.created_indicators:
        count = len(report.created_indicators)
        lines.append(
            f"Indicateur{'s' if count > 1 else ''} créé{'s' if count > 1 else ''} : "
            + ", ".join(report.created_indicators)
            + " (catégorie à vérifier dans la page Indicateurs)."
        )
    if report.created_sites:
        count = len(report.created_sites)
        lines.append(
            f"Site{'s' if count > 1 else ''} créé{'s' if count > 1 else ''} : "
            + ", ".join(report.created_sites)
            + "."
        )
    if report.linked:
        pairs = ", ".join(f"{site} pour {code}" for code, site in report.linked)
        lines.append(f"Sites désormais suivis : {pairs}.")
    if report.ignored:
        plural = "s" if report.ignored > 1 else ""
        lines.append(f"{report.ignored} ligne{plural} ignorée{plural}, comme demandé.")
    if report.saved_mappings:
        plural = "s" if report.saved_mappings > 1 else ""
        lines.append(
            f"{report.saved_mappings} correspondance{plural} mémorisée{plural} pour les "
            "prochains fichiers (modifiables dans la page Indicateurs)."
        )
    return lines


class PreviewModel(QAbstractTableModel):
    """The preview's lines: number in the file, each field as it will be read (the
    catalogue's code and site once mapped), what the mapping did (« correspondance
    enregistrée », « nouvel indicateur »…) and the first problem of the line (or "OK")."""

    HEADERS = (
        "Ligne",
        "Indicateur",
        "Période",
        "Site",
        "Valeur",
        "Commentaire",
        "Source",
        "Correspondance",
        "Contrôle",
    )
    NOTE, CHECK = 7, 8

    def __init__(self, parent=None, *, shape_only: bool = False) -> None:
        super().__init__(parent)
        self._rows: list[PreviewRow] = []
        # The columns step reads the shape of the cells only (the names are looked up
        # at the next step): its last column says « lisible », not « OK ».
        self.shape_only = shape_only

    def set_rows(self, rows: list[PreviewRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def _text(self, row: PreviewRow, column: int) -> str:
        parsed = row.parsed
        if column == 0:
            return str(row.row_number)
        if column == self.NOTE:
            return getattr(row, "note", None) or ""
        if column == self.CHECK:
            if row.error:
                return row.error
            if row.parsed is None:
                return "ignorée"
            return "lisible" if self.shape_only else "OK"
        field = FIELDS[column - 1]
        if parsed is not None:
            if field == "indicateur":
                return parsed.indicator
            if field == "période":
                return period_label(parsed.period)
            if field == "site":
                return parsed.site or ALL_SITES_LABEL
            if field == "valeur":
                return number(parsed.value)
        return " ".join(row.cells.get(field, "").split())

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(self.HEADERS):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(self._text(row, index.column()))
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == self.CHECK:
            if row.error:
                return colours.for_items(ERROR)
            return colours.for_items(GOOD if row.parsed is not None else colours.MUTED)
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == self.NOTE:
            return colours.for_items(INFO)
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.HEADERS)
        ):
            if section == self.CHECK and self.shape_only:
                return "Lecture"
            return self.HEADERS[section]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
