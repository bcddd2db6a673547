"""The live window never changes the directory by accident: letters typed, typos, a
person of the directory who was not invited and a true walk-in, with the keys only."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette, QUndoStack
from PySide6.QtWidgets import QApplication

from clu_desktop.domain import AttendanceStatus
from clu_desktop.gui.live.model import NAME_ROLE
from clu_desktop.gui.live.window import LiveAttendanceWindow
from clu_desktop.services.attendance.edit import withdraw_invitations
from clu_desktop.services.attendance.presence import list_attendance
from clu_desktop.services.directory.organisations import list_organisations
from clu_desktop.services.directory.people import search_people
from clu_desktop.services.meetings.listing import duplicate_as_next

P = AttendanceStatus
CTRL = Qt.KeyboardModifier.ControlModifier
GUY = "Inviter et pointer M. Bernard GUY (Association des Maires de la Haute-Marne)"


@pytest.fixture
def meeting_id(demo_db) -> int:
    """The meeting after the demo one, its 15 people invited but M. Bernard GUY (still in
    the directory)."""
    with demo_db.transaction() as session:
        meeting_id = duplicate_as_next(session, 1)
        guy = next(r for r in list_attendance(session, meeting_id) if "GUY" in r.name)
        withdraw_invitations(session, [guy.id])
    return meeting_id


@pytest.fixture
def window(qtbot, demo_db, meeting_id):
    window = LiveAttendanceWindow(demo_db, meeting_id, QUndoStack())
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    return window


def directory(db) -> list[tuple[int, str]]:
    with db.reading() as session:
        return [(p.id, p.label) for p in search_people(session)]


def statuses(db, meeting_id) -> dict[str, AttendanceStatus]:
    with db.reading() as session:
        return {r.name: r.status for r in list_attendance(session, meeting_id)}


def invitations(db, meeting_id) -> list[str]:
    with db.reading() as session:
        return [r.name for r in list_attendance(session, meeting_id)]


def typed_then_enter(qtbot, window, text: str) -> None:
    """An empty field (Échap clears what is left), the letters, Entrée."""
    if window.search.text():
        qtbot.keyClick(window.search, Qt.Key.Key_Escape)
    qtbot.keyClicks(window.search, text)
    qtbot.keyClick(window.search, Qt.Key.Key_Return)


def highlighted(window) -> str | None:
    index = window.list.currentIndex()
    return index.data(NAME_ROLE) if index.isValid() else None


def test_only_a_true_walk_in_adds_one_person(qtbot, demo_db, meeting_id, window):
    before = directory(demo_db)
    invited = statuses(demo_db, meeting_id)

    # Every prefix of three names, each followed by Entrée: ticks, never a new person.
    for name in ("Mylene Begue", "Jean-Paul Pierron", "jocelyne MARTIN"):
        for end in range(1, len(name) + 1):
            typed_then_enter(qtbot, window, name[:end])
            assert directory(demo_db) == before, name[:end]
    now = statuses(demo_db, meeting_id)
    assert set(now) == set(invited)  # nobody invited nor removed
    for name in ("Mme Mylène BÉGUÉ", "M. Jean-Paul PIERRON", "Mme Jocelyne MARTIN"):
        assert now[name] is P.PRESENT

    # A typo: a single Entrée shows the offer, nothing else.
    typed_then_enter(qtbot, window, "Jocelyne Mratin")
    assert directory(demo_db) == before and statuses(demo_db, meeting_id) == now
    assert highlighted(window) == "Ajouter « Jocelyne Mratin » (venu(e) sans invitation)"
    assert "Personne ne correspond" in window.status.text()
    assert "vouliez-vous dire Mme Jocelyne MARTIN (Secrétariat Général) ?" in window.status.text()
    qtbot.keyClick(window.search, Qt.Key.Key_Escape)

    # A person of the directory who was not invited: invited and ticked, not doubled.
    qtbot.keyClicks(window.search, "guy bernard")
    assert highlighted(window) == GUY
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert statuses(demo_db, meeting_id)["M. Bernard GUY"] is P.PRESENT
    assert directory(demo_db) == before

    # A true walk-in: Entrée shows the offer, Entrée opens the form, Entrée confirms.
    typed_then_enter(qtbot, window, "Jeanne Durand")
    assert directory(demo_db) == before
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert directory(demo_db) == before
    form = QApplication.activeModalWidget()
    qtbot.waitUntil(lambda: form.isActiveWindow())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    after = directory(demo_db)
    assert len(after) == len(before) + 1  # exactly one person more
    assert [label for _id, label in after if (_id, label) not in before] == ["Jeanne DURAND"]
    assert statuses(demo_db, meeting_id)["Jeanne DURAND"] is P.PRESENT

    # Undo the walk-in: the invitation and the person go; the one found stays.
    qtbot.keyClick(window.search, Qt.Key.Key_Z, CTRL)
    assert directory(demo_db) == before
    assert "Jeanne DURAND" not in statuses(demo_db, meeting_id)
    qtbot.keyClick(window.search, Qt.Key.Key_Z, CTRL)
    assert "M. Bernard GUY" not in statuses(demo_db, meeting_id)
    assert directory(demo_db) == before  # M. Bernard GUY stays in the directory
    qtbot.keyClick(window.search, Qt.Key.Key_Y, CTRL)
    qtbot.keyClick(window.search, Qt.Key.Key_Y, CTRL)
    assert directory(demo_db) == after  # the same person, under the same id
    assert statuses(demo_db, meeting_id)["Jeanne DURAND"] is P.PRESENT


def contrast(one: QColor, other: QColor) -> float:
    """The WCAG contrast ratio of two colours."""

    def luminance(colour: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

        r, g, b = (channel(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("background", ["#ffffff", "#efefef", "#202124", "#000000"])
def test_the_no_match_message_reads_on_light_and_dark_windows(qtbot, window, background):
    palette = window.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor(background))
    dark = QColor(background).lightnessF() < 0.5
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#e8eaed" if dark else "#000000"))
    window.setPalette(palette)
    typed_then_enter(qtbot, window, "Mratin")
    assert "Personne ne correspond" in window.status.text()
    shown = window.status.palette().color(window.status.foregroundRole())
    assert contrast(shown, QColor(background)) >= 4.5


def test_a_double_click_on_the_offer_opens_the_form_and_adds_nobody(qtbot, demo_db, window):
    before = directory(demo_db)
    qtbot.keyClicks(window.search, "Jeanne Durand")
    rect = window.list.visualRect(window.model.index(0, 0))
    viewport, left = window.list.viewport(), Qt.MouseButton.LeftButton
    qtbot.mouseClick(viewport, left, pos=rect.center())  # a double click's first press
    assert window.walk_in_form is None
    qtbot.mouseDClick(viewport, left, pos=rect.center())
    form = window.walk_in_form
    assert form is not None and form.last_name.text() == "Durand"
    assert directory(demo_db) == before
    form.reject()
    assert directory(demo_db) == before


def test_the_button_adds_a_namesake_of_someone_the_list_offers(qtbot, demo_db, meeting_id, window):
    """Another Mme Jocelyne MARTIN, of the Défenseur des Droits, comes: the list offers
    the invited one; the button opens the form with what was typed."""
    before = directory(demo_db)
    invited = invitations(demo_db, meeting_id)
    qtbot.keyClicks(window.search, "Jocelyne Martin")
    assert not window.model.only_walk_in()
    qtbot.mouseClick(window.walk_in_button, Qt.MouseButton.LeftButton)
    form = window.walk_in_form
    assert (form.first_name.text(), form.last_name.text()) == ("Jocelyne", "Martin")
    form.civility.setCurrentText("Mme")
    form.organisation.setCurrentText("défenseur des droits")  # found, not created again
    qtbot.keyClick(form.last_name, Qt.Key.Key_Return)
    after = directory(demo_db)
    assert [label for each, label in after if (each, label) not in before] == [
        "Mme Jocelyne MARTIN (Défenseur des Droits)"
    ]
    assert invitations(demo_db, meeting_id) == [*invited, "Mme Jocelyne MARTIN"]
    assert window.status.text().endswith("(Ctrl+Z l'enlève des deux).")
    assert "organisme" not in window.status.text()


def test_a_new_organisation_is_said_and_undone_with_the_walk_in(qtbot, demo_db, window):
    with demo_db.reading() as session:
        organisations = [row.name for row in list_organisations(session)]
    typed_then_enter(qtbot, window, "Mme Jeanne Durand")
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    form = window.walk_in_form
    assert form.civility.currentText() == "Mme"
    form.organisation.setCurrentText("Collectif des riverains")
    qtbot.keyClick(form.last_name, Qt.Key.Key_Return)
    assert window.status.text().startswith(
        "✓ Mme Jeanne DURAND ajoutée à l'annuaire et à la liste, pointée présente à "
    )
    assert "l'organisme « Collectif des riverains » est ajouté à l'annuaire aussi" in (
        window.status.text()
    )
    qtbot.keyClick(window.search, Qt.Key.Key_Z, CTRL)
    with demo_db.reading() as session:
        assert [row.name for row in list_organisations(session)] == organisations


def test_the_form_shows_its_fields_whole_in_large_type(qtbot, window):
    qtbot.keyClicks(window.search, "Jeanne Durand")
    form = window.open_walk_in_form()
    qtbot.waitExposed(form)
    assert form.font().pointSizeF() == window.font().pointSizeF()  # the window's large type
    for field in (form.civility, form.last_name, form.first_name, form.organisation):
        assert field.height() >= field.sizeHint().height(), field.objectName()
    assert form.width() <= 1280 and form.height() <= 800
    form.reject()
