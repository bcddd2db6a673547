"""The directory: member organisations, people, committees and their standing members."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint, false, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from clu_desktop.domain.base import Base, Versioned, enum_column
from clu_desktop.names import upper_surname

if TYPE_CHECKING:
    from clu_desktop.domain.meetings import Meeting


class PresenterStyle(enum.StrEnum):
    """How the minutes name who presents an item: « présenté par Mme X » or
    « Rapporteur : Mme X »."""

    PRESENTED = "presented"
    RAPPORTEUR = "rapporteur"


class Numbering(enum.StrEnum):
    """How items are numbered in the convocation and the minutes: 1., 2.1. or I., II.1.;
    or not at all, bullets (•, – for sub-items) as the CLU's minutes of December 2023."""

    ARABIC = "arabic"
    ROMAN = "roman"
    BULLETS = "bullets"


class Organisation(Versioned, Base):
    """A member organisation, or one of the préfecture's own services."""

    __tablename__ = "organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), index=True)
    acronym: Mapped[str | None] = mapped_column(String(50))
    internal: Mapped[bool] = mapped_column(default=False)
    address: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)

    people: Mapped[list[Person]] = relationship(back_populates="organisation")


class Person(Versioned, Base):
    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    civility: Mapped[str | None] = mapped_column(String(20))
    first_name: Mapped[str | None] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100), index=True)
    function: Mapped[str | None] = mapped_column(String(300))
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True
    )
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(50))
    notes: Mapped[str | None] = mapped_column(Text)

    organisation: Mapped[Organisation | None] = relationship(back_populates="people")
    memberships: Mapped[list[CommitteeMember]] = relationship(
        back_populates="person", cascade="all, delete-orphan"
    )

    @property
    def display_name(self) -> str:
        """Civility, first name and NAME as the minutes print them: "M. Bernard GUY"."""
        parts = [self.civility, self.first_name, upper_surname(self.last_name)]
        return " ".join(p for p in parts if p)


class Committee(Versioned, Base):
    """A user committee; several may exist and be merged, so it is data, not a constant."""

    __tablename__ = "committee"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    acronym: Mapped[str | None] = mapped_column(String(50))
    description: Mapped[str | None] = mapped_column(Text)
    # How its record is kept and printed (see services/meetings/record.py).
    votes: Mapped[bool] = mapped_column(default=False, server_default=false())
    print_counts: Mapped[bool] = mapped_column(default=True, server_default=true())
    quorum: Mapped[str | None] = mapped_column(String(20))  # "36", or "1/2": more than half
    members_in_office: Mapped[int | None]
    proxy_limit: Mapped[int] = mapped_column(default=1, server_default="1")
    presenter_style: Mapped[PresenterStyle] = mapped_column(
        enum_column(PresenterStyle), default=PresenterStyle.PRESENTED, server_default="presented"
    )
    numbering: Mapped[Numbering] = mapped_column(
        enum_column(Numbering), default=Numbering.ARABIC, server_default="arabic"
    )

    members: Mapped[list[CommitteeMember]] = relationship(
        back_populates="committee",
        cascade="all, delete-orphan",
        order_by="CommitteeMember.position",
    )
    meetings: Mapped[list[Meeting]] = relationship(back_populates="committee")


class CommitteeMember(Base):
    """A standing member of a committee: invited to every meeting."""

    __tablename__ = "committee_member"
    __table_args__ = (UniqueConstraint("committee_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committee.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    role: Mapped[str | None] = mapped_column(String(100))
    position: Mapped[int] = mapped_column(default=0)

    committee: Mapped[Committee] = relationship(back_populates="members")
    person: Mapped[Person] = relationship(back_populates="memberships")
