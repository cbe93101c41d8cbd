"""What a prepared year looks like in every output: what each indicator rests on, national shares
with their year (never claimed for a year without results), Kolada ids, reported values."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from typer.testing import CliRunner

import mini
from conftest import invoke, meta
from ojcli.prepare import prepare, render, shipped_additions
from test_prepare_newest import TODAY, bundled

ANSWERS: dict[str, Any] = {
    "rattsfall": "ja",
    "overenskommelse_af": "nej",
    "plan_tre_manader": "ja_inte_alla",
    "riksnorm": "ja",
    "handlaggare_arsarbetare": 1250,
    "handlaggare_socionomexamen": 850,
}
CARRIED = "enligt 2024, antas ingå 2027"
REPORTED = "Handläggare inom ekonomiskt bistånd som har socionomexamen, andel (%)"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A unit's folder: the prepared 2027, the mini 2023 beside it, and answers to both."""
    (tmp_path / "oj-eb-2027.toml").write_text(
        render(prepare(2027, bundled(), TODAY, shipped_additions())), encoding="utf-8"
    )
    y2023 = next(q for q in bundled() if q.year == 2023)
    (tmp_path / "oj-eb-2023.toml").write_text(
        tomli_w.dumps(y2023.model_dump(by_alias=True, exclude_none=True)), encoding="utf-8"
    )
    for name, data in (
        ("svar-2027.toml", {"meta": meta("oj-eb-2027"), "answers": ANSWERS}),
        (
            "svar-2027-b.toml",
            {
                "meta": meta("oj-eb-2027", municipality_code="0880", municipality_name="Kalmar"),
                "answers": {"rattsfall": "nej"},
            },
        ),
        ("svar-2023.toml", {"meta": meta("oj-eb-2023"), "answers": {"rattsfall": "ja"}}),
    ):
        (tmp_path / name).write_text(tomli_w.dumps(data), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_score_says_what_each_line_rests_on_and_the_shares_year(
    runner: CliRunner, folder: Path
) -> None:
    code, text = invoke(runner, "score", "svar-2027.toml")
    assert code == 0, text
    assert text.count(CARRIED) == 4  # one per indicator
    assert "riket 60 % (2024)" in text  # rättsfall: the 2024 share, with its year
    assert "riket 50 % (2023)" in text  # the plan: no 2024 share, so 2023's
    assert "riket –" in text  # the agreement and riksnorm: none known
    assert "uppfyllde indikatorn 2027" not in text  # no share is claimed for 2027
    assert "uppfyllde indikatorn det år som står inom parentes, det senaste kända" in text
    assert "– vid en indikator: ingen andel känd i riket." in text
    assert "Preliminär: bygger på definitionerna från 2024, inte på 2027 års enkät." in text
    # Theme bars: the means carry their years too.
    assert "60 % (2024; 1 av 2 kända)" in text
    assert "50 % (2023; 1 av 2 kända)" in text
    # The reported value beside the verdicts, never in the count.
    assert f"{REPORTED}: 68 % (8,5 av 12,5 årsarbetare)" in text
    assert "2 av 4 indikatorer uppfyllda" in text


def test_the_json_carries_measure_basis_share_year_and_the_reported_value(
    runner: CliRunner, folder: Path
) -> None:
    from ojcli.cli import app

    data = json.loads(runner.invoke(app, ["score", "svar-2027.toml", "--format", "json"]).stdout)
    by_id = {i["id"]: i for i in data["indicators"]}
    assert by_id["rattsfall"]["national_share"] == {"year": 2024, "percent": 60, "basis": "stated"}
    assert by_id["riksnorm"]["national_share"] is None
    assert by_id["plan-sjalvforsorjning"]["measure"] == {
        "kolada": ["U31512"],
        "met_value": 2,
        "met_label": "Ja, för alla",
        "note": "",
    }
    assert {i["carried_from"] for i in data["indicators"]} == {2024}
    assert data["summary"]["total"] == 4
    assert data["summary"]["met"] == 2
    themes = {t["id"]: t["national_years"] for t in data["summary"]["themes"]}
    assert themes == {"sjalvforsorjning": [2023], "kunskap": [2024]}
    [reported] = data["summary"]["reported"]
    assert (reported["id"], reported["kolada"], reported["percent"]) == (
        "socionomexamen",
        ["U31404"],
        68.0,
    )
    assert reported["questions"] == {
        "handlaggare_socionomexamen": 850,
        "handlaggare_arsarbetare": 1250,
    }


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_documents_show_kolada_ids_share_years_and_the_basis(
    runner: CliRunner, folder: Path, fmt: str
) -> None:
    code, _ = invoke(runner, "report", "svar-2027.toml", "--format", fmt, "-o", f"r.{fmt}")
    assert code == 0
    text = (folder / f"r.{fmt}").read_text(encoding="utf-8")
    assert "Riket 2027" not in text
    assert "uppfyllde indikatorn 2027" not in text
    assert "60 % (2024)" in text
    assert "Kolada U31493" in text  # rättsfall, in the sources
    assert "riket 2023: 50 % · Kolada U31512 · enligt 2024, antas ingå 2027" in text  # the plan
    assert text.count(CARRIED) >= 4
    assert "Redovisade värden" in text
    assert "68 % (8,5 av 12,5 årsarbetare)" in text


def test_csv_has_the_kolada_id_and_the_reported_value_as_no_verdict(
    runner: CliRunner, folder: Path
) -> None:
    code, _ = invoke(runner, "report", "svar-2027.toml", "--format", "csv", "-o", "r.csv")
    assert code == 0
    rows = list(
        csv.DictReader(
            io.StringIO((folder / "r.csv").read_text(encoding="utf-8-sig")), delimiter=";"
        )
    )
    by_id = {r["Indikator-id"]: r for r in rows}
    assert by_id["plan-sjalvforsorjning"]["Kolada-id"] == "U31512"
    assert (by_id["rattsfall"]["Riket, år"], by_id["rattsfall"]["Riket, andel (%)"]) == (
        "2024",
        "60",
    )
    assert by_id["socionomexamen"]["Status"] == "Redovisas"
    assert by_id["socionomexamen"]["Skäl"] == "68 % (8,5 av 12,5 årsarbetare)"
    assert by_id["socionomexamen"]["Kolada-id"] == "U31404"


def test_compare_many_gives_every_national_share_its_year(runner: CliRunner, folder: Path) -> None:
    pytest.importorskip("openpyxl")
    from openpyxl import load_workbook

    files = ["svar-2027.toml", "svar-2027-b.toml"]
    code, md = invoke(runner, "compare-many", *files, "--format", "md")
    assert code == 0, md
    assert "| **Riket** | | 60 % (2024) | – | 50 % (2023) | – | |" in md
    code, table = invoke(runner, "compare-many", *files)
    assert "Andel i riket, senast kända år, %" in table
    assert "60 % (2024)" in table  # the indicator list under the matrix
    code, _ = invoke(runner, "compare-many", *files, "--format", "csv", "-o", "m.csv")
    rows = list(
        csv.reader(io.StringIO((folder / "m.csv").read_text(encoding="utf-8-sig")), delimiter=";")
    )
    header = rows[0]
    years = next(r for r in rows if r[0] == "riket, år")
    assert years[header.index("rattsfall")] == "2024"
    assert years[header.index("riksnorm")] == ""
    code, _ = invoke(runner, "compare-many", *files, "--format", "xlsx", "-o", "m.xlsx")
    sheet = load_workbook(folder / "m.xlsx")["Översikt"]
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    head = cells[2]
    rattsfall = next(r for r in cells if len(r) > 1 and r[1] == "rattsfall")
    assert rattsfall[head.index("Riket, år")] == 2024
    assert rattsfall[head.index("Riket, %")] == 60
    year_sheet = [
        [c.value for c in row] for row in load_workbook(folder / "m.xlsx")["2027"].iter_rows()
    ]
    assert any(r[0] == "Riket, år" and 2024 in r for r in year_sheet)


def test_compare_and_diff_say_antas_inga_for_what_was_carried_over(
    runner: CliRunner, folder: Path
) -> None:
    code, text = invoke(runner, "compare", "svar-2023.toml", "svar-2027.toml")
    assert code == 0, text
    assert "Antas ingå 2027 (enligt 2024) (2)" in text
    assert "Nya i enkäten 2027" not in text
    code, text = invoke(runner, "questionnaires", "diff", "oj-eb-2023.toml", "oj-eb-2027.toml")
    assert code == 0, text
    assert "Antas ingå 2027 (enligt 2024) (2)" in text
    assert "Nya indikatorer" not in text


def test_show_prints_each_measure_and_the_reported_value(runner: CliRunner, folder: Path) -> None:
    code, text = invoke(runner, "questionnaires", "show", "oj-eb-2027.toml")
    assert code == 0, text
    assert "Mått i Kolada: U31512; uppfylld vid värdet 2 («Ja, för alla»)" in text
    assert "Mått i Kolada: inget – Inget publicerat mått; ojclis eget exempel." in text
    assert "Redovisade värden" in text
    assert "Räknas som: «årsarbetare med socionomexamen» av «årsarbetare i handläggningen" in text
    assert "Används i: socionomexamen (redovisat värde)" in text
    assert "Mått i Kolada: 3 av 4." in text


def test_a_reported_value_without_answers_says_why(runner: CliRunner, folder: Path) -> None:
    for answers, why in (
        ({}, "– (årsarbetare med socionomexamen obesvarad)"),
        (
            {"handlaggare_arsarbetare": 0, "handlaggare_socionomexamen": 0},
            "– (ingen att räkna andelen på)",
        ),
        (
            {"handlaggare_arsarbetare": 100, "handlaggare_socionomexamen": 200},
            "– (delen är större än helheten)",
        ),
    ):
        path = folder / "x.toml"
        path.write_text(
            tomli_w.dumps({"meta": meta("oj-eb-2027"), "answers": answers}), encoding="utf-8"
        )
        code, text = invoke(runner, "score", "x.toml")
        assert code == 0, text
        assert f"{REPORTED}: {why}" in text
        assert mini  # the questionnaires come from tests/mini.py


def test_score_loads_what_reported_values_and_preparing_need_only_when_used() -> None:
    """Defining a pydantic class costs every `ojcli score` start-up: none of this loads for a
    questionnaire without reported values."""
    from test_layering import imported_after

    modules = imported_after(
        "import sys\n"
        "from ojcli.cli import main\n"
        "from ojcli.files.loading import example_answers\n"
        "sys.argv = ['ojcli', 'score', str(example_answers())]\n"
        "try:\n    main()\nexcept SystemExit as exit:\n    assert exit.code == 0\n"
    )
    assert "ojcli.report.one.text" in modules
    lazy = {
        "ojcli.model.reported",
        "ojcli.report.reported",
        "ojcli.model.prepared",
        "ojcli.prepare",
    }
    assert not lazy & modules


def test_compare_and_diff_from_the_year_carried_from_say_so_once(
    runner: CliRunner, folder: Path
) -> None:
    """From 2024 itself nothing is new: each indicator is the same, now assumed to be in 2027.
    diff lists them under "Antas ingå 2027 (enligt 2024)", not as changed; compare says it in one
    line each, not the assumptions of both years in full."""
    y2024 = next(q for q in bundled() if q.year == 2024)
    (folder / "oj-eb-2024.toml").write_text(
        tomli_w.dumps(y2024.model_dump(by_alias=True, exclude_none=True)), encoding="utf-8"
    )
    answers_2024 = {k: v for k, v in ANSWERS.items() if k in y2024.numbers}
    (folder / "svar-2024.toml").write_text(
        tomli_w.dumps({"meta": meta("oj-eb-2024"), "answers": answers_2024}), encoding="utf-8"
    )
    code, text = invoke(runner, "questionnaires", "diff", "oj-eb-2024.toml", "oj-eb-2027.toml")
    assert code == 0, text
    assert "Antas ingå 2027 (enligt 2024) (4)" in text
    assert "Ändrade indikatorer (0)" in text
    assert "antagandena" not in text
    code, text = invoke(runner, "compare", "svar-2024.toml", "svar-2027.toml")
    assert code == 0, text
    assert text.count("Enligt 2024, antas ingå 2027.") == 4
    assert "Antaganden 2027" not in text
    assert "Nya i enkäten 2027" not in text
