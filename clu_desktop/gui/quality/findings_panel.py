"""The findings of the selected audit: points forts, pistes de progrès, non-conformités,
each with its text and module; "Créer une action" follows one up in the action plan."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QVBoxLayout,
    QWidget,
)

from clu_desktop.domain import FindingKind
from clu_desktop.gui import colours
from clu_desktop.gui.common.layout import button, button_row
from clu_desktop.gui.common.list_editor import ListEditor
from clu_desktop.gui.common.records import add_record
from clu_desktop.gui.quality.common import (
    buddy,
    fit_columns,
    message_label,
    module_full_label,
    name,
    select_data,
    set_plain_text,
    table_view,
    text_field,
    top_aligned,
)
from clu_desktop.gui.quality.editing import QualityContext
from clu_desktop.gui.quality.models import ANSWERED, findings_model
from clu_desktop.services.quality import actions as quality_actions
from clu_desktop.services.quality import audits as quality_audits
from clu_desktop.services.quality import common as quality_common
from clu_desktop.services.quality.common import AuditRow, FindingRow

NEW_FINDING_TEXT = "Nouveau constat"


def followed_text(row: FindingRow | None) -> str:
    if row is None or not row.action_ids:
        return ""
    count = len(row.action_ids)
    if count == 1:
        return "Ce constat est suivi par une action du plan d'action."
    return f"Ce constat est suivi par {count} actions du plan d'action."


class FindingsPanel(QWidget, ListEditor):
    """``saved`` after each saved edit; ``action_created(id)`` after "Créer une action"."""

    saved = Signal()
    action_created = Signal(int)
    kind = "finding"
    update_service = staticmethod(quality_audits.update_finding)

    def __init__(self, context: QualityContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditFindings")
        self.context = context
        self._audit: AuditRow | None = None
        self._current: FindingRow | None = None

        self.model = findings_model(self)
        self.view = table_view("findingList", "Constats de l'audit", self.model)
        fit_columns(self.view, 1, wrap=True)
        self.view.selectionModel().currentRowChanged.connect(self._on_current)
        self.add_button = button("Ajouter un constat", "addFinding", "Ajouter un constat")
        self.delete_button = button("Supprimer le constat", "deleteFinding", "Supprimer le constat")
        self.action_button = button(
            "C&réer une action",
            "actionFromFinding",
            "Créer une action à partir du constat",
            "Suivre ce constat dans le plan d'action",
        )
        self.kind_combo = name(QComboBox(), "findingKind", "Type de constat")
        for kind, label in quality_common.FINDING_KIND_LABELS.items():
            self.kind_combo.addItem(label, kind.value)
        self.text_edit = text_field("findingText", "Texte du constat", lines=3)
        self.module_combo = name(QComboBox(), "findingModule", "Module du constat")
        self.followed_label = message_label("findingFollowed", "Suivi du constat")
        colours.paint(self.followed_label, ANSWERED)

        buttons = button_row(self.add_button, self.delete_button, right=(self.action_button,))
        self.editor = QWidget()
        form = QFormLayout()
        form.addRow(buddy("Type de constat\u00a0:", self.kind_combo), self.kind_combo)
        form.addRow(buddy("Te&xte du constat\u00a0:", self.text_edit), self.text_edit)
        form.addRow(buddy("Module\u00a0:", self.module_combo), self.module_combo)
        form.addRow("", self.followed_label)
        top_aligned(self.editor, form)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(buddy("Constats de l'audit\u00a0:", self.view))
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.editor)

        self.add_button.clicked.connect(self.add_finding)
        self.delete_button.clicked.connect(self.delete_finding)
        self.action_button.clicked.connect(self.create_action)
        self.kind_combo.activated.connect(self._kind_chosen)
        self.text_edit.textChanged.connect(self._text_typed)
        self.module_combo.activated.connect(self._module_chosen)
        self._show_current()

    def tab_order(self) -> list[QWidget]:
        return [
            self.view,
            self.add_button,
            self.delete_button,
            self.action_button,
            self.kind_combo,
            self.text_edit,
            self.module_combo,
        ]

    # Loading

    def show_audit(self, audit: AuditRow | None, modules: tuple) -> None:
        """Show an audit's findings (keeping the selected one when it is the same audit)."""
        same = audit is not None and self._audit is not None and audit.id == self._audit.id
        keep = self._current.id if same and self._current is not None else None
        self._audit = audit
        self.module_combo.clear()
        self.module_combo.addItem("(aucun module précisé)", None)
        for module in modules:
            self.module_combo.addItem(module_full_label(module), module.id)
        self._set_rows(audit.findings if audit is not None else (), keep)
        self._show_current()

    def update_audit(self, audit: AuditRow | None) -> None:
        """New values of the same audit after an edit: the editor is left as typed."""
        self._audit = audit
        rows = audit.findings if audit is not None else ()
        if [r.id for r in rows] != [r.id for r in self.model.rows()]:
            self._set_rows(rows, self._current.id if self._current else None)
            self._show_current()
            return
        self._refresh_rows(rows)
        self._show_state()

    def select_finding(self, finding_id: int) -> None:
        self.select_record(finding_id)

    def _show_current(self) -> None:
        self.add_button.setEnabled(self._audit is not None)
        row = self._take_current()
        select_data(self.kind_combo, row.kind.value if row is not None else None)
        set_plain_text(self.text_edit, row.text if row is not None else "")
        select_data(self.module_combo, row.module_id if row is not None else None)
        self._show_state()

    def _show_state(self) -> None:
        row = self._current
        self.delete_button.setEnabled(row is not None)
        self.action_button.setEnabled(row is not None and not row.action_ids)
        self.followed_label.setText(followed_text(row))

    def _saved(self, ok: bool) -> None:
        if ok:
            self.saved.emit()  # the audits tab reads the audit again, then update_audit
        else:
            self._show_current()

    # Adding, deleting, following up

    def add_finding(self) -> None:
        if self._audit is None:
            return
        new_id = add_record(
            self.context, self, "Ajouter un constat", quality_audits.add_finding,
            (self._audit.id, FindingKind.IMPROVEMENT, NEW_FINDING_TEXT),
            quality_audits.delete_finding, quality_audits.restore_finding,
        )  # fmt: skip
        if new_id is not None:
            self._current = None
            self.saved.emit()
            self.select_finding(new_id)
            self.text_edit.setFocus()
            self.text_edit.selectAll()  # typing replaces "Nouveau constat"

    def delete_finding(self) -> None:
        deleted = self._delete_current(
            "Supprimer le constat", quality_audits.delete_finding, quality_audits.restore_finding
        )
        if deleted:
            self.saved.emit()
            self._show_current()

    def create_action(self) -> None:
        if self._current is None:
            return
        action_id = add_record(
            self.context, self, "Créer une action à partir du constat",
            quality_actions.action_from_finding, (self._current.id,),
            quality_actions.delete_plan_action, quality_actions.restore_plan_action,
        )  # fmt: skip
        if action_id is not None:
            self.saved.emit()
            self.action_created.emit(action_id)

    # Editing

    def _kind_chosen(self, index: int) -> None:
        new = FindingKind(self.kind_combo.itemData(index))
        self._save_value("Changer le type de constat", "kind", new)

    def _text_typed(self) -> None:
        text = self.text_edit.toPlainText()
        if text.strip():  # an emptied text waits for more
            self._save_text("Modifier le constat", "text", text)

    def _module_chosen(self, index: int) -> None:
        new = self.module_combo.itemData(index)
        self._save_value("Changer le module du constat", "module_id", new)
