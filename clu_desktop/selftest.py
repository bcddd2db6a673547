"""``clu-desktop --selftest``: check that this installation works, in a few seconds.

Everything happens in a temporary folder, deleted afterwards: a new database, the
demonstration meeting loaded into it, the real main window opened on it, the minutes, the
convocation and the sign-in sheet exported and read back. The user's data folder, their
database, their settings and their log are neither read nor written: the folders
platformdirs and QSettings would use point into the temporary folder for the run.

One French line per step (« ✓ … » or « ✗ … : why »), then a summary; exit code 0 when
every step passed, 1 otherwise. No network is used. It works the same from a checkout, an
installed wheel or a PyInstaller bundle: the demo is found through ``resource_path()``.

The window needs a display. ``QT_QPA_PLATFORM`` is respected when set; otherwise the
system's own platform is tried first and, if it cannot start (no display: a server, an
SSH session, CI), the run falls back to Qt's offscreen platform and says so.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from clu_desktop import __version__

EXIT_OK = 0
EXIT_FAILED = 1
#: How long the shown window may take to appear on screen.
WINDOW_TIMEOUT_S = 15
#: The system's own Qt platform, tried before offscreen when QT_QPA_PLATFORM is unset.
NATIVE_PLATFORMS = {"win32": "windows", "darwin": "cocoa"}


class CheckFailed(Exception):
    """A step ran but its result is not what the user would expect (French text)."""


@dataclass
class Demo:
    """What the checks expect, read from the database once the demo is loaded."""

    meeting_id: int
    title: str
    date: dt.date
    last_names: list[str] = field(default_factory=list)
    item_titles: list[str] = field(default_factory=list)


def french_date(day: dt.date) -> str:
    """ "20 décembre 2023", from Babel directly (not the documents' own formatting, which
    is what is checked)."""
    from babel.dates import format_date

    return format_date(day, "d MMMM y", locale="fr_FR")


def _marks(stream) -> tuple[str, str]:
    """✓ and ✗, or plain words on a console that cannot show them."""
    encoding = getattr(stream, "encoding", None) or "ascii"
    try:
        "✓✗".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return "OK", "ECHEC"
    return "✓", "✗"


class Report:
    def __init__(self, stream) -> None:
        self.stream = stream
        self.ok, self.ko = _marks(stream)
        self.failed: list[str] = []
        self.passed = 0

    def say(self, line: str) -> None:
        if self.stream is None:  # a windowed build with no console: the exit code tells
            return
        try:
            print(line, file=self.stream, flush=True)
        except UnicodeEncodeError:
            encoding = getattr(self.stream, "encoding", None) or "ascii"
            print(line.encode(encoding, "replace").decode(encoding), file=self.stream)

    def step(self, label: str, work: Callable[[], str | None]) -> bool:
        """Run one step; print « ✓ label (detail) » or « ✗ label : reason »."""
        try:
            detail = work()
        except Exception as exc:
            self.failed.append(label)
            self.say(f"{self.ko} {label} : {_reason(exc)}")
            return False
        self.passed += 1
        self.say(f"{self.ok} {label}" + (f" ({detail})" if detail else ""))
        return True


def _reason(exc: BaseException) -> str:
    from clu_desktop.errors import UserError

    if isinstance(exc, CheckFailed | UserError):
        return str(exc)
    text = str(exc).strip().splitlines()
    return f"erreur inattendue {type(exc).__name__}" + (f" : {text[0]}" if text else "")


def isolate_user_folders(root: Path) -> None:
    """Point every per-user folder this process could write to into ``root``: the
    XDG folders (Linux), platformdirs' Windows folders, and QSettings (an INI file in
    ``root`` instead of the user's registry key or configuration file)."""
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        os.environ[name] = str(root / name.lower())
    for name in ("LOCAL_APPDATA", "APPDATA"):
        os.environ[f"WIN_PD_OVERRIDE_{name}"] = str(root / name.lower())
    os.environ.pop("CLU_DB", None)
    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(root / "settings"))


def choose_platform(environ=os.environ, platform: str = sys.platform) -> str | None:
    """The QT_QPA_PLATFORM to set, or None to keep the one the user set.

    Qt tries a semicolon-separated list in order: the system's platform, then offscreen.
    On Linux with no display at all, offscreen directly (xcb would only complain)."""
    if environ.get("QT_QPA_PLATFORM"):
        return None
    native = NATIVE_PLATFORMS.get(platform)
    if native is None:  # Linux and other X11/Wayland systems
        if not environ.get("DISPLAY") and not environ.get("WAYLAND_DISPLAY"):
            return "offscreen"
        native = "wayland;xcb" if environ.get("WAYLAND_DISPLAY") else "xcb"
    return f"{native};offscreen"


class SelfTest:
    def __init__(self, folder: Path, report: Report) -> None:
        self.folder = folder
        self.report = report
        self.db = None
        self.demo: Demo | None = None
        self.app = None
        #: Whether offscreen is this run's choice (no display), not the user's.
        self.fallback = False

    # The steps

    def open_database(self) -> str:
        from clu_desktop.store.migrate import open_database

        self.db = open_database(self.folder / "clu.sqlite", exclusive=True)
        return "fichier SQLite dans un dossier temporaire"

    def load_demo(self) -> str:
        from clu_desktop.services.meetings.files import load_demo

        with self.db.transaction() as session:
            meeting_id = load_demo(session)
        return f"séance n° {meeting_id}"

    def read_back(self) -> str:
        from clu_desktop.services.documents.snapshot import meeting_snapshot
        from clu_desktop.services.meetings.listing import list_meetings

        with self.db.reading() as session:
            meetings = list_meetings(session)
            if len(meetings) != 1:
                raise CheckFailed(f"1 séance attendue, {len(meetings)} trouvée(s)")
            meeting = meetings[0]
            snapshot = meeting_snapshot(session, meeting.id)
        demo = Demo(meeting.id, meeting.title, meeting.date)
        demo.last_names = [a.person.last_name for a in snapshot.attendance]
        demo.item_titles = [item.title for item in snapshot.items]
        if not demo.last_names or not demo.item_titles:
            raise CheckFailed(
                f"la séance du {meeting.date:%d/%m/%Y} n'a pas de participants "
                "ou pas d'ordre du jour"
            )
        self.demo = demo
        return (
            f"« {meeting.title} » du {meeting.date:%d/%m/%Y}, "
            f"{len(demo.last_names)} participants, {len(demo.item_titles)} points"
        )

    def spreadsheet(self) -> str:
        """A Windows-1252 file naming an indicator its own way: read, checked, and the
        catalogue entry suggested (the file reader and the name matching's library)."""
        from clu_desktop.services.indicators.files import check_file, guess_mapping, read_table

        path = self.folder / "valeurs.csv"
        text = "indicateur;période;valeur\nConnexions aux réseaux sociaux;2023;1 234,5\n"
        path.write_bytes(text.encode("cp1252"))
        table = read_table(path)
        with self.db.reading() as session:
            check = check_file(session, table, guess_mapping(table.headers))
        unknown = check.unknown_indicators
        if len(unknown) != 1 or not unknown[0].suggestions:
            raise CheckFailed("le nom du tableur n'a pas été rapproché du catalogue")
        best = unknown[0].suggestions[0]
        if not best.label.startswith("RS-CONNEXIONS"):
            raise CheckFailed(f"suggestion inattendue : {best.label}")
        return f"« {unknown[0].written} » → {best.label.split(' — ')[0]} ({best.score:.0f}/100)"

    def main_window(self) -> str:
        from PySide6.QtWidgets import QApplication

        from clu_desktop.app import create_application
        from clu_desktop.gui.main_window import MainWindow, meeting_count_text

        self.app = create_application()
        window = MainWindow(self.db)
        try:
            window.show()
            deadline = time.monotonic() + WINDOW_TIMEOUT_S
            while not (window.windowHandle() and window.windowHandle().isExposed()):
                if time.monotonic() > deadline:
                    raise CheckFailed(f"la fenêtre ne s'est pas affichée en {WINDOW_TIMEOUT_S} s")
                QApplication.processEvents()
                time.sleep(0.01)
            QApplication.processEvents()
            demo = self.demo
            if window.meeting_id is None:
                raise CheckFailed("la fenêtre ne montre aucune séance")
            if window.meeting_id != demo.meeting_id:
                raise CheckFailed(
                    f"la fenêtre montre la séance {window.meeting_id}, "
                    f"pas la séance de démonstration (n° {demo.meeting_id})"
                )
            summary = window.navigator.tree_model.summary_by_id(demo.meeting_id)
            if summary is None or summary.title != demo.title:
                raise CheckFailed("la liste des séances ne montre pas la démonstration")
            if window.count_label.text() != meeting_count_text(1):
                raise CheckFailed(f"la barre d'état indique « {window.count_label.text()} »")
            qt_french_texts()
        finally:
            window.close()
            window.deleteLater()
            QApplication.processEvents()
        platform = QApplication.platformName()
        if self.fallback and platform == "offscreen":
            return "plateforme offscreen : aucun écran disponible, fenêtre ouverte hors écran"
        return f"plateforme {platform}"

    def export(self, kind: str) -> str:
        """Export one document into the temporary folder and read it back."""
        from clu_desktop.services.documents import export as document_export

        export, heading, file_name = {
            "minutes": (document_export.export_minutes, "COMPTE-RENDU", "compte-rendu.pdf"),
            "agenda": (document_export.export_agenda, "CONVOCATION", "convocation.pdf"),
            "sign-in-sheet": (
                document_export.export_sign_in_sheet,
                "ÉMARGEMENT",
                "emargement.pdf",
            ),
        }[kind]
        demo = self.demo
        target = self.folder / file_name
        with self.db.reading() as session:
            path = Path(export(session, demo.meeting_id, target))
        expected = [heading, demo.title.upper(), french_date(demo.date)]
        if kind == "agenda":
            expected += demo.item_titles
        if kind == "sign-in-sheet":
            expected += [name.upper() for name in demo.last_names]
        else:
            expected += [name for name in demo.last_names]
        return check_pdf(path, expected)

    def export_editable(self) -> str:
        """The minutes as .odt and .docx, read back: the title in the first heading
        style, the participants' names."""
        from clu_desktop.services.documents import export as document_export

        demo = self.demo
        with self.db.reading() as session:
            for suffix, part, heading in (
                (".odt", "content.xml", 'text:style-name="Heading_20_1"'),
                (".docx", "word/document.xml", '<w:pStyle w:val="Heading1"/>'),
            ):
                path = self.folder / f"compte-rendu{suffix}"
                document_export.export_minutes_as(session, demo.meeting_id, path)
                with zipfile.ZipFile(path) as archive:
                    xml = archive.read(part).decode("utf-8")
                title = xml.find(heading)
                if title < 0 or "COMPTE-RENDU" not in xml[title : title + 400]:
                    raise CheckFailed(f"le fichier {suffix} n'a pas son titre en « Titre 1 »")
                text = _normalised(re.sub(r"<[^>]+>", " ", xml))
                missing = [name for name in demo.last_names if name not in text]
                if missing:
                    raise CheckFailed(f"le fichier {suffix} ne contient pas « {missing[0]} »")
        return ".odt et .docx relus"


QT_DIALOG_TEXTS = (  # (context, English source, French): Qt's file, print and colour dialogs
    ("QFileDialog", "&Open", "&Ouvrir"),
    ("QPrintDialog", "Print", "Imprimer"),
    ("QColorDialog", "Select Color", "Sélectionner une couleur"),
)


def qt_french_texts() -> None:
    """Qt's own dialogs speak French: its translation (qtbase_fr.qm) was found and loaded."""
    from PySide6.QtCore import QCoreApplication

    for context, source, french in QT_DIALOG_TEXTS:
        shown = QCoreApplication.translate(context, source)
        if shown != french:
            raise CheckFailed(
                f"les boîtes de dialogue de Qt ne sont pas en français (« {shown} » au lieu "
                f"de « {french} ») : le fichier qtbase_fr.qm manque à l'installation"
            )


def _normalised(text: str) -> str:
    return " ".join(text.split())


def check_pdf(path: Path, expected: list[str]) -> str:
    """Open ``path`` with pypdf; every page numbered "page x / n"; every expected string
    in its text (case-insensitive, whitespace folded). Returns "n pages"."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    if not path.is_file() or path.stat().st_size == 0:
        raise CheckFailed(f"le fichier « {path.name} » n'a pas été écrit")
    try:
        reader = PdfReader(path)
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PyPdfError, ValueError, OSError) as exc:
        raise CheckFailed(f"« {path.name} » n'est pas un PDF lisible ({exc})") from exc
    if not pages:
        raise CheckFailed(f"« {path.name} » n'a aucune page")
    count = len(pages)
    for number, text in enumerate(pages, start=1):
        if f"page {number} / {count}" not in _normalised(text):
            raise CheckFailed(f"la page {number} ne porte pas « page {number} / {count} »")
    text = _normalised(" ".join(pages)).casefold()
    missing = [item for item in expected if _normalised(item).casefold() not in text]
    if missing:
        shown = ", ".join(f"« {item} »" for item in missing[:3])
        more = f" et {len(missing) - 3} autre(s)" if len(missing) > 3 else ""
        raise CheckFailed(f"le PDF ne contient pas {shown}{more}")
    return f"{count} page{'s' if count > 1 else ''}, {path.stat().st_size // 1024} Ko"


def run(stream=None) -> int:
    """Run every step, print the report on ``stream`` (stdout); return the exit code."""
    stream = sys.stdout if stream is None else stream
    report = Report(stream)
    started = time.monotonic()
    report.say(f"Auto-test de CLU Desktop {__version__}")
    # On Windows a file still open cannot be deleted: the verdict matters more than a
    # leftover in the temporary folder.
    with tempfile.TemporaryDirectory(
        prefix="clu-desktop-autotest-", ignore_cleanup_errors=True
    ) as name:
        folder = Path(name)
        chosen = choose_platform()
        if chosen is not None:
            os.environ["QT_QPA_PLATFORM"] = chosen
        isolate_user_folders(folder)
        test = SelfTest(folder, report)
        test.fallback = chosen is not None
        try:
            _run_steps(test, report)
        finally:
            if test.db is not None:
                from clu_desktop.store import instance_lock

                test.db.dispose()
                instance_lock.release_all()
    seconds = f"{time.monotonic() - started:.1f}".replace(".", ",")
    if report.failed:
        names = ", ".join(f"« {label} »" for label in report.failed)
        where = "à l'étape" if len(report.failed) == 1 else "aux étapes"
        report.say(f"Auto-test échoué {where} {names}.")
        return EXIT_FAILED
    report.say(f"Auto-test réussi : {report.passed} étapes en {seconds} s.")
    return EXIT_OK


def _run_steps(test: SelfTest, report: Report) -> None:
    # The later steps need the database and the demo: without them, they are not run.
    if not report.step("base de données temporaire créée", test.open_database):
        return
    if not report.step("base de démonstration chargée", test.load_demo):
        return
    if not report.step("séance de démonstration relue", test.read_back):
        return
    report.step("tableur lu, noms rapprochés du catalogue", test.spreadsheet)
    report.step("fenêtre principale ouverte sur la séance", test.main_window)
    report.step("compte-rendu exporté et vérifié", lambda: test.export("minutes"))
    report.step("compte-rendu modifiable exporté et relu", test.export_editable)
    report.step("convocation exportée et vérifiée", lambda: test.export("agenda"))
    report.step("feuille d'émargement exportée et vérifiée", lambda: test.export("sign-in-sheet"))
