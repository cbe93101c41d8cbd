"""Read questionnaire and answers files into models, with Swedish errors that name file and line.

Also which questionnaires there are: `find_questionnaire` for one lookup, `Questionnaires`
for a run that reads many answers files (each questionnaire loaded once, one checker each).
Answers come out checked against their questionnaire (`CheckedAnswers`) by the one
`AnswerChecker`.
"""

import re
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import ValidationError

from ojcli import PACKAGE_DIR
from ojcli.errors import (
    MAX_PROBLEMS,
    InvalidFileError,
    LoadError,
    OjcliError,
    Problem,
    UsageError,
)
from ojcli.files.reading import MAX_FILE_BYTES as MAX_FILE_BYTES  # part of reading a file
from ojcli.files.reading import read_regular
from ojcli.files.upgrade import upgrade_answers
from ojcli.model import identity
from ojcli.model.answers import FORMAT_VERSION, AnswerChecker, AnswerSet, CheckedAnswers
from ojcli.model.questionnaire import QUESTIONNAIRE_FORMAT_VERSION, Questionnaire

# --- reading TOML --------------------------------------------------------------------------


def read_toml(path: Path, what: str) -> tuple[dict[str, Any], str]:
    """Read a TOML file as data and text; every failure becomes a LoadError."""
    raw = read_regular(path, what)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        from ojcli import messages

        raise messages.not_utf8(path, what, raw[: exc.start].count(b"\n") + 1) from None
    text = text.removeprefix("\ufeff")  # a BOM from Windows editors is harmless; accept it
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        from ojcli.files.toml_errors import toml_problem  # only when a file is broken

        raise LoadError(path, [toml_problem(err, text)], what) from None
    except RecursionError:
        from ojcli import messages

        raise messages.nested_too_deep(path, what) from None
    except ValueError:  # an integer beyond Python's digit limit (4300): not a TOML error
        from ojcli import messages

        long = re.search(r"\d{1000,}", text)
        at = text.count("\n", 0, long.start()) + 1 if long else None
        raise messages.too_many_digits(path, what, at) from None
    return data, text


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


def find_questionnaire(key: str | int | None = None, beside: Path | None = None) -> Path:
    """The path of a questionnaire by id, year, or file path; the latest bundled one when None.

    With `beside` (the answers file's folder, or the current one), a questionnaire file there
    with that id or year wins over a bundled one (the questionnaire says so once loaded: see
    `ojcli.model.identity.notices`).

    Raises:
        QuestionnaireNotFoundError (a UsageError): when no questionnaire has that id or year.
    """
    if key is not None and str(key).endswith(".toml"):
        return Path(str(key))
    if key is not None and beside is not None and len(str(key)) <= 100:
        from ojcli.files.local import find_beside

        local = find_beside(beside, key)
        if local is not None:
            return local.path
    named = bundled_questionnaire_dir() / f"{key}.toml"
    # Files are named by id: no need to read them all. (A very long key is no file name.)
    if key is not None and len(str(key)) <= 100 and _is_file(named):
        return named
    infos = list_questionnaires()
    if not infos:
        from ojcli import messages

        raise messages.no_questionnaires_installed()
    if key is None:
        return infos[-1].path
    for info in infos:
        if str(key) in (info.id, str(info.year)):
            return info.path
    from ojcli.files.local import QuestionnaireNotFoundError

    raise QuestionnaireNotFoundError(str(key), beside, [(i.id, i.year) for i in infos])


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # e.g. a name too long for the file system: 100 letters of 4 bytes each
        return False


class Questionnaires:
    """The questionnaires of one run, each found, loaded and validated at most once.

    A key that finds nothing, or a file that does not load, fails the same way each time it
    is asked for, without being looked up again.
    """

    def __init__(self, given: Iterable[Path] = ()) -> None:
        """`given`: questionnaire files (`--enkat`) that answers naming their id are judged by.

        Raises:
            LoadError: when a given file cannot be read or is invalid.
            UsageError: when two given files have the same id.
        """
        self._found: dict[tuple[str | int | None, Path | None], Questionnaire | OjcliError] = {}
        self._loaded: dict[Path, Questionnaire] = {}
        self._checkers: dict[int, tuple[Questionnaire, AnswerChecker]] = {}
        self._given: dict[str, Questionnaire] = {}
        for path in given:
            q = self.load(path)
            if q.id in self._given and self._given[q.id] is not q:
                from ojcli import messages

                raise messages.two_enkat_same_id(q.id, str(origin_path(self._given[q.id])), path)
            self._given[q.id] = q

    @property
    def given(self) -> list[Questionnaire]:
        """The questionnaires given with `--enkat`, in the order given."""
        return list(self._given.values())

    def find(self, key: str | int | None = None, beside: Path | None = None) -> Questionnaire:
        """A questionnaire by id, year or file path (see `find_questionnaire`); the latest for None.

        A given questionnaire (`--enkat`) with that id comes first; then, with `beside`, a
        questionnaire file in that folder, before a bundled one.

        Raises:
            UsageError: when no questionnaire has that id or year.
            LoadError: when its file cannot be read or is invalid.
        """
        if self._given and key in self._given:
            return self._given[key]
        found = self._found.get((key, beside))
        if found is None:
            try:
                found = self.load(find_questionnaire(key, beside))
            except OjcliError as exc:
                found = exc
            self._found[key, beside] = found
        if isinstance(found, OjcliError):
            raise found.with_traceback(None)  # the same error again, not a longer traceback
        return found

    def load(self, path: Path) -> Questionnaire:
        """The questionnaire in this file (LoadError when it cannot be read or is invalid)."""
        if path not in self._loaded:
            self._loaded[path] = load_questionnaire(path)
        return self._loaded[path]

    def checker(self, questionnaire: Questionnaire) -> AnswerChecker:
        """The one answers checker for this questionnaire, kept for the whole run."""
        held = self._checkers.get(id(questionnaire))
        if held is None:  # the questionnaire is kept with it, so its id() is never reused
            held = self._checkers[id(questionnaire)] = (questionnaire, AnswerChecker(questionnaire))
        return held[1]


def load_questionnaire(path: Path) -> Questionnaire:
    """Read and fully validate one questionnaire file (served from the user's cache when unchanged)."""
    from ojcli.files.cache import cached_questionnaire

    raw = read_regular(path, "enkätfilen")
    if not raw:  # read_toml below says what an empty file lacks
        return _validate_questionnaire(path)
    questionnaire = cached_questionnaire(raw, lambda: _validate_questionnaire(path))
    bundled = _is_bundled(path, questionnaire.id)
    origin = identity.Origin(path, raw, bundled=bundled is True, replaces_bundled=bundled is False)
    identity.record(questionnaire, origin=origin)
    return questionnaire


def _is_bundled(path: Path, qid: str) -> bool | None:
    """Whether a file is the bundled questionnaire with its id; None when none is bundled."""
    bundled = bundled_questionnaire_dir()
    if path.parent == bundled:  # how find_questionnaire names a bundled file: no file access
        return True
    twin = bundled / f"{qid}.toml"
    if not _is_file(twin):
        return None
    try:
        return path.samefile(twin)
    except OSError:
        return False


def origin_path(q: Questionnaire) -> Path | None:
    """The file a questionnaire was read from; None for one built in memory."""
    origin = identity.origin_of(q)
    return None if origin is None else origin.path


def _validate_questionnaire(path: Path) -> Questionnaire:
    data, text = read_toml(path, "enkätfilen")
    from ojcli.files.kind import check_kind

    check_kind(path, data, text, "questionnaire")  # an answers file? "Year"? one line says
    version = data.get("format_version")
    if isinstance(version, int) and version > QUESTIONNAIRE_FORMAT_VERSION:
        from ojcli import messages

        raise messages.newer_questionnaire_format(path, version, QUESTIONNAIRE_FORMAT_VERSION)
    try:
        questionnaire = Questionnaire.model_validate(data)
    except ValidationError as exc:
        from ojcli.files.model_errors import validation_problems

        raise InvalidFileError(path, validation_problems(exc, text, data), "enkätfilen") from None
    # Parsed here anyway: the fingerprint costs no second parse, and the cache keeps it.
    identity.record(questionnaire, fingerprint=identity.content_fingerprint(data))
    return questionnaire


# --- answers ---------------------------------------------------------------------------------------


def load_answers(
    path: Path,
    questionnaire: Questionnaire | None = None,
    *,
    questionnaires: Questionnaires | None = None,
) -> tuple[CheckedAnswers, Questionnaire]:
    """Read an answers file and check every answer against its questionnaire.

    The questionnaire is the one named in `[meta]` unless given; see `answers_from_data`.
    """
    data, text = read_toml(path, "svarsfilen")
    return answers_from_data(path, data, text, questionnaire, questionnaires=questionnaires)


def answers_from_data(
    path: Path,
    data: dict[str, Any],
    text: str,
    questionnaire: Questionnaire | None = None,
    *,
    questionnaires: Questionnaires | None = None,
) -> tuple[CheckedAnswers, Questionnaire]:
    """Check an answers file already parsed by `read_toml` (its data and text).

    An older format is upgraded; the questionnaire named in `[meta]` is found in
    `questionnaires` (which keeps each questionnaire and its checker for the next file)
    unless given. Answers are checked against their questions first, so a wrong value gets a
    message about that question ("ska vara ett datum") rather than about every type an answer
    could have.

    Raises:
        LoadError: naming file, line and field of every problem, in Swedish.
    """
    if not data or not _ANSWERS_NAMES.issuperset(data):  # empty, or a name answers lack
        from ojcli.files.kind import check_kind  # a questionnaire? "[Meta]"? one line says

        check_kind(path, data, text, "answers")
    meta = data.get("meta")
    version = meta.get("format_version") if isinstance(meta, dict) else None
    if isinstance(version, int) and version > FORMAT_VERSION:
        from ojcli import __version__, messages
        from ojcli.files.upgrade import writer_of

        line = _locate(text, data, ("meta", "format_version"))
        here = (__version__, FORMAT_VERSION)
        raise messages.newer_answers_format(path, version, here, writer_of(text), line)
    data, _ = upgrade_answers(data)  # an older format is read as the current one
    if questionnaires is None:
        questionnaires = Questionnaires()
    meta = data.get("meta")
    qid = meta.get("questionnaire") if isinstance(meta, dict) else None
    if questionnaire is None and isinstance(qid, str):
        try:
            if not _QUESTIONNAIRE_ID.fullmatch(qid):  # an id, never a path: no / : or .
                from ojcli import messages

                raise messages.questionnaire_id_is_a_path(qid)
            questionnaire = questionnaires.find(qid, beside=path.parent)
        except UsageError as exc:
            from ojcli.files.local import QuestionnaireNotFoundError

            line = _locate(text, data, ("meta", "questionnaire"))
            why = exc.for_answers() if isinstance(exc, QuestionnaireNotFoundError) else str(exc)
            raise InvalidFileError(
                path, [Problem(why, line=line, field="meta.questionnaire")], "svarsfilen"
            ) from None

    problems: list[Problem] = []
    invalid: ValidationError | None = None
    if questionnaire is None:  # nothing to check the answers against: the model says what is wrong
        try:
            AnswerSet.model_validate(data)
        except ValidationError as exc:
            invalid = exc
    else:
        checked = questionnaires.checker(questionnaire).check(data, limit=MAX_PROBLEMS + 1)
        if isinstance(checked, CheckedAnswers):
            return checked, questionnaire
        problems, invalid = checked
    from ojcli.files.model_errors import capped, validation_problems

    if invalid is not None:
        reported = {p.field for p in problems}
        problems += [p for p in validation_problems(invalid, text, data) if p.field not in reported]
    problems = [
        Problem(p.message, line=p.line or _locate(text, data, _loc(p.field)), field=p.field)
        for p in capped(problems)
    ]
    raise InvalidFileError(path, problems, "svarsfilen")


_QUESTIONNAIRE_ID = re.compile(r"[\w -]{1,100}")
_ANSWERS_NAMES = frozenset(AnswerSet.model_fields)  # [meta], [answers], [comments]


def _locate(text: str, data: Any, loc: tuple[Any, ...]) -> int | None:
    """The line of a field, for a message: only a file with a problem needs model_errors."""
    from ojcli.files.model_errors import locate

    return locate(text, data, loc)


def _loc(field: str | None) -> tuple[str, ...]:
    return tuple(field.split(".", 1)) if field else ()


def example_answers() -> Path:
    """The bundled example answers file used by `ojcli demo`."""
    return PACKAGE_DIR / "data" / "exempel-2019.toml"
