"""Set-up prompts in a real pseudo-terminal: `?` explains, `q` and Ctrl-D end without a file."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pexpect  # in the test extra: a real-terminal test must run, never skip silently
import pytest

from conftest import spawn_ojcli

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="pexpect.spawn needs a POSIX pty"),
]


def spawn(*args: str, cwd: Path) -> pexpect.spawn:
    child: pexpect.spawn = spawn_ojcli(*args, cwd=cwd)
    return child


def finish(child: pexpect.spawn) -> int | None:
    child.expect(pexpect.EOF)
    child.wait()
    child.close()
    return child.exitstatus


@pytest.mark.parametrize("end", ["q", "ctrl-d"])
def test_help_then_quit_at_the_set_up_prompts(tmp_path: Path, end: str) -> None:
    child = spawn("survey", "--year", "2019", cwd=tmp_path)
    child.expect_exact("Kommun (namn eller kod): ")
    child.sendline("?")
    child.expect_exact("t.ex. Kiruna eller 2584.")
    child.expect_exact("Kommun (namn eller kod): ")  # asked again
    child.sendline("Kiruna")
    child.expect_exact("Spara svaren i fil (Enter = svar-2584-2019.toml): ")
    child.sendline("")  # the file is made now, with the municipality
    child.expect_exact("Enhet som svarar (valfritt, Enter hoppar över): ")
    if end == "q":
        child.sendline("q")
    else:
        child.sendeof()
    child.expect_exact("Sparat: uppgifterna om")
    assert finish(child) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "ojcli-svar-2019.schema.json",
        "svar-2584-2019.toml",  # unlocked, its set-up still to finish
    ]
    meta = tomllib.loads((tmp_path / "svar-2584-2019.toml").read_text("utf-8"))["meta"]
    assert (meta["municipality_name"], meta["setup_unasked"]) == ("Kiruna", ["unit", "respondent"])
