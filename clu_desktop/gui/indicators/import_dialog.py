"""Importing indicator values from a spreadsheet, in steps: which column holds each
field; what each name the catalogue does not know corresponds to (with every other
problem of the file at once); the lines as they will be written; the report.

The whole file is checked off the GUI thread (``import_worker.Job``) each time a column
or a choice changes, with a progress bar and « Annuler la vérification »; the import
itself runs there too, all or nothing. « Importer » is enabled only when nothing is left
to decide or to correct.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clu_desktop.errors import UserError
from clu_desktop.gui import colours, messages
from clu_desktop.gui.indicators.editing import buddy, message_label, name
from clu_desktop.gui.indicators.import_names import CatalogueChoices, NamesPanel
from clu_desktop.gui.indicators.import_preview import PreviewModel, report_details, report_text
from clu_desktop.gui.indicators.import_worker import Job
from clu_desktop.interchange import indicators_import as core
from clu_desktop.interchange.indicators_import import (
    FIELDS,
    REQUIRED,
    Table,
    check_mapping,
    guess_mapping,
    preview,
)
from clu_desktop.interchange.indicators_names import NameChoices
from clu_desktop.interchange.indicators_report import problem_text
from clu_desktop.services import indicators as service
from clu_desktop.store.database import Database

__all__ = ["ImportDialog", "PreviewModel", "report_text"]

PREVIEW_ROWS = 20
PROBLEMS_SHOWN = 50
CHECK_DELAY_MS = 150  # a burst of changes makes one check
NONE_TEXT = "(aucune)"
ERROR = colours.ERROR
COLUMNS, NAMES, PREVIEW, REPORT = range(4)
STEP_TITLES = {
    COLUMNS: "Étape 1 sur 3 : les colonnes du fichier",
    NAMES: "Étape 2 sur 3 : les noms que le catalogue ne connaît pas",
    PREVIEW: "Étape 3 sur 3 : l'aperçu de ce qui sera importé",
    REPORT: "Import terminé",
}
FIELD_LABELS = {
    "indicateur": "I&ndicateur (code ou nom)",
    "période": "&Période",
    "site": "&Site (vide\u00a0: ensemble)",
    "valeur": "&Valeur",
    "commentaire": "&Commentaire",
    "source": "S&ource",
}
#: Headings of the other problems, in the order they are listed.
PROBLEM_TITLES = {
    "indicator": "Indicateurs inconnus",
    "site": "Sites inconnus",
    "site-link": "Sites que l'indicateur ne suit pas",
    "value": "Valeurs illisibles ou hors limites",
    "period": "Périodes illisibles ou qui ne conviennent pas à l'indicateur",
    "duplicate": "Lignes en double",
    "cells": "Cellules en trop ou texte trop long",
    "empty": "Rien à importer",
}
NOT_UNDOABLE = (
    "L'import ne peut pas être annulé avec Ctrl+Z. Toutes les lignes sont vérifiées avant "
    "d'écrire quoi que ce soit : tant qu'un problème reste, rien n'est importé. Une valeur "
    "déjà saisie pour le même indicateur, la même période et le même site est remplacée."
)


def problems_text(problems, limit: int = PROBLEMS_SHOWN) -> str:
    """Every problem grouped by kind, ``limit`` at most, then the count of the others."""
    order = list(PROBLEM_TITLES)
    groups: dict[str, list] = {}
    for problem in problems:
        groups.setdefault(problem.kind, []).append(problem)
    out, shown = [], 0
    for kind in sorted(groups, key=lambda k: order.index(k) if k in order else len(order)):
        if shown >= limit:
            break
        items = groups[kind]
        out.append(f"{PROBLEM_TITLES.get(kind, 'Autres problèmes')} ({len(items)}) :")
        for problem in items[: limit - shown]:
            out.append(f"  • {problem_text(problem)}")
            shown += 1
    if len(problems) > shown:
        others = len(problems) - shown
        out.append(
            f"… et {others} autre{'s' if others > 1 else ''} problème{'s' if others > 1 else ''}."
        )
    return "\n".join(out)


def read_catalogue(db: Database) -> CatalogueChoices:
    with db.reading() as session:
        indicators = service.list_indicators(session)
        sites = service.list_sites(session)
    return CatalogueChoices(
        indicators=tuple((r.id, f"{r.code} — {r.name}") for r in indicators),
        sites=tuple((s.id, s.name) for s in sites),
        categories=tuple(sorted({r.category for r in indicators if r.category})),
        units=tuple(sorted({r.unit for r in indicators if r.unit})),
    )


def _table_view(object_name: str, accessible: str, model) -> QTableView:
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


class ImportDialog(QDialog):
    """The steps of one import of ``table``. ``imported(report)`` once values are
    written (the dialog then shows the report; « Fermer » accepts it)."""

    imported = Signal(object)

    def __init__(self, db: Database, table: Table, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("indicatorImportDialog")
        self.setWindowTitle(f"Importer des valeurs d'indicateurs — {table.name}")
        self.setAccessibleName("Importer des valeurs d'indicateurs")
        self.db, self.table = db, table
        self.report = None
        self.check: core.FileCheck | None = None
        self.job: Job | None = None
        self._generation = 0
        self._checked_inputs: object = None  # the inputs self.check answers
        self._names_columns: object = None  # the columns the names panel was filled for
        self._user_cancelled = False
        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(CHECK_DELAY_MS)
        self._check_timer.timeout.connect(self.start_check)

        self.step_label = name(QLabel(), "importStep", "Étape")
        font = self.step_label.font()
        font.setBold(True)
        self.step_label.setFont(font)
        self.steps = QStackedWidget()
        self.steps.setObjectName("importSteps")
        self.steps.addWidget(self._columns_page())
        self.steps.addWidget(self._names_page())
        self.steps.addWidget(self._preview_page())
        self.steps.addWidget(self._report_page())

        self.status_label = message_label("importStatus", "État de la vérification")
        self.progress = name(QProgressBar(), "importProgress", "Progression de la vérification")
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.stop_button = name(
            QPushButton("Annuler la vérifica&tion"),
            "cancelCheck",
            "Annuler la vérification (rien n'est écrit)",
        )
        self.stop_button.clicked.connect(self.stop_or_restart)
        self.stop_button.hide()
        strip = QHBoxLayout()
        strip.addWidget(self.status_label, 1)
        strip.addWidget(self.progress)
        strip.addWidget(self.stop_button)

        self.buttons = QDialogButtonBox()
        self.back_button = self.buttons.addButton(
            "< &Retour", QDialogButtonBox.ButtonRole.ActionRole
        )
        name(self.back_button, "importBack", "Étape précédente")
        self.next_button = self.buttons.addButton(
            "S&uivant >", QDialogButtonBox.ButtonRole.ActionRole
        )
        name(self.next_button, "importNext", "Étape suivante")
        self.import_button = self.buttons.addButton(
            "&Importer", QDialogButtonBox.ButtonRole.ActionRole
        )
        name(self.import_button, "importButton", "Importer les valeurs")
        self.close_button = self.buttons.addButton(
            "Annuler", QDialogButtonBox.ButtonRole.RejectRole
        )
        name(self.close_button, "cancelImport", "Fermer sans importer")
        self.back_button.clicked.connect(self.go_back)
        self.next_button.clicked.connect(self.go_next)
        self.import_button.clicked.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.step_label)
        layout.addWidget(self.steps, 1)
        layout.addLayout(strip)
        layout.addWidget(self.buttons)
        # A minimum of its own: the steps, and the rows of names that come and go, never
        # change the window's size constraints while it is shown.
        self.setMinimumSize(760, 560)
        self.resize(1000, 680)
        self.show_step(COLUMNS)
        self.columns_changed()
        self.ensurePolished()
        self.layout().activate()

    # The pages

    def _columns_page(self) -> QWidget:
        table = self.table
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
            combo.currentIndexChanged.connect(lambda _i: self.columns_changed())
            required = " (obligatoire)" if field in REQUIRED else ""
            form.addRow(buddy(f"{FIELD_LABELS[field]}{required}\u00a0:", combo), combo)
            self.combos[field] = combo
        self.mapping_error = message_label("importMappingError", "Problème de colonnes")
        colours.paint(self.mapping_error, ERROR)
        self.mapping_error.setMinimumHeight(self.mapping_error.fontMetrics().lineSpacing() * 2)
        self.lines_model = PreviewModel(self)
        self.lines_view = _table_view(
            "importLines", "Premières lignes du fichier", self.lines_model
        )
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.mapping_error)
        layout.addWidget(
            buddy("&Aperçu des premières lignes, lues avec ces colonnes\u00a0:", self.lines_view)
        )
        layout.addWidget(self.lines_view, 1)
        return page

    def _names_page(self) -> QWidget:
        self.names_intro = message_label("importNamesIntro", "Noms à faire correspondre")
        self.names = NamesPanel(read_catalogue(self.db))
        self.names.changed.connect(self.choices_changed)
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
        self.add_sites_check.toggled.connect(lambda _on: self.choices_changed())
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
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.names_intro)
        layout.addWidget(self.names, 1)
        row = QHBoxLayout()
        row.addWidget(self.confirm_all_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.add_sites_check)
        layout.addWidget(self.remember_check)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.problems_view)
        return page

    def _preview_page(self) -> QWidget:
        self.model = PreviewModel(self)
        self.preview_view = _table_view(
            "importPreview", "Aperçu après les correspondances", self.model
        )
        self.remembered_label = message_label("importRemembered", "Correspondances enregistrées")
        colours.paint(self.remembered_label, colours.INFO)
        self.summary_label = message_label("importSummary", "Résumé de la vérification")
        warning = message_label("importNotUndoable", "Avertissement")
        warning.setText(NOT_UNDOABLE)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.remembered_label)
        layout.addWidget(
            buddy(
                f"&Aperçu des {PREVIEW_ROWS} premières lignes telles qu'elles seront "
                "importées\u00a0:",
                self.preview_view,
            )
        )
        layout.addWidget(self.preview_view, 1)
        layout.addWidget(self.summary_label)
        layout.addWidget(warning)
        return page

    def _report_page(self) -> QWidget:
        self.report_view = name(QPlainTextEdit(), "importReport", "Compte rendu de l'import")
        self.report_view.setReadOnly(True)
        self.report_view.setTabChangesFocus(True)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(buddy("&Compte rendu\u00a0:", self.report_view))
        layout.addWidget(self.report_view, 1)
        return page

    # Steps

    def step(self) -> int:
        return self.steps.currentIndex()

    def show_step(self, step: int) -> None:
        self.steps.setCurrentIndex(step)
        self.step_label.setText(STEP_TITLES[step])
        self._update_buttons()

    def go_next(self) -> None:
        if self.step() == COLUMNS:
            skip = self.check is not None and not self.names.rows and not self.check.problems
            self.show_step(PREVIEW if skip else NAMES)
        elif self.step() == NAMES:
            self.show_step(PREVIEW)

    def go_back(self) -> None:
        if self.step() == PREVIEW and (self.names.rows or (self.check and self.check.problems)):
            self.show_step(NAMES)
        elif self.step() in (NAMES, PREVIEW):
            self.show_step(COLUMNS)

    # Inputs

    def mapping(self) -> dict[str, int | None]:
        return {field: combo.currentData() for field, combo in self.combos.items()}

    def name_choices(self) -> NameChoices:
        return NameChoices(
            indicators=self.names.choices("indicator"),
            sites=self.names.choices("site"),
            add_sites_to_indicators=self.add_sites_check.isChecked(),
        )

    def _inputs(self) -> tuple:
        choices = self.name_choices()
        return (
            tuple(self.mapping().items()),
            tuple(sorted(choices.indicators.items())),
            tuple(sorted(choices.sites.items())),
            choices.add_sites_to_indicators,
        )

    def columns_changed(self) -> None:
        """Check the columns at once, show the first lines, and check the file again."""
        mapping = self.mapping()
        try:
            check_mapping(self.table, mapping)
            problem = None
        except UserError as exc:
            problem = str(exc)
        self.mapping_error.setText(problem or "")
        self.lines_model.set_rows(preview(self.table, mapping, PREVIEW_ROWS))
        self.check = None
        self.model.set_rows([])
        if problem is not None:
            self._cancel_job()
            self.status_label.setText("Choisissez d'abord les colonnes.")
            self._update_buttons()
            return
        self.choices_changed()

    def choices_changed(self) -> None:
        self._user_cancelled = False
        self._update_buttons()
        self._check_timer.start()

    # The check, off the GUI thread

    def busy(self) -> bool:
        return self.job is not None or self._check_timer.isActive()

    def start_check(self) -> None:
        if self.job is not None:  # a check of older inputs: stop it, check again after
            self.job.cancel()
            self._check_timer.start()
            return
        try:
            check_mapping(self.table, self.mapping())
        except UserError:
            return
        table, mapping, choices = self.table, self.mapping(), self.name_choices()
        inputs = self._inputs()

        def work(session, progress):
            return core.check_file(
                session, table, mapping, choices, preview_rows=PREVIEW_ROWS, progress=progress
            )

        self._start(Job(self.db, work, parent=self), "Vérification du fichier…")
        self.job.succeeded.connect(lambda check: self._checked(check, inputs))

    def _start(self, job: Job, text: str) -> None:
        self._generation += 1
        generation = self._generation
        self.job = job
        job.progressed.connect(lambda done, total: self._progressed(generation, done, total))
        job.refused.connect(lambda message: self._refused(generation, message))
        job.cancelled.connect(lambda: self._cancelled(generation))
        job.crashed.connect(self._crashed)
        job.finished.connect(lambda: self._finished(job))
        self.status_label.setText(text)
        colours.unpaint(self.status_label)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.stop_button.setText(
            "Annuler la vérifica&tion" if not job.writes else "Annuler l'impor&t"
        )
        self.stop_button.show()
        self._update_buttons()
        job.start()

    def _progressed(self, generation: int, done: int, total: int) -> None:
        if generation == self._generation and total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _finished(self, job: Job) -> None:
        if self.job is job:
            self.job = None
            self.progress.hide()
            if self._user_cancelled:
                self.stop_button.setText("Relancer la vérifica&tion")
            else:
                self.stop_button.hide()
        job.deleteLater()
        self._update_buttons()

    def _checked(self, check: core.FileCheck, inputs: tuple) -> None:
        if inputs != self._inputs():
            return  # a choice changed meanwhile: the next check answers it
        self.check, self._checked_inputs = check, inputs
        columns = inputs[0]
        if columns != self._names_columns:
            self.names.reset()
            self._names_columns = columns
        self.names.add_names([*check.unknown_indicators, *check.unknown_sites])
        if any(p.kind == "site-link" for p in check.problems):
            self.add_sites_check.show()
        self._show_names_intro()
        self.problems_view.setPlainText(
            problems_text(check.problems) or "Aucun autre problème dans le fichier."
        )
        self.model.set_rows(list(check.preview))
        self._show_remembered(check)
        self._show_summary(check)
        self._update_buttons()

    def _show_names_intro(self) -> None:
        rows = self.names.rows
        indicators = sum(1 for kind, _w in rows if kind == "indicator")
        sites = len(rows) - indicators
        if not rows:
            text = "Le catalogue connaît tous les indicateurs et tous les sites du fichier."
        else:
            parts = []
            if indicators:
                parts.append(f"{indicators} indicateur{'s' if indicators > 1 else ''}")
            if sites:
                parts.append(f"{sites} site{'s' if sites > 1 else ''}")
            text = (
                f"Le fichier nomme {' et '.join(parts)} que le catalogue ne connaît pas. Pour "
                "chacun, choisissez l'entrée qui lui correspond (les suggestions d'abord), "
                "ou créez-la, ou ignorez ses lignes. Une proposition ne compte qu'une fois "
                "confirmée."
            )
        self.names_intro.setText(text)

    def _show_remembered(self, check: core.FileCheck) -> None:
        if not check.remembered:
            self.remembered_label.hide()
            return
        pairs = "; ".join(f"« {w} » → {t}" for w, t in sorted(check.remembered.items()))
        self.remembered_label.setText(f"Correspondances enregistrées appliquées : {pairs}.")
        self.remembered_label.show()

    def _show_summary(self, check: core.FileCheck) -> None:
        undecided = self.names.undecided()
        if check.ready and not undecided:
            text, tone = (
                f"Les {check.rows} lignes du fichier sont prêtes à être importées."
                if check.rows > 1
                else "La ligne du fichier est prête à être importée.",
                colours.SUCCESS,
            )
        else:
            parts = []
            if undecided:
                parts.append(
                    f"{undecided} nom{'s' if undecided > 1 else ''} à faire correspondre (étape 2)"
                )
            if check.problems:
                count = len(check.problems)
                parts.append(
                    f"{count} problème{'s' if count > 1 else ''} à corriger dans le fichier"
                )
            what = " et ".join(parts) or "des problèmes à corriger"
            text, tone = f"Rien ne sera importé tant qu'il reste {what}.", ERROR
        self.summary_label.setText(text)
        colours.paint(self.summary_label, tone)
        self.status_label.setText(text)
        colours.paint(self.status_label, tone)

    def _refused(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        if self.job is not None and self.job.writes:
            messages.show_error(self, message)
            return
        self.check = None
        self.status_label.setText(message)
        colours.paint(self.status_label, ERROR)

    def _cancelled(self, generation: int) -> None:
        if generation != self._generation or not self._user_cancelled:
            return
        writing = self.job is not None and self.job.writes
        self.status_label.setText(
            "Import annulé : rien n'a été écrit."
            if writing
            else "Vérification annulée : rien n'a été écrit. « Relancer la vérification » "
            "la reprend."
        )
        colours.paint(self.status_label, colours.WARNING)

    def _crashed(self, exc: BaseException) -> None:
        raise exc

    def stop_or_restart(self) -> None:
        """« Annuler » while a job runs; « Relancer la vérification » after."""
        if self.job is not None:
            self._user_cancelled = True
            self._check_timer.stop()
            self.job.cancel()
            self.stop_button.setEnabled(False)
            QTimer.singleShot(0, lambda: self.stop_button.setEnabled(True))
        else:
            self._user_cancelled = False
            self.stop_button.hide()
            self.start_check()

    def _cancel_job(self) -> None:
        self._check_timer.stop()
        if self.job is not None:
            self.job.cancel()

    def _update_buttons(self) -> None:
        step = self.step()
        ready = (
            self.check is not None
            and self.check.ready
            and not self.busy()
            and self._checked_inputs == self._inputs()
            and self.names.undecided() == 0
        )
        self.import_button.setEnabled(ready)
        self.import_button.setVisible(step != REPORT)
        self.back_button.setVisible(step in (NAMES, PREVIEW))
        self.back_button.setEnabled(self.job is None or not self.job.writes)
        self.next_button.setVisible(step in (COLUMNS, NAMES))
        self.next_button.setEnabled(self.job is None or not self.job.writes)
        self.confirm_all_button.setEnabled(self.names.proposals_to_confirm() > 0)
        self.close_button.setText("&Fermer" if step == REPORT else "Annuler")

    # Importing

    def run_import(self) -> None:
        """Write every line in one transaction, off the GUI thread; « Annuler
        l'import » rolls it back."""
        if not self.import_button.isEnabled():
            return
        table, mapping, choices = self.table, self.mapping(), self.name_choices()
        remember = self.remember_check.isChecked()

        def work(session, progress):
            return core.import_values(
                session, table, mapping, choices, save_mappings=remember, progress=progress
            )

        self._user_cancelled = False
        self._start(Job(self.db, work, writes=True, parent=self), "Import en cours…")
        self.job.succeeded.connect(self._imported)

    def _imported(self, report) -> None:
        self.report = report
        text = report_text(report.rows, report.added, report.updated)
        self.report_view.setPlainText("\n".join([text, *report_details(report)]))
        self.status_label.setText(text)
        colours.paint(self.status_label, colours.SUCCESS)
        self.show_step(REPORT)
        self.imported.emit(report)

    def reject(self) -> None:
        """« Annuler » before the import; « Fermer » after it accepts the dialog."""
        if self.report is not None:
            self.accept()
        else:
            super().reject()

    def done(self, result: int) -> None:
        """Closing stops a check under way (and rolls back an import not yet committed)."""
        self._cancel_job()
        if self.job is not None:
            self._user_cancelled = True
            self.job.wait(10_000)
        super().done(result)
