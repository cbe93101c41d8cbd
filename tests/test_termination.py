"""While an answers file is open, SIGTERM and SIGHUP take Ctrl-C's path (and wait for a save like it)."""

from __future__ import annotations

import os
import signal
import sys
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ojcli.files import storage, termination
from ojcli.files.locking import FileLock
from ojcli.files.session import Session

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="sends POSIX signals with os.kill")
SIGNALS = [signal.SIGTERM, signal.SIGHUP] if sys.platform != "win32" else []


@pytest.fixture(autouse=True)
def _no_lock_held(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Start as a fresh process does: earlier tests may have left a lock acquired, never released."""
    monkeypatch.setattr(termination, "_users", 0)
    monkeypatch.setattr(termination, "_previous", {})
    saved = {sig: signal.signal(sig, signal.SIG_DFL) for sig in SIGNALS}
    yield
    for sig, handler in saved.items():
        signal.signal(sig, handler)


@pytest.mark.parametrize("sig", SIGNALS, ids=lambda s: s.name)
def test_a_signal_during_a_save_waits_until_the_answer_is_on_disk(
    write_answers: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, sig: signal.Signals
) -> None:
    path = write_answers({"freda_kortfragor": "ja"})
    before = signal.getsignal(sig)
    session = Session.open(path)
    assert signal.getsignal(sig) is not before  # else the signal below would end the test run
    real = storage.write_atomic

    def signalled(target: Path, content: str | bytes) -> None:
        os.kill(os.getpid(), sig)  # arrives mid-save
        real(target, content)

    monkeypatch.setattr(storage, "write_atomic", signalled)
    session.answers.answers["rutin_vald"] = "nej"
    with pytest.raises(KeyboardInterrupt):
        session.save(session.answers)
    assert tomllib.loads(path.read_text(encoding="utf-8"))["answers"]["rutin_vald"] == "nej"
    session.close()
    assert signal.getsignal(sig) is before  # put back once the file is closed


@pytest.mark.parametrize("sig", SIGNALS, ids=lambda s: s.name)
def test_the_handlers_are_there_only_while_a_lock_is_held(
    tmp_path: Path, sig: signal.Signals
) -> None:
    before = signal.getsignal(sig)
    first, second = FileLock(tmp_path / "a.toml"), FileLock(tmp_path / "b.toml")
    first.acquire()
    second.acquire()
    first.release()
    assert signal.getsignal(sig) is not before  # the second file is still open
    with pytest.raises(KeyboardInterrupt):
        os.kill(os.getpid(), sig)
    second.release()
    assert signal.getsignal(sig) is before


def test_a_signal_ignored_before_stays_ignored(tmp_path: Path) -> None:
    """Under `nohup` SIGHUP is ignored on purpose: closing the terminal must not end the interview."""
    old = signal.signal(signal.SIGHUP, signal.SIG_IGN)
    try:
        lock = FileLock(tmp_path / "svar.toml")
        lock.acquire()
        assert signal.getsignal(signal.SIGHUP) == signal.SIG_IGN
        assert signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL
        lock.release()
    finally:
        signal.signal(signal.SIGHUP, old)
    assert termination.signals() == [signal.SIGTERM, signal.SIGHUP]


@pytest.mark.parametrize("sig", SIGNALS, ids=lambda s: s.name)
def test_a_signal_during_a_save_ends_the_session_where_ctrl_c_is_ignored(
    write_answers: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, sig: signal.Signals
) -> None:
    """Started from a script (`ojcli survey … &`) SIGINT arrives ignored; SIGTERM must still end it."""
    path = write_answers({"freda_kortfragor": "ja"})
    old = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        session = Session.open(path)
        real = storage.write_atomic

        def signalled(target: Path, content: str | bytes) -> None:
            os.kill(os.getpid(), sig)  # arrives mid-save, while the save holds SIGINT back
            real(target, content)

        monkeypatch.setattr(storage, "write_atomic", signalled)
        session.answers.answers["rutin_vald"] = "nej"
        with pytest.raises(KeyboardInterrupt):
            session.save(session.answers)
        assert signal.getsignal(signal.SIGINT) == signal.SIG_IGN  # Ctrl-C stays ignored
        session.close()
    finally:
        signal.signal(signal.SIGINT, old)
    assert tomllib.loads(path.read_text(encoding="utf-8"))["answers"]["rutin_vald"] == "nej"
