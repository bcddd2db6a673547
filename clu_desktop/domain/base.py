"""Declarative base shared by every table, with stable constraint names for migrations."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import Enum, MetaData, Table
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)

    if TYPE_CHECKING:
        # Every model is mapped to a table of its own (DeclarativeBase says FromClause,
        # which also covers classes mapped to a query).
        __table__: ClassVar[Table]


class Versioned:
    """A record users edit in a form: its ``version`` goes up by one at each change, and
    an update or delete of a version that is no longer the current one (someone else
    saved in between, on another workstation) fails with ``StaleDataError`` instead of
    overwriting their change. The services compare the version a user saw with the
    current one to tell them what the other person changed."""

    version: Mapped[int] = mapped_column(default=1, server_default="1")

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        # The table of the model this is mixed into (the mixin itself has none; declaring
        # one here would clash with DeclarativeBase's in every model).
        table: Table = cls.__table__  # type: ignore[attr-defined]
        return {"version_id_col": table.c.version}


def enum_column(enum_class: type[enum.Enum]) -> Enum:
    """A portable enum column stored as its values (plain strings, no native type)."""
    return Enum(
        enum_class,
        values_callable=lambda members: [m.value for m in members],
        native_enum=False,
        validate_strings=True,
        length=32,
        name=enum_class.__name__.lower(),
        create_constraint=False,
    )
