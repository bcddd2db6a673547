"""Importing indicator values from a spreadsheet (CSV or .xlsx): which column holds each
field, the first lines as they will be read, then one all-or-nothing import."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clu_desktop.documents.indicator_format import number
from clu_desktop.errors import UserError
from clu_desktop.gui import colours, messages
from clu_desktop.gui.indicators.editing import buddy, message_label, name, plain_tooltip
from clu_desktop.interchange.indicators_import import (
    FIELDS,
    REQUIRED,
    PreviewRow,
    Table,
    check_mapping,
    guess_mapping,
    import_values,
    preview,
)
from clu_desktop.services.indicators import ALL_SITES_LABEL, period_label
from clu_desktop.store.database import Database

AnyIndex = QModelIndex | QPersistentModelIndex
PREVIEW_ROWS = 20
NONE_TEXT = "(aucune)"
ERROR = colours.ERROR
GOOD = colours.SUCCESS
FIELD_LABELS = {
    "indicateur": "I&ndicateur (code ou nom)",
    "période": "&Période",
    "site": "&Site (vide\u00a0: ensemble)",
    "valeur": "&Valeur",
    "commentaire": "&Commentaire",
    "source": "S&ource",
}
NOT_UNDOABLE = (
    "L'import ne peut pas être annulé avec Ctrl+Z. Toutes les lignes sont vérifiées avant "
    "d'écrire quoi que ce soit : à la première erreur, rien n'est importé. Une valeur déjà "
    "saisie pour le même indicateur, la même période et le même site est remplacée."
)


def report_text(rows: int, added: int, updated: int) -> str:
    """ "12 valeurs importées (10 ajoutées, 2 mises à jour)."."""
    plural = "s" if rows > 1 else ""
    return (
        f"{rows} valeur{plural} importée{plural} ({added} ajoutée{'s' if added > 1 else ''}, "
        f"{updated} mise{'s' if updated > 1 else ''} à jour)."
    )


class PreviewModel(QAbstractTableModel):
    """The preview's lines: number in the file, each field as it will be read, and the
    first problem of the line (or "OK")."""

    HEADERS = (
        "Ligne",
        "Indicateur",
        "Période",
        "Site",
        "Valeur",
        "Commentaire",
        "Source",
        "Contrôle",
    )

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[PreviewRow] = []

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
        if column == 7:
            return row.error or "OK"
        field = FIELDS[column - 1]
        if parsed is not None:
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
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 7:
            return colours.for_items(ERROR if row.error else GOOD)
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.HEADERS)
        ):
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


class ImportDialog(QDialog):
    """The mapping of the columns and the preview of ``table``; "Importer" writes."""

    def __init__(self, db: Database, table: Table, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("indicatorImportDialog")
        self.setWindowTitle(f"Importer des valeurs d'indicateurs — {table.name}")
        self.setAccessibleName("Importer des valeurs d'indicateurs")
        self.db, self.table = db, table
        self.report = None
        guessed = guess_mapping(table.headers)

        intro = message_label("importIntro", "Fichier à importer")
        rows = sum(1 for r in table.rows if any(r))
        kind = "classeur Excel" if table.source_kind == "xlsx" else "fichier CSV"
        intro.setText(
            f"{table.name} ({kind}, {rows} ligne{'s' if rows > 1 else ''} de données). "
            "Choisissez la colonne du fichier qui donne chaque information."
        )
        self.combos: dict[str, QComboBox] = {}
        form = QFormLayout()
        for field in FIELDS:
            combo = name(QComboBox(), f"importColumn_{field}", f"Colonne « {field} »")
            combo.addItem(NONE_TEXT, None)
            for number_, header in enumerate(table.headers):
                combo.addItem(header or f"colonne {number_ + 1}", number_)
            combo.setCurrentIndex(max(combo.findData(guessed.get(field)), 0))
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
            required = " (obligatoire)" if field in REQUIRED else ""
            form.addRow(buddy(f"{FIELD_LABELS[field]}{required}\u00a0:", combo), combo)
            self.combos[field] = combo
        self.mapping_error = message_label("importMappingError", "Problème de colonnes")
        colours.paint(self.mapping_error, ERROR)
        # The messages below keep their room: the dialog's size never changes with them.
        lines = self.mapping_error.fontMetrics().lineSpacing() * 2
        self.mapping_error.setMinimumHeight(lines)
        self.model = PreviewModel(self)
        self.preview_view = name(QTableView(), "importPreview", "Aperçu des premières lignes")
        self.preview_view.setModel(self.model)
        self.preview_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.preview_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview_view.setTabKeyNavigation(False)
        self.preview_view.setWordWrap(False)
        self.preview_view.verticalHeader().setVisible(False)
        header = self.preview_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.preview_label = buddy(
            f"&Aperçu des {PREVIEW_ROWS} premières lignes\u00a0:", self.preview_view
        )
        self.summary_label = message_label("importSummary", "Résumé de l'aperçu")
        self.summary_label.setMinimumHeight(lines)
        warning = message_label("importNotUndoable", "Avertissement")
        warning.setText(NOT_UNDOABLE)
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(
            "&Importer", QDialogButtonBox.ButtonRole.AcceptRole
        )
        name(self.import_button, "importButton", "Importer les valeurs")
        cancel = self.buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        name(cancel, "cancelImport", "Annuler l'import")
        self.buttons.accepted.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.mapping_error)
        layout.addWidget(self.preview_label)
        layout.addWidget(self.preview_view, 1)
        layout.addWidget(self.summary_label)
        layout.addWidget(warning)
        layout.addWidget(self.buttons)
        self.resize(900, 640)
        self.refresh()
        self.ensurePolished()
        self.layout().activate()

    def mapping(self) -> dict[str, int | None]:
        return {field: combo.currentData() for field, combo in self.combos.items()}

    def refresh(self) -> None:
        """Check the mapping and read the first lines again."""
        mapping = self.mapping()
        try:
            check_mapping(self.table, mapping)
            problem = None
        except UserError as exc:
            problem = str(exc)
        self.mapping_error.setText(problem or "")
        self.import_button.setEnabled(problem is None)
        with self.db.reading() as session:
            rows = preview(self.table, mapping, PREVIEW_ROWS, session=session)
        self.model.set_rows(rows)
        errors = sum(1 for r in rows if r.error)
        if not rows:
            text = "Le fichier ne contient aucune ligne de données."
        elif errors == 1:
            text = (
                "1 ligne de l'aperçu ne peut pas être importée : corrigez le fichier ou "
                "les colonnes."
            )
        elif errors:
            text = (
                f"{errors} lignes de l'aperçu ne peuvent pas être importées : corrigez le "
                "fichier ou les colonnes."
            )
        else:
            text = "Les lignes de l'aperçu sont lisibles."
        self.summary_label.setText(text)

    def run_import(self) -> None:
        """Import every line in one transaction; a problem is shown and nothing changes."""
        try:
            with self.db.transaction() as session:
                report = import_values(session, self.table, self.mapping())
        except UserError as exc:
            messages.show_error(self, str(exc))
            return
        self.report = report
        messages.show_info(self, report_text(report.rows, report.added, report.updated))
        self.accept()
