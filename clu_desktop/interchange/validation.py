"""Reading and checking a meeting file, with French messages that say where it is wrong.

A file is checked whole before anything is imported: first as JSON, then against the
JSON Schema (``meeting.schema.json``, a well-kept validator does that part), then for
what a schema cannot say (references between records, consistent attendance, periods
that match their indicator, and the official record: see :mod:`record_checks`).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections.abc import Iterable, Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
from jsonschema.exceptions import ValidationError, best_match

from clu_desktop.errors import UserError
from clu_desktop.files import os_error_reason
from clu_desktop.interchange.content_checks import (
    duplicate_problems,
    shape_problems,
    value_problems,
)
from clu_desktop.interchange.meeting_file import MeetingData
from clu_desktop.interchange.record_checks import RecordChecker
from clu_desktop.interchange.text_encoding import EncodingProblem, decode_utf8
from clu_desktop.interchange.unicode_text import MAX_RECORDS, count_records, surrogate_paths
from clu_desktop.rules.fields import is_blank

FORMAT_NAME = "clu-desktop-meeting"
#: The version the export writes; the import reads every version of READ_VERSIONS.
FORMAT_VERSION = 2
READ_VERSIONS = (1, 2)
MAX_FILE_BYTES = 300 * 1024 * 1024
MAX_REPORTED_ERRORS = 10
PERIOD_SHAPES = {"year": "AAAA", "quarter": "AAAA-Tn", "month": "AAAA-MM"}

#: A place in the file: keys and list indexes from its root.
Where = list[str | int]

JSON_TYPES = {
    "string": "un texte",
    "integer": "un nombre entier",
    "number": "un nombre",
    "boolean": "true ou false",
    "object": "un objet { … }",
    "array": "une liste [ … ]",
    "null": "null",
}


class MeetingFileError(UserError):
    """The file cannot be imported; the message lists each problem and its place."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.problems = problems
        shown = problems[:MAX_REPORTED_ERRORS]
        more = len(problems) - len(shown)
        lines = [f"Le fichier « {source} » n'a pas été importé :"]
        lines += [f"  • {p}" for p in shown]
        if more:
            lines.append(f"  … et {more} autre(s) problème(s).")
        lines.append("Rien n'a été modifié dans la base.")
        super().__init__("\n".join(lines))


@cache
def schema() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("meeting.schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def place(path: Iterable[str | int]) -> str:
    """A place in the file as a reader finds it: ``meeting.agenda[2].title``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out or "racine du fichier"


def read_meeting_file(path: Path) -> MeetingData:
    """Parse and check a meeting file; raise MeetingFileError with every problem found."""
    source = path.name
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise MeetingFileError(source, [f"fichier trop gros ({size // 2**20} Mio)."])
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise UserError(f"Le fichier « {path} » n'existe pas.") from exc
    except IsADirectoryError as exc:
        raise UserError(f"« {path} » est un dossier, pas un fichier.") from exc
    except OSError as exc:
        raise UserError(f"Impossible de lire « {path} » : {os_error_reason(exc)}.") from exc
    data: MeetingData = parse_json(raw, source)
    check_meeting_data(data, source)
    return data


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"clé « {key} » en double dans un même objet")
        result[key] = value
    return result


def _refuse_constant(name: str) -> None:
    raise ValueError(f"valeur {name} interdite")


def parse_json(raw: bytes, source: str) -> Any:
    if not raw.strip():
        raise MeetingFileError(source, ["le fichier est vide."])
    try:
        text = decode_utf8(raw)
    except EncodingProblem as exc:
        raise MeetingFileError(source, [f"{exc}."]) from exc
    try:
        data = json.loads(
            text, object_pairs_hook=_no_duplicate_keys, parse_constant=_refuse_constant
        )
    except json.JSONDecodeError as exc:
        problem = f"JSON mal formé, ligne {exc.lineno}, colonne {exc.colno} ({exc.msg})."
        raise MeetingFileError(source, [problem]) from exc
    except ValueError as exc:
        raise MeetingFileError(source, [f"JSON refusé : {exc}."]) from exc
    except RecursionError as exc:
        raise MeetingFileError(source, ["JSON imbriqué trop profondément."]) from exc
    if count_records(data) > MAX_RECORDS:
        limit = f"{MAX_RECORDS:_}".replace("_", " ")
        raise MeetingFileError(
            source, [f"trop d'enregistrements : plus de {limit} objets {{ … }} dans le fichier."]
        )
    broken = sorted({place(path) for path in surrogate_paths(data)})
    if broken:
        raise MeetingFileError(
            source,
            [
                f"{where} : texte abîmé, une moitié de caractère isolée (\\uD800 à \\uDFFF)."
                for where in broken
            ],
        )
    return data


def check_meeting_data(data: Any, source: str) -> None:
    """Check decoded data against the schema, then its references and consistency."""
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise MeetingFileError(source, ["ce n'est pas un fichier de séance CLU Desktop."])
    version = data.get("version")
    if isinstance(version, bool) or version not in READ_VERSIONS:
        raise MeetingFileError(
            source,
            [
                f"version {version!r} du format non prise en charge (cette application lit "
                f"les versions {' et '.join(map(str, READ_VERSIONS))})."
            ],
        )
    shape = shape_problems(data, place)
    if shape:
        raise MeetingFileError(source, shape)
    validator = _Validator(schema(), format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(data), key=lambda e: _sort_key(e.absolute_path))
    problems = list(dict.fromkeys(_schema_problem(error) for error in errors))
    if not problems:
        problems = list(ReferenceChecker(data).problems())
    if problems:
        raise MeetingFileError(source, problems)


def _pattern(validator: Any, pattern: Any, instance: Any, schema: Any) -> Iterator[ValidationError]:
    """The schema's pattern, and « \\S » (text required) refuses invisible-only text as
    the window does (rules.fields.is_blank)."""
    yield from _PATTERN(validator, pattern, instance, schema)
    if pattern == "\\S" and isinstance(instance, str) and is_blank(instance):
        yield ValidationError("blank")


_PATTERN = jsonschema.Draft202012Validator.VALIDATORS["pattern"]
# types-jsonschema leaves extend() unannotated.
_Validator = jsonschema.validators.extend(  # type: ignore[no-untyped-call]
    jsonschema.Draft202012Validator, {"pattern": _pattern}
)


def _sort_key(path: Iterable[str | int]) -> list[tuple[int, str | int]]:
    return [(0, p) if isinstance(p, int) else (1, p) for p in path]


def _schema_problem(error: ValidationError) -> str:
    if error.validator == "oneOf" and error.context:
        error = best_match(error.context)
    where = place(error.absolute_path)
    return f"{where} : {_explain(error)}"


def _explain(error: ValidationError) -> str:
    # The schema's keyword and value, and the file's value: JSON, any shape.
    kind: Any = error.validator
    expected: Any = error.validator_value
    value: Any = error.instance
    schema_part: Any = error.schema
    if kind == "required":
        missing = [k for k in expected if isinstance(value, dict) and k not in value]
        return f"le champ obligatoire « {', '.join(missing)} » manque."
    if kind == "additionalProperties":
        extra = sorted(set(value) - set(schema_part.get("properties", {})))
        return f"champ inconnu « {', '.join(extra)} »."
    if kind == "type":
        wanted: list[str] = expected if isinstance(expected, list) else [expected]
        names = " ou ".join(JSON_TYPES.get(t, t) for t in wanted)
        return f"{names} attendu, pas {_shown(value)}."
    if kind in ("enum", "const"):
        allowed = expected if kind == "enum" else [expected]
        names = ", ".join("null" if a is None else str(a) for a in allowed)
        return f"valeur {_shown(value)} non reconnue (attendu : {names})."
    if kind == "maxLength":
        return f"texte trop long : {len(value)} caractères, {expected} au plus."
    if kind == "minLength" or (kind == "pattern" and expected == "\\S"):
        if isinstance(value, str) and value.strip():
            return "ce champ ne peut pas être vide : il ne contient que des caractères invisibles."
        return "ce champ ne peut pas être vide."
    if kind == "pattern":
        return _explain_pattern(expected, value)
    if kind == "format":
        return f"date impossible : « {value} »."
    if kind == "maxItems":
        return f"liste trop longue : {len(value)} éléments, {expected} au plus."
    if kind == "minimum":
        return f"{value} est trop petit ({expected} au moins)."
    if kind == "maximum":
        return f"{value} est trop grand ({expected} au plus)."
    return f"valeur refusée ({error.message})."


def _explain_pattern(pattern: str, value: str) -> str:
    if "\\d{4}-\\d{2}-\\d{2}" in pattern:
        return f"date attendue au format AAAA-MM-JJ, pas « {value} »."
    if "[0-5]\\d" in pattern:
        return f"heure attendue au format HH:MM, pas « {value} »."
    if "-T[1-4]" in pattern:
        return f"période attendue sous la forme AAAA, AAAA-Tn ou AAAA-MM, pas « {value} »."
    return f"identifiant « {value} » invalide (1 à 64 lettres, chiffres, « - », « _ » ou « . »)."


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "…"


def parse_time(text: str | None) -> dt.time | None:
    return dt.time.fromisoformat(text) if text else None


def parse_date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def decode_file_data(text: str) -> bytes:
    return base64.b64decode(text, validate=True)


class ReferenceChecker:
    """What the schema cannot check: identifiers, references and consistency."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.found: list[str] = []
        self.ids: dict[str, set[str]] = {}

    def problems(self) -> Iterator[str]:
        data = self.data
        self._define("organisation", data.get("organisations", []), ["organisations"])
        self._define("personne", data.get("people", []), ["people"])
        self._define("site", data.get("sites", []), ["sites"])
        self._define("référentiel", data.get("referentials", []), ["referentials"])
        for i, ref in enumerate(data.get("referentials", [])):
            path: Where = ["referentials", i, "modules"]
            self._define(f"module:{ref['id']}", ref.get("modules", []), path)
        self._define("audit", data.get("audits", []), ["audits"])
        for i, audit in enumerate(data.get("audits", [])):
            self._define("constat", audit.get("findings", []), ["audits", i, "findings"])
        self._define("indicateur", data.get("indicators", []), ["indicators"])
        meeting = data["meeting"]
        items = list(_walk_items(meeting.get("agenda", []), ["meeting", "agenda"]))
        self._define("point", [item for item, _ in items if "id" in item], None, items)
        statements = [
            (st, [*path, "statements", j])
            for item, path in items
            for j, st in enumerate(item.get("statements", []))
        ]
        self._define("intervention", [s for s, _ in statements if "id" in s], None, statements)
        self._check_directory()
        self._check_quality()
        self._check_indicators()
        self._check_meeting(items, statements)
        for path, problem in [*duplicate_problems(data, items), *value_problems(data)]:
            self.found.append(f"{place(path)} : {problem}")
        if not self.found:  # the record's checks need sound references
            people = self.ids["personne"]
            for path, problem in RecordChecker(data, items, people).problems():
                self.found.append(f"{place(path)} : {problem}")
        yield from self.found

    # -- helpers ---------------------------------------------------------------------

    def _define(
        self,
        kind: str,
        records: list[dict[str, Any]],
        path: Where | None,
        placed: list[tuple[dict[str, Any], Where]] | None = None,
    ) -> None:
        seen = self.ids.setdefault(kind, set())
        if placed is not None:
            pairs = placed
        else:
            assert path is not None  # given when ``placed`` is not
            pairs = [(r, [*path, i]) for i, r in enumerate(records)]
        for record, where in pairs:
            if "id" not in record:
                continue
            if record["id"] in seen:
                self.found.append(
                    f"{place([*where, 'id'])} : identifiant « {record['id']} » en double."
                )
            seen.add(record["id"])

    def _ref(self, kind: str, value: str | None, where: Where, label: str) -> None:
        if value is not None and value not in self.ids.get(kind, set()):
            self.found.append(f"{place(where)} : {label} « {value} » introuvable dans le fichier.")

    # -- sections --------------------------------------------------------------------

    def _check_directory(self) -> None:
        for i, person in enumerate(self.data.get("people", [])):
            where: Where = ["people", i, "organisation"]
            self._ref("organisation", person.get("organisation"), where, "organisation")
        seen: set[str] = set()
        for i, member in enumerate(self.data["committee"].get("members", [])):
            where = ["committee", "members", i, "person"]
            self._ref("personne", member["person"], where, "personne")
            if member["person"] in seen:
                self.found.append(f"{place(where)} : « {member['person']} » est déjà membre.")
            seen.add(member["person"])

    def _check_quality(self) -> None:
        for section in ("labels", "audits"):
            for i, record in enumerate(self.data.get(section, [])):
                ref = record["referential"]
                self._ref("référentiel", ref, [section, i, "referential"], "référentiel")
                self._ref("site", record.get("site"), [section, i, "site"], "site")
                for j, module in enumerate(record.get("modules", [])):
                    where: Where = [section, i, "modules", j]
                    self._ref(f"module:{ref}", module, where, "module du référentiel")
                for j, finding in enumerate(record.get("findings", [])):
                    where = [section, i, "findings", j, "module"]
                    self._ref(f"module:{ref}", finding.get("module"), where, "module")

    def _check_indicators(self) -> None:
        for i, indicator in enumerate(self.data.get("indicators", [])):
            for j, site in enumerate(indicator.get("sites", [])):
                self._ref("site", site, ["indicators", i, "sites", j], "site")
            periodicity = indicator.get("periodicity", "year")
            seen: set[tuple[str, str | None]] = set()
            for j, value in enumerate(indicator.get("values", [])):
                where: Where = ["indicators", i, "values", j]
                self._ref("site", value.get("site"), [*where, "site"], "site")
                if _period_kind(value["period"]) != periodicity:
                    shape = PERIOD_SHAPES[periodicity]
                    self.found.append(
                        f"{place([*where, 'period'])} : période « {value['period']} » "
                        f"incohérente avec la périodicité de l'indicateur ({shape})."
                    )
                key = (value["period"], value.get("site"))
                if key in seen:
                    self.found.append(
                        f"{place(where)} : deux valeurs pour la période {value['period']} "
                        "et le même site."
                    )
                seen.add(key)

    def _check_meeting(
        self,
        items: list[tuple[dict[str, Any], Where]],
        statements: list[tuple[dict[str, Any], Where]],
    ) -> None:
        meeting = self.data["meeting"]
        for key in ("chair",):
            self._ref("personne", meeting.get(key), ["meeting", key], "personne")
        for key in ("signatory", "contact"):
            block = meeting.get(key) or {}
            self._ref("personne", block.get("person"), ["meeting", key, "person"], "personne")
        start, end = meeting.get("start_time"), meeting.get("end_time")
        start_at, end_at = parse_time(start), parse_time(end)
        if start_at is not None and end_at is not None and end_at < start_at:
            self.found.append("meeting.end_time : la séance finit avant de commencer.")
        self._check_attendance(meeting.get("attendance", []))
        for item, path in items:
            self._ref("personne", item.get("presenter"), [*path, "presenter"], "personne")
        for statement, path in statements:
            for k, speaker in enumerate(statement.get("speakers", [])):
                self._ref("personne", speaker, [*path, "speakers", k], "personne")
        for i, action in enumerate(meeting.get("actions", [])):
            where: Where = ["meeting", "actions", i]
            self._ref("point", action.get("agenda_item"), [*where, "agenda_item"], "point")
            self._ref("constat", action.get("finding"), [*where, "finding"], "constat")
            self._ref(
                "intervention", action.get("statement"), [*where, "statement"], "intervention"
            )
            self._ref("personne", action.get("owner"), [*where, "owner"], "personne")
        for i, annex in enumerate(meeting.get("annexes", [])):
            where = ["meeting", "annexes", i]
            for j, indicator in enumerate(annex.get("indicators", [])):
                self._ref("indicateur", indicator, [*where, "indicators", j], "indicateur")
            self._check_annex_file(annex, where)

    def _check_attendance(self, attendance: list[dict[str, Any]]) -> None:
        seen: set[str | None] = set()
        for i, entry in enumerate(attendance):
            where: Where = ["meeting", "attendance", i]
            person, deputy = entry.get("person"), entry.get("represented_by")
            self._ref("personne", person, [*where, "person"], "personne")
            self._ref("personne", deputy, [*where, "represented_by"], "personne")
            if person is not None and person in seen:
                self.found.append(f"{place(where)} : « {person} » est invité deux fois.")
            seen.add(person)
            arrived, left = entry.get("arrived_at"), entry.get("left_at")
            arrived_at, left_at = parse_time(arrived), parse_time(left)
            if arrived_at is not None and left_at is not None and left_at < arrived_at:
                self.found.append(f"{place([*where, 'left_at'])} : départ avant l'arrivée.")

    def _check_annex_file(self, annex: dict[str, Any], where: Where) -> None:
        data = annex.get("file_data")
        if annex["kind"] == "pdf" and not data:
            self.found.append(f"{place(where)} : annexe PDF sans contenu (file_data).")
        if not data:
            return
        try:
            content = decode_file_data(data)
        except (binascii.Error, ValueError):
            self.found.append(f"{place([*where, 'file_data'])} : contenu base64 illisible.")
            return
        if annex["kind"] == "pdf" and not content.startswith(b"%PDF"):
            self.found.append(f"{place([*where, 'file_data'])} : ce n'est pas un fichier PDF.")


def _walk_items(items: list[dict[str, Any]], path: Where) -> Iterator[tuple[dict[str, Any], Where]]:
    for i, item in enumerate(items):
        where: Where = [*path, i]
        yield item, where
        yield from _walk_items(item.get("items", []), [*where, "items"])


def _period_kind(period: str) -> str:
    if len(period) == 4:
        return "year"
    return "quarter" if "T" in period else "month"
