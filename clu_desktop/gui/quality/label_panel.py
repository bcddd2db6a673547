"""The "Label" tab: each label (or target) of the site, its modules, certifier, dates and
the days left before its deadline; the referentials are edited in a dialog."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QWidget,
)

from clu_desktop.gui import colours
from clu_desktop.gui.common.layout import button, button_row, column, fill, split
from clu_desktop.gui.common.records import add_record
from clu_desktop.gui.quality.common import (
    ModuleChecklist,
    OptionalDate,
    buddy,
    days_left_text,
    fit_columns,
    message_label,
    name,
    select_data,
    set_plain_text,
    text_field,
    top_aligned,
)
from clu_desktop.gui.quality.editing import QualityContext, ReferentialListPanel
from clu_desktop.gui.quality.models import ALERT, labels_model
from clu_desktop.services.quality import referentials as quality_referentials
from clu_desktop.services.quality.common import LabelRow

NO_LABEL_TEXT = (
    "Aucun label enregistré. Ajoutez-en un avec « Ajouter un label » : un label visé "
    "(sans date d'obtention) suit son échéance."
)


class LabelPanel(ReferentialListPanel):
    set_modules = staticmethod(quality_referentials.set_label_modules)
    kind = "label"
    modules_edit_text = "Changer les modules du label"
    list_rows = staticmethod(quality_referentials.list_labels)
    update_service = staticmethod(quality_referentials.update_label)

    def __init__(self, context: QualityContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("qualityLabels")
        self._current: LabelRow | None = None
        self._build_list(labels_model(self), "label", "Labels qualité", NO_LABEL_TEXT)
        fit_columns(self.view, 1, wrap=True)
        self._add_menu_button(
            "A&jouter un label",
            "addLabel",
            "Ajouter un label",
            "Ajouter un label obtenu ou visé, pour un référentiel",
        )
        self.delete_button = button("Supprimer le label", "deleteLabel", "Supprimer le label")
        self.referentials_button = button(
            "&Gérer les référentiels…",
            "editReferentials",
            "Gérer les référentiels",
            "Les référentiels (Qual-e-pref, Quali-ATE…) et leurs modules",
        )

        self.referential_label = message_label("labelReferential", "Référentiel du label")
        font = self.referential_label.font()
        font.setBold(True)
        self.referential_label.setFont(font)
        self.site_combo = name(QComboBox(), "labelSite", "Site labellisé")
        self.certifier_edit = name(QLineEdit(), "labelCertifier", "Organisme certificateur")
        self.certifier_edit.setPlaceholderText("Socotec, AFNOR…")
        self.granted = OptionalDate("labelGranted", "Date d'obtention", "obtenu le")
        self.deadline = OptionalDate("labelDeadline", "Échéance du label", "fixée au")
        self.days_label = message_label("labelDaysLeft", "Délai avant l'échéance")
        self.modules = ModuleChecklist("labelModules", "Modules labellisés")
        self.modules.setMaximumHeight(self.fontMetrics().lineSpacing() * 5 + 16)
        self.notes_edit = text_field("labelNotes", "Notes sur le label", lines=3)
        self.notes_edit.setPlaceholderText("Objectif, conditions, suites à donner…")

        self.editor = self._build_editor()
        buttons = button_row(self.add_button, self.delete_button, right=(self.referentials_button,))
        top = column(self.view, self.empty_label, buttons, stretch=self.view)
        fill(self, split("labelSplitter", top, self.editor, (1, 2)))

        self.add_menu.triggered.connect(lambda action: self.add_label(action.data()))
        self.delete_button.clicked.connect(self.delete_label)
        self.site_combo.activated.connect(self._site_chosen)
        self.certifier_edit.textEdited.connect(self._certifier_typed)
        self.granted.edited.connect(lambda value: self._date_edited("granted_on", value))
        self.deadline.edited.connect(lambda value: self._date_edited("deadline", value))
        self.modules.edited.connect(self._modules_edited)
        self.notes_edit.textChanged.connect(self._notes_typed)

    def _build_editor(self) -> QWidget:
        editor = QWidget()
        editor.setObjectName("labelEditor")
        left = QFormLayout()
        left.addRow("Référentiel\u00a0:", self.referential_label)
        left.addRow(buddy("Site\u00a0:", self.site_combo), self.site_combo)
        left.addRow(buddy("C&ertificateur\u00a0:", self.certifier_edit), self.certifier_edit)
        left.addRow(buddy("O&btention\u00a0:", self.granted.check), self.granted)
        left.addRow(buddy("Éc&héance\u00a0:", self.deadline.check), self.deadline)
        left.addRow("", self.days_label)
        right = QFormLayout()
        right.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        right.addRow(buddy("Modules labellisés\u00a0:", self.modules), self.modules)
        right.addRow(buddy("Notes\u00a0:", self.notes_edit), self.notes_edit)
        layout = QHBoxLayout()
        layout.addLayout(left, 1)
        layout.addSpacing(12)
        layout.addLayout(right, 1)
        return top_aligned(editor, layout)

    def tab_order(self) -> list[QWidget]:
        return [
            self.view,
            self.add_button,
            self.delete_button,
            self.referentials_button,
            self.site_combo,
            self.certifier_edit,
            self.granted.check,
            self.granted.edit,
            self.deadline.check,
            self.deadline.edit,
            self.modules,
            self.notes_edit,
        ]

    # Loading

    def _show_current(self) -> None:
        """Show the selected label's values in the editor."""
        row = self._take_current(self.delete_button)
        self.referential_label.setText(row.referential_name if row is not None else "")
        select_data(self.site_combo, row.site_id if row is not None else None)
        certifier = (row.certifier or "") if row is not None else ""
        if self.certifier_edit.text() != certifier:
            self.certifier_edit.setText(certifier)
        self.granted.set_value(row.granted_on if row is not None else None)
        self.deadline.set_value(row.deadline if row is not None else None)
        referential = next(
            (r for r in self._referentials if row is not None and r.id == row.referential_id),
            None,
        )
        self.modules.set_modules(
            referential.modules if referential is not None else (),
            [m.id for m in row.modules] if row is not None else (),
        )
        set_plain_text(self.notes_edit, row.notes if row is not None else "")
        self._show_days(row)

    def _show_days(self, row: LabelRow | None) -> None:
        days = row.days_left if row is not None else None
        self.days_label.setText(days_left_text(days))
        late = days is not None and days < 0
        if late:
            colours.paint(self.days_label, ALERT, bold=True)
        else:
            colours.unpaint(self.days_label, unbold=True)

    def _saved(self, ok: bool) -> None:
        """After an edit: the list shows the new values; a refusal puts the editor back."""
        self._refresh_rows(self.read(quality_referentials.list_labels))
        if ok:
            self._show_days(self._current)
        else:
            self._show_current()

    # Adding and deleting

    def add_label(self, referential_id: int) -> None:
        new_id = add_record(
            self.context, self, "Ajouter un label", quality_referentials.add_label,
            (referential_id,), quality_referentials.delete_label,
            quality_referentials.restore_label,
        )  # fmt: skip
        self._added(new_id, self.site_combo)

    def delete_label(self) -> None:
        self._delete_and_reload(
            "Supprimer le label",
            quality_referentials.delete_label,
            quality_referentials.restore_label,
        )

    # Editing

    def _site_chosen(self, index: int) -> None:
        self._save_value("Changer le site du label", "site_id", self.site_combo.itemData(index))

    def _certifier_typed(self, text: str) -> None:
        self._save_text("Modifier le certificateur", "certifier", text)

    def _date_edited(self, field: str, value: dt.date | None) -> None:
        what = "la date d'obtention" if field == "granted_on" else "l'échéance du label"
        self._save_value(f"Changer {what}", field, value, merge=True)

    def _notes_typed(self) -> None:
        new = self.notes_edit.toPlainText()
        self._save_text("Modifier les notes du label", "notes", new)
