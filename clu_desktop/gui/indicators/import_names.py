"""The mapping step of the import: each indicator or site name of the file that the
catalogue does not know gets a row « correspond à … ».

A row offers the core's suggestions first (with their score), then « créer un nouvel
indicateur » (a small form pre-filled from what the file shows) or « nouveau site »,
« Ensemble » for a site, « ignorer ces lignes », then the whole catalogue. A unique
match the core proposes is shown selected but « à confirmer »: it counts only once the
user confirmed it (the « Confirmer » button, or any choice made in the list).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from clu_desktop.gui import colours
from clu_desktop.gui.indicators.editing import buddy, message_label, name, plain_tooltip
from clu_desktop.services.indicators.common import PERIODICITY_LABELS
from clu_desktop.services.indicators.files import (
    AllSites,
    CreateIndicator,
    CreateSite,
    Ignore,
    MapTo,
    UnknownName,
)

#: Rows shown at once; the others come once these are chosen.
MAX_SHOWN = 50
NEW_CATEGORY = "À classer"
UNCHOSEN = "— à choisir —"
#: The longest name a row shows whole (the tooltip always shows it whole).
SHOWN_CHARS = 80
# The combos' data: plain strings (Qt compares them; it cannot compare tuples).
CREATE = "create"
IGNORE = "ignore"
ALL = "all"


def target(target_id: int) -> str:
    """The combo's data for an existing indicator or site."""
    return f"map:{target_id}"


def _target_id(data: str) -> int | None:
    return int(data[4:]) if data.startswith("map:") else None


@dataclass(frozen=True)
class CatalogueChoices:
    """What a name may correspond to: (id, label) of each indicator and site, and the
    categories and units in use (for the new indicator's form)."""

    indicators: tuple[tuple[int, str], ...]
    sites: tuple[tuple[int, str], ...]
    categories: tuple[str, ...] = ()
    units: tuple[str, ...] = ()


def lines_text(lines: Sequence[int], shown: int = 6) -> str:
    """ "ligne 4" / "lignes 2, 5, 8" / "lignes 2, 5, 8, 11, 14, 17… (40 lignes)"."""
    if len(lines) == 1:
        return f"ligne {lines[0]}"
    text = ", ".join(str(n) for n in lines[:shown])
    if len(lines) > shown:
        text += f"… ({len(lines)} lignes)"
    return f"lignes {text}"


def shortened(text: str, limit: int = SHOWN_CHARS) -> str:
    """A name as the row shows it: whole up to ``limit`` characters, else cut with « … »
    (a 10,000-character word would push the list out of the window)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def suggestion_text(label: str, score: float) -> str:
    return f"{label} ({round(score)} %)"


class NewIndicatorForm(QDialog):
    """Name, category, unit and periodicity of an indicator the import creates."""

    def __init__(
        self,
        unknown: UnknownName,
        catalogue: CatalogueChoices,
        current: CreateIndicator | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("newIndicatorForm")
        self.setWindowTitle("Nouvel indicateur")
        self.setAccessibleName("Nouvel indicateur")
        self.name_edit = name(QLineEdit(), "newIndicatorName", "Nom du nouvel indicateur")
        self.category_combo = name(QComboBox(), "newIndicatorCategory", "Catégorie")
        self.category_combo.setEditable(True)
        self.category_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.category_combo.addItems(sorted({NEW_CATEGORY, *catalogue.categories}))
        self.unit_combo = name(QComboBox(), "newIndicatorUnit", "Unité")
        self.unit_combo.setEditable(True)
        self.unit_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.unit_combo.addItems(["", *sorted({"%", "nombre", *catalogue.units})])
        self.periodicity_combo = name(QComboBox(), "newIndicatorPeriodicity", "Périodicité")
        for key, label in PERIODICITY_LABELS.items():
            self.periodicity_combo.addItem(label, key)
        found = message_label("newIndicatorFound", "Ce que le fichier montre")
        colours.paint(found, colours.MUTED)
        hints = []
        if unknown.inferred_unit:
            hints.append(f"unité « {unknown.inferred_unit} »")
        if unknown.inferred_periodicity:
            hints.append(f"périodicité {PERIODICITY_LABELS[unknown.inferred_periodicity]}")
        found.setText(
            "D'après le fichier : " + ", ".join(hints) + "."
            if hints
            else "Le fichier ne dit ni l'unité ni la périodicité : vérifiez-les."
        )
        chosen = current or CreateIndicator(
            name=unknown.written,
            category=NEW_CATEGORY,
            unit=unknown.inferred_unit,
            periodicity=unknown.inferred_periodicity or "year",
        )
        self.name_edit.setText(chosen.name)
        self.category_combo.setCurrentText(chosen.category)
        self.unit_combo.setCurrentText(chosen.unit or "")
        self.periodicity_combo.setCurrentIndex(
            max(self.periodicity_combo.findData(chosen.periodicity), 0)
        )
        form = QFormLayout()
        form.addRow(buddy("&Nom\u00a0:", self.name_edit), self.name_edit)
        form.addRow(buddy("&Catégorie\u00a0:", self.category_combo), self.category_combo)
        form.addRow(buddy("&Unité\u00a0:", self.unit_combo), self.unit_combo)
        form.addRow(buddy("&Périodicité\u00a0:", self.periodicity_combo), self.periodicity_combo)
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton("&Valider", QDialogButtonBox.ButtonRole.AcceptRole)
        name(self.ok_button, "newIndicatorOk", "Valider le nouvel indicateur")
        cancel = buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        name(cancel, "newIndicatorCancel", "Ne pas créer d'indicateur")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.name_edit.textChanged.connect(
            lambda text: self.ok_button.setEnabled(bool(text.strip()))
        )
        layout = QVBoxLayout(self)
        layout.addWidget(found)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
        self.ensurePolished()
        layout.activate()

    def choice(self) -> CreateIndicator:
        return CreateIndicator(
            name=" ".join(self.name_edit.text().split()),
            category=" ".join(self.category_combo.currentText().split()) or NEW_CATEGORY,
            unit=" ".join(self.unit_combo.currentText().split()) or None,
            periodicity=self.periodicity_combo.currentData(),
        )


class NameRow(QObject):
    """One unknown name: its label, the combo « correspond à … », its state (« à
    confirmer », « à choisir ») with « Confirmer », and « Modifier… » for a new
    indicator's form. ``changed`` when what it decides changes."""

    changed = Signal()

    def __init__(self, unknown: UnknownName, catalogue: CatalogueChoices, parent: QWidget) -> None:
        super().__init__(parent)
        self.unknown, self.catalogue, self.parent_widget = unknown, catalogue, parent
        self.confirmed = False
        self.creation: CreateIndicator | None = None
        self.form: NewIndicatorForm | None = None
        what = "l'indicateur" if unknown.kind == "indicator" else "le site"
        self.combo = name(
            QComboBox(),
            f"mapping_{unknown.kind}_{unknown.written}",
            f"Correspondance de {what} « {unknown.written} »",
            "Choisissez l'entrée du catalogue qui correspond à ce nom (les suggestions "
            "d'abord, avec leur ressemblance), ou ce que l'import doit en faire.",
        )
        self.combo.setMaxVisibleItems(20)
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.combo.setMinimumContentsLength(34)
        self._fill()
        self.label = buddy(f"«\u00a0{shortened(unknown.written)}\u00a0»", self.combo)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setToolTip(plain_tooltip(unknown.written))  # whole, never as markup
        self.lines_label = QLabel(lines_text(unknown.lines))
        self.lines_label.setTextFormat(Qt.TextFormat.PlainText)
        colours.paint(self.lines_label, colours.MUTED)
        self.state = message_label(f"mappingState_{unknown.written}", "État de la correspondance")
        self.confirm_button = name(
            QPushButton("Confirmer"),
            f"confirmMapping_{unknown.written}",
            f"Confirmer la correspondance de « {unknown.written} »",
        )
        self.modify_button = name(
            QPushButton("Modifier…"),
            f"modifyNewIndicator_{unknown.written}",
            f"Modifier le nouvel indicateur « {unknown.written} »",
        )
        self.confirm_button.clicked.connect(self.confirm)
        self.modify_button.clicked.connect(self.open_form)
        self.combo.activated.connect(self._chosen)
        self._previous = self.combo.currentIndex()
        self._show_state()

    def _fill(self) -> None:
        combo, unknown = self.combo, self.unknown
        combo.addItem(UNCHOSEN, None)
        for suggestion in unknown.suggestions:
            combo.addItem(
                suggestion_text(suggestion.label, suggestion.score), target(suggestion.target_id)
            )
        combo.insertSeparator(combo.count())
        if unknown.kind == "indicator":
            combo.addItem("Créer un nouvel indicateur…", CREATE)
        else:
            combo.addItem(f"Nouveau site « {shortened(unknown.written)} »", CREATE)
            combo.addItem("Ensemble (valeur pour tous les sites)", ALL)
        combo.addItem("Ignorer ces lignes", IGNORE)
        combo.insertSeparator(combo.count())
        entries = self.catalogue.indicators if unknown.kind == "indicator" else self.catalogue.sites
        for target_id, label in entries:
            combo.addItem(label, target(target_id))
        if unknown.proposed is not None:
            combo.setCurrentIndex(max(combo.findData(target(unknown.proposed.target_id)), 0))

    def widgets(self) -> list[QWidget]:
        return [self.combo, self.confirm_button, self.modify_button]

    # Deciding

    def _chosen(self, index: int) -> None:
        """A choice made by the user in the list: it is confirmed."""
        data = self.combo.itemData(index)
        if data == CREATE and self.unknown.kind == "indicator":
            self.open_form()
            return
        self._previous = index
        self.confirmed = data is not None
        self._show_state()
        self.changed.emit()

    def confirm(self) -> None:
        if self.combo.currentData() is None:
            return
        self.confirmed = True
        self._show_state()
        self.changed.emit()

    def choose(self, data: str) -> None:
        """Select the entry holding ``data`` as the user would (tests, « Modifier »)."""
        index = self.combo.findData(data)
        if index < 0:
            raise ValueError(f"no entry {data!r} for {self.unknown.written!r}")
        self.combo.setCurrentIndex(index)
        self._chosen(index)

    def open_form(self) -> None:
        """The new indicator's form (not blocking: ``form`` is the open dialog)."""
        self.form = NewIndicatorForm(
            self.unknown, self.catalogue, self.creation, self.parent_widget
        )
        self.form.accepted.connect(self._form_accepted)
        self.form.rejected.connect(self._form_rejected)
        self.form.open()

    def _form_accepted(self) -> None:
        self.creation = self.form.choice() if self.form is not None else None
        self.combo.setCurrentIndex(self.combo.findData(CREATE))
        self._previous = self.combo.currentIndex()
        self.confirmed = True
        self._show_state()
        self.changed.emit()

    def _form_rejected(self) -> None:
        self.combo.setCurrentIndex(self._previous)

    def choice(self) -> object | None:
        """What the user decided (a MapTo, CreateIndicator…), None while undecided."""
        data = self.combo.currentData()
        if data is None or not self.confirmed:
            return None
        if (target_id := _target_id(data)) is not None:
            return MapTo(target_id)
        if data == IGNORE:
            return Ignore()
        if data == ALL:
            return AllSites()
        if self.unknown.kind == "site":
            return CreateSite(self.unknown.written)
        return self.creation

    def _show_state(self) -> None:
        data = self.combo.currentData()
        self.modify_button.setVisible(data == CREATE and self.unknown.kind == "indicator")
        self.confirm_button.setVisible(data is not None and not self.confirmed)
        if data is None:
            text, tone = "à choisir", colours.ERROR
        elif not self.confirmed:
            text, tone = "proposé, à confirmer", colours.WARNING
        elif data == CREATE and self.creation is not None:
            periodicity = PERIODICITY_LABELS[self.creation.periodicity]
            unit = f", {self.creation.unit}" if self.creation.unit else ""
            text = f"nouvel indicateur ({self.creation.category}{unit}, {periodicity})"
            tone = colours.SUCCESS
        elif data == IGNORE:
            text, tone = "lignes ignorées", colours.MUTED
        else:
            text, tone = "choisi", colours.SUCCESS
        self.state.setText(text)
        colours.paint(self.state, tone)


class NamesPanel(QScrollArea):
    """Every unknown name of the file as a row (indicators, then sites), at most
    MAX_SHOWN undecided at once. ``changed`` when a decision changes."""

    changed = Signal()

    def __init__(self, catalogue: CatalogueChoices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importNamesPanel")
        self.setWidgetResizable(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to its rows
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.catalogue = catalogue
        self.rows: dict[tuple[str, str], NameRow] = {}
        self.hidden = 0
        self._body = QWidget()
        self._grid = QGridLayout(self._body)
        self._grid.setColumnStretch(1, 1)
        width = self.fontMetrics().averageCharWidth()
        self._grid.setColumnMinimumWidth(0, width * 28)  # the name as written
        self._grid.setColumnMinimumWidth(2, width * 22)  # « proposé, à confirmer »
        self.setWidget(self._body)
        self.more_label = message_label("importMoreNames", "Autres noms")
        self._headings: dict[str, QLabel] = {}
        for kind, title in (("indicator", "Indicateurs du fichier"), ("site", "Sites du fichier")):
            heading = QLabel(title)
            heading.setObjectName(f"namesHeading_{kind}")
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
            self._headings[kind] = heading
        self._rebuild()

    def set_catalogue(self, catalogue: CatalogueChoices) -> None:
        self.catalogue = catalogue

    def reset(self) -> None:
        for row in self.rows.values():
            for widget in (row.label, row.lines_label, row.combo, row.state, *row.widgets()[1:]):
                widget.deleteLater()
            row.deleteLater()
        self.rows = {}
        self.hidden = 0
        self._rebuild()

    def add_names(self, names: Sequence[UnknownName]) -> None:
        """Rows for the names not shown yet (a row already shown keeps its choice)."""
        undecided = sum(1 for r in self.rows.values() if r.choice() is None)
        hidden = 0
        for unknown in names:
            key = (unknown.kind, unknown.written)
            if key in self.rows:
                continue
            if undecided >= MAX_SHOWN:
                hidden += 1
                continue
            row = NameRow(unknown, self.catalogue, self)
            row.changed.connect(self.changed)
            self.rows[key] = row
            undecided += 1
        self.hidden = hidden
        self._rebuild()

    def _rebuild(self) -> None:
        grid = self._grid
        while grid.count():
            grid.takeAt(0)
        line = 0
        for kind, heading in self._headings.items():
            rows = [r for (k, _w), r in self.rows.items() if k == kind]
            heading.setVisible(bool(rows))
            if not rows:
                continue
            grid.addWidget(heading, line, 0, 1, 5)
            line += 1
            for row in rows:
                grid.addWidget(row.label, line, 0)
                grid.addWidget(row.combo, line, 1)
                grid.addWidget(row.state, line, 2)
                grid.addWidget(row.confirm_button, line, 3)
                grid.addWidget(row.modify_button, line, 4)
                grid.addWidget(row.lines_label, line + 1, 0, 1, 2)
                line += 2
        self.more_label.setText(
            f"… et {self.hidden} autre{'s' if self.hidden > 1 else ''} nom"
            f"{'s' if self.hidden > 1 else ''} inconnu{'s' if self.hidden > 1 else ''} : "
            "ils seront proposés une fois ceux-ci choisis."
            if self.hidden
            else ""
        )
        grid.addWidget(self.more_label, line, 0, 1, 5)
        self.more_label.setVisible(bool(self.hidden))
        grid.setRowStretch(line + 1, 1)

    def widgets(self) -> list[QWidget]:
        return [w for row in self.rows.values() for w in row.widgets()]

    def row(self, kind: str, written: str) -> NameRow:
        return self.rows[(kind, written)]

    def confirm_all(self) -> None:
        for row in self.rows.values():
            if row.combo.currentData() is not None and not row.confirmed:
                row.confirmed = True
                row._show_state()
        self.changed.emit()

    def proposals_to_confirm(self) -> int:
        return sum(
            1 for r in self.rows.values() if r.combo.currentData() is not None and not r.confirmed
        )

    def undecided(self) -> int:
        return sum(1 for r in self.rows.values() if r.choice() is None) + self.hidden

    def choices(self, kind: str) -> dict[str, object]:
        """The decisions made for ``kind``, keyed by the name as written."""
        result = {}
        for (row_kind, written), row in self.rows.items():
            if row_kind == kind and (choice := row.choice()) is not None:
                result[written] = choice
        return result
