"""The right of access, completed: every other text of the database that names the person.

``personal.data`` lists the texts it knows with their context (minutes, statements,
actions, notes, findings…). This module reads every other text column of every table
(``personal.walk.text_columns``), so that a text the export does not name, or a column
added later, is still handed to the person: the same places the erasure anonymises.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from clu_desktop.domain import Base
from clu_desktop.services.personal.names import PersonMatcher
from clu_desktop.services.personal.walk import replace_value, text_columns

#: What each column is, in the person's words; others are « autre texte (table.colonne) ».
LABELS = {
    ("meeting", "title"): "titre d'une séance",
    ("meeting", "place"): "lieu d'une séance",
    ("meeting", "minutes_place"): "lieu de rédaction d'un compte-rendu",
    ("meeting", "delegation_formula"): "formule de délégation d'un compte-rendu",
    ("meeting", "signatory_title"): "qualité du signataire imprimée",
    ("meeting", "signed_by"): "compte-rendu signé par",
    ("meeting", "signed_annexes"): "annexes d'indicateurs figées à la signature",
    ("agenda_item", "title"): "titre d'un point de l'ordre du jour",
    ("agenda_item", "heading"): "intertitre de l'ordre du jour",
    ("agenda_item", "decision_text"): "décision d'un point",
    ("annex", "title"): "titre d'une annexe",
    ("annex", "file_name"): "nom du fichier d'une annexe",
    ("action", "when_label"): "échéance imprimée d'une action",
    ("invitation", "printed_civility"): "nom imprimé d'un autre participant",
    ("invitation", "printed_first_name"): "nom imprimé d'un autre participant",
    ("invitation", "printed_last_name"): "nom imprimé d'un autre participant",
    ("invitation", "printed_organisation"): "organisme imprimé d'un participant",
    ("invitation", "printed_function"): "fonction imprimée d'un participant",
    ("signature_event", "by"): "historique des signatures (par)",
    ("signature_event", "reason"): "historique des signatures (raison)",
    ("indicator_value", "comment"): "commentaire d'une valeur d'indicateur",
    ("indicator_value", "source"): "source d'une valeur d'indicateur",
    ("indicator", "description"): "description d'un indicateur",
    ("indicator_name_mapping", "written"): "nom d'indicateur ou de site mémorisé pour l'import",
    ("indicator_name_mapping", "name_key"): "nom mémorisé pour l'import (forme simplifiée)",
    ("label", "notes"): "notes d'un label",
    ("label", "certifier"): "organisme certificateur d'un label",
    ("referential", "owner"): "propriétaire d'un référentiel",
    ("referential", "description"): "description d'un référentiel",
    ("committee_member", "role"): "rôle dans un comité",
    ("setting", "value"): "réglage de l'application",
    ("person", "function"): "fonction d'une autre personne",
    ("organisation", "name"): "nom d'un organisme",
    ("committee", "name"): "nom d'un comité",
}


#: What a table is, for its other columns.
TABLE_LABELS = {
    "identity": "en-tête des documents (identité du service)",
    "person": "fiche d'une autre personne",
    "organisation": "fiche d'un organisme",
    "committee": "fiche d'un comité",
    "indicator": "fiche d'un indicateur",
    "site": "site",
    "referential": "référentiel",
    "referential_module": "module d'un référentiel",
}


def label(table: str, column: str) -> str:
    if (table, column) in LABELS:
        return LABELS[(table, column)]
    if table in TABLE_LABELS:
        return f"{TABLE_LABELS[table]} ({column})"
    return f"autre texte ({table}.{column})"


def other_mentions(
    session: Session,
    matcher: PersonMatcher,
    person_id: int,
    covered: frozenset[tuple[str, str]],
) -> list[dict[str, Any]]:
    """The texts outside ``covered`` that name the person: where, and the text."""
    found: list[dict[str, Any]] = []
    for table in Base.metadata.sorted_tables:
        columns = [c for c in text_columns(table) if (table.name, c.name) not in covered]
        if not columns:
            continue
        query = select(*columns)
        if table.name == "person":
            query = query.where(table.c.id != person_id)
        if table.name == "invitation":  # their own invitations: « seances_invite »
            query = query.where((table.c.person_id != person_id) | table.c.person_id.is_(None))
        pk = list(table.primary_key.columns)
        for row in session.execute(query.order_by(*pk)):
            for column, value in zip(columns, row, strict=True):
                if value is None or not replace_value(matcher, value, None)[1]:
                    continue
                where = label(table.name, column.name)
                shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
                found.append({"ou": where, "texte": shown})
    return found
