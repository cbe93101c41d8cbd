"""Holding back Ctrl-C while a save is under way, and delivering it once the save is done.

SIGTERM and SIGHUP reach the same handler (`ojcli.files.termination`), under their own numbers:
held back like Ctrl-C, and delivered as Ctrl-C even when SIGINT itself was ignored.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType


@contextlib.contextmanager
def held_interrupt() -> Iterator[None]:
    """Hold back Ctrl-C until the block is done, then deliver it (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []

    def remember(signum: int, frame: FrameType | None) -> None:
        received.append(signum)

    try:
        previous = signal.signal(signal.SIGINT, remember)
    except (ValueError, OSError):
        yield
        return
    if previous is None:  # a handler installed outside Python: restore Python's own
        previous = signal.default_int_handler
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if received:
        if callable(previous):
            previous(signal.SIGINT, None)
        elif previous == signal.SIG_DFL or set(received) != {signal.SIGINT}:
            # SIGTERM or SIGHUP passed on by `termination` ends the session like Ctrl-C even
            # where Ctrl-C itself is ignored (started from a script, or under `nohup`).
            raise KeyboardInterrupt
