"""The "Référentiels" dialog: the quality referentials (Qual-e-pref, Quali-ATE, Services
Publics+) and their modules, added, renamed and deleted; every edit saved at once."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clu_desktop.gui.common.layout import settle
from clu_desktop.gui.common.list_editor import show_rows
from clu_desktop.gui.quality.common import (
    buddy,
    fit_columns,
    name,
    select_row,
    set_plain_text,
    table_view,
    text_field,
)
from clu_desktop.gui.quality.editing import QualityContext
from clu_desktop.gui.quality.models import modules_model, referentials_model
from clu_desktop.gui.undo import UndoKeys
from clu_desktop.services.quality import referentials as quality_referentials


class ReferentialsDialog(QDialog):
    """``changed`` after each saved edit (the label tab then shows the new names)."""

    changed = Signal()

    def __init__(self, context: QualityContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("referentialsDialog")
        self.setWindowTitle("Référentiels qualité")
        self.setAccessibleName("Référentiels qualité")
        self.context = context
        self._loading = False

        self.model = referentials_model(self)
        self.view = table_view("referentialList", "Référentiels", self.model)
        fit_columns(self.view, 1)
        self.new_code = name(QLineEdit(), "newReferentialCode", "Code du nouveau référentiel")
        self.new_code.setPlaceholderText("code")
        self.new_name = name(QLineEdit(), "newReferentialName", "Nom du nouveau référentiel")
        self.new_name.setPlaceholderText("Nom du référentiel")
        self.add_button = name(QPushButton("A&jouter"), "addReferential", "Ajouter le référentiel")
        self.delete_button = name(
            QPushButton("Supprimer le référentiel"), "deleteReferential", "Supprimer le référentiel"
        )

        self.code_edit = name(QLineEdit(), "referentialCode", "Code du référentiel")
        self.name_edit = name(QLineEdit(), "referentialName", "Nom du référentiel")
        self.owner_edit = name(QLineEdit(), "referentialOwner", "Porteur du référentiel")
        self.description_edit = text_field("referentialDescription", "Description", lines=3)

        self.modules_model = modules_model(self)
        self.modules_view = table_view("moduleList", "Modules du référentiel", self.modules_model)
        fit_columns(self.modules_view, 1)
        self.module_code = name(QLineEdit(), "moduleCode", "Code du module")
        self.module_title = name(QLineEdit(), "moduleTitle", "Intitulé du module")
        self.new_module_code = name(QLineEdit(), "newModuleCode", "Code du nouveau module")
        self.new_module_code.setPlaceholderText("code")
        self.new_module_title = name(QLineEdit(), "newModuleTitle", "Intitulé du nouveau module")
        self.new_module_title.setPlaceholderText("Intitulé du module")
        self.add_module_button = name(
            QPushButton("Ajouter le m&odule"), "addModule", "Ajouter le module"
        )
        self.delete_module_button = name(
            QPushButton("Supprimer le module"), "deleteModule", "Supprimer le module"
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Fermer")
        buttons.rejected.connect(self.reject)

        self._layout(buttons)
        self.view.selectionModel().currentRowChanged.connect(self._on_current)
        self.modules_view.selectionModel().currentRowChanged.connect(self._on_module)
        for button in (
            self.add_button,
            self.delete_button,
            self.add_module_button,
            self.delete_module_button,
        ):
            button.setAutoDefault(False)  # Enter in a field must not add or delete
        self.new_name.returnPressed.connect(self.add_referential)
        self.new_module_title.returnPressed.connect(self.add_module)
        self.add_button.clicked.connect(self.add_referential)
        self.delete_button.clicked.connect(self.delete_referential)
        self.add_module_button.clicked.connect(self.add_module)
        self.delete_module_button.clicked.connect(self.delete_module)
        for field, edit in (("code", self.code_edit), ("name", self.name_edit)):
            edit.textEdited.connect(lambda text, f=field: self._referential_typed(f, text))
        self.owner_edit.textEdited.connect(lambda text: self._referential_typed("owner", text))
        self.description_edit.textChanged.connect(
            lambda: self._referential_typed("description", self.description_edit.toPlainText())
        )
        self.module_code.textEdited.connect(lambda text: self._module_typed("code", text))
        self.module_title.textEdited.connect(lambda text: self._module_typed("title", text))
        self.undo_keys = UndoKeys(lambda: self.context.stack, self)
        self.undo_keys.watch(self, children=True)
        self.resize(900, 560)
        self.reload()
        settle(self)

    def _layout(self, buttons: QDialogButtonBox) -> None:
        new = QHBoxLayout()
        new.addWidget(self.new_code, 1)
        new.addWidget(self.new_name, 3)
        new.addWidget(self.add_button)
        left = QVBoxLayout()
        left.addWidget(buddy("&Référentiels\u00a0:", self.view))
        left.addWidget(self.view, 1)
        left.addWidget(buddy("&Nouveau référentiel\u00a0:", self.new_code))
        left.addLayout(new)
        left.addWidget(self.delete_button, 0, Qt.AlignmentFlag.AlignLeft)

        form = QFormLayout()
        form.addRow(buddy("&Code\u00a0:", self.code_edit), self.code_edit)
        form.addRow(buddy("No&m\u00a0:", self.name_edit), self.name_edit)
        form.addRow(buddy("&Porteur\u00a0:", self.owner_edit), self.owner_edit)
        form.addRow(buddy("&Description\u00a0:", self.description_edit), self.description_edit)
        modules = QGroupBox("Modules")
        modules.setObjectName("modulesBox")
        grid = QGridLayout(modules)
        grid.addWidget(self.modules_view, 0, 0, 1, 4)
        grid.addWidget(buddy("Code\u00a0:", self.module_code), 1, 0)
        grid.addWidget(self.module_code, 1, 1)
        grid.addWidget(buddy("&Intitulé\u00a0:", self.module_title), 1, 2)
        grid.addWidget(self.module_title, 1, 3)
        grid.addWidget(buddy("Nouveau\u00a0:", self.new_module_code), 2, 0)
        grid.addWidget(self.new_module_code, 2, 1)
        grid.addWidget(self.new_module_title, 2, 2, 1, 2)
        row = QHBoxLayout()
        row.addWidget(self.add_module_button)
        row.addWidget(self.delete_module_button)
        row.addStretch(1)
        grid.addLayout(row, 3, 0, 1, 4)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 4)
        self.editor = QWidget()
        right = QVBoxLayout(self.editor)
        right.setContentsMargins(0, 0, 0, 0)
        right.addLayout(form)
        right.addWidget(modules, 1)

        body = QHBoxLayout()
        body.addLayout(left, 2)
        body.addSpacing(12)
        body.addWidget(self.editor, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(buttons)
        order = [
            self.view, self.new_code, self.new_name, self.add_button, self.delete_button,
            self.code_edit, self.name_edit, self.owner_edit, self.description_edit,
            self.modules_view, self.module_code, self.module_title, self.new_module_code,
            self.new_module_title, self.add_module_button, self.delete_module_button,
        ]  # fmt: skip
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

    # Loading

    def _current(self):
        return self.model.row_at(self.view.currentIndex().row())

    def _module(self):
        return self.modules_model.row_at(self.modules_view.currentIndex().row())

    def reload(self, select_id: int | None = None, module_id: int | None = None) -> None:
        current, module = self._current(), self._module()
        select_id = select_id if select_id is not None else (current.id if current else None)
        module_id = module_id if module_id is not None else (module.id if module else None)
        rows = self.context.read(quality_referentials.list_referentials)
        self._loading = True
        try:
            show_rows(self.view, rows, select_id)
        finally:
            self._loading = False
        self._show_current(module_id)

    def _refresh(self, ok: bool) -> None:
        """After an edit: new values in the lists; a refusal puts the fields back."""
        rows = self.context.read(quality_referentials.list_referentials)
        self._loading = True
        try:
            self.model.update_rows(rows)
            current = self._current()
            modules = current.modules if current is not None else ()
            self.modules_model.update_rows(modules)
        finally:
            self._loading = False
        if ok:
            self.changed.emit()
        else:
            module = self._module()
            self._show_current(module.id if module is not None else None)

    def _on_current(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._loading:
            self._show_current(None)

    def _show_current(self, module_id: int | None) -> None:
        row = self._current()
        self.editor.setEnabled(row is not None)
        self.delete_button.setEnabled(row is not None)
        for edit, value in (
            (self.code_edit, row.code if row else ""),
            (self.name_edit, row.name if row else ""),
            (self.owner_edit, (row.owner or "") if row else ""),
        ):
            if edit.text() != value:
                edit.setText(value)
        set_plain_text(self.description_edit, row.description if row else "")
        self._loading = True
        try:
            self.modules_model.set_rows(row.modules if row is not None else ())
            number = self.modules_model.row_of(module_id)
            select_row(self.modules_view, number if number is not None else 0)
        finally:
            self._loading = False
        self._show_module()

    def _on_module(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._loading:
            self._show_module()

    def _show_module(self) -> None:
        module = self._module()
        self.delete_module_button.setEnabled(module is not None)
        for edit, value in (
            (self.module_code, module.code if module else ""),
            (self.module_title, module.title if module else ""),
        ):
            edit.setEnabled(module is not None)
            if edit.text() != value:
                edit.setText(value)

    # Referentials

    def add_referential(self) -> None:
        code, title = self.new_code.text(), self.new_name.text()
        context, state = self.context, {}

        def do() -> int:
            new_id = context.write(quality_referentials.add_referential, code, title)
            if "id" in state:
                context.alias("referential", state["id"], new_id)
            state.setdefault("id", new_id)
            return new_id

        def undo() -> None:
            context.write(
                quality_referentials.delete_referential, context.live("referential", state["id"])
            )

        ok, new_id = context.record("Ajouter un référentiel", do, undo, widget=self)
        if ok:
            self.new_code.clear()
            self.new_name.clear()
            self.reload(new_id)
            self.changed.emit()
            self.name_edit.setFocus()

    def delete_referential(self) -> None:
        row = self._current()
        if row is None:
            return
        context = self.context

        def do() -> None:
            context.write(
                quality_referentials.delete_referential, context.live("referential", row.id)
            )

        def undo() -> None:
            new_id = context.write(_recreate_referential, row)
            context.alias("referential", row.id, new_id)

        if context.record("Supprimer le référentiel", do, undo, widget=self)[0]:
            self.reload()
            self.changed.emit()

    def _referential_typed(self, field: str, text: str) -> None:
        row = self._current()
        if row is None:
            return
        old = getattr(row, field) or ""
        ok = self.context.save_field(
            "Modifier le référentiel", quality_referentials.update_referential, "referential",
            row.id, field, old, text, merge=True, widget=self, shown=self._current,
        )  # fmt: skip
        self._refresh(ok)

    # Modules

    def add_module(self) -> None:
        row = self._current()
        if row is None:
            return
        code, title = self.new_module_code.text(), self.new_module_title.text()
        context = self.context
        referential = context.live("referential", row.id)
        ok, new_id = context.insert(
            "Ajouter un module",
            lambda: context.write(quality_referentials.add_module, referential, code, title),
            quality_referentials.delete_module,
            quality_referentials.restore_module,
            widget=self,
        )
        if ok:
            self.new_module_code.clear()
            self.new_module_title.clear()
            self.reload(row.id, new_id)
            self.changed.emit()

    def delete_module(self) -> None:
        module = self._module()
        if module is None:
            return
        if self.context.remove(
            "Supprimer un module", module.id, quality_referentials.delete_module,
            quality_referentials.restore_module, widget=self,
        ):  # fmt: skip
            self.reload()
            self.changed.emit()

    def _module_typed(self, field: str, text: str) -> None:
        module = self._module()
        if module is None:
            return
        ok = self.context.save_field(
            "Modifier le module", quality_referentials.update_module, "module", module.id,
            field, getattr(module, field), text, merge=True, widget=self, shown=self._module,
        )  # fmt: skip
        self._refresh(ok)


def _recreate_referential(session, row) -> int:
    """A deleted referential again, with its fields and modules (new ids)."""
    new_id = quality_referentials.add_referential(session, row.code, row.name)
    for field in ("owner", "description"):
        if getattr(row, field):
            quality_referentials.update_referential(session, new_id, field, getattr(row, field))
    for module in row.modules:
        quality_referentials.add_module(session, new_id, module.code, module.title)
    return new_id
