"""SIGTERM and SIGHUP end a session the way Ctrl-C does: answers saved, lock removed, told where.

While this process holds an answers file's lock (`ojcli.files.locking.FileLock`), the two
signals are handed to whatever handles SIGINT at that moment. Normally that is Python's own
handler, which raises KeyboardInterrupt, so the interview ends exactly as on Ctrl-C; during a
save the session holds SIGINT back, and so these signals too, until the answer is on disk.
Without this, SIGTERM (`kill`, a logout, a shutdown) and SIGHUP (the terminal window closed)
would end the process at once, leaving the lock behind and printing nothing.

Only the main thread can set handlers; elsewhere nothing changes. A signal that was ignored
when the lock was taken (SIGHUP under `nohup`) stays ignored. Windows has no SIGHUP.
"""

from __future__ import annotations

import contextlib
import signal
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
    handler = signal.getsignal(signal.SIGINT)
    if callable(handler):
        handler(signal.SIGINT, frame)
    else:  # SIGINT ignored or left to the system: still end like Ctrl-C
        raise KeyboardInterrupt


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
