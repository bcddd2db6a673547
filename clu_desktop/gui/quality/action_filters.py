"""The filters of the action plan: status, owner, origin, "en retard seulement"."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QWidget

from clu_desktop.domain import ActionOrigin, ActionStatus
from clu_desktop.gui.quality.common import buddy, name
from clu_desktop.services.quality import common as quality_common

OPEN = "open"


class ActionFilters(QWidget):
    """``changed`` when the user changes a filter."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("actionFilters")
        self.status_combo = name(QComboBox(), "filterStatus", "Filtrer par statut")
        self.status_combo.addItem("Tous", None)
        self.status_combo.addItem("À faire ou en cours", OPEN)
        for status, label in quality_common.ACTION_STATUS_LABELS.items():
            self.status_combo.addItem(label, status.value)
        self.owner_combo = name(QComboBox(), "filterOwner", "Filtrer par responsable")
        self.owner_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.origin_combo = name(QComboBox(), "filterOrigin", "Filtrer par origine")
        self.origin_combo.addItem("Toutes", None)
        for origin, label in quality_common.ACTION_ORIGIN_LABELS.items():
            self.origin_combo.addItem(label, origin.value)
        self.overdue_check = name(
            QCheckBox("En &retard seulement"), "filterOverdue", "En retard seulement"
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(buddy("Statut\u00a0:", self.status_combo))
        layout.addWidget(self.status_combo)
        layout.addWidget(buddy("Responsable\u00a0:", self.owner_combo))
        layout.addWidget(self.owner_combo)
        layout.addWidget(buddy("Ori&gine\u00a0:", self.origin_combo))
        layout.addWidget(self.origin_combo)
        layout.addWidget(self.overdue_check)
        layout.addStretch(1)
        self.set_owners([])
        for combo in (self.status_combo, self.owner_combo, self.origin_combo):
            combo.activated.connect(lambda _index: self.changed.emit())
        self.overdue_check.toggled.connect(lambda _checked: self.changed.emit())

    def widgets(self) -> list[QWidget]:
        return [self.status_combo, self.owner_combo, self.origin_combo, self.overdue_check]

    def set_owners(self, rows: list[Any]) -> None:
        """Offer the owners of ``rows`` (people by id, typed names as typed)."""
        kept = self.owner_combo.currentData()
        owners: dict[str, str] = {}
        for row in rows:
            if row.owner_id is not None:
                owners.setdefault(f"p:{row.owner_id}", row.owner_name)
            elif row.owner_name:
                owners.setdefault(f"n:{row.owner_name}", row.owner_name)
        self.owner_combo.blockSignals(True)
        self.owner_combo.clear()
        self.owner_combo.addItem("Tous", None)
        for key, label in sorted(owners.items(), key=lambda item: item[1].casefold()):
            self.owner_combo.addItem(label, key)
        index = self.owner_combo.findData(kept)
        self.owner_combo.setCurrentIndex(max(index, 0))
        self.owner_combo.blockSignals(False)

    def clear(self) -> None:
        for combo in (self.status_combo, self.owner_combo, self.origin_combo):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.overdue_check.blockSignals(True)
        self.overdue_check.setChecked(False)
        self.overdue_check.blockSignals(False)

    def active(self) -> bool:
        combos = (self.status_combo, self.owner_combo, self.origin_combo)
        return any(c.currentIndex() > 0 for c in combos) or self.overdue_check.isChecked()

    def query(self) -> dict[str, Any]:
        """The keyword arguments of ``list_actions`` for the chosen filters."""
        status = self.status_combo.currentData()
        origin = self.origin_combo.currentData()
        owner = self.owner_combo.currentData()
        kwargs: dict[str, Any] = {"only_overdue": self.overdue_check.isChecked()}
        if status == OPEN:
            kwargs["status"] = [ActionStatus.TODO, ActionStatus.IN_PROGRESS]
        elif status is not None:
            kwargs["status"] = ActionStatus(status)
        if origin is not None:
            kwargs["origin"] = ActionOrigin(origin)
        if isinstance(owner, str) and owner.startswith("p:"):
            kwargs["owner_id"] = int(owner[2:])
        return kwargs

    def keep(self, row: Any) -> bool:
        """The owner filter on a typed name (the service filters people by id)."""
        owner = self.owner_combo.currentData()
        if isinstance(owner, str) and owner.startswith("n:"):
            return row.owner_id is None and row.owner_name == owner[2:]
        return True
