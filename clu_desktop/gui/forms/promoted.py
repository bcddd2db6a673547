"""Widgets the Designer forms promote (written by hand, not generated): Designer creates
a widget with its parent only, so those needing more take it afterwards."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from clu_desktop.gui.common.widgets import ChoiceCombo, ChoiceModel


class FormChoiceCombo(ChoiceCombo):
    """A ChoiceCombo placed in Designer: empty until the code that fills the form gives it
    its choices with :meth:`set_choices`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(ChoiceModel(None), parent)
        self.choices.setParent(self)

    def set_choices(self, model: ChoiceModel) -> None:
        self.choices = model
        self.setModel(model)
