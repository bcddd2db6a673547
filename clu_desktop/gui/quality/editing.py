"""How the quality panels read and save: the GUI kit's RecordsContext (database, the
meeting's undo stack, UserError shown) with a helper for one field, and a base class for
the panels."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QMenu, QWidget

from clu_desktop.gui.common.editing import RecordsContext
from clu_desktop.gui.common.layout import button, message_label
from clu_desktop.gui.common.list_editor import ListEditor
from clu_desktop.gui.conflicts import RecordKind
from clu_desktop.gui.quality.common import menu_text, modules_text, table_view
from clu_desktop.services.agenda.actions import ACTION
from clu_desktop.services.quality import actions as quality_actions
from clu_desktop.services.quality import audits as quality_audits
from clu_desktop.services.quality import common as qc
from clu_desktop.services.quality import common as quality_common
from clu_desktop.services.quality import referentials as quality_referentials
from clu_desktop.services.quality import remarks as quality_remarks

#: How a conflict names each kind of record of the quality pages and what changed in it.
KINDS = {
    "referential": RecordKind(
        qc.REFERENTIAL, qc.REFERENTIAL_LABELS, quality_referentials.get_referential_row
    ),
    "module": RecordKind(qc.MODULE, qc.MODULE_LABELS, quality_referentials.get_module_row),
    "label": RecordKind(
        qc.LABEL,
        qc.LABEL_LABELS,
        quality_referentials.get_label_row,
        {"site_id": "site_name", "modules": modules_text},
    ),
    "audit": RecordKind(
        qc.AUDIT,
        qc.AUDIT_LABELS,
        quality_audits.get_audit_row,
        {"kind": "kind_label", "site_id": "site_name", "modules": modules_text},
    ),
    "finding": RecordKind(
        qc.FINDING,
        qc.FINDING_LABELS,
        quality_audits.get_finding_row,
        {"kind": "kind_label", "module_id": "module_label"},
    ),
    "action": RecordKind(
        ACTION,
        qc.PLAN_ACTION_LABELS,
        quality_actions.get_plan_action,
        {"origin": "origin_label", "status": "status_label"},
        captions={"owner_id": "Responsable"},
    ),
    "remark": RecordKind(qc.REMARK, qc.REMARK_LABELS, quality_remarks.get_remark),
}


class QualityContext(RecordsContext):
    """The quality records (``gui/common/editing``): ``meeting_id`` is the meeting shown,
    where "Préparer le suivi des actions" adds its item."""

    def save_field(
        self,
        text: str,
        service: Callable[..., Any],
        kind: str,
        record_id: int,
        field: str,
        old: object,
        new: object,
        *,
        merge: bool = False,
        widget: QWidget | None = None,
        shown: Callable[[], Any] = lambda: None,
    ) -> bool:
        """``service(session, id, field, value, seen_version)`` with undo; typing merges
        when ``merge``. ``shown()`` gives the row the panel shows when the value is saved
        (again, by undo and redo): its version is checked (see ``EditContext.write_seen``).
        """
        if old == new:
            return True

        def apply(value: object) -> None:
            typed = value if isinstance(value, str) else None
            live = self.live(kind, record_id)
            self.write_seen(
                KINDS[kind], shown(), service, live, field, value, field=field, typed=typed
            )

        key = (kind, record_id, field) if merge else None
        return self.field(text, apply, old, new, key, widget=widget)


class Panel(QWidget, ListEditor):
    """A sub-tab of the quality page, a list beside an editor (``ListEditor``).
    ``reload()`` reads everything again; a panel made stale while hidden (another panel
    saved) reloads when it is shown."""

    def __init__(self, context: QualityContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.stale = False

    def reload(self) -> None:  # pragma: no cover - every panel defines it
        raise NotImplementedError

    def read(self, service: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        return self.context.read(service, *args, **kwargs)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.stale:
            self.stale = False
            self.reload()


class ReferentialListPanel(Panel):
    """A panel listing records that belong to a referential and a site (labels, audits):
    "Ajouter" offers the referentials, the editor the sites. A subclass sets ``model``,
    ``view``, ``add_menu``, ``add_button``, ``site_combo``, ``empty_label``, the
    services ``list_rows``, ``update_service`` and ``set_modules`` with
    ``modules_edit_text``, and defines ``_show_current`` and ``_saved``."""

    list_rows: Callable[..., Any]
    set_modules: Callable[..., Any]
    modules_edit_text: str
    kind: str  # "label" or "audit" (KINDS)

    def _build_list(self, model: Any, noun: str, accessible: str, empty_text: str) -> None:
        """The list of ``model`` (``{noun}List``), the form following its current line, and
        ``empty_text`` in its place while it is empty."""
        self._referentials: list = []
        self.model = model
        self.view = table_view(f"{noun}List", accessible, model)
        self.view.selectionModel().currentRowChanged.connect(self._on_current)
        self.empty_label = message_label(f"{noun}Empty", "Information")
        self.empty_label.setText(empty_text)

    def _add_menu_button(self, text: str, object_name: str, accessible: str, tip: str) -> None:
        """« Ajouter » with the menu of the referentials (``reload`` fills it)."""
        self.add_menu = QMenu(self)
        self.add_menu.setObjectName(f"{object_name}Menu")
        self.add_button = button(text, object_name, accessible, tip)
        self.add_button.setMenu(self.add_menu)

    def reload(self, select_id: int | None = None) -> None:
        """Read the records, referentials and sites again; rewrite the editor."""
        if select_id is None and self._current is not None:
            select_id = self._current.id
        self._referentials = self.read(quality_referentials.list_referentials)
        self.add_menu.clear()
        for referential in self._referentials:
            action = self.add_menu.addAction(menu_text(referential.name))
            action.setData(referential.id)
        self.add_button.setEnabled(bool(self._referentials))
        self.site_combo.clear()
        self.site_combo.addItem("(aucun site précisé)", None)
        for site in self.read(quality_common.list_sites):
            self.site_combo.addItem(site.name, site.id)
        rows = self.read(type(self).list_rows)
        self._set_rows(rows, select_id)
        self.view.setVisible(bool(rows))
        self.empty_label.setVisible(not rows)
        self._show_current()

    def _modules_edited(self, module_ids: list[int]) -> None:
        row = self._current
        if row is None:
            return
        old = [m.id for m in row.modules]
        if sorted(old) == sorted(module_ids):
            return
        record_id, context, service = row.id, self.context, type(self).set_modules
        kind = KINDS[self.kind]

        def apply(ids: object) -> None:
            shown = self._current
            context.write_seen(kind, shown, service, record_id, ids, field="modules")

        ok = context.field(self.modules_edit_text, apply, old, module_ids, widget=self)
        self._saved(ok)
