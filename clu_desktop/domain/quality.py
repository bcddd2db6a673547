"""The quality label: referentials and their modules, labels, audits and their findings."""

from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING

from sqlalchemy import Column, Date, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from clu_desktop.domain.base import Base, Versioned, enum_column

if TYPE_CHECKING:
    from clu_desktop.domain.indicators import Site
    from clu_desktop.domain.meetings import Action


class AuditKind(enum.StrEnum):
    INTERNAL = "internal"
    EXTERNAL = "external"


class FindingKind(enum.StrEnum):
    STRENGTH = "strength"
    IMPROVEMENT = "improvement"
    NONCONFORMITY = "nonconformity"


label_module = Table(
    "label_module",
    Base.metadata,
    Column("label_id", ForeignKey("label.id", ondelete="CASCADE"), primary_key=True),
    Column("module_id", ForeignKey("referential_module.id", ondelete="CASCADE"), primary_key=True),
)

audit_module = Table(
    "audit_module",
    Base.metadata,
    Column("audit_id", ForeignKey("audit.id", ondelete="CASCADE"), primary_key=True),
    Column("module_id", ForeignKey("referential_module.id", ondelete="CASCADE"), primary_key=True),
)


class Referential(Versioned, Base):
    """A quality referential: Qual-e-pref, Quali-ATE, Services Publics+."""

    __tablename__ = "referential"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(50), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    owner: Mapped[str | None] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)

    modules: Mapped[list[ReferentialModule]] = relationship(
        back_populates="referential",
        cascade="all, delete-orphan",
        order_by="ReferentialModule.position",
    )


class ReferentialModule(Versioned, Base):
    """A module of a referential (module 1, module 6...) or a commitment (engagement)."""

    __tablename__ = "referential_module"
    __table_args__ = (UniqueConstraint("referential_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    referential_id: Mapped[int] = mapped_column(ForeignKey("referential.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(50))
    title: Mapped[str] = mapped_column(String(300))
    position: Mapped[int] = mapped_column(default=0)

    referential: Mapped[Referential] = relationship(back_populates="modules")


class Label(Versioned, Base):
    """A label granted (or targeted, when ``granted_on`` is empty) on some modules."""

    __tablename__ = "label"

    id: Mapped[int] = mapped_column(primary_key=True)
    referential_id: Mapped[int] = mapped_column(
        ForeignKey("referential.id", ondelete="RESTRICT"), index=True
    )
    site_id: Mapped[int | None] = mapped_column(ForeignKey("site.id", ondelete="SET NULL"))
    granted_on: Mapped[dt.date | None] = mapped_column(Date)
    certifier: Mapped[str | None] = mapped_column(String(200))
    deadline: Mapped[dt.date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)

    referential: Mapped[Referential] = relationship()
    site: Mapped[Site | None] = relationship()
    modules: Mapped[list[ReferentialModule]] = relationship(
        secondary=label_module, order_by="ReferentialModule.position"
    )


class Audit(Versioned, Base):
    __tablename__ = "audit"

    id: Mapped[int] = mapped_column(primary_key=True)
    referential_id: Mapped[int] = mapped_column(
        ForeignKey("referential.id", ondelete="RESTRICT"), index=True
    )
    site_id: Mapped[int | None] = mapped_column(ForeignKey("site.id", ondelete="SET NULL"))
    kind: Mapped[AuditKind] = mapped_column(enum_column(AuditKind))
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    auditor: Mapped[str | None] = mapped_column(String(200))
    result: Mapped[str | None] = mapped_column(Text)

    referential: Mapped[Referential] = relationship()
    site: Mapped[Site | None] = relationship()
    modules: Mapped[list[ReferentialModule]] = relationship(
        secondary=audit_module, order_by="ReferentialModule.position"
    )
    findings: Mapped[list[Finding]] = relationship(
        back_populates="audit", cascade="all, delete-orphan", order_by="Finding.position"
    )


class Finding(Versioned, Base):
    """A point fort, piste de progrès or non-conformité reported by an audit."""

    __tablename__ = "finding"

    id: Mapped[int] = mapped_column(primary_key=True)
    audit_id: Mapped[int] = mapped_column(ForeignKey("audit.id", ondelete="CASCADE"), index=True)
    kind: Mapped[FindingKind] = mapped_column(enum_column(FindingKind))
    text: Mapped[str] = mapped_column(Text)
    module_id: Mapped[int | None] = mapped_column(
        ForeignKey("referential_module.id", ondelete="SET NULL")
    )
    position: Mapped[int] = mapped_column(default=0)

    audit: Mapped[Audit] = relationship(back_populates="findings")
    module: Mapped[ReferentialModule | None] = relationship()
    actions: Mapped[list[Action]] = relationship(back_populates="finding")
