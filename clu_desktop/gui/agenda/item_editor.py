"""The selected item's own fields: title, heading, presenter, duration, minutes text."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clu_desktop.errors import ConflictError
from clu_desktop.gui import messages
from clu_desktop.gui.agenda.minutes_edit import HELP_TEXT, MinutesTextEdit
from clu_desktop.gui.common.editing import EditContext
from clu_desktop.gui.common.layout import name
from clu_desktop.gui.conflicts import RecordKind, conflict_text
from clu_desktop.gui.pickers import make_searchable
from clu_desktop.services.agenda.items import (
    DURATION_MAX,
    ITEM,
    ITEM_LABELS,
    AgendaItemRow,
    get_item_row,
    update_item,
)
from clu_desktop.services.attendance.invitations import PersonChoice

NO_PRESENTER = "— aucun —"


def _minutes(value: object) -> str | None:
    return f"{value} min" if value else None


FIELD_LABELS = {
    "title": "Modifier l'intitulé du point",
    "heading": "Modifier le titre dans le compte-rendu",
    "presenter_id": "Changer la personne qui présente le point",
    "duration_minutes": "Changer la durée prévue",
    "minutes_text": "Modifier le texte du compte-rendu",
}


class ItemFields(QWidget):
    """Edits one item; each change is saved at once and can be undone."""

    #: An item's field was saved (its id).
    item_saved = Signal(int)
    #: A save was refused: the item was changed on another workstation (its id).
    conflicted = Signal(int)

    def __init__(self, context: EditContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._row: AgendaItemRow | None = None
        self._saved: dict[str, object] = {}
        self.setObjectName("agendaItemFields")

        self.title_edit = name(QLineEdit(), "agendaItemTitle", "Intitulé du point")
        self.title_edit.setPlaceholderText("Intitulé du point à l'ordre du jour")
        self.heading_edit = name(
            QLineEdit(),
            "agendaItemHeading",
            "Titre dans le compte-rendu",
            "Laissez vide pour reprendre l'intitulé du point",
        )
        self.heading_edit.setPlaceholderText("Identique à l'intitulé")
        self.presenter_combo = name(QComboBox(), "agendaItemPresenter", "Présenté par")
        self.presenter_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.presenter_combo.setMinimumContentsLength(12)
        make_searchable(self.presenter_combo)
        self.duration_spin = name(
            QSpinBox(),
            "agendaItemDuration",
            "Durée prévue en minutes",
            "Durée prévue du point, en minutes (0 : non précisée)",
        )
        self.duration_spin.setRange(0, DURATION_MAX)
        self.duration_spin.setSingleStep(5)
        self.duration_spin.setSuffix(" min")
        self.duration_spin.setSpecialValueText("non précisée")
        self.duration_spin.setAccelerated(True)

        self.minutes_edit = name(
            MinutesTextEdit(), "agendaItemMinutes", "Texte du compte-rendu", HELP_TEXT
        )
        self.minutes_edit.setAccessibleDescription(HELP_TEXT)
        self.help_label = QLabel(HELP_TEXT)
        self.help_label.setObjectName("agendaMinutesHelp")
        self.help_label.setTextFormat(Qt.TextFormat.PlainText)
        self.help_label.setWordWrap(True)
        font = self.help_label.font()
        font.setPointSizeF(font.pointSizeF() * 0.9)
        self.help_label.setFont(font)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self._label("Intitu&lé\u00a0:", self.title_edit), self.title_edit)
        form.addRow(
            self._label("Titre dans le compte-rendu, s'il diffère\u00a0:", self.heading_edit),
            self.heading_edit,
        )
        line = QHBoxLayout()
        line.addWidget(self.presenter_combo, 1)
        line.addSpacing(12)
        line.addWidget(self._label("Durée pré&vue\u00a0:", self.duration_spin))
        line.addWidget(self.duration_spin)
        self.presenter_label = self._label("Présenté pa&r\u00a0:", self.presenter_combo)
        form.addRow(self.presenter_label, line)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self._label("Texte du co&mpte-rendu\u00a0:", self.minutes_edit))
        layout.addWidget(self.minutes_edit, 1)
        layout.addWidget(self.help_label)

        self.title_edit.textEdited.connect(lambda text: self._edit("title", text))
        self.title_edit.editingFinished.connect(self._title_finished)
        self.heading_edit.textEdited.connect(lambda text: self._edit("heading", text))
        self.presenter_combo.activated.connect(self._presenter_chosen)
        self.duration_spin.valueChanged.connect(self._duration_changed)
        self.minutes_edit.textChanged.connect(self._minutes_changed)

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    def tab_order(self) -> list[QWidget]:
        return [
            self.title_edit,
            self.heading_edit,
            self.presenter_combo,
            self.duration_spin,
            self.minutes_edit,
        ]

    # Showing

    @property
    def item_id(self) -> int | None:
        return self._row.id if self._row is not None else None

    def shown_version(self, item_id: int) -> int | None:
        """The version of ``item_id`` shown (None: another item is shown, no check)."""
        return self._row.version if self._row is not None and self._row.id == item_id else None

    def set_presenter_caption(self, caption: str) -> None:
        """Name the presenter as the committee's minutes do: « Présenté par » or
        « Rapporteur »."""
        mnemonic = "Présenté pa&r" if caption == "Présenté par" else "&Rapporteur"
        self.presenter_label.setText(f"{mnemonic}\u00a0:")
        self.presenter_combo.setAccessibleName(caption)

    def take_row(self, row: AgendaItemRow) -> None:
        """The shown item was saved elsewhere on the page (its deliberation): keep its new
        version for the next save; the fields show the same values."""
        if self._row is not None and self._row.id == row.id:
            self._row = row

    def show_item(self, row: AgendaItemRow, people: list[PersonChoice]) -> None:
        """Show ``row`` (after a selection, undo or redo); saves nothing."""
        same_item = self._row is not None and self._row.id == row.id
        self._row = row
        self._saved = {
            "title": row.title,
            "heading": row.heading or "",
            "presenter_id": row.presenter_id,
            "duration_minutes": row.duration_minutes or 0,
            "minutes_text": row.minutes_text or "",
        }
        self._fill_presenters(row, people)
        for field in self._saved:
            self._show_field(field, keep_cursor=same_item)

    def set_people(self, people: list[PersonChoice]) -> None:
        """The meeting's people changed (the directory, the invitations): the presenter
        combo lists them, the presenter chosen kept."""
        if self._row is not None:
            self._fill_presenters(self._row, people)
            self._show_field("presenter_id")

    def _fill_presenters(self, row: AgendaItemRow, people: list[PersonChoice]) -> None:
        combo = self.presenter_combo
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(NO_PRESENTER, None)
        for person in people:
            combo.addItem(person.label, person.id)
        if row.presenter_id is not None and combo.findData(row.presenter_id) < 0:
            combo.addItem(row.presenter_name or "(personne inconnue)", row.presenter_id)
        combo.blockSignals(False)

    def _show_field(self, field: str, keep_cursor: bool = False) -> None:
        value = self._saved[field]
        if field in ("title", "heading"):
            edit = self.title_edit if field == "title" else self.heading_edit
            if edit.text() != value:
                position = edit.cursorPosition()
                edit.setText(str(value))
                if keep_cursor:
                    edit.setCursorPosition(min(position, len(str(value))))
        elif field == "presenter_id":
            self.presenter_combo.blockSignals(True)
            self.presenter_combo.setCurrentIndex(max(0, self.presenter_combo.findData(value)))
            self.presenter_combo.blockSignals(False)
        elif field == "duration_minutes":
            self.duration_spin.blockSignals(True)
            self.duration_spin.setValue(int(value or 0))
            self.duration_spin.blockSignals(False)
        elif field == "minutes_text" and self.minutes_edit.toPlainText() != value:
            position = self.minutes_edit.textCursor().position()
            self.minutes_edit.blockSignals(True)
            self.minutes_edit.setPlainText(str(value))
            self.minutes_edit.blockSignals(False)
            if keep_cursor:
                cursor = self.minutes_edit.textCursor()
                cursor.setPosition(min(position, len(str(value))))
                self.minutes_edit.setTextCursor(cursor)
            else:
                self.minutes_edit.moveCursor(QTextCursor.MoveOperation.Start)

    # Saving

    def _edit(self, field: str, value: object) -> None:
        if self._row is None:
            return
        if field == "title" and not str(value).strip():
            return  # an empty title is not saved; leaving the field restores the last one
        old = self._saved[field]
        if value == old:
            return
        item_id = self._row.id
        context = self._context

        def apply(new: object) -> None:
            stored = None if new in ("", 0) and field != "title" else new
            shown = self._row if self._row is not None and self._row.id == item_id else None
            seen = shown.version if shown is not None else None
            try:
                row = context.write(update_item, item_id, seen_version=seen, **{field: stored})
            except ConflictError:
                conflict.append(item_id)
                typed = new if field in ("title", "heading", "minutes_text") else None
                raise ConflictError(self._conflict_text(shown, item_id, field, typed)) from None
            if shown is not None and self._row is shown:
                self._row = row  # the next save is checked against this version

        conflict: list[int] = []
        widget = self.window() if self.isVisible() else self
        if context.field(
            FIELD_LABELS[field], apply, old, value, ("agenda", item_id, field), widget
        ):
            self._saved[field] = value
            self.item_saved.emit(item_id)
        else:
            self._show_field(field, keep_cursor=True)
            if conflict:
                self.conflicted.emit(item_id)

    def _conflict_text(
        self, shown: AgendaItemRow | None, item_id: int, field: str, typed: object
    ) -> str:
        """What another workstation changed in the item since it was shown."""
        kind = RecordKind(
            ITEM,
            ITEM_LABELS,
            get_item_row,
            {"presenter_id": "presenter_name", "duration_minutes": _minutes},
        )
        return conflict_text(self._context.read, kind, shown, item_id, field, typed)

    def _title_finished(self) -> None:
        if self._row is not None and not self.title_edit.text().strip():
            messages.show_error(self, "« Intitulé » ne peut pas être vide.")
            self._show_field("title")

    def _presenter_chosen(self, index: int) -> None:
        self._edit("presenter_id", self.presenter_combo.itemData(index))

    def _duration_changed(self, value: int) -> None:
        self._edit("duration_minutes", value)

    def _minutes_changed(self) -> None:
        self._edit("minutes_text", self.minutes_edit.toPlainText())
