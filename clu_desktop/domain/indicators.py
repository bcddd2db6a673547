"""Quality indicators, the sites they are measured on, and their values by period."""

from __future__ import annotations

import enum

from sqlalchemy import Column, ForeignKey, Index, String, Table, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from clu_desktop.domain.base import Base, Versioned, enum_column


class Direction(enum.StrEnum):
    HIGHER_IS_BETTER = "higher"
    LOWER_IS_BETTER = "lower"


class Periodicity(enum.StrEnum):
    """How often an indicator is measured; periods are written "2022", "2022-T3", "2022-07"."""

    YEAR = "year"
    QUARTER = "quarter"
    MONTH = "month"


indicator_site = Table(
    "indicator_site",
    Base.metadata,
    Column("indicator_id", ForeignKey("indicator.id", ondelete="CASCADE"), primary_key=True),
    Column("site_id", ForeignKey("site.id", ondelete="CASCADE"), primary_key=True),
)


class Site(Versioned, Base):
    """A place where the préfecture receives the public: préfecture, sous-préfectures."""

    __tablename__ = "site"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    position: Mapped[int] = mapped_column(default=0)


class Indicator(Versioned, Base):
    __tablename__ = "indicator"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(50), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    category: Mapped[str | None] = mapped_column(String(200))
    unit: Mapped[str | None] = mapped_column(String(30))
    direction: Mapped[Direction] = mapped_column(
        enum_column(Direction), default=Direction.HIGHER_IS_BETTER
    )
    target: Mapped[float | None]
    periodicity: Mapped[Periodicity] = mapped_column(
        enum_column(Periodicity), default=Periodicity.YEAR
    )
    position: Mapped[int] = mapped_column(default=0)
    description: Mapped[str | None] = mapped_column(Text)

    sites: Mapped[list[Site]] = relationship(secondary=indicator_site, order_by="Site.position")
    values: Mapped[list[IndicatorValue]] = relationship(
        back_populates="indicator",
        cascade="all, delete-orphan",
        order_by="IndicatorValue.period",
    )


class IndicatorValue(Versioned, Base):
    """One measure of an indicator for a period, on a site or (no site) overall.

    ``is_example`` marks values that were made up for a demonstration: the interface and
    the documents say so.
    """

    __tablename__ = "indicator_value"
    # One value per indicator, period and site. SQL lets NULLs repeat in a unique key, so
    # the services also refuse a second overall ("no site") value for the same period.
    # The few example values are found through a partial index, without reading the rest.
    __table_args__ = (
        UniqueConstraint("indicator_id", "period", "site_id"),
        Index(
            "ix_indicator_value_example",
            "indicator_id",
            sqlite_where=text("is_example = 1"),
            postgresql_where=text("is_example = true"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"))
    period: Mapped[str] = mapped_column(String(10))
    site_id: Mapped[int | None] = mapped_column(ForeignKey("site.id", ondelete="RESTRICT"))
    value: Mapped[float]
    comment: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(String(300))
    is_example: Mapped[bool] = mapped_column(default=False)

    indicator: Mapped[Indicator] = relationship(back_populates="values")
    site: Mapped[Site | None] = relationship()


class IndicatorNameMapping(Versioned, Base):
    """A name a spreadsheet gives an indicator or a site, remembered once the user
    confirmed what it means, so that the next file with that name imports with no
    question.

    ``name_key`` is the name without case, accents, spaces or punctuation
    (``rules.indicators.mapping_key``); ``written`` is how it was first
    written. An indicator name points to ``indicator_id``; a site name to ``site_id``, or
    to nothing when its values are the indicator's overall ones (« Ensemble »).
    ``ignored``: the lines with this name are left out. Deleting the indicator or the
    site deletes the names that pointed to it.
    """

    __tablename__ = "indicator_name_mapping"
    __table_args__ = (UniqueConstraint("kind", "name_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))  # "indicator" or "site"
    name_key: Mapped[str] = mapped_column(String(300))
    written: Mapped[str] = mapped_column(String(300))
    indicator_id: Mapped[int | None] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"))
    site_id: Mapped[int | None] = mapped_column(ForeignKey("site.id", ondelete="CASCADE"))
    ignored: Mapped[bool] = mapped_column(default=False)
