"""Field helpers of the forms: dates in a QDateEdit (French, a blank « no date » before
the first one) and their conversions."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale

FRENCH = QLocale(QLocale.Language.French, QLocale.Country.France)
NO_DATE = QDate(1899, 12, 31)  # shown blank: the field holds no date
FIRST_DATE = QDate(1900, 1, 1)
LAST_DATE = QDate(2200, 12, 31)


def to_qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())
