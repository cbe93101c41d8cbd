"""`survey` refuses options that contradict the file it would open, and every refusal exits 2 (issue 12).

A refused command leaves the answers file byte for byte as it was, and makes no backup.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import invoke

KALMAR_2024 = {
    "questionnaire": "oj-eb-2024",
    "municipality_code": "0880",
    "municipality_name": "Kalmar",
    "unit": "Individ- och familjeomsorgen",
    "respondent": "Enhetschef",
}


@pytest.fixture
def kalmar(write_answers: Callable[..., Path]) -> Path:
    return write_answers({}, name="kalmar.toml", **KALMAR_2024)


@pytest.mark.parametrize(
    ("option", "said"),
    [
        (["--year", "2019"], "--year 2019: filen gäller enkäten 2024"),
        (["--kommun", "Kiruna"], "--kommun Kiruna: filen gäller Kalmar (0880)"),
        (["-k", "2584"], "--kommun 2584: filen gäller Kalmar (0880)"),
        (["--enhet", "Socialtjänsten"], "--enhet Socialtjänsten: filen har enhet"),
        (["--uppgiftslamnare", "Anna"], "--uppgiftslamnare Anna: filen har uppgiftslämnare"),
    ],
    ids=lambda v: v[0] if isinstance(v, list) else "",
)
def test_an_option_that_contradicts_the_file_is_refused(
    runner: CliRunner, kalmar: Path, option: list[str], said: str
) -> None:
    before = kalmar.read_bytes()
    code, output = invoke(runner, "survey", str(kalmar), *option, input="q\n")
    assert code == 2, output
    assert f"Flaggorna stämmer inte med {kalmar}" in output
    assert said in output
    assert "Fråga" not in output, "no interview after a refusal"
    assert kalmar.read_bytes() == before
    assert not list(kalmar.parent.glob("*.bak"))


def test_every_contradiction_is_named_at_once(runner: CliRunner, kalmar: Path) -> None:
    code, output = invoke(
        runner, "survey", str(kalmar), "--year", "2019", "--kommun", "Kiruna", "--enhet", "X"
    )
    assert code == 2
    assert "--year 2019" in output
    assert "--kommun Kiruna" in output
    assert "--enhet X" in output


@pytest.mark.parametrize(
    "option",
    [
        ["--year", "2024"],
        ["--kommun", "kalmar"],
        ["--kommun", "0880"],
        ["--enhet", "individ- och familjeomsorgen"],
        ["--uppgiftslamnare", "Enhetschef"],
    ],
    ids=" ".join,
)
def test_an_option_that_repeats_the_file_is_fine(
    runner: CliRunner, kalmar: Path, option: list[str]
) -> None:
    code, output = invoke(runner, "survey", str(kalmar), *option, input="q\n")
    assert code == 0, output
    assert f"Fortsätter med {kalmar}" in output


def test_from_with_another_municipality_is_refused(
    runner: CliRunner, write_answers: Callable[..., Path], tmp_path: Path
) -> None:
    last_year = write_answers(
        {}, name="kalmar-2023.toml", **{**KALMAR_2024, "questionnaire": "oj-eb-2023"}
    )
    target = tmp_path / "ny.toml"
    code, output = invoke(
        runner,
        "survey",
        str(target),
        "--year",
        "2024",
        "--from",
        str(last_year),
        "--kommun",
        "Kiruna",
    )
    assert code == 2, output
    assert "--kommun Kiruna stämmer inte med" in output
    assert not target.exists()


def test_from_takes_this_years_unit_and_respondent(
    runner: CliRunner, write_answers: Callable[..., Path], tmp_path: Path
) -> None:
    last_year = write_answers(
        {}, name="kalmar-2023.toml", **{**KALMAR_2024, "questionnaire": "oj-eb-2023"}
    )
    target = tmp_path / "ny.toml"
    code, output = invoke(
        runner,
        "survey",
        str(target),
        "--year",
        "2024",  # the default is the year being prepared, which ojcli does not ship
        "--from",
        str(last_year),
        "--kommun",
        "Kalmar",
        "--enhet",
        "Ekonomiskt bistånd",
        "-u",
        "Ny chef",
        input="q\n",
    )
    assert code == 0, output
    text = target.read_text(encoding="utf-8")
    assert 'unit = "Ekonomiskt bistånd"' in text
    assert 'respondent = "Ny chef"' in text


@pytest.mark.parametrize(("case", "exit_code"), [("existing target", 4), ("same year", 2)])
def test_from_refusals(
    runner: CliRunner, write_answers: Callable[..., Path], tmp_path: Path, case: str, exit_code: int
) -> None:
    # Refusing to overwrite is 4, as everywhere; a --from of the same year is a usage error.
    last_year = write_answers(
        {}, name="kalmar-2023.toml", **{**KALMAR_2024, "questionnaire": "oj-eb-2023"}
    )
    if case == "existing target":
        target = write_answers({}, name="finns.toml", **KALMAR_2024)
        args = [str(target), "--from", str(last_year)]
    else:
        target = tmp_path / "ny.toml"
        args = [str(target), "--year", "2023", "--from", str(last_year)]
    before = target.read_bytes() if target.exists() else None
    code, output = invoke(runner, "survey", *args, input="q\n")
    assert code == exit_code, output
    assert (target.read_bytes() if target.exists() else None) == before
