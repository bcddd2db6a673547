"""The "Audits" tab: the audits, newest first; the selected audit's fields and its
findings (points forts, pistes de progrès, non-conformités)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QWidget,
)

from clu_desktop.domain import AuditKind
from clu_desktop.gui.common.layout import button, button_row, column, fill, split
from clu_desktop.gui.common.records import add_record
from clu_desktop.gui.quality.common import (
    ModuleChecklist,
    buddy,
    date_edit,
    fit_columns,
    from_qdate,
    message_label,
    name,
    select_data,
    set_plain_text,
    text_field,
    to_qdate,
    top_aligned,
)
from clu_desktop.gui.quality.editing import QualityContext, ReferentialListPanel
from clu_desktop.gui.quality.findings_panel import FindingsPanel
from clu_desktop.gui.quality.models import audits_model
from clu_desktop.services.quality import audits as quality_audits
from clu_desktop.services.quality import common as quality_common
from clu_desktop.services.quality.common import AuditRow

NO_AUDIT_TEXT = "Aucun audit enregistré. Ajoutez-en un avec « Ajouter un audit »."


class AuditsPanel(ReferentialListPanel):
    """``action_created(action_id)`` after a finding became an action."""

    set_modules = staticmethod(quality_audits.set_audit_modules)
    kind = "audit"
    modules_edit_text = "Changer les modules audités"
    list_rows = staticmethod(quality_audits.list_audits)
    update_service = staticmethod(quality_audits.update_audit)

    action_created = Signal(int)

    def __init__(self, context: QualityContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("qualityAudits")
        self._current: AuditRow | None = None
        self._build_list(audits_model(self), "audit", "Audits", NO_AUDIT_TEXT)
        fit_columns(self.view, 4)
        self._add_menu_button(
            "A&jouter un audit",
            "addAudit",
            "Ajouter un audit",
            "Ajouter un audit interne ou externe d'un référentiel",
        )
        self.delete_button = button("Supprimer l'audit", "deleteAudit", "Supprimer l'audit")

        self.referential_label = message_label("auditReferential", "Référentiel de l'audit")
        self.kind_combo = name(QComboBox(), "auditKind", "Type d'audit")
        for kind, label in quality_common.AUDIT_KIND_LABELS.items():
            self.kind_combo.addItem(label, kind.value)
        self.date_edit = date_edit("auditDate", "Date de l'audit")
        self.auditor_edit = name(QLineEdit(), "auditAuditor", "Auditeur")
        self.auditor_edit.setPlaceholderText("Organisme ou personne")
        self.site_combo = name(QComboBox(), "auditSite", "Site audité")
        self.modules = ModuleChecklist("auditModules", "Modules audités")
        self.modules.setMaximumHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.result_edit = text_field("auditResult", "Résultat de l'audit", lines=2)
        self.result_edit.setPlaceholderText("Conclusion de l'audit")
        self.findings = FindingsPanel(context)
        self.findings.saved.connect(self._findings_saved)
        self.findings.action_created.connect(self.action_created)

        self.editor = self._build_editor()
        top = column(
            buddy("Liste des audits (du plus récent au plus ancien)\u00a0:", self.view),
            self.view,
            self.empty_label,
            button_row(self.add_button, self.delete_button),
            stretch=self.view,
        )
        horizontal = Qt.Orientation.Horizontal
        bottom = split("auditDetailSplitter", self.editor, self.findings, (2, 3), horizontal)
        fill(self, split("auditSplitter", top, bottom, (1, 3)))

        self.add_menu.triggered.connect(lambda action: self.add_audit(action.data()))
        self.delete_button.clicked.connect(self.delete_audit)
        self.kind_combo.activated.connect(self._kind_chosen)
        self.date_edit.dateChanged.connect(self._date_changed)
        self.auditor_edit.textEdited.connect(self._auditor_typed)
        self.site_combo.activated.connect(self._site_chosen)
        self.modules.edited.connect(self._modules_edited)
        self.result_edit.textChanged.connect(self._result_typed)

    def _build_editor(self) -> QWidget:
        editor = QWidget()
        editor.setObjectName("auditEditor")
        form = QFormLayout()
        kind_date = QHBoxLayout()
        kind_date.addWidget(self.kind_combo)
        kind_date.addWidget(buddy("Dat&e\u00a0:", self.date_edit))
        kind_date.addWidget(self.date_edit)
        kind_date.addStretch(1)
        form.addRow("Référentiel\u00a0:", self.referential_label)
        form.addRow(buddy("T&ype\u00a0:", self.kind_combo), kind_date)
        form.addRow(buddy("Auditeur\u00a0:", self.auditor_edit), self.auditor_edit)
        form.addRow(buddy("Site\u00a0:", self.site_combo), self.site_combo)
        form.addRow(buddy("Modules audités\u00a0:", self.modules), self.modules)
        form.addRow(buddy("Résultat\u00a0:", self.result_edit), self.result_edit)
        return top_aligned(editor, form)

    def tab_order(self) -> list[QWidget]:
        return [
            self.view,
            self.add_button,
            self.delete_button,
            self.kind_combo,
            self.date_edit,
            self.auditor_edit,
            self.site_combo,
            self.modules,
            self.result_edit,
            *self.findings.tab_order(),
        ]

    # Loading

    def selected_audit(self) -> AuditRow | None:
        return self._current

    def select_audit(self, audit_id: int) -> None:
        self.select_record(audit_id)

    def _modules_of(self, row: AuditRow | None) -> tuple:
        for referential in self._referentials:
            if row is not None and referential.id == row.referential_id:
                return referential.modules
        return ()

    def _show_current(self) -> None:
        row = self._take_current(self.delete_button)
        self.referential_label.setText(row.referential_name if row is not None else "")
        select_data(self.kind_combo, row.kind.value if row is not None else None)
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(to_qdate(row.date) if row is not None else QDate.currentDate())
        self.date_edit.blockSignals(False)
        auditor = (row.auditor or "") if row is not None else ""
        if self.auditor_edit.text() != auditor:
            self.auditor_edit.setText(auditor)
        select_data(self.site_combo, row.site_id if row is not None else None)
        self.modules.set_modules(
            self._modules_of(row), [m.id for m in row.modules] if row is not None else ()
        )
        set_plain_text(self.result_edit, row.result if row is not None else "")
        self.findings.show_audit(row, self._modules_of(row))

    def _saved(self, ok: bool) -> None:
        """After an edit: the list shows the new values; a refusal puts the editor back."""
        self._refresh_rows(self.read(quality_audits.list_audits))  # a new date may move it
        if not ok:
            self._show_current()

    def _findings_saved(self) -> None:
        self._saved(True)
        self.findings.update_audit(self._current)

    # Adding and deleting

    def add_audit(self, referential_id: int) -> None:
        new_id = add_record(
            self.context, self, "Ajouter un audit", quality_audits.add_audit,
            (referential_id, AuditKind.INTERNAL, dt.date.today()),
            quality_audits.delete_audit, quality_audits.restore_audit,
        )  # fmt: skip
        self._added(new_id, self.kind_combo)

    def delete_audit(self) -> None:
        self._delete_and_reload(
            "Supprimer l'audit", quality_audits.delete_audit, quality_audits.restore_audit
        )

    # Editing

    def _kind_chosen(self, index: int) -> None:
        new = AuditKind(self.kind_combo.itemData(index))
        self._save_value("Changer le type d'audit", "kind", new)

    def _date_changed(self, value: QDate) -> None:
        new = from_qdate(value)
        self._save_value("Changer la date de l'audit", "date", new, merge=True)

    def _auditor_typed(self, text: str) -> None:
        self._save_text("Modifier l'auditeur", "auditor", text)

    def _site_chosen(self, index: int) -> None:
        self._save_value("Changer le site audité", "site_id", self.site_combo.itemData(index))

    def _result_typed(self) -> None:
        new = self.result_edit.toPlainText()
        self._save_text("Modifier le résultat de l'audit", "result", new)
