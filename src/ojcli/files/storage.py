"""Write answers files: readable TOML that keeps a person's edits, atomic replace, a backup, a read-back check."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import secrets
import shutil
import stat
import time
import tomllib
from pathlib import Path

from ojcli import messages
from ojcli.errors import WriteError
from ojcli.files.answers_toml import header as header  # re-exported: part of saving a file
from ojcli.files.answers_toml import render_answers as render_answers
from ojcli.files.answers_toml import render_value as render_value
from ojcli.files.targets import check_place, file_type
from ojcli.model.answers import FORMAT_VERSION, AnswerSet
from ojcli.model.questionnaire import Questionnaire

BACKUP_SUFFIX = ".bak"


def save_answers(
    path: Path,
    answers: AnswerSet,
    questionnaire: Questionnaire,
    *,
    previous: bytes | None = None,
) -> str:
    """Write atomically: temp file in the same folder, check it reads back, then `os.replace`.

    With `previous` (the file's bytes as they are now), only what changed is rewritten and
    everything a person wrote in the file stays (see `ojcli.files.layout`); without it, or
    if that text cannot be kept, a fresh file is written. Sets `meta.saved_at` and the
    questionnaire's fingerprint, and returns the text written. The previous file stays in
    place if anything fails.
    """
    answers.meta.saved_at = dt.datetime.now(dt.UTC).astimezone().replace(microsecond=0)
    answers.meta.format_version = FORMAT_VERSION  # a save writes the current format
    from ojcli.model.identity import fingerprint_of

    # Saving records the questionnaire the answers now rest on (see identity.changed_since_saved).
    answers.meta.questionnaire_fingerprint = (
        fingerprint_of(questionnaire) or answers.meta.questionnaire_fingerprint
    )
    text = None
    if previous is not None:
        text = _kept_layout(previous, answers, questionnaire)
    if text is None:
        text = render_answers(answers, questionnaire)
        if why := _read_back_problem(text, answers):
            raise messages.answers_not_saved(path, why)
    write_atomic(path, text)
    write_schema_beside(path, questionnaire)
    return text


def _kept_layout(
    previous: bytes, answers: AnswerSet, questionnaire: Questionnaire | None
) -> str | None:
    """`previous` updated to hold `answers`, or None if its layout cannot be kept safely."""
    from ojcli.files import layout  # tomlkit: only when a file is saved

    try:
        text = layout.update(previous.decode("utf-8"), answers, questionnaire)
    except Exception:  # any failure of the layout library: a fresh file is the safe answer
        return None
    return None if _read_back_problem(text, answers) else text


def _read_back_problem(text: str, answers: AnswerSet) -> str | None:
    """Why `text` would not read back as exactly `answers` (Swedish), or None when it does."""
    try:
        if AnswerSet.model_validate(tomllib.loads(text.removeprefix("\ufeff"))) != answers:
            return "filen skulle inte gå att läsa tillbaka oförändrad."
    except (tomllib.TOMLDecodeError, ValueError) as exc:
        return str(exc)
    return None


def write_schema_beside(path: Path, questionnaire: Questionnaire) -> None:
    """Write the questionnaire's JSON Schema beside the answers file, if it is missing or old.

    The answers file's first line points editors at it. Best effort: a schema that cannot be
    written costs the editor its checks, never the answers.
    """
    import json

    from ojcli.model.schema import file_name, for_questionnaire

    target = path.resolve().parent / file_name(questionnaire)
    text = json.dumps(for_questionnaire(questionnaire), ensure_ascii=False, indent=2) + "\n"
    try:
        if target.is_file() and target.read_text(encoding="utf-8") == text:
            return
        write_atomic(target, text)
    except (OSError, UnicodeDecodeError, WriteError):
        pass


def temp_prefix(path: Path) -> str:
    """How the temporary files of `write_atomic` for `path` begin (they end in `.tmp`)."""
    return f".{path.name}."


def write_atomic(path: Path, content: str | bytes) -> None:
    """Replace `path` with `content` so that a reader sees either the old or the new file, whole.

    The temporary file is created beside `path` (same file system, so the replace is atomic
    on POSIX and on Windows), flushed to disk, given the old file's permissions, and moved
    over `path` with `os.replace`. When `path` is a symbolic link, all of this happens to the
    file it points to, and the link stays. A kill at any point leaves the old file or the new one,
    plus at most a stray temporary file that `remove_stray_temp_files` cleans up.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    tmp: Path | None = None
    try:
        # Through a symbolic link, the file it points to is replaced and the link stays:
        # replacing the link itself would leave the real file (say, in a shared folder) behind.
        target = Path(os.path.realpath(path, strict=False))
        mode = _mode_of(target)
        if mode is not None and (kind := file_type(mode)) is not None:
            raise messages.not_regular(path, kind)  # a device or a pipe is never replaced by a file
        directory = target.parent
        tmp = _written_temp(directory, temp_prefix(target), data)
        if mode is not None:  # keep who may read the file (umask applies to new ones)
            with contextlib.suppress(OSError):
                os.chmod(tmp, stat.S_IMODE(mode))  # noqa: PTH101 - same call as below
        _replace(tmp, target)
        tmp = None
        _fsync_dir(directory)
    except OSError as exc:
        raise messages.not_written(path, exc, replacing=True) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink()


def _mode_of(target: Path) -> int | None:
    """The mode of the file at `target`, None when there is none (ELOOP and the like raise)."""
    try:
        return target.stat().st_mode
    except FileNotFoundError:
        return None


def _written_temp(directory: Path, prefix: str, data: bytes) -> Path:
    """A new temporary file in `directory` holding `data`, flushed to disk; removed if that fails."""
    fd, tmp = _create_temp(directory, prefix)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return tmp


def _create_temp(directory: Path, prefix: str) -> tuple[int, Path]:
    """A new, exclusively created file (mode 0o666 less the umask, unlike mkstemp's 0o600)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        candidate = directory / f"{prefix}{secrets.token_hex(4)}.tmp"
        try:
            return os.open(candidate, flags, 0o666), candidate
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name in {directory}")


def _replace(source: Path, target: Path) -> None:
    """`os.replace`, retried briefly on Windows.

    There a virus scanner or an editor may hold the target open for a moment; the sharing
    violation surfaces as PermissionError.
    """
    attempts = 20 if os.name == "nt" else 1
    for attempt in range(attempts):
        try:
            os.replace(source, target)  # noqa: PTH105 - the atomic-replace contract is os.replace's
            return
        except PermissionError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.05)


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


def remove_stray_temp_files(path: Path) -> list[Path]:
    """Delete temporary files a killed writer of `path` (or of its backups) left behind.

    Call only while holding the file's lock, so no live writer's file is removed.
    """
    target = path.resolve()  # write_atomic writes beside the file a link points to
    prefix = temp_prefix(target)
    removed = []
    try:
        entries = list(target.parent.iterdir())
    except OSError:
        return []
    for entry in entries:
        if entry.name.startswith(prefix) and entry.name.endswith(".tmp"):
            with contextlib.suppress(OSError):
                entry.unlink()
                removed.append(entry)
    return removed


def backup_path(path: Path) -> Path:
    """Where the previous version of an answers file is kept."""
    return path.with_name(path.name + BACKUP_SUFFIX)


def make_backup(
    path: Path, content: bytes | None = None, target: Path | None = None
) -> Path | None:
    """Keep a copy of the file (as it is now, or `content`) at `target` (default `FIL.bak`).

    Written atomically, byte for byte. Returns None when there is no file to copy.
    """
    target = target or backup_path(path)
    try:
        if content is None:
            if not path.exists():
                return None
            content = path.read_bytes()
        write_atomic(target, content)
        with contextlib.suppress(OSError):
            shutil.copystat(path, target)
    except OSError as exc:
        raise messages.backup_not_written(path, exc) from None
    return target


def write_new(path: Path, content: bytes) -> None:
    """Create `path` with `content`, whole or not at all, and never over an existing file.

    As `write_atomic`, the content goes to a flushed temporary file beside `path` first; it is
    then hard-linked to `path`, which fails if `path` exists, so a file that appeared in the
    meantime is left alone. Where hard links are not supported (some network or USB drives),
    `path` is first created empty and exclusively, then replaced.
    """
    check_place(path, replace=False)  # anything there, even a link or a device, stays
    exists = messages.exists(path)
    directory = path.absolute().parent
    tmp: Path | None = None
    try:
        tmp = _written_temp(directory, temp_prefix(path), content)
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise
        except OSError:  # no hard links here: reserve the name, then replace the empty file
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
            try:
                _replace(tmp, path)
            except OSError:
                with contextlib.suppress(OSError):
                    path.unlink()
                raise
            tmp = None
        _fsync_dir(directory)
    except FileExistsError:
        raise exists from None
    except FileNotFoundError:
        raise messages.no_folder(path, directory) from None
    except OSError as exc:
        raise messages.not_written(path, exc) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink()
