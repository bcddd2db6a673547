"""The quality page's lists as Qt table models: labels, audits, findings, the action plan,
the users' remarks, referentials and modules. Each receives plain rows (``set_rows``)
from the services and shows one column per ``Column``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from clu_desktop.gui import colours
from clu_desktop.gui.common.rows_model import RowsModel as KitRowsModel
from clu_desktop.gui.quality.common import (
    date_text,
    days_left_text,
    module_full_label,
    modules_text,
    plain_tooltip,
)

AnyIndex = QModelIndex | QPersistentModelIndex
ALERT = colours.ERROR  # a red, read against the palette in use
ANSWERED = colours.SUCCESS
ID_ROLE = Qt.ItemDataRole.UserRole
NAME_CHARS = 60  # names longer than this are shortened in the lists


@dataclass(frozen=True)
class Column:
    header: str
    text: Callable[[Any], str]
    alert: Callable[[Any], bool] | None = None  # red text
    bold: Callable[[Any], bool] | None = None
    tooltip: Callable[[Any], str | None] | None = None
    good: Callable[[Any], bool] | None = None  # green text


class RowsModel(KitRowsModel):
    """Rows with an ``id``, shown through ``columns``; read-only."""

    def __init__(self, columns: Sequence[Column], parent=None) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)

    # Qt

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(self.columns):
            return None
        row, column = self._rows[index.row()], self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return column.text(row)
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ForegroundRole:
            if column.alert is not None and column.alert(row):
                return colours.for_items(ALERT)
            if column.good is not None and column.good(row):
                return colours.for_items(ANSWERED)
            return None
        if role == Qt.ItemDataRole.FontRole and column.bold is not None and column.bold(row):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(row)
        return None


def _shortened(text: str | None, limit: int) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _long(attribute: str, limit: int = 160) -> Column:
    """A long text, flattened and shortened to ``limit`` characters; whole in the
    tooltip."""
    return Column(
        "",
        lambda r: _shortened(getattr(r, attribute), limit),
        tooltip=lambda r: plain_tooltip(getattr(r, attribute)),
    )


def _with_header(column: Column, header: str, **changes: Any) -> Column:
    return replace(column, header=header, **changes)


def _modules_tooltip(row: Any) -> str | None:
    return plain_tooltip("\n".join(module_full_label(m) for m in row.modules))


def _name(getter: Callable[[Any], str | None], header: str, **more: Any) -> Column:
    """A short text (a name): shortened past NAME_CHARS, whole in the tooltip."""
    return Column(
        header,
        lambda r: _shortened(getter(r), NAME_CHARS),
        tooltip=lambda r: plain_tooltip(getter(r)) if len(getter(r) or "") > NAME_CHARS else None,
        **more,
    )


def _deadline_passed(row: Any) -> bool:
    return row.days_left is not None and row.days_left < 0


def labels_model(parent=None) -> RowsModel:
    return RowsModel(
        [
            _name(lambda r: r.referential_name, "Référentiel"),
            _name(lambda r: r.site_name, "Site"),
            Column(
                "Modules labellisés",
                lambda r: modules_text(r.modules),
                tooltip=_modules_tooltip,
            ),
            _name(lambda r: r.certifier, "Certificateur"),
            Column("Obtenu le", lambda r: date_text(r.granted_on) or "pas encore"),
            Column("Échéance", lambda r: date_text(r.deadline), alert=_deadline_passed),
            Column("Délai", lambda r: days_left_text(r.days_left), alert=_deadline_passed),
        ],
        parent,
    )


def audits_model(parent=None) -> RowsModel:
    return RowsModel(
        [
            Column("Date", lambda r: date_text(r.date)),
            Column("Type", lambda r: r.kind_label),
            _name(lambda r: r.auditor, "Auditeur"),
            _name(lambda r: r.referential_name, "Référentiel"),
            Column(
                "Modules",
                lambda r: modules_text(r.modules),
                tooltip=_modules_tooltip,
            ),
            Column("Constats", lambda r: str(len(r.findings))),
        ],
        parent,
    )


def _followed(row: Any) -> str:
    count = len(row.action_ids)
    if count == 0:
        return ""
    return "suivi par une action" if count == 1 else f"suivi par {count} actions"


def findings_model(parent=None) -> RowsModel:
    return RowsModel(
        [
            Column("Type", lambda r: r.kind_label),
            _with_header(_long("text", 400), "Constat"),
            _name(lambda r: r.module_label, "Module"),
            Column("Suivi", _followed, good=lambda r: bool(r.action_ids)),
        ],
        parent,
    )


def _overdue(row: Any) -> bool:
    return bool(row.overdue)


def _status_text(row: Any) -> str:
    return f"{row.status_label} (en retard)" if row.overdue else row.status_label


def actions_model(parent=None) -> RowsModel:
    return RowsModel(
        [
            _with_header(_long("text"), "Action", alert=_overdue),
            Column("Origine", lambda r: r.origin_label),
            _name(lambda r: r.owner_name, "Responsable"),
            Column(
                "Échéance",
                lambda r: date_text(r.due_date) or (r.when_label or ""),
                alert=_overdue,
                bold=_overdue,
            ),
            Column("Statut", _status_text, alert=_overdue, bold=_overdue),
            Column("Fait le", lambda r: date_text(r.done_date)),
        ],
        parent,
    )


def remarks_model(parent=None) -> RowsModel:
    return RowsModel(
        [
            Column("Séance", lambda r: date_text(r.meeting_date)),
            _name(lambda r: ", ".join(r.speakers), "Intervenants"),
            _with_header(_long("text", 400), "Remarque"),
            _with_header(_long("answer_text", 400), "Réponse de l'administration"),
            Column(
                "État",
                lambda r: "en attente" if r.open else "répondu",
                alert=lambda r: r.open,
                good=lambda r: not r.open,
            ),
        ],
        parent,
    )


def referentials_model(parent=None) -> RowsModel:
    return RowsModel(
        [
            _name(lambda r: r.code, "Code"),
            _name(lambda r: r.name, "Nom"),
            Column("Modules", lambda r: str(len(r.modules))),
        ],
        parent,
    )


def modules_model(parent=None) -> RowsModel:
    return RowsModel(
        [_name(lambda r: r.code, "Code"), _with_header(_long("title"), "Intitulé")], parent
    )
