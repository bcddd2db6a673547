"""The statements of the selected item: who said what, and whether users remarked or
asked something."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from clu_desktop.domain import StatementKind
from clu_desktop.gui.agenda.item_records import ItemRecordsPanel, RecordServices
from clu_desktop.gui.agenda.statements_model import PERSON_ROLE, StatementsModel
from clu_desktop.gui.agenda.texts import plain_tooltip
from clu_desktop.gui.common.editing import EditContext
from clu_desktop.gui.common.layout import buddy, name
from clu_desktop.gui.conflicts import RecordKind
from clu_desktop.services.agenda.statements import (
    STATEMENT,
    STATEMENT_KIND_LABELS,
    STATEMENT_LABELS,
    StatementRow,
    add_statement,
    delete_statement,
    get_statement_row,
    list_statements,
    move_statement,
    restore_statement,
    set_statement_kind,
    set_statement_speakers,
    set_statement_text,
)
from clu_desktop.services.attendance.invitations import PersonChoice

#: How a conflict names a statement and what changed in it.
STATEMENT_KIND = RecordKind(
    STATEMENT,
    STATEMENT_LABELS,
    get_statement_row,
    {"kind": lambda kind: STATEMENT_KIND_LABELS.get(kind)},
)


class StatementsPanel(ItemRecordsPanel):
    """List of statements on the left, the selected one's kind, speakers and text."""

    #: The statements changed (added, edited, deleted): the item's count may differ.
    statements_saved = Signal()
    services = RecordServices(
        list_statements, add_statement, delete_statement, restore_statement,
        "Ajouter une intervention", "Supprimer une intervention",
    )  # fmt: skip

    def __init__(self, context: EditContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._current: StatementRow | None = None
        self._text_of: int | None = None  # the statement whose text the editor shows
        self.setObjectName("agendaStatements")

        self.model = StatementsModel(self)
        self.list_view = name(QListView(), "statementList", "Interventions du point")
        self.list_view.setModel(self.model)
        self.list_view.setWordWrap(True)
        self.list_view.setAlternatingRowColors(True)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list_view.selectionModel().currentRowChanged.connect(self._on_current)
        self.view = self.list_view

        self.add_button = name(QPushButton("Ajo&uter"), "addStatement", "Ajouter une intervention")
        self.delete_button = name(
            QPushButton("Supprimer"), "deleteStatement", "Supprimer l'intervention"
        )
        self.up_button = name(QPushButton("Monter"), "statementUp", "Monter l'intervention")
        self.down_button = name(
            QPushButton("Descendre"), "statementDown", "Descendre l'intervention"
        )
        buttons = QGridLayout()  # two by two: the page stays usable on a small screen
        for index, button in enumerate(
            (self.add_button, self.delete_button, self.up_button, self.down_button)
        ):
            buttons.addWidget(button, index // 2, index % 2)

        self.kind_combo = name(QComboBox(), "statementKind", "Nature de l'intervention")
        for kind, label in STATEMENT_KIND_LABELS.items():
            self.kind_combo.addItem(label, kind.value)
        self.speakers_list = name(
            QListWidget(),
            "statementSpeakers",
            "Intervenants",
            "Cochez qui s'exprime, dans l'ordre où le compte-rendu les nomme",
        )
        self.speakers_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.speakers_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.text_edit = name(QPlainTextEdit(), "statementText", "Texte de l'intervention")
        self.text_edit.setUndoRedoEnabled(False)
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setPlaceholderText("M. X et M. Y font part de …")

        self.editor = QWidget()
        form = QFormLayout(self.editor)
        form.setContentsMargins(0, 0, 0, 0)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addRow(buddy("Nature\u00a0:", self.kind_combo), self.kind_combo)
        form.addRow(buddy("Intervenants\u00a0:", self.speakers_list), self.speakers_list)
        form.addRow(buddy("Te&xte\u00a0:", self.text_edit), self.text_edit)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list_view, 1)
        left_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("statementsSplitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(self.editor)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        self.editor.setMinimumWidth(self.fontMetrics().averageCharWidth() * 40)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.add_button.clicked.connect(self.add_statement)
        self.delete_button.clicked.connect(self.delete_statement)
        self.up_button.clicked.connect(lambda: self.move_statement(-1))
        self.down_button.clicked.connect(lambda: self.move_statement(1))
        self.kind_combo.activated.connect(self._kind_chosen)
        self.speakers_list.itemChanged.connect(self._speaker_toggled)
        self.text_edit.textChanged.connect(self._text_changed)
        self._update_editor()

    def tab_order(self) -> list[QWidget]:
        return [
            self.list_view,
            self.add_button,
            self.delete_button,
            self.up_button,
            self.down_button,
            self.kind_combo,
            self.speakers_list,
            self.text_edit,
        ]

    # Loading

    def set_people(self, people: list[PersonChoice]) -> None:
        """The meeting's people changed: the speakers list shows them, ticks kept."""
        self._people = people
        self._fill_speakers(self._current)

    def _update_editor(self) -> None:
        row = self._current
        self.editor.setEnabled(row is not None)
        self.add_button.setEnabled(self._item_id is not None)
        count = self.model.rowCount()
        position = self.model.row_of(row.id) if row is not None else None
        self.delete_button.setEnabled(row is not None)
        self.up_button.setEnabled(position is not None and position > 0)
        self.down_button.setEnabled(position is not None and position < count - 1)
        self.kind_combo.setCurrentIndex(
            self.kind_combo.findData(row.kind.value) if row is not None else 0
        )
        self._fill_speakers(row)
        text = row.text if row is not None else ""
        if self.text_edit.toPlainText() != text:
            same = row is not None and row.id == self._text_of
            old = self.text_edit.toPlainText()
            from_end = len(old) - self.text_edit.textCursor().position()
            self.text_edit.blockSignals(True)
            self.text_edit.setPlainText(text)
            self.text_edit.blockSignals(False)
            if same:  # the same statement read again (another workstation's text): the
                cursor = self.text_edit.textCursor()  # cursor as far from the end as it was
                cursor.setPosition(max(0, len(text) - from_end))
                self.text_edit.setTextCursor(cursor)
        self._text_of = row.id if row is not None else None

    def _fill_speakers(self, row: StatementRow | None) -> None:
        self.speakers_list.blockSignals(True)
        self.speakers_list.clear()
        chosen = row.speakers if row is not None else ()
        known = {person.id for person in self._people}
        for person in [*self._people, *(p for p in chosen if p.id not in known)]:
            entry = QListWidgetItem(person.label)
            entry.setToolTip(plain_tooltip(person.label))
            entry.setData(Qt.ItemDataRole.UserRole, person.id)
            entry.setData(PERSON_ROLE, person)
            entry.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsUserCheckable
                | Qt.ItemFlag.ItemIsSelectable
            )
            self.speakers_list.addItem(entry)
        if not self.speakers_list.count():
            hint = QListWidgetItem("Aucun participant : invitez d'abord les membres de la séance.")
            hint.setFlags(Qt.ItemFlag.NoItemFlags)
            self.speakers_list.addItem(hint)
        self.speakers_list.blockSignals(False)
        self._show_speakers(row)

    def _show_speakers(self, row: StatementRow | None) -> None:
        """Tick the speakers and number them in the order the minutes name them."""
        chosen = list(row.speaker_ids) if row is not None else []
        self.speakers_list.blockSignals(True)
        for i in range(self.speakers_list.count()):
            entry = self.speakers_list.item(i)
            person = entry.data(PERSON_ROLE)
            if person is None:
                continue  # the hint shown when nobody is invited
            checked = person.id in chosen
            entry.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            rank = chosen.index(person.id) + 1 if checked and len(chosen) > 1 else None
            entry.setText(f"{rank}. {person.label}" if rank else person.label)
        self.speakers_list.blockSignals(False)

    def _replace_current(self, row: StatementRow) -> None:
        """Show a saved change without reloading (the widget being edited keeps its state)."""
        self._current = row
        self.model.replace_row(row)
        self.statements_saved.emit()

    # Editing

    def _emit_saved(self) -> None:
        self.statements_saved.emit()

    def add_statement(self) -> None:
        self._add(self.speakers_list)

    def delete_statement(self) -> None:
        self._delete()

    def move_statement(self, delta: int) -> None:
        if self._current is None:
            return
        statement_id, context = self._current.id, self._context
        ok, _ = context.record(
            "Déplacer une intervention",
            lambda: context.write(move_statement, statement_id, delta),
            lambda: context.write(move_statement, statement_id, -delta),
            widget=self,
        )
        if ok:
            self._reloaded(statement_id)

    def _save(
        self,
        text: str,
        service,
        field: str,
        old: object,
        new: object,
        merge_key: tuple | None = None,
    ) -> bool:
        """Save one field of the current statement with undo, at the version shown: a
        statement changed meanwhile on another workstation is refused, the message says
        what changed there and the page shows the statement as it is now."""
        assert self._current is not None
        statement_id, context = self._current.id, self._context

        def apply(value: object) -> None:
            shown = self._current if self._current and self._current.id == statement_id else None
            typed = value if field == "text" else None
            version = context.write_seen(
                STATEMENT_KIND, shown, service, statement_id, value, field=field, typed=typed
            )
            if shown is not None and self._current is shown:
                self._current = replace(shown, version=version)  # one's own next save

        if context.field(text, apply, old, new, merge_key, widget=self):
            return True
        self.reload()  # the saved value, or the version of now after a conflict
        return False

    def _kind_chosen(self, index: int) -> None:
        row = self._current
        if row is None:
            return
        new = StatementKind(self.kind_combo.itemData(index))
        if new == row.kind:
            return
        if self._save(
            "Changer la nature de l'intervention", set_statement_kind, "kind", row.kind, new
        ):
            self._replace_current(replace(self._current, kind=new))

    def _speaker_toggled(self, entry: QListWidgetItem) -> None:
        row = self._current
        if row is None:
            return
        person = entry.data(PERSON_ROLE)
        old = list(row.speakers)
        new = [p for p in old if p.id != person.id]
        if entry.checkState() == Qt.CheckState.Checked:
            new.append(person)
        if self._save(
            "Choisir les intervenants",
            set_statement_speakers,
            "speakers_label",
            [p.id for p in old],
            [p.id for p in new],
        ):
            self._replace_current(replace(self._current, speakers=tuple(new)))
            self._show_speakers(self._current)

    def _text_changed(self) -> None:
        row = self._current
        if row is None:
            return
        new = self.text_edit.toPlainText()
        if self._save(
            "Modifier le texte de l'intervention",
            set_statement_text,
            "text",
            row.text,
            new,
            ("statement", row.id, "text"),
        ):
            self._replace_current(replace(self._current, text=new))
