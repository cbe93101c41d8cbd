"""SIGTERM and SIGHUP end `ojcli survey` like Ctrl-C: answers saved, lock gone, "Sparat" printed."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pexpect
import pytest

from conftest import spawn_ojcli
from ojcli.files.loading import load_answers
from ojcli.files.locking import lock_path

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="pexpect.spawn needs a POSIX pty"),
]

META = """\
# Min fil
[meta]
format_version = 1
questionnaire = "oj-eb-2019"
municipality_code = "2584"
municipality_name = "Kiruna"
"""


def spawn(path: Path) -> pexpect.spawn:
    child: pexpect.spawn = spawn_ojcli("survey", path.name, cwd=path.parent, timeout=30)
    return child


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=lambda s: s.name)
def test_a_terminating_signal_saves_unlocks_and_says_where(
    tmp_path: Path, sig: signal.Signals
) -> None:
    path = tmp_path / "svar.toml"
    path.write_text(META, encoding="utf-8")
    child = spawn(path)
    for reply in ("ja", "nej", "ja"):  # freda_kortfragor, rutin_vald, rutin_skyddade
        child.expect_exact("Svar: ")
        child.sendline(reply)
    child.expect_exact("Svar: ")
    assert lock_path(path).exists()
    child.kill(sig)
    child.expect_exact("Sparat: 3 svar i svar.toml")
    child.expect_exact("Fortsätt senare med: ojcli survey svar.toml")
    child.expect(pexpect.EOF)
    assert "Traceback" not in (child.before or "")
    child.wait()
    child.close()
    assert child.exitstatus == 130, (child.exitstatus, child.signalstatus)
    assert not lock_path(path).exists()
    answers, _ = load_answers(path)
    assert answers.answers == {
        "freda_kortfragor": "ja",
        "rutin_vald": "nej",
        "rutin_skyddade": "ja",
    }
    assert "\n# Min fil\n[meta]\n" in path.read_text(encoding="utf-8")  # the file's own comment


def test_closing_the_terminal_window_saves_unlocks_and_exits_as_on_ctrl_c(tmp_path: Path) -> None:
    """The kernel sends SIGHUP, and every write to the terminal now fails; the answers are kept."""
    path = tmp_path / "svar.toml"
    path.write_text(META, encoding="utf-8")
    child = spawn(path)
    for reply in ("ja", "nej"):
        child.expect_exact("Svar: ")
        child.sendline(reply)
    child.expect_exact("Svar: ")
    child.ptyproc.fileobj.close()  # the terminal side goes away, as when its window is closed
    _, status = os.waitpid(child.pid, 0)
    child.ptyproc.terminated = True  # reaped here; nothing for pexpect to close
    assert os.WIFEXITED(status), status
    assert os.WEXITSTATUS(status) == 130
    assert not lock_path(path).exists()
    answers, _ = load_answers(path)
    assert answers.answers == {"freda_kortfragor": "ja", "rutin_vald": "nej"}


def test_ctrl_c_reaches_ojcli_from_a_test_run_that_ignores_it(
    tmp_path: Path,
) -> None:
    """`nohup python -m pytest` ignores SIGHUP, a script's background job SIGINT: not the child's."""
    path = tmp_path / "svar.toml"
    path.write_text(META, encoding="utf-8")
    ignored = (signal.SIGINT, signal.SIGHUP)
    before = {sig: signal.signal(sig, signal.SIG_IGN) for sig in ignored}
    try:
        child = spawn(path)
    finally:
        for sig, handler in before.items():
            signal.signal(sig, handler)
    child.expect_exact("Svar: ")
    child.sendline("ja")
    child.expect_exact("Svar: ")
    child.sendintr()  # Ctrl-C typed in the terminal
    child.expect_exact("Sparat: 1 svar i svar.toml")
    child.expect(pexpect.EOF)
    child.wait()
    child.close()
    assert child.exitstatus == 130, (child.exitstatus, child.signalstatus)
