"""The "Comités" tab: the committees, and the standing members of the selected one."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from clu_desktop.gui.common.layout import buddy, name, split
from clu_desktop.gui.directory.committee_models import CommitteesModel, MembersModel
from clu_desktop.gui.directory.committee_settings import CommitteeSettingsBox
from clu_desktop.gui.directory.dialogs import NewCommitteeDialog, PersonPickerDialog
from clu_desktop.gui.directory.editing import (
    DirectoryContext,
    FieldBinder,
    ShownRecord,
)
from clu_desktop.gui.directory.person_form import error_label, heading_label
from clu_desktop.gui.directory.tab import (
    DirectoryTab,
    chain_tab_order,
    make_button,
    make_table,
    select_table_row,
)
from clu_desktop.gui.directory.table_model import ID_ROLE
from clu_desktop.gui.directory.texts import count_text
from clu_desktop.services.directory.committees import (
    COMMITTEE,
    COMMITTEE_LABELS,
    MEMBER_ROLES,
    add_committee,
    add_member,
    delete_committee,
    get_committee_row,
    list_committees,
    list_members,
    move_member,
    remove_member,
    save_committee_field,
    set_member_positions,
    set_member_role,
)

NO_COMMITTEE_TEXT = "Sélectionnez un comité, ou créez-en un (Ctrl+N)."


class CommitteesTab(DirectoryTab):
    def __init__(self, ctx: DirectoryContext, clear_search, parent=None) -> None:
        super().__init__(ctx, clear_search, "committeesTab", "Comités", parent)

        self.model = CommitteesModel(self)
        self.table = make_table("committeesTable", "Comités", self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self._add_shortcuts("Nou&veau comité…", self.new_committee, None)
        self.new_button = make_button(
            "Nou&veau comité…", "newCommitteeButton", "Nouveau comité", self.new_committee
        )
        self.new_button.setToolTip("Créer un comité (Ctrl+N)")

        self.heading = heading_label("committeeHeading", "Comité sélectionné")
        self.name = name(QLineEdit(), "committeeName", "Nom du comité")
        self.name.setMaxLength(300)
        self.acronym = name(QLineEdit(), "committeeAcronym", "Sigle du comité")
        self.acronym.setMaxLength(50)
        self.status = error_label("committeeError")
        self.record = ShownRecord(
            ctx, save_committee_field, get_committee_row, COMMITTEE, COMMITTEE_LABELS
        )
        self.binder = FieldBinder(ctx, "committee", self.record.apply, self.status, self)
        self.binder.conflicted.connect(lambda _cid: self.refresh())  # the version of now
        self.binder.line(self.name, "name", "Renommer le comité")
        self.binder.line(self.acronym, "acronym", "Modifier le sigle du comité")
        self.binder.saved.connect(lambda cid, _field: self._committee_saved(cid))
        self.settings = CommitteeSettingsBox(ctx)
        # A setting saved: the committee's name is checked against the version of now;
        # refused for another workstation's change, the tab shows the committee of now.
        self.settings.binder.saved.connect(lambda cid, _field: self._refresh_count(cid))
        self.settings.binder.conflicted.connect(lambda _cid: self.refresh())

        self.members_model = MembersModel(self)
        self.members = make_table("membersTable", "Membres permanents", self.members_model)
        self.members.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.members.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((36, 200, 250, 200)):
            self.members.setColumnWidth(column, width)
        self.add_button = make_button(
            "A&jouter un membre…", "addMemberButton", "Ajouter un membre", self.add_member
        )
        self.remove_button = make_button(
            "Re&tirer", "removeMemberButton", "Retirer le membre", self.remove_member
        )
        self.up_button = make_button(
            "M&onter", "memberUpButton", "Monter le membre", lambda: self.move(-1)
        )
        self.down_button = make_button(
            "Desc&endre", "memberDownButton", "Descendre le membre", lambda: self.move(1)
        )
        self.role = name(QComboBox(), "memberRole", "Rôle du membre sélectionné")
        self.role.setEditable(True)
        self.role.addItems(["", *MEMBER_ROLES])
        self.role.lineEdit().setMaxLength(100)
        self.role.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.role.setMinimumContentsLength(24)
        self.role.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.role_status = error_label("memberRoleError")
        self.role_binder = FieldBinder(ctx, "member", self._apply_role, self.role_status, self)
        self.role_binder.combo_text(self.role, "role", "Modifier le rôle")
        self.role_binder.saved.connect(lambda mid, _field: self._refresh_members(mid))
        self.role_binder.conflicted.connect(self._refresh_members)  # the role of now

        self._build_layout()
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._load_current())
        self.members.selectionModel().currentRowChanged.connect(lambda *_: self._load_member())

    def _build_layout(self) -> None:
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(buddy("&Comités\u00a0:", self.table))
        left_layout.addWidget(self.table)
        row = QHBoxLayout()
        row.addWidget(self.new_button)
        row.addStretch(1)
        left_layout.addLayout(row)

        form = QFormLayout()
        form.addRow(buddy("&Nom\u00a0:", self.name), self.name)
        form.addRow(buddy("&Sigle\u00a0:", self.acronym), self.acronym)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        role_row = QHBoxLayout()
        role_row.addWidget(buddy("Rô&le du membre sélectionné\u00a0:", self.role))
        role_row.addWidget(self.role)
        role_row.addStretch(1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.heading)
        right_layout.addLayout(form)
        right_layout.addWidget(self.status)
        right_layout.addWidget(self.settings)
        right_layout.addWidget(buddy("Membres perm&anents\u00a0:", self.members))
        right_layout.addWidget(self.members, 1)
        right_layout.addLayout(buttons)
        right_layout.addLayout(role_row)
        right_layout.addWidget(self.role_status)

        splitter = split("", left, right, (2, 5), Qt.Orientation.Horizontal)
        splitter.setSizes([380, 820])
        QVBoxLayout(self).addWidget(splitter)
        order = (
            self.table, self.new_button, self.name, self.acronym, *self.settings.tab_order(),
            self.members, self.add_button, self.remove_button, self.up_button, self.down_button,
            self.role,
        )  # fmt: skip
        chain_tab_order(*order)

    # Reading

    def refresh(self, select_id: int | None = None) -> None:
        self._list(self._ctx.read(list_committees, self.query), select_id)
        self._load_current()

    def count_text(self) -> str:
        return count_text(self.model.rowCount(), "comité", "comités")

    def current_member_id(self) -> int | None:
        index = self.members.selectionModel().currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def _load_current(self) -> None:
        cid = self.current_id()
        row = self.model.row_at(self.model.row_of(cid)) if cid is not None else None
        self.record.shown = row
        if row is None:
            self.binder.load(None, {})
            self.heading.setText(NO_COMMITTEE_TEXT)
        else:
            self.binder.load(row.id, {"name": row.name, "acronym": row.acronym})
            self.heading.setText(row.name)
        self.settings.load(row.id if row is not None else None)
        self._refresh_members()

    def _refresh_members(self, select_member: int | None = None) -> None:
        keep = select_member if select_member is not None else self.current_member_id()
        cid = self.current_id()
        self.members_model.set_rows(self._ctx.read(list_members, cid) if cid else [])
        row = self.members_model.row_of(keep)
        if row is None and self.members_model.rowCount():
            row = 0
        select_table_row(self.members, row)
        self._load_member()

    def _load_member(self) -> None:
        mid = self.current_member_id()
        if mid is None:
            self.role_binder.load(None, {})
        else:
            member = self.members_model.row_at(self.members_model.row_of(mid))
            self.role_binder.load(mid, {"role": member.role})
        count = self.members_model.rowCount()
        position = self.members_model.row_of(mid) if mid is not None else None
        self.add_button.setEnabled(self.current_id() is not None)
        self.remove_button.setEnabled(mid is not None)
        self.up_button.setEnabled(position is not None and position > 0)
        self.down_button.setEnabled(position is not None and position < count - 1)

    def _refresh_count(self, committee_id: int) -> None:
        for row in self._ctx.read(list_committees, ""):
            if row.id == committee_id:
                self.model.replace_row(row)
                if self.record.shown is not None and self.record.shown.id == row.id:
                    self.record.shown = row

    # Changing

    def _apply_role(self, member_id: int, _field: str, value: object) -> object:
        """Save a role, checked against the one the table shows (its role of now after
        each save here): another workstation's role meanwhile refuses the change."""
        position = self.members_model.row_of(member_id)
        if position is None:
            return self._ctx.write(set_member_role, member_id, value)
        shown = self.members_model.row_at(position).role
        return self._ctx.write(set_member_role, member_id, value, shown)

    def _committee_saved(self, committee_id: int) -> None:
        self.settings.seen_again(committee_id)  # one version for the name and the settings
        self._refresh_count(committee_id)
        self.heading.setText(self.binder.value("name") or "")

    def new_committee(self) -> None:
        self._open(NewCommitteeDialog(self._create_committee, self))

    def _create_committee(self, values: dict) -> bool:
        add = partial(self._ctx.write, add_committee, **values)
        return self._created(*self._create("Créer un comité", add, delete_committee))

    def add_member(self) -> None:
        if self.current_id() is None:
            return
        members = {row.person_id for row in self.members_model.rows()}
        self._open(PersonPickerDialog(self._ctx, members, self._add, self))

    def _add(self, values: dict) -> bool:
        cid = self.current_id()
        add = partial(self._ctx.write, add_member, cid, values["person_id"], values["role"])
        done, member_id = self._create("Ajouter un membre", add, remove_member)
        if done:
            self._refresh_members(member_id)
            self._refresh_count(cid)
            self.members.setFocus()
        return done

    def remove_member(self) -> None:
        mid = self.current_member_id()
        if mid is None:
            return
        position = self.members_model.row_of(mid)
        if self._change(self, "Retirer un membre", remove_member, mid):
            rows = self.members_model.rows()
            following = [r.id for r in rows[position + 1 :]] + [r.id for r in rows[:position]]
            self._refresh_members(following[0] if following else None)
            self._refresh_count(self.current_id())

    def move(self, offset: int) -> None:
        mid, held = self.current_member_id(), {}
        if mid is None:
            return

        def do() -> None:
            held["positions"] = self._ctx.write(move_member, mid, offset)

        def undo() -> None:
            self._ctx.write(set_member_positions, held["positions"])

        text = "Monter un membre" if offset < 0 else "Descendre un membre"
        if self._ctx.attempt(self, text, do, undo)[0]:
            self._refresh_members(mid)
