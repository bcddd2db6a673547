"""The pages of the import dialog: the columns, the names the catalogue does not know
(with every other problem of the file), the preview after the mapping, the report.
They show what the dialog gives them; the dialog runs the check and the import."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clu_desktop.gui import colours
from clu_desktop.gui.indicators.editing import buddy, message_label, name
from clu_desktop.gui.indicators.import_names import CatalogueChoices, NamesPanel, shortened
from clu_desktop.gui.indicators.import_preview import PreviewModel, report_details, report_text
from clu_desktop.services.indicators import catalogue as indicators_catalogue
from clu_desktop.services.indicators.files import (
    FIELDS,
    KINDS,
    REQUIRED,
    FileCheck,
    Table,
    guess_mapping,
    problem_text,
)
from clu_desktop.store.database import Database

#: The steps of the dialog, in order.
COLUMNS, NAMES, PREVIEW, REPORT = range(4)
STEP_TITLES = {
    COLUMNS: "Étape 1 sur 3 : les colonnes du fichier",
    NAMES: "Étape 2 sur 3 : les noms que le catalogue ne connaît pas",
    PREVIEW: "Étape 3 sur 3 : l'aperçu de ce qui sera importé",
    REPORT: "Import terminé",
}
PREVIEW_ROWS = 20
PROBLEMS_SHOWN = 50
NONE_TEXT = "(aucune)"
FIELD_LABELS = {
    "indicateur": "I&ndicateur (code ou nom)",
    "période": "&Période",
    "site": "&Site (vide\u00a0: ensemble)",
    "valeur": "&Valeur",
    "commentaire": "&Commentaire",
    "source": "S&ource",
}
#: Headings of the other problems (in the core's order, KINDS).
PROBLEM_TITLES = {
    "indicator": "Indicateurs inconnus",
    "site": "Sites inconnus",
    "value": "Valeurs illisibles ou hors limites",
    "period": "Périodes illisibles ou qui ne conviennent pas à l'indicateur",
    "site-link": "Sites que l'indicateur ne suit pas",
    "duplicate": "Lignes en double",
    "cells": "Cellules en trop ou texte trop long",
    "empty": "Rien à importer",
}
NOT_UNDOABLE = (
    "L'import ne peut pas être annulé avec Ctrl+Z. Toutes les lignes sont vérifiées avant "
    "d'écrire quoi que ce soit : tant qu'un problème reste, rien n'est importé. Une valeur "
    "déjà saisie pour le même indicateur, la même période et le même site est remplacée."
)


def plural(count: int, word: str) -> str:
    """ "1 nom", "3 noms"."""
    return f"{count} {word}{'s' if count > 1 else ''}"


def problems_text(problems, limit: int = PROBLEMS_SHOWN) -> str:
    """Every problem grouped by kind, ``limit`` at most, then the count of the others by
    kind: « … et 10 autres problèmes (valeurs illisibles ou hors limites : 5 ; …). »"""
    groups: dict[str, list] = {}
    for problem in problems:
        groups.setdefault(problem.kind, []).append(problem)
    order = list(KINDS)
    out, room, left = [], limit, []
    for kind in sorted(groups, key=lambda k: order.index(k) if k in order else len(order)):
        items = groups[kind]
        title = PROBLEM_TITLES.get(kind, "Autres problèmes")
        shown = items[: max(room, 0)]
        if shown:
            out.append(f"{title} ({len(items)}) :")
            out.extend(f"  • {problem_text(problem)}" for problem in shown)
            room -= len(shown)
        if len(items) > len(shown):
            left.append(f"{title[0].lower()}{title[1:]} : {len(items) - len(shown)}")
    others = len(problems) - (limit - room)
    if others > 0:
        words = "autres problèmes" if others > 1 else "autre problème"
        out.append(f"… et {others} {words} ({' ; '.join(left)}).")
    return "\n".join(out)


def status_text(check: FileCheck, undecided: int) -> tuple[str, colours.Tone]:
    """What the check says under the steps: ready (« 10 valeurs prêtes à être
    importées. ») or what is left (« Rien ne sera importé tant qu'il reste 2 noms à faire
    correspondre (étape 2) et 1 problème à corriger dans le fichier. »)."""
    if check.ready and not undecided:
        many = check.values > 1
        text = f"{plural(check.values, 'valeur')} prête{'s' if many else ''} à être importée"
        text += "s" if many else ""
        if check.ignored:
            text += f" ({plural(check.ignored, 'ligne')} ignorée{'s' if check.ignored > 1 else ''})"
        return text + ".", colours.SUCCESS
    parts = []
    if undecided:
        parts.append(f"{plural(undecided, 'nom')} à faire correspondre (étape 2)")
    if check.problems:
        parts.append(f"{plural(len(check.problems), 'problème')} à corriger dans le fichier")
    what = " et ".join(parts) or "des problèmes à corriger"
    return f"Rien ne sera importé tant qu'il reste {what}.", colours.ERROR


def read_catalogue(db: Database) -> CatalogueChoices:
    with db.reading() as session:
        indicators = indicators_catalogue.list_indicators(session)
        sites = indicators_catalogue.list_sites(session)
    return CatalogueChoices(
        indicators=tuple((r.id, f"{r.code} — {r.name}") for r in indicators),
        sites=tuple((s.id, s.name) for s in sites),
        categories=tuple(sorted({r.category for r in indicators if r.category})),
        units=tuple(sorted({r.unit for r in indicators if r.unit})),
    )


def table_view(object_name: str, accessible: str, model) -> QTableView:
    view = name(QTableView(), object_name, accessible)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return view


def _page(*widgets, stretch: QWidget | None = None) -> QVBoxLayout:
    layout = QVBoxLayout()
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        if isinstance(widget, QWidget):
            layout.addWidget(widget, 1 if widget is stretch else 0)
        else:
            layout.addLayout(widget)
    return layout


KIND_TEXTS = {
    "csv": "fichier CSV",
    "xlsx": "classeur Excel",
    "xls": "classeur Excel 97-2003",
    "ods": "classeur OpenDocument",
}


class ColumnsStep(QWidget):
    """The workbook's sheet (when it has several), which column holds each field, and
    the first lines read with them (their shape only: the names are looked up at the
    next step). ``changed`` on each choice of column; ``sheet_chosen(name)``."""

    changed = Signal()
    sheet_chosen = Signal(str)

    def __init__(
        self, table: Table, sheets: Sequence[str] = (), parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.intro = message_label("importIntro", "Fichier à importer")
        self.sheet_combo = name(
            QComboBox(),
            "importSheet",
            "Feuille du classeur",
            "Le classeur a plusieurs feuilles : choisissez celle qui porte les valeurs.",
        )
        self.sheet_combo.activated.connect(
            lambda index: self.sheet_chosen.emit(self.sheet_combo.itemText(index))
        )
        self.combos: dict[str, QComboBox] = {}
        form = QFormLayout()
        self.sheet_label = buddy("&Feuille du classeur\u00a0:", self.sheet_combo)
        form.addRow(self.sheet_label, self.sheet_combo)
        self.set_sheets(sheets)
        for field in FIELDS:
            combo = name(QComboBox(), f"importColumn_{field}", f"Colonne « {field} »")
            combo.currentIndexChanged.connect(lambda _i: self._column_changed())
            required = " (obligatoire)" if field in REQUIRED else ""
            form.addRow(buddy(f"{FIELD_LABELS[field]}{required}\u00a0:", combo), combo)
            self.combos[field] = combo
        self.layout_label = message_label("importLayout", "Disposition du tableau")
        colours.paint(self.layout_label, colours.INFO)
        self.layout_label.hide()
        self.mapping_error = message_label("importMappingError", "Problème de colonnes")
        colours.paint(self.mapping_error, colours.ERROR)
        self.mapping_error.setMinimumHeight(self.mapping_error.fontMetrics().lineSpacing() * 2)
        self.lines_model = PreviewModel(self, shape_only=True)
        self.lines_view = table_view("importLines", "Premières lignes du fichier", self.lines_model)
        self.lines_view.setColumnHidden(PreviewModel.NOTE, True)
        label = buddy(
            "&Aperçu des premières lignes, lues avec ces colonnes\u00a0:", self.lines_view
        )
        self.setLayout(
            _page(
                self.intro,
                self.layout_label,
                form,
                self.mapping_error,
                label,
                self.lines_view,
                stretch=self.lines_view,
            )
        )
        self._filling = False
        self.set_table(table)

    def set_sheets(self, sheets: Sequence[str]) -> None:
        """The workbook's sheets; the choice shows only when there are several."""
        self.sheet_combo.clear()
        self.sheet_combo.addItems(list(sheets))
        for widget in (self.sheet_label, self.sheet_combo):
            widget.setVisible(len(sheets) > 1)

    def set_layout(self, layout) -> None:
        """Say that a wide table (one column per period or per site) is read as rows."""
        self.layout_label.setText(layout.describe() if layout.is_wide else "")
        self.layout_label.setVisible(layout.is_wide)

    def set_table(self, table: Table) -> None:
        """Show ``table`` (another sheet): its columns, guessed again by their headers."""
        rows = sum(1 for r in table.rows if any(r))
        what = KIND_TEXTS.get(table.source_kind, "fichier")
        sheet = getattr(table, "sheet", None)
        if sheet and self.sheet_combo.count() > 1:
            what += f", feuille « {sheet} »"
            self.sheet_combo.setCurrentText(sheet)
        self.intro.setText(
            f"{table.name} ({what}, {plural(rows, 'ligne')} de données). "
            "Choisissez la colonne du fichier qui donne chaque information."
        )
        guessed = guess_mapping(table.headers)
        self._filling = True
        try:
            for field, combo in self.combos.items():
                combo.clear()
                combo.addItem(NONE_TEXT, None)
                for number, header in enumerate(table.headers):
                    combo.addItem(header or f"colonne {number + 1}", number)
                combo.setCurrentIndex(max(combo.findData(guessed.get(field)), 0))
        finally:
            self._filling = False

    def _column_changed(self) -> None:
        if not self._filling:
            self.changed.emit()

    def mapping(self) -> dict[str, int | None]:
        return {field: combo.currentData() for field, combo in self.combos.items()}


class NamesStep(QWidget):
    """Each unknown name as a row « correspond à … », « Confirmer toutes les
    propositions », « Ajouter le site à l'indicateur », « Mémoriser ces
    correspondances », and every other problem of the file (up to 50)."""

    def __init__(self, catalogue: CatalogueChoices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.intro = message_label("importNamesIntro", "Noms à faire correspondre")
        self.names = NamesPanel(catalogue)
        self.confirm_all_button = name(
            QPushButton("Confirmer toutes les &propositions"),
            "confirmAllMappings",
            "Confirmer toutes les correspondances proposées",
        )
        self.confirm_all_button.clicked.connect(self.names.confirm_all)
        self.add_sites_check = name(
            QCheckBox("&Ajouter le site à l'indicateur quand une valeur le nomme"),
            "addSitesToIndicators",
            "Ajouter le site à l'indicateur",
            "Une valeur donnée pour un site que l'indicateur ne suit pas encore ajoute ce "
            "site à l'indicateur.",
        )
        self.add_sites_check.hide()
        self.remember_check = name(
            QCheckBox("&Mémoriser ces correspondances pour les prochains fichiers"),
            "rememberMappings",
            "Mémoriser ces correspondances",
            "Les noms choisis ici seront reconnus sans question au prochain import ; la "
            "liste se modifie dans la page Indicateurs.",
        )
        self.remember_check.setChecked(True)
        self.problems_view = name(QPlainTextEdit(), "importProblems", "Problèmes du fichier")
        self.problems_view.setReadOnly(True)
        self.problems_view.setTabChangesFocus(True)
        self.problems_view.setMaximumHeight(self.problems_view.fontMetrics().lineSpacing() * 8)
        self.problems_label = buddy("Autres pro&blèmes du fichier\u00a0:", self.problems_view)
        self.no_problem_label = message_label("importNoProblem", "Autres problèmes")
        self.no_problem_label.setText("Aucun autre problème dans le fichier.")
        buttons = QHBoxLayout()
        buttons.addWidget(self.confirm_all_button)
        buttons.addStretch(1)
        self.setLayout(
            _page(
                self.intro,
                self.names,
                buttons,
                self.add_sites_check,
                self.remember_check,
                self.no_problem_label,
                self.problems_label,
                self.problems_view,
                stretch=self.names,
            )
        )

    def show_check(self, check: FileCheck) -> None:
        if any(p.kind == "site-link" for p in check.problems):
            self.add_sites_check.show()  # and it stays, once ticked or not
        text = problems_text(check.problems)
        self.problems_view.setPlainText(text)
        for widget in (self.problems_label, self.problems_view):
            widget.setVisible(bool(text))
        self.no_problem_label.setVisible(not text)
        rows = self.names.rows
        indicators = sum(1 for kind, _w in rows if kind == "indicator")
        sites = len(rows) - indicators
        if not rows:
            self.intro.setText(
                "Le catalogue connaît tous les indicateurs et tous les sites du fichier."
            )
            return
        parts = [plural(indicators, "indicateur")] if indicators else []
        if sites:
            parts.append(plural(sites, "site"))
        self.intro.setText(
            f"Le fichier nomme {' et '.join(parts)} que le catalogue ne connaît pas. Pour "
            "chacun, choisissez l'entrée qui lui correspond (les suggestions d'abord, avec "
            "leur ressemblance), ou créez-la, ou ignorez ses lignes. Une proposition ne "
            "compte qu'une fois confirmée."
        )


class PreviewStep(QWidget):
    """The first lines as they will be written, the stored mappings applied."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = PreviewModel(self)
        self.view = table_view("importPreview", "Aperçu après les correspondances", self.model)
        self.remembered_label = message_label("importRemembered", "Correspondances enregistrées")
        colours.paint(self.remembered_label, colours.INFO)
        self.remembered_label.hide()
        warning = message_label("importNotUndoable", "Avertissement")
        warning.setText(NOT_UNDOABLE)
        label = buddy(
            f"&Aperçu des {PREVIEW_ROWS} premières lignes telles qu'elles seront importées\u00a0:",
            self.view,
        )
        self.setLayout(_page(self.remembered_label, label, self.view, warning, stretch=self.view))

    def show_check(self, check: FileCheck | None) -> None:
        self.model.set_rows(list(check.preview) if check is not None else [])
        if check is None or not check.remembered:
            self.remembered_label.hide()
            return
        pairs = " ; ".join(
            f"«\u00a0{shortened(w)}\u00a0» → {shortened(t)}"
            for w, t in sorted(check.remembered.items())
        )
        self.remembered_label.setText(f"Correspondances enregistrées appliquées : {pairs}.")
        self.remembered_label.show()


class ReportStep(QWidget):
    """What the import wrote."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = name(QPlainTextEdit(), "importReport", "Compte rendu de l'import")
        self.view.setReadOnly(True)
        self.view.setTabChangesFocus(True)
        self.setLayout(
            _page(buddy("&Compte rendu\u00a0:", self.view), self.view, stretch=self.view)
        )

    def show_report(self, report) -> None:
        text = report_text(report.rows, report.added, report.updated)
        self.view.setPlainText("\n".join([text, *report_details(report)]))
