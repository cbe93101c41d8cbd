"""Questionnaires that live beside the answers, and the fingerprint an answers file remembers.

A questionnaire file (e.g. a prepared `oj-eb-2027.toml`) in the folder of an answers file is
found without options: by its file name when that is its id, else by reading the top-level
keys of each `.toml` file there. A local file with the id of a bundled one wins; the lookup
leaves a notice saying so, which the command line prints (`take_notices`).
"""

from __future__ import annotations

import hashlib
import os
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, TypeGuard

if TYPE_CHECKING:
    from ojcli.model.questionnaire import Questionnaire

_HEAD_BYTES = 16_384  # top-level keys come first; a questionnaire's fit well within this
_FIRST_BYTES = 1024  # an answers file reaches its [meta] table within these

_notices: list[str] = []


class LocalQuestionnaire:
    """A questionnaire file found in a folder: its id and year, read without validating it."""

    # A plain class: creating a NamedTuple class costs `score` start-up at every run.
    __slots__ = ("id", "path", "year")

    def __init__(self, id: str, year: int, path: Path) -> None:
        self.id, self.year, self.path = id, year, path


def sniff(path: Path) -> LocalQuestionnaire | None:
    """The id and year of a questionnaire file; None for anything else (e.g. an answers file).

    Reads only the keys before the first table: an answers file starts with `[meta]` (after
    comments), a questionnaire with `format_version`, `id` and `year`. This runs for every file
    of an answers folder, so an answers file is told apart from its first lines without a
    parse. Loading the file later checks it in full.
    """
    try:
        # os-level calls: a buffered file object costs more than the read itself.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        try:
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


def looks_like_questionnaire(data: dict[str, object]) -> bool:
    """Whether parsed TOML is a questionnaire (it has sections and no [meta]), not answers."""
    return "meta" not in data and "format_version" in data and "sections" in data


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


def notice(text: str) -> None:
    """Leave a one-line notice for the command line to print (once)."""
    if text not in _notices:
        _notices.append(text)


def take_notices() -> list[str]:
    """The notices left since the last call, and forget them."""
    taken = list(_notices)
    _notices.clear()
    return taken


def fingerprint(raw: bytes) -> str:
    """A fingerprint of a questionnaire file's content, as `sha256:HEX`.

    Comments, blank lines and indentation do not count, so only an edit that can change a
    definition changes it.
    """
    text = raw.decode("utf-8", errors="replace").removeprefix("\ufeff")
    lines = (line.strip() for line in text.splitlines())
    kept = "\n".join(line for line in lines if line and not line.startswith("#"))
    return "sha256:" + hashlib.sha256(kept.encode()).hexdigest()


# Held with the questionnaire itself, so its id() is never reused while the entry exists.
# The file's bytes are kept and hashed only when first asked (then the hash replaces them):
# `score` on a file without a recorded fingerprint never needs it, and an interview saving
# after every answer hashes once.
_loaded_from: dict[int, tuple[Questionnaire, bytes | str]] = {}


def remember_fingerprint(questionnaire: Questionnaire, raw: bytes) -> None:
    """Note the content of the file a questionnaire was loaded from, for `fingerprint_of`."""
    _loaded_from[id(questionnaire)] = (questionnaire, raw)


def fingerprint_of(questionnaire: Questionnaire) -> str | None:
    """The fingerprint of the file a questionnaire was loaded from; None when not from a file."""
    held = _loaded_from.get(id(questionnaire))
    if held is None:
        return None
    content = held[1]
    if isinstance(content, bytes):
        content = fingerprint(content)
        _loaded_from[id(questionnaire)] = (questionnaire, content)
    return content


def changed_since_saved(recorded: str | None, questionnaire: Questionnaire) -> str | None:
    """Swedish: the questionnaire changed since the answers were saved; None when it has not."""
    if not recorded:
        return None
    now = fingerprint_of(questionnaire)
    if now is None or recorded == now:
        return None
    return (
        f"Enkätfilen har ändrats sedan svaren sparades ({questionnaire.id}): svaren bedöms nu "
        "efter den ändrade enkäten. Kontrollera svaren; nästa gång du sparar (ojcli survey) "
        "gäller den nya versionen."
    )


def notices_for(recorded: str | None, questionnaire: Questionnaire) -> list[str]:
    """What to tell about the questionnaire the answers are read with (Swedish lines).

    A local file used instead of a bundled one, and a change since the answers were saved.
    """
    changed = changed_since_saved(recorded, questionnaire)
    return [*take_notices(), *([changed] if changed else [])]
