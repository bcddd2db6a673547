"""No password is ever shown, whatever form the database's address takes; every
PostgreSQL form goes through the installed driver (psycopg 3)."""

from __future__ import annotations

import logging
from urllib.parse import quote

import pytest

from clu_desktop.cli import main
from clu_desktop.store import location, secrets
from clu_desktop.store.database import Database, create_database_engine, resolve_url
from clu_desktop.store.secrets import mask, passwords_in

SECRET = "Zq7-s3cret"
#: Every form a password can take in --db / CLU_DB (unreachable port 1: nothing answers).
FORMS = {
    "userinfo": f"postgresql+psycopg://clu:{SECRET}@127.0.0.1:1/clu",
    "postgres scheme": f"postgres://clu:{SECRET}@127.0.0.1:1/clu",
    "psycopg2 scheme": f"postgresql+psycopg2://clu:{SECRET}@127.0.0.1:1/clu",
    "query": f"postgresql+psycopg://clu@127.0.0.1:1/clu?password={SECRET}",
    "query, encoded key": f"postgresql://clu@127.0.0.1:1/clu?pass%77ord={SECRET}",
    "query, sslpassword": f"postgresql://clu@127.0.0.1:1/clu?sslmode=require&sslpassword={SECRET}",
    "libpq": f"host=127.0.0.1 port=1 dbname=clu user=clu password={SECRET}",
    "libpq, quoted": f"host=127.0.0.1 port=1 user=clu password = '{SECRET} b\\'c'",
    "libpq, unterminated quote": f"host=127.0.0.1 port=1 password='{SECRET}",
    "libpq, bad port": f"host=127.0.0.1 port=cinq password={SECRET}",
    "at sign in password": f"postgresql://clu:{SECRET}@x@127.0.0.1:1/clu",
    "slash in password": f"postgresql://clu:{SECRET}/x@127.0.0.1:1/clu",
    "space in password": f"postgresql://clu:{SECRET} x@127.0.0.1:1/clu",
    "bad port": f"postgresql://clu:{SECRET}@127.0.0.1:port/clu",
    "bad IPv6": f"postgresql+psycopg://clu:{SECRET}@[127.0.0.1:1/clu",
    "no at sign": f"postgresql://clu:{SECRET}/clu",
    "unknown engine": f"mysql://clu:{SECRET}@127.0.0.1:1/clu",
    "percent-encoded": f"postgresql://clu:{quote(SECRET, safe='')}%21@127.0.0.1:1/clu",
}


@pytest.fixture(autouse=True)
def forgotten(monkeypatch):
    """Each test starts with no remembered password: the forms are masked by their shape."""
    monkeypatch.setattr(secrets, "_REMEMBERED", set())


@pytest.mark.parametrize("raw", FORMS.values(), ids=FORMS.keys())
def test_mask_hides_each_form(raw):
    assert SECRET not in mask(raw)
    assert "***" in mask(raw)
    assert SECRET not in location.describe(raw)


@pytest.mark.parametrize("raw", FORMS.values(), ids=FORMS.keys())
def test_no_command_shows_the_password(raw, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    for command in (["list"], ["export", "json", "--meeting", "1", "-o", "x.json"], ["demo"]):
        assert main([*command, "--db", raw]) == 2
        said = capsys.readouterr()
        assert SECRET not in said.err + said.out
        assert "Traceback" not in said.err and said.err.startswith("Erreur : ")
    assert list(tmp_path.iterdir()) == []  # a libpq string is not a file name


@pytest.mark.parametrize("raw", FORMS.values(), ids=FORMS.keys())
def test_an_opened_database_never_shows_the_password(raw):
    try:
        url = resolve_url(raw)
    except Exception as exc:  # a malformed form is refused, masked
        assert SECRET not in str(exc)
        return
    database = Database.for_engine(create_database_engine(url))  # does not connect
    assert SECRET not in database.description


def test_the_window_title_and_status_bar_never_show_the_password(qapp, tmp_path):
    from clu_desktop.gui.main_window import MainWindow

    for raw in FORMS.values():
        window = MainWindow(None, description=location.describe(raw))
        try:
            assert SECRET not in window.windowTitle()
            assert SECRET not in window.statusBar().currentMessage()
        finally:
            window.close()


def test_the_log_never_shows_the_password(monkeypatch, isolated_user_folders):
    from clu_desktop.gui.crash import set_up_logging

    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", list(root.handlers))
    path = set_up_logging()
    for raw in FORMS.values():
        logging.getLogger("clu_desktop.test").error("Ouverture de %s", raw)
        try:
            raise RuntimeError(f"could not parse {raw!r}")
        except RuntimeError:
            logging.getLogger("clu_desktop.test").exception("échec")
    for handler in root.handlers:
        handler.flush()
    logged = path.read_text("utf-8")
    assert "Ouverture de" in logged and "RuntimeError" in logged
    assert SECRET not in logged


def test_a_password_a_driver_repeats_alone_is_masked_too():
    url = resolve_url(FORMS["userinfo"])
    assert mask(f"connection failed for password {SECRET}") == (
        "connection failed for password ***"
    )
    assert url.password == SECRET


def test_passwords_are_found_in_every_form():
    for name, raw in FORMS.items():
        if name in ("no at sign", "bad port"):
            continue
        assert any(SECRET in found for found in passwords_in(raw)), name


def test_a_path_stays_a_path():
    assert mask("/home/agent/CLU/clu.sqlite") == "/home/agent/CLU/clu.sqlite"
    assert mask("postgresql+psycopg://clu@serveur:5432/clu") == (
        "postgresql+psycopg://clu@serveur:5432/clu"
    )
    assert location.libpq_parameters("notes=2024.sqlite") is None
    assert location.sqlite_file("notes=2024.sqlite") is not None


# ------------------------------------------------------------------ PostgreSQL forms


@pytest.mark.parametrize(
    "raw",
    [
        "postgres://u:p@serveur/clu",
        "postgresql://u:p@serveur/clu",
        "postgresql+psycopg2://u:p@serveur/clu",
        "PostgreSQL+pg8000://u:p@serveur/clu",
        "postgresql+psycopg://u:p@serveur/clu",
    ],
)
def test_every_postgresql_scheme_goes_through_psycopg(raw):
    url = resolve_url(raw)
    assert url.drivername == "postgresql+psycopg"
    assert (url.username, url.password, url.host, url.database) == ("u", "p", "serveur", "clu")
    create_database_engine(url).dispose()  # the driver loads: psycopg 3


def test_a_libpq_string_is_a_postgresql_url():
    url = resolve_url("host=serveur port=5433 dbname=clu user=clu password='a b' sslmode=require")
    assert url.drivername == "postgresql+psycopg"
    assert (url.host, url.port, url.database, url.username) == ("serveur", 5433, "clu", "clu")
    assert url.password == "a b" and dict(url.query) == {"sslmode": "require"}
    assert location.sqlite_file("host=serveur dbname=clu") is None


def test_every_postgresql_scheme_opens_the_server(postgresql_url, capsys):
    from sqlalchemy.engine import make_url

    url = make_url(postgresql_url)
    for scheme in ("postgres", "postgresql", "postgresql+psycopg2"):
        raw = url.set(drivername=scheme).render_as_string(hide_password=False)
        assert main(["list", "--db", raw]) == 0, capsys.readouterr().err
        assert "Aucune séance." in capsys.readouterr().out
    libpq = (
        f"host={url.host} port={url.port} dbname={url.database} user={url.username} "
        f"password='{url.password}'"
    )
    assert main(["list", "--db", libpq]) == 0
    assert "Aucune séance." in capsys.readouterr().out


def test_the_log_text_keeps_no_value_of_a_database_error():
    error = (
        "sqlalchemy.exc.IntegrityError: (psycopg.errors.UniqueViolation) duplicate key value "
        'violates unique constraint "uq_person_email"\n'
        "DETAIL:  Key (email)=(berangere.zadkine@exemple.fr) already exists.\n"
        "[SQL: INSERT INTO person (last_name, email) VALUES (%(last_name)s, %(email)s)]\n"
        "[parameters: {'last_name': 'Zadkine-Vautrin', 'email': 'berangere.zadkine@exemple.fr'}]"
    )
    logged = secrets.private(error)
    assert "Zadkine" not in logged and "berangere" not in logged.lower()
    assert "UniqueViolation" in logged and "INSERT INTO person" in logged
    assert "uq_person_email" in logged
