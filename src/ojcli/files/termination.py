"""SIGTERM and SIGHUP end a session the way Ctrl-C does: answers saved, lock removed, told where.

While this process holds an answers file's lock (`ojcli.files.locking.FileLock`), the two
signals are handed to whatever handles SIGINT at that moment. Normally that is Python's own
handler, which raises KeyboardInterrupt, so the interview ends exactly as on Ctrl-C; during a
save the session holds SIGINT back, and so these signals too, until the answer is on disk.
Without this, SIGTERM (`kill`, a logout, a shutdown) and SIGHUP (the terminal window closed)
would end the process at once, leaving the lock behind and printing nothing.

When the terminal itself is gone, the standard streams are pointed at the null device first,
so that writing the "Sparat" line cannot fail. Only the main thread can set handlers;
elsewhere nothing changes. A signal that was ignored when the lock was taken (SIGHUP under
`nohup`) stays ignored. Windows has no SIGHUP.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import sys
import threading
from collections.abc import Callable
from types import FrameType
from typing import Any

Handler = Callable[[int, FrameType | None], Any] | int | signal.Handlers | None

_previous: dict[signal.Signals, Handler] = {}
_users = 0  # locks held by this process; the handlers stay while there is one


def signals() -> list[signal.Signals]:
    """The signals that end a session like Ctrl-C on this platform."""
    found = [signal.SIGTERM]
    if hasattr(signal, "SIGHUP"):  # not on Windows
        found.append(signal.SIGHUP)
    return found


def _as_interrupt(signum: int, frame: FrameType | None) -> None:
    """Do what Ctrl-C would do now: call SIGINT's handler, or raise KeyboardInterrupt."""
    if _hung_up():
        _quiet_standard_streams()
    handler = signal.getsignal(signal.SIGINT)
    if callable(handler):  # under its own number: a save holding it back then ends the
        handler(signum, frame)  # session even where SIGINT is ignored (interrupts.py)
    else:  # SIGINT ignored or left to the system: still end like Ctrl-C
        raise KeyboardInterrupt


def _hung_up() -> bool:
    """Whether the terminal is gone (its window closed): it reports a hang-up (POSIX poll)."""
    if sys.platform == "win32":  # no poll(), and no SIGHUP to handle
        return False
    try:  # not os.isatty: a hung-up terminal no longer counts as one
        poller = select.poll()
        poller.register(1, select.POLLOUT)
        return any(events & select.POLLHUP for _, events in poller.poll(0))
    except OSError:
        return False


def _quiet_standard_streams() -> None:
    """Point stdin, stdout and stderr at the null device.

    The "Sparat" line then goes nowhere, instead of failing as every write to a hung-up
    terminal does, which would end the process with a traceback and exit code 1 rather than
    Ctrl-C's 130 (the answers are saved either way).
    """
    with contextlib.suppress(OSError):
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            with contextlib.suppress(OSError):
                os.dup2(null, fd)
        os.close(null)


def start() -> None:
    """From now until the matching `stop`, SIGTERM and SIGHUP act as Ctrl-C."""
    global _users
    if threading.current_thread() is not threading.main_thread():
        return
    _users += 1
    if _users > 1:
        return
    for sig in signals():
        old = signal.getsignal(sig)
        if old == signal.SIG_IGN:
            continue
        with contextlib.suppress(ValueError, OSError):
            signal.signal(sig, _as_interrupt)
            _previous[sig] = signal.SIG_DFL if old is None else old


def stop() -> None:
    """Undo one `start`; the last one puts the earlier handlers back."""
    global _users
    if threading.current_thread() is not threading.main_thread() or _users == 0:
        return
    _users -= 1
    if _users:
        return
    for sig, old in _previous.items():
        if signal.getsignal(sig) is _as_interrupt:  # not replaced by someone else meanwhile
            with contextlib.suppress(ValueError, OSError):
                signal.signal(sig, old)
    _previous.clear()
