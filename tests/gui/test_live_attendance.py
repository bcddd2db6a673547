"""The live mode ("Séance en cours"), offscreen: people ticked in with the keys only, as
they walk in, each tick saved at once and undoable."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette, QUndoCommand
from PySide6.QtWidgets import QApplication, QWidget

from clu_desktop.domain import AttendanceStatus
from clu_desktop.gui import colours, undo
from clu_desktop.gui.live.model import ID_ROLE, LiveAttendanceModel
from clu_desktop.gui.live.window import LiveAttendanceWindow
from clu_desktop.services.attendance.invitations import invite_standing_members, remove_invitations
from clu_desktop.services.attendance.presence import list_attendance, set_represented, set_status
from clu_desktop.services.directory.committees import add_committee, add_member
from clu_desktop.services.directory.organisations import add_organisation
from clu_desktop.services.directory.people import add_person, search_people
from clu_desktop.services.meetings.listing import create_meeting, duplicate_as_next
from clu_desktop.store.migrate import open_database

P = AttendanceStatus
CTRL = Qt.KeyboardModifier.ControlModifier
ORGANISATIONS = (
    "Association des usagers",
    "Conseil départemental",
    "Union locale",
    "Caisse d'allocations familiales",
)


def _words(text: str) -> list[str]:
    return text.split()


FIRST_NAMES = _words(
    "Alice Bruno Claire Denis Élodie Fabien Hélène Julien Karine Laurent Nadia Olivier "
    "Pascal Sophie Thierry Valérie Yves Agnès Benoît Cécile Gilles Isabelle Joël Lucie "
    "Noël Odile Quentin Sylvie Tristan Ursule"
)
# Some share their first three letters (MARtin, MARchand…): the agent types three letters.
LAST_NAMES = _words(
    "MARTIN MARCHAND BERNARD BERTRAND DUBOIS DURAND DUPONT LEROY LEFEBVRE MOREAU MOREL "
    "GARNIER GARCIA FOURNIER FAURE ROUSSEAU ROUX BLANC BONNET CHEVALIER GIRARD GAUTHIER "
    "LAMBERT FONTAINE MERCIER NICOLAS PERRIN PETIT ROBIN VINCENT"
)


def counts(present: int, excused: int = 0, represented: int = 0, expected: int = 30) -> str:
    return (
        f"Présents {present} · Excusés {excused} · Représentés {represented} · Attendus {expected}"
    )


def shown_counts(window) -> str:
    """The counts as read (their spaces do not break)."""
    return window.counts.text().replace("\u00a0", " ")


def build_meeting(db, people: list[tuple[str, str, str]]) -> int:
    """A committee whose standing members are ``people`` (first name, last name,
    organisation), and a meeting inviting them all; returns the meeting's id."""
    with db.transaction() as session:
        committee_id = add_committee(session, "Comité des usagers du test")
        organisations = {
            name: add_organisation(session, name) for name in {org for *_n, org in people}
        }
        for first, last, org in people:
            person_id = add_person(
                session, last, first_name=first, organisation_id=organisations[org]
            )
            add_member(session, committee_id, person_id)
        meeting_id = create_meeting(session, committee_id, dt.date(2024, 6, 20))
        invite_standing_members(session, meeting_id)
    return meeting_id


@pytest.fixture
def thirty(db) -> int:
    people = [
        (first, last, ORGANISATIONS[n % len(ORGANISATIONS)])
        for n, (first, last) in enumerate(zip(FIRST_NAMES, LAST_NAMES, strict=True))
    ]
    return build_meeting(db, people)


def attendance(db, meeting_id: int):
    with db.reading() as session:
        return {row.name: row for row in list_attendance(session, meeting_id)}


def listed(window) -> list[str]:
    model = window.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def highlighted(window) -> str | None:
    index = window.list.currentIndex()
    return index.data() if index.isValid() else None


def check_in(qtbot, window, letters: str, invitation_id: int) -> int:
    """Type ``letters``, then the keys an agent needs to tick that person: Down until
    they are highlighted, then Enter. Returns how many keys that took after the letters."""
    qtbot.keyClicks(window.search, letters)
    actions = 0
    while window.list.currentIndex().data(ID_ROLE) != invitation_id:
        assert actions < window.model.rowCount(), f"{letters!r}: not offered"
        qtbot.keyClick(window.search, Qt.Key.Key_Down)
        actions += 1
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    return actions + 1


def test_thirty_people_checked_in_with_the_keys_only(qtbot, db, thirty, open_live):
    window = open_live(thirty)
    assert window.objectName() == "liveAttendance"
    assert window.windowTitle() == ("Séance en cours — Comité des usagers du test du 20 juin 2024")
    assert window.focusWidget() is window.search
    assert shown_counts(window) == counts(0)
    arrivals = list(attendance(db, thirty).values())
    random.Random(7).shuffle(arrivals)

    spent = []
    for done, row in enumerate(arrivals, start=1):
        last_name = row.name.split()[-1]
        spent.append(check_in(qtbot, window, last_name[:3].lower(), row.id))
        # Saved, shown, counted, and the field ready for the next person.
        assert attendance(db, thirty)[row.name].status is P.PRESENT
        assert shown_counts(window) == counts(done)
        assert window.search.text() == ""
        assert window.focusWidget() is window.search
        assert row.name in window.status.text()

    print(f"key actions after the letters: {spent}, mean {sum(spent) / len(spent):.2f}")
    assert max(spent) <= 2
    assert sum(spent) / len(spent) <= 2
    assert sum(spent) / len(spent) < 1.5  # most people: Enter alone
    after = attendance(db, thirty)
    assert all(r.status is P.PRESENT for r in after.values())
    assert all(r.arrived_at is not None for r in after.values())
    # Everyone on screen with the tick and the arrival time.
    assert all(line.startswith("✓ ") and " à " in line for line in listed(window))

    # Ctrl+Z undoes the last tick, in the database and on the screen.
    last = arrivals[-1]
    qtbot.keyClick(window.search, Qt.Key.Key_Z, CTRL)
    assert attendance(db, thirty)[last.name].status is P.INVITED
    assert attendance(db, thirty)[last.name].arrived_at is None
    assert shown_counts(window) == counts(29)
    line = listed(window)[window.model.row_of(last.id)]
    assert not line.startswith("✓") and " à " not in line
    assert "Annulé" in window.status.text() and last.name in window.status.text()
    # Ctrl+Y ticks them again, with the same arrival time.
    qtbot.keyClick(window.search, Qt.Key.Key_Y, CTRL)
    assert attendance(db, thirty)[last.name].arrived_at == after[last.name].arrived_at
    assert shown_counts(window) == counts(30)


def test_the_first_match_is_highlighted_and_the_expected_come_first(qtbot, db, thirty, open_live):
    window = open_live(thirty)
    assert highlighted(window) is None  # nothing typed: Enter ticks nobody
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert shown_counts(window) == counts(0)
    assert "Tapez" in window.status.text()

    qtbot.keyClicks(window.search, "mar")
    assert listed(window)[:2] == [
        "Alice MARTIN — Association des usagers",
        "Bruno MARCHAND — Conseil départemental",
    ]
    assert len(listed(window)) == 2  # people match: no walk-in offered
    assert highlighted(window) == listed(window)[0]
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    # Alice MARTIN is in: Bruno MARCHAND now comes first, Enter alone ticks him.
    qtbot.keyClicks(window.search, "mar")
    assert highlighted(window) == "Bruno MARCHAND — Conseil départemental"
    assert listed(window)[1].startswith("✓ Alice MARTIN")
    # Up at the top stays there; Down past the end stays on the last one.
    qtbot.keyClick(window.search, Qt.Key.Key_Up)
    assert highlighted(window) == "Bruno MARCHAND — Conseil départemental"
    for _ in range(4):
        qtbot.keyClick(window.search, Qt.Key.Key_Down)
    assert highlighted(window).startswith("✓ Alice MARTIN")


def test_enter_on_someone_already_present_changes_nothing(qtbot, db, thirty, open_live):
    window = open_live(thirty)
    check_in(qtbot, window, "dubois", attendance(db, thirty)["Élodie DUBOIS"].id)
    arrived = attendance(db, thirty)["Élodie DUBOIS"].arrived_at
    qtbot.keyClicks(window.search, "elodie dub")
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert attendance(db, thirty)["Élodie DUBOIS"].arrived_at == arrived
    assert "déjà pointé" in window.status.text()
    assert shown_counts(window) == counts(1)
    assert window.search.text() == "elodie dub"  # selected: the next letters replace it
    assert window.search.selectedText() == "elodie dub"


def people_count(db) -> int:
    with db.reading() as session:
        return len(search_people(session))


def test_a_walk_in_takes_a_second_step_and_undo_takes_the_person_back(qtbot, db, thirty, open_live):
    window = open_live(thirty)
    directory = people_count(db)
    qtbot.keyClicks(window.search, "dur")
    # "dur" finds Fabien DURAND: nobody is offered as a walk-in.
    assert listed(window) == [highlighted(window)] == ["Fabien DURAND — Conseil départemental"]
    qtbot.keyClick(window.search, Qt.Key.Key_Escape)
    qtbot.keyClicks(window.search, "Jeanne Durand")  # nobody: the offer, not highlighted
    offer = (
        "Ajouter « Jeanne Durand » (venu(e) sans invitation) — Personne de ce nom ni parmi "
        "les invités ni dans l'annuaire : Entrée ouvre sa fiche, à vérifier avant de l'ajouter"
    )
    assert listed(window) == [offer]
    assert highlighted(window) is None
    qtbot.keyClick(window.search, Qt.Key.Key_Return)  # shows the offer, adds nobody
    assert highlighted(window) == offer
    assert "Personne ne correspond à « Jeanne Durand »" in window.status.text()
    assert window.walk_in_form is None
    assert people_count(db) == directory and len(attendance(db, thirty)) == 30

    qtbot.keyClick(window.search, Qt.Key.Key_Return)  # the second step: the form
    form = window.walk_in_form
    assert form is not None and form.isVisible()
    assert (form.civility.currentText(), form.last_name.text(), form.first_name.text()) == (
        "",
        "Durand",
        "Jeanne",
    )
    assert people_count(db) == directory  # nothing yet
    form.civility.setCurrentText("Mme")
    qtbot.keyClick(form.first_name, Qt.Key.Key_Return)  # Entrée confirms
    assert window.walk_in_form is None

    jeanne = attendance(db, thirty)["Mme Jeanne DURAND"]
    assert jeanne.status is P.PRESENT and jeanne.arrived_at is not None
    assert people_count(db) == directory + 1
    assert shown_counts(window) == counts(1, expected=31)
    assert "Mme Jeanne DURAND" in window.status.text()
    assert window.focusWidget() is window.search and window.search.text() == ""
    qtbot.keyClicks(window.search, "jea")
    assert highlighted(window) == (
        "✓ Mme Jeanne DURAND — venu(e) sans invitation — arrivée à "
        f"{jeanne.arrived_at.hour}h{jeanne.arrived_at.minute:02d}"
    )

    window.undo_button.click()  # the visible button, same as Ctrl+Z
    assert "Mme Jeanne DURAND" not in attendance(db, thirty)
    assert shown_counts(window) == counts(0, expected=30)
    assert people_count(db) == directory  # the person it created went too
    assert window.focusWidget() is window.search
    qtbot.keyClick(window.search, Qt.Key.Key_Y, CTRL)  # redo: the same rows again
    assert attendance(db, thirty)["Mme Jeanne DURAND"].id == jeanne.id
    assert attendance(db, thirty)["Mme Jeanne DURAND"].arrived_at == jeanne.arrived_at
    assert people_count(db) == directory + 1


def test_escape_in_the_walk_in_form_adds_nobody(qtbot, db, thirty, open_live):
    window = open_live(thirty)
    directory = people_count(db)
    qtbot.keyClicks(window.search, "Zoe Xyz")
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    form = window.walk_in_form
    qtbot.keyClick(form.last_name, Qt.Key.Key_Escape)
    assert window.walk_in_form is None and not form.isVisible()
    assert people_count(db) == directory and len(attendance(db, thirty)) == 30
    assert "Personne n'a été ajouté" in window.status.text()
    assert window.search.text() == "Zoe Xyz" and window.focusWidget() is window.search


def test_two_people_of_one_name_are_told_apart_by_organisation(qtbot, db, open_live):
    meeting_id = build_meeting(
        db,
        [
            ("Marie", "DUPONT", "Mairie de Langres"),
            ("Marie", "DUPONT", "Association des usagers"),
            ("Paul", "LEGRAND", "Mairie de Langres"),
        ],
    )
    window = open_live(meeting_id)
    qtbot.keyClicks(window.search, "dup")
    assert listed(window)[:2] == [
        "Marie DUPONT — Mairie de Langres",
        "Marie DUPONT — Association des usagers",
    ]
    # Typing a word of the organisation picks one.
    qtbot.keyClicks(window.search, " asso")
    assert highlighted(window) == "Marie DUPONT — Association des usagers"
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    with db.reading() as session:
        rows = {r.organisation: r.status for r in list_attendance(session, meeting_id)}
    assert rows["Association des usagers"] is P.PRESENT
    assert rows["Mairie de Langres"] is P.INVITED


def test_each_tick_is_committed_before_the_screen_shows_it(qtbot, db, thirty, open_live, tmp_path):
    """Another connection (another process would do the same) sees every tick the
    list shows, at the moment the list shows it."""
    window = open_live(thirty)
    other = open_database(tmp_path / "clu.sqlite", migrate=False)
    seen: list[set[int]] = []

    def check() -> None:
        with other.reading() as session:
            committed = {r.id for r in list_attendance(session, thirty) if r.status is P.PRESENT}
        shown = set()
        for row in range(window.model.rowCount()):
            entry = window.model.entry(row)
            if getattr(entry, "status", None) is P.PRESENT:
                shown.add(entry.id)
        assert shown <= committed
        seen.append(shown)

    window.model.modelReset.connect(check)
    try:
        for letters in ("rob", "vin", "pet"):
            qtbot.keyClicks(window.search, letters)
            qtbot.keyClick(window.search, Qt.Key.Key_Return)
    finally:
        window.model.modelReset.disconnect(check)
        other.dispose()
    assert len(seen[-1]) == 3


def test_a_refused_tick_shows_in_red_and_changes_nothing(qtbot, db, thirty, open_live):
    window = open_live(thirty)
    qtbot.keyClicks(window.search, "lam")
    lambert = attendance(db, thirty)["Joël LAMBERT"]
    with db.transaction() as session:  # removed meanwhile, from another screen
        remove_invitations(session, [lambert.id])
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert "n'existe plus" in window.status.text()
    red = colours.on(colours.ERROR, colours.background_of(window.status))
    assert window.status.palette().color(window.status.foregroundRole()) == red
    assert shown_counts(window) == counts(0, expected=29)
    # No longer invited: offered from the directory, not ticked.
    assert [line for line in listed(window) if "LAMBERT" in line] == [
        "Inviter et pointer Joël LAMBERT (Union locale) — Dans l'annuaire, pas invité(e) : "
        "Entrée l'ajoute à la liste et le (la) pointe présent(e)"
    ]
    # The letters stay: more typed after them match nobody, and add nobody.
    directory = people_count(db)
    qtbot.keyClicks(window.search, "rob")
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert "Personne ne correspond à « lamrob »" in window.status.text()
    assert people_count(db) == directory and shown_counts(window) == counts(0, expected=29)
    # The next tick clears the red.
    qtbot.keyClick(window.search, Qt.Key.Key_Escape)
    qtbot.keyClicks(window.search, "rob")
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert window.status.palette().color(window.status.foregroundRole()) != red


def test_typed_text_is_stored_literally_or_refused_in_words(qtbot, db, thirty, open_live):
    window = open_live(thirty)
    qtbot.keyClicks(window.search, "<b>Zoe</b> & Cie")
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    qtbot.keyClick(window.walk_in_form.last_name, Qt.Key.Key_Return)
    assert attendance(db, thirty)["<b>Zoe</b> & CIE"].status is P.PRESENT
    assert "<b>Zoe</b> & CIE" in window.status.text()  # a plain-text label
    qtbot.keyClicks(window.search, "x" * 10_000)  # the field keeps 200 characters
    assert len(window.search.text()) == 200
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    form = window.walk_in_form
    assert len(form.last_name.text()) == 100  # the form keeps what a NOM may hold
    form.last_name.setText("   ")  # nothing to add: the button waits for a NOM
    assert not form.ok_button.isEnabled()
    qtbot.keyClick(form.last_name, Qt.Key.Key_Return)
    assert form.isVisible() and len(attendance(db, thirty)) == 31
    qtbot.keyClick(form.last_name, Qt.Key.Key_Escape)
    # Ctrl+Z with the focus on a button undoes the last tick too.
    window.finish_button.setFocus()
    qtbot.keyClick(window.finish_button, Qt.Key.Key_Z, CTRL)
    assert len(attendance(db, thirty)) == 30 and window.isVisible()


def test_undo_goes_through_the_meetings_stack(qtbot, db, thirty, open_live, stack):
    done = []
    undo.record(stack, "Modifier le titre", lambda: done.append("do"), lambda: None)
    window = open_live(thirty)
    assert not window.undo_button.isEnabled()
    qtbot.keyClick(window.search, Qt.Key.Key_Z, CTRL)  # not a tick: left alone
    assert stack.index() == 1
    assert "Aucun pointage" in window.status.text()

    qtbot.keyClicks(window.search, "ber")
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert window.undo_button.isEnabled()
    assert stack.undoText() == "Pointage de Claire BERNARD"
    # The main window's Undo (the same stack): the live window shows it at once.
    stack.undo()
    assert attendance(db, thirty)["Claire BERNARD"].status is P.INVITED
    assert shown_counts(window) == counts(0)
    stack.redo()
    assert shown_counts(window) == counts(1)


def test_excused_and_represented_are_shown_greyed_and_counted(qtbot, db, thirty, open_live):
    people = attendance(db, thirty)
    martin, roux = people["Alice MARTIN"].id, people["Yves ROUX"].id
    with db.transaction() as session:
        set_status(session, martin, P.EXCUSED)
        set_represented(session, roux, name="Mme Jeanne DURAND")
    window = open_live(thirty)
    assert shown_counts(window) == counts(0, excused=1, represented=1, expected=28)
    model = window.model
    assert listed(window)[model.row_of(martin)] == (
        "Alice MARTIN — Association des usagers — excusé(e)"
    )
    assert listed(window)[model.row_of(roux)] == (
        "Yves ROUX — Association des usagers — suppléé(e) par Mme Jeanne DURAND"
    )
    grey = window.palette().color(QPalette.ColorRole.PlaceholderText)
    for row in (martin, roux):
        assert model.index(model.row_of(row), 0).data(Qt.ItemDataRole.ForegroundRole) == grey
    # An excused person who comes after all is ticked like anyone.
    check_in(qtbot, window, "mart", martin)
    assert shown_counts(window) == counts(1, excused=0, represented=1, expected=29)


def test_escape_clears_then_closes_and_finished_is_emitted(qtbot, db, thirty, open_live, stack):
    window = open_live(thirty)
    qtbot.keyClicks(window.search, "gir")
    qtbot.keyClick(window.search, Qt.Key.Key_Escape)
    assert window.search.text() == "" and window.isVisible()
    with qtbot.waitSignal(window.finished):
        qtbot.keyClick(window.search, Qt.Key.Key_Escape)
    assert not window.isVisible()

    # Opened from a page, as the Participants page does: deleted once closed.
    page = QWidget()
    qtbot.addWidget(page)
    again = LiveAttendanceWindow(db, thirty, stack, page)
    again.show()
    gone: list[bool] = []
    again.destroyed.connect(lambda: gone.append(True))
    with qtbot.waitSignal(again.finished):
        qtbot.mouseClick(again.finish_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(gone))
    assert page.findChildren(LiveAttendanceWindow) == []
    stack.push(QUndoCommand("Autre chose"))  # the stack lives on, unbothered


def test_double_click_ticks_a_line(qtbot, db, thirty, open_live):
    window = open_live(thirty)
    qtbot.keyClicks(window.search, "gau")
    rect = window.list.visualRect(window.model.index(0, 0))
    viewport, left = window.list.viewport(), Qt.MouseButton.LeftButton
    qtbot.mouseClick(viewport, left, pos=rect.center())  # a double click's first press
    assert attendance(db, thirty)["Isabelle GAUTHIER"].status is P.INVITED
    qtbot.mouseDClick(viewport, left, pos=rect.center())
    assert attendance(db, thirty)["Isabelle GAUTHIER"].status is P.PRESENT
    assert window.focusWidget() is window.search


def test_large_type_and_nothing_cut_on_the_demo(qtbot, demo_db, stack):
    with demo_db.transaction() as session:
        meeting_id = duplicate_as_next(session, 1)
    window = LiveAttendanceWindow(demo_db, meeting_id, stack)
    qtbot.addWidget(window)
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(1200, 800)
    with qtbot.waitExposed(window):
        window.show()
    for letters in ("guy", "beg", "kre"):
        qtbot.keyClicks(window.search, letters)
        qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert shown_counts(window) == counts(3, excused=0, expected=15)
    application = QApplication.font().pointSizeF()
    assert window.font().pointSizeF() >= 1.5 * application
    assert window.search.font().pointSizeF() > window.font().pointSizeF()
    for widget in (window.counts, window.undo_button, window.finish_button):
        assert widget.width() >= widget.sizeHint().width(), widget.objectName()
    assert window.isMaximized() is False  # as the test asked; opened maximised otherwise
    other = LiveAttendanceWindow(demo_db, meeting_id, stack)
    qtbot.addWidget(other)
    assert other.windowState() & Qt.WindowState.WindowMaximized


def test_model_passes_the_model_tester(qtmodeltester, db, thirty):
    with db.reading() as session:
        rows = list_attendance(session, thirty)
    model = LiveAttendanceModel()
    model.set_rows(rows, "")
    qtmodeltester.check(model)
    model.set_rows(rows, "mar")
    qtmodeltester.check(model)
    model.set_rows(rows, "zzz")
    assert model.rowCount() == 1
    qtmodeltester.check(model)
