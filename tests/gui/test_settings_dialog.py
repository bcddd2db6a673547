"""The settings dialog: letterhead, logo and fonts, default committee; saved as made."""

from __future__ import annotations

from typing import ClassVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from clu_desktop.gui import settings_dialog
from clu_desktop.gui.settings_dialog import SettingsDialog
from clu_desktop.services.settings import (
    get_default_committee_id,
    get_identity,
    get_minutes_date_style,
)

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def dialog(qtbot, demo_db):
    widget = SettingsDialog(demo_db)
    qtbot.addWidget(widget)
    with qtbot.waitExposed(widget):
        widget.show()
    return widget


@pytest.fixture
def chosen_file(monkeypatch):
    """What the file dialog answers: set ``chosen_file.path`` before clicking."""

    class Answer:
        path: str | None = None
        asked: ClassVar[list[str]] = []

    def choose(_parent, title, _start, _filter):
        Answer.asked.append(title)
        return Answer.path

    monkeypatch.setattr(settings_dialog, "choose_file", choose)
    return Answer


def identity(db):
    with db.reading() as session:
        return get_identity(session)


def click(qtbot, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_the_dialog_shows_the_letterhead(dialog):
    assert dialog.objectName() == "settingsDialog"
    assert dialog.windowTitle() == "Paramètres"
    assert dialog.fields["authority"].toPlainText() == "PRÉFET\nDE LA HAUTE-MARNE"
    assert dialog.fields["town"].text() == "Chaumont"
    assert dialog.logo_preview.text() == "Aucun logo"
    assert dialog.fields["default_committee_id"].currentText() == "(aucun)"


def test_editing_the_authority_saves_it_and_ctrl_z_undoes(qtbot, dialog, demo_db):
    authority = dialog.fields["authority"]
    authority.setFocus()
    qtbot.keyClick(authority, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(authority, "PREFETE")
    qtbot.keyClick(authority, Qt.Key.Key_Return)
    qtbot.keyClicks(authority, "DE LA HAUTE-MARNE")
    assert identity(demo_db).authority == "PREFETE\nDE LA HAUTE-MARNE"
    assert dialog.undo_stack.count() == 1  # typing is one step
    qtbot.keyClick(authority, Qt.Key.Key_Z, CTRL)
    assert identity(demo_db).authority == "PRÉFET\nDE LA HAUTE-MARNE"
    assert authority.toPlainText() == "PRÉFET\nDE LA HAUTE-MARNE"
    qtbot.keyClick(authority, Qt.Key.Key_Y, CTRL)
    assert identity(demo_db).authority == "PREFETE\nDE LA HAUTE-MARNE"


def test_an_emptied_authority_is_refused_when_left(qtbot, dialog, demo_db, answered_messages):
    authority = dialog.fields["authority"]
    authority.setFocus()
    qtbot.keyClick(authority, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(authority, Qt.Key.Key_Delete)
    assert "ne peut pas être vide" in dialog.hint_label.text()
    assert answered_messages.errors == []
    qtbot.keyClick(authority, Qt.Key.Key_Tab)
    assert answered_messages.errors == ["« Autorité » ne peut pas être vide : il ouvre l'en-tête."]
    assert authority.toPlainText() == "PRÉFET\nDE LA HAUTE-MARNE"
    assert identity(demo_db).authority == "PRÉFET\nDE LA HAUTE-MARNE"


def test_a_bad_logo_file_is_refused_and_nothing_changes(
    qtbot, dialog, demo_db, chosen_file, answered_messages, tmp_path
):
    fake = tmp_path / "logo.png"
    fake.write_text("pas une image")
    chosen_file.path = str(fake)
    click(qtbot, dialog.choose_buttons["logo_path"])
    assert chosen_file.asked == ["Choisir le logo"]
    assert answered_messages.errors == [
        "« Logo » : « logo.png » n'est pas une image PNG ou JPEG. Le logo n'a pas été changé."
    ]
    assert identity(demo_db).logo_path is None
    assert dialog.paths["logo_path"].text() == ""
    assert dialog.undo_stack.count() == 0


def test_a_logo_is_chosen_previewed_removed_and_put_back(
    qtbot, dialog, demo_db, chosen_file, tmp_path
):
    image = QImage(300, 100, QImage.Format.Format_RGB32)
    image.fill(QColor("#000091"))
    logo = tmp_path / "marianne.png"
    assert image.save(str(logo))
    chosen_file.path = str(logo)
    click(qtbot, dialog.choose_buttons["logo_path"])
    assert identity(demo_db).logo_path == str(logo)
    assert dialog.paths["logo_path"].text() == str(logo)
    assert not dialog.logo_preview.pixmap().isNull()
    click(qtbot, dialog.remove_buttons["logo_path"])
    assert identity(demo_db).logo_path is None
    assert dialog.logo_preview.text() == "Aucun logo"
    qtbot.keyClick(dialog.choose_buttons["logo_path"], Qt.Key.Key_Z, CTRL)
    assert identity(demo_db).logo_path == str(logo)
    assert dialog.paths["logo_path"].text() == str(logo)


def test_font_files_are_checked(qtbot, dialog, demo_db, chosen_file, answered_messages, tmp_path):
    font = tmp_path / "Marianne-Bold.ttf"
    font.write_bytes(b"\x00\x01\x00\x00" + bytes(60))
    fake = tmp_path / "faux.ttf"
    fake.write_text("ceci n'est pas une police")
    chosen_file.path = str(font)
    click(qtbot, dialog.choose_buttons["font_bold_path"])
    chosen_file.path = str(fake)
    click(qtbot, dialog.choose_buttons["font_path"])
    assert identity(demo_db).font_bold_path == str(font)
    assert identity(demo_db).font_path is None
    assert "« Police normale » : « faux.ttf » n'est pas une police" in answered_messages.errors[0]
    chosen_file.path = None  # cancelled: nothing happens
    click(qtbot, dialog.choose_buttons["font_bold_path"])
    assert identity(demo_db).font_bold_path == str(font)


def test_the_default_committee_is_chosen_and_undone(qtbot, dialog, demo_db):
    combo = dialog.fields["default_committee_id"]
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == "Comité local des usagers"
    with demo_db.reading() as session:
        assert get_default_committee_id(session) == 1
    qtbot.keyClick(combo, Qt.Key.Key_Z, CTRL)
    with demo_db.reading() as session:
        assert get_default_committee_id(session) is None
    assert combo.currentText() == "(aucun)"


def test_an_email_waits_until_complete(qtbot, dialog, demo_db, answered_messages):
    email = dialog.fields["email"]
    email.setFocus()
    qtbot.keyClicks(email, "sru@haute-marne.gouv.fr")
    assert identity(demo_db).email == "sru@haute-marne.gouv.fr"
    assert answered_messages.errors == []


def test_the_minutes_date_style_is_chosen_and_undone(qtbot, dialog, demo_db):
    stamp, long = "08 AVR. 2024 (comme un tampon dateur)", "8 avril 2024"

    def stored():
        with demo_db.reading() as session:
            return get_minutes_date_style(session)

    combo = dialog.fields["minutes_date_style"]
    assert [combo.itemText(row) for row in range(combo.count())] == [long, stamp]
    assert combo.currentText() == stamp  # the demo's minutes are dated like a stamp
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Up)
    assert stored() == "long"
    assert dialog.undo_stack.count() == 1
    qtbot.keyClick(combo, Qt.Key.Key_Z, CTRL)
    assert stored() == "stamp"
    assert combo.currentText() == stamp
    qtbot.keyClick(combo, Qt.Key.Key_Y, CTRL)
    assert stored() == "long"
    assert combo.currentText() == long
