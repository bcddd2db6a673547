"""Search across the years: the meetings whose texts hold every word typed.

The index (revision 0005) holds one entry per meeting, agenda item, statement, action and
invitation, kept up to date by triggers as rows are saved: on SQLite an FTS5 table
(accents and case ignored), on PostgreSQL a ``tsvector`` of the configuration
``clu_search`` (French stems, accents ignored). Every word typed is searched as the
beginning of a word (« begu » finds « BÉGUÉ »); a meeting matches when each word is
somewhere in it. The user's text never reaches the query syntax: only its words, letters
and digits, are kept, each quoted.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import bindparam, select, text
from sqlalchemy.orm import Session

from clu_desktop.domain import Action, AgendaItem, Committee, Meeting, Statement
from clu_desktop.errors import UserError

MIN_WORD = 2  # letters of the shortest word searched
MAX_WORDS = 8
MAX_WORD_LENGTH = 60
EXCERPT_WORDS = 14  # around the first match
# Private-use characters marking the matches in the excerpts the engines return.
_START, _STOP = "\ue000", "\ue001"
_WORD = re.compile(r"[^\W_]+")

KIND_MEETING, KIND_ITEM, KIND_STATEMENT, KIND_ACTION, KIND_INVITATION = 1, 2, 3, 4, 5
TOO_SHORT = (
    "Tapez au moins un mot de deux lettres ou plus pour chercher dans les séances "
    "(titres, ordre du jour, interventions, actions, participants, organismes)."
)


@dataclass(frozen=True)
class SearchHit:
    """One meeting found, with where the best match is and its excerpt."""

    meeting_id: int
    date: dt.date
    committee: str
    title: str
    where: str  # « Titre de la séance », « Point « Budget » », « Participant »…
    # The excerpt in pieces: (text, True) for the words that match.
    excerpt: tuple[tuple[str, bool], ...]

    @property
    def excerpt_text(self) -> str:
        return "".join(piece for piece, _marked in self.excerpt)


def query_words(text_: str) -> list[str]:
    """The words searched in ``text_``: letters and digits only, two or more of them."""
    words = [w[:MAX_WORD_LENGTH] for w in _WORD.findall(text_) if len(w) >= MIN_WORD]
    return list(dict.fromkeys(word.casefold() for word in words))[:MAX_WORDS]


def search_meetings(session: Session, text_: str, limit: int = 50) -> list[SearchHit]:
    """The meetings holding every word of ``text_``, newest first, at most ``limit``.

    Refused in French (``UserError``) when ``text_`` holds no word of two letters or more.
    """
    words = query_words(text_)
    if not words:
        raise UserError(TOO_SHORT)
    engine = _PostgreSQL if session.get_bind().dialect.name == "postgresql" else _SQLite
    terms = engine.terms(session, words)
    if not terms:  # only French stop words (« de », « les »)
        return []
    meeting_ids = _meetings_matching_all(session, engine, terms, limit)
    if not meeting_ids:
        return []
    best = engine.best_entries(session, terms, meeting_ids)
    excerpts = engine.excerpts(session, terms, list(best.values()))
    return _hits(session, meeting_ids, best, excerpts)


def _meetings_matching_all(
    session: Session, engine: type[_SQLite | _PostgreSQL], terms: list[str], limit: int
) -> list[int]:
    conditions = " AND ".join(
        f"m.id IN ({engine.MATCHING.format(param=f'term{i}')})" for i in range(len(terms))
    )
    statement = text(
        f"SELECT m.id FROM meeting AS m WHERE {conditions} "
        "ORDER BY m.date DESC, m.id DESC LIMIT :limit"
    )
    values = {f"term{i}": term for i, term in enumerate(terms)}
    return list(session.scalars(statement, {**values, "limit": limit}))


class _SQLite:
    MATCHING = "SELECT meeting_id FROM search_index WHERE search_index MATCH :{param}"

    @staticmethod
    def terms(_session: Session, words: list[str]) -> list[str]:
        # A quoted FTS5 string followed by * : a prefix, whatever the word holds.
        return ['"' + word.replace('"', '""') + '"*' for word in words]

    @staticmethod
    def best_entries(
        session: Session, terms: list[str], meeting_ids: list[int]
    ) -> dict[int, tuple[int, int]]:
        rows = session.execute(
            text(
                "SELECT meeting_id, kind, source_id FROM search_index "
                "WHERE search_index MATCH :any AND meeting_id IN :ids ORDER BY rank"
            ).bindparams(bindparam("ids", expanding=True)),
            {"any": " OR ".join(terms), "ids": meeting_ids},
        )
        best: dict[int, tuple[int, int]] = {}
        for meeting_id, kind, source_id in rows:
            best.setdefault(int(meeting_id), (int(kind), int(source_id)))
        return best

    @staticmethod
    def excerpts(
        session: Session, terms: list[str], entries: list[tuple[int, int]]
    ) -> dict[tuple[int, int], str]:
        rows = session.execute(
            text(
                "SELECT kind, source_id, snippet(search_index, 0, :start, :stop, '…', :words) "
                "FROM search_index WHERE search_index MATCH :any AND rowid IN :rowids"
            ).bindparams(bindparam("rowids", expanding=True)),
            {
                "any": " OR ".join(terms),
                "rowids": [source_id * 8 + kind for kind, source_id in entries],
                "start": _START,
                "stop": _STOP,
                "words": EXCERPT_WORDS,
            },
        )
        return {(int(kind), int(source_id)): excerpt for kind, source_id, excerpt in rows}


class _PostgreSQL:
    MATCHING = "SELECT meeting_id FROM search_entry WHERE document @@ CAST(:{param} AS tsquery)"

    @staticmethod
    def terms(session: Session, words: list[str]) -> list[str]:
        # Each word is letters and digits only: "word:*" is a prefix query and nothing
        # else. French stop words give an empty query, left out.
        rows = session.execute(
            text(
                "SELECT CAST(to_tsquery('clu_search', w || ':*') AS text) "
                "FROM unnest(CAST(:words AS text[])) AS w"
            ),
            {"words": words},
        )
        return [query for (query,) in rows if query]

    @staticmethod
    def best_entries(
        session: Session, terms: list[str], meeting_ids: list[int]
    ) -> dict[int, tuple[int, int]]:
        rows = session.execute(
            text(
                "SELECT DISTINCT ON (meeting_id) meeting_id, kind, source_id FROM search_entry "
                "WHERE document @@ CAST(:any AS tsquery) AND meeting_id = ANY(:ids) "
                "ORDER BY meeting_id, ts_rank(document, CAST(:any AS tsquery)) DESC, "
                "kind, source_id"
            ),
            {"any": " | ".join(f"({term})" for term in terms), "ids": meeting_ids},
        )
        return {int(m): (int(kind), int(source_id)) for m, kind, source_id in rows}

    @staticmethod
    def excerpts(
        session: Session, terms: list[str], entries: list[tuple[int, int]]
    ) -> dict[tuple[int, int], str]:
        options = (
            f"StartSel={_START}, StopSel={_STOP}, MaxWords={EXCERPT_WORDS}, "
            f"MinWords={EXCERPT_WORDS // 2}, ShortWord=2, FragmentDelimiter=…, MaxFragments=1"
        )
        rows = session.execute(
            text(
                "SELECT kind, source_id, ts_headline('clu_search', body, "
                "CAST(:any AS tsquery), :options) FROM search_entry "
                "WHERE (kind, source_id) IN (SELECT * FROM unnest("
                "CAST(:kinds AS smallint[]), CAST(:sources AS integer[])))"
            ),
            {
                "any": " | ".join(f"({term})" for term in terms),
                "options": options,
                "kinds": [kind for kind, _source_id in entries],
                "sources": [source_id for _kind, source_id in entries],
            },
        )
        return {(int(kind), int(source_id)): excerpt for kind, source_id, excerpt in rows}


def _hits(
    session: Session,
    meeting_ids: list[int],
    best: dict[int, tuple[int, int]],
    excerpts: dict[tuple[int, int], str],
) -> list[SearchHit]:
    meetings = {
        row.id: row
        for row in session.execute(
            select(Meeting.id, Meeting.date, Meeting.title, Committee.name.label("committee"))
            .join(Committee, Meeting.committee_id == Committee.id)
            .where(Meeting.id.in_(meeting_ids))
        )
    }
    places = _places(session, list(best.values()))
    hits = []
    for meeting_id in meeting_ids:
        meeting = meetings.get(meeting_id)
        if meeting is None:
            continue
        entry = best.get(meeting_id)
        hits.append(
            SearchHit(
                meeting_id=meeting_id,
                date=meeting.date,
                committee=meeting.committee,
                title=meeting.title,
                where=places.get(entry, "Séance") if entry else "Séance",
                excerpt=_pieces(excerpts.get(entry, "")) if entry else (),
            )
        )
    return hits


def _places(session: Session, entries: list[tuple[int, int]]) -> dict[tuple[int, int], str]:
    """Where each entry is, in French."""
    ids: dict[int, list[int]] = {}
    for kind, source_id in entries:
        ids.setdefault(kind, []).append(source_id)
    places: dict[tuple[int, int], str] = {}
    for source_id in ids.get(KIND_MEETING, []):
        places[(KIND_MEETING, source_id)] = "Séance (titre, lieu, ouverture, clôture)"
    for source_id in ids.get(KIND_INVITATION, []):
        places[(KIND_INVITATION, source_id)] = "Participants"
    if ids.get(KIND_ITEM):
        for item_id, title in session.execute(
            select(AgendaItem.id, AgendaItem.title).where(AgendaItem.id.in_(ids[KIND_ITEM]))
        ):
            places[(KIND_ITEM, item_id)] = f"Ordre du jour\u00a0: « {title} »"
    if ids.get(KIND_STATEMENT):
        for statement_id, title in session.execute(
            select(Statement.id, AgendaItem.title)
            .join(AgendaItem, Statement.agenda_item_id == AgendaItem.id)
            .where(Statement.id.in_(ids[KIND_STATEMENT]))
        ):
            places[(KIND_STATEMENT, statement_id)] = f"Intervention\u00a0: « {title} »"
    if ids.get(KIND_ACTION):
        for action_id, title in session.execute(
            select(Action.id, AgendaItem.title)
            .outerjoin(AgendaItem, Action.agenda_item_id == AgendaItem.id)
            .where(Action.id.in_(ids[KIND_ACTION]))
        ):
            places[(KIND_ACTION, action_id)] = (
                f"Action\u00a0: « {title} »" if title else "Action décidée"
            )
    return places


def _pieces(excerpt: str) -> tuple[tuple[str, bool], ...]:
    """The engine's excerpt, one line, split into plain and matching pieces."""
    flat = " ".join(excerpt.split())
    pieces: list[tuple[str, bool]] = []
    for i, part in enumerate(re.split(f"{_START}|{_STOP}", flat)):
        if part:
            pieces.append((part, i % 2 == 1))
    return tuple(pieces)
