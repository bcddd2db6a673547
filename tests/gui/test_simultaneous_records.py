"""Two workstations on one database, beyond the meeting, its items and its people: the
statements, the indicator grid, the live check-in and the quality pages refuse a save
over another workstation's change, say what changed there (and what the user typed),
then show the version of now."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor, QUndoStack

from clu_desktop.domain import AttendanceStatus, AuditKind
from clu_desktop.gui.agenda import AgendaPage
from clu_desktop.gui.indicators.page import IndicatorsPage
from clu_desktop.gui.live.window import LiveAttendanceWindow
from clu_desktop.gui.quality.page import QualityPage
from clu_desktop.services.agenda.statements import (
    add_statement,
    get_statement_row,
    set_statement_text,
)
from clu_desktop.services.attendance.presence import list_attendance, set_status
from clu_desktop.services.indicators import catalogue as indicators_catalogue
from clu_desktop.services.indicators import values as indicators_values
from clu_desktop.services.quality import audits as quality_audits
from clu_desktop.services.quality import referentials as quality_referentials
from clu_desktop.store.database import Database, create_database_engine

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def other(demo_db):
    """Workstation B, on the database of workstation A (``demo_db``)."""
    database = Database.for_engine(create_database_engine(demo_db.url))
    yield database
    database.dispose()


@pytest.fixture
def stack():
    return QUndoStack()


def test_a_statement_shows_the_other_workstations_text(
    qtbot, demo_db, other, stack, answered_messages
):
    page = AgendaPage(demo_db)
    qtbot.addWidget(page)
    page.show_meeting(1, stack)
    page.show()
    item_id = page.selected_item_id()
    with demo_db.transaction() as session:
        statement_id = add_statement(session, item_id, "Texte de départ")
    page.reload(item_id)
    panel = page.item_panel.statements
    panel.select(statement_id)
    with other.transaction() as session:  # B saves the statement A shows
        set_statement_text(session, statement_id, "Texte de B")
    panel.text_edit.setFocus()
    panel.text_edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(panel.text_edit, "x")  # A types
    assert len(answered_messages.errors) == 1
    message = answered_messages.errors[0]
    assert message.startswith("Cette intervention a été modifiée sur un autre poste")
    assert "Texte : « Texte de départ » → « Texte de B »" in message
    assert "Votre modification (Texte) n'a pas été enregistrée" in message
    assert "Votre saisie : « Texte de départx »" in message
    assert panel.text_edit.toPlainText() == "Texte de B"  # the version of now
    with demo_db.reading() as session:
        assert get_statement_row(session, statement_id).text == "Texte de B"
    # The cursor stayed at the end: typing again saves on the version of now.
    qtbot.keyClicks(panel.text_edit, " et A")
    with demo_db.reading() as session:
        assert get_statement_row(session, statement_id).text == "Texte de B et A"
    assert len(answered_messages.errors) == 1
    stack.undo()  # one's own typing undone, without a conflict
    with demo_db.reading() as session:
        assert get_statement_row(session, statement_id).text == "Texte de B"
    assert len(answered_messages.errors) == 1


def test_an_indicator_cell_shows_the_other_workstations_value(
    qtbot, demo_db, other, stack, answered_messages
):
    page = IndicatorsPage(demo_db)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show_meeting(1, stack)
    with qtbot.waitExposed(page):
        page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    with demo_db.reading() as session:
        row = next(
            r for r in indicators_catalogue.list_indicators(session) if r.code == "PAN-USAGE"
        )
    tree = page.catalogue.tree
    index = page.catalogue.model.index_of(row.id)
    tree.scrollTo(index)
    qtbot.mouseClick(tree.viewport(), LEFT, pos=tree.visualRect(index).center())
    view, model = page.values.view, page.values.model
    current = view.currentIndex()  # the next period to type, first site: empty
    period, site_id = model.period_at(current.row()), model.site_id_at(current.column())
    with other.transaction() as session:  # B types the figure first
        indicators_values.set_value(session, row.id, period, site_id, 48500, seen_version=0)
    view.setFocus()
    qtbot.keyClick(view, "1")  # A types over the cell it saw empty
    qtbot.keyClick(view.focusWidget(), Qt.Key.Key_Tab)
    assert len(answered_messages.errors) == 1
    message = answered_messages.errors[0]
    assert message.startswith(f"La valeur de {period} (")
    assert "a été modifiée sur un autre poste" in message
    assert "Valeur : (vide) → « 48" in message and "500 »" in message  # as the grid shows
    assert "Votre saisie : « 1 »" in message
    with demo_db.reading() as session:
        assert indicators_values.get_value_cell(session, row.id, period, site_id).value == 48500
    shown = model.index(model.index_of(period, site_id).row(), current.column()).data()
    assert shown.replace("\u202f", " ").replace("\u00a0", " ") == "48 500"


def test_the_live_check_in_does_not_overwrite_the_other_workstation(qtbot, demo_db, other, stack):
    with demo_db.reading() as session:
        rows = list_attendance(session, 1)
    target = next(r for r in rows if r.status is not AttendanceStatus.PRESENT)
    window = LiveAttendanceWindow(demo_db, 1, stack)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    excused = AttendanceStatus.EXCUSED
    status = excused if target.status is not excused else AttendanceStatus.ABSENT
    with other.transaction() as session:  # B notes the person excused meanwhile
        set_status(session, target.id, status, target.version)
    position = window.model.row_of(target.id)
    window._check_in_at(position)  # A ticks them present (Enter on their line)
    said = window.status.text()
    assert said.startswith(f"La présence de {target.name} a été modifiée sur un autre poste")
    assert "Présence : " in said and "n'a pas été enregistrée" in said
    with demo_db.reading() as session:
        fresh = next(r for r in list_attendance(session, 1) if r.id == target.id)
    assert fresh.status is status and fresh.arrived_at is None
    assert window._shown_row(target.id).status is status  # the version of now, shown


def test_an_audit_shows_the_other_workstations_change(
    qtbot, demo_db, other, stack, answered_messages
):
    with demo_db.transaction() as session:
        referential = quality_referentials.list_referentials(session)[0].id
        audit_id = quality_audits.add_audit(
            session, referential, AuditKind.INTERNAL, dt.date(2030, 1, 2)
        )
    page = QualityPage(demo_db)
    qtbot.addWidget(page)
    page.show_meeting(1, stack)
    page.show()
    panel = page.audits_panel
    page.tabs.setCurrentIndex(page.panels.index(panel))
    panel.reload(audit_id)
    assert panel._current.id == audit_id
    with other.transaction() as session:
        quality_audits.update_audit(session, audit_id, "result", "Résultat de B")
    panel.auditor_edit.setFocus()
    qtbot.keyClicks(panel.auditor_edit, "M")
    assert len(answered_messages.errors) == 1
    message = answered_messages.errors[0]
    assert message.startswith("Cet audit a été modifié sur un autre poste")
    assert "Résultat de l'audit : (vide) → « Résultat de B »" in message
    assert "Votre modification (Auditeur) n'a pas été enregistrée" in message
    assert panel.result_edit.toPlainText() == "Résultat de B"
    with demo_db.reading() as session:
        assert quality_audits.get_audit_row(session, audit_id).auditor is None


def test_a_committee_renamed_elsewhere_is_told_in_the_directory(
    qtbot, demo_db, other, answered_messages
):
    from clu_desktop.gui.directory import DirectoryWindow
    from clu_desktop.services.directory.committees import get_committee_row, set_committee_field

    window = DirectoryWindow(demo_db)
    qtbot.addWidget(window)
    window.tabs.setCurrentIndex(2)
    window.show()
    tab = window.committees_tab
    committee_id = tab.current_id()
    with other.transaction() as session:
        set_committee_field(session, committee_id, "acronym", "CLU-B")
    tab.settings.quorum.setFocus()  # A changes a setting of the record: refused too
    qtbot.keyClicks(tab.settings.quorum, "1/3")
    qtbot.keyClick(tab.settings.quorum, Qt.Key.Key_Return)
    assert len(answered_messages.errors) == 1
    message = answered_messages.errors[0]
    assert message.startswith("Ce comité a été modifié sur un autre poste")
    assert "Votre modification (Quorum) n'a pas été enregistrée" in message
    assert tab.acronym.text() == "CLU-B"  # the committee of now
    with demo_db.reading() as session:
        assert get_committee_row(session, committee_id).acronym == "CLU-B"
    tab.name.setFocus()  # A's next change is saved on the version of now
    qtbot.keyClick(tab.name, Qt.Key.Key_End)
    qtbot.keyClicks(tab.name, " bis")
    with demo_db.reading() as session:
        assert get_committee_row(session, committee_id).name.endswith(" bis")
    assert len(answered_messages.errors) == 1


def test_the_letterhead_changed_elsewhere_is_told_in_the_settings(
    qtbot, demo_db, other, answered_messages
):
    from clu_desktop.gui.settings_dialog import SettingsDialog
    from clu_desktop.services.settings import get_identity, update_identity

    dialog = SettingsDialog(demo_db)
    qtbot.addWidget(dialog)
    dialog.show()
    with other.transaction() as session:
        update_identity(session, "town", "Chaumont B")
    phone = dialog.fields["phone"]
    phone.setFocus()
    qtbot.keyClick(phone, Qt.Key.Key_End)
    qtbot.keyClicks(phone, "9")
    assert len(answered_messages.errors) == 1
    message = answered_messages.errors[0]
    assert message.startswith("L'en-tête des documents a été modifié sur un autre poste")
    assert "→ « Chaumont B »" in message and "Votre modification (Téléphone)" in message
    assert dialog.fields["town"].text() == "Chaumont B"
    with demo_db.reading() as session:
        assert get_identity(session).town == "Chaumont B"
