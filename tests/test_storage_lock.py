"""One session per answers file: the lock names its holder, and a stale lock never blocks for good."""

from __future__ import annotations

import ast
import datetime as dt
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import invoke
from ojcli.errors import WriteError
from ojcli.files import locking
from ojcli.files.locking import FileLock, LockedError, LockInfo, lock_path

SRC = Path(__file__).resolve().parents[1] / "src" / "ojcli"


def dead_pid() -> int:
    """The id of a process that has ended (and been reaped)."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


@pytest.fixture
def sleeper() -> Iterator[subprocess.Popen[bytes]]:
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    yield proc
    proc.kill()
    proc.wait()


def write_lock(target: Path, info: LockInfo, age: dt.timedelta = dt.timedelta(0)) -> Path:
    path = lock_path(target)
    path.write_text(info.to_json(), encoding="utf-8")
    when = time.time() - age.total_seconds()
    os.utime(path, (when, when))
    return path


def someone(pid: int, host: str | None = None, process_started: float | None = None) -> LockInfo:
    return LockInfo(
        pid=pid,
        host=host or locking.this_host(),
        user="anna",
        started=dt.datetime(2024, 3, 1, 10, 30, tzinfo=dt.UTC),
        token="abc123",
        process_started=process_started,
    )


def test_the_lock_file_names_the_session_and_goes_away_on_release(tmp_path: Path) -> None:
    target = tmp_path / "svar.toml"
    lock = FileLock(target)
    assert lock.acquire() is None
    data = json.loads((tmp_path / "svar.toml.lock").read_text(encoding="utf-8"))
    assert data["pid"] == os.getpid()
    assert data["host"] == locking.this_host()
    assert data["user"] == locking.this_user()
    assert dt.datetime.fromisoformat(data["started"]).tzinfo is not None
    lock.release()
    assert not (tmp_path / "svar.toml.lock").exists()


def test_a_second_lock_is_refused_naming_the_other_session(tmp_path: Path) -> None:
    target = tmp_path / "svar.toml"
    first = FileLock(target)
    first.acquire()
    with pytest.raises(LockedError) as info:
        FileLock(target).acquire()
    text = " ".join(str(info.value).split())
    assert "svar.toml är redan öppen i en annan ojcli-session" in text
    assert f"process {os.getpid()}" in text
    assert f"på datorn {locking.this_host()}" in text
    assert f"Ta bort låsfilen {lock_path(target)}" in text
    first.release()
    FileLock(target).acquire()  # free again


def test_second_survey_on_an_open_file_is_refused(
    runner: CliRunner, write_answers: Callable[..., Path]
) -> None:
    path = write_answers({"freda_kortfragor": "ja"})
    before = path.read_bytes()
    other = FileLock(path)
    other.acquire()
    try:
        code, text = invoke(runner, "survey", str(path), input="nej\n")
    finally:
        other.release()
    assert code == 3
    assert "är redan öppen i en annan ojcli-session" in text
    assert f"process {os.getpid()}" in text
    assert "Avsluta den andra sessionen först (skriv q där)" in text
    assert path.read_bytes() == before
    code, text = invoke(runner, "survey", str(path), input="nej\n")  # and works once released
    assert code == 0, text


@pytest.mark.skipif(os.name == "nt", reason="symlinks need privileges on Windows")
@pytest.mark.parametrize("other", ["link.toml", "./k.toml", "sub/../k.toml", "sublink/k.toml"])
def test_another_name_for_an_open_file_is_refused_too(
    runner: CliRunner,
    write_answers: Callable[..., Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    other: str,
) -> None:
    """`survey k.toml` is running; `survey link.toml` (a link to k.toml) must not start a second session."""
    path = write_answers({"freda_kortfragor": "ja"}, name="k.toml")
    (tmp_path / "link.toml").symlink_to(path)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sublink").symlink_to(tmp_path, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    before = path.read_bytes()
    running = FileLock(Path("k.toml"))
    running.acquire()
    try:
        code, text = invoke(runner, "survey", other, input="nej\n")
    finally:
        running.release()
    assert code == 3, text
    assert "är redan öppen i en annan ojcli-session" in text
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.glob("*.lock")) == []


def test_one_lock_file_whatever_the_case_on_a_case_insensitive_file_system(tmp_path: Path) -> None:
    path = tmp_path / "k.toml"
    path.write_text("", encoding="utf-8")
    if not (tmp_path / "K.TOML").exists():
        pytest.skip("this file system tells K.TOML from k.toml: they are two files")
    running = FileLock(path)
    running.acquire()
    try:
        with pytest.raises(LockedError):
            FileLock(tmp_path / "K.TOML").acquire()
    finally:
        running.release()


def test_a_new_file_is_locked_too(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "ny.toml"
    other = FileLock(path)
    other.acquire()
    try:
        code, text = invoke(runner, "survey", str(path), "--year", "2019", input="Kiruna\n\n\nja\n")
    finally:
        other.release()
    assert code == 3
    assert "redan öppen" in text
    assert not path.exists()


def test_a_lock_left_by_a_killed_session_is_taken_over_with_a_notice(
    runner: CliRunner, write_answers: Callable[..., Path]
) -> None:
    path = write_answers({"freda_kortfragor": "ja"})
    pid = dead_pid()
    write_lock(path, someone(pid))
    code, text = invoke(runner, "survey", str(path), input="nej\n")
    assert code == 0, text
    assert f"Ett gammalt lås på {path} från en tidigare session" in text
    assert f"process {pid} finns inte längre" in text
    assert 'rutin_vald = "nej"' in path.read_text(encoding="utf-8")
    assert not lock_path(path).exists()


@pytest.mark.skipif(
    locking.process_start_time(os.getpid()) is None, reason="process start times not known here"
)
def test_a_lock_whose_process_id_was_reused_is_stale(
    tmp_path: Path, sleeper: subprocess.Popen[bytes]
) -> None:
    started = locking.process_start_time(sleeper.pid)
    assert started is not None
    target = tmp_path / "svar.toml"
    write_lock(target, someone(sleeper.pid, process_started=started))
    with pytest.raises(LockedError):  # the very process that took it: held
        FileLock(target).acquire()
    write_lock(target, someone(sleeper.pid, process_started=started - 3600))
    notice = FileLock(target).acquire()
    assert notice is not None
    assert "är nu ett annat program" in notice


def test_a_lock_from_another_computer_holds_until_idle_for_12_hours(tmp_path: Path) -> None:
    target = tmp_path / "svar.toml"
    write_lock(target, someone(4711, host="KOMMUN-PC12"), age=dt.timedelta(hours=11))
    with pytest.raises(LockedError) as info:
        FileLock(target).acquire()
    assert "på datorn KOMMUN-PC12, process 4711" in str(info.value)
    write_lock(target, someone(4711, host="KOMMUN-PC12"), age=dt.timedelta(hours=13))
    notice = FileLock(target).acquire()
    assert notice is not None
    assert "ingen aktivitet på över 12 timmar" in notice


def test_saving_refreshes_the_lock_so_a_long_interview_keeps_it(tmp_path: Path) -> None:
    target = tmp_path / "svar.toml"
    lock = FileLock(target)
    lock.acquire()
    old = time.time() - 13 * 3600
    os.utime(lock.path, (old, old))
    lock.touch()
    assert time.time() - lock.path.stat().st_mtime < 60


@pytest.mark.parametrize("content", [b"", b"{nonsense", b"\xff\xfe\x00garbage", b"[1, 2]"])
def test_an_unreadable_lock_holds_briefly_then_is_stale(tmp_path: Path, content: bytes) -> None:
    target = tmp_path / "svar.toml"
    path = lock_path(target)
    path.write_bytes(content)  # e.g. a session that has just created it
    with pytest.raises(LockedError) as info:
        FileLock(target).acquire()
    assert "håller på att öppna filen just nu" in str(info.value)
    old = time.time() - 60
    os.utime(path, (old, old))
    assert FileLock(target).acquire() == (
        f"Ett gammalt lås på {target} från en tidigare session togs bort: låsfilen gick inte att läsa."
    )


def test_release_leaves_a_lock_that_another_session_took_over(tmp_path: Path) -> None:
    target = tmp_path / "svar.toml"
    mine = FileLock(target)
    mine.acquire()
    write_lock(target, someone(os.getpid()))  # another session took over (different token)
    mine.release()
    assert lock_path(target).exists()


def test_paths_with_spaces_and_swedish_letters(tmp_path: Path) -> None:
    target = tmp_path / "Svar Åsele kommun 2019.toml"
    lock = FileLock(target)
    lock.acquire()
    assert (tmp_path / "Svar Åsele kommun 2019.toml.lock").exists()
    lock.release()


def test_a_folder_without_write_access_is_a_write_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def denied(path: object, flags: int, mode: int = 0o777) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(locking.os, "open", denied)
    with pytest.raises(WriteError, match=r"Kunde inte skapa låsfilen .*ingen behörighet"):
        FileLock(tmp_path / "svar.toml").acquire()


# --- portability ------------------------------------------------------------------------------


def test_liveness_on_windows_never_signals_the_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """On Windows os.kill(pid, 0) would terminate the process; the Windows path must not use it."""

    def forbidden(pid: int, sig: int) -> None:
        raise AssertionError("os.kill called on Windows")

    asked: list[int] = []

    def windows_alive(pid: int) -> bool | None:
        asked.append(pid)
        return False

    monkeypatch.setattr(locking, "_ON_WINDOWS", True)
    monkeypatch.setattr(locking.os, "kill", forbidden)
    monkeypatch.setattr(locking, "_windows_pid_alive", windows_alive)
    monkeypatch.setattr(locking, "_windows_start_time", lambda pid: None)
    assert locking.pid_alive(4711) is False
    assert locking.stale_reason(someone(4711), time.time()) is not None
    assert asked == [4711, 4711]


def test_pid_liveness_on_this_platform(sleeper: subprocess.Popen[bytes]) -> None:
    assert locking.pid_alive(os.getpid()) is True
    assert locking.pid_alive(sleeper.pid) is True
    assert locking.pid_alive(dead_pid()) is False
    assert locking.pid_alive(0) is False


def _os_kill_callers(tree: ast.AST) -> list[str]:
    """The names of the functions that call os.kill."""
    callers = []
    for func in ast.walk(tree):
        if isinstance(func, ast.FunctionDef):
            for node in ast.walk(func):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "kill"
                    and isinstance(node.func.value, ast.Name)
                    and node.func.value.id == "os"
                ):
                    callers.append(func.name)
    return callers


def test_no_unix_only_calls_without_a_fallback() -> None:
    """Locking and replacing rest on calls that exist on Windows too; os.kill only behind a guard."""
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {
            alias.name.split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
        } | {
            node.module.split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module
        }
        assert not imported & {"fcntl", "msvcrt", "pwd", "grp", "termios"}, path
        callers = _os_kill_callers(tree)
        assert callers == (["_posix_pid_alive"] if path.name == "locking.py" else []), path
