"""An answers file open for an interview: locked, backed up, and saved without losing anyone's edits.

`Session.open` locks the file (`ojcli.files.locking`), reads and validates it, upgrades an older
format (keeping the old file as `FIL.v0.bak`), keeps the previous version as `FIL.bak`, and
remembers what the file held. `Session.save`, called after every answer, first checks that the
file on disk is still what this session last read or wrote:

- unchanged: write the new version atomically;
- changed and readable (edited by hand meanwhile): merge three ways. Edits on disk are kept,
  this session's new answers are kept, and where both changed the same answer this session's
  (just typed) wins; the edited file is kept whole as `FIL.redigerad.bak` and the person is
  told what was read in and what clashed;
- changed and unreadable (a half-finished edit): never overwrite it. The answers go to
  `FIL-stem.ny.toml` until the file reads again, when everything is merged back into it;
- gone: write it again with every answer.

`Session.close` (also at exit) makes a last attempt for anything unsaved and removes the lock.
Ctrl-C during a save is held back until the save is done (`ojcli.files.interrupts`); the merge is
`ojcli.files.merge`, and how to restore a broken file's backup `ojcli.files.restore`.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import tomllib
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from ojcli import messages
from ojcli.errors import LoadError, OjcliError
from ojcli.files.interrupts import held_interrupt
from ojcli.files.loading import load_answers
from ojcli.files.locking import FileLock
from ojcli.files.merge import MISSING, merge3
from ojcli.files.restore import with_restore_hint
from ojcli.files.storage import (
    make_backup,
    remove_stray_temp_files,
    render_value,
    save_answers,
)
from ojcli.files.upgrade import format_version
from ojcli.model.answers import FORMAT_VERSION, AnswerSet
from ojcli.model.questionnaire import Questionnaire

Notify = Callable[[str], None]
EDITED_SUFFIX = ".redigerad.bak"


def _quiet(_: str) -> None:
    """The default notice sink: say nothing."""


def unsaved_path(path: Path) -> Path:
    """Where answers go while the answers file cannot be read: `svar.toml` -> `svar.ny.toml`."""
    return path.with_name(f"{path.stem}.ny{path.suffix or '.toml'}")


def edited_path(path: Path) -> Path:
    """Where a hand-edited version is kept before this session's answers are merged into it."""
    return path.with_name(path.name + EDITED_SUFFIX)


def old_format_path(path: Path, version: int) -> Path:
    """A free name for the original of an upgraded file: `FIL.v0.bak`, else `FIL.v0-2.bak`, …."""
    candidate = path.with_name(f"{path.name}.v{version}.bak")
    n = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.v{version}-{n}.bak")
        n += 1
    return candidate


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read(
    path: Path, questionnaire: Questionnaire | None
) -> tuple[bytes, AnswerSet, Questionnaire]:
    """Read and validate, making sure the bytes hashed are the bytes validated."""
    for _ in range(5):
        try:
            before = path.read_bytes()
        except OSError:
            before = None
        answers, questionnaire_read = load_answers(path, questionnaire)
        try:
            after = path.read_bytes()
        except OSError:
            after = None
        if before is not None and before == after:
            return before, answers.to_answer_set(), questionnaire_read
    raise messages.kept_changing(path)


class Session:
    """One interview's hold on one answers file. Use `open` or `create`, then `save`, `close`."""

    def __init__(
        self,
        path: Path,
        questionnaire: Questionnaire,
        answers: AnswerSet,
        lock: FileLock,
        notify: Notify = _quiet,
        raw: bytes | None = None,
    ):
        self.path = path
        self.questionnaire = questionnaire
        self.answers = answers
        self.notify = notify
        self._lock = lock
        self._synced: str | None = None if raw is None else _digest(raw)
        self._base = answers.model_copy(deep=True)
        self._pending = False  # answers are in unsaved_path(path), not yet in path
        self._dirty = False  # a save was interrupted
        self._closed = False
        atexit.register(self.close)

    # --- opening ---------------------------------------------------------------------------

    @classmethod
    def open(
        cls, path: Path, questionnaire: Questionnaire | None = None, notify: Notify = _quiet
    ) -> Session:
        """Lock, read and validate an existing answers file; keep backups; upgrade an old format.

        Raises LockedError if another session has it, LoadError (with how to restore the
        backup) if it cannot be used. Nothing is written to a file that could not be read.
        """
        from ojcli.files.targets import check_survey_file

        check_survey_file(path)  # a loop of links, a pipe or a device: said before locking
        raw = b""  # the bytes read and validated, kept as the backup

        def start(lock: FileLock) -> Session:
            nonlocal raw
            remove_stray_temp_files(path)
            try:
                raw, answers, checked_with = _read(path, questionnaire)
            except LoadError as exc:
                raise with_restore_hint(path, exc) from None
            return cls(path, checked_with, answers, lock, notify, raw)

        session = cls._locked(path, notify, start)
        answers = session.answers
        try:
            make_backup(path, raw)
            original = format_version(tomllib.loads(raw.decode("utf-8").removeprefix("\ufeff")))
            if original is not None and original < FORMAT_VERSION:
                kept = make_backup(path, raw, old_format_path(path, original))
                session.save(answers)
                notify(
                    f"{path} hade formatversion {original} och är nu uppgraderad till "
                    f"formatversion {FORMAT_VERSION}. Den gamla filen finns kvar som {kept}."
                )
            leftover = unsaved_path(path)
            if leftover.exists():
                notify(
                    f"{leftover} finns kvar från en session då {path} inte gick att läsa, och kan "
                    f"innehålla svar som saknas här. Jämför filerna, eller fortsätt med den: "
                    f"ojcli survey {leftover}"
                )
        except BaseException:
            session.close()
            raise
        return session

    @classmethod
    def create(
        cls,
        path: Path,
        answers: AnswerSet,
        questionnaire: Questionnaire,
        notify: Notify = _quiet,
    ) -> Session:
        """Lock a new answers file and write it for the first time; refuses an existing file."""

        def start(lock: FileLock) -> Session:
            if path.exists():
                raise messages.answers_file_exists(path)
            remove_stray_temp_files(path)
            return cls(path, questionnaire, answers, lock, notify)

        session = cls._locked(path, notify, start)
        try:
            session.save(answers)
        except BaseException:
            session.close()
            raise
        return session

    @classmethod
    def _locked(cls, path: Path, notify: Notify, start: Callable[[FileLock], Session]) -> Session:
        """`start` a session on `path` once it is locked; the lock is let go if that fails.

        A lock left by a session that ended without removing it is taken over, and said.
        """
        lock = FileLock(path)
        stale = lock.acquire()
        try:
            session = start(lock)
        except BaseException:
            lock.release()
            raise
        try:
            if stale:
                notify(stale)
        except BaseException:
            session.close()
            raise
        return session

    # --- saving ----------------------------------------------------------------------------

    @property
    def saved_in(self) -> Path:
        """Where the answers are now: the answers file, or its stand-in while it is unreadable."""
        return unsaved_path(self.path) if self._pending else self.path

    def save(self, answers: AnswerSet) -> None:
        """Save after a change, without overwriting edits made to the file meanwhile.

        Edits found on disk are merged into `answers` in place, so the interview sees them.
        """
        self.answers = answers
        with held_interrupt():
            self._dirty = True
            self._sync(answers)
            self._dirty = False

    def _sync(self, answers: AnswerSet) -> None:
        try:
            on_disk: bytes | None = self.path.read_bytes()
        except FileNotFoundError:
            on_disk = None
        except OSError:
            on_disk = b"\x00unreadable"  # differs from anything written; the reload says why
        if on_disk is None:
            if self._synced is not None:
                self.notify(f"{self.path} fanns inte längre och har skapats igen med alla svar.")
        elif _digest(on_disk) != self._synced and not self._merge_from_disk(answers):
            save_answers(unsaved_path(self.path), answers, self.questionnaire)
            self._pending = True
            return
        # Edit what is on disk (merged above if a person changed it), keeping their comments.
        text = save_answers(self.path, answers, self.questionnaire, previous=on_disk)
        self._synced = _digest(text.encode("utf-8"))
        self._base = answers.model_copy(deep=True)
        self._lock.touch()
        if self._pending:
            with contextlib.suppress(OSError):
                unsaved_path(self.path).unlink()
            self._pending = False
            self.notify(
                f"{self.path} går att läsa igen och har nu alla svar; "
                f"{unsaved_path(self.path)} behövs inte längre och är borttagen."
            )

    def _merge_from_disk(self, answers: AnswerSet) -> bool:
        """Read in edits made on disk; False when the file cannot be read as it is."""
        try:
            raw, disk, _ = _read(self.path, self.questionnaire)
        except LoadError as exc:
            stand_in = unsaved_path(self.path)
            if self._pending:
                self.notify(
                    f"Svaret sparades i {stand_in} ({self.path} går fortfarande inte att läsa)."
                )
            else:
                self.notify(
                    "\n".join(
                        [
                            f"{self.path} har ändrats utanför ojcli och går inte att läsa just nu:",
                            *exc.problem_lines(),
                            f"Filen skrivs inte över. Svaren sparas i {stand_in} tills {self.path} "
                            "är rättad; då förs de över dit vid nästa svar.",
                        ]
                    )
                )
            return False
        kept = make_backup(self.path, raw, edited_path(self.path))
        base = self._base
        merged, taken, conflicts = merge3(base.answers, answers.answers, disk.answers)
        comments, taken_c, conflicts_c = merge3(base.comments, answers.comments, disk.comments)
        plan, taken_p, conflicts_p = merge3(base.plan, answers.plan, disk.plan)
        meta_fields = [f for f in type(answers.meta).model_fields if f != "saved_at"]
        meta, taken_m, _ = merge3(
            {f: getattr(base.meta, f) for f in meta_fields},
            {f: getattr(answers.meta, f) for f in meta_fields},
            {f: getattr(disk.meta, f) for f in meta_fields},
        )
        answers.answers.clear()
        answers.answers.update(merged)
        answers.comments.clear()
        answers.comments.update(comments)
        answers.plan.clear()
        answers.plan.update(plan)
        for name, value in meta.items():
            setattr(answers.meta, name, value)
        changed = [
            *taken,
            *(f"kommentar {k}" for k in taken_c),
            *(f"beslut {k}" for k in taken_p),
            *(f"meta.{k}" for k in taken_m),
        ]
        lines = [
            f"{self.path} hade ändrats utanför ojcli (t.ex. i en textredigerare). "
            "Ändringarna är inlästa och behålls" + (f": {', '.join(changed)}." if changed else ".")
        ]
        for key, theirs, ours in [
            *conflicts,
            *((f"kommentar {k}", t, o) for k, t, o in conflicts_c),
            *((f"beslut {k}", t, o) for k, t, o in conflicts_p),
        ]:
            lines.append(
                f"  {key}: i filen stod {_shown(theirs)}, här {_shown(ours)} – det senare gäller."
            )
        lines.append(f"Filen som den såg ut efter ändringen finns kvar i {kept}.")
        self.notify("\n".join(lines))
        return True

    # --- closing ---------------------------------------------------------------------------

    def close(self) -> None:
        """Save what an interrupted save left unsaved, say where answers are, remove the lock."""
        if self._closed:
            return
        self._closed = True
        atexit.unregister(self.close)
        try:
            if self._dirty or self._pending:
                with contextlib.suppress(OjcliError, OSError):
                    self._sync(self.answers)
                    self._dirty = False
            if self._pending:
                stand_in = unsaved_path(self.path)
                self.notify(
                    f"{self.path} går inte att läsa, så alla svar finns i {stand_in}. Rätta "
                    f"{self.path} och fortsätt med: ojcli survey {self.path} – eller fortsätt med "
                    f"kopian: ojcli survey {stand_in}"
                )
        finally:
            self._lock.release()

    def __enter__(self) -> Session:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def _shown(value: Any) -> str:
    if value is MISSING:
        return "(inget)"
    if hasattr(value, "as_toml"):  # a plan decision: its fields as the file writes them
        return "{" + ", ".join(f"{k} = {render_value(v)}" for k, v in value.as_toml().items()) + "}"
    return render_value(value)
