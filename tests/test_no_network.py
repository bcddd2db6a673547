"""The application opens no network connection, except to a configured PostgreSQL server.

- The self-test (database, demo, main window, the three PDFs) runs with every Python
  socket connection and name lookup refused and recorded: it passes and none was tried;
  neither Qt's network module nor the PostgreSQL driver is even loaded.
- With strace (Linux), the same at the system-call level, which also sees what Qt and
  the C libraries do: no connect() but to local (AF_UNIX) sockets.
- With a PostgreSQL URL, the only connection tried goes to that server's host and port.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys

import pytest
from test_selftest import ROOT, run_selftest

from clu_desktop.errors import UserError

# Imported by Python before the application (a sitecustomize.py first on PYTHONPATH):
# every outgoing connection and name lookup is recorded in $ATTEMPTS, then refused; at
# exit the loaded modules are listed in $MODULES.
REFUSE_NETWORK = """
    import atexit, json, os, socket, sys

    def record(kind, *where):
        with open(os.environ["ATTEMPTS"], "a", encoding="utf-8") as out:
            out.write(json.dumps([kind, [repr(w) for w in where]]) + "\\n")
        raise ConnectionRefusedError(111, "network refused by the test")

    def connect(self, address):
        record("connect", self.family, address)

    def connect_ex(self, address):
        record("connect_ex", self.family, address)

    socket.socket.connect = connect
    socket.socket.connect_ex = connect_ex
    socket.create_connection = lambda address, *a, **k: record("create_connection", address)
    socket.getaddrinfo = lambda host, port, *a, **k: record("getaddrinfo", host, port)
    socket.gethostbyname = lambda host: record("gethostbyname", host)

    def modules():
        with open(os.environ["MODULES"], "w", encoding="utf-8") as out:
            json.dump(sorted(sys.modules), out)

    atexit.register(modules)
    """


def refused_run(tmp_path, args=("--selftest",)):
    attempts, modules = tmp_path / "attempts.jsonl", tmp_path / "modules.json"
    result = run_selftest(
        tmp_path,
        REFUSE_NETWORK,
        args=args,
        env={"ATTEMPTS": str(attempts), "MODULES": str(modules)},
    )
    tried = attempts.read_text("utf-8").splitlines() if attempts.exists() else []
    return result, tried, json.loads(modules.read_text("utf-8"))


def test_the_refusing_hook_does_refuse(tmp_path):
    """The hook below is no decoration: a connection attempt under it is refused and
    recorded (here a command that reaches the network: a PostgreSQL server by name)."""
    url = "postgresql+psycopg://clu:secret@db.example.invalid:5432/clu"
    result, tried, modules = refused_run(tmp_path, ("--db", url, "list"))

    assert result.returncode == 2
    assert "Impossible d'ouvrir la base" in result.stderr
    assert tried and all(json.loads(line)[0] == "getaddrinfo" for line in tried)
    assert "'db.example.invalid'" in tried[0]
    assert "psycopg" in modules


def test_the_selftest_passes_with_no_network_and_tries_none(tmp_path):
    result, tried, modules = refused_run(tmp_path)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "Auto-test réussi" in result.stdout
    assert tried == []
    assert "PySide6.QtNetwork" not in modules  # Qt's own network features: not loaded
    assert "psycopg" not in modules  # the PostgreSQL driver: only for a PostgreSQL URL
    assert "PySide6.QtWidgets" in modules  # the window was opened in that process


STRACE = shutil.which("strace")
CONNECT = re.compile(r"connect\(\d+, \{sa_family=(\w+)(.*?)\}")


def strace_connects(tmp_path, args) -> tuple[subprocess.CompletedProcess, list[tuple]]:
    """Run the application under strace; its connect() calls, as (family, address)."""
    log = tmp_path / "strace.log"
    probe = subprocess.run([STRACE, "-o", os.devnull, "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip(f"strace cannot trace here: {probe.stderr.decode(errors='replace')}")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    python = [sys.executable, "-m", "clu_desktop"]
    result = subprocess.run(
        [STRACE, "-f", "-qq", "-e", "trace=connect", "-o", str(log), *python, *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=180,
    )
    return result, CONNECT.findall(log.read_text("utf-8", errors="replace"))


@pytest.mark.skipif(STRACE is None, reason="strace is not installed (Debian package: strace)")
def test_no_connect_system_call_leaves_the_machine_during_the_selftest(tmp_path):
    result, connects = strace_connects(tmp_path, ["--selftest"])

    assert result.returncode == 0, result.stdout + result.stderr
    assert [c for c in connects if c[0] != "AF_UNIX"] == []


@pytest.mark.skipif(STRACE is None, reason="strace is not installed (Debian package: strace)")
def test_with_postgresql_the_only_connection_is_to_its_server(tmp_path):
    url = "postgresql+psycopg://clu:secret@127.0.0.1:1/clu"
    result, connects = strace_connects(tmp_path, ["--db", url, "list"])

    assert result.returncode == 2
    assert "Impossible d'ouvrir la base" in result.stderr
    network = [c for c in connects if c[0] != "AF_UNIX"]
    assert network, connects  # the server was tried...
    for family, address in network:  # ...and nothing else
        assert family == "AF_INET", connects
        assert 'sin_port=htons(1), sin_addr=inet_addr("127.0.0.1")' in address


def test_with_postgresql_python_reaches_only_the_configured_host(monkeypatch):
    """In process: the name lookups and connections Python makes while opening a
    PostgreSQL database all go to the URL's host and port. (The connection itself is
    made by libpq, in C: the strace test above sees it.)"""
    from clu_desktop.store.migrate import open_database

    attempts: list[tuple[str, object, object]] = []
    real_getaddrinfo = socket.getaddrinfo
    real_connect = socket.socket.connect

    def getaddrinfo(host, port, *args, **kwargs):
        attempts.append(("getaddrinfo", host, port))
        return real_getaddrinfo(host, port, *args, **kwargs)

    def connect(self, address):
        attempts.append(("connect", *address[:2]))
        return real_connect(self, address)

    def create_connection(address, *args, **kwargs):
        attempts.append(("create_connection", *address[:2]))
        raise ConnectionRefusedError(111, "refused")

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "create_connection", create_connection)

    with pytest.raises(UserError, match="Impossible d'ouvrir la base"):
        open_database("postgresql+psycopg://clu:secret@localhost:1/clu")

    assert attempts, "opening a PostgreSQL database looked nothing up"
    assert {(host, str(port)) for _kind, host, port in attempts} <= {
        ("localhost", "1"),
        ("127.0.0.1", "1"),
        ("::1", "1"),
    }
