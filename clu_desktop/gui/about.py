"""« À propos de CLU Desktop »: the application, its version and where its data is. The
layout and texts are the Designer form ui/about.ui."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QWidget

from clu_desktop.gui.forms.ui_about import Ui_AboutDialog

ICON_SIZE = 64
TITLE_SCALE = 1.2  # the title's size, relative to the system's font


class AboutDialog(QDialog):
    """``title``: « CLU Desktop 1.4.0 »; ``data``: where the data is (the window's
    description of the base)."""

    def __init__(self, title: str, data: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui = Ui_AboutDialog()
        ui.setupUi(self)
        icon = parent.windowIcon() if parent is not None else QApplication.windowIcon()
        if not icon.isNull():
            ui.aboutIcon.setPixmap(icon.pixmap(ICON_SIZE, ICON_SIZE))
        font = ui.aboutTitle.font()
        font.setPointSizeF(font.pointSizeF() * TITLE_SCALE)
        font.setBold(True)
        ui.aboutTitle.setFont(font)
        ui.aboutTitle.setText(title)
        ui.aboutData.setText(f"Données\u00a0: {data}")
        ui.buttons.accepted.connect(self.accept)
        self.ok_button = ui.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("aboutOkButton")
        self.ok_button.setAccessibleName("Fermer")
        self.ok_button.setFocus()
        self.ensurePolished()
        self.layout().activate()
