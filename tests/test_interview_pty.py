"""The interview in a real pseudo-terminal: answer a section, press Ctrl-C, resume, read the file."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pexpect  # in the test extra: the real-terminal tests must run, never skip
import pytest

from conftest import spawn_ojcli

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="pexpect.spawn needs a POSIX pty"),
]


def spawn(*args: str, cwd: Path) -> pexpect.spawn:
    child: pexpect.spawn = spawn_ojcli(*args, cwd=cwd)
    return child


def answer(child: pexpect.spawn, expected_question: str, reply: str) -> None:
    child.expect_exact(expected_question)
    child.expect_exact("Svar: ")
    child.sendline(reply)


def test_ctrl_c_keeps_every_answer_and_resume_continues(tmp_path: Path) -> None:
    child = spawn("survey", "svar.toml", "--year", "2019", cwd=tmp_path)
    child.expect_exact("Kommun (namn eller kod): ")
    child.sendline("Kiruna")
    child.expect_exact("Enhet som svarar (valfritt, Enter hoppar över): ")
    child.sendline("")
    child.expect_exact("Ditt namn eller din roll (valfritt): ")
    child.sendline("Enhetschef")
    answer(child, "Fråga 1 av 65 · Våld i nära relationer", "ja")
    answer(child, "Fråga 2 av 65", "ja")
    answer(child, "Är rutinen beslutad på ledningsnivå?", "ja")
    answer(child, "Vilket datum beslutades eller följdes rutinen senast upp?", "2018-11-05")
    child.expect_exact("Finns en skriftlig rutin för att inte röja skyddade personuppgifter?")
    child.expect_exact("Svar: ")
    child.sendintr()  # Ctrl-C in the middle of a question
    child.expect_exact("Fortsätt senare med: ojcli survey svar.toml")
    child.expect(pexpect.EOF)
    child.wait()
    child.close()
    assert child.exitstatus == 130

    data = tomllib.loads((tmp_path / "svar.toml").read_text(encoding="utf-8"))
    assert data["answers"] == {
        "freda_kortfragor": "ja",
        "rutin_vald": "ja",
        "rutin_vald_beslutad": "ja",
        "rutin_vald_uppfoljd": __import__("datetime").date(2018, 11, 5),
    }
    assert data["meta"]["respondent"] == "Enhetschef"

    resumed = spawn("survey", "svar.toml", cwd=tmp_path)
    resumed.expect_exact("Fortsätter med svar.toml")
    answer(resumed, "Fråga 5 av 65 · Våld i nära relationer", "nej")
    # "nej" drops the two follow-ups: the next question keeps its number, the total stays.
    answer(resumed, "Fråga 8 av 65 · Barn och boende (2 frågor hoppas över)", "q")
    resumed.expect(pexpect.EOF)
    resumed.wait()
    resumed.close()
    assert resumed.exitstatus == 0
    data = tomllib.loads((tmp_path / "svar.toml").read_text(encoding="utf-8"))
    assert data["answers"]["rutin_skyddade"] == "nej"
    assert len(data["answers"]) == 5
