"""What the live attendance window says: states, counts, agreements, in French."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale

from clu_desktop.domain import AttendanceStatus, Representation
from clu_desktop.rules.record import Counts
from clu_desktop.services.attendance.presence import WALK_IN_NOTE, AttendanceRow
from clu_desktop.services.attendance.walk_in import DirectoryMatch

FRENCH = QLocale(QLocale.Language.French, QLocale.Country.France)
NBSP = "\u00a0"
SEARCH_HINT = "Tapez les premières lettres d'un nom ou d'un organisme"


def agreed(name: str, masculine: str, feminine: str, neutral: str) -> str:
    """The word agreeing with the civility printed before the name ("M.", "Mme")."""
    if name.startswith(("Mme ", "Mlle ")):
        return feminine
    if name.startswith("M. "):
        return masculine
    return neutral


def clock(moment: dt.time) -> str:
    """ "14h32"."""
    return f"{moment.hour}h{moment.minute:02d}"


def long_date(day: dt.date) -> str:
    """ "20 décembre 2023", "1er avril 2024"."""
    text = FRENCH.toString(QDate(day.year, day.month, day.day), "d MMMM yyyy")
    return "1er" + text[1:] if day.day == 1 else text


def window_title(title: str, day: dt.date) -> str:
    return f"Séance en cours — {title} du {long_date(day)}"


def state_text(row: AttendanceRow) -> str:
    """How a person stands, on the right of their line ("" while still expected)."""
    if row.status is AttendanceStatus.INVITED:
        return ""
    if row.status is AttendanceStatus.PRESENT and row.arrived_at is not None:
        arrived = agreed(row.name, "arrivé", "arrivée", "arrivé(e)")
        return f"{arrived} à {clock(row.arrived_at)}"
    if row.status is AttendanceStatus.REPRESENTED and row.represented_by:
        return deputy_text(row)  # "pouvoir à M. Y", "suppléée par M. Z"
    return row.status_label  # "présente", "excusé", "absent(e)": the table's words


def deputy_text(row: AttendanceRow) -> str:
    """ "pouvoir à M. Paul MARTIN", "suppléée par Mme Jeanne DURAND" ("" when nobody)."""
    if not row.represented_by:
        return ""
    if row.representation is Representation.PROXY:
        return f"pouvoir à {row.represented_by}"
    substituted = agreed(row.name, "suppléé", "suppléée", "suppléé(e)")
    return f"{substituted} par {row.represented_by}"


def detail_text(row: AttendanceRow) -> str:
    """The second line: the organisation (what tells apart two people of one name)."""
    parts = [row.organisation, row.function if not row.organisation else None]
    if row.note == WALK_IN_NOTE:
        parts.append(WALK_IN_NOTE)
    return " — ".join(p for p in parts if p)


def walk_in_label(typed: str) -> str:
    return f"Ajouter « {typed} » ({WALK_IN_NOTE})"


WALK_IN_DETAIL = (
    "Personne de ce nom ni parmi les invités ni dans l'annuaire : "
    "Entrée ouvre sa fiche, à vérifier avant de l'ajouter"
)


def no_match_text(typed: str, close: list[str] = ()) -> str:
    """Enter after letters that match nobody: nothing is done, the offer is shown;
    ``close``: names that look like what was typed."""
    check = "Vérifiez l'orthographe"
    if close:
        check += " (vouliez-vous dire " + " ou ".join(close) + " ?)"
    return (
        f"Personne ne correspond à « {typed} », ni parmi les invités ni dans l'annuaire. "
        f"{check} ; si la personne est venue sans invitation, "
        "Entrée de nouveau ouvre sa fiche pour l'ajouter."
    )


def invite_label(person: DirectoryMatch) -> str:
    """ "Inviter et pointer M. Bernard GUY (Association des maires)"."""
    return f"Inviter et pointer {person.label}"


def invite_detail(person: DirectoryMatch) -> str:
    """The second line of a person of the directory not invited."""
    name = person.name
    invited = agreed(name, "invité", "invitée", "invité(e)")
    ticks = agreed(name, "le pointe présent", "la pointe présente", "le (la) pointe présent(e)")
    return f"Dans l'annuaire, pas {invited} : Entrée l'ajoute à la liste et {ticks}"


def invited_text(name: str, at: dt.time) -> str:
    added = agreed(name, "ajouté", "ajoutée", "ajouté(e)")
    ticked = agreed(name, "pointé présent", "pointée présente", "pointé(e) présent(e)")
    return f"✓ {name} {added} à la liste ({WALK_IN_NOTE}) et {ticked} à {clock(at)}."


def counts_text(counts: Counts, votes: bool = False) -> str:
    """The counts above the list; on a second line, with ``votes`` the proxies and the
    votants, and the quorum when the committee has one."""
    first = [
        f"Présents {counts.present}",
        f"Excusés {counts.excused}",
        f"Représentés {counts.represented}",
        f"Attendus {counts.expected}",
    ]
    second = [f"Pouvoirs {counts.proxies}", f"Votants {counts.voters}"] if votes else []
    if counts.quorum is not None:
        second.append(quorum_text(counts))
    # A narrow window breaks a line between two counts, never inside one.
    lines = [" · ".join(part.replace(" ", "\u00a0") for part in parts) for parts in (first, second)]
    return "\n".join(line for line in lines if line)


def ticked_text(row: AttendanceRow) -> str:
    ticked = agreed(row.name, "pointé présent", "pointée présente", "pointé(e) présent(e)")
    at = f" à {clock(row.arrived_at)}" if row.arrived_at else ""
    return f"✓ {row.name} {ticked}{at}."


def already_text(row: AttendanceRow) -> str:
    name = row.name
    ticked = agreed(name, "pointé présent", "pointée présente", "pointé(e) présent(e)")
    arrived = agreed(name, "arrivé", "arrivée", "arrivé(e)")
    at = f" ({arrived} à {clock(row.arrived_at)})" if row.arrived_at else ""
    return f"{name} est déjà {ticked}{at} : rien n'a changé."


def walked_in_text(
    name: str, at: dt.time, created: bool = True, new_organisation: str | None = None
) -> str:
    """After the walk-in form: who was added to what (or found in the directory)."""
    added = agreed(name, "ajouté", "ajoutée", "ajouté(e)")
    ticked = agreed(name, "pointé présent", "pointée présente", "pointé(e) présent(e)")
    if not created:
        found = agreed(name, "trouvé", "trouvée", "trouvé(e)")
        return (
            f"✓ {name}, {found} dans l'annuaire, {added} à la liste et {ticked} "
            f"à {clock(at)} (Ctrl+Z l'enlève de la liste)."
        )
    done = f"✓ {name} {added} à l'annuaire et à la liste, {ticked} à {clock(at)}"
    if new_organisation:
        return (
            f"{done} ; l'organisme « {new_organisation} » est ajouté à l'annuaire aussi "
            "(Ctrl+Z enlève tout)."
        )
    return f"{done} (Ctrl+Z l'enlève des deux)."


def quorum_text(counts: Counts) -> str:
    """ "Quorum : 36 — atteint", "Quorum : 36 — non atteint, il manque 3 présents" ("" with
    no quorum rule)."""
    if counts.quorum is None:
        return ""
    if counts.quorum_reached:
        return f"Quorum{NBSP}: {counts.quorum} — atteint"
    missing = counts.quorum - counts.present
    plural = "s" if missing > 1 else ""
    return f"Quorum{NBSP}: {counts.quorum} — non atteint, il manque {missing} présent{plural}"


def unanswered_question(count: int) -> str:
    """Asked when the live window closes with people not ticked."""
    if count == 1:
        return (
            "1 personne n'a pas été pointée : la marquer absente ?\n\n"
            "Sinon, elle reste « sans réponse » et sera imprimée parmi les absents."
        )
    return (
        f"{count} personnes n'ont pas été pointées : les marquer absentes ?\n\n"
        "Sinon, elles restent « sans réponse » et seront imprimées parmi les absents."
    )
