"""The one way a combo box of people, organisations or committees is searched.

Typing in it proposes the rows whose label holds every word typed, in any order,
whatever the accents and the case (« begue » finds « Mylène BÉGUÉ », « maires guy »
finds « M. Bernard GUY (Association des maires) »): the directory's own search
(``services.directory.common.fold``). Qt's completer matches accents exactly, so the
proposals come from :class:`FoldFilterModel`, a proxy over the combo's own model.

``make_searchable(combo)`` makes a combo box editable with that search; leaving the
field (Entrée, Tab) chooses the row whose label is the text typed, else the only row
proposed, else goes back to the current choice (an empty text chooses the "none" row
when there is one). ``free_text=True`` keeps a text that names nobody (a name typed).
"""

from __future__ import annotations

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import QComboBox, QCompleter, QListView

from clu_desktop.services.directory.common import fold, matches, query_words

_Index = QModelIndex | QPersistentModelIndex
SEARCH_TIP = "Tapez une partie du nom ou de l'organisme, sans vous soucier des accents"


class FoldFilterModel(QSortFilterProxyModel):
    """The rows of the source model whose label holds every word of :meth:`set_text`,
    compared without accents nor case."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._folded: dict[str, str] = {}

    def set_text(self, text: str) -> None:
        words = query_words(text)
        if words == self._words:
            return
        self.beginFilterChange()
        self._words = words
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if not self._words:
            return True
        label = self.sourceModel().index(source_row, 0, source_parent).data() or ""
        folded = self._folded.get(label)
        if folded is None:
            if len(self._folded) > 20000:
                self._folded.clear()
            folded = self._folded[label] = fold(label)
        return matches(self._words, folded)

    def source_rows(self) -> list[int]:
        """The rows of the source model proposed now."""
        return [self.mapToSource(self.index(row, 0)).row() for row in range(self.rowCount())]


class _Search(QObject):
    """What ``make_searchable`` adds to one combo box."""

    def __init__(self, combo: QComboBox, free_text: bool) -> None:
        super().__init__(combo)
        self.combo = combo
        self.free_text = free_text
        self.filter = FoldFilterModel(self)
        self.filter.setSourceModel(combo.model())
        completer = QCompleter(self.filter, combo)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setMaxVisibleItems(12)
        combo.setCompleter(completer)  # activating a proposal chooses its row of the combo
        self.completer = completer
        for view in (combo.view(), completer.popup()):
            if isinstance(view, QListView):
                view.setUniformItemSizes(True)
        combo.lineEdit().textEdited.connect(self._typed)
        if not free_text:
            combo.lineEdit().editingFinished.connect(self._settle)

    def _typed(self, text: str) -> None:
        self.filter.set_text(text)
        popup = self.completer.popup()
        if self.filter.rowCount() and text.strip():
            self.completer.complete()
        else:
            popup.hide()

    def row_for(self, text: str) -> int:
        """The combo row ``text`` names: the same label (accents and case aside), else
        the only row proposed for it; -1 when none or several."""
        wanted = fold(text.strip())
        if not wanted:
            return -1
        model = self.combo.model()
        same = [
            row
            for row in range(model.rowCount())
            if fold(model.index(row, 0).data() or "") == wanted
        ]
        current = self.combo.currentIndex()
        if current in same:
            return current
        if len(same) == 1:
            return same[0]
        self.filter.set_text(text)
        proposed = self.filter.source_rows()
        return proposed[0] if len(proposed) == 1 else -1

    def _settle(self) -> None:
        combo = self.combo
        popup = self.completer.popup()
        if popup.isVisible() and popup.currentIndex().isValid():
            return  # Entrée on a proposal: the completer chooses it
        text = combo.lineEdit().text()
        current = combo.currentIndex()
        if current >= 0 and text == combo.itemText(current):
            return
        row = self.row_for(text) if text.strip() else _none_row(combo)
        if row >= 0 and row != current:
            combo.setCurrentIndex(row)
            combo.activated.emit(row)
        shown = combo.itemText(combo.currentIndex()) if combo.currentIndex() >= 0 else ""
        if combo.lineEdit().text() != shown:
            combo.lineEdit().setText(shown)


def _none_row(combo: QComboBox) -> int:
    """The row standing for "nobody" (no id), if the combo has one."""
    return 0 if combo.count() and combo.itemData(0) is None else -1


def make_searchable(combo: QComboBox, *, free_text: bool = False) -> _Search:
    """Make ``combo`` an editable combo box searched accent- and case-insensitively.

    Call it once the combo has its model (``setModel`` replaces the completer's)."""
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    if not combo.toolTip():
        combo.setToolTip(SEARCH_TIP)
    return _Search(combo, free_text)


# A person or a name typed (an action's owner)


def person_combo(object_name: str, accessible_name: str, tip: str) -> QComboBox:
    """A combo box to choose a person or type a name (a service, an organisation)."""
    combo = QComboBox()
    combo.setObjectName(object_name)
    combo.setAccessibleName(accessible_name)
    combo.setToolTip(tip)
    make_searchable(combo, free_text=True)
    combo.lineEdit().setPlaceholderText("Personne ou service")
    return combo


def show_person(
    combo: QComboBox,
    people: list[tuple[str, int, str | None]],
    person_id: int | None,
    text: str,
) -> None:
    """Offer ``people`` (label, id, tooltip) in a ``free_text`` combo and show
    ``person_id`` (its ``text`` when it is no longer offered) or, without an id, the
    name typed ``text``; without signals."""
    combo.blockSignals(True)
    combo.lineEdit().blockSignals(True)
    combo.clear()
    for label, choice_id, tip in people:
        combo.addItem(label, choice_id)
        if tip is not None:
            combo.setItemData(combo.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
    if person_id is not None:
        if combo.findData(person_id) < 0:
            combo.addItem(text, person_id)
        combo.setCurrentIndex(combo.findData(person_id))
    else:
        combo.setCurrentIndex(-1)
        combo.setEditText(text)
    combo.lineEdit().blockSignals(False)
    combo.blockSignals(False)


def keeping_typed(combo: QComboBox, refill) -> None:
    """``refill()`` the combo's choices (the directory or the meeting changed) keeping
    the text the user is typing in it."""
    line = combo.lineEdit()
    typed = line.text() if line.hasFocus() else None
    refill()
    if typed is not None and line.text() != typed:
        line.blockSignals(True)
        line.setText(typed)
        line.blockSignals(False)


def typed_person(combo: QComboBox, text: str) -> int | str | None:
    """What a text typed in a ``free_text`` combo names: the id of the person whose
    label it is, else the name typed (None when empty)."""
    index = combo.findText(text.strip(), Qt.MatchFlag.MatchFixedString)
    return combo.itemData(index) if index >= 0 else (text.strip() or None)
