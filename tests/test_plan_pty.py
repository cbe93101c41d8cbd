"""The plan's interactive step in a real pseudo-terminal (issue 18): what a person sees while
deciding three indicators, Ctrl-C, and SIGKILL at a prompt and in the middle of a save."""

from __future__ import annotations

import datetime as dt
import signal
import sys
import time
import tomllib
from pathlib import Path

import pexpect  # in the test extra: the real-terminal tests must run, never skip
import pytest

from conftest import spawn_ojcli as spawn
from ojcli.files.loading import load_answers
from plan_files import HEAD, write_folder

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="pexpect.spawn needs a POSIX pty"),
]


def plan_in(path: Path) -> dict[str, object]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    plan: dict[str, object] = data.get("plan", {})
    return plan


def reply(child: pexpect.spawn, prompt: str, text: str) -> None:
    child.expect_exact(prompt)
    child.sendline(text)


def test_deciding_three_indicators_as_a_person_sees_it(tmp_path: Path) -> None:
    path = write_folder(tmp_path)
    child = spawn("plan", "svar.toml", cwd=tmp_path)
    child.expect_exact("Handlingsplan – Kiruna, Försörjningsstöd (2584) – Testenkät 2030")
    child.expect_exact("0 beslut, 5 indikatorer utan beslut.")
    child.expect_exact("Indikator 1 av 5 utan beslut")
    child.expect_exact("Rutinen följd upp senaste året")
    child.expect_exact("1) Åtgärda: vad, vem och när")
    reply(child, "Beslut (1–3): ", "1")
    # The default action is what would meet it, the owner the respondent, the date the last
    # working day before the reference date (2030-03-01 is a Friday).
    reply(child, "Vad ska göras (Enter = «rutinens uppföljning»: ett datum från 2029-03-01", "")
    reply(child, "Vem ansvarar (Enter = Anna Andersson): ", "")
    reply(child, "Klart senast (ÅÅÅÅ-MM-DD) (Enter = 2030-02-28): ", "")
    child.expect_exact("Beslutet är sparat.")
    child.expect_exact("Indikator 2 av 5 utan beslut")
    reply(child, "Beslut (1–3): ", "2")
    reply(child, "Varför godtas den som ej uppfylld: ", "Inga lokaler i år")
    child.expect_exact("Beslutet är sparat.")
    child.expect_exact("Väntetid högst 14 dagar")
    reply(child, "Beslut (1–3): ", "1")
    reply(child, "Vad ska göras (Enter = ", "Fler nybesökstider")
    reply(child, "Vem ansvarar (Enter = Anna Andersson): ", "Bo Berg")
    reply(child, "Klart senast (ÅÅÅÅ-MM-DD) (Enter = 2030-02-28): ", "2030-01-31")
    child.expect_exact("Beslutet är sparat.")
    reply(child, "Beslut (1–3): ", "q")
    child.expect_exact("2 indikatorer saknar beslut. Fortsätt med: ojcli plan svar.toml")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert plan_in(path) == {
        "rutin": {
            "decision": "act",
            "action": "«rutinens uppföljning»: ett datum från 2029-03-01 till mätdatum "
            "2030-03-01 – besluta eller följ upp före 2030-03-01",
            "owner": "Anna Andersson",
            "due": dt.date(2030, 2, 28),
        },
        "mote": {"decision": "accept", "reason": "Inga lokaler i år"},
        "vantetid": {
            "decision": "act",
            "action": "Fler nybesökstider",
            "owner": "Bo Berg",
            "due": dt.date(2030, 1, 31),
        },
    }
    text = path.read_text(encoding="utf-8")
    assert 'mote = "nej"   # ändras efter nämndens beslut i januari\n' in text
    assert "# Vår svarsfil: kommentarer som ska stå kvar\n" in text

    # Next time the three decided are listed with their dates, and only two are asked.
    again = spawn("plan", "svar.toml", cwd=tmp_path)
    again.expect_exact("3 beslut, 2 indikatorer utan beslut.")
    again.expect_exact("2030-01-31  ✗ Ej uppfylld  Väntetid högst 14 dagar")
    again.expect_exact("Indikator 1 av 2 utan beslut")
    again.sendcontrol("d")  # Ctrl-D ends as q does
    again.expect_exact("Fortsätt med: ojcli plan svar.toml")
    again.expect(pexpect.EOF)
    again.close()
    assert again.exitstatus == 0


def test_ctrl_c_keeps_every_confirmed_decision(tmp_path: Path) -> None:
    path = write_folder(tmp_path)
    child = spawn("plan", "svar.toml", cwd=tmp_path)
    reply(child, "Beslut (1–3): ", "3")
    reply(child, "Skäl eller anteckning (valfritt): ", "")
    child.expect_exact("Beslutet är sparat.")
    reply(child, "Beslut (1–3): ", "1")
    child.expect_exact("Vad ska göras")
    child.sendintr()
    child.expect_exact("Besluten är sparade i svar.toml.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert plan_in(path) == {"rutin": {"decision": "no_action"}}
    assert not (tmp_path / "svar.toml.lock").exists()


def _kill(child: pexpect.spawn) -> None:
    child.kill(signal.SIGKILL)
    child.wait()
    child.close()


@pytest.mark.parametrize("delay", [None, 0.0, 0.003, 0.01, 0.03])
def test_sigkill_loses_no_confirmed_decision(tmp_path: Path, delay: float | None) -> None:
    """Killed at a prompt (None) or `delay` seconds after the Enter that confirms a decision:
    every decision confirmed before stays, the file always reads, and the next run goes on."""
    path = write_folder(tmp_path)
    child = spawn("plan", "svar.toml", cwd=tmp_path)
    reply(child, "Beslut (1–3): ", "2")
    reply(child, "Varför godtas den som ej uppfylld: ", "Första")
    child.expect_exact("Beslutet är sparat.")
    reply(child, "Beslut (1–3): ", "2")
    child.expect_exact("Varför godtas den som ej uppfylld: ")
    if delay is None:
        child.sendline("Andra")
        child.expect_exact("Beslutet är sparat.")
        child.expect_exact("Beslut (1–3): ")
    else:
        child.sendline("Andra")
        time.sleep(delay)
    _kill(child)
    answers, _ = load_answers(path)  # whole and readable, whatever the moment
    plan = {k: v.reason for k, v in answers.plan.items()}
    assert plan["rutin"] == "Första"  # confirmed before the kill: never lost
    if delay is None:
        assert plan == {"rutin": "Första", "mote": "Andra"}
    else:
        assert plan in ({"rutin": "Första"}, {"rutin": "Första", "mote": "Andra"})
    for line in HEAD.splitlines():
        assert line in path.read_text(encoding="utf-8").splitlines()

    # The lock of the killed session is taken over, and the plan goes on from there.
    resumed = spawn("plan", "svar.toml", cwd=tmp_path)
    resumed.expect_exact(f"{len(plan)} beslut")
    resumed.expect_exact("Beslut (1–3): ")
    resumed.sendline("q")
    resumed.expect(pexpect.EOF)
    resumed.close()
    assert resumed.exitstatus == 0
