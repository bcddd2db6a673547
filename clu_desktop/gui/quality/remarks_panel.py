"""The "Remarques des usagers" tab: what the users' representatives remarked or asked in
the meetings, and the administration's answer, typed here and saved as typed."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QWidget,
)

from clu_desktop.gui import colours
from clu_desktop.gui.common.layout import button, button_row, column, fill, split
from clu_desktop.gui.common.records import add_record
from clu_desktop.gui.quality.common import (
    buddy,
    date_text,
    fit_columns,
    message_label,
    name,
    set_plain_text,
    table_view,
    text_field,
    top_aligned,
)
from clu_desktop.gui.quality.editing import KINDS, Panel, QualityContext
from clu_desktop.gui.quality.models import ALERT, ANSWERED, remarks_model
from clu_desktop.services.quality import actions as quality_actions
from clu_desktop.services.quality import remarks as quality_remarks
from clu_desktop.services.quality.common import RemarkRow

NO_REMARK_TEXT = (
    "Aucune remarque des usagers. Les remarques et demandes se saisissent dans l'ordre du "
    "jour de la séance, avec les interventions de chaque point."
)


def state_text(row: RemarkRow | None) -> str:
    if row is None:
        return ""
    if row.open:
        return "En attente de réponse."
    return f"Répondu le {date_text(row.answered_on)}." if row.answered_on else "Répondu."


class RemarksPanel(Panel):
    """``action_created(action_id)`` after a remark became an action."""

    action_created = Signal(int)

    def __init__(self, context: QualityContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("qualityRemarks")
        self._current: RemarkRow | None = None

        self.open_check = name(
            QCheckBox("En attente de réponse seulement"),
            "remarksOpenOnly",
            "Remarques en attente de réponse seulement",
        )
        self.model = remarks_model(self)
        self.view = table_view("remarkList", "Remarques des usagers", self.model)
        fit_columns(self.view, 2, {1: 170, 3: 220}, wrap=True)
        self.view.selectionModel().currentRowChanged.connect(self._on_current)
        self.empty_label = message_label("remarkEmpty", "Information")
        self.empty_label.setText(NO_REMARK_TEXT)

        self.origin_label = message_label("remarkOrigin", "Séance et point de la remarque")
        self.text_label = message_label("remarkText", "Texte de la remarque")
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.answer_edit = text_field("remarkAnswer", "Réponse de l'administration", lines=5)
        self.answer_edit.setPlaceholderText(
            "Ce que l'administration a répondu ou fait ; laisser vide tant que la remarque "
            "attend sa réponse"
        )
        self.state_label = message_label("remarkState", "État de la remarque")
        self.action_button = button(
            "C&réer une action",
            "actionFromRemark",
            "Créer une action à partir de la remarque",
            "Suivre cette remarque dans le plan d'action",
        )

        self.editor = QWidget()
        self.editor.setObjectName("remarkEditor")
        form = QFormLayout()
        form.addRow("Séance\u00a0:", self.origin_label)
        form.addRow("Remarque\u00a0:", self.text_label)
        form.addRow(buddy("Répons&e de l'administration\u00a0:", self.answer_edit))
        form.addRow(self.answer_edit)
        state = QHBoxLayout()
        state.addWidget(self.state_label, 1)
        state.addWidget(self.action_button)
        form.addRow(state)
        top_aligned(self.editor, form)

        filters = button_row(self.open_check)
        top = column(filters, self.view, self.empty_label, stretch=self.view)
        fill(self, split("remarkSplitter", top, self.editor))

        self.open_check.toggled.connect(lambda _checked: self.reload())
        self.answer_edit.textChanged.connect(self._answer_typed)
        self.action_button.clicked.connect(self.create_action)

    def tab_order(self) -> list[QWidget]:
        return [self.open_check, self.view, self.answer_edit, self.action_button]

    # Loading

    def _read(self) -> list[RemarkRow]:
        return self.read(quality_remarks.list_remarks, open_only=self.open_check.isChecked())

    def reload(self, select_id: int | None = None) -> None:
        if select_id is None and self._current is not None:
            select_id = self._current.id
        rows = self._read()
        self._set_rows(rows, select_id)
        self.view.setVisible(bool(rows) or self.open_check.isChecked())
        self.empty_label.setVisible(not rows and not self.open_check.isChecked())
        self._show_current()

    def select_remark(self, statement_id: int) -> None:
        self.select_record(statement_id)

    def _show_current(self) -> None:
        row = self._take_current()
        if row is None:
            self.origin_label.setText("")
            self.text_label.setText("")
        else:
            speakers = ", ".join(row.speakers) or "intervenant non précisé"
            self.origin_label.setText(
                f"{date_text(row.meeting_date)} — {row.item_title} — {speakers}"
            )
            self.text_label.setText(row.text)
        set_plain_text(self.answer_edit, (row.answer_text or "") if row is not None else "")
        self._show_state(row)

    def _show_state(self, row: RemarkRow | None) -> None:
        self.state_label.setText(state_text(row))
        tone = ALERT if row is not None and row.open else ANSWERED
        colours.paint(self.state_label, tone, bold=True)
        followed = row is not None and bool(getattr(row, "action_ids", ()))
        self.action_button.setEnabled(row is not None and not followed)
        self.action_button.setToolTip(
            "Cette remarque est déjà suivie par une action du plan d'action"
            if followed
            else "Suivre cette remarque dans le plan d'action"
        )

    def _saved(self, ok: bool) -> None:
        """New values in the list (a remark answered stays shown until the filter is
        changed); the answer field keeps what is typed unless it was refused."""
        current_id = self._current_id()
        by_id = {r.id: r for r in self.read(quality_remarks.list_remarks)}
        self._refresh_rows([by_id.get(r.id, r) for r in self.model.rows()])
        self._current = by_id.get(current_id) if current_id is not None else None
        if ok:
            self._show_state(self._current)
        else:
            self._show_current()

    # Editing

    def _answer_typed(self) -> None:
        row = self._current
        if row is None:
            return
        text = self.answer_edit.toPlainText()
        old = (row.answer_text, row.answered_on)
        if (row.answer_text or "") == text:
            return
        statement_id, context = row.id, self.context

        def apply(value: object) -> None:
            answer, day = value  # type: ignore[misc]
            context.write_seen(
                KINDS["remark"], self._current, quality_remarks.answer_remark, statement_id, answer,
                day, field="answer_text", typed=answer,
            )  # fmt: skip

        key = ("remark", statement_id, "answer")
        ok = context.field("Répondre à la remarque", apply, old, (text, None), key, self)
        self._saved(ok)

    def create_action(self) -> None:
        row = self._current
        if row is None:
            return
        action_id = add_record(
            self.context, self, "Créer une action à partir de la remarque",
            quality_actions.action_from_remark, (row.id,),
            quality_actions.delete_plan_action, quality_actions.restore_plan_action,
        )  # fmt: skip
        if action_id is not None:
            self._saved(True)
            self.action_created.emit(action_id)
