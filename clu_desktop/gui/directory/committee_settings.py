"""The settings of a committee's official record, in the "Comités" tab: whether it votes,
whether the minutes count those present, its quorum, members in office, proxies per
person, how items name their presenter and how they are numbered. Each is saved as it
is made (through ``record.set_record_setting``) and can be undone."""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clu_desktop.errors import ConflictError
from clu_desktop.gui.common.layout import buddy, name
from clu_desktop.gui.conflicts import RecordKind, conflict_text
from clu_desktop.gui.directory.editing import (
    DirectoryContext,
    FieldBinder,
)
from clu_desktop.gui.directory.person_form import error_label
from clu_desktop.rules import record as record_rules
from clu_desktop.rules.record import SETTING_LABELS
from clu_desktop.services.meetings.record import (
    COMMITTEE,
    NUMBERING_LABELS,
    PRESENTER_STYLE_LABELS,
    RecordSettings,
    get_record_settings,
    set_record_setting,
)

#: How a conflict names the committee and which of its settings changed.
SETTINGS_KIND = RecordKind(
    COMMITTEE,
    SETTING_LABELS,
    get_record_settings,
    {
        "presenter_style": lambda style: PRESENTER_STYLE_LABELS.get(style, style),
        "numbering": lambda numbering: NUMBERING_LABELS.get(numbering, numbering),
    },
    page="la fiche",
)

NOT_SET = "non précisé"


class CommitteeSettingsBox(QGroupBox):
    """The record settings of the committee ``load`` shows (None: disabled)."""

    def __init__(self, ctx: DirectoryContext, parent: QWidget | None = None) -> None:
        super().__init__("Compte-rendu et délibérations", parent)
        name(self, "committeeRecordSettings", "Compte-rendu et délibérations du comité")
        self._ctx = ctx
        self.votes = name(
            QCheckBox("Le comité vote (pouvoirs, votants, déli&bérations)"),
            "committeeVotes",
            SETTING_LABELS["votes"],
        )
        self.votes.setToolTip(
            "Un comité délibérant : les pouvoirs, les votants et le vote des "
            "délibérations sont imprimés au compte-rendu"
        )
        self.print_counts = name(
            QCheckBox("&Imprimer le décompte des présents"),
            "committeePrintCounts",
            SETTING_LABELS["print_counts"],
        )
        self.print_counts.setToolTip(
            "« Présents : … — Excusés : … — Représentés : … — Absents : … » sous la liste "
            "des participants"
        )
        self.quorum = name(QLineEdit(), "committeeQuorum", SETTING_LABELS["quorum"])
        self.quorum.setPlaceholderText("ex. 36 ou 1/2")
        self.quorum.setMaxLength(20)
        self.quorum.setToolTip(
            "Un nombre de membres présents (36) ou une fraction des membres en exercice "
            "(1/2 : plus de la moitié), enregistré en quittant le champ ou avec Entrée ; "
            "vide : pas de quorum"
        )
        self.members_in_office = name(
            QSpinBox(), "committeeMembersInOffice", SETTING_LABELS["members_in_office"]
        )
        self.members_in_office.setRange(0, record_rules.MEMBERS_MAX)
        self.members_in_office.setSpecialValueText(NOT_SET)
        self.members_in_office.setToolTip(
            "Le nombre de membres du comité ; non précisé : le nombre de personnes invitées"
        )
        self.proxy_limit = name(QSpinBox(), "committeeProxyLimit", SETTING_LABELS["proxy_limit"])
        self.proxy_limit.setRange(0, record_rules.PROXY_LIMIT_MAX)
        self.proxy_limit.setToolTip("Le nombre de pouvoirs qu'un membre présent peut détenir")
        self.presenter_style = name(
            QComboBox(), "committeePresenterStyle", SETTING_LABELS["presenter_style"]
        )
        for style, caption in PRESENTER_STYLE_LABELS.items():
            self.presenter_style.addItem(caption, style.value)
        self.numbering = name(QComboBox(), "committeeNumbering", SETTING_LABELS["numbering"])
        for numbering, caption in NUMBERING_LABELS.items():
            self.numbering.addItem(caption, numbering.value)
        self.status = error_label("committeeSettingsError")

        self.shown: RecordSettings | None = None  # at the version shown
        self.binder = FieldBinder(ctx, "committee_record", self._apply, self.status, self)
        self.binder.check(self.votes, "votes", "Changer « Le comité vote »")
        self.binder.check(self.print_counts, "print_counts", "Changer « Imprimer le décompte »")
        self.binder.line_when_left(self.quorum, "quorum", "Modifier le quorum")
        self.binder.spin(
            self.members_in_office, "members_in_office", "Modifier les membres en exercice"
        )
        self.binder.spin(self.proxy_limit, "proxy_limit", "Modifier les pouvoirs par personne")
        self.binder.combo_data(
            self.presenter_style, "presenter_style", "Changer le présentateur des points"
        )
        self.binder.combo_data(self.numbering, "numbering", "Changer la numérotation des points")
        self._build_layout()

    def _build_layout(self) -> None:
        left, right = QFormLayout(), QFormLayout()
        left.addRow(buddy("&Quorum\u00a0:", self.quorum), self.quorum)
        left.addRow(
            buddy("Membres en e&xercice\u00a0:", self.members_in_office),
            self.members_in_office,
        )
        left.addRow(buddy("Po&uvoirs par personne\u00a0:", self.proxy_limit), self.proxy_limit)
        right.addRow(
            buddy("Présentateur des points\u00a0:", self.presenter_style),
            self.presenter_style,
        )
        right.addRow(buddy("Numérotation des points\u00a0:", self.numbering), self.numbering)
        columns = QHBoxLayout()
        columns.addLayout(left)
        columns.addSpacing(18)
        columns.addLayout(right)
        columns.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.votes)
        layout.addWidget(self.print_counts)
        layout.addLayout(columns)
        layout.addWidget(self.status)

    def tab_order(self) -> list[QWidget]:
        return [
            self.votes,
            self.print_counts,
            self.quorum,
            self.members_in_office,
            self.proxy_limit,
            self.presenter_style,
            self.numbering,
        ]

    def load(self, committee_id: int | None) -> None:
        """Show the saved settings of ``committee_id`` (None: an empty, disabled box)."""
        if committee_id is None:
            self.shown = None
            self.binder.load(None, {})
            return
        settings = self.shown = self._ctx.read(get_record_settings, committee_id)
        self.binder.load(
            committee_id,
            {
                "votes": settings.votes,
                "print_counts": settings.print_counts,
                "quorum": settings.quorum,
                "members_in_office": settings.members_in_office,
                "proxy_limit": settings.proxy_limit,
                "presenter_style": settings.presenter_style.value,
                "numbering": settings.numbering.value,
            },
        )

    def _apply(self, committee_id: int, field: str, value: object) -> object:
        if field == "members_in_office" and value == 0:
            value = None  # 0 shows "non précisé"
        shown = self.shown if self.shown and self.shown.committee_id == committee_id else None
        try:
            _before, stored = self._ctx.write(
                set_record_setting, committee_id, field, value, shown and shown.version
            )
        except ConflictError:
            text = conflict_text(self._ctx.read, SETTINGS_KIND, shown, committee_id, field)
            raise ConflictError(text) from None
        self.seen_again(committee_id)
        return stored.value if isinstance(stored, Enum) else stored

    def seen_again(self, committee_id: int) -> None:
        """The committee was saved here (a setting, its name): the version to check next."""
        if self.shown is not None and self.shown.committee_id == committee_id:
            self.shown = self._ctx.read(get_record_settings, committee_id)
