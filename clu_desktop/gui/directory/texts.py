"""The French sentences of the directory that depend on counts."""

from __future__ import annotations

from clu_desktop.services.directory.people import PersonRow, PersonUsage

UNDO_HINT = "Vous pourrez annuler avec Ctrl+Z."

MERGE_PEOPLE_INTRO = (
    "Ces deux fiches désignent-elles la même personne ? Choisissez la fiche à garder : "
    "ses champs vides seront complétés par l'autre fiche, les comités, invitations, "
    "interventions et actions de l'autre fiche lui seront rattachés, puis l'autre fiche "
    f"sera supprimée. {UNDO_HINT}"
)
MERGE_ORGANISATIONS_INTRO = (
    "Ces deux fiches désignent-elles le même organisme ? Choisissez la fiche à garder : "
    "les personnes de l'autre organisme y seront rattachées, ses champs vides seront "
    f"complétés, puis l'autre fiche sera supprimée. {UNDO_HINT}"
)


def count_text(count: int, one: str, many: str, *, feminine: bool = False) -> str:
    """ "Aucun comité", "1 personne", "15 personnes"."""
    if count == 0:
        return f"Aucune {one}" if feminine else f"Aucun {one}"
    return f"1 {one}" if count == 1 else f"{count} {many}"


def usage_parts(usage: PersonUsage) -> list[str]:
    parts = []
    for count, one, many in (
        (usage.committees, "membre d'un comité", "membre de {} comités"),
        (usage.invitations, "1 invitation à une séance", "{} invitations à des séances"),
        (
            usage.meeting_roles,
            "présidence, signature ou contact d'une séance",
            "présidence, signature ou contact de {} séances",
        ),
        (usage.statements, "1 intervention attribuée", "{} interventions attribuées"),
        (usage.actions, "responsable d'une action", "responsable de {} actions"),
        (usage.presentations, "présente 1 point d'ordre du jour", "présente {} points"),
    ):
        if count:
            parts.append(one if count == 1 else many.format(count))
    return parts


def usage_text(usage: PersonUsage) -> str:
    return "\n".join(usage_parts(usage)) or "Aucune"


def delete_people_question(rows: list[PersonRow], usage: PersonUsage | None) -> str:
    if len(rows) == 1:
        question = f"Supprimer {rows[0].label} de l'annuaire ?"
    else:
        names = "\n".join(f"– {row.label}" for row in rows)
        question = f"Supprimer ces {len(rows)} personnes de l'annuaire ?\n{names}"
    details = ""
    if usage is not None and usage.total:
        details = "\n\nCette fiche est liée à : " + ", ".join(usage_parts(usage)) + "."
    return (
        f"{question}{details}\n\nLes feuilles d'émargement et comptes-rendus gardent les noms "
        "tels qu'imprimés ; les sièges de comité et les attributions d'interventions sont "
        f"retirés. {UNDO_HINT}"
    )
