"""`clu-desktop screenshots`: every screen, the welcome page, the live window and the
guide included."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage

from clu_desktop.gui import screenshots


@pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)\(\)")
def test_the_screenshots_include_the_welcome_page_and_the_guide(demo_db, tmp_path, monkeypatch):
    monkeypatch.setattr(screenshots, "SETTLE_SECONDS", 0.05)
    written = screenshots.take_screenshots(demo_db, tmp_path)
    names = [path.stem for path in written]
    assert names[0] == "01-accueil"
    assert any(name.endswith("-guide") for name in names)
    assert any(name.endswith("-seance-en-cours") for name in names)
    for path in written:
        image = QImage(str(path))
        assert image.width() >= 400 and image.height() >= 300, path.name
    first = QImage(str(written[0]))
    assert (first.width(), first.height()) == screenshots.WINDOW_SIZE
