from pathlib import Path
from PySide6.QtGui import QUndoStack
from clu_desktop.gui.indicators.page import IndicatorsPage
from clu_desktop.gui.indicators.import_dialog import NAMES, PREVIEW
from clu_desktop.gui.indicators.import_names import CREATE
DATA = Path("tests/data")

def test_render(qtbot, demo_db):
    page = IndicatorsPage(demo_db); qtbot.addWidget(page)
    stack = QUndoStack()
    page.resize(1280, 800); page.show_meeting(1, stack); page.show()
    d = page.import_values(DATA / "indicateurs-noms-propres-2023.cp1252.csv")
    d.resize(1280, 800)
    qtbot.waitUntil(lambda: not d.busy(), timeout=20000)
    d.grab().save("/tmp/i16-step1.png")
    d.show_step(NAMES); qtbot.wait(50)
    d.grab().save("/tmp/i16-step2.png")
    row = d.names.row("indicator", "Taux d'appels décrochés")
    row.choose(CREATE); qtbot.wait(50)
    row.form.grab().save("/tmp/i16-form.png")
    row.form.accept()
    d.names.confirm_all()
    qtbot.waitUntil(lambda: not d.busy(), timeout=20000)
    d.grab().save("/tmp/i16-step2b.png")
    d.show_step(PREVIEW); qtbot.wait(50)
    d.grab().save("/tmp/i16-step3.png")
    d.run_import()
    qtbot.waitUntil(lambda: not d.busy(), timeout=20000)
    d.grab().save("/tmp/i16-report.png")
    d.accept()
    page.grab().save("/tmp/i16-page.png")
    d2 = page.import_values(DATA / "indicateurs-noms-propres-2024.cp1252.csv")
    d2.resize(1280, 800)
    qtbot.waitUntil(lambda: not d2.busy(), timeout=20000)
    d2.show_step(PREVIEW); qtbot.wait(50)
    d2.grab().save("/tmp/i16-second.png")
    d2.reject()
