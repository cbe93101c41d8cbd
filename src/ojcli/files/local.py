"""Questionnaires that live beside the answers, and what to say when a questionnaire is nowhere.

A questionnaire file (e.g. a prepared `oj-eb-2027.toml`) in the folder of an answers file is
found without options: by its file name when that is its id, else by reading the top-level
keys of each `.toml` file there. A local file with the id of a bundled one wins (the loaded
questionnaire says so: `ojcli.model.identity.notices`).
"""

from __future__ import annotations

import os
import re
import stat
import tomllib
from pathlib import Path
from typing import TypeGuard

from ojcli.errors import UsageError, did_you_mean

_HEAD_BYTES = 16_384  # top-level keys come first; a questionnaire's fit well within this
_FIRST_BYTES = 1024  # an answers file reaches its [meta] table within these


class LocalQuestionnaire:
    """A questionnaire file found in a folder: its id and year, read without validating it."""

    # A plain class: creating a NamedTuple class costs `score` start-up at every run.
    __slots__ = ("id", "path", "year")

    def __init__(self, id: str, year: int, path: Path) -> None:
        self.id, self.year, self.path = id, year, path


_SNIFF_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)


def sniff(path: Path) -> LocalQuestionnaire | None:
    """The id and year of a questionnaire file; None for anything else (e.g. an answers file).

    Reads only the keys before the first table: an answers file starts with `[meta]` (after
    comments), a questionnaire with `format_version`, `id` and `year`. This runs for every file
    of an answers folder, so an answers file is told apart from its first lines without a
    parse. Loading the file later checks it in full.
    """
    try:
        # os-level calls: a buffered file object costs more than the read itself. A named pipe
        # among the files is not waited for (O_NONBLOCK), and nothing but a file is read.
        fd = os.open(path, _SNIFF_FLAGS)
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return None
            raw = os.read(fd, _FIRST_BYTES)
            if b"\n[" not in raw and len(raw) == _FIRST_BYTES:  # long top-level keys
                raw += os.read(fd, _HEAD_BYTES - _FIRST_BYTES)
        finally:
            os.close(fd)
    except OSError:
        return None
    table = raw.find(b"\n[")
    head = (raw if table < 0 else raw[:table]).decode("utf-8", errors="replace")
    top, keyed = [], False
    for line in head.removeprefix("\ufeff").splitlines():
        start = line.lstrip()[:1]
        if start == "[":  # the first table: top-level keys come before it
            break
        keyed = keyed or start not in ("", "#")
        top.append(line)
    if not keyed:  # comments only, as an answers file starts: no need to parse them
        return None
    try:
        # tomllib is loaded already and reads the keys as any TOML reader would; compiling
        # patterns of our own would cost `score` more than parsing these few lines.
        keys = tomllib.loads("\n".join(top))
    except tomllib.TOMLDecodeError:
        return None
    qid, year = keys.get("id"), keys.get("year")
    if "format_version" not in keys or not _is_id(qid) or type(year) is not int:
        return None
    return LocalQuestionnaire(qid, year, path)


_ID_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")


def _is_id(value: object) -> TypeGuard[str]:
    """Whether a value can be a questionnaire id (and so a file name): a-z, 0-9 and -."""
    return (
        isinstance(value, str)
        and 0 < len(value) <= 80
        and not value.startswith("-")
        and _ID_CHARACTERS.issuperset(value)
    )


_listed: dict[tuple[str, int], list[LocalQuestionnaire]] = {}


def questionnaires_in(folder: Path) -> list[LocalQuestionnaire]:
    """The questionnaire files directly in a folder, by file name (remembered per folder state)."""
    try:
        key = (str(folder), folder.stat().st_mtime_ns)
        if key not in _listed:
            # os.scandir, not Path.glob: glob compiles a pattern, which `score` would pay for.
            with os.scandir(folder) as entries:
                names = sorted(e.name for e in entries if e.name.endswith(".toml"))
            _listed[key] = [found for name in names if (found := sniff(folder / name)) is not None]
        return _listed[key]
    except OSError:
        return []


def find_beside(folder: Path, key: str | int) -> LocalQuestionnaire | None:
    """A questionnaire in `folder` with this id or year; the last by file name when several."""
    named = folder / f"{key}.toml"
    if _is_id(key):
        found = sniff(named) if named.is_file() else None
        if found is not None and found.id == key:
            return found
    matches = [q for q in questionnaires_in(folder) if str(key) in (q.id, str(q.year))]
    return matches[-1] if matches else None


_YEAR_ID = r"(oj-eb-)?(\d{4})"  # compiled only when a questionnaire is missing


class QuestionnaireNotFoundError(UsageError):
    """No questionnaire has this id or year: not beside the answers (`beside`), not bundled."""

    def __init__(self, key: str, beside: Path | None, bundled: list[tuple[str, int]]):
        """`bundled`: the id and year of each bundled questionnaire, oldest first."""
        self.key, self.beside, self.bundled = key, beside, bundled
        asked = re.fullmatch(_YEAR_ID, key.strip())
        year = None if asked is None else int(asked.group(2))
        if asked is None or year is None:
            hint = did_you_mean(key, [qid for qid, _ in bundled])
        else:  # the nearest year, as an id if an id was asked for
            near = min(bundled, key=lambda b: (abs(b[1] - year), -b[1]))
            hint = f" – menade du '{near[0] if asked.group(1) else near[1]}'?"
        later = year is not None and year > bundled[-1][1]
        from ojcli import messages  # only when a questionnaire is missing

        super().__init__(
            messages.questionnaire_not_found(
                key, hint, [y for _, y in bundled], year if later else None
            )
        )

    def for_answers(self) -> str:
        """The same for an answers file that names the questionnaire: where ojcli looked, what to do.

        Never "menade du" another year: answers given to one year's questionnaire are not
        judged by another's.
        """
        bundled = self.bundled
        years = f"{bundled[0][1]}–{bundled[-1][1]}" if bundled else "inga"
        typo = (
            ""
            if re.fullmatch(_YEAR_ID, self.key)
            else did_you_mean(self.key, [q for q, _ in bundled])
        )
        from ojcli import messages

        return messages.questionnaire_not_found_for_answers(self.key, typo, self.beside, years)
