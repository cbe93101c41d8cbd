"""Read questionnaire and answers files into models, with Swedish errors that name file and line."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import ValidationError

from ojcli import PACKAGE_DIR
from ojcli.errors import AnswersCheckError, LoadError, Problem, UsageError, did_you_mean
from ojcli.files.upgrade import too_new_message, upgrade_answers
from ojcli.model.answers import FORMAT_VERSION, AnswerSet, raw_answer_problems
from ojcli.model.questionnaire import QUESTIONNAIRE_FORMAT_VERSION, Questionnaire

MAX_FILE_BYTES = 5_000_000  # far above any real file; guards against reading garbage
MAX_PROBLEMS = 50  # a file with more is garbage; locating each would take long, helping no one


def capped(problems: list[Problem]) -> list[Problem]:
    """The first MAX_PROBLEMS problems, and a line saying there are more."""
    if len(problems) <= MAX_PROBLEMS:
        return problems
    more = Problem(f"… och fler fel; bara de {MAX_PROBLEMS} första visas.")
    return [*problems[:MAX_PROBLEMS], more]


# --- reading TOML --------------------------------------------------------------------------


def read_toml(path: Path, what: str) -> tuple[dict[str, Any], str]:
    """Read a TOML file as data and text; every failure becomes a LoadError."""
    try:
        if path.is_dir():
            raise LoadError(path, [Problem("det är en mapp, inte en fil")], what)
        raw = path.read_bytes()
    except FileNotFoundError:
        raise LoadError(path, [Problem("filen finns inte. Kontrollera sökvägen.")], what) from None
    except OSError as exc:
        raise LoadError(path, [Problem(f"filen kan inte läsas ({exc.strerror})")], what) from None
    if len(raw) > MAX_FILE_BYTES:
        raise LoadError(
            path, [Problem(f"filen är för stor ({len(raw)} byte) för att vara en {what}")], what
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        msg = "filen är inte UTF-8-kodad. Spara den som UTF-8 i textredigeraren och försök igen."
        raise LoadError(path, [Problem(msg, line=line)], what) from None
    text = text.removeprefix("\ufeff")  # a BOM from Windows editors is harmless; accept it
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        from ojcli.files.toml_errors import toml_problem  # only when a file is broken

        raise LoadError(path, [toml_problem(err, text)], what) from None
    except RecursionError:
        raise LoadError(path, [Problem("filen är för djupt nästlad")], what) from None
    except ValueError:  # an integer beyond Python's digit limit (4300): not a TOML error
        long = re.search(r"\d{1000,}", text)
        at = text.count("\n", 0, long.start()) + 1 if long else None
        raise LoadError(path, [Problem("ett tal har för många siffror", line=at)], what) from None
    return data, text


# --- pydantic errors in Swedish ----------------------------------------------------------------

_PYDANTIC_MESSAGES = {
    "missing": "saknas",
    "extra_forbidden": "är ett okänt fält – ta bort det eller rätta stavningen",
    "string_type": "ska vara text inom citattecken",
    "int_type": "ska vara ett heltal",
    "int_from_float": "ska vara ett heltal",
    "float_type": "ska vara ett tal",
    "bool_type": "ska vara true eller false",
    "list_type": "ska vara en lista [ … ]",
    "dict_type": "ska vara en tabell",
    "model_type": "ska vara en tabell",
    "date_type": "ska vara ett datum (ÅÅÅÅ-MM-DD, utan citattecken)",
    "date_from_datetime_inexact": "ska vara ett datum utan klockslag (ÅÅÅÅ-MM-DD)",
    "datetime_type": "ska vara en tidpunkt (ÅÅÅÅ-MM-DDTtt:mm:ss)",
    "string_pattern_mismatch": "har fel form",
    "string_too_short": "får inte vara tom",
    "too_short": "får inte vara tom",
    "string_too_long": "är för lång",
}


def _swedish(err: Any) -> str:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind == "value_error":
        return str(ctx.get("error", err["msg"]))
    if kind == "invalid_rule":
        return str(err["msg"])
    if kind == "literal_error":
        return f"ska vara en av {ctx.get('expected', '')}"
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        return f"okänd typ {ctx.get('tag', '')!s} – förväntade en av {ctx.get('expected_tags', '')}".replace(
            "  ", " "
        )
    if kind in ("greater_than_equal", "greater_than"):
        return f"ska vara minst {ctx.get('ge', ctx.get('gt'))}"
    if kind in ("less_than_equal", "less_than"):
        return f"får vara högst {ctx.get('le', ctx.get('lt'))}"
    if err["loc"] and err["loc"][-1] == "municipality_code":
        return 'ska vara en kommunkod med fyra siffror inom citattecken, t.ex. "0180"'
    if kind == "string_pattern_mismatch":
        return "har fel form: använd små bokstäver a–z, siffror och _ (eller - i indikator-id)"
    return _PYDANTIC_MESSAGES.get(kind, str(err["msg"]))


def _data_path(data: Any, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """The location as it exists in the file.

    pydantic also names union members ("single_choice", "list[str]") and rule tags, which are
    not keys in the file; leave those out.
    """
    node, path = data, list[Any]()
    for n, part in enumerate(loc):
        last = n == len(loc) - 1
        if isinstance(node, dict) and isinstance(part, str):
            if part in node:
                node = node[part]
                path.append(part)
            elif last:
                path.append(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            path.append(part)
    return tuple(path)


def _dotted(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def locate(text: str, data: Any, loc: tuple[Any, ...]) -> int | None:
    """Best-effort line number in `text` for a pydantic location in the parsed `data`.

    Follows the location through the data to the innermost table that has an `id`, then
    finds that id and the offending key below it; for plain tables finds `[table]` and key.
    """
    lines = text.splitlines()
    node, last_id, table = data, None, None
    key: str | None = None
    for part in loc:
        if isinstance(node, dict) and isinstance(part, str) and part in node:
            if isinstance(node.get("id"), str):
                last_id = node["id"]
            if node is data:
                table = part
            key, node = part, node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node, key = node[part], None
        else:
            key = part if isinstance(part, str) else key
            break
    if isinstance(node, dict) and isinstance(node.get("id"), str):
        last_id, key = node["id"], None
    start = 0
    if last_id is not None:
        id_line = _find(lines, rf"^\s*id\s*=\s*[\"']{re.escape(last_id)}[\"']", 0)
        if id_line is None:
            return None
        start = id_line
        if key is None:
            return id_line + 1
    elif table is not None:
        header = _find(lines, rf"^\s*\[\s*{re.escape(table)}\s*\]", 0)
        if header is not None:
            start = header
        if key == table:
            return None if header is None else header + 1
    if key is None:
        return None
    found = _find(lines, rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=", start)
    return None if found is None else found + 1


def _find(lines: list[str], pattern: str, start: int) -> int | None:
    rx = re.compile(pattern)
    return next((i for i in range(start, len(lines)) if rx.search(lines[i])), None)


def validation_problems(exc: ValidationError, text: str, data: Any) -> list[Problem]:
    """One Swedish problem per pydantic error, with field path and line where found."""
    problems: list[Problem] = []
    seen: set[tuple[Any, ...]] = set()
    for err in exc.errors():
        if len(problems) > MAX_PROBLEMS:  # garbage: finding lines for all would take long
            break
        loc = _data_path(data, tuple(err["loc"]))
        message = _swedish(err)
        if not loc and "\n" in message:  # cross-reference errors: one problem per line
            problems += [Problem(m) for m in message.splitlines()]
            continue
        if loc in seen:  # a union reports once per member; one message per place is enough
            continue
        seen.add(loc)
        problems.append(Problem(message, line=locate(text, data, loc), field=_dotted(loc) or None))
    return problems


# --- questionnaires ----------------------------------------------------------------------------


def bundled_questionnaire_dir() -> Path:
    """Where the shipped questionnaires are: the installed package, else the source tree.

    An editable install does not map hatchling's force-include, so fall back to the
    checkout's top-level `questionnaires/`.
    """
    packaged = PACKAGE_DIR / "questionnaires"
    if packaged.is_dir():
        return packaged
    return PACKAGE_DIR.parents[1] / "questionnaires"


class QuestionnaireInfo(NamedTuple):
    """What a questionnaire is, without validating all of it."""

    id: str
    year: int
    title: str
    path: Path


def list_questionnaires(directory: Path | None = None) -> list[QuestionnaireInfo]:
    """The bundled questionnaires, oldest year first."""
    directory = directory or bundled_questionnaire_dir()
    infos = []
    for path in sorted(directory.glob("*.toml")):
        data, _ = read_toml(path, "enkätfilen")
        infos.append(
            QuestionnaireInfo(
                str(data.get("id", path.stem)),
                int(data.get("year", 0)),
                str(data.get("title", "")),
                path,
            )
        )
    return sorted(infos, key=lambda i: i.year)


def find_questionnaire(key: str | int | None = None) -> Path:
    """The path of a bundled questionnaire by id, year, or file path; the latest when None."""
    if key is not None and str(key).endswith(".toml"):
        return Path(str(key))
    named = bundled_questionnaire_dir() / f"{key}.toml"
    # Files are named by id: no need to read them all. (A very long key is no file name.)
    if key is not None and len(str(key)) <= 100 and named.is_file():
        return named
    infos = list_questionnaires()
    if not infos:
        raise UsageError("Inga enkätfiler hittades i installationen. Installera om ojcli.")
    if key is None:
        return infos[-1].path
    for info in infos:
        if str(key) in (info.id, str(info.year)):
            return info.path
    years = ", ".join(str(i.year) for i in infos)
    hint = _nearest_year(str(key), infos) or did_you_mean(str(key), [i.id for i in infos])
    raise UsageError(f"Enkäten '{key}' finns inte{hint or '.'} Tillgängliga år: {years}.")


def _nearest_year(key: str, infos: list[QuestionnaireInfo]) -> str:
    """For a year (or an id with a year) that has no questionnaire, " – menade du '2024'?"."""
    asked = re.fullmatch(r"(oj-eb-)?(\d{4})", key.strip())
    if asked is None:
        return ""
    year = int(asked.group(2))
    near = min(infos, key=lambda i: (abs(i.year - year), -i.year))
    return f" – menade du '{near.id if asked.group(1) else near.year}'?"


def load_questionnaire(path: Path) -> Questionnaire:
    """Read and fully validate one questionnaire file (served from the user's cache when unchanged)."""
    from ojcli.files.cache import cached_questionnaire

    try:
        raw = path.read_bytes()
    except OSError:
        raw = b""  # read_toml below reports the problem in Swedish
    return (
        cached_questionnaire(raw, lambda: _validate_questionnaire(path))
        if raw
        else _validate_questionnaire(path)
    )


def _validate_questionnaire(path: Path) -> Questionnaire:
    data, text = read_toml(path, "enkätfilen")
    version = data.get("format_version")
    if isinstance(version, int) and version > QUESTIONNAIRE_FORMAT_VERSION:
        msg = f"filen har formatversion {version}, men den här versionen av ojcli läser högst {QUESTIONNAIRE_FORMAT_VERSION}. Uppdatera ojcli."
        raise LoadError(path, [Problem(msg, field="format_version")], "enkätfilen")
    try:
        return Questionnaire.model_validate(data)
    except ValidationError as exc:
        raise LoadError(path, validation_problems(exc, text, data), "enkätfilen") from None


# --- answers ---------------------------------------------------------------------------------------


def load_answers(
    path: Path, questionnaire: Questionnaire | None = None
) -> tuple[AnswerSet, Questionnaire]:
    """Read an answers file and check every answer against its questionnaire.

    The questionnaire is the one named in `[meta]` unless given. Answers are checked
    against their questions first, so a wrong value gets a message about that question
    ("ska vara ett datum") rather than about every type an answer could have.
    """
    data, text = read_toml(path, "svarsfilen")
    meta = data.get("meta")
    version = meta.get("format_version") if isinstance(meta, dict) else None
    if isinstance(version, int) and version > FORMAT_VERSION:
        line = locate(text, data, ("meta", "format_version"))
        msg = too_new_message(version, text)
        raise LoadError(path, [Problem(msg, line=line, field="meta.format_version")], "svarsfilen")
    data, _ = upgrade_answers(data)  # an older format is read as the current one
    meta = data.get("meta")
    qid = meta.get("questionnaire") if isinstance(meta, dict) else None
    if questionnaire is None and isinstance(qid, str):
        try:
            if not re.fullmatch(r"[\w -]{1,100}", qid):  # an id, never a path: no / : or .
                raise UsageError(f"Enkäten '{qid}' finns inte: ange enkätens id, t.ex. oj-eb-2019.")
            questionnaire = load_questionnaire(find_questionnaire(qid))
        except UsageError as exc:
            line = locate(text, data, ("meta", "questionnaire"))
            raise LoadError(
                path, [Problem(str(exc), line=line, field="meta.questionnaire")], "svarsfilen"
            ) from None

    problems = [] if questionnaire is None else raw_answer_problems(data, questionnaire)
    checked = {p.field for p in problems}
    try:
        answers = AnswerSet.model_validate(data)
    except ValidationError as exc:
        problems += [p for p in validation_problems(exc, text, data) if p.field not in checked]
        answers = None
    problems = [
        Problem(p.message, line=p.line or locate(text, data, _loc(p.field)), field=p.field)
        for p in capped(problems)
    ]
    if problems or answers is None or questionnaire is None:
        raise LoadError(path, problems, "svarsfilen")
    return answers, questionnaire


def check_dates(path: Path, answers: AnswerSet, today: dt.date) -> None:
    """Raise AnswersCheckError naming each date answer after today: it cannot have happened yet."""
    from ojcli.model.dates import dates_after_today

    late = dates_after_today(answers.answers, today)
    if not late:
        return
    data, text = read_toml(path, "svarsfilen")
    raise AnswersCheckError(
        path,
        [
            Problem(
                f"{why}; svaren gäller det som redan har hänt. Rätta datumet.",
                line=locate(text, data, ("answers", qid)),
                field=f"answers.{qid}",
            )
            for qid, why in late.items()
        ],
    )


def _loc(field: str | None) -> tuple[str, ...]:
    return tuple(field.split(".", 1)) if field else ()


def example_answers() -> Path:
    """The bundled example answers file used by `ojcli demo`."""
    return PACKAGE_DIR / "data" / "exempel-2019.toml"
