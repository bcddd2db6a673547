"""The "Qualité" page on the demonstration data, driven with the mouse and the keyboard."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QAbstractItemView

from clu_desktop.domain import ActionOrigin
from clu_desktop.gui import colours
from clu_desktop.gui.quality import QualityPage
from clu_desktop.gui.quality.models import ALERT
from clu_desktop.services.agenda.items import list_agenda
from clu_desktop.services.meetings.listing import duplicate_as_next
from clu_desktop.services.quality import actions as quality_actions
from clu_desktop.services.quality import audits as quality_audits
from clu_desktop.services.quality import referentials as quality_referentials
from clu_desktop.services.quality import remarks as quality_remarks

CTRL = Qt.KeyboardModifier.ControlModifier
LEFT = Qt.MouseButton.LeftButton
SVI = "information de la fermeture des services sur le serveur vocal interactif (SVI)"
TEXT = "Publier les horaires sur le SVI"
LABEL_TAB, AUDITS_TAB, ACTIONS_TAB, REMARKS_TAB = range(4)


def open_page(show_page, db, meeting_id, stack) -> QualityPage:
    return show_page(QualityPage(db), meeting_id, stack)


@pytest.fixture
def page(show_page, demo_db, stack):
    return open_page(show_page, demo_db, 1, stack)


def show_tab(qtbot, page: QualityPage, number: int) -> None:
    bar = page.tabs.tabBar()
    qtbot.mouseClick(bar, LEFT, pos=bar.tabRect(number).center())
    assert page.tabs.currentIndex() == number


def texts(model, column: int | None = None) -> list:
    rows = []
    for row in range(model.rowCount()):
        cells = [model.index(row, c).data() for c in range(model.columnCount())]
        rows.append(cells if column is None else cells[column])
    return rows


def click_row(qtbot, view: QAbstractItemView, row: int) -> None:
    index = view.model().index(row, 1)
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), LEFT, pos=view.visualRect(index).center())
    assert view.currentIndex().row() == row


def row_with(model, text: str) -> int:
    return next(r for r in range(model.rowCount()) if text in " ".join(texts(model)[r]))


# Showing the demonstration


def test_audits_of_2022_newest_first_with_the_external_findings(qtbot, page):
    show_tab(qtbot, page, AUDITS_TAB)
    audits = page.audits_panel
    assert [row[:3] for row in texts(audits.model)] == [
        ["23/06/2022", "externe", "Socotec"],
        ["28/04/2022", "interne", ""],
    ]
    assert texts(audits.model, 5) == ["4", "0"]
    findings = audits.findings.model
    assert texts(findings, 0) == [
        "point fort",
        "point fort",
        "piste de progrès",
        "piste de progrès",
    ]
    assert SVI in texts(findings, 1)
    assert audits.auditor_edit.text() == "Socotec"

    click_row(qtbot, audits.view, 1)
    assert audits.findings.model.rowCount() == 0
    assert audits.kind_combo.currentText() == "interne"


def test_labels_show_the_certifier_and_the_quali_ate_deadline(qtbot, page):
    labels = page.label_panel
    rows = {row[0]: row for row in texts(labels.model)}
    assert rows["Qual-e-pref"][3] == "Socotec"
    assert rows["Qual-e-pref"][2] == "module 1, module 6"
    assert rows["Quali-ATE"][5] == "31/12/2025"
    days = (dt.date(2025, 12, 31) - dt.date.today()).days
    late = days < 0
    expected = f"échéance dépassée de {-days} jours" if late else f"dans {days} jours"
    assert rows["Quali-ATE"][6] == expected

    click_row(qtbot, labels.view, row_with(labels.model, "Quali-ATE"))
    assert labels.deadline.value() == dt.date(2025, 12, 31)
    assert labels.days_label.text() == expected
    assert "31/12/2025" in labels.notes_edit.toPlainText()
    colour = labels.model.index(1, 6).data(Qt.ItemDataRole.ForegroundRole)
    assert (colour is not None and colour == colours.for_items(ALERT)) == late


def test_every_list_passes_the_model_tester(qtbot, qtmodeltester, page):
    for number in range(4):
        show_tab(qtbot, page, number)
    page.label_panel.referentials_button.click()
    dialog = page._dialog
    qtbot.addWidget(dialog)
    for model in (
        page.label_panel.model,
        page.audits_panel.model,
        page.audits_panel.findings.model,
        page.actions_panel.model,
        page.remarks_panel.model,
        dialog.model,
        dialog.modules_model,
    ):
        assert model.rowCount() > 0
        qtmodeltester.check(model)
    dialog.close()


# Audit findings become actions


def test_an_improvement_area_becomes_an_action_of_the_plan(qtbot, page, demo_db, stack):
    show_tab(qtbot, page, AUDITS_TAB)
    findings = page.audits_panel.findings
    click_row(qtbot, findings.view, row_with(findings.model, SVI))
    assert findings.followed_label.text() == ""
    qtbot.mouseClick(findings.action_button, LEFT)

    assert "suivi par une action" in texts(findings.model)[row_with(findings.model, SVI)][3]
    assert "suivi par une action" in findings.followed_label.text()
    assert not findings.action_button.isEnabled()
    assert "plan d'action" in page.status_label.text()

    show_tab(qtbot, page, ACTIONS_TAB)
    plan = page.actions_panel
    row = plan.model.row_at(plan.view.currentIndex().row())
    assert row.text == SVI and row.origin is ActionOrigin.FINDING
    assert texts(plan.model)[plan.view.currentIndex().row()][1] == "constat d'audit"
    assert plan.origin_combo.currentText() == "constat d'audit"

    # The keyboard undoes it from the plan: the finding is no longer followed.
    plan.view.setFocus()
    qtbot.keyClick(plan.view, Qt.Key.Key_Z, CTRL)
    assert SVI not in texts(plan.model, 0)
    show_tab(qtbot, page, AUDITS_TAB)
    assert texts(findings.model)[row_with(findings.model, SVI)][3] == ""
    assert findings.action_button.isEnabled()


def test_the_keyboard_creates_the_action_too(qtbot, page, demo_db):
    show_tab(qtbot, page, AUDITS_TAB)
    findings = page.audits_panel.findings
    findings.view.setFocus()
    target = row_with(findings.model, SVI)
    for _ in range(target):
        qtbot.keyClick(findings.view, Qt.Key.Key_Down)
    assert findings.view.currentIndex().row() == target
    findings.action_button.setFocus()
    qtbot.keyClick(findings.action_button, Qt.Key.Key_Space)
    with demo_db.reading() as session:
        actions = quality_actions.list_actions(session, origin=ActionOrigin.FINDING)
    assert [a.text for a in actions] == [SVI]


# The action plan


def test_an_overdue_action_stands_out_and_the_filter_keeps_only_it(qtbot, page, demo_db):
    show_tab(qtbot, page, ACTIONS_TAB)
    plan = page.actions_panel
    before = plan.model.rowCount()
    qtbot.mouseClick(plan.add_button, LEFT)
    assert plan.model.rowCount() == before + 1
    qtbot.keyClicks(plan.text_edit, TEXT)
    qtbot.mouseClick(plan.due.check, LEFT)
    plan.due.edit.setDate(QDate(2024, 3, 1))

    number = plan.view.currentIndex().row()
    row = plan.model.row_at(number)
    assert row.text == TEXT and row.overdue
    due = plan.model.index(number, 3)
    assert due.data() == "01/03/2024"
    assert due.data(Qt.ItemDataRole.ForegroundRole) == colours.for_items(ALERT)
    assert due.data(Qt.ItemDataRole.FontRole).bold()
    assert "en retard" in plan.model.index(number, 4).data()
    assert "1 en retard" in plan.count_label.text()

    qtbot.mouseClick(plan.filters.overdue_check, LEFT)
    assert texts(plan.model, 0) == [TEXT]
    qtbot.mouseClick(plan.filters.overdue_check, LEFT)
    assert plan.model.rowCount() == before + 1

    # Done: no longer overdue.
    plan.view.setFocus()
    click_row(qtbot, plan.view, row_with(plan.model, TEXT))
    plan.status_combo.setFocus()
    while plan.status_combo.currentText() != "Fait":  # À faire, En cours, Fait
        qtbot.keyClick(plan.status_combo, Qt.Key.Key_Down)
    with demo_db.reading() as session:
        saved = [a for a in quality_actions.list_actions(session) if a.text == TEXT]
    assert saved[0].done_date == dt.date.today() and not saved[0].overdue
    assert plan.done_edit.isEnabled()


# Typing an owner proposes the people whose name holds it: the completion popup is a
# real popup window, which the offscreen platform can neither raise nor give the keyboard.
@pytest.mark.qt_log_ignore(
    r"This plugin does not support raise\(\)",
    "This plugin does not support grabbing the keyboard",
)
def test_the_owner_typed_is_saved_and_offered_as_a_filter(qtbot, page, demo_db):
    show_tab(qtbot, page, ACTIONS_TAB)
    plan = page.actions_panel
    click_row(qtbot, plan.view, row_with(plan.model, "reconfiguration du SVI"))
    qtbot.keyClicks(plan.owner_combo.lineEdit(), "Service <informatique> & co")
    with demo_db.reading() as session:
        owners = {a.owner_name for a in quality_actions.list_actions(session)}
    assert "Service <informatique> & co" in owners
    assert plan.filters.owner_combo.findText("Service <informatique> & co") > 0


# The users' remarks


def test_typing_an_answer_saves_it_and_undo_reopens_the_remark(qtbot, page, demo_db):
    show_tab(qtbot, page, REMARKS_TAB)
    remarks = page.remarks_panel
    assert texts(remarks.model, 4) == ["en attente", "en attente"]
    click_row(qtbot, remarks.view, 0)
    assert "16h30" in remarks.text_label.text()
    qtbot.keyClicks(remarks.answer_edit, "Ouverture le jeudi midi")

    with demo_db.reading() as session:
        row = quality_remarks.list_remarks(session)[0]
    assert row.answer_text == "Ouverture le jeudi midi" and not row.open
    assert texts(remarks.model)[0][4] == "répondu"
    assert remarks.state_label.text() == f"Répondu le {dt.date.today():%d/%m/%Y}."

    qtbot.keyClick(remarks.answer_edit, Qt.Key.Key_Z, CTRL)  # one step for the typing
    with demo_db.reading() as session:
        assert quality_remarks.list_remarks(session)[0].open
    assert remarks.answer_edit.toPlainText() == ""
    assert texts(remarks.model)[0][4] == "en attente"


# Labels and referentials


def test_label_fields_are_saved_refused_and_undone(qtbot, page, demo_db, answered_messages):
    labels = page.label_panel
    click_row(qtbot, labels.view, row_with(labels.model, "Qual-e-pref"))
    labels.certifier_edit.selectAll()
    qtbot.keyClicks(labels.certifier_edit, "<b>AFNOR</b> & co")
    assert texts(labels.model)[0][3] == "<b>AFNOR</b> & co"
    qtbot.keyClick(labels.certifier_edit, Qt.Key.Key_Z, CTRL)
    assert labels.certifier_edit.text() == "Socotec"

    qtbot.mouseClick(labels.deadline.check, LEFT)  # today, after the grant: accepted
    labels.deadline.edit.setDate(QDate(2020, 1, 1))  # before the grant: refused
    assert "précéder" in answered_messages.errors[-1]
    assert labels.deadline.value() == dt.date.today()
    with demo_db.reading() as session:
        label = next(
            r for r in quality_referentials.list_labels(session) if r.certifier == "Socotec"
        )
    assert label.deadline == dt.date.today()


def test_a_module_added_in_the_referentials_dialog_can_be_labelled(qtbot, page, demo_db):
    labels = page.label_panel
    click_row(qtbot, labels.view, row_with(labels.model, "Quali-ATE"))
    assert labels.modules.count() == 0
    qtbot.mouseClick(labels.referentials_button, LEFT)
    dialog = page._dialog
    qtbot.addWidget(dialog)
    click_row(qtbot, dialog.view, row_with(dialog.model, "Quali-ATE"))
    qtbot.keyClicks(dialog.new_module_code, "1")
    qtbot.keyClicks(dialog.new_module_title, "Accueil et orientation")
    qtbot.mouseClick(dialog.add_module_button, LEFT)
    assert texts(dialog.modules_model) == [["1", "Accueil et orientation"]]
    dialog.close()

    assert labels.modules.count() == 1
    item = labels.modules.item(0)
    assert item.text() == "module 1 – Accueil et orientation"
    labels.modules.setCurrentRow(0)
    labels.modules.setFocus()
    qtbot.keyClick(labels.modules, Qt.Key.Key_Space)
    with demo_db.reading() as session:
        label = next(
            r
            for r in quality_referentials.list_labels(session)
            if r.referential_name == "Quali-ATE"
        )
    assert [m.title for m in label.modules] == ["Accueil et orientation"]


# Preparing the follow-up in a meeting


def test_prepare_followup_adds_the_item_and_ctrl_z_removes_it(qtbot, show_page, demo_db, stack):
    with demo_db.transaction() as session:
        next_id = duplicate_as_next(session, 1)
    page = open_page(show_page, demo_db, next_id, stack)

    def titles() -> list[str]:
        with demo_db.reading() as session:
            return [row.title for row in list_agenda(session, next_id).walk()]

    assert "Suivi des actions" not in titles()
    with qtbot.waitSignal(page.changed):
        qtbot.mouseClick(page.followup_button, LEFT)
    shown = titles()
    assert "Suivi des actions" in shown
    assert shown.index("Suivi des actions") == shown.index("Questions diverses") - 1
    assert "Ordre du jour" in page.status_label.text()
    assert not page.followup_button.isEnabled()  # one such item per meeting

    page.tabs.setFocus()
    qtbot.keyClick(page.tabs, Qt.Key.Key_Z, CTRL)
    assert "Suivi des actions" not in titles()
    assert page.followup_button.isEnabled()
    qtbot.keyClick(page.tabs, Qt.Key.Key_Y, CTRL)
    assert "Suivi des actions" in titles()


def test_without_a_meeting_the_followup_cannot_be_prepared(qtbot, show_page, demo_db):
    page = open_page(show_page, demo_db, None, None)
    assert not page.followup_button.isEnabled()
    assert page.label_panel.model.rowCount() == 2  # the quality data is still shown


def test_the_main_window_builds_the_page_when_it_is_shown(qtbot, demo_db):
    from clu_desktop.gui.pages import build_pages

    pages = build_pages(demo_db)
    holder = next(p.widget for p in pages if p.title == "&Qualité")
    qtbot.addWidget(holder)
    assert holder.findChild(QualityPage) is None
    holder.show_meeting(1, QUndoStack())
    assert isinstance(holder.page, QualityPage)
    assert holder.page.objectName() == "qualityPage"
    for page in pages:
        if page.widget is not holder:
            page.widget.deleteLater()


# Adding and deleting, undone


def test_an_audit_is_added_with_its_findings_then_undone_step_by_step(qtbot, page, demo_db):
    show_tab(qtbot, page, AUDITS_TAB)
    audits = page.audits_panel
    quali_ate = next(a for a in audits.add_menu.actions() if a.text() == "Quali-ATE")
    quali_ate.trigger()  # the menu of "Ajouter un audit"
    assert audits.model.rowCount() == 3
    assert texts(audits.model)[0][:4] == [f"{dt.date.today():%d/%m/%Y}", "interne", "", "Quali-ATE"]
    audits.kind_combo.setFocus()
    qtbot.keyClick(audits.kind_combo, Qt.Key.Key_Down)
    qtbot.keyClicks(audits.auditor_edit, "AFNOR")
    assert texts(audits.model)[0][1:3] == ["externe", "AFNOR"]

    findings = audits.findings
    qtbot.mouseClick(findings.add_button, LEFT)
    assert findings.text_edit.hasFocus()
    qtbot.keyClicks(findings.text_edit, "Affichage des horaires a revoir")
    with demo_db.reading() as session:
        audit = quality_audits.list_audits(session)[0]
    assert [(f.kind_label, f.text) for f in audit.findings] == [
        ("piste de progrès", "Affichage des horaires a revoir")
    ]
    assert audit.auditor == "AFNOR"

    qtbot.keyClick(findings.text_edit, Qt.Key.Key_Z, CTRL)  # the typing
    assert texts(findings.model, 1) == ["Nouveau constat"]
    qtbot.keyClick(findings.text_edit, Qt.Key.Key_Z, CTRL)  # the finding
    assert findings.model.rowCount() == 0
    for _ in range(3):  # the auditor, the kind, the audit
        qtbot.keyClick(audits.view, Qt.Key.Key_Z, CTRL)
    assert audits.model.rowCount() == 2
    qtbot.keyClick(audits.view, Qt.Key.Key_Y, CTRL)
    assert texts(audits.model)[0][3] == "Quali-ATE"


def test_a_label_deleted_comes_back_with_ctrl_z(qtbot, page, demo_db):
    labels = page.label_panel
    click_row(qtbot, labels.view, row_with(labels.model, "Qual-e-pref"))
    qtbot.mouseClick(labels.delete_button, LEFT)
    assert texts(labels.model, 0) == ["Quali-ATE"]
    qtbot.keyClick(labels.view, Qt.Key.Key_Z, CTRL)
    rows = {row[0]: row for row in texts(labels.model)}
    assert rows["Qual-e-pref"][2:4] == ["module 1, module 6", "Socotec"]


def test_the_open_remarks_filter_and_the_remark_followed_by_an_action(qtbot, page, demo_db):
    show_tab(qtbot, page, REMARKS_TAB)
    remarks = page.remarks_panel
    click_row(qtbot, remarks.view, 1)
    qtbot.keyClicks(remarks.answer_edit, "Traduction des pages du BMI")
    qtbot.mouseClick(remarks.open_check, LEFT)
    assert remarks.model.rowCount() == 1
    assert "16h30" in remarks.model.row_at(0).text

    qtbot.mouseClick(remarks.action_button, LEFT)
    assert not remarks.action_button.isEnabled()
    show_tab(qtbot, page, ACTIONS_TAB)
    plan = page.actions_panel
    row = plan.model.row_at(plan.view.currentIndex().row())
    assert row.origin is ActionOrigin.REMARK and "16h30" in row.text


def test_a_pasted_document_is_refused_and_the_field_shows_the_saved_value(
    qtbot, page, demo_db, answered_messages
):
    labels = page.label_panel
    click_row(qtbot, labels.view, row_with(labels.model, "Quali-ATE"))
    saved = labels.notes_edit.toPlainText()
    labels.notes_edit.setFocus()
    labels.notes_edit.insertPlainText("x" * 10_000)  # as a paste does
    assert "trop long" in answered_messages.errors[-1]
    assert labels.notes_edit.toPlainText() == saved
    with demo_db.reading() as session:
        notes = {r.referential_name: r.notes for r in quality_referentials.list_labels(session)}
    assert notes["Quali-ATE"] == saved


def test_report_the_audit_results_into_a_new_meeting(qtbot, demo_db):
    """The selected audit's findings become the item "Résultats des audits"; undo takes
    it back."""
    from PySide6.QtGui import QUndoStack

    from clu_desktop.gui.quality.page import QualityPage
    from clu_desktop.services.agenda.items import list_agenda
    from clu_desktop.services.meetings.listing import create_meeting

    with demo_db.transaction() as session:
        meeting_id = create_meeting(session)
    stack = QUndoStack()
    page = QualityPage(demo_db)
    qtbot.addWidget(page)
    page.show_meeting(meeting_id, stack)
    page.results_button.click()  # no audit chosen yet: the page says so
    assert "Choisissez d'abord l'audit" in page.status_label.text()
    page.audits_panel.reload()  # the Audits tab lists them, the newest selected
    audit = page.audits_panel.selected_audit()
    assert audit is not None and audit.kind.value == "external"
    page.results_button.click()
    with demo_db.reading() as session:
        (item,) = list_agenda(session, meeting_id).items
    assert item.title == "Résultats des audits"
    assert "- prise en charge des personnes à mobilité réduite" in item.minutes_text
    stack.undo()
    with demo_db.reading() as session:
        assert list_agenda(session, meeting_id).items == ()
