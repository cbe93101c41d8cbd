"""In a real terminal, `ojcli survey` for a year ojcli lacks offers to prepare it, then goes on."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pexpect  # in the test extra: a real-terminal test must run, never skip
import pytest

from conftest import spawn_ojcli

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="pexpect.spawn needs a POSIX pty"),
]


def test_survey_offers_to_prepare_the_year_and_continues_with_it(tmp_path: Path) -> None:
    child = spawn_ojcli(
        "survey", "svar-2027.toml", "--year", "2027", "--kommun", "0880",
        "--enhet", "Försörjningsstöd", "--uppgiftslamnare", "Enhetschef",
        cwd=tmp_path, timeout=30,
    )  # fmt: skip
    gap = r"(?:\s|\x1b\[[0-9;]*m)+"  # a wrapped line may end and start with a style
    child.expect(gap.join(["Den", "senaste", "enkäten", "ojcli", "har", "är", "2024"]))
    child.expect_exact("Förbered enkäten 2027 nu? (ja/nej): ")
    child.sendline("ja")
    child.expect_exact("Skrev")
    child.expect_exact("Svar: ")
    child.sendline("ja")
    child.expect_exact("Svar: ")
    child.sendline("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    prepared = tomllib.loads((tmp_path / "oj-eb-2027.toml").read_text(encoding="utf-8"))
    assert prepared["reference_date"].isoformat() == "2027-03-01"
    answers = tomllib.loads((tmp_path / "svar-2027.toml").read_text(encoding="utf-8"))
    assert answers["meta"]["questionnaire"] == "oj-eb-2027"
    assert answers["answers"]["freda_kortfragor"] == "ja"  # the first question since 2024
