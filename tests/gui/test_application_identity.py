"""The application's identity: its icon on every window, Qt's own texts in French, in a
checkout as in the bundle (where the same files sit beside the package)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QDialogButtonBox

from clu_desktop import app as app_module
from clu_desktop.resources import resource_path


def test_the_windows_carry_the_application_icon(qapp):
    app_module.create_application()
    icon = QApplication.windowIcon()
    assert not icon.isNull()
    pixmap = icon.pixmap(64, 64)
    assert pixmap.width() == 64
    # the préfecture's blue (#000091), not a blank square
    edge = pixmap.toImage().pixelColor(8, 32)
    assert edge.red() < 40 and edge.green() < 40 and edge.blue() > 120


def test_the_icon_files_are_renderings_of_the_svg():
    folder = resource_path("icons")
    assert (folder / "clu-desktop.svg").is_file()
    png = (folder / "clu-desktop.png").read_bytes()
    ico = (folder / "clu-desktop.ico").read_bytes()
    assert png.startswith(b"\x89PNG") and int.from_bytes(png[16:20], "big") == 256
    assert ico[:4] == b"\x00\x00\x01\x00"  # a Windows icon


def test_qt_standard_buttons_are_in_french(qapp):
    app_module.create_application()
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert cancel.text().replace("&", "") == "Annuler"


def test_qt_file_print_and_colour_dialogs_are_in_french(qapp):
    """The application's set-up loads Qt's French (qtbase_fr.qm, the one file the bundle
    keeps): the file, print and colour dialogs' own texts are translated."""
    from PySide6.QtCore import QCoreApplication

    from clu_desktop.selftest import QT_DIALOG_TEXTS

    app_module.create_application()
    for context, source, french in QT_DIALOG_TEXTS:
        assert QCoreApplication.translate(context, source) == french
    assert QCoreApplication.translate("QFileDialog", "Look in:") == "Voir dans\xa0:"
