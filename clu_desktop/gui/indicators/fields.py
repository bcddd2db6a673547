"""The fields of the selected indicator, saved as they are typed: code, name, category,
unit, direction, target, periodicity, description and the sites it is measured on."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clu_desktop.errors import ConflictError, UserError
from clu_desktop.french.numbers import number
from clu_desktop.gui import messages
from clu_desktop.gui.conflicts import RecordKind
from clu_desktop.gui.indicators.editing import (
    INDICATOR,
    IndicatorsContext,
    TypedField,
    buddy,
    editable_combo,
    error_label,
    name,
    plain_tooltip,
    same_text,
    select_data,
    set_plain_text,
    text_field,
)
from clu_desktop.rules import indicators as indicator_rules
from clu_desktop.services.indicators import catalogue as indicators_catalogue
from clu_desktop.services.indicators import common as indicators_common
from clu_desktop.services.indicators.catalogue import INDICATOR as THIS_INDICATOR
from clu_desktop.services.indicators.catalogue import INDICATOR_LABELS
from clu_desktop.services.indicators.common import IndicatorRow
from clu_desktop.services.quality.common import SiteRow

COMMON_UNITS = ("%", "nombre", "jours")


def ask_site_name(parent: QWidget) -> str | None:
    """The name of a new site, or None when the user cancels (tests replace this)."""
    text, ok = QInputDialog.getText(parent, "Ajouter un site", "Nom du nouveau site\u00a0:")
    return text if ok else None


def target_text(value: float | None) -> str:
    """A target as typed back into its field: "100", "12,5"."""
    return "" if value is None else number(value).replace("\u00a0", " ").replace("\u202f", " ")


class IndicatorFields(QWidget):
    """Shows one indicator (``show_indicator``) and saves what the user changes;
    ``saved`` after each saved change."""

    saved = Signal()

    def __init__(self, context: IndicatorsContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("indicatorFields")
        self.context = context
        self.row: IndicatorRow | None = None
        self._conflicts = 0  # saves refused for another workstation's change

        self.code_edit = name(QLineEdit(), "indicatorCode", "Code de l'indicateur")
        self.code_edit.setMaxLength(50)
        self.code_edit.setPlaceholderText("Code court et unique, ex. TEL-ABOUTIS")
        self.name_edit = name(QLineEdit(), "indicatorName", "Nom de l'indicateur")
        self.name_edit.setMaxLength(300)
        self.category_combo = editable_combo(
            "indicatorCategory",
            "Catégorie de l'indicateur",
            "Les indicateurs sont groupés par catégorie dans la liste et dans l'annexe",
        )
        self.category_combo.setMaxCount(1000)
        self.unit_combo = editable_combo(
            "indicatorUnit", "Unité de l'indicateur", "« % », « nombre », « jours »…"
        )
        self.unit_combo.lineEdit().setMaxLength(30)
        self.direction_combo = name(
            QComboBox(),
            "indicatorDirection",
            "Sens de l'indicateur",
            "Quand le résultat est-il meilleur ?",
        )
        for key, label in indicators_common.DIRECTION_LABELS.items():
            self.direction_combo.addItem(label, key)
        self.target_edit = name(
            QLineEdit(), "indicatorTarget", "Cible de l'indicateur", "Vide : pas de cible"
        )
        self.target_edit.setPlaceholderText("aucune")
        self.target_edit.setMaximumWidth(120)
        self.periodicity_combo = name(
            QComboBox(), "indicatorPeriodicity", "Périodicité de l'indicateur"
        )
        for key, label in indicators_common.PERIODICITY_LABELS.items():
            self.periodicity_combo.addItem(label, key)
        self.description_edit = text_field(
            "indicatorDescription", "Description de l'indicateur", lines=3
        )
        self.sites_list = name(
            QListWidget(),
            "indicatorSites",
            "Sites de l'indicateur",
            "Cochez les sites où l'indicateur est mesuré ; aucun : une valeur pour l'ensemble",
        )
        self.sites_list.setUniformItemSizes(True)
        rows = self.sites_list.fontMetrics().lineSpacing() + 6
        self.sites_list.setMaximumHeight(rows * 4 + 6)
        self.add_site_button = name(QPushButton("Ajouter un site…"), "addSite", "Ajouter un site")
        self.code_error = error_label("indicatorCodeError")
        self.name_error = error_label("indicatorNameError")
        self.target_error = error_label("indicatorTargetError")
        self._build()

        self.code = TypedField(
            self.code_edit, self.code_error, lambda t: self._save_typed("code", t),
            lambda: self.row.code if self.row else "", self,
        )  # fmt: skip
        self.name = TypedField(
            self.name_edit, self.name_error, lambda t: self._save_typed("name", t),
            lambda: self.row.name if self.row else "", self,
        )  # fmt: skip
        self.target = TypedField(
            self.target_edit, self.target_error, self._save_target,
            lambda: target_text(self.row.target) if self.row else "", self,
        )  # fmt: skip
        self.category_combo.lineEdit().textEdited.connect(
            lambda text: self._save_text("category", text, merge=True)
        )
        self.category_combo.activated.connect(
            lambda _i: self._save_text("category", self.category_combo.currentText())
        )
        self.unit_combo.lineEdit().textEdited.connect(
            lambda text: self._save_text("unit", text, merge=True)
        )
        self.unit_combo.activated.connect(
            lambda _i: self._save_text("unit", self.unit_combo.currentText())
        )
        self.direction_combo.activated.connect(
            lambda i: self._save("direction", self.direction_combo.itemData(i))
        )
        self.periodicity_combo.activated.connect(
            lambda i: self._save("periodicity", self.periodicity_combo.itemData(i))
        )
        self.description_edit.textChanged.connect(self._description_typed)
        self.sites_list.itemChanged.connect(lambda _item: self._sites_checked())
        self.add_site_button.clicked.connect(self.add_site)

    def _build(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(
            buddy("Code\u00a0:", self.code_edit), self._with_error(self.code_edit, self.code_error)
        )
        form.addRow(
            buddy("No&m\u00a0:", self.name_edit), self._with_error(self.name_edit, self.name_error)
        )
        form.addRow(buddy("Caté&gorie\u00a0:", self.category_combo), self.category_combo)
        line = QHBoxLayout()
        line.addWidget(self.unit_combo, 1)
        line.addWidget(buddy("Cible\u00a0:", self.target_edit))
        line.addWidget(self.target_edit)
        form.addRow(buddy("&Unité\u00a0:", self.unit_combo), line)
        form.addRow("", self.target_error)
        form.addRow(buddy("Sens\u00a0:", self.direction_combo), self.direction_combo)
        form.addRow(buddy("Périodici&té\u00a0:", self.periodicity_combo), self.periodicity_combo)
        form.addRow(buddy("Description\u00a0:", self.description_edit), self.description_edit)
        sites = QVBoxLayout()
        sites.setContentsMargins(0, 0, 0, 0)
        sites.addWidget(self.sites_list)
        add = QHBoxLayout()
        add.addWidget(self.add_site_button)
        add.addStretch(1)
        sites.addLayout(add)
        form.addRow(buddy("Sites\u00a0:", self.sites_list), sites)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addStretch(1)

    @staticmethod
    def _with_error(edit: QWidget, error: QLabel) -> QVBoxLayout:
        box = QVBoxLayout()
        box.setSpacing(2)
        box.addWidget(edit)
        box.addWidget(error)
        return box

    def widgets(self) -> list[QWidget]:
        """The fields in reading order (for the page's tab order)."""
        return [
            self.code_edit,
            self.name_edit,
            self.category_combo,
            self.unit_combo,
            self.target_edit,
            self.direction_combo,
            self.periodicity_combo,
            self.description_edit,
            self.sites_list,
            self.add_site_button,
        ]

    # Showing

    def show_indicator(
        self,
        row: IndicatorRow | None,
        categories: Iterable[str] = (),
        units: Iterable[str] = (),
        sites: Iterable[SiteRow] = (),
    ) -> None:
        changed = self.row is None or row is None or row.id != self.row.id
        self.row = row
        self.setEnabled(row is not None)
        for field in (self.code, self.name, self.target):
            field.reset() if changed else field.show_saved()
        self._fill_combo(self.category_combo, categories, row.category if row else "")
        self._fill_combo(self.unit_combo, [*COMMON_UNITS, *units], row.unit if row else "")
        select_data(self.direction_combo, row.direction if row else None)
        select_data(self.periodicity_combo, row.periodicity if row else None)
        if not same_text(self.description_edit.toPlainText(), row.description if row else ""):
            set_plain_text(self.description_edit, row.description if row else "")
        self._fill_sites(list(sites), set(row.site_ids) if row else set())

    @staticmethod
    def _fill_combo(combo: QComboBox, choices: Iterable[str], current: str | None) -> None:
        unique = sorted({c for c in choices if c}, key=str.casefold)
        combo.blockSignals(True)
        if [combo.itemText(i) for i in range(combo.count())] != unique:
            combo.clear()
            combo.addItems(unique)
        if not same_text(combo.currentText(), current):
            combo.setCurrentIndex(combo.findText(current or "", Qt.MatchFlag.MatchExactly))
            combo.setEditText(current or "")
        combo.blockSignals(False)

    def _fill_sites(self, sites: list[SiteRow], checked: set[int]) -> None:
        self.sites_list.blockSignals(True)
        self.sites_list.clear()
        for site in sites:
            item = QListWidgetItem(site.name)
            item.setToolTip(plain_tooltip(site.name))
            item.setData(Qt.ItemDataRole.UserRole, site.id)
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable
            )
            state = Qt.CheckState.Checked if site.id in checked else Qt.CheckState.Unchecked
            item.setCheckState(state)
            self.sites_list.addItem(item)
        self.sites_list.blockSignals(False)

    def checked_sites(self) -> list[int]:
        return [
            self.sites_list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.sites_list.count())
            if self.sites_list.item(i).checkState() == Qt.CheckState.Checked
        ]

    # Saving

    def _kind(self) -> RecordKind:
        """How a conflict names the indicator and what changed in it."""
        names = {site.id: site.name for site in self._site_rows()}
        return RecordKind(
            THIS_INDICATOR,
            INDICATOR_LABELS,
            indicators_catalogue.indicator_row,
            {
                "direction": indicators_common.DIRECTION_LABELS.get,
                "periodicity": indicators_common.PERIODICITY_LABELS.get,
                "site_ids": lambda ids: ", ".join(names.get(i, "?") for i in ids),
            },
        )

    def _write(self, indicator_id: int, setter, field: str, *args: object) -> None:
        """``setter(session, id, *args, seen_version)`` at the version of the indicator
        shown: changed meanwhile on another workstation, it is refused with a message
        saying what changed there."""
        context, shown = self.context, self.row
        typed = args[-1] if isinstance(args[-1], str) else None
        live = context.live(INDICATOR, indicator_id)
        try:
            context.write_seen(self._kind(), shown, setter, live, *args, field=field, typed=typed)
        except ConflictError:
            self._conflicts += 1
            raise

    def _apply(self, indicator_id: int, field: str):
        def apply(value: object) -> None:
            self._write(indicator_id, indicators_catalogue.update_indicator, field, field, value)

        return apply

    def _after_refusal(self, conflicts: int) -> bool:
        """After a refused save: when another workstation changed the indicator, the page
        reads it again (True)."""
        if self._conflicts == conflicts:
            return False
        self.saved.emit()  # the page reads the indicator of now
        return True

    def _save(self, field: str, new: object, merge: bool = False) -> None:
        row = self.row
        if row is None or getattr(row, field) == new:
            return
        key = (INDICATOR, row.id, field) if merge else None
        conflicts = self._conflicts
        ok = self.context.field(
            f"Modifier {FIELD_NAMES[field]}", self._apply(row.id, field), getattr(row, field),
            new, key, widget=self,
        )  # fmt: skip
        if ok:
            self.saved.emit()
        elif not self._after_refusal(conflicts):
            self.show_indicator(self.row)

    def _quiet(self, text: str, field: str, old: object, new: object) -> str | None:
        """A value typed letter by letter: a refusal is returned (shown beside the field),
        except another workstation's change, told at once before the field shows the
        indicator of now."""
        row = self.row
        assert row is not None
        conflicts = self._conflicts
        error = self.context.save_quiet(
            text, self._apply(row.id, field), old, new, (INDICATOR, row.id, field)
        )
        if error is None:
            self.saved.emit()
            return None
        if self._conflicts == conflicts:
            return error
        getattr(self, field).reset()
        messages.show_error(self, error)
        self._after_refusal(conflicts)
        return None

    def _save_text(self, field: str, text: str, merge: bool = False) -> None:
        old = getattr(self.row, field, None) if self.row else None
        if self.row is not None and not same_text(text, old):
            self._save(field, text.strip() or None, merge)

    def _save_typed(self, field: str, text: str) -> str | None:
        row = self.row
        if row is None or same_text(text, getattr(row, field)):
            return None
        return self._quiet(f"Modifier {FIELD_NAMES[field]}", field, getattr(row, field), text)

    def _save_target(self, text: str) -> str | None:
        row = self.row
        if row is None:
            return None
        try:
            value = indicator_rules.parse_value(text, row.unit)
        except UserError as exc:
            return str(exc)
        if value == row.target:
            return None
        return self._quiet("Modifier la cible", "target", row.target, value)

    def _description_typed(self) -> None:
        if self.row is not None:
            self._save_text("description", self.description_edit.toPlainText(), merge=True)

    def _sites_checked(self) -> None:
        row = self.row
        if row is None:
            return
        old, new = list(row.site_ids), self.checked_sites()
        if sorted(old) == sorted(new):
            return
        context, indicator_id, conflicts = self.context, row.id, self._conflicts

        def apply(value: object) -> None:
            self._write(indicator_id, indicators_catalogue.set_indicator_sites, "site_ids", value)

        if context.field("Changer les sites de l'indicateur", apply, old, new, widget=self):
            self.saved.emit()
        elif not self._after_refusal(conflicts):
            self._fill_sites(self._site_rows(), set(row.site_ids))

    def _site_rows(self) -> list[SiteRow]:
        return [
            SiteRow(
                self.sites_list.item(i).data(Qt.ItemDataRole.UserRole),
                self.sites_list.item(i).text(),
            )
            for i in range(self.sites_list.count())
        ]

    def add_site(self) -> None:
        """Add a site to the list of sites (kept even if undone) and check it."""
        if self.row is None:
            return
        text = ask_site_name(self)
        if text is None:
            return
        try:
            site_id = self.context.write(indicators_catalogue.add_site, text)
        except UserError as exc:
            messages.show_error(self, str(exc))
            return
        sites = [*self._site_rows(), SiteRow(site_id, text.strip())]
        self._fill_sites(sites, {*self.checked_sites(), site_id})
        self._sites_checked()


FIELD_NAMES = {
    "code": "le code de l'indicateur",
    "name": "le nom de l'indicateur",
    "category": "la catégorie de l'indicateur",
    "unit": "l'unité de l'indicateur",
    "direction": "le sens de l'indicateur",
    "target": "la cible de l'indicateur",
    "periodicity": "la périodicité de l'indicateur",
    "description": "la description de l'indicateur",
}
