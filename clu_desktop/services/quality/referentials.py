"""Quality referentials with their modules, and the labels granted (or targeted) on them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Table, delete, exists, func, insert, select
from sqlalchemy.orm import Session, selectinload

from clu_desktop.domain import (
    Audit,
    Finding,
    Label,
    Referential,
    ReferentialModule,
    Site,
)
from clu_desktop.domain.quality import audit_module, label_module
from clu_desktop.errors import UserError
from clu_desktop.services.agenda.snapshots import ensure_free
from clu_desktop.services.quality.common import (
    CERTIFIER_MAX,
    DESCRIPTION_MAX,
    MODULE_CODE_MAX,
    MODULE_TITLE_MAX,
    NOTES_MAX,
    REFERENTIAL_CODE_MAX,
    REFERENTIAL_NAME_MAX,
    REFERENTIAL_OWNER_MAX,
    LabelRow,
    ModuleRow,
    ReferentialRow,
    Row,
    check_date,
    check_site,
    clean,
    clean_long,
    get_label,
    get_module,
    get_referential,
    module_label,
    module_row,
    set_modules,
    table_rows,
    unknown_field,
)

LABELS: Table = Label.__table__
MODULES: Table = ReferentialModule.__table__


@dataclass(frozen=True)
class LabelSnapshot:
    label: Row
    modules: tuple[Row, ...]


@dataclass(frozen=True)
class ModuleSnapshot:
    module: Row


# Referentials


def list_referentials(session: Session) -> list[ReferentialRow]:
    referentials = session.scalars(
        select(Referential).options(selectinload(Referential.modules)).order_by(Referential.id)
    )
    return [_referential_row(ref) for ref in referentials]


def get_referential_row(session: Session, referential_id: int) -> ReferentialRow:
    return _referential_row(get_referential(session, referential_id))


def get_module_row(session: Session, module_id: int) -> ModuleRow:
    return module_row(get_module(session, module_id))


def _referential_row(ref: Referential) -> ReferentialRow:
    return ReferentialRow(
        id=ref.id,
        code=ref.code,
        name=ref.name,
        owner=ref.owner,
        description=ref.description,
        modules=tuple(module_row(m) for m in ref.modules),
        version=ref.version,
    )


def _check_code(session: Session, code: object, referential_id: int | None = None) -> str:
    clean_code = clean(code, "Code du référentiel", REFERENTIAL_CODE_MAX, required=True)
    assert clean_code is not None
    taken = session.scalar(
        select(Referential.name).where(
            func.lower(Referential.code) == clean_code.lower(),
            Referential.id != (referential_id or 0),
        )
    )
    if taken is not None:
        raise UserError(f"Le référentiel « {taken} » porte déjà le code « {clean_code} ».")
    return clean_code


def add_referential(session: Session, code: str, name: str) -> int:
    referential = Referential(
        code=_check_code(session, code),
        name=clean(name, "Nom du référentiel", REFERENTIAL_NAME_MAX, required=True),
    )
    session.add(referential)
    session.flush()
    return referential.id


def update_referential(
    session: Session,
    referential_id: int,
    field: str,
    value: object,
    seen_version: int | None = None,
) -> int:
    """Change one field: code, name, owner or description; returns the new version.
    Changed since the user saw ``seen_version`` on another workstation: a ConflictError
    (None: no check)."""
    referential = get_referential(session, referential_id, seen_version)
    if field == "code":
        referential.code = _check_code(session, value, referential_id)
    elif field == "name":
        referential.name = clean(value, "Nom du référentiel", REFERENTIAL_NAME_MAX, required=True)
    elif field == "owner":
        referential.owner = clean(value, "Porteur du référentiel", REFERENTIAL_OWNER_MAX)
    elif field == "description":
        referential.description = clean_long(value, "Description", DESCRIPTION_MAX)
    else:
        raise unknown_field(field)
    session.flush()
    return referential.version


def delete_referential(session: Session, referential_id: int) -> None:
    """Delete a referential with its modules; refused while a label or an audit uses it."""
    referential = get_referential(session, referential_id)
    used = [
        what
        for model, what in ((Label, "un label"), (Audit, "un audit"))
        if session.scalar(select(exists().where(model.referential_id == referential_id)))
    ]
    if used:
        raise UserError(
            f"Le référentiel « {referential.name} » est utilisé par {' et '.join(used)} : "
            "supprimez-les d'abord."
        )
    session.delete(referential)
    session.flush()


# Modules


def _check_module_code(
    session: Session, referential_id: int, code: object, module_id: int | None = None
) -> str:
    clean_code = clean(code, "Code du module", MODULE_CODE_MAX, required=True)
    assert clean_code is not None
    taken = session.scalar(
        select(
            exists().where(
                ReferentialModule.referential_id == referential_id,
                func.lower(ReferentialModule.code) == clean_code.lower(),
                ReferentialModule.id != (module_id or 0),
            )
        )
    )
    if taken:
        raise UserError(f"Ce référentiel a déjà un module « {clean_code} ».")
    return clean_code


def add_module(session: Session, referential_id: int, code: str, title: str) -> int:
    """Add a module at the end of the referential's; returns its id."""
    get_referential(session, referential_id)
    clean_code = _check_module_code(session, referential_id, code)
    clean_title = clean(title, "Intitulé du module", MODULE_TITLE_MAX, required=True)
    last = session.scalar(
        select(func.max(ReferentialModule.position)).where(
            ReferentialModule.referential_id == referential_id
        )
    )
    module = ReferentialModule(
        referential_id=referential_id,
        code=clean_code,
        title=clean_title,
        position=0 if last is None else last + 1,
    )
    session.add(module)
    session.flush()
    return module.id


def update_module(
    session: Session, module_id: int, field: str, value: object, seen_version: int | None = None
) -> int:
    """Change one field: code or title; returns the module's new version
    (``seen_version`` as in :func:`update_referential`)."""
    module = get_module(session, module_id, seen_version)
    if field == "code":
        module.code = _check_module_code(session, module.referential_id, value, module_id)
    elif field == "title":
        module.title = clean(value, "Intitulé du module", MODULE_TITLE_MAX, required=True)
    else:
        raise unknown_field(field)
    session.flush()
    return module.version


def delete_module(session: Session, module_id: int) -> ModuleSnapshot:
    """Delete a module that no label, audit or finding uses (refused otherwise)."""
    module = get_module(session, module_id)
    used = [
        what
        for found, what in (
            (exists().where(label_module.c.module_id == module_id), "un label"),
            (exists().where(audit_module.c.module_id == module_id), "un audit"),
            (exists().where(Finding.module_id == module_id), "un constat d'audit"),
        )
        if session.scalar(select(found))
    ]
    if used:
        raise UserError(
            f"Le module « {module_label(module.code, module.title)} » est utilisé par "
            f"{', '.join(used)} : il ne peut pas être supprimé."
        )
    snapshot = ModuleSnapshot(table_rows(session, MODULES, MODULES.c.id, [module_id])[0])
    session.flush()
    session.expunge_all()
    session.execute(delete(MODULES).where(MODULES.c.id == module_id))
    return snapshot


def restore_module(session: Session, snapshot: ModuleSnapshot) -> int:
    row = snapshot.module
    get_referential(session, row["referential_id"])
    ensure_free(session, MODULES, [row["id"]])
    _check_module_code(session, row["referential_id"], row["code"])
    session.execute(insert(MODULES), [row])
    session.expunge_all()
    restored_id: int = row["id"]
    return restored_id


# Labels


def _label_row(label: Label, today: dt.date) -> LabelRow:
    return LabelRow(
        id=label.id,
        referential_id=label.referential_id,
        referential_name=label.referential.name,
        site_id=label.site_id,
        site_name=label.site.name if label.site is not None else None,
        granted_on=label.granted_on,
        certifier=label.certifier,
        deadline=label.deadline,
        notes=label.notes,
        modules=tuple(module_row(m) for m in label.modules),
        days_left=(label.deadline - today).days if label.deadline is not None else None,
        version=label.version,
    )


def list_labels(session: Session, *, today: dt.date | None = None) -> list[LabelRow]:
    """Every label, granted or targeted, in the order they were recorded."""
    today = today or dt.date.today()
    labels = session.scalars(
        select(Label)
        .options(
            selectinload(Label.referential),
            selectinload(Label.site),
            selectinload(Label.modules),
        )
        .order_by(Label.id)
    )
    return [_label_row(label, today) for label in labels]


def get_label_row(session: Session, label_id: int, *, today: dt.date | None = None) -> LabelRow:
    return _label_row(get_label(session, label_id), today or dt.date.today())


def add_label(session: Session, referential_id: int) -> int:
    """A new label of a referential, without dates yet (a target until granted)."""
    get_referential(session, referential_id)
    label = Label(referential_id=referential_id)
    session.add(label)
    session.flush()
    return label.id


def _check_order(granted_on: dt.date | None, deadline: dt.date | None) -> None:
    if granted_on is not None and deadline is not None and deadline < granted_on:
        raise UserError(
            f"L'échéance ({deadline:%d/%m/%Y}) ne peut pas précéder la date d'obtention du "
            f"label ({granted_on:%d/%m/%Y})."
        )


def update_label(
    session: Session, label_id: int, field: str, value: object, seen_version: int | None = None
) -> int:
    """Change one field: site_id, granted_on, certifier, deadline or notes; returns the
    label's new version (``seen_version`` as in :func:`update_referential`)."""
    label = get_label(session, label_id, seen_version)
    if field == "site_id":
        label.site_id = check_site(session, value)
    elif field == "granted_on":
        granted_on = check_date(value, "Date d'obtention")
        _check_order(granted_on, label.deadline)
        label.granted_on = granted_on
    elif field == "deadline":
        deadline = check_date(value, "Échéance")
        _check_order(label.granted_on, deadline)
        label.deadline = deadline
    elif field == "certifier":
        label.certifier = clean(value, "Organisme certificateur", CERTIFIER_MAX)
    elif field == "notes":
        label.notes = clean_long(value, "Notes", NOTES_MAX)
    else:
        raise unknown_field(field)
    session.flush()
    return label.version


def set_label_modules(
    session: Session, label_id: int, module_ids: Iterable[int], seen_version: int | None = None
) -> int:
    """The modules the label covers (modules of its referential); returns its version."""
    return set_modules(
        session, get_label(session, label_id, seen_version), module_ids, "referential_id"
    )


def delete_label(session: Session, label_id: int) -> LabelSnapshot:
    get_label(session, label_id)
    snapshot = LabelSnapshot(
        label=table_rows(session, LABELS, LABELS.c.id, [label_id])[0],
        modules=table_rows(session, label_module, label_module.c.label_id, [label_id]),
    )
    session.flush()
    session.expunge_all()
    session.execute(delete(label_module).where(label_module.c.label_id == label_id))
    session.execute(delete(LABELS).where(LABELS.c.id == label_id))
    return snapshot


def restore_label(session: Session, snapshot: LabelSnapshot) -> int:
    """Put a deleted label back with its id and the modules that still exist."""
    row = dict(snapshot.label)
    get_referential(session, row["referential_id"])
    ensure_free(session, LABELS, [row["id"]])
    if row["site_id"] is not None and session.get(Site, row["site_id"]) is None:
        row["site_id"] = None
    session.execute(insert(LABELS), [row])
    modules = [m for m in snapshot.modules if session.get(ReferentialModule, m["module_id"])]
    if modules:
        session.execute(insert(label_module), modules)
    session.expunge_all()
    restored_id: int = row["id"]
    return restored_id
