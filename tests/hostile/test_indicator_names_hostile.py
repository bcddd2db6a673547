"""Spreadsheets whose indicator and site names are hostile (markup, control characters,
marks, emoji, formulas, 10,000-character words): the check reports each unknown name
once with all its lines and never fails; « créer ce qui manque » imports the file whole
or refuses it in French leaving the database as it was; once imported, the same file is
read again with no question (the names created are found again, or remembered)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from dump import dump
from hostile_text import hostile_text, short_hostile_text
from hypothesis import event, given
from hypothesis import strategies as st

from clu_desktop.cli import main
from clu_desktop.errors import UserError
from clu_desktop.interchange.indicators_names import Suggester, candidates_of, mapping_key
from clu_desktop.services.indicators.files import (
    check_file,
    guess_mapping,
    import_values,
    read_table,
    summary,
    with_missing_created,
)

HEADERS = ["indicateur", "période", "site", "valeur"]
DATA = Path(__file__).parent.parent / "data"
name_text = st.one_of(short_hostile_text(80), hostile_text(3))


@st.composite
def tables(draw):
    names = draw(st.lists(name_text, min_size=1, max_size=3))
    sites = draw(st.lists(st.one_of(st.just(""), name_text), min_size=1, max_size=2))
    rows = []
    for index in range(draw(st.integers(1, 6))):
        rows.append(
            [
                draw(st.sampled_from(names)),
                str(2000 + index),
                draw(st.sampled_from(sites)),
                str(draw(st.integers(0, 100))),
            ]
        )
    return rows


def _file(folder, rows):
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=";").writerows([HEADERS, *rows])
    path = folder / "noms.csv"
    path.write_text(buffer.getvalue(), "utf-8", newline="", errors="surrogatepass")
    return path


@given(rows=tables(), save=st.booleans())
def test_hostile_names_are_reported_then_created_whole_or_refused(rows, save, demo_db, tmp_path):
    before = dump(demo_db)
    try:
        table = read_table(_file(tmp_path, rows))
    except UserError:
        event("fichier refusé")
        return
    mapping = guess_mapping(table.headers)
    with demo_db.reading() as session:
        check = check_file(session, table, mapping)
    lines = [n for name in (*check.unknown_indicators, *check.unknown_sites) for n in name.lines]
    assert all(2 <= n <= len(rows) + 1 for n in lines)
    for name in (*check.unknown_indicators, *check.unknown_sites):
        assert name.lines == tuple(sorted(set(name.lines)))
    text = summary(check)
    assert check.ready or text.startswith(("Le fichier", "Ligne")), text
    try:
        with demo_db.transaction() as session:
            choices = with_missing_created(check_file(session, table, mapping), None)
            report = import_values(session, table, mapping, choices, save_mappings=save)
    except UserError as exc:
        event("refusé")
        assert "Traceback" not in str(exc)
        assert dump(demo_db) == before
        return
    event("importé")
    assert report.rows + report.ignored == check.rows
    with demo_db.reading() as session:
        again = check_file(session, table, mapping)
    assert not again.unknown_indicators and not again.unknown_sites, summary(again)


@given(written=st.one_of(hostile_text(4), hostile_text(2, surrogates=True)))
def test_suggestions_and_keys_never_fail(written):
    suggester = Suggester(
        candidates_of([(1, "Sous-préfecture de Langres", ("Sous-préfecture de Langres",))])
    )
    suggestions, proposed = suggester.suggest(written)
    assert proposed is None or proposed in suggestions
    assert mapping_key(mapping_key(written)) == mapping_key(written)


CLI_WORDS = [
    "Taux d'appels aboutis=TEL-ABOUTIS",
    "Langres=Sous-préfecture de Langres",
    "Saint-Dizier=Ensemble",
    "Fréquentation du PAN=ignorer",
    "=",
    "==",
    "Langres=",
    "=TEL-ABOUTIS",
    "Délai de délivrance CNI et passeports=plusieurs=signes=égal",
]
FLAGS = ["--create-missing", "--dry-run", "--save-mappings"]
ENGLISH = re.compile(r"Traceback|error:|usage:|required|invalid|unrecognized|expected|Errno")


@given(
    options=st.lists(
        st.tuples(
            st.sampled_from(["--map", "--map-site"]),
            st.one_of(st.sampled_from(CLI_WORDS), hostile_text(2, long_words=False)),
        ),
        max_size=4,
    ),
    flags=st.lists(st.sampled_from(FLAGS), unique=True),
)
def test_hostile_map_options_import_whole_or_refuse_in_french(options, flags, demo_db, capsys):
    argv = ["import", "indicators", str(DATA / "indicateurs-services-2023.csv")]
    for option, value in options:
        argv += [option, value.replace("\x00", "")]  # a command line cannot hold NUL
    argv += [*flags, "--db", demo_db.url.render_as_string(hide_password=False)]
    before = dump(demo_db)
    try:
        code = main(argv)
    except SystemExit as exc:
        code = exc.code
    out = capsys.readouterr()
    assert code in (0, 2), out.err
    assert not ENGLISH.search(out.err), out.err
    if code == 2 or "--dry-run" in flags:
        event("rien écrit")
        assert dump(demo_db) == before
    else:
        event("importé")
