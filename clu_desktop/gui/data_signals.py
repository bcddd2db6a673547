"""One Qt signal for the data the pickers show: ``changed(tables)``.

``Database.changes`` (no Qt) tells which tables each committed transaction wrote; this
bridge turns that into one Qt signal carrying the set of tables written, emitted once
the event loop is back (several commits in one user action make one signal; a write
from another thread is delivered on the GUI thread). Every person, organisation and
committee picker connects to it and reads again what it shows when its tables were
written (``store.changes.touches_directory``, ``touches_meeting_people``)::

    data_signals(db).changed.connect(self._data_changed)

so a person added in the Annuaire, at the door or by an undo shows at once in the
Séance, Ordre du jour and Participants pages, without switching tabs.
"""

from __future__ import annotations

import weakref

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from clu_desktop.store.changes import Changes
from clu_desktop.store.database import Database


class DataSignals(QObject):
    """The Qt side of one database's :class:`Changes`."""

    #: The names of the tables written by the transactions just committed.
    changed = Signal(object)
    _committed = Signal(object)  # the tables, from whichever thread committed

    def __init__(self, changes: Changes, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dataSignals")
        self._pending: set[str] = set()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._flush)
        self._committed.connect(self._collect, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe = changes.subscribe(self._committed.emit)
        self.destroyed.connect(lambda *_: self._unsubscribe())

    def _collect(self, tables: frozenset[str]) -> None:
        self._pending |= tables
        self._timer.start()

    def _flush(self) -> None:
        tables, self._pending = frozenset(self._pending), set()
        if tables:
            self.changed.emit(tables)


_BRIDGES: weakref.WeakKeyDictionary[Changes, DataSignals] = weakref.WeakKeyDictionary()


def data_signals(db: Database) -> DataSignals:
    """The one bridge of ``db`` (made at the first call)."""
    bridge = _BRIDGES.get(db.changes)
    if bridge is None:
        bridge = _BRIDGES[db.changes] = DataSignals(db.changes)
    return bridge
