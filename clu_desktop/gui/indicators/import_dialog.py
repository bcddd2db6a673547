"""Importing indicator values from a spreadsheet, in steps: which column holds each
field; what each name the catalogue does not know corresponds to (with every other
problem of the file at once); the lines as they will be written; the report.

The whole file is checked off the GUI thread (``import_worker.Job``) each time a column
or a choice changes, with a progress bar and « Annuler la vérification »; the import
itself runs there too, all or nothing. « Importer » is enabled only when nothing is left
to decide or to correct.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import Shiboken

from clu_desktop.errors import UserError
from clu_desktop.gui import colours, messages
from clu_desktop.gui.indicators.editing import name
from clu_desktop.gui.indicators.import_preview import PreviewModel, report_text
from clu_desktop.gui.indicators.import_steps import (
    COLUMNS,
    NAMES,
    PREVIEW,
    PREVIEW_ROWS,
    REPORT,
    STEP_TITLES,
    ColumnsStep,
    NamesStep,
    PreviewStep,
    ReportStep,
    read_catalogue,
    status_text,
)
from clu_desktop.gui.indicators.import_worker import Job, ProgressStrip
from clu_desktop.services.indicators import files as core
from clu_desktop.services.indicators.files import (
    Layout,
    NameChoices,
    Table,
    check_mapping,
    preview,
    read_for_import,
    sheet_names,
)
from clu_desktop.store.database import Database

__all__ = ["ImportDialog", "PreviewModel", "read_catalogue", "report_text"]

CHECK_DELAY_MS = 150  # a burst of changes makes one check
ERROR = colours.ERROR


class ImportDialog(QDialog):
    """The steps of one import of ``table``, or of the file at ``path`` when ``table``
    is None: the dialog then reads it itself, off the GUI thread (a 200,000-line
    workbook takes seconds), and closes saying why if it cannot. ``imported(report)``
    once values are written (the dialog then shows the report; « Fermer » accepts it)."""

    imported = Signal(object)

    def __init__(
        self,
        db: Database,
        table: Table | None,
        parent: QWidget | None = None,
        *,
        path: Path | str | None = None,
        sheets: Sequence[str] = (),
    ) -> None:
        super().__init__(parent)
        reading = table is None
        if table is None:
            if path is None:
                raise ValueError("a table or a path")
            kind = Path(path).suffix.lower().lstrip(".")
            table = Table(
                (), (), kind if kind in ("xlsx", "xls", "ods") else "csv", Path(path).name
            )
        self.setObjectName("indicatorImportDialog")
        self.setWindowTitle(f"Importer des valeurs d'indicateurs — {table.name}")
        self.setAccessibleName("Importer des valeurs d'indicateurs")
        self.db, self.table, self.path = db, table, path
        self._table_serial = 0  # another sheet read: older checks answer nothing
        self._reading_sheet = False
        self._first_read = False  # the file itself is being read: failing closes the dialog
        self.report = None
        self.check: core.FileCheck | None = None
        self.job: Job | None = None
        self._generation = 0
        self._checked_inputs: object = None  # the inputs self.check answers
        self._names_columns: object = None  # the columns the names were read from
        self._user_cancelled = False
        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(CHECK_DELAY_MS)
        self._check_timer.timeout.connect(self.start_check)

        self.step_label = name(QLabel(), "importStep", "Étape")
        font = self.step_label.font()
        font.setBold(True)
        self.step_label.setFont(font)
        self.columns_step = ColumnsStep(table, sheets if path is not None else ())
        self.names_step = NamesStep(read_catalogue(db))
        self.preview_step = PreviewStep()
        self.report_step = ReportStep()
        self.steps = QStackedWidget()
        self.steps.setObjectName("importSteps")
        for page in (self.columns_step, self.names_step, self.preview_step, self.report_step):
            self.steps.addWidget(page)
        # What tests and the page reach directly.
        self.combos = self.columns_step.combos
        self.mapping_error = self.columns_step.mapping_error
        self.lines_model = self.columns_step.lines_model
        self.names = self.names_step.names
        self.names_intro = self.names_step.intro
        self.add_sites_check = self.names_step.add_sites_check
        self.remember_check = self.names_step.remember_check
        self.problems_view = self.names_step.problems_view
        self.confirm_all_button = self.names_step.confirm_all_button
        self.model = self.preview_step.model
        self.remembered_label = self.preview_step.remembered_label
        self.report_view = self.report_step.view
        self.columns_step.changed.connect(self.columns_changed)
        self.columns_step.sheet_chosen.connect(self.choose_sheet)
        self.names.changed.connect(self.choices_changed)
        self.add_sites_check.toggled.connect(lambda _on: self.choices_changed())

        self.strip = ProgressStrip()
        self.status_label, self.progress = self.strip.label, self.strip.bar
        self.stop_button = self.strip.button
        self.stop_button.clicked.connect(self.stop_or_restart)

        self.back_button = name(QPushButton("< &Retour"), "importBack", "Étape précédente")
        self.next_button = name(QPushButton("S&uivant >"), "importNext", "Étape suivante")
        self.import_button = name(QPushButton("&Importer"), "importButton", "Importer les valeurs")
        self.close_button = name(QPushButton("Annuler"), "cancelImport", "Fermer sans importer")
        self.back_button.clicked.connect(self.go_back)
        self.next_button.clicked.connect(self.go_next)
        self.import_button.clicked.connect(self.run_import)
        self.close_button.clicked.connect(self.reject)
        self.buttons = QHBoxLayout()
        for button in (self.back_button, self.next_button):
            self.buttons.addWidget(button)
        self.buttons.addStretch(1)
        self.buttons.addWidget(self.import_button)
        self.buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.step_label)
        layout.addWidget(self.steps, 1)
        layout.addWidget(self.strip)
        layout.addLayout(self.buttons)
        # A minimum of its own: the steps, and the rows of names that come and go, never
        # change the window's size constraints while it is shown.
        self.setMinimumSize(760, 560)
        self.resize(1000, 680)
        self.show_step(COLUMNS)
        if reading:
            self._read_file()
        else:
            self.columns_changed()
        self.ensurePolished()
        self.layout().activate()

    # Steps

    def step(self) -> int:
        return self.steps.currentIndex()

    def show_step(self, step: int) -> None:
        """Show ``step``; the keyboard goes to its first field."""
        self.steps.setCurrentIndex(step)
        self.step_label.setText(STEP_TITLES[step])
        self._update_buttons()
        first = {
            COLUMNS: self.combos["indicateur"],
            NAMES: next(iter(self.names.widgets()), self.remember_check),
            PREVIEW: self.preview_step.view,
            REPORT: self.close_button,
        }[step]
        if self.isVisible():
            first.setFocus(Qt.FocusReason.TabFocusReason)
        # Entrée goes on (« Suivant », then « Importer » once enabled); it never presses
        # a row's « Confirmer »: only the step's own button is a default one.
        default = {COLUMNS: self.next_button, NAMES: self.next_button}.get(step)
        default = default or (self.import_button if step == PREVIEW else self.close_button)
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
            button.setDefault(button is default)

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
        return self.columns_step.mapping()

    def name_choices(self) -> NameChoices:
        return NameChoices(
            indicators=self.names.choices("indicator"),
            sites=self.names.choices("site"),
            add_sites_to_indicators=self.add_sites_check.isChecked(),
        )

    def _inputs(self) -> tuple:
        choices = self.name_choices()
        return (
            (self._table_serial, tuple(self.mapping().items())),
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
        # The names come from the indicator and site columns: other columns, other names,
        # asked afresh (a comment's column leaves the choices made).
        names_from = (self._table_serial, mapping.get("indicateur"), mapping.get("site"))
        if names_from != self._names_columns:
            self.names.reset()
            self._names_columns = names_from
        self.lines_model.set_rows(preview(self.table, mapping, PREVIEW_ROWS))
        self.check = None
        self.preview_step.show_check(None)
        if problem is not None:
            self._cancel_job()
            self.strip.say("Choisissez d'abord les colonnes.")
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
        if self.job is not None and (self.job.writes or self._reading_sheet):
            return  # the import decides; a sheet read checks itself once read
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

        self._start(
            Job(self.db, work, parent=self),
            "Vérification du fichier…",
            None,
            lambda check: self._checked(check, inputs),
        )

    def _read_file(self) -> None:
        """The file's sheets and its first sheet (or the CSV file), off the GUI thread."""
        path = self.path

        def work(_session, _progress):
            return tuple(sheet_names(path)), *read_for_import(path)

        self._reading_sheet = self._first_read = True
        self.columns_step.intro.setText(f"Lecture de « {self.table.name} »…")
        self._start(
            Job(self.db, work, parent=self),
            f"Lecture de « {self.table.name} »…",
            "Annuler la lec&ture",
            self._file_read,
        )

    def _file_read(self, result: tuple) -> None:
        sheets, table, layout = result
        self._first_read = False
        self.columns_step.set_sheets(sheets)
        self._sheet_read((table, layout))

    def choose_sheet(self, sheet: str) -> None:
        """Read another sheet of the workbook (off the GUI thread), then check it."""
        if self.path is None or sheet == getattr(self.table, "sheet", None):
            return
        self._check_timer.stop()
        if self.job is not None:  # a check of the other sheet: it stops at once
            job, self.job = self.job, None
            job.cancel()
            job.wait(10_000)
        path = self.path

        def work(_session, _progress):
            return read_for_import(path, sheet)

        self._reading_sheet = True
        self._start(
            Job(self.db, work, parent=self),
            f"Lecture de la feuille « {sheet} »…",
            "Annuler la lec&ture",
            self._sheet_read,
        )

    def _sheet_read(self, result: tuple[Table, Layout]) -> None:
        """A sheet read (a wide table already turned into rows, and said so)."""
        table, layout = result
        self._reading_sheet = False
        self.table = table
        self.columns_step.set_layout(layout)
        self._table_serial += 1
        self._names_columns = None
        self.columns_step.set_table(table)
        self.columns_changed()

    def _start(
        self,
        job: Job,
        text: str,
        stop_text: str | None,
        succeeded: Callable[[object], object],
    ) -> None:
        """Run ``job``; ``succeeded(result)`` unless another job started meanwhile."""
        self._generation += 1
        generation = self._generation
        self.job = job

        def heard(slot: Callable[..., object]) -> Callable[..., None]:
            """``slot`` while this dialog exists: a job outlives a dialog closed and
            deleted while a file is still being read (its thread cannot be stopped)."""

            def call(*args: object) -> None:
                if Shiboken.isValid(self) and Shiboken.isValid(self.strip):
                    slot(*args)

            return call

        job.succeeded.connect(
            heard(lambda result: succeeded(result) if generation == self._generation else None)
        )
        job.progressed.connect(heard(lambda done, total: self._progressed(generation, done, total)))
        job.refused.connect(heard(lambda message: self._refused(generation, message)))
        job.cancelled.connect(heard(lambda: self._cancelled(generation)))
        job.crashed.connect(heard(self._crashed))
        job.finished.connect(heard(lambda: self._finished(job)))
        self.strip.running(
            text,
            stop_text or ("Annuler la vérifica&tion" if not job.writes else "Annuler l'impor&t"),
        )
        self._update_buttons()
        job.start()

    def _progressed(self, generation: int, done: int, total: int) -> None:
        if generation == self._generation:
            self.strip.progressed(done, total)

    def _finished(self, job: Job) -> None:
        if self.job is job:
            self.job = None
            if self._reading_sheet and self._first_read:  # no file to show: close
                self._reading_sheet = self._first_read = False
                if self.isVisible():
                    super().done(QDialog.DialogCode.Rejected)
                return
            if self._reading_sheet:  # refused or cancelled: the sheet read before stays
                self._reading_sheet = False
                self._user_cancelled = False
                self.columns_step.set_table(self.table)
                self.choices_changed()
            self.strip.stopped("Relancer la vérifica&tion" if self._user_cancelled else None)
        self._update_buttons()  # the job deletes itself once forgotten (import_worker)

    def _checked(self, check: core.FileCheck, inputs: tuple) -> None:
        if inputs != self._inputs():
            return  # a choice changed meanwhile: the next check answers it
        self.check, self._checked_inputs = check, inputs
        self.names.add_names([*check.unknown_indicators, *check.unknown_sites])
        self.names_step.show_check(check)
        self.preview_step.show_check(check)
        self._show_summary(check)
        self._update_buttons()

    def _show_summary(self, check: core.FileCheck) -> None:
        text, tone = status_text(check, self.names.undecided())
        self.strip.say(text, tone)

    def _refused(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        if (self.job is not None and self.job.writes) or self._reading_sheet:
            messages.show_error(self, message)
            return
        self.check = None
        self.strip.say(message, ERROR)

    def _cancelled(self, generation: int) -> None:
        if generation != self._generation or not self._user_cancelled:
            return
        writing = self.job is not None and self.job.writes
        if self._reading_sheet:
            text = "Lecture annulée : la feuille lue avant reste affichée."
        elif writing:
            text = "Import annulé : rien n'a été écrit."
        else:
            text = (
                "Vérification annulée : rien n'a été écrit. « Relancer la vérification » "
                "la reprend."
            )
        self.strip.say(text, colours.WARNING)

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
        writing = self.job is not None and self.job.writes
        # Nothing changes under an import being written, nor under a file being read.
        self.steps.setEnabled(not writing)
        self.columns_step.setEnabled(not self._reading_sheet)
        self.import_button.setEnabled(ready)
        self.import_button.setVisible(step != REPORT)
        self.back_button.setVisible(step in (NAMES, PREVIEW))
        self.back_button.setEnabled(not writing)
        self.next_button.setVisible(step in (COLUMNS, NAMES))
        self.next_button.setEnabled(not writing and not self._first_read)
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
        self._start(
            Job(self.db, work, writes=True, parent=self), "Import en cours…", None, self._imported
        )

    def _imported(self, report) -> None:
        self.report = report
        text = report_text(report.rows, report.added, report.updated)
        self.report_step.show_report(report)
        self.strip.say(text, colours.SUCCESS)
        self.show_step(REPORT)
        self.imported.emit(report)

    def reject(self) -> None:
        """« Annuler » before the import; « Fermer » after it accepts the dialog."""
        if self.report is not None:
            self.accept()
        else:
            super().reject()

    def done(self, result: int) -> None:
        """Closing stops a check under way (and rolls back an import not yet committed:
        an import that committed meanwhile still reports). A file being read cannot be
        interrupted: it is left to finish, unheard."""
        self._cancel_job()
        if self.job is not None:
            self._user_cancelled = True
            if self.job.writes:
                self.job.wait(10_000)
            elif not self._reading_sheet:
                self.job.wait(10_000)
                self._generation += 1
            else:
                self._generation += 1
                self._reading_sheet = self._first_read = False
        super().done(result)
