"""Two duplicate records side by side, and which one to keep."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from clu_desktop.gui.common.layout import name, settle
from clu_desktop.gui.directory.editing import (
    value_label,
)


class MergeDialog(QDialog):
    """Shows two records field by field; ``submit(kept_id, other_id)`` merges them and
    returns True when done (the dialog then closes)."""

    def __init__(
        self,
        title: str,
        intro: str,
        ids: tuple[int, int],
        rows: list[tuple[str, str, str]],
        submit: Callable[[int, int], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        name(self, "mergeDialog", title)
        self.setWindowTitle(title)
        self._ids, self._submit = ids, submit

        explanation = value_label("mergeExplanation", "Explication")
        explanation.setText(intro)

        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        self.choice = QButtonGroup(self)
        self.keep_buttons: list[QRadioButton] = []
        for column, caption in ((1, "Garder la fiche &1"), (2, "Garder la fiche &2")):
            button = name(QRadioButton(caption), f"keepRecord{column}", f"Garder la fiche {column}")
            self.choice.addButton(button, column - 1)
            self.keep_buttons.append(button)
            grid.addWidget(button, 0, column)
        self.keep_buttons[0].setChecked(True)
        for line, (caption, left, right) in enumerate(rows, start=1):
            label = QLabel(f"{caption}\u00a0:")
            font = label.font()
            font.setBold(True)
            label.setFont(font)
            grid.addWidget(label, line, 0, Qt.AlignmentFlag.AlignTop)
            for column, text in ((1, left), (2, right)):
                value = value_label(f"mergeValue{line}_{column}", f"{caption}, fiche {column}")
                value.setText(text or "—")
                value.setMinimumWidth(220)
                grid.addWidget(value, line, column, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)

        buttons = QDialogButtonBox()
        self.merge_button = buttons.addButton("&Fusionner", QDialogButtonBox.ButtonRole.AcceptRole)
        name(self.merge_button, "mergeButton", "Fusionner les deux fiches")
        cancel = buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        name(cancel, "mergeCancel", "Annuler la fusion")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addSpacing(8)
        layout.addLayout(grid)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.setMinimumWidth(640)
        self.keep_buttons[0].setFocus()
        settle(self)

    def kept_id(self) -> int:
        return self._ids[self.choice.checkedId()]

    def other_id(self) -> int:
        return self._ids[1 - self.choice.checkedId()]

    def accept(self) -> None:
        if self._submit(self.kept_id(), self.other_id()):
            super().accept()
