"""Where ojcli looks for an answers file's questionnaire, and what it says when it is not there
(issue 19, item 8): beside the answers, with `--enkat` (also for compare and compare-many), and
for `schema --year` as for `questionnaires show`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import ojcli.model.dates
from conftest import invoke

WHO = ["--kommun", "0880", "--uppgiftslamnare", "Enhetschef"]
REPLIES = "ja\nq\n"  # one answer, then pause


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ojcli.model.dates, "today", lambda: dt.date(2026, 12, 3))


@pytest.fixture
def county(runner: CliRunner, tmp_path: Path) -> Path:
    """A county folder: the prepared 2027 questionnaire at the top, the answers in 2027/."""
    top = tmp_path / "län"
    (top / "2027").mkdir(parents=True)
    enkat = top / "oj-eb-2027.toml"
    assert invoke(runner, "questionnaires", "new", "2027", "-o", str(enkat))[0] == 0
    for name in ("Kalmar", "Nybro"):
        path = top / "2027" / f"{name.lower()}.toml"
        code, text = invoke(
            runner, "survey", str(path), "--enkat", str(enkat), *WHO, "--enhet", name,
            input=REPLIES,
        )  # fmt: skip
        assert code == 0, text
    return top


def test_answers_away_from_their_questionnaire_are_told_where_ojcli_looked(
    runner: CliRunner, county: Path
) -> None:
    answers = county / "2027" / "kalmar.toml"
    for command in ("score", "validate", "report"):
        code, text = invoke(runner, command, str(answers))
        assert code == 3, text
        assert "Enkäten 'oj-eb-2027' finns inte" in text
        assert "menade du" not in text  # answers to 2027 are not judged by 2024's rules
        assert f"ojcli letade bredvid svarsfilen (i mappen {county / '2027'})" in text
        assert "bland enkäterna som följer med ojcli (2018–2024)" in text
        assert f"Lägg enkätfilen för oj-eb-2027 i mappen {county / '2027'}" in text
        assert "--enkat FIL" in text


def test_compare_many_takes_enkat_for_a_county_folder_with_a_folder_per_year(
    runner: CliRunner, county: Path
) -> None:
    enkat = str(county / "oj-eb-2027.toml")
    code, text = invoke(runner, "compare-many", str(county))
    assert code == 3, text  # without it no file can be judged, and each says why
    assert text.count("ange den med --enkat FIL") == 2
    # The questionnaire is among the files, though not beside the answers: ojcli names it.
    assert f"Ange den med --enkat {enkat}." in text
    for extra in ([], ["--year", "2027"]):
        result = runner.invoke(
            _app(), ["compare-many", str(county), "--enkat", enkat, *extra, "-f", "json"]
        )
        assert result.exit_code == 0, result.output
        data = json.loads(result.stdout)
        assert (data["files"], data["compared"], data["failed"]) == (2, 2, 0)
        assert [y["year"] for y in data["years"]] == [2027]
        rows = data["years"][0]["counties"][0]["units"]
        assert sorted(r["unit"] for r in rows) == ["Kalmar", "Nybro"]
        assert data["years"][0]["questionnaire"]["preliminary"] is not None  # the given file


def test_compare_takes_enkat_too(runner: CliRunner, county: Path) -> None:
    old, new = (str(county / "2027" / f"{n}.toml") for n in ("kalmar", "nybro"))
    assert invoke(runner, "compare", old, new)[0] == 3
    code, text = invoke(runner, "compare", old, new, "--enkat", str(county / "oj-eb-2027.toml"))
    assert code == 0, text
    assert "Kalmar" in text
    assert "Nybro" in text


def test_a_year_ojcli_lacks_is_refused_only_when_no_questionnaire_has_it(
    runner: CliRunner, county: Path
) -> None:
    code, text = invoke(runner, "compare-many", str(county), "--year", "2031")
    assert code == 2
    assert "Det finns ingen enkät för 2031" in text
    assert "Tillgängliga år: 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2027." in text


def test_two_given_questionnaires_with_one_id_are_refused(
    runner: CliRunner, county: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "kopia.toml"
    copy.write_bytes((county / "oj-eb-2027.toml").read_bytes())
    code, text = invoke(
        runner, "compare-many", str(county), "--enkat", str(county / "oj-eb-2027.toml"),
        "--enkat", str(copy),
    )  # fmt: skip
    assert code == 2, text
    assert "Två enkätfiler med --enkat har samma id, oj-eb-2027" in text


def test_schema_for_a_year_finds_the_questionnaire_in_this_folder_as_show_does(
    runner: CliRunner, county: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(county)
    assert invoke(runner, "questionnaires", "show", "2027")[0] == 0
    result = runner.invoke(_app(), ["schema", "--year", "2027"])
    assert result.exit_code == 0, result.output
    answers = json.loads(result.stdout)["properties"]["answers"]
    assert "rutin_vald" in answers["properties"]
    assert answers["additionalProperties"] is False


def test_a_year_after_the_newest_says_how_to_prepare_it(runner: CliRunner) -> None:
    for command in (["questionnaires", "show", "2030"], ["schema", "--year", "2030"]):
        code, text = invoke(runner, *command)
        assert code == 2
        assert "Förbered en enkät för 2030 med: ojcli questionnaires new 2030" in text


def _app() -> object:
    from ojcli.cli import app

    return app
