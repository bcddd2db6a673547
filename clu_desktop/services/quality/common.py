"""Shared pieces of the quality follow-up: French labels, the rows the services return,
and the checks every quality service makes.

The services themselves live in ``quality.referentials`` (referentials, modules,
labels), ``quality.audits`` (audits and findings), ``quality.actions`` (the action
plan) and ``quality.remarks`` (the users' remarks and their answers); import each
name from the module that defines it.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal, TypeVar, overload

from sqlalchemy import Column, Table, select
from sqlalchemy.orm import Session

from clu_desktop.domain import (
    ActionOrigin,
    ActionStatus,
    Audit,
    AuditKind,
    Finding,
    FindingKind,
    Label,
    Referential,
    ReferentialModule,
    Site,
    StatementKind,
)
from clu_desktop.errors import UserError
from clu_desktop.rules.fields import check_date_range, clean_text
from clu_desktop.services.agenda.actions import ACTION_STATUS_LABELS
from clu_desktop.services.agenda.items import person_name
from clu_desktop.services.attendance.invitations import meeting_people
from clu_desktop.services.concurrency import check_version, touch

__all__ = ["ACTION_STATUS_LABELS"]

AUDIT_KIND_LABELS = {AuditKind.INTERNAL: "interne", AuditKind.EXTERNAL: "externe"}
FINDING_KIND_LABELS = {
    FindingKind.STRENGTH: "point fort",
    FindingKind.IMPROVEMENT: "piste de progrès",
    FindingKind.NONCONFORMITY: "non-conformité",
}
ACTION_ORIGIN_LABELS = {
    ActionOrigin.MEETING: "décision de séance",
    ActionOrigin.FINDING: "constat d'audit",
    ActionOrigin.REMARK: "remarque des usagers",
    ActionOrigin.IMPROVEMENT: "amélioration",
}
#: The statuses of an action still to be done.
OPEN_STATUSES = frozenset({ActionStatus.TODO, ActionStatus.IN_PROGRESS})

# Lengths: the column's for short texts; long texts are capped so that a paste of a
# whole document is refused with a clear message instead of filling the minutes.
REFERENTIAL_CODE_MAX = 50
REFERENTIAL_NAME_MAX = 200
REFERENTIAL_OWNER_MAX = 300
DESCRIPTION_MAX = 5_000
MODULE_CODE_MAX = 50
MODULE_TITLE_MAX = 300
CERTIFIER_MAX = 200
NOTES_MAX = 5_000
AUDITOR_MAX = 200
RESULT_MAX = 5_000
FINDING_MAX = 2_000
ANSWER_MAX = 5_000

Row = dict[str, Any]

# The records of the quality pages as conflict messages name them, and the fields of
# their rows they compare (keyed by the field the services save).
REFERENTIAL = "Ce référentiel"
REFERENTIAL_LABELS = {
    "code": "Code",
    "name": "Nom",
    "owner": "Porteur",
    "description": "Description",
}
MODULE = "Ce module"
MODULE_LABELS = {"code": "Code du module", "title": "Intitulé du module"}
LABEL = "Ce label"
LABEL_LABELS = {
    "site_id": "Site",
    "granted_on": "Date d'obtention",
    "certifier": "Organisme certificateur",
    "deadline": "Échéance",
    "notes": "Notes",
    "modules": "Modules",
}
AUDIT = "Cet audit"
AUDIT_LABELS = {
    "kind": "Type d'audit",
    "date": "Date de l'audit",
    "auditor": "Auditeur",
    "site_id": "Site audité",
    "result": "Résultat de l'audit",
    "modules": "Modules audités",
}
FINDING = "Ce constat"
FINDING_LABELS = {"kind": "Type de constat", "text": "Constat", "module_id": "Module"}
PLAN_ACTION_LABELS = {
    "text": "Texte",
    "owner_name": "Responsable",
    "due_date": "Échéance",
    "when_label": "Échéance en clair",
    "origin": "Origine",
    "status": "État",
    "done_date": "Date de réalisation",
}
REMARK = "Cette remarque"
REMARK_LABELS = {"answer_text": "Réponse", "answered_on": "Date de la réponse", "text": "Texte"}
E = TypeVar("E", bound=enum.Enum)


@dataclass(frozen=True)
class SiteRow:
    id: int
    name: str


@dataclass(frozen=True)
class ModuleRow:
    id: int
    code: str
    title: str
    version: int = 1

    @property
    def label(self) -> str:
        """ "module 1 – relation générale avec les usagers", as the minutes print it."""
        return module_label(self.code, self.title)


@dataclass(frozen=True)
class ReferentialRow:
    id: int
    code: str
    name: str
    owner: str | None
    description: str | None
    modules: tuple[ModuleRow, ...]
    version: int = 1


@dataclass(frozen=True)
class LabelRow:
    id: int
    referential_id: int
    referential_name: str
    site_id: int | None
    site_name: str | None
    granted_on: dt.date | None
    certifier: str | None
    deadline: dt.date | None
    notes: str | None
    modules: tuple[ModuleRow, ...]
    days_left: int | None  # deadline - today; None without a deadline
    version: int = 1

    @property
    def granted(self) -> bool:
        """Whether the label is obtained (else it is a target)."""
        return self.granted_on is not None


@dataclass(frozen=True)
class FindingRow:
    id: int
    audit_id: int
    kind: FindingKind
    kind_label: str
    text: str
    module_id: int | None
    module_label: str | None
    action_ids: tuple[int, ...]
    version: int = 1


@dataclass(frozen=True)
class AuditRow:
    id: int
    referential_id: int
    referential_name: str
    site_id: int | None
    site_name: str | None
    kind: AuditKind
    kind_label: str
    date: dt.date
    auditor: str | None
    result: str | None
    modules: tuple[ModuleRow, ...]
    findings: tuple[FindingRow, ...]
    version: int = 1


@dataclass(frozen=True)
class ActionRow:
    id: int
    text: str
    owner_id: int | None
    owner_name: str  # who, as printed: the person's name, the typed name, or ""
    due_date: dt.date | None
    status: ActionStatus
    status_label: str
    done_date: dt.date | None
    when_label: str | None
    origin: ActionOrigin
    origin_label: str
    meeting_id: int | None
    meeting_date: dt.date | None
    finding_id: int | None
    statement_id: int | None
    overdue: bool  # due date past and still to do (todo or in progress)
    agenda_item_id: int | None = None
    version: int = 1

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


@dataclass(frozen=True)
class RemarkRow:
    id: int  # the statement's
    meeting_id: int
    meeting_date: dt.date
    item_title: str
    speakers: tuple[str, ...]
    text: str
    kind: StatementKind  # remark or request
    answer_text: str | None
    answered_on: dt.date | None
    open: bool  # no answer yet
    item_id: int | None = None
    kind_label: str = ""
    speakers_label: str = ""  # "M. X et M. Y"
    action_ids: tuple[int, ...] = ()
    version: int = 1


def module_label(code: str, title: str | None) -> str:
    """ "module 1 – relation générale avec les usagers"; "ENG-2 – …" for other codes."""
    head = f"module {code}" if code.isdigit() else code
    return f"{head} – {title}" if title else head


def module_row(module: ReferentialModule) -> ModuleRow:
    return ModuleRow(module.id, module.code, module.title, module.version)


def check_enum(enum_class: type[E], value: object, message: str) -> E:
    """The enum member for ``value``; ``message`` (French) when there is none."""
    try:
        return enum_class(value)
    except ValueError:
        raise UserError(message) from None


@overload
def check_date(value: object, label: str, *, required: Literal[True]) -> dt.date: ...


@overload
def check_date(value: object, label: str, *, required: bool = False) -> dt.date | None: ...


def check_date(value: object, label: str, *, required: bool = False) -> dt.date | None:
    """A plausible date (or None when allowed)."""
    if value is None:
        if required:
            raise UserError(f"« {label} » doit être renseignée.")
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        raise TypeError(f"{label}: date expected, got {type(value).__name__}")
    check_date_range(value, label)
    return value


def text_value(value: object) -> str | None:
    if value is not None and not isinstance(value, str):
        raise TypeError(f"text expected, got {type(value).__name__}")
    return value


@overload
def clean(value: object, label: str, max_length: int, *, required: Literal[True]) -> str: ...


@overload
def clean(value: object, label: str, max_length: int, *, required: bool = False) -> str | None: ...


def clean(value: object, label: str, max_length: int, *, required: bool = False) -> str | None:
    """Trimmed one-line text."""
    return clean_text(text_value(value), label, max_length, required=required)


def clean_long(value: object, label: str, max_length: int) -> str | None:
    """Trimmed text that keeps its lines."""
    return clean_text(text_value(value), label, max_length, multiline=True)


def unknown_field(field: str) -> ValueError:
    return ValueError(f"unknown field: {field!r}")


def get_referential(
    session: Session, referential_id: int, seen_version: int | None = None
) -> Referential:
    """With ``seen_version``, a ConflictError when it was changed since the user saw it."""
    referential = session.get(Referential, referential_id)
    if referential is None:
        raise UserError("Ce référentiel n'existe plus (il a peut-être été supprimé).")
    check_version(referential, seen_version, REFERENTIAL)
    return referential


def get_module(
    session: Session, module_id: int, seen_version: int | None = None
) -> ReferentialModule:
    """With ``seen_version``, a ConflictError when it was changed since the user saw it."""
    module = session.get(ReferentialModule, module_id)
    if module is None:
        raise UserError("Ce module n'existe plus (il a peut-être été supprimé).")
    check_version(module, seen_version, MODULE)
    return module


def get_label(session: Session, label_id: int, seen_version: int | None = None) -> Label:
    """With ``seen_version``, a ConflictError when it was changed since the user saw it."""
    label = session.get(Label, label_id)
    if label is None:
        raise UserError("Ce label n'existe plus (il a peut-être été supprimé).")
    check_version(label, seen_version, LABEL)
    return label


def get_audit(session: Session, audit_id: int, seen_version: int | None = None) -> Audit:
    """With ``seen_version``, a ConflictError when it was changed since the user saw it."""
    audit = session.get(Audit, audit_id)
    if audit is None:
        raise UserError("Cet audit n'existe plus (il a peut-être été supprimé).")
    check_version(audit, seen_version, AUDIT)
    return audit


def get_finding(session: Session, finding_id: int, seen_version: int | None = None) -> Finding:
    """With ``seen_version``, a ConflictError when it was changed since the user saw it."""
    finding = session.get(Finding, finding_id)
    if finding is None:
        raise UserError("Ce constat n'existe plus (il a peut-être été supprimé).")
    check_version(finding, seen_version, FINDING)
    return finding


def check_site(session: Session, site_id: object) -> int | None:
    if site_id is None:
        return None
    if not isinstance(site_id, int) or session.get(Site, site_id) is None:
        raise UserError("Ce site n'existe plus.")
    return site_id


def check_module_of(
    session: Session, referential: Referential, module_id: int | None
) -> ReferentialModule | None:
    """The module, which must belong to the referential (None stays None)."""
    if module_id is None:
        return None
    module = get_module(session, module_id)
    if module.referential_id != referential.id:
        raise UserError(
            f"Le module « {module_label(module.code, module.title)} » n'appartient pas au "
            f"référentiel « {referential.name} »."
        )
    return module


def set_modules(
    session: Session, record: Audit | Label, module_ids: Iterable[int], touched: str
) -> int:
    """The modules an audit or a label covers (modules of its referential), a change of
    them being a new version of ``record`` (``touch`` on its field ``touched``); returns
    its version."""
    modules: list[ReferentialModule] = []
    for module_id in dict.fromkeys(module_ids):
        module = check_module_of(session, record.referential, module_id)
        assert module is not None
        modules.append(module)
    if {m.id for m in modules} != {m.id for m in record.modules}:
        record.modules = modules
        touch(record, touched)
    session.flush()
    return record.version


def list_sites(session: Session) -> list[SiteRow]:
    """The sites a label or an audit may concern, in their usual order."""
    rows = session.execute(select(Site.id, Site.name).order_by(Site.position, Site.name))
    return [SiteRow(*row) for row in rows]


def table_rows(
    session: Session, table: Table, column: Column[Any], ids: Iterable[int]
) -> tuple[Row, ...]:
    """Every row of ``table`` whose ``column`` is in ``ids``, as plain dicts, in a stable
    order (works for association tables, which have no id)."""
    ids = list(ids)
    if not ids:
        return ()
    order = list(table.primary_key.columns)
    result = session.execute(select(table).where(column.in_(ids)).order_by(*order)).mappings()
    return tuple(dict(row) for row in result)


class PrintedNames:
    """How owners and speakers are printed: as invited to the meeting, else as the
    directory names them. Caches one lookup per meeting."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.by_meeting: dict[int | None, dict[int, str]] = {None: {}}

    def of(self, person_id: int, meeting_id: int | None) -> str:
        if meeting_id is not None and meeting_id not in self.by_meeting:  # None: always in
            people = meeting_people(self.session, meeting_id)
            self.by_meeting[meeting_id] = {p.id: p.name for p in people}
        return person_name(self.session, person_id, self.by_meeting[meeting_id])
