"""Write answers files: readable TOML, atomic replace, a backup, and a read-back check first."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import tempfile
import tomllib
from pathlib import Path
from typing import Any

import tomli_w

from ojcli.errors import WriteError
from ojcli.model.answers import AnswerSet
from ojcli.model.questionnaire import Questionnaire

BACKUP_SUFFIX = ".bak"


def _value(value: Any) -> str:
    """One TOML value as text (tomli-w has no public single-value writer)."""
    return tomli_w.dumps({"v": value}).split("=", 1)[1].strip()


def _key(key: str) -> str:
    return tomli_w.dumps({key: 0}).rsplit("=", 1)[0].strip()


def _comment(text: str) -> str:
    return "\n".join(f"# {line}".rstrip() for line in text.splitlines())


def render_answers(answers: AnswerSet, questionnaire: Questionnaire | None = None) -> str:
    """The answers file as TOML text, in survey order, with each question as a comment."""
    data = answers.model_dump(exclude_none=True)
    out = [
        "# Svar till Öppna jämförelser av ekonomiskt bistånd, skapad med ojcli.",
        "# Filen kan redigeras för hand; kontrollera den sedan med: ojcli validate FIL",
        "",
        "[meta]",
        *(f"{_key(k)} = {_value(v)}" for k, v in data["meta"].items()),
        "",
        "[answers]",
    ]
    given = dict(answers.answers)
    if questionnaire is not None:
        for section in questionnaire.sections:
            ids = [q.id for q in section.questions if q.id in given]
            if not ids:
                continue
            out += ["", _comment(f"--- {section.title} ---")]
            for qid in ids:
                out += [
                    _comment(questionnaire.question(qid).text),
                    f"{_key(qid)} = {_value(given.pop(qid))}",
                ]
    out += [f"{_key(k)} = {_value(v)}" for k, v in given.items()]
    if answers.comments:
        out += ["", "# Kommentarer och underlag per fråga", "[comments]"]
        out += [f"{_key(k)} = {_value(v)}" for k, v in answers.comments.items()]
    return "\n".join(out) + "\n"


def save_answers(
    path: Path, answers: AnswerSet, questionnaire: Questionnaire | None = None
) -> None:
    """Write atomically: temp file in the same folder, check it reads back, then `os.replace`.

    Sets `meta.saved_at`. The previous file stays in place if anything fails.
    """
    answers.meta.saved_at = dt.datetime.now(dt.UTC).astimezone().replace(microsecond=0)
    text = render_answers(answers, questionnaire)
    try:
        if AnswerSet.model_validate(tomllib.loads(text)) != answers:
            raise WriteError(
                f"Svaren kunde inte sparas i {path}: filen skulle inte gå att läsa tillbaka oförändrad."
            )
    except (tomllib.TOMLDecodeError, ValueError) as exc:
        raise WriteError(f"Svaren kunde inte sparas i {path}: {exc}") from None
    write_atomic(path, text)


def write_atomic(path: Path, text: str) -> None:
    """Replace `path` with `text` so that a reader sees either the old or the new file, whole."""
    directory = path.resolve().parent
    fd, tmp_name = -1, ""
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fd = -1
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp_name, path)  # noqa: PTH105 - the atomic-replace contract is os.replace's
        tmp_name = ""
        _fsync_dir(directory)
    except OSError as exc:
        raise WriteError(
            f"Kunde inte skriva {path}: {exc.strerror or exc}. Den tidigare filen är orörd."
        ) from None
    finally:
        if fd != -1:
            os.close(fd)
        if tmp_name:
            with contextlib.suppress(OSError):
                Path(tmp_name).unlink()


def _fsync_dir(directory: Path) -> None:
    """Make the rename durable where the platform allows it (not on Windows)."""
    if os.name == "nt":
        return
    with contextlib.suppress(OSError):
        dir_fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def backup_path(path: Path) -> Path:
    """Where the previous version of an answers file is kept."""
    return path.with_name(path.name + BACKUP_SUFFIX)


def make_backup(path: Path) -> Path | None:
    """Copy the file as it is now to its backup (atomically); None when there is no file."""
    if not path.exists():
        return None
    target = backup_path(path)
    try:
        write_atomic(target, path.read_text(encoding="utf-8"))
        shutil.copystat(path, target)
    except (OSError, UnicodeDecodeError) as exc:
        raise WriteError(f"Kunde inte spara en säkerhetskopia av {path}: {exc}") from None
    return target
