"""The Qt binding keeps Python's reference counts right (PySide6 6.12.0 did not)."""

from __future__ import annotations

import gc
import sys

import pytest
from PySide6.QtWidgets import QComboBox, QListWidget, QListWidgetItem


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_filling_views_does_not_release_none(qtbot):
    """Each release of None that was never taken brings the process nearer to an abort
    ("deallocating None"): filling lists and combo boxes must leave its count alone."""
    combo, listing = QComboBox(), QListWidget()
    qtbot.addWidget(combo)
    qtbot.addWidget(listing)

    def fill() -> None:
        combo.clear()
        combo.addItem("— aucun —", None)
        combo.itemData(0)
        listing.clear()
        for row in range(10):
            listing.addItem(QListWidgetItem(f"ligne {row}"))

    fill()
    gc.collect()
    before = sys.getrefcount(None)
    for _ in range(200):
        fill()
    gc.collect()
    assert before - sys.getrefcount(None) < 100
