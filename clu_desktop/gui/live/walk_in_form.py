"""The second step of adding someone nobody knows: a small form, filled from what was
typed, that the agent checks before the person joins the directory. Entrée confirms,
Échap goes back to the field."""

from __future__ import annotations

import itertools
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from clu_desktop.services.attendance.walk_in import WalkInName, guess_name
from clu_desktop.services.directory.people import CIVILITIES

#: Adds the person; True when done (False: the form stays open, the error was said).
Submit = Callable[[WalkInName], bool]
INTRO = (
    "Vérifiez son nom et son organisme : la personne sera ajoutée à l'annuaire et pointée "
    "présente (quelqu'un de même nom et de même organisme dans l'annuaire est repris, pas "
    "ajouté une seconde fois ; Ctrl+Z enlève l'ajout)."
)


def _named(widget: QWidget, object_name: str, accessible_name: str) -> QWidget:
    widget.setObjectName(object_name)
    widget.setAccessibleName(accessible_name)
    return widget


def _combo(object_name: str, accessible_name: str, items: list[str], longest: int) -> QComboBox:
    combo = _named(QComboBox(), object_name, accessible_name)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.addItems(items)
    combo.lineEdit().setMaxLength(longest)
    completer = combo.completer()
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    return combo


def _edit(object_name: str, accessible_name: str, longest: int, text: str | None) -> QLineEdit:
    edit = _named(QLineEdit(text or ""), object_name, accessible_name)
    edit.setMaxLength(longest)
    return edit


class WalkInForm(QDialog):
    """Civilité, NOM, prénom, organisme of someone who came without an invitation,
    pre-filled from ``typed``; ``organisations`` are offered (another name may be
    typed: the organisation is then added too)."""

    def __init__(
        self,
        typed: str,
        organisations: list[str],
        submit: Submit,
        parent: QWidget | None,
        font: QFont | None = None,
    ) -> None:
        super().__init__(parent)
        _named(self, "liveWalkInForm", "Personne venue sans invitation")
        if font is not None:  # the live window's large type, before the sizes settle
            self.setFont(font)
        self.setWindowTitle("Personne venue sans invitation")
        self._submit = submit
        guess = guess_name(typed)

        intro = _named(QLabel(INTRO), "liveWalkInIntro", "À vérifier")
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        self.civility = _combo("liveWalkInCivility", "Civilité", ["", *CIVILITIES], 20)
        self.civility.setCurrentText(guess.civility or "")
        self.last_name = _edit("liveWalkInLastName", "NOM", 100, guess.last_name)
        self.first_name = _edit("liveWalkInFirstName", "Prénom", 100, guess.first_name)
        self.organisation = _combo("liveWalkInOrganisation", "Organisme", ["", *organisations], 300)
        self.organisation.setCurrentText("")
        self.organisation.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )  # long names of organisations do not widen the form
        self.organisation.setMinimumContentsLength(30)
        self.organisation.lineEdit().setPlaceholderText("aucun, ou tapez-en le nom")

        form = QFormLayout()
        for caption, widget in (
            ("&Civilité :", self.civility),
            ("&NOM :", self.last_name),
            ("&Prénom :", self.first_name),
            ("&Organisme :", self.organisation),
        ):
            label = QLabel(caption)
            label.setBuddy(widget)
            form.addRow(label, widget)
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(
            "&Ajouter et pointer (Entrée)", QDialogButtonBox.ButtonRole.AcceptRole
        )
        _named(self.ok_button, "liveWalkInAdd", "Ajouter à l'annuaire et pointer présent")
        self.ok_button.setDefault(True)
        self.cancel_button = buttons.addButton(
            "Ne rien a&jouter (Échap)", QDialogButtonBox.ButtonRole.RejectRole
        )
        _named(self.cancel_button, "liveWalkInCancel", "Ne rien ajouter")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.last_name.textChanged.connect(
            lambda text: self.ok_button.setEnabled(bool(text.strip()))
        )
        self.ok_button.setEnabled(bool(self.last_name.text().strip()))

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        chain = [
            self.civility,
            self.last_name,
            self.first_name,
            self.organisation,
            self.ok_button,
            self.cancel_button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.last_name.setFocus(Qt.FocusReason.OtherFocusReason)
        self.last_name.selectAll()
        self.ensurePolished()
        layout.activate()
        # The wrapped explanation's height depends on the width: both settled now.
        width = max(layout.sizeHint().width(), 40 * self.fontMetrics().averageCharWidth())
        self.setMinimumSize(width, layout.totalHeightForWidth(width))
        self.resize(self.minimumSize())

    def values(self) -> WalkInName:
        return WalkInName(
            last_name=self.last_name.text(),
            first_name=self.first_name.text() or None,
            civility=self.civility.currentText() or None,
            organisation=self.organisation.currentText() or None,
        )

    def accept(self) -> None:
        if self.ok_button.isEnabled() and self._submit(self.values()):
            super().accept()
