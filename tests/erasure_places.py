"""A base where one person is named in every place a name can live (the erasure's tests).

The texts are filled generically: one row of every table (and, under the meetings, one
row of each meeting concerned) gets the person's name, e-mail and phone in each of its
text columns, so that a column added later is filled without being named here
(``test_the_fixture_names_the_person_in_every_text_column`` fails when a table has no
row to fill). Columns that cannot hold a name are listed in :data:`NOT_FILLED`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import JSON, select, update

from clu_desktop.domain import (
    Action,
    AgendaItem,
    Annex,
    AnnexKind,
    Base,
    Indicator,
    IndicatorNameMapping,
    IndicatorValue,
    Meeting,
    MeetingStatus,
    Organisation,
    Person,
    Setting,
    SignatureEvent,
    SignatureKind,
    Statement,
    StatementSpeaker,
)
from clu_desktop.rules.indicators import mapping_key
from clu_desktop.services.attendance.invitations import snapshot_invitation
from clu_desktop.services.documents.signature import reopen_minutes, sign_minutes
from clu_desktop.services.personal.data import person_matcher
from clu_desktop.services.personal.walk import rows_under, text_columns

CIVILITY, FIRST, LAST = "Mme", "Hélène", "DUPRÉ-NOËL"
EMAIL = "helene.dupre-noel@example.org"
PHONE = "07 98 76 54 32"
LONG = f"{CIVILITY} {FIRST} {LAST} ({EMAIL}, {PHONE})"
MEDIUM = "Hélène Dupré-Noël"  # as typed in a text
SHORT = "Mme DUPRÉ-NOËL"
DIGITS = "0798765432"

#: Columns that hold no free text: hashes, file paths, a quorum rule, a period code.
NOT_FILLED = frozenset(
    {
        ("meeting", "signed_sha256"),
        ("signature_event", "sha256"),
        ("identity", "logo_path"),
        ("identity", "font_path"),
        ("identity", "font_bold_path"),
        ("committee", "quorum"),
        ("indicator_value", "period"),
        ("indicator_name_mapping", "kind"),  # "indicator" or "site"
        # Folded from ``written`` by ``build`` (« mme helene dupre noel … »), as the
        # import keys it: the erasure must key it again from the anonymised text.
        ("indicator_name_mapping", "name_key"),
        # Written only at signature (the guard refuses any other write): it names the
        # person through the indicator comments it freezes (see ``build``).
        ("meeting", "signed_annexes"),
    }
)

#: What must never be found in the database's files after the erasure: as typed, in
#: capitals as printed, in lower case, without accents as the search index keeps words.
NEEDLES = (
    "Hélène",
    "HÉLÈNE",
    "hélène",
    "helene",
    "HELENE",
    "DUPRÉ",
    "Dupré",
    "dupré",
    "dupre",
    "DUPRE",
    EMAIL,
    EMAIL.upper(),
    PHONE,
    DIGITS,
)


@dataclass(frozen=True)
class Places:
    person_id: int
    signed_meeting: int  # signed in CLU Desktop (its PDF kept)
    open_meeting: int  # held, minutes not signed


def _mention(length: int | None) -> str:
    if length is None or length >= len(LONG):
        return LONG
    for text in (MEDIUM, SHORT, PHONE, DIGITS):
        if len(text) <= length:
            return text
    raise AssertionError(f"no form of the name fits {length} characters")


def fill_rows(session, tables_rows: dict[str, list[tuple]]) -> None:
    """Write a mention in every text column of the given rows."""
    for table in Base.metadata.sorted_tables:
        columns = [c for c in text_columns(table) if (table.name, c.name) not in NOT_FILLED]
        pk = list(table.primary_key.columns)
        for key in tables_rows.get(table.name, ()):
            values = {
                c.name: (
                    {"texte": LONG}
                    if isinstance(c.type, JSON)
                    else _mention(getattr(c.type, "length", None))
                )
                for c in columns
            }
            if values:
                session.execute(
                    update(table)
                    .where(*[c == v for c, v in zip(pk, key, strict=True)])
                    .values(values)
                )


def _first_rows(session, skip_tables: set[str], avoid: dict[str, set[tuple]]) -> dict:
    found = {}
    for table in Base.metadata.sorted_tables:
        if table.name in skip_tables or not text_columns(table):
            continue
        pk = list(table.primary_key.columns)
        for row in session.execute(select(*pk).order_by(*pk)):
            if tuple(row) not in avoid.get(table.name, set()):
                found[table.name] = [tuple(row)]
                break
    return found


def _under(session, meeting_id: int) -> dict[str, list[tuple]]:
    rows = rows_under(session, Base.metadata.sorted_tables, [meeting_id])
    return {name: [min(keys)] for name, keys in rows.items()}


def _meeting_content(session, meeting: Meeting, person: Person) -> None:
    """An item, a statement she made, an action she owns, a text annex, her invitation."""
    invitation = snapshot_invitation(person, 99)
    invitation.status = "present"
    meeting.invitations.append(invitation)
    item = AgendaItem(meeting=meeting, position=99, title="Point", presenter_id=person.id)
    session.add(item)
    session.flush()
    statement = Statement(agenda_item_id=item.id, kind="remark", text="Texte", position=0)
    session.add(statement)
    session.flush()
    session.add(StatementSpeaker(statement_id=statement.id, person_id=person.id))
    session.add(
        Action(
            meeting_id=meeting.id,
            agenda_item_id=item.id,
            text="Action",
            owner_id=person.id,
            owner_name=f"{FIRST} {LAST}",
        )
    )
    session.add(Annex(meeting=meeting, position=9, title="Annexe", kind=AnnexKind.TEXT, text="x"))


def build(db, *, named_in_signed: bool) -> Places:
    """Fill ``db`` (the demo, minutes drafted) so that the person is named everywhere.

    ``named_in_signed``: the signed meeting (the demo's) names her too; otherwise it
    does not, so that erasing her without anonymising signed minutes must leave no trace.
    """
    with db.transaction() as session:
        organisation = session.scalars(select(Organisation).order_by(Organisation.id)).first()
        person = Person(
            civility=CIVILITY,
            first_name=FIRST,
            last_name=LAST,
            email=EMAIL,
            phone=PHONE,
            organisation=organisation,
            function="Présidente",
        )
        session.add(person)
        session.flush()
        person_id = person.id
        demo = session.get(Meeting, 1)
        second = Meeting(
            committee_id=demo.committee_id,
            title="Séance suivante",
            date=dt.date(2024, 6, 20),
            status=MeetingStatus.HELD,
            chair_id=person_id,
            signatory_id=person_id,
            contact_id=person_id,
        )
        session.add(second)
        session.flush()
        _meeting_content(session, second, person)
        # Signed once, then reopened: its history stays.
        session.add(
            SignatureEvent(
                meeting_id=second.id,
                kind=SignatureKind.REOPENED,
                at=dt.datetime(2024, 6, 21),
                by="x",
            )
        )
        session.add(Setting(key="zz.erasure-test", value="x"))
        # A spreadsheet's own name for an indicator, remembered (its key is folded).
        session.add(
            IndicatorNameMapping(
                kind="indicator",
                name_key=mapping_key(LONG),
                written=LONG,
                indicator_id=session.scalar(select(Indicator.id).order_by(Indicator.id)),
            )
        )
        if named_in_signed:
            _meeting_content(session, demo, person)
            demo.contact_id = person_id
            session.flush()
            fill_rows(session, _under(session, demo.id))
            # The annex the signature freezes prints the indicators' comments.
            session.execute(update(IndicatorValue).values(comment=LONG))
        second_id = second.id
    by = f"{FIRST} {LAST}" if named_in_signed else "Jean VALJEAN"
    with db.transaction() as session:
        sign_minutes(session, 1, by, at=dt.datetime(2024, 1, 5, 10))
    with db.transaction() as session:
        reopen_minutes(session, 1, by, f"Erreur signalée par {by}", at=dt.datetime(2024, 1, 6))
    with db.transaction() as session:
        sign_minutes(session, 1, by, at=dt.datetime(2024, 1, 7, 10))
    with db.transaction() as session:
        signed = rows_under(session, Base.metadata.sorted_tables, [1])
        rows = _first_rows(
            session,
            set(signed) | set(rows_under(session, Base.metadata.sorted_tables, [second_id])),
            {"person": {(person_id,)}},
        )
        rows["setting"] = [("zz.erasure-test",)]
        rows.update(_under(session, second_id))
        fill_rows(session, rows)
    return Places(person_id, 1, second_id)


def matcher_of(db, person_id: int):
    with db.reading() as session:
        return person_matcher(session, session.get(Person, person_id))


def needles_in(data: bytes) -> list[str]:
    """The needles found in raw bytes (UTF-8)."""
    return [n for n in NEEDLES if n.encode("utf-8") in data]


def words_in(text: str) -> list[str]:
    """The needles found in a text, spaces and line breaks aside."""
    flat = re.sub(r"\s+", " ", text)
    return [n for n in NEEDLES if n in flat or n in text.replace("\n", "")]


__all__ = ["NEEDLES", "Places", "build", "matcher_of", "needles_in", "words_in"]
