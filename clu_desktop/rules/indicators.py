"""The rules of indicators on plain values: periods, values, units, names compared.

The grid, the spreadsheet import, the meeting file and the command line all check with
these, so what one refuses the others refuse too (French messages). Periods are stored as
"2022" (year), "2022-T3" (quarter) or "2022-07" (month): within one periodicity they sort
as text in time order. No database, no Qt.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from typing import Any

from clu_desktop.domain import Direction, Periodicity
from clu_desktop.errors import UserError
from clu_desktop.french.numbers import exact_number, grouped
from clu_desktop.french.periods import MONTH_ABBREVIATIONS, MONTH_NAMES, period_kind
from clu_desktop.names import match_key, name_key

#: The column header of values that concern every site ("no site").
ALL_SITES_LABEL = "Ensemble"


#: How a period of each periodicity is written, for messages.
PERIOD_SHAPES = {
    "year": "AAAA, par exemple 2022",
    "quarter": "AAAA-Tn ou Tn AAAA, par exemple 2022-T3 ou T3 2022",
    "month": "AAAA-MM ou MM/AAAA, par exemple 2022-07 ou 07/2022",
}


FIRST_YEAR, LAST_YEAR = 1900, 2200


CODE_MAX = 50


NAME_MAX = 300


CATEGORY_MAX = 200


UNIT_MAX = 30


DESCRIPTION_MAX = 5_000


SITE_NAME_MAX = 200


COMMENT_MAX = 5_000


SOURCE_MAX = 300


#: Units whose values cannot be negative (delays and counts).
NON_NEGATIVE_UNITS = frozenset(
    {"jours", "jour", "j", "délai", "délais", "heures", "h", "minutes", "min", "semaines"}
    | {"mois", "nombre", "nb"}
)


PERCENT_UNITS = frozenset({"%", "pourcentage", "taux (%)"})


def fold(text: str | None) -> str:
    """Text compared without case, accents, repeated spaces or invisible characters."""
    decomposed = unicodedata.normalize("NFKD", match_key(text))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.split()).casefold()


_YEAR = re.compile(r"(\d{4})(?:[.,]0+)?")  # 2023, or 2023.0 from a number cell


#: A year written with a thousands space: « 2 023 » (space, no-break or narrow no-break).
_YEAR_SPACED = re.compile(r"(\d)[\s\u00a0\u202f\u2009\u2007](\d{3})(?:[.,]0+)?")


#: A date cell that lost its format: Excel's serial day number (1950-01-01 to 2099-12-31).
_SERIAL = re.compile(r"(\d{5})(?:[.,]0+)?")


SERIAL_RANGE = (18_264, 73_050)


_EXCEL_EPOCH = dt.date(1899, 12, 30)


_QUARTER = (
    re.compile(r"(\d{4})\s*[-/ ]?\s*[TQ]\s*([1-4])"),  # 2022-T3, 2022 T3, 2022T3
    re.compile(r"[TQ]\s*([1-4])\s*[-/ ]?\s*(\d{4})"),  # T3 2022, T3-2022
    re.compile(r"([1-4])\s*(?:e|er|ème|eme)?\s*trim(?:\.|estre)?\s*(\d{4})"),  # 3e trimestre
    re.compile(r"trim(?:\.|estre)?\s*([1-4])\s*[-/ ]?\s*(\d{4})"),  # trimestre 3 2022
)


_MONTH_FIRST = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{4})")  # 07/2022, 7-2022


_YEAR_FIRST = re.compile(r"(\d{4})\s*[/.-]\s*(\d{1,2})")  # 2022-07, 2022/7


_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")


_FRENCH_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


_NAMED_MONTH = re.compile(r"([a-z]+)\.?\s+(\d{4})")


_MONTHS_BY_NAME = {
    **{fold(name): i for i, name in enumerate(MONTH_NAMES, 1)},
    **{fold(abbr).rstrip("."): i for i, abbr in enumerate(MONTH_ABBREVIATIONS, 1)},
    "fev": 2,
    "avri": 4,
    "juil": 7,
    "sep": 9,
    "dec": 12,
}


def _year(text: str) -> int:
    year = int(text)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(year)
    return year


def _read_period(text: str) -> str | None:
    """The stored form of a period written in any accepted way, or None."""
    t = fold(text).upper()
    try:
        if m := _YEAR.fullmatch(t):
            return str(_year(m[1]))
        if m := _YEAR_SPACED.fullmatch(t):
            return str(_year(m[1] + m[2]))
        if (m := _SERIAL.fullmatch(t)) and SERIAL_RANGE[0] <= int(m[1]) <= SERIAL_RANGE[1]:
            day = _EXCEL_EPOCH + dt.timedelta(days=int(m[1]))
            return f"{day.year}-{day.month:02d}"
        for i, pattern in enumerate(_QUARTER):
            if m := pattern.fullmatch(t if i < 2 else t.lower()):
                year, quarter = (m[1], m[2]) if i == 0 else (m[2], m[1])
                return f"{_year(year)}-T{quarter}"
        if m := _ISO_DATE.fullmatch(t):
            dt.date(int(m[1]), int(m[2]), int(m[3]))  # a real date
            year, month = m[1], m[2]
        elif m := _FRENCH_DATE.fullmatch(t):
            dt.date(int(m[3]), int(m[2]), int(m[1]))
            year, month = m[3], m[2]
        elif m := _YEAR_FIRST.fullmatch(t):
            year, month = m[1], m[2]
        elif m := _MONTH_FIRST.fullmatch(t):
            year, month = m[2], m[1]
        elif (m := _NAMED_MONTH.fullmatch(t.lower())) and m[1] in _MONTHS_BY_NAME:
            year, month = m[2], str(_MONTHS_BY_NAME[m[1]])
        else:
            return None
        if not 1 <= int(month) <= 12:
            return None
        return f"{_year(year)}-{int(month):02d}"
    except ValueError:
        return None


def parse_period(text: str | None, periodicity: str | None = None) -> str:
    """The stored form ("2022", "2022-T3", "2022-07") of a period typed as "2022",
    "2 022" or "2022.0" (a number cell), "2022-T3", "T3 2022", "3e trimestre 2022",
    "2022-07", "07/2022", "juil. 2022", "juillet 2022", a date in the month, or Excel's
    serial day number of such a date (a date cell that lost its format).

    With ``periodicity``, the period must be of that kind (French UserError otherwise).
    """
    raw = (text or "").strip()
    if not raw:
        raise UserError("période manquante")
    period = _read_period(raw)
    if period is None:
        raise UserError(f"période illisible : « {raw} »")
    if periodicity is not None:
        periodicity = str(periodicity)
        if period_kind(period) != periodicity:
            expected = PERIOD_SHAPES[periodicity]
            raise UserError(
                f"la période « {raw} » ne convient pas à un indicateur "
                f"{PERIODICITY_ADJECTIVES[periodicity]} (attendu : {expected})"
            )
    return period


#: The longest run of missing periods :func:`with_gaps` puts back (20 years of months).
MAX_GAP_FILL = 240


def _index(period: str) -> tuple[str, int]:
    """A period as (kind, count of periods since year 0) for arithmetic."""
    kind = period_kind(period)
    year = int(period[:4])
    if kind == "year":
        return kind, year
    if kind == "quarter":
        return kind, year * 4 + int(period[-1]) - 1
    return kind, year * 12 + int(period[5:]) - 1


def _from_index(kind: str, index: int) -> str:
    if kind == "year":
        return str(index)
    if kind == "quarter":
        return f"{index // 4}-T{index % 4 + 1}"
    return f"{index // 12}-{index % 12 + 1:02d}"


def shift_period(period: str, steps: int) -> str:
    kind, index = _index(period)
    return _from_index(kind, index + steps)


def previous_period(period: str) -> str:
    return shift_period(period, -1)


def with_gaps(periods: list[str], limit: int = MAX_GAP_FILL) -> list[str]:
    """``periods`` (sorted) with the periods missing between two of the same kind put
    back, so that a forgotten month is a row to type in and a gap in the chart; gaps
    longer than ``limit`` periods are left out."""
    result: list[str] = []
    for period in periods:
        if result and period_kind(result[-1]) == period_kind(period):
            (kind, before), (_kind, after) = _index(result[-1]), _index(period)
            if 1 < after - before <= limit + 1:
                result.extend(_from_index(kind, i) for i in range(before + 1, after))
        result.append(period)
    return result


def current_period(periodicity: str, today: dt.date | None = None) -> str:
    today = today or dt.date.today()
    if periodicity == "year":
        return str(today.year)
    if periodicity == "quarter":
        return f"{today.year}-T{(today.month - 1) // 3 + 1}"
    return f"{today.year}-{today.month:02d}"


def next_periods(periodicity: str, last_period: str | None, n: int) -> list[str]:
    """The ``n`` periods after ``last_period`` (after the previous period of today when
    there is none), so that the grid can offer the next period to type."""
    periodicity = str(periodicity)
    if last_period is None or period_kind(last_period) != periodicity:
        last_period = previous_period(current_period(periodicity))
    return [shift_period(last_period, i) for i in range(1, n + 1)]


#: The largest value (in absolute terms) an indicator takes, on import and in the grid:
#: documents print 10 significant digits and spreadsheets 15; a count of a million
#: billions is already a typing slip. Beyond it a figure would print as « 1e+28 ».
MAX_VALUE = 10**15


_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?")


_SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007]")


def parse_value(text: str | None, unit: str | None = None) -> float | None:
    """A number typed the French way ("12,5", "1 234", "95 %", "12,5 %") or with a dot;
    None when empty. A unit written after the number ("14 jours") is allowed."""
    raw = (text or "").strip()
    if not raw:
        return None
    t = raw.replace("\u2212", "-")
    suffix = (unit or "").strip().casefold()
    if t.endswith("%"):
        t = t[:-1]
    elif suffix and t.casefold().endswith(suffix) and len(t) > len(suffix):
        t = t[: -len(suffix)]  # "14 jours"
    t = _SPACES.sub("", t)
    if "," in t and "." in t:  # 1.234,5 (French thousands) or 1,234.5 (English)
        thousands = "." if t.rfind(",") > t.rfind(".") else ","
        t = t.replace(thousands, "")
    if t.count(",") > 1 or t.count(".") > 1 or not _NUMBER.fullmatch(t):
        raise UserError(f"valeur illisible : « {raw} »")
    value = float(t.replace(",", "."))
    if not math.isfinite(value):
        raise UserError(f"valeur illisible : « {raw} »")
    return value


def is_percentage(unit: str | None) -> bool:
    return (unit or "").strip().casefold() in PERCENT_UNITS


def check_value(indicator: Any, value: float | None) -> None:
    """Refuse a value the indicator cannot take: a percentage outside 0..100, a negative
    delay or count. ``indicator`` is an IndicatorRow or an Indicator."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise UserError("La valeur doit être un nombre.")
    check_magnitude(value)
    unit = (indicator.unit or "").strip()
    if is_percentage(unit) and not 0 <= value <= 100:
        raise UserError(
            f"un pourcentage est compris entre 0 et 100 (valeur saisie : {exact_number(value)})"
        )
    delay = str(indicator.direction) == Direction.LOWER_IS_BETTER and "delai" in fold(
        indicator.name
    )
    if value < 0 and (fold(unit) in {fold(u) for u in NON_NEGATIVE_UNITS} or delay):
        what = "un délai" if delay or fold(unit) not in ("nombre", "nb") else "un nombre"
        raise UserError(f"{what} ne peut pas être négatif (valeur saisie : {exact_number(value)})")


def value_too_large(value: float | int) -> str | None:
    """Why ``value`` is too large for a document to print, or None."""
    if (isinstance(value, float) and math.isnan(value)) or not abs(value) < MAX_VALUE:
        return (
            "nombre trop grand : une valeur ne dépasse pas "
            f"{grouped(MAX_VALUE - 1)} en valeur absolue"
        )
    return None


def check_magnitude(value: float | int) -> None:
    problem = value_too_large(value)
    if problem is not None:
        raise UserError(problem)


def check_periodicity(value: object) -> Periodicity:
    if isinstance(value, str):  # a Periodicity is one too
        try:
            return Periodicity(value)
        except ValueError:
            pass
    raise UserError("Périodicité inconnue : annuelle, trimestrielle ou mensuelle.")


def check_direction(value: object) -> Direction:
    if isinstance(value, str):  # a Direction is one too
        try:
            return Direction(value)
        except ValueError:
            pass
    raise UserError("Sens inconnu : « plus haut = mieux » ou « plus bas = mieux ».")


def unit_mismatch(text: str | None, unit: str | None) -> str | None:
    """Why a value written with a « % » does not fit an indicator with another unit (a
    file's « 95 % » given to a delay in days), or None."""
    raw = (text or "").strip()
    unit = (unit or "").strip()
    if raw.endswith("%") and unit and not is_percentage(unit):
        return f"une valeur en % ne convient pas à un indicateur en « {unit} »"
    return None


_NOT_WORD = re.compile(r"[\W_]+")


def mapping_key(text: str | None) -> str:
    """A name as mappings are keyed: ``names.name_key`` (NFC, invisible characters out,
    no case), then without accents, punctuation or repeated spaces. « Sous-préf. de
    LANGRES » and « sous pref de langres » are one name; « Langres » and « Sous-préfecture
    de Langres » are two."""
    return " ".join(_NOT_WORD.sub(" ", fold(name_key(text))).split())


#: "un indicateur annuel": the periodicity as an adjective of "indicateur".
PERIODICITY_ADJECTIVES = {"year": "annuel", "quarter": "trimestriel", "month": "mensuel"}


#: Said under a table or chart that shows example values (the grid, the annex).
EXAMPLE_NOTE = "Valeurs d'exemple : le compte-rendu de référence ne donne pas les chiffres."
