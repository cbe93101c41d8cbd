"""Set-up answers are saved as soon as each is given (issue 12).

`ojcli survey FIL` makes FIL once the municipality is known; the unit and respondent are saved
as they are typed. A kill at the next prompt loses nothing, and the next `ojcli survey FIL`
asks from there.
"""

from __future__ import annotations

import signal
import sys
from pathlib import Path

import pexpect  # in the test extra: a real-terminal test must run, never skip silently
import pytest
from typer.testing import CliRunner

from conftest import invoke, spawn_ojcli
from ojcli.files.loading import load_answers

UNIT_PROMPT = "Enhet som svarar (valfritt, Enter hoppar över): "
RESPONDENT_PROMPT = "Ditt namn eller din roll (valfritt): "


def spawn(*args: str, cwd: Path) -> pexpect.spawn:
    child: pexpect.spawn = spawn_ojcli(*args, cwd=cwd)
    return child


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="pexpect.spawn needs a POSIX pty")
def test_a_kill_after_the_municipality_keeps_it_and_resumes_at_the_unit(tmp_path: Path) -> None:
    child = spawn("survey", "svar.toml", "--year", "2019", cwd=tmp_path)
    child.expect_exact("Kommun (namn eller kod): ")
    child.sendline("Kiruna")
    child.expect_exact(UNIT_PROMPT)  # shown only after the file is saved
    child.kill(signal.SIGKILL)
    child.wait()
    child.close()
    path = tmp_path / "svar.toml"
    answers, _ = load_answers(path)
    assert answers.meta.municipality_name == "Kiruna"

    child = spawn("survey", "svar.toml", cwd=tmp_path)  # a stale lock is taken over
    child.expect_exact("Fortsätter med svar.toml (Kiruna,")
    child.expect_exact(UNIT_PROMPT)
    child.sendline("Socialtjänsten")
    child.expect_exact(RESPONDENT_PROMPT)
    child.kill(signal.SIGKILL)
    child.wait()
    child.close()
    answers, _ = load_answers(path)
    assert answers.meta.unit == "Socialtjänsten"

    child = spawn("survey", "svar.toml", cwd=tmp_path)
    child.expect_exact(RESPONDENT_PROMPT)
    child.sendline("Enhetschef")
    child.expect_exact("Fråga 1 av")
    child.sendline("q")
    child.expect(pexpect.EOF)
    child.wait()
    child.close()
    assert child.exitstatus == 0
    meta = load_answers(path)[0].meta
    assert (meta.unit, meta.respondent, meta.setup_unasked) == (
        "Socialtjänsten",
        "Enhetschef",
        None,
    )
    assert "setup_unasked" not in path.read_text(encoding="utf-8"), (
        "a finished file is format 1 as before"
    )


def test_q_after_the_municipality_saves_it_and_says_how_to_go_on(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "svar.toml"
    code, output = invoke(runner, "survey", str(path), "--year", "2019", input="Kiruna\n?\nq\n")
    assert code == 0, output
    assert "q = spara och avsluta" in output
    assert f"Sparat: uppgifterna om Kiruna i {path}" in output
    assert f"ojcli survey {path}" in output
    assert load_answers(path)[0].meta.setup_unasked == ["unit", "respondent"]
    assert not list(tmp_path.glob("*.lock"))


def test_an_option_gives_a_set_up_answer_still_unasked(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "svar.toml"
    invoke(runner, "survey", str(path), "--year", "2019", input="Kiruna\n")
    code, output = invoke(runner, "survey", str(path), "--enhet", "IFO", input="Anna\nq\n")
    assert code == 0, output
    assert "Enhet som svarar" not in output
    meta = load_answers(path)[0].meta
    assert (meta.unit, meta.respondent, meta.setup_unasked) == ("IFO", "Anna", None)
