"""What the documents print besides the meeting: annexes and the letterhead identity."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

from sqlalchemy import Column, ForeignKey, LargeBinary, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from clu_desktop.domain.base import Base, Versioned, enum_column

if TYPE_CHECKING:
    from clu_desktop.domain.indicators import Indicator
    from clu_desktop.domain.meetings import Meeting


class AnnexKind(enum.StrEnum):
    INDICATORS = "indicators"
    TEXT = "text"
    PDF = "pdf"


annex_indicator = Table(
    "annex_indicator",
    Base.metadata,
    Column("annex_id", ForeignKey("annex.id", ondelete="CASCADE"), primary_key=True),
    Column("indicator_id", ForeignKey("indicator.id", ondelete="CASCADE"), primary_key=True),
)


class Annex(Versioned, Base):
    """An annex of the minutes: indicator tables, a text, or a PDF file appended as it is.

    A PDF annex keeps the file's bytes in the database, so the minutes never lose it when
    the original file is moved.
    """

    __tablename__ = "annex"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[AnnexKind] = mapped_column(enum_column(AnnexKind))
    text: Mapped[str | None] = mapped_column(Text)
    file_name: Mapped[str | None] = mapped_column(String(255))
    file_data: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)

    meeting: Mapped[Meeting] = relationship(back_populates="annexes")
    indicators: Mapped[list[Indicator]] = relationship(
        secondary=annex_indicator, order_by="Indicator.position"
    )


class Identity(Versioned, Base):
    """The organisation printed in the letterhead. Multi-line fields hold one line each.

    There is one row; it is read by the documents and edited in the settings.
    """

    __tablename__ = "identity"

    id: Mapped[int] = mapped_column(primary_key=True)
    authority: Mapped[str] = mapped_column(String(300))  # "PRÉFET\nDE LA HAUTE-MARNE"
    motto: Mapped[str | None] = mapped_column(String(200))  # "Liberté\nÉgalité\nFraternité"
    service_block: Mapped[str | None] = mapped_column(String(500))
    service_name: Mapped[str | None] = mapped_column(String(300))
    town: Mapped[str | None] = mapped_column(String(100))
    phone: Mapped[str | None] = mapped_column(String(50))
    email: Mapped[str | None] = mapped_column(String(254))
    website: Mapped[str | None] = mapped_column(String(300))
    logo_path: Mapped[str | None] = mapped_column(String(1000))
    font_path: Mapped[str | None] = mapped_column(String(1000))
    font_bold_path: Mapped[str | None] = mapped_column(String(1000))


class Setting(Versioned, Base):
    """A small application setting shared by every workstation (default committee...)."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str | None] = mapped_column(Text)
