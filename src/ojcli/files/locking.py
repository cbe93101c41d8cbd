"""One interview per answers file: a lock file beside it, portable, and taken over when stale.

The lock is `FIL.lock` beside the real file (links resolved, see `lock_path`), created with
`O_CREAT | O_EXCL` (atomic on POSIX and Windows, also on network shares; no `fcntl`/`msvcrt`,
which are per-platform and unreliable over SMB/NFS). It holds JSON naming the session: process
id, computer, user, start time and a random token, so the refusal can say who has the file
open, and only the owner removes it.

A lock is stale, and is taken over with a notice, when
- its process is gone: same computer and the process id is not running (or is a zombie);
- its process id now belongs to another program: same computer, and that process started at
  another time than the one that took the lock (Linux and Windows; elsewhere unknown);
- it has shown no activity for `STALE_AFTER` (12 hours): the session refreshes the lock's
  modification time on every save, so only an interview left untouched for a working day,
  or one on another computer that can't be asked, is affected;
- it cannot be read and is older than `STARTING_GRACE` (a session writes it right after
  creating it).
Taking over a lock is safe for the answers even in the rare wrong case: every save first
checks that the file on disk is what that session last wrote (see `ojcli.files.session`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import json
import os
import secrets
import socket
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from ojcli import messages
from ojcli.errors import EXIT_INPUT, OjcliError
from ojcli.files import termination

LOCK_SUFFIX = ".lock"
STALE_AFTER = dt.timedelta(hours=12)
STARTING_GRACE = dt.timedelta(seconds=10)
_MAX_LOCK_BYTES = 64_000
_ON_WINDOWS = sys.platform == "win32"


def lock_path(target: Path) -> Path:
    """The lock file of an answers file: beside the real file, whatever name reaches it.

    Symbolic links (in any part of the path), `./` and `..` are resolved, so `link.toml`
    and the `k.toml` it points to share one lock. On a case-insensitive file system `K.toml`
    and `k.toml` get lock names that differ only in case, which that file system takes for
    one and the same file, so they share one lock too.
    """
    real = Path(os.path.realpath(target))
    return real.with_name(real.name + LOCK_SUFFIX)


def this_host() -> str:
    """This computer's name, as the lock records it."""
    try:
        return socket.gethostname() or "okänd"
    except OSError:
        return "okänd"


def this_user() -> str:
    """The login name, or "okänd" where the platform cannot tell (getpass may raise)."""
    try:
        return getpass.getuser()
    except Exception:  # getpass raises OSError, KeyError or ImportError depending on the OS
        return "okänd"


@dataclass(frozen=True)
class LockInfo:
    """Who holds a lock."""

    pid: int
    host: str
    user: str
    started: dt.datetime
    token: str
    process_started: float | None = None

    def to_json(self) -> str:
        """The lock file's content."""
        return json.dumps(
            {
                "program": "ojcli",
                "pid": self.pid,
                "host": self.host,
                "user": self.user,
                "started": self.started.isoformat(timespec="seconds"),
                "token": self.token,
                "process_started": self.process_started,
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str) -> LockInfo | None:
        """Parse a lock file; None for anything that is not a lock ojcli wrote."""
        try:
            data = json.loads(text)
            if not isinstance(data, dict):
                return None
            pid, host, user = data["pid"], data["host"], data["user"]
            started = dt.datetime.fromisoformat(data["started"])
            token = data["token"]
            process_started = data.get("process_started")
        except (ValueError, KeyError, TypeError):
            return None
        if (
            not isinstance(pid, int)
            or isinstance(pid, bool)
            or not all(isinstance(v, str) for v in (host, user, token))
            or not isinstance(process_started, int | float | None)
            or isinstance(process_started, bool)
            or started.tzinfo is None
        ):
            return None
        return cls(pid, host, user, started, token, process_started)

    def describe(self) -> str:
        """Swedish: who, where, which process, since when."""
        local = self.started.astimezone().strftime("%Y-%m-%d kl. %H:%M")
        return f"användaren {self.user} på datorn {self.host}, process {self.pid}, startad {local}"


def new_info() -> LockInfo:
    """A lock for this process, now."""
    pid = os.getpid()
    return LockInfo(
        pid=pid,
        host=this_host(),
        user=this_user(),
        started=dt.datetime.now(dt.UTC).astimezone(),
        token=secrets.token_hex(8),
        process_started=process_start_time(pid),
    )


class LockedError(OjcliError):
    """The answers file is open in another ojcli session."""

    exit_code = EXIT_INPUT

    def __init__(self, target: Path, holder: LockInfo | None):
        self.target = target
        self.holder = holder
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        """What is locked, by whom, and what to do."""
        who = (
            self.holder.describe()
            if self.holder
            else "en session som håller på att öppna filen just nu"
        )
        hours = int(STALE_AFTER.total_seconds() // 3600)
        return messages.answers_locked(self.target, who, lock_path(self.target), hours).split("\n")


def stale_reason(
    info: LockInfo | None, modified: float, now: float | None = None, host: str | None = None
) -> str | None:
    """Why a lock no longer protects a live session (Swedish), or None when it does.

    `modified` is the lock file's modification time (refreshed on every save).
    """
    now = time.time() if now is None else now
    age = now - modified
    if info is None:
        if age > STARTING_GRACE.total_seconds():
            return "låsfilen gick inte att läsa"
        return None
    if info.host.casefold() == (host or this_host()).casefold():
        alive = pid_alive(info.pid)
        if alive is False:
            return f"process {info.pid} finns inte längre (sessionen avslutades utan att städa upp)"
        if alive and info.process_started is not None:
            started = process_start_time(info.pid)
            if started is not None and abs(started - info.process_started) > 2:
                return f"process {info.pid} är nu ett annat program (datorn har startats om)"
    if age > STALE_AFTER.total_seconds():
        hours = int(STALE_AFTER.total_seconds() // 3600)
        return f"ingen aktivitet på över {hours} timmar"
    return None


class FileLock:
    """The lock of one answers file, held by this process."""

    def __init__(self, target: Path):
        self.target = target
        self.path = lock_path(target)
        self.info: LockInfo | None = None

    def acquire(self) -> str | None:
        """Take the lock; a Swedish notice when a stale lock was removed first.

        Raises LockedError when another live session holds it, WriteError when the folder
        does not allow creating the lock file.
        """
        notice = None
        for _ in range(5):
            info = new_info()
            data = info.to_json().encode("utf-8")  # ready before the file exists
            try:
                fd = os.open(
                    self.path,
                    os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                    0o644,
                )
            except FileExistsError:
                pass
            except PermissionError:
                # Windows reports a lock file that is being deleted as "access denied".
                if not self.path.exists():
                    raise messages.lock_not_allowed(self.path) from None
            except OSError as exc:
                raise messages.lock_not_created(self.path, exc) from None
            else:
                # One write straight after the create: a kill can leave the lock empty (and so
                # blocking for STARTING_GRACE) only in the moment between the two calls.
                try:
                    written = os.write(fd, data)
                finally:
                    os.close(fd)
                if written != len(data):
                    self.path.unlink()
                    raise messages.lock_not_written(self.path)
                self.info = info
                termination.start()  # a SIGTERM or SIGHUP now ends like Ctrl-C, unlocking
                return notice
            holder, modified = read_lock(self.path)
            if modified is None:  # gone meanwhile: try again
                continue
            reason = stale_reason(holder, modified)
            if reason is None:
                raise LockedError(self.target, holder)
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()
            who = f" ({holder.describe()})" if holder else ""
            notice = f"Ett gammalt lås på {self.target} från en tidigare session{who} togs bort: {reason}."
        raise LockedError(self.target, None)

    def owned(self) -> bool:
        """Whether the lock file on disk is still the one this session wrote."""
        if self.info is None:
            return False
        holder, _ = read_lock(self.path)
        return holder is not None and holder.token == self.info.token

    def touch(self) -> None:
        """Mark activity, so a long interview's lock is not mistaken for a stale one."""
        if self.owned():
            with contextlib.suppress(OSError):
                os.utime(self.path)

    def release(self) -> None:
        """Remove the lock if it is still ours (another session may have taken over a stale one)."""
        if self.info is None:
            return
        if self.owned():
            with contextlib.suppress(OSError):
                self.path.unlink()
        self.info = None
        termination.stop()


def read_lock(path: Path) -> tuple[LockInfo | None, float | None]:
    """The holder of a lock file (None if unreadable) and its modification time (None if gone)."""
    try:
        modified = path.stat().st_mtime
        with path.open("rb") as fh:
            raw = fh.read(_MAX_LOCK_BYTES + 1)
    except FileNotFoundError:
        return None, None
    except OSError:
        return None, time.time()  # exists but unreadable: treat as held, recently
    if len(raw) > _MAX_LOCK_BYTES:
        return None, modified
    try:
        return LockInfo.from_json(raw.decode("utf-8")), modified
    except UnicodeDecodeError:
        return None, modified


# --- is a process running? -----------------------------------------------------------------
#
# POSIX answers with `os.kill(pid, 0)`. On Windows that same call would *terminate* the
# process (any signal other than CTRL_C/CTRL_BREAK goes to TerminateProcess), so Windows
# asks the kernel through ctypes instead. Unknown answers are None and count as "running".


def pid_alive(pid: int) -> bool | None:
    """Whether a process with this id runs on this computer (None: cannot tell)."""
    if pid <= 0:
        return False
    if _ON_WINDOWS:
        return _windows_pid_alive(pid)
    return _posix_pid_alive(pid)


def process_start_time(pid: int) -> float | None:
    """When a process started (seconds since the epoch), where the platform tells."""
    if _ON_WINDOWS:
        return _windows_start_time(pid)
    return _linux_start_time(pid)


def _posix_pid_alive(pid: int) -> bool | None:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by another user
        return True
    except OSError:
        return None
    return _linux_state(pid) not in ("Z", "X")  # a killed child not yet reaped counts as gone


def _linux_stat(pid: int) -> list[str] | None:
    try:
        raw = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    return raw.rpartition(")")[2].split()  # fields from the 3rd on; the name may hold spaces


def _linux_state(pid: int) -> str | None:
    fields = _linux_stat(pid)
    return fields[0] if fields else None


def _linux_start_time(pid: int) -> float | None:
    if sys.platform == "win32":  # no /proc, no sysconf
        return None
    fields = _linux_stat(pid)
    if not fields or len(fields) < 20:
        return None
    try:
        boot = next(
            int(line.split()[1])
            for line in Path("/proc/stat").read_text(encoding="utf-8").splitlines()
            if line.startswith("btime ")
        )
        return boot + int(fields[19]) / float(os.sysconf("SC_CLK_TCK"))
    except (OSError, ValueError, StopIteration, IndexError):
        return None


if sys.platform == "win32":  # type-checked with: mypy --strict --platform win32 src
    import ctypes
    from ctypes import wintypes

    _PROCESS_QUERY_LIMITED_INFORMATION = 0x1000
    _STILL_ACTIVE = 259
    _ERROR_ACCESS_DENIED = 5
    _ERROR_INVALID_PARAMETER = 87

    def _kernel32() -> ctypes.WinDLL:
        return ctypes.WinDLL("kernel32", use_last_error=True)

    def _windows_pid_alive(pid: int) -> bool | None:
        kernel32 = _kernel32()
        handle = kernel32.OpenProcess(_PROCESS_QUERY_LIMITED_INFORMATION, False, pid)
        if not handle:
            error = ctypes.get_last_error()
            if error == _ERROR_ACCESS_DENIED:
                return True
            if error == _ERROR_INVALID_PARAMETER:
                return False
            return None
        try:
            code = wintypes.DWORD()
            if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
                return None
            return bool(code.value == _STILL_ACTIVE)
        finally:
            kernel32.CloseHandle(handle)

    def _windows_start_time(pid: int) -> float | None:
        kernel32 = _kernel32()
        handle = kernel32.OpenProcess(_PROCESS_QUERY_LIMITED_INFORMATION, False, pid)
        if not handle:
            return None
        try:
            created, exited, kernel, user = (wintypes.FILETIME() for _ in range(4))
            if not kernel32.GetProcessTimes(
                handle,
                ctypes.byref(created),
                ctypes.byref(exited),
                ctypes.byref(kernel),
                ctypes.byref(user),
            ):
                return None
            ticks = (created.dwHighDateTime << 32) | created.dwLowDateTime
            return float(ticks / 10_000_000 - 11_644_473_600)  # 100 ns since 1601 -> Unix time
        finally:
            kernel32.CloseHandle(handle)

else:

    def _windows_pid_alive(pid: int) -> bool | None:
        return None

    def _windows_start_time(pid: int) -> float | None:
        return None
