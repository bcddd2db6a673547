"""Erasure erases: after ``erase person``, the database's files hold no trace of the person.

The base names the person in every text column of every table (``erasure_places``), in a
signed meeting (PDF kept) when the test asks for it. After the erasure, the raw bytes of
the ``.sqlite``, ``-wal`` and ``-shm`` files are searched for the name (as typed, in
capitals, in lower case, without accents as the search index keeps words), the e-mail and
the phone; the signed PDF made again is read with pypdf (its streams are compressed).
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from erasure_places import (
    EMAIL,
    NOT_FILLED,
    build,
    matcher_of,
    needles_in,
    words_in,
)
from pypdf import PdfReader
from pypdf.generic import StreamObject
from sqlalchemy import select, text

from clu_desktop.cli import main
from clu_desktop.domain import Base, Meeting, SignatureEvent, SignatureKind
from clu_desktop.services.documents.signature import signature_history, signed_pdf
from clu_desktop.services.personal.erasure import erase_person
from clu_desktop.services.personal.walk import remaining, text_columns
from clu_desktop.services.search import search_meetings


def database_files(path: Path) -> dict[str, bytes]:
    files = {}
    for suffix in ("", "-wal", "-shm"):
        candidate = Path(f"{path}{suffix}")
        if candidate.exists():
            files[candidate.name] = candidate.read_bytes()
    return files


def traces(path: Path) -> dict[str, list[str]]:
    return {
        name: found for name, data in database_files(path).items() if (found := needles_in(data))
    }


def pdf_traces(data: bytes) -> list[str]:
    """The needles in a PDF's text, its decompressed streams and its metadata."""
    reader = PdfReader(io.BytesIO(data))
    found = words_in("\n".join(page.extract_text() or "" for page in reader.pages))
    streams = []
    for obj_id in range(1, int(reader.trailer["/Size"])):
        obj = reader.get_object(obj_id)
        if isinstance(obj, StreamObject):
            streams.append(obj.get_data())  # decompressed
    for stream in streams:
        found += needles_in(stream)
        found += words_in(stream.decode("latin-1"))
    found += words_in(" ".join(str(v) for v in (reader.metadata or {}).values()))
    return sorted(set(found))


@pytest.fixture
def named_everywhere(demo_db):
    return build(demo_db, named_in_signed=True)


def test_the_fixture_names_the_person_in_every_text_column(demo_db, named_everywhere):
    matcher = matcher_of(demo_db, named_everywhere.person_id)
    with demo_db.reading() as session:
        found = set(remaining(session, matcher))
    every = {
        (table.name, column.name)
        for table in Base.metadata.sorted_tables
        for column in text_columns(table)
    }
    # A new table or column the fixture cannot fill makes this fail: fill it there.
    assert every - NOT_FILLED - found == set()


@pytest.mark.parametrize("anonymise", [True, False], ids=["anonymise-signed", "keep-signed"])
def test_erase_person_leaves_no_trace_in_the_database_files(demo_db, db_engine, anonymise, capsys):
    if db_engine != "sqlite":
        pytest.skip("the files of a SQLite base")
    places = build(demo_db, named_in_signed=anonymise)
    path = Path(demo_db.url.database)
    assert traces(path)  # the fixture wrote the name into the files
    demo_db.dispose()
    args = ["erase", "person", "--db", str(path), "--person", str(places.person_id), "--yes"]
    assert main([*args, "--anonymise-signed"] if anonymise else args) == 0
    out = capsys.readouterr().out
    assert "effacée de l'annuaire" in out
    assert traces(path) == {}
    assert "sauvegarde" in out  # the backups made before still hold her: said, not deleted
    from clu_desktop.store.migrate import open_database

    db = open_database(path)
    try:
        with db.reading() as session:
            assert search_meetings(session, "Dupré") == []
            assert search_meetings(session, "Hélène") == []
            vocabulary = session.execute(
                text(
                    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.words "
                    "USING fts5vocab(main, search_index, 'row')"
                )
            )
            vocabulary = set(session.scalars(text("SELECT term FROM temp.words")))
            assert not {"helene", "dupre", "dupré", "hélène"} & vocabulary
    finally:
        db.dispose()
    assert traces(path) == {}


def test_the_signed_pdf_is_made_again_without_the_name(demo_db, named_everywhere):
    with demo_db.reading() as session:
        before = signed_pdf(session, named_everywhere.signed_meeting)
    assert pdf_traces(before.data)  # the kept PDF printed her name
    with demo_db.transaction() as session:
        report = erase_person(session, named_everywhere.person_id, anonymise_signed=True)
    assert report.signed_pdfs_remade == 1
    assert "PDF signé refait sans son nom" in report.message
    with demo_db.reading() as session:
        after = signed_pdf(session, named_everywhere.signed_meeting)
        history = signature_history(session, named_everywhere.signed_meeting)
        meeting = session.get(Meeting, named_everywhere.signed_meeting)
        assert meeting.signed_sha256 == hashlib.sha256(after.data).hexdigest()
    assert pdf_traces(after.data) == []
    assert "Personne anonymisée" in words_in_text(after.data)
    last = history[-1]
    assert last.kind is SignatureKind.ANONYMISED
    assert last.kind_label == "Anonymisé"
    assert last.sha256 == hashlib.sha256(after.data).hexdigest()
    assert before.sha256 in last.reason  # the fingerprint that was signed stays known
    assert words_in(last.reason + last.by) == []
    assert all(words_in(f"{e.by} {e.reason or ''}") == [] for e in history)


def words_in_text(data: bytes) -> str:
    return "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages)


def test_a_signed_pdf_that_cannot_be_made_again_is_removed_and_said(
    demo_db, named_everywhere, monkeypatch
):
    from clu_desktop.services.personal import pdfs as personal_pdfs

    def broken(_session, _meeting_id):
        raise OSError("police introuvable")

    monkeypatch.setattr(personal_pdfs, "render_minutes", broken)
    with demo_db.transaction() as session:
        report = erase_person(session, named_everywhere.person_id, anonymise_signed=True)
    assert report.signed_pdfs_removed == 1
    assert "PDF signé retiré" in report.message
    with demo_db.reading() as session:
        assert signed_pdf(session, named_everywhere.signed_meeting) is None
        event = session.scalars(
            select(SignatureEvent).order_by(SignatureEvent.id.desc()).limit(1)
        ).one()
        assert event.kind is SignatureKind.ANONYMISED and "retiré" in event.reason
        assert words_in(event.reason) == []


def test_keeping_signed_minutes_keeps_their_print_and_anonymises_the_rest(
    demo_db, named_everywhere
):
    matcher = matcher_of(demo_db, named_everywhere.person_id)
    with demo_db.reading() as session:
        before = signed_pdf(session, named_everywhere.signed_meeting)
    with demo_db.transaction() as session:
        report = erase_person(session, named_everywhere.person_id, anonymise_signed=False)
    assert report.mentions_kept > 0 and report.signed_pdfs_kept == 1
    assert "tels qu'ils ont été signés" in report.message
    with demo_db.reading() as session:
        assert signed_pdf(session, named_everywhere.signed_meeting).data == before.data
        left = set(remaining(session, matcher))
        signed_notes = session.get(Meeting, named_everywhere.signed_meeting).notes
    # What remains is the signed meeting's printed content only; its notes are not printed.
    assert left and all(
        table
        in {
            "meeting",
            "invitation",
            "agenda_item",
            "statement",
            "action",
            "annex",
            "signature_event",
        }
        for table, _column in left
    )
    assert EMAIL not in (signed_notes or "")
    assert ("meeting", "notes") not in left or "Personne anonymisée" in signed_notes


def test_the_walk_leaves_nothing_in_any_column(demo_db, named_everywhere):
    matcher = matcher_of(demo_db, named_everywhere.person_id)
    with demo_db.transaction() as session:
        erase_person(session, named_everywhere.person_id, anonymise_signed=True)
    with demo_db.reading() as session:
        assert remaining(session, matcher) == []


def test_every_sqlite_connection_overwrites_what_it_deletes(db, db_engine):
    if db_engine != "sqlite":
        pytest.skip("a SQLite pragma")
    with db.reading() as session:
        assert session.execute(text("PRAGMA secure_delete")).scalar() == 1


def test_after_an_erasure_the_files_are_cleaned_and_backups_named(demo_db, db_engine):
    from clu_desktop.store.scrub import scrub_after_erasure

    places = build(demo_db, named_in_signed=False)
    if db_engine == "sqlite":
        from clu_desktop.store.backups import daily_backup

        backup = daily_backup(Path(demo_db.url.database))
        assert needles_in(backup.read_bytes())  # made before: it still holds her
    with demo_db.transaction() as session:
        report = erase_person(session, places.person_id, anonymise_signed=False)
    scrub = scrub_after_erasure(demo_db, report.tables)
    if db_engine == "postgresql":
        # Nothing is run on a shared server: the administrator is told what to do.
        assert "VACUUM FULL" in scrub.message
        assert "person" in scrub.message and "invitation" in scrub.message
        assert "sauvegardes du serveur" in scrub.message
        return
    assert scrub.compacted and scrub.wal_emptied and scrub.problem is None
    assert scrub.backups == (backup,)
    assert "qui contiennent encore cette personne : 1 fichier dans" in scrub.message
    assert str(backup.parent) in scrub.message
    assert backup.exists()  # never deleted behind the user's back


def test_names_in_unique_columns_and_decomposed_accents_are_erased(demo_db, named_everywhere):
    import unicodedata

    from clu_desktop.domain import Committee, Organisation

    decomposed = unicodedata.normalize("NFD", "Appeler Hélène DUPRÉ-NOËL demain.")
    with demo_db.transaction() as session:
        # Two names that both become « Comité de Personne anonymisée »: names are unique.
        session.add(Committee(name="Comité de Hélène Dupré-Noël"))
        session.add(Committee(name="Comité de Mme DUPRÉ-NOËL"))
        organisation = session.scalars(
            select(Organisation).order_by(Organisation.id.desc())
        ).first()
        organisation.notes = decomposed
        organisation_id = organisation.id
    with demo_db.transaction() as session:
        erase_person(session, named_everywhere.person_id, anonymise_signed=True)
    with demo_db.reading() as session:
        names = set(
            session.scalars(select(Committee.name).where(Committee.name.like("Comité de %")))
        )
        assert names == {"Comité de Personne anonymisée", "Comité de Personne anonymisée (2)"}
        notes = session.get(Organisation, organisation_id).notes
    assert notes == "Appeler Personne anonymisée demain."


@pytest.mark.parametrize("person_id", [6, 14], ids=["invited", "chair-and-signatory"])
def test_a_signed_pdf_naming_a_linked_person_is_made_again(demo_db, person_id):
    from clu_desktop.domain import Person
    from clu_desktop.services.documents.signature import sign_minutes

    with demo_db.transaction() as session:
        surname = session.get(Person, person_id).last_name
        sign_minutes(session, 1, "Le secrétariat")
    with demo_db.reading() as session:
        assert surname in words_in_text(signed_pdf(session, 1).data)
    with demo_db.transaction() as session:
        report = erase_person(session, person_id, anonymise_signed=True)
    assert report.signed_pdfs_remade == 1
    with demo_db.reading() as session:
        remade = signed_pdf(session, 1).data
    assert surname not in words_in_text(remade)
    # Still a public archive, as the PDF made at signature was (PDF/A-2b).
    assert PdfReader(io.BytesIO(remade)).root_object["/OutputIntents"][0]["/S"] == "/GTS_PDFA1"


def test_the_access_export_lists_every_text_that_names_the_person(demo_db, named_everywhere):
    from clu_desktop.services.personal.data import person_data

    with demo_db.reading() as session:
        mentions = person_data(session, named_everywhere.person_id)["mentions_dans_les_textes"]
    places = {m["ou"] for m in mentions}
    for expected in (
        "commentaire d'une valeur d'indicateur",
        "source d'une valeur d'indicateur",
        "notes d'un label",
        "propriétaire d'un référentiel",
        "historique des signatures (raison)",
        "compte-rendu signé par",
        "réglage de l'application",
        "en-tête des documents (identité du service) (phone)",
        "notes d'un organisme",
    ):
        assert expected in places
    others = sorted(p for p in places if p.startswith("autre texte"))
    assert not others  # every place is named


def test_an_attached_file_naming_the_person_is_reported_with_where_it_is(
    demo_db, named_everywhere, tmp_path
):
    from reportlab.pdfgen import canvas

    from clu_desktop.domain import Annex, AnnexKind

    path = tmp_path / "etude.pdf"
    page = canvas.Canvas(str(path))  # compressed streams: the name is not in the raw bytes
    page.drawString(72, 720, "Étude rédigée par Hélène DUPRÉ-NOËL")
    page.save()
    assert b"DUPR" not in path.read_bytes()
    with demo_db.transaction() as session:
        session.add(
            Annex(
                meeting_id=named_everywhere.open_meeting,
                position=20,
                title="Étude",
                kind=AnnexKind.PDF,
                file_name="etude.pdf",
                file_data=path.read_bytes(),
            )
        )
    with demo_db.transaction() as session:
        report = erase_person(session, named_everywhere.person_id, anonymise_signed=True)
    assert report.files_naming == 1
    assert "fichier joint (annexe) qui porte encore son nom" in report.message
    assert "« Étude » de la séance du 20/06/2024" in report.message


def test_a_reader_holding_the_wal_is_said_not_a_crash(demo_db, db_engine):
    import sqlite3

    from clu_desktop.store.scrub import scrub_after_erasure

    if db_engine != "sqlite":
        pytest.skip("the files of a SQLite base")
    reader = sqlite3.connect(demo_db.url.database, isolation_level=None)
    try:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM person").fetchone()
        scrub = scrub_after_erasure(demo_db)
    finally:
        reader.close()
    assert not scrub.wal_emptied and scrub.problem is None
    assert "n'a pas pu être vidé : un autre programme le lisait" in scrub.message
