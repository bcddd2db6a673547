"""The deliberation of the selected item: the decision as the minutes print it, and how
it was taken: no vote, unanimously, or a vote with its figures (pour, contre,
abstentions) and, when wanted, the members named for each.

Each change is saved at once through ``record.set_decision``, which refuses figures over
the votants (présents and pouvoirs) with a French message; the panel then shows the saved
deliberation again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clu_desktop.domain import VoteChoice, VoteResult
from clu_desktop.errors import ConflictError
from clu_desktop.gui.agenda.vote_names import VoteNamesDialog
from clu_desktop.gui.common.editing import EditContext
from clu_desktop.gui.common.layout import name
from clu_desktop.gui.conflicts import RecordKind, conflict_text
from clu_desktop.rules import record as record_rules
from clu_desktop.services.agenda.items import ITEM
from clu_desktop.services.attendance.invitations import PersonChoice
from clu_desktop.services.meetings.record import (
    Decision,
    get_decision,
    invited_people,
    set_decision,
    voters,
)

RESULTS: tuple[tuple[VoteResult | None, str], ...] = (
    (None, "Pas de vote"),
    (VoteResult.UNANIMOUS, "Adopté à l'unanimité"),
    (VoteResult.VOTE, "Vote (pour, contre, abstentions)"),
)
CHOICES = (VoteChoice.FOR, VoteChoice.AGAINST, VoteChoice.ABSTAINING)
FIGURES = {
    VoteChoice.FOR: "votes_for",
    VoteChoice.AGAINST: "votes_against",
    VoteChoice.ABSTAINING: "votes_abstaining",
}
CAPTIONS = {
    VoteChoice.FOR: "Po&ur\u00a0:",
    VoteChoice.AGAINST: "Contre\u00a0:",
    VoteChoice.ABSTAINING: "A&bstentions\u00a0:",
}
UNDO_TEXTS = {
    "text": "Modifier le texte de la décision",
    "result": "Changer le vote du point",
    "votes_for": "Changer les voix pour",
    "votes_against": "Changer les voix contre",
    "votes_abstaining": "Changer les abstentions",
    "names": "Nommer des membres dans le vote",
}
NO_FIGURE = "—"
DECISION_LABELS = {
    "text": "Décision",
    "result": "Vote",
    "votes_for": "Pour",
    "votes_against": "Contre",
    "votes_abstaining": "Abstentions",
}


def label(choice: VoteChoice) -> str:
    return record_rules.CHOICE_LABELS[choice.value]


class DecisionPanel(QWidget):
    """Edits the deliberation of one item; ``shown_version(item_id)`` is the version of
    the item the page shows (the item's other fields save it too)."""

    #: The deliberation of an item was saved (its id).
    saved = Signal(int)
    #: A save was refused: the item was changed on another workstation (its id).
    conflicted = Signal(int)

    def __init__(
        self,
        context: EditContext,
        shown_version: Callable[[int], int | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._shown_version = shown_version
        self._item_id: int | None = None
        self._saved = Decision()
        self._people: list[PersonChoice] = []
        self.dialog: VoteNamesDialog | None = None
        self.setObjectName("agendaDecision")

        self.text_edit = name(
            QPlainTextEdit(),
            "decisionText",
            "Texte de la décision",
            "La décision telle que le compte-rendu l'imprime sous le point",
        )
        self.text_edit.setUndoRedoEnabled(False)  # Ctrl+Z goes to the meeting's stack
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setPlaceholderText("Le comité approuve …")
        self.result_combo = name(QComboBox(), "decisionResult", "Vote")
        for _result, caption in RESULTS:
            self.result_combo.addItem(caption)
        self.voters_label = name(QLabel(), "decisionVoters", "Votants")
        self.voters_label.setTextFormat(Qt.TextFormat.PlainText)
        self.spins: dict[VoteChoice, QSpinBox] = {}
        self.name_buttons: dict[VoteChoice, QPushButton] = {}
        self.names_labels: dict[VoteChoice, QLabel] = {}
        for choice in CHOICES:
            spin = name(QSpinBox(), f"decision_{choice.value}", f"Voix « {label(choice)} »")
            spin.setRange(0, record_rules.MEMBERS_MAX)
            spin.setKeyboardTracking(False)  # saved when left, on Entrée or with the arrows
            spin.setAccelerated(True)
            self.spins[choice] = spin
            button = name(
                QPushButton("Nommer…"),
                f"decisionNames_{choice.value}",
                f"Nommer les membres « {label(choice)} »",
            )
            button.setToolTip(f"Choisir parmi les invités les membres « {label(choice)} »")
            self.name_buttons[choice] = button
            names = name(QLabel(), f"decisionNamed_{choice.value}", f"Nommés « {label(choice)} »")
            names.setTextFormat(Qt.TextFormat.PlainText)
            self.names_labels[choice] = names
            spin.valueChanged.connect(lambda value, c=choice: self._figure_changed(c, value))
            button.clicked.connect(lambda _checked=False, c=choice: self.name_members(c))
        self._build_layout()
        self.text_edit.textChanged.connect(self._text_changed)
        self.result_combo.activated.connect(self._result_chosen)

    def _build_layout(self) -> None:
        grid = QGridLayout()
        grid.setColumnStretch(3, 1)
        grid.addWidget(_buddy("Vot&e\u00a0:", self.result_combo), 0, 0)
        grid.addWidget(self.result_combo, 0, 1, 1, 3, Qt.AlignmentFlag.AlignLeft)
        for row, choice in enumerate(CHOICES, start=1):
            grid.addWidget(_buddy(CAPTIONS[choice], self.spins[choice]), row, 0)
            grid.addWidget(self.spins[choice], row, 1)
            grid.addWidget(self.name_buttons[choice], row, 2)
            grid.addWidget(self.names_labels[choice], row, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(_buddy("Te&xte de la décision\u00a0:", self.text_edit))
        layout.addWidget(self.text_edit, 1)
        layout.addLayout(grid)
        layout.addWidget(self.voters_label)

    def tab_order(self) -> list[QWidget]:
        order: list[QWidget] = [self.text_edit, self.result_combo]
        for choice in CHOICES:
            order += [self.spins[choice], self.name_buttons[choice]]
        return order

    # Showing

    def load(self, item_id: int, meeting_id: int) -> None:
        """Show the deliberation of ``item_id`` (after a selection, undo or redo)."""
        same_item = item_id == self._item_id
        self._item_id = item_id
        self._saved = self._context.read(get_decision, item_id)
        self._people = self._context.read(invited_people, meeting_id)
        count = self._context.read(voters, meeting_id)
        plural = "s" if count > 1 else ""
        self.voters_label.setText(f"Votant{plural}\u00a0: {count} (présents et pouvoirs)")
        self._show(keep_cursor=same_item)

    @property
    def decision(self) -> Decision:
        return self._saved

    def summary(self) -> str:
        """A word for the tab's title: what was decided, if anything."""
        result = self._saved.result
        if result == VoteResult.UNANIMOUS:
            return "unanimité"
        if result == VoteResult.VOTE:
            return "vote"
        return "texte" if self._saved.text else ""

    def _show(self, keep_cursor: bool = False) -> None:
        decision = self._saved
        text = decision.text or ""
        if self.text_edit.toPlainText() != text:
            position = self.text_edit.textCursor().position()
            self.text_edit.blockSignals(True)
            self.text_edit.setPlainText(text)
            self.text_edit.blockSignals(False)
            if keep_cursor:
                cursor = self.text_edit.textCursor()
                cursor.setPosition(min(position, len(text)))
                self.text_edit.setTextCursor(cursor)
        index = next(i for i, (result, _c) in enumerate(RESULTS) if result == decision.result)
        self.result_combo.setCurrentIndex(index)
        voting = decision.result == VoteResult.VOTE
        names = {person.id: person.name for person in self._people}
        for choice in CHOICES:
            spin = self.spins[choice]
            spin.blockSignals(True)
            spin.setSpecialValueText("" if voting else NO_FIGURE)
            spin.setValue(getattr(decision, FIGURES[choice]) or 0)
            spin.blockSignals(False)
            spin.setEnabled(voting)
            self.name_buttons[choice].setEnabled(voting and bool(self._people))
            named = [names.get(pid, "(personne non invitée)") for pid in decision.named(choice)]
            self.names_labels[choice].setText(", ".join(named))

    # Saving

    def _save(self, field: str, decision: Decision, merge: bool = False) -> bool:
        """Save ``decision`` (``field`` names the change); a refusal is shown and the
        saved deliberation shown again."""
        item_id, old = self._item_id, self._saved
        if item_id is None or decision == old:
            return True
        context, conflict = self._context, []

        def apply(value: Any) -> None:
            try:
                context.write(set_decision, item_id, value, self._shown_version(item_id))
            except ConflictError:
                conflict.append(item_id)
                typed = value.text if field == "text" else None
                raise ConflictError(_conflict_text(context, item_id, old, field, typed)) from None

        widget = self.window() if self.isVisible() else self
        merge_key = ("agenda", item_id, f"decision_{field}") if merge else None
        if context.field(UNDO_TEXTS[field], apply, old, decision, merge_key, widget):
            self._saved = decision
            self.saved.emit(item_id)
            self._show(keep_cursor=True)
            return True
        self._show(keep_cursor=True)
        if conflict:
            self.conflicted.emit(item_id)
        return False

    def _text_changed(self) -> None:
        self._save("text", replace(self._saved, text=self.text_edit.toPlainText()), merge=True)

    def _result_chosen(self, index: int) -> None:
        result = RESULTS[index][0]
        if result == self._saved.result:
            return
        if result == VoteResult.VOTE:  # figures to fill in, from nothing
            decision = replace(
                self._saved, result=result, votes_for=0, votes_against=0, votes_abstaining=0
            )
        else:  # no figures nor names without a vote
            decision = Decision(text=self._saved.text, result=result)
        self._save("result", decision)

    def _figure_changed(self, choice: VoteChoice, value: int) -> None:
        field = FIGURES[choice]
        self._save(field, replace(self._saved, **{field: value}), merge=True)

    def name_members(self, choice: VoteChoice) -> None:
        """Open the list of the people invited, to name who voted ``choice``."""
        elsewhere = [
            pid for other in CHOICES if other != choice for pid in self._saved.named(other)
        ]
        self.dialog = VoteNamesDialog(
            label(choice),
            self._people,
            self._saved.named(choice),
            elsewhere,
            lambda ids: self._names_chosen(choice, ids),
            self,
        )
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.open()

    def _names_chosen(self, choice: VoteChoice, person_ids: list[int]) -> bool:
        names = dict(self._saved.names)
        names[choice] = tuple(person_ids)
        ordered = tuple((c, names[c]) for c in CHOICES if names.get(c))
        return self._save("names", replace(self._saved, names=ordered))


def _buddy(text: str, buddy: QWidget) -> QLabel:
    caption = QLabel(text)
    caption.setBuddy(buddy)
    return caption


def _conflict_text(
    context: EditContext, item_id: int, shown: Decision, field: str, typed: str | None
) -> str:
    """What another workstation changed in the deliberation since it was shown."""
    kind = RecordKind(ITEM, DECISION_LABELS, get_decision, captions={"names": "Membres nommés"})
    return conflict_text(context.read, kind, shown, item_id, field, typed)
