"""The "Qualité" page: the label and its referentials, the audits and their findings, the
action plan followed from meeting to meeting, the users' remarks and their answers.

The quality data is not per meeting; the meeting shown only matters to "Préparer le suivi
des actions dans la séance", which adds a "Suivi des actions" item to its agenda. Every
edit is saved at once and undoable on the shown meeting's stack.
"""

from __future__ import annotations

import contextlib
import itertools

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QHideEvent, QUndoStack
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from clu_desktop.errors import UserError
from clu_desktop.gui.common.layout import settle
from clu_desktop.gui.quality.actions_panel import ActionsPanel
from clu_desktop.gui.quality.audits_panel import AuditsPanel
from clu_desktop.gui.quality.common import message_label, name
from clu_desktop.gui.quality.editing import Panel, QualityContext
from clu_desktop.gui.quality.label_panel import LabelPanel
from clu_desktop.gui.quality.remarks_panel import RemarksPanel
from clu_desktop.gui.undo import UndoKeys
from clu_desktop.services.agenda.items import list_agenda
from clu_desktop.services.agenda.snapshots import delete_item, restore_item
from clu_desktop.services.quality.audit_results import AUDIT_RESULTS_TITLE, add_audit_results_item
from clu_desktop.services.quality.followup import (
    FOLLOWUP_TITLE,
    add_followup_item,
    find_followup_item,
)
from clu_desktop.store.database import Database

NO_MEETING_TIP = "Choisissez une séance pour y préparer le suivi des actions."
FOLLOWUP_TIP = (
    "Ajoute à l'ordre du jour de la séance un point « Suivi des actions » : actions "
    "réalisées depuis la dernière séance, actions en cours, réponses aux remarques des usagers"
)


class QualityPage(QWidget):
    """``show_meeting(meeting_id, stack)``; ``changed`` after each saved edit, undo or redo."""

    changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("qualityPage")
        self.setAccessibleName("Qualité")
        self.context = QualityContext(db, self)
        self.context.saved.connect(self._on_saved)

        self.label_panel = LabelPanel(self.context)
        self.audits_panel = AuditsPanel(self.context)
        self.actions_panel = ActionsPanel(self.context)
        self.remarks_panel = RemarksPanel(self.context)
        self.panels: list[Panel] = [
            self.label_panel,
            self.audits_panel,
            self.actions_panel,
            self.remarks_panel,
        ]
        self.tabs = name(QTabWidget(), "qualityTabs", "Suivi qualité")
        self.tabs.setDocumentMode(True)
        for panel, title in zip(
            self.panels,
            ("&Label", "A&udits", "Plan d'ac&tion", "Re&marques des usagers"),
            strict=True,
        ):
            # A scroll area keeps the page's minimum size small and constant, whatever
            # the panels show: on a small screen the tab scrolls instead of being cut.
            scroll = QScrollArea()
            scroll.setObjectName(f"{panel.objectName()}Scroll")
            scroll.setWidgetResizable(True)
            scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to its fields
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setWidget(panel)
            self.tabs.addTab(scroll, title)
        self.label_panel.referentials_button.clicked.connect(self.edit_referentials)
        self.audits_panel.action_created.connect(self._action_created)
        self.remarks_panel.action_created.connect(self._action_created)

        self.followup_button = name(
            QPushButton("Préparer le sui&vi des actions dans la séance"),
            "prepareFollowup",
            "Préparer le suivi des actions dans la séance",
            FOLLOWUP_TIP,
        )
        self.followup_button.clicked.connect(self.prepare_followup)
        self.results_button = name(
            QPushButton("Reporter les résultats de l'audit dans la séance"),
            "reportAuditResults",
            "Reporter les résultats de l'audit dans la séance",
            "Ajoute à l'ordre du jour de la séance le point « Résultats des audits », écrit "
            "à partir des constats de l'audit sélectionné dans l'onglet Audits",
        )
        self.results_button.clicked.connect(self.report_audit_results)
        self.status_label = message_label("qualityStatus", "Message")
        self.status_label.setWordWrap(False)  # one line; the whole text in the tooltip
        self.status_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        bar = QHBoxLayout()
        bar.addWidget(self.followup_button)
        bar.addWidget(self.results_button)
        bar.addWidget(self.status_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(self.tabs, 1)

        order = [self.followup_button, self.results_button, self.tabs]
        for panel in self.panels:
            order.extend(panel.tab_order())  # type: ignore[attr-defined]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)
        self.undo_keys = UndoKeys(lambda: self.context.stack, self)
        self.undo_keys.watch(self, children=True)
        self._dialog = None
        self.show_meeting(None, None)

    # Showing

    def show_meeting(self, meeting_id: int | None, stack: QUndoStack | None) -> None:
        """The meeting shown (None: none) and the stack its edits go on; reads again."""
        self.context.follow(meeting_id, stack, self._on_stack_changed)
        self.show_status("")
        self.reload()
        settle(self, hidden_only=True)

    def current_panel(self) -> Panel:
        return self.panels[self.tabs.currentIndex()]

    def show_status(self, text: str) -> None:
        self.status_label.setText(text)
        self.status_label.setToolTip(text)

    def reload(self) -> None:
        """Read again: the shown tab now, the others when they are shown."""
        current = self.current_panel() if self.isVisible() else None
        for panel in self.panels:
            if panel is current:
                panel.stale = False
                panel.reload()
            else:
                panel.stale = True  # read when shown
        self._update_followup()

    def _update_followup(self) -> None:
        meeting_id = self.context.meeting_id
        existing = None
        if meeting_id is not None:
            with contextlib.suppress(UserError):
                existing = self.context.read(find_followup_item, meeting_id)
        self.followup_button.setEnabled(meeting_id is not None and existing is None)
        self.results_button.setEnabled(meeting_id is not None)
        if meeting_id is None:
            self.followup_button.setToolTip(NO_MEETING_TIP)
        elif existing is not None:
            self.followup_button.setToolTip(
                f"La séance a déjà un point « {FOLLOWUP_TITLE} » dans son ordre du jour."
            )
        else:
            self.followup_button.setToolTip(FOLLOWUP_TIP)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        for panel in self.panels:  # other pages may change actions and remarks meanwhile
            panel.stale = True

    # After edits

    def _on_saved(self) -> None:
        current = self.current_panel()
        for panel in self.panels:
            if panel is not current:
                panel.stale = True
        self.changed.emit()

    def _on_stack_changed(self, _index: int) -> None:
        if self.context.pushing:
            return  # our own edit, already shown
        self.reload()
        if self._dialog is not None and self._dialog.isVisible():
            self._dialog.reload()
        self.changed.emit()

    def _action_created(self, action_id: int) -> None:
        self.actions_panel.reveal(action_id)
        self.show_status("L'action a été ajoutée au plan d'action (onglet « Plan d'action »).")

    # Commands

    def edit_referentials(self) -> None:
        from clu_desktop.gui.quality.referentials_dialog import ReferentialsDialog

        if self._dialog is None:
            self._dialog = ReferentialsDialog(self.context, self)
            self._dialog.changed.connect(self._referentials_changed)
        else:
            self._dialog.reload()
        self._dialog.open()

    def _referentials_changed(self) -> None:
        for panel in self.panels:
            panel.stale = True
        self.label_panel.stale = False
        self.label_panel.reload()

    def report_audit_results(self) -> None:
        """Add "Résultats des audits", written from the selected audit (undoable)."""
        meeting_id, context = self.context.meeting_id, self.context
        audit = self.audits_panel.selected_audit()
        if meeting_id is None:
            return
        if audit is None:
            self.tabs.setCurrentIndex(self.panels.index(self.audits_panel))
            self.show_status("Choisissez d'abord l'audit dans l'onglet Audits.")
            return
        ok, _item_id = context.insert(
            "Reporter les résultats de l'audit",
            lambda: context.write(add_audit_results_item, meeting_id, audit.id),
            delete_item,
            restore_item,
            widget=self,
        )
        if ok:
            self.show_status(
                f"« {AUDIT_RESULTS_TITLE} » de l'audit du {audit.date:%d/%m/%Y} ajouté à "
                "l'Ordre du jour."
            )

    def prepare_followup(self) -> None:
        """Add the "Suivi des actions" item to the shown meeting's agenda (undoable)."""
        meeting_id, context = self.context.meeting_id, self.context
        if meeting_id is None:
            return
        ok, item_id = context.insert(
            "Préparer le suivi des actions",
            lambda: context.write(add_followup_item, meeting_id),
            delete_item,
            restore_item,
            widget=self,
        )
        if not ok:
            return
        agenda = context.read(list_agenda, meeting_id)
        row = agenda.find(item_id)
        number = f"Le point {row.number} " if row is not None else "Le point "
        self.show_status(f"{number}« {FOLLOWUP_TITLE} » a été ajouté à l'Ordre du jour.")
        self._update_followup()
