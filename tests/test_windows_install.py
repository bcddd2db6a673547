"""The Windows installer script (packaging/clu-desktop.iss) and its documentation.

Inno Setup does not run here: these checks read the script as Inno Setup's compiler
would (sections, "Name: value; ..." entries, #define) and hold it to what
docs/windows-install.md promises: a per-user install without administrator rights, in
%LOCALAPPDATA%\\Programs\\CLU Desktop, at the application's version, removing on uninstall
only what it installed.
"""

from __future__ import annotations

import re
from pathlib import Path

from clu_desktop import __version__

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "packaging" / "clu-desktop.iss"
DOC = ROOT / "docs" / "windows-install.md"

# The parameters each entry section accepts (Inno Setup 6 documentation).
ENTRY_PARAMETERS = {
    "Languages": {"Name", "MessagesFile", "LicenseFile", "InfoBeforeFile", "InfoAfterFile"},
    "Tasks": {"Name", "Description", "GroupDescription", "Flags", "Components", "Check"},
    "Files": {"Source", "DestDir", "DestName", "Excludes", "Flags", "Tasks", "Check"},
    "Icons": {
        "Name",
        "Filename",
        "Parameters",
        "WorkingDir",
        "IconFilename",
        "IconIndex",
        "Comment",
        "Tasks",
        "Flags",
    },
    "Run": {"Filename", "Parameters", "WorkingDir", "Description", "StatusMsg", "Flags"},
}


def parse(text: str) -> tuple[dict[str, str], dict[str, dict[str, str]], dict[str, list]]:
    """(#defines, [Setup] directives, entries of each other section), defines expanded."""
    defines: dict[str, str] = {}
    setup: dict[str, str] = {}
    entries: dict[str, list[dict[str, str]]] = {}
    section = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith(";") or line in ("#endif",) or line.startswith("#if"):
            continue
        define = re.fullmatch(r'#define (\w+) "([^"]*)"', line)
        if define:
            defines.setdefault(define.group(1), define.group(2))
            continue
        assert not line.startswith("#"), f"line {number}: unknown directive {line}"
        line = re.sub(r"\{#(\w+)\}", lambda m: defines[m.group(1)], line)
        header = re.fullmatch(r"\[(\w+)\]", line)
        if header:
            section = header.group(1)
            assert section == "Setup" or section in ENTRY_PARAMETERS, f"line {number}"
            continue
        if section == "Setup":
            key, sep, value = line.partition("=")
            assert sep and re.fullmatch(r"\w+", key), f"line {number}: {line}"
            setup[key] = value
            continue
        entry = {}
        for part in re.split(r";\s+", line):
            name, sep, value = part.partition(": ")
            assert sep and name in ENTRY_PARAMETERS[section], f"line {number}: {part}"
            assert value.startswith('"') == value.endswith('"'), f"line {number}: {part}"
            entry[name] = value.strip('"')
        entries.setdefault(section, []).append(entry)
    return defines, setup, entries


def test_the_installer_is_per_user_without_administrator_rights():
    _defines, setup, entries = parse(SCRIPT.read_text("utf-8"))

    assert setup["PrivilegesRequired"] == "lowest"
    assert "PrivilegesRequiredOverridesAllowed" not in setup  # never offers elevation
    assert setup["DefaultDirName"] == r"{localappdata}\Programs\CLU Desktop"
    assert [e["MessagesFile"] for e in entries["Languages"]] == [r"compiler:Languages\French.isl"]
    # Shortcuts in the user's own Start menu and desktop (the auto constants map to the
    # user's folders in non administrative install mode), to the bundle's program.
    icons = {e["Name"]: e for e in entries["Icons"]}
    assert icons[r"{autoprograms}\CLU Desktop"]["Filename"] == r"{app}\clu-desktop.exe"
    assert icons[r"{autodesktop}\CLU Desktop"]["Tasks"] == "desktopicon"
    assert "unchecked" in entries["Tasks"][0]["Flags"]
    [files] = entries["Files"]
    assert files["Source"] == r"..\dist\clu-desktop\*"
    assert setup["SetupIconFile"] == r"..\resources\icons\clu-desktop.ico"


def test_the_installer_has_the_application_version():
    defines, setup, _entries = parse(SCRIPT.read_text("utf-8"))

    assert defines["AppVersion"] == __version__
    assert setup["AppVersion"] == __version__
    assert f"clu-desktop-{__version__}-installation.exe" in DOC.read_text("utf-8")


def test_uninstalling_keeps_the_user_data():
    """Only what the installer installed is removed: no [UninstallDelete] entry, nothing
    installed into the data folder."""
    text = SCRIPT.read_text("utf-8")
    _defines, _setup, entries = parse(text)

    assert "UninstallDelete" not in entries
    destinations = [e.get("DestDir", "") for e in entries["Files"]]
    assert all(d.startswith("{app}") for d in destinations)
