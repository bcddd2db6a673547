"""Signing and reopening the minutes from the "Séance" page; edits refused while signed."""

from __future__ import annotations

import hashlib

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPalette, QUndoStack
from PySide6.QtWidgets import QDialog

from clu_desktop.domain import AttendanceStatus, MeetingStatus
from clu_desktop.domain.meetings import SignatureKind
from clu_desktop.gui.agenda import AgendaPage
from clu_desktop.gui.documents.page import DocumentsPage
from clu_desktop.gui.meeting.page import MeetingPage
from clu_desktop.gui.participants.page import ParticipantsPage
from clu_desktop.services.agenda.items import list_agenda
from clu_desktop.services.attendance.presence import list_attendance, set_status
from clu_desktop.services.documents.signature import sign_minutes, signature_history, signed_pdf
from clu_desktop.services.meetings.details import get_meeting_details

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def page(qtbot, demo_db):
    widget = MeetingPage(demo_db)
    qtbot.addWidget(widget)
    widget.resize(1000, 800)
    widget.show_meeting(1, QUndoStack(widget))
    with qtbot.waitExposed(widget):
        widget.show()
    return widget


def sign(db):
    with db.transaction() as session:
        sign_minutes(session, 1, "dupont")


def saved(db):
    with db.reading() as session:
        return get_meeting_details(session, 1)


def answer_dialog(qtbot, bar, by: str | None, reason: str | None = None, accept=True):
    """When the bar's dialog opens: type who (and why), then Signer/Rouvrir or Annuler."""

    def answer():
        dialog = bar.dialog
        assert dialog is not None and dialog.isVisible()
        if by is not None:
            dialog.by_edit.selectAll()
            qtbot.keyClicks(dialog.by_edit, by)
        if reason is not None:
            assert not dialog.ok_button.isEnabled()  # no reason yet: no reopening
            qtbot.keyClicks(dialog.reason_edit, reason)
        if accept:
            qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        else:
            dialog.reject()

    QTimer.singleShot(0, answer)


def test_marking_as_signed_shows_the_banner_and_freezes_the_page(qtbot, page, demo_db):
    bar = page.signature_bar
    assert bar.text_label.text().startswith("Compte-rendu non signé")
    assert bar.button.text() == "Marquer comme si&gné…"
    assert not page.form.title_edit.isReadOnly()
    base, window = QPalette.ColorRole.Base, QPalette.ColorRole.Window
    editable = page.form.title_edit.palette().color(base)
    assert editable != page.form.title_edit.palette().color(window)
    answer_dialog(qtbot, bar, "dupont")
    qtbot.mouseClick(bar.button, Qt.MouseButton.LeftButton)
    text = bar.text_label.text()
    assert text.startswith("Compte-rendu signé le ")
    assert text.endswith(" par dupont — le contenu ne peut plus être modifié.")
    with demo_db.reading() as session:
        pdf = signed_pdf(session, 1)
    assert bar.hash_label.text().endswith(hashlib.sha256(pdf.data).hexdigest())
    assert bar.button.text() == "&Rouvrir…"
    assert page.form.title_edit.isReadOnly()
    assert page.form.opening_edit.isReadOnly()
    for field in (page.form.title_edit, page.form.opening_edit):  # no longer look editable
        assert field.palette().color(base) == field.palette().color(window)
    assert not page.form.status_combo.isEnabled()
    assert page.form.status_combo.currentText() == "Compte-rendu signé"
    page.form.title_edit.setFocus()
    qtbot.keyClicks(page.form.title_edit, "x")
    assert saved(demo_db).title == "Comité local des usagers (CLU)"


def test_signing_minutes_that_do_not_add_up_shows_the_points_to_check_first(
    qtbot, page, demo_db, answered_messages
):
    with demo_db.transaction() as session:
        guy = next(r for r in list_attendance(session, 1) if "GUY" in r.name)
        set_status(session, guy.id, AttendanceStatus.INVITED)  # never ticked
    bar = page.signature_bar
    answered_messages.confirm_answer = False  # « Annuler »: back to correct it
    qtbot.mouseClick(bar.button, Qt.MouseButton.LeftButton)
    assert answered_messages.questions == [
        "Avant de signer, ces points sont à vérifier\u00a0:\n\n"
        "• 1 personne n'a pas été pointée (M. Bernard GUY) : imprimée parmi les absents.\n\n"
        "Le compte-rendu signé ne pourra plus être modifié sans être rouvert. "
        "Signer quand même\u00a0?"
    ]
    assert bar.dialog is None  # not even asked who signs
    assert saved(demo_db).status is MeetingStatus.MINUTES_DRAFTED
    answered_messages.confirm_answer = True  # « Signer quand même… »
    answer_dialog(qtbot, bar, "dupont")
    qtbot.mouseClick(bar.button, Qt.MouseButton.LeftButton)
    assert len(answered_messages.questions) == 2
    assert saved(demo_db).status is MeetingStatus.MINUTES_SIGNED


def test_minutes_that_add_up_are_signed_without_a_question(qtbot, page, demo_db, answered_messages):
    answer_dialog(qtbot, page.signature_bar, "dupont")
    qtbot.mouseClick(page.signature_bar.button, Qt.MouseButton.LeftButton)
    assert answered_messages.questions == []
    assert saved(demo_db).status is MeetingStatus.MINUTES_SIGNED


def test_the_status_combo_asks_to_sign_and_cancelling_changes_nothing(qtbot, page, demo_db):
    combo = page.form.status_combo
    answer_dialog(qtbot, page.signature_bar, None, accept=False)
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # "Compte-rendu signé", after "rédigé"
    assert saved(demo_db).status is MeetingStatus.MINUTES_DRAFTED
    assert combo.currentText() == "Compte-rendu rédigé"
    assert page.signature_bar.text_label.text().startswith("Compte-rendu non signé")


def test_reopening_asks_who_and_why(qtbot, page, demo_db):
    sign(demo_db)
    page.show_meeting(1, QUndoStack(page))
    bar = page.signature_bar
    assert page.form.title_edit.isReadOnly()
    answer_dialog(qtbot, bar, "martin", "Nom mal orthographie")
    qtbot.mouseClick(bar.button, Qt.MouseButton.LeftButton)
    with demo_db.reading() as session:
        last = signature_history(session, 1)[-1]
    assert (last.kind, last.by, last.reason) == (
        SignatureKind.REOPENED,
        "martin",
        "Nom mal orthographie",
    )
    assert bar.text_label.text().startswith("Compte-rendu non signé")
    assert not page.form.title_edit.isReadOnly()
    assert page.form.status_combo.currentText() == "Compte-rendu rédigé"
    page.form.place_edit.setFocus()
    qtbot.keyClick(page.form.place_edit, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(page.form.place_edit, "Salle B")
    assert saved(demo_db).place == "Salle B"


def test_a_cancelled_reopening_keeps_the_minutes_signed(qtbot, page, demo_db):
    sign(demo_db)
    page.show_meeting(1, QUndoStack(page))
    answer_dialog(qtbot, page.signature_bar, "martin", accept=False)
    qtbot.mouseClick(page.signature_bar.button, Qt.MouseButton.LeftButton)
    assert saved(demo_db).status is MeetingStatus.MINUTES_SIGNED
    assert page.signature_bar.dialog is None


def test_an_agenda_edit_is_refused_in_french_and_undone_on_screen(
    qtbot, demo_db, answered_messages
):
    sign(demo_db)
    page = AgendaPage(demo_db)
    qtbot.addWidget(page)
    page.show_meeting(1, QUndoStack(page))
    with qtbot.waitExposed(page):
        page.show()
    with demo_db.reading() as session:
        item = list_agenda(session, 1).items[0]
    page.select_item(item.id)
    title = page.item_panel.fields.title_edit
    title.setFocus()
    qtbot.keyClicks(title, "x")
    assert answered_messages.errors
    assert "est signé : son contenu ne peut plus être modifié" in answered_messages.errors[0]
    assert title.text() == item.title


def test_an_attendance_edit_is_refused_in_french(qtbot, demo_db, answered_messages):
    sign(demo_db)
    page = ParticipantsPage(demo_db)
    qtbot.addWidget(page)
    page.show_meeting(1, QUndoStack(page))
    page.resize(1200, 800)
    with qtbot.waitExposed(page):
        page.show()
    first = page.model.rows()[0]
    page.select(first.id)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    combo = page.editor.status_combo
    before = combo.currentText()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert "est signé : son contenu ne peut plus être modifié" in answered_messages.errors[0]
    assert combo.currentText() == before
    assert page.model.rows()[0] == first


def test_the_documents_tab_offers_the_signed_pdf_only_when_there_is_one(qtbot, demo_db):
    page = DocumentsPage(demo_db, exporters={})
    qtbot.addWidget(page)
    page.show_meeting(1, None)
    labels = [kind.label for kind in page.documents]
    signed_row = labels.index("Compte-rendu signé (PDF d'origine)")
    assert page.document_list.item(signed_row).isHidden()
    sign(demo_db)
    page.show_meeting(1, None)
    assert not page.document_list.item(signed_row).isHidden()
    page.document_list.setCurrentRow(signed_row)
    assert page.generate(explicit=True)
    qtbot.waitUntil(lambda: "signed_minutes" in page._generated)
    with demo_db.reading() as session:
        stored = signed_pdf(session, 1).data
    generated = page._generated["signed_minutes"]
    assert generated.path.read_bytes() == stored


def test_the_dialog_refuses_an_empty_name(qtbot, page):
    from clu_desktop.gui.meeting.signature import SignatureDialog

    dialog = SignatureDialog(page, reopen=False, explanation="Signer")
    qtbot.addWidget(dialog)
    dialog.by_edit.clear()
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.by_edit, "dupont")
    assert dialog.ok_button.isEnabled()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_in_the_window_signing_offers_the_signed_pdf_and_ends_undo(qtbot, demo_db):
    from clu_desktop.gui.main_window import MainWindow
    from clu_desktop.gui.pages import Page

    window = MainWindow(
        demo_db,
        pages=lambda d: [Page("&Séance", MeetingPage(d)), Page("&Documents", DocumentsPage(d))],
    )
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    window.tabs.setCurrentIndex(1)  # the Documents page reads the meeting first
    documents = window.tabs.widget(1)
    signed_row = [k.key for k in documents.documents].index("signed_minutes")
    assert documents.document_list.item(signed_row).isHidden()
    window.tabs.setCurrentIndex(0)
    page = window.tabs.widget(0)
    page.form.place_edit.setFocus()
    qtbot.keyClicks(page.form.place_edit, " B")
    assert window.undo_group.canUndo()
    answer_dialog(qtbot, page.signature_bar, "dupont")
    qtbot.mouseClick(page.signature_bar.button, Qt.MouseButton.LeftButton)
    assert not window.undo_group.canUndo()  # no undo across a signature
    window.tabs.setCurrentIndex(1)
    assert not documents.document_list.item(signed_row).isHidden()


def test_minutes_are_not_signed_with_an_empty_letterhead(
    qtbot, page, demo_db, answered_messages, monkeypatch
):
    """The PDF kept at signature is final: signing while the letterhead is empty stops and
    offers the settings; filled there, the signing goes on."""
    from sqlalchemy import delete

    from clu_desktop.domain import Identity
    from clu_desktop.gui import letterhead_check
    from clu_desktop.services.settings import update_identity

    with demo_db.transaction() as session:
        session.execute(delete(Identity))
    bar = page.signature_bar
    answered_messages.confirm_answer = False
    # Were the dialog asking who signs to open, it would be cancelled, not left waiting.
    guarded = []
    QTimer.singleShot(0, lambda: guarded.append(bar.dialog is not None and bar.dialog.reject()))
    qtbot.mouseClick(bar.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(guarded))  # the guard above has run
    assert answered_messages.questions, "signing went on without a letterhead"
    assert "L'en-tête des documents est vide" in answered_messages.questions[0]
    assert bar.dialog is None and saved(demo_db).status is not MeetingStatus.MINUTES_SIGNED

    def fill(*_args) -> None:
        with demo_db.transaction() as session:
            update_identity(session, "authority", "PRÉFET\nDE LA HAUTE-MARNE")

    monkeypatch.setattr(letterhead_check, "open_settings", fill)
    answered_messages.confirm_answer = True
    answer_dialog(qtbot, bar, "dupont")
    qtbot.mouseClick(bar.button, Qt.MouseButton.LeftButton)
    assert saved(demo_db).status is MeetingStatus.MINUTES_SIGNED
