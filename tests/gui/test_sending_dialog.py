"""« Envoyer la convocation… » on the Documents page: the dialog, the drafts written, the
summary told and the draft opened by the system (replaced here: nothing opens in tests)."""

from __future__ import annotations

from email.parser import BytesParser
from email.policy import default

import pytest
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog

from clu_desktop.domain import Meeting
from clu_desktop.gui.documents import sending
from clu_desktop.gui.documents.page import DocumentsPage


@pytest.fixture
def opened(monkeypatch) -> list[str]:
    urls: list[str] = []
    monkeypatch.setattr(
        QDesktopServices,
        "openUrl",
        staticmethod(lambda url: urls.append(url.toLocalFile()) or True),
    )
    return urls


def answer_dialog(monkeypatch, folder, *, bcc: bool) -> None:
    """The dialog answered as a user would: the folder typed, the choice made, then
    « Préparer les brouillons »."""

    def exec_(dialog: sending.SendDialog) -> int:
        dialog.folder.setText(str(folder))
        (dialog.bcc if bcc else dialog.per_person).setChecked(True)
        dialog._on_accepted()
        return dialog.result()

    monkeypatch.setattr(sending.SendDialog, "exec", exec_)


def test_the_button_follows_the_chosen_document(qtbot, demo_db):
    page = DocumentsPage(demo_db)
    qtbot.addWidget(page)
    page.show_meeting(1, None)
    keys = [kind.key for kind in page.documents]
    page.document_list.setCurrentRow(keys.index("agenda"))
    assert page.side.send_button.text() == "Envoyer la c&onvocation…"
    assert not page.side.send_button.isHidden()
    page.document_list.setCurrentRow(keys.index("sign_in_sheet"))
    assert page.side.send_button.isHidden()
    page.document_list.setCurrentRow(keys.index("minutes"))
    assert page.side.send_button.text() == "Envoyer le compte-rend&u…"
    page.cleanup()


def test_sending_the_convocation_writes_the_draft_and_opens_it(
    qtbot, demo_db, tmp_path, monkeypatch, opened, answered_messages
):
    page = DocumentsPage(demo_db)
    qtbot.addWidget(page)
    page.show_meeting(1, None)
    page.document_list.setCurrentRow([k.key for k in page.documents].index("agenda"))
    answer_dialog(monkeypatch, tmp_path / "envoi", bcc=True)
    page.side.send_button.click()
    (draft,) = (tmp_path / "envoi").glob("*.eml")
    assert opened == [str(draft)]
    message = BytesParser(policy=default).parsebytes(draft.read_bytes())
    assert message["Bcc"].addresses[0].addr_spec == "mylene.begue@haute-marne.gouv.fr"
    (info,) = answered_messages.infos
    assert "14 invités n'ont pas d'adresse" in info
    assert "brouillons écrits dans" in page.status.text()
    page.cleanup()


def test_a_refusal_is_told_and_nothing_is_written(
    qtbot, demo_db, tmp_path, monkeypatch, opened, answered_messages
):
    with demo_db.transaction() as session:
        for invitation in session.get(Meeting, 1).invitations:
            if invitation.person is not None:
                invitation.person.email = None
    dialog = sending.SendDialog(demo_db, 1, "convocation")
    qtbot.addWidget(dialog)
    dialog.folder.setText(str(tmp_path / "envoi"))
    dialog._on_accepted()
    assert dialog.result() != QDialog.DialogCode.Accepted
    (error,) = answered_messages.errors
    assert error.startswith("Aucun invité de la séance n'a d'adresse électronique valable")
    assert not (tmp_path / "envoi").exists()
    assert opened == []


def test_the_message_template_refuses_an_unknown_placeholder_by_name(
    qtbot, demo_db, answered_messages
):
    from clu_desktop.gui.documents.mail_template import TemplateDialog
    from clu_desktop.services.sending.templates import get_template

    dialog = TemplateDialog(demo_db, 1, "convocation")
    qtbot.addWidget(dialog)
    assert dialog.subject.text() == "Convocation : $titre du $date"
    dialog.subject.setText("Convocation du $jour")
    assert not dialog.save()
    (error,) = answered_messages.errors
    assert "« $jour » n'existe pas" in error
    dialog.subject.setText("$sigle : convocation du $date")
    assert dialog.save()
    with demo_db.reading() as session:
        assert get_template(session, 1, "convocation").subject == "$sigle : convocation du $date"
    dialog.default_button.click()
    assert dialog.subject.text() == "Convocation : $titre du $date"


@pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)\(\)")
def test_deleting_a_planned_meeting_offers_to_cancel_its_invitation(
    qtbot, demo_db, tmp_path, monkeypatch, answered_messages
):
    from clu_desktop.domain import MeetingStatus
    from clu_desktop.gui.main_window import MainWindow
    from clu_desktop.services.sending.drafts import write_drafts

    with demo_db.transaction() as session:
        session.get(Meeting, 1).status = MeetingStatus.PLANNED
        write_drafts(session, 1, tmp_path / "invitation", bcc=True)
    asked: list[str] = []
    answers = [None, "brouillons écrits"]  # abandoned first, then written
    monkeypatch.setattr(
        sending, "send_documents", lambda _p, _db, _id, kind: asked.append(kind) or answers.pop(0)
    )
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.show()
    assert window.meeting_id == 1
    window.delete_meeting()
    assert asked == ["cancellation"]
    assert any("Préparer son annulation" in q for q in answered_messages.questions)
    with demo_db.reading() as session:
        assert session.get(Meeting, 1) is not None  # abandoned: the meeting stays
    window.delete_meeting()
    assert asked == ["cancellation", "cancellation"]
    with demo_db.reading() as session:
        assert session.get(Meeting, 1) is None
