"""The fields of the selected action of the plan: text, owner, due date (or a time in
words), status with its done date, origin."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLineEdit, QWidget

from clu_desktop.domain import ActionStatus
from clu_desktop.gui.common.action_fields import blank_date_edit, show_date, status_combo
from clu_desktop.gui.common.layout import button_row
from clu_desktop.gui.pickers import person_combo, show_person
from clu_desktop.gui.quality.common import (
    OptionalDate,
    buddy,
    date_text,
    message_label,
    name,
    plain_tooltip,
    select_data,
    text_field,
    top_aligned,
)
from clu_desktop.services.quality import common as quality_common
from clu_desktop.services.quality.common import ActionRow


class ActionEditor(QWidget):
    """Shows an action; the plan panel saves what is changed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("planActionEditor")
        self.text_edit = text_field("planActionText", "Texte de l'action", lines=3)
        self.text_edit.setPlaceholderText("Ce qui doit être fait")
        self.owner_combo = person_combo(
            "planActionOwner",
            "Responsable de l'action",
            "Choisissez une personne de l'annuaire ou tapez un nom (service, organisme…)",
        )
        self.due = OptionalDate("planActionDue", "Échéance de l'action", "au")
        self.when_edit = name(
            QLineEdit(),
            "planActionWhen",
            "Échéance en clair",
            "Ce que le compte-rendu imprime quand une date ne suffit pas : « fin novembre 2023 »",
        )
        self.when_edit.setPlaceholderText("« fin 2024 », « à venir »…")
        self.status_combo = status_combo("planActionStatus", "Statut de l'action")
        self.done_edit = blank_date_edit("planActionDone", "Date de réalisation")
        self.origin_combo = name(QComboBox(), "planActionOrigin", "Origine de l'action")
        for origin, label in quality_common.ACTION_ORIGIN_LABELS.items():
            self.origin_combo.addItem(label, origin.value)
        self.source_label = message_label("planActionSource", "Provenance de l'action")

        self._build()

    def _build(self) -> None:
        left = QFormLayout()
        left.addRow(buddy("Te&xte\u00a0:", self.text_edit), self.text_edit)
        left.addRow(buddy("Responsa&ble\u00a0:", self.owner_combo), self.owner_combo)
        due = QHBoxLayout()
        due.addWidget(self.due)
        due.addWidget(buddy("ou en clair\u00a0:", self.when_edit))
        due.addWidget(self.when_edit, 1)
        left.addRow(buddy("Éc&héance\u00a0:", self.due.check), due)
        right = QFormLayout()
        done = buddy("fait l&e\u00a0:", self.done_edit)
        status = button_row(self.status_combo, done, self.done_edit)
        right.addRow(buddy("État\u00a0:", self.status_combo), status)
        right.addRow(buddy("Origine\u00a0:", self.origin_combo), self.origin_combo)
        right.addRow("", self.source_label)
        layout = QHBoxLayout()
        layout.addLayout(left, 3)
        layout.addSpacing(12)
        layout.addLayout(right, 2)
        top_aligned(self, layout)

    def widgets(self) -> list[QWidget]:
        return [
            self.text_edit,
            self.owner_combo,
            self.due.check,
            self.due.edit,
            self.when_edit,
            self.status_combo,
            self.done_edit,
            self.origin_combo,
        ]

    def show_owner(self, row: ActionRow | None, people: list) -> None:
        choices = [(p.display_name, p.id, plain_tooltip(p.label)) for p in people]
        owner_id = row.owner_id if row is not None else None
        show_person(self.owner_combo, choices, owner_id, row.owner_name if row is not None else "")

    def show_state(self, row: ActionRow | None) -> None:
        """Status, done date and provenance (they change with other fields)."""
        select_data(self.status_combo, row.status.value if row is not None else None)
        done = row is not None and row.status is ActionStatus.DONE
        self.done_edit.blockSignals(True)
        show_date(self.done_edit, row.done_date if done else None, enabled=done)
        self.done_edit.blockSignals(False)
        self.source_label.setText(self._source_text(row))

    @staticmethod
    def _source_text(row: ActionRow | None) -> str:
        if row is None:
            return ""
        parts = []
        if row.meeting_date is not None:
            parts.append(f"Séance du {date_text(row.meeting_date)}")
        if row.overdue:
            parts.append("En retard\u00a0: l'échéance est passée.")
        return " · ".join(parts)
