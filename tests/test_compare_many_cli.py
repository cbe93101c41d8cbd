"""`ojcli compare-many`: the matrix in the terminal and as md, html, json, csv and xlsx; exit codes."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import openpyxl  # in the test extra: the xlsx tests must run, never skip
import pytest
from typer.testing import CliRunner

from ojcli.cli import app
from ojcli.compare.many import compare_many
from ojcli.errors import EXIT_INPUT, EXIT_OK, EXIT_PARTIAL, EXIT_USAGE
from ojcli.files.loading import find_questionnaire, load_questionnaire
from ojcli.report.compare.text import render_csv, render_markdown
from ojcli.report.wording import round_percent

KIRUNA = """\
[meta]
format_version = 1
questionnaire = "oj-eb-2024"
municipality_code = "2584"
municipality_name = "Kiruna"

[answers]
rutin_vald = "ja"
rutin_vald_beslutad = "ja"
rutin_vald_uppfoljd = 2023-05-01
hushall_kvinna_man = "nej"
plan_sjalvforsorjning = "nej"
"""

JARVA = """\
[meta]
format_version = 1
questionnaire = "oj-eb-2024"
municipality_code = "0180"
municipality_name = "Stockholm"
unit = "Järva"

[answers]
rutin_vald = "nej"
hushall_kvinna_man = "ja"
separata_moten = "ja"
overenskommelse_af = "nej"
"""


# The 2024 indicators in survey order, and what the two units' answers give for each; every
# other indicator is unanswered (incomplete). Without a plan, its three indicators are not met.
IDS = [i.id for i in load_questionnaire(find_questionnaire(2024)).indicators]
JARVA_STATES = {"rutin-vald": "✗", "separata-moten": "✓", "overenskommelse-arbetsformedlingen": "✗"}
KIRUNA_STATES = {
    "rutin-vald": "✓",
    "separata-moten": "–",
    "plan-sjalvforsorjning": "✗",
    "plan-undertecknad": "✗",
    "plan-uppfoljd": "✗",
}
WORDS = {"✓": "Uppfylld", "✗": "Ej uppfylld", "?": "Ofullständig", "–": "Ej tillämplig"}
RIKET = {"rutin-vald": 70, "separata-moten": 23}  # the 2024 shares Socialstyrelsen gives
# The share each column shows: 2024's where a source gives it, else the latest known before it
# (its year then named), else none.
SHARES_2024 = {
    i.id: i.national_share for i in load_questionnaire(find_questionnaire(2024)).indicators
}


def latest(iid: str) -> tuple[float, int, str] | None:
    known = [s for s in SHARES_2024[iid] if s.year <= 2024]
    s = max(known, key=lambda s: s.year) if known else None
    return None if s is None else (s.percent, s.year, s.basis)


def national_cells() -> list[str]:
    """The national row as the documents show it: "70 %", "50 % (2023)", "≈20 % (2019)", "–"."""
    out = []
    for i in IDS:
        s = latest(i)
        if s is None:
            out.append("–")
            continue
        text = f"{'' if s[2] == 'stated' else '≈'}{s[0]:g} %"
        out.append(text if s[1] == 2024 else f"{text} ({s[1]})")
    return out


def marks(states: dict[str, str]) -> list[str]:
    return [states.get(i, "?") for i in IDS]


def shares(*units: dict[str, str]) -> list[int | None]:
    """Per indicator, the share met among the units it applies to (None: applies to none)."""
    out: list[int | None] = []
    for i in IDS:
        applied = [u.get(i, "?") for u in units if u.get(i, "?") != "–"]
        out.append(round(100 * applied.count("✓") / len(applied)) if applied else None)
    return out


def col(indicator: str) -> int:
    return IDS.index(indicator)


@pytest.fixture
def group(tmp_path: Path) -> Path:
    """A folder with two 2024 units in two counties; Kiruna meets the violence indicator,
    Järva (Stockholm) meets separate meetings, which does not apply to Kiruna."""
    folder = tmp_path / "svar"
    folder.mkdir()
    (folder / "kiruna.toml").write_text(KIRUNA, "utf-8")
    (folder / "jarva.toml").write_text(JARVA, "utf-8")
    return folder


def test_markdown_matrix(group: Path) -> None:
    text = render_markdown(compare_many(sorted(group.glob("*.toml"))))
    j, k = group / "jarva.toml", group / "kiruna.toml"
    n = len(IDS)

    def pct(values: list[int | None]) -> str:
        return " | ".join("–" if v is None else f"{v} %" for v in values)

    assert text.startswith("# Jämförelse av svarsfiler\n\n2 av 2 filer jämförda.\n")
    assert (
        "| Enhet | Kod | " + " | ".join(str(c) for c in range(1, n + 1)) + " | Uppfyllda |\n"
        "|---|---|" + ":-:|" * n + "---:|\n"
        "| **Stockholms län** | 01 |" + "  |" * n + " |\n"
        f"| Stockholm, Järva | 0180 | {' | '.join(marks(JARVA_STATES))} | 1 av {n} |\n"
        f"| *Andel i Stockholms län* | | {pct(shares(JARVA_STATES))} | |\n"
        "| **Norrbottens län** | 25 |" + "  |" * n + " |\n"
        f"| Kiruna | 2584 | {' | '.join(marks(KIRUNA_STATES))} | 1 av {n - 1} |\n"
        f"| *Andel i Norrbottens län* | | {pct(shares(KIRUNA_STATES))} | |\n"
        f"| **Andel i gruppen** | | {pct(shares(JARVA_STATES, KIRUNA_STATES))} | |\n"
        f"| **Riket** | | {' | '.join(national_cells())} | |\n"
    ) in text
    # Where 2024 has no share, the latest known shows with its year.
    assert national_cells()[col("plan-sjalvforsorjning")] == "50 % (2023)"
    assert [national_cells()[col(i)] for i in RIKET] == ["70 %", "23 %"]
    assert (
        f"| {col('separata-moten') + 1} | Separata möten med kvinnan och mannen i "
        "biståndshushållet (`separata-moten`) | 1 | 0 | 0 | 1 | 100 % | 23 % |\n"
    ) in text
    assert str(j) not in text
    assert str(k) not in text  # files are named in the csv, json and xlsx, not in the report


def test_csv_rows_for_units_and_shares(group: Path) -> None:
    """Swedish Excel's dialect, as `ojcli report`: BOM, semicolons, decimal commas, CRLF."""
    j, k = group / "jarva.toml", group / "kiruna.toml"
    text = render_csv(compare_many([k, j]))
    n = len(IDS)

    def cells(values: list[int | None]) -> str:
        return ";".join("" if v is None else str(v) for v in values)

    def percent(iid: str) -> int | None:
        s = latest(iid)
        return None if s is None else int(s[0])

    def year(iid: str) -> int | None:
        s = latest(iid)
        return None if s is None else s[1]

    assert text == "\ufeff" + "\r\n".join(
        [
            f"Rad;År;Enkät;Länskod;Län;Kommunkod;Kommun;Enhet;Fil;{';'.join(IDS)};Uppfyllda;"
            "Tillämpliga;Preliminär",
            f"enhet;2024;oj-eb-2024;01;Stockholms län;0180;Stockholm;Järva;{j};"
            + ";".join(WORDS[m] for m in marks(JARVA_STATES))
            + f";1;{n};",
            f"enhet;2024;oj-eb-2024;25;Norrbottens län;2584;Kiruna;;{k};"
            + ";".join(WORDS[m] for m in marks(KIRUNA_STATES))
            + f";1;{n - 1};",
            f"län;2024;oj-eb-2024;01;Stockholms län;;;;;{cells(shares(JARVA_STATES))};;;",
            f"län;2024;oj-eb-2024;25;Norrbottens län;;;;;{cells(shares(KIRUNA_STATES))};;;",
            f"grupp;2024;oj-eb-2024;;;;;;;{cells(shares(JARVA_STATES, KIRUNA_STATES))};;;",
            f"riket;2024;oj-eb-2024;;;;;;;{cells([percent(i) for i in IDS])};;;",
            f"riket, år;2024;oj-eb-2024;;;;;;;{cells([year(i) for i in IDS])};;;",
            "",
        ]
    )


def test_csv_shares_have_decimal_commas_and_no_formulas(tmp_path: Path) -> None:
    paths = []
    for n, answer in enumerate(["ja", "ja", "nej"]):
        path = tmp_path / f"{n}.toml"
        text = KIRUNA.replace('rutin_vald = "ja"', f'rutin_vald = "{answer}"')
        # The unit is free text (the municipality's name must be one on the list).
        unit = f'municipality_name = "Kiruna"\nunit = "=HYPERLINK({n})"'
        path.write_text(text.replace('municipality_name = "Kiruna"', unit), "utf-8")
        paths.append(path)
    rows = list(
        csv.reader(io.StringIO(render_csv(compare_many(paths)).lstrip("\ufeff")), delimiter=";")
    )
    assert rows[0][7] == "Enhet"
    assert rows[1][7] == "'=HYPERLINK(0)"
    group_row = next(r for r in rows if r[0] == "grupp")
    assert group_row[9 + col("rutin-vald")] == "66,7"


def test_csv_spans_years_with_the_union_of_indicators(group: Path, tmp_path: Path) -> None:
    old = tmp_path / "kiruna-2019.toml"
    old.write_text(KIRUNA.replace("oj-eb-2024", "oj-eb-2019").split("[answers]")[0], "utf-8")
    text = render_csv(compare_many([old, group / "kiruna.toml"])).lstrip("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    units = [r for r in rows if r["Rad"] == "enhet"]
    assert [(r["År"], r["socialjour"], r["separata-moten"]) for r in units] == [
        ("2019", "Ofullständig", ""),  # socialjour ended in 2021
        ("2024", "", "Ej tillämplig"),
    ]


@pytest.fixture
def wide_terminal(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A terminal wide enough for all 2024 columns on one line (a narrower one gets them in parts)."""
    from ojcli.terminal import console

    monkeypatch.setenv("COLUMNS", "250")
    console.out.cache_clear()  # the console reads the width once
    yield
    console.out.cache_clear()


@pytest.mark.usefixtures("wide_terminal")
def test_table_in_the_terminal(runner: CliRunner, group: Path) -> None:
    result = runner.invoke(app, ["compare-many", str(group)])
    assert result.exit_code == EXIT_OK, result.output
    out = result.stdout
    assert "2 av 2 filer jämförda." in out
    assert "2024 – Öppna jämförelser av ekonomiskt bistånd 2024 (2 enheter)" in out
    lines = {line.split("  ")[0]: " ".join(line.split()) for line in out.splitlines()}
    n = len(IDS)
    group_shares = " ".join(
        "–" if v is None else str(v) for v in shares(JARVA_STATES, KIRUNA_STATES)
    )
    riket = " ".join("–" if (x := latest(i)) is None else f"{x[0]:g}" for i in IDS)
    assert (
        lines["Stockholm, Järva"]
        == f"Stockholm, Järva 0180 {' '.join(marks(JARVA_STATES))} 1 av {n}"
    )
    assert lines["Kiruna"] == f"Kiruna 2584 {' '.join(marks(KIRUNA_STATES))} 1 av {n - 1}"
    assert lines["Andel i gruppen, %"] == f"Andel i gruppen, % {group_shares}"
    # Some shares are of years before 2024: the row says so, the list below names each year.
    assert lines["Andel i riket, senast kända år, %"] == (
        f"Andel i riket, senast kända år, % {riket}"
    )
    assert "50 % (2023)" in out
    assert "Norrbottens län" in out
    assert result.stderr == ""


def test_the_json_has_each_file_on_one_line_and_is_the_same_data(
    runner: CliRunner, group: Path
) -> None:
    from ojcli.compare.gather import compare_paths
    from ojcli.report.compare.json import matrix_data

    result = runner.invoke(app, ["compare-many", str(group), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == matrix_data(compare_paths([group], None))
    rows = [line.strip() for line in result.stdout.splitlines() if '"file": ' in line]
    assert len(rows) == 2  # one line per answers file, diffable
    assert all(row.startswith('{"file": ') and '"states": {' in row for row in rows)
    assert result.stdout.startswith('{\n  "format": "ojcli-compare-many",\n')  # indented around


def test_a_broken_file_is_listed_and_the_rest_compared(runner: CliRunner, group: Path) -> None:
    (group / "trasig.toml").write_text(KIRUNA.replace('"nej"', '"kanske"', 1), "utf-8")
    result = runner.invoke(app, ["compare-many", str(group), "--format", "json"])
    assert result.exit_code == EXIT_PARTIAL
    data = json.loads(result.stdout)
    assert (data["files"], data["compared"], data["failed"]) == (3, 2, 1)
    assert data["failures"][0]["file"] == str(group / "trasig.toml")
    assert "trasig.toml" in result.stderr
    assert "'kanske' är inte ett av alternativen" in result.stderr
    assert "1 av 3 filer kunde inte läsas; de andra 2 är jämförda." in " ".join(
        result.stderr.split()
    )


def test_nothing_readable_is_an_input_error(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text("x = = 1\n", "utf-8")
    (tmp_path / "tom").mkdir()
    result = runner.invoke(app, ["compare-many", str(tmp_path / "a.toml"), str(tmp_path / "tom")])
    assert result.exit_code == EXIT_INPUT
    assert "a.toml:1" in result.stderr
    assert "inga svarsfiler (.toml) i mappen" in result.stderr


def test_nothing_else_to_compare_is_not_called_compared(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text("x = = 1\n", "utf-8")
    result = runner.invoke(app, ["compare-many", str(tmp_path)])
    said = " ".join(result.stderr.split())
    assert "1 av 1 filer kunde inte läsas; ingen annan fil fanns att jämföra." in said
    assert "jämförda" not in said


def test_a_written_comparison_is_confirmed_as_a_report_is(
    runner: CliRunner, group: Path, tmp_path: Path
) -> None:
    target = tmp_path / "grupp.md"
    result = runner.invoke(app, ["compare-many", str(group), "-o", str(target)])
    assert result.exit_code == EXIT_OK, result.output
    assert f"Jämförelsen är sparad i {target} (md)." in " ".join(result.stderr.split())
    assert target.read_text("utf-8").startswith("#")


def test_json_matrix(runner: CliRunner, group: Path) -> None:
    result = runner.invoke(app, ["compare-many", str(group), "-f", "json"])
    assert result.exit_code == EXIT_OK, result.output
    data = json.loads(result.stdout)
    assert data["format"] == "ojcli-compare-many"
    (year,) = data["years"]
    meetings = next(i for i in year["indicators"] if i["id"] == "separata-moten")
    assert meetings["group"] == {
        "met": 1,
        "not_met": 0,
        "incomplete": 0,
        "not_applicable": 1,
        "applicable": 1,
        "share": 100.0,
    }
    assert meetings["national_share"] == {"year": 2024, "percent": 23.0, "basis": "stated"}
    counties = {c["name"]: c for c in year["counties"]}
    (kiruna,) = counties["Norrbottens län"]["units"]
    assert kiruna["states"]["rutin-vald"] == "met"
    assert (kiruna["met"], kiruna["applicable"]) == (1, len(IDS) - 1)


def test_year_filter_and_unknown_year(runner: CliRunner, group: Path, tmp_path: Path) -> None:
    (tmp_path / "gammal.toml").write_text(
        KIRUNA.replace("oj-eb-2024", "oj-eb-2019").split("[answers]")[0], "utf-8"
    )
    result = runner.invoke(
        app,
        ["compare-many", str(group), str(tmp_path / "gammal.toml"), "--year", "2019", "-f", "json"],
    )
    assert result.exit_code == EXIT_OK, result.output
    data = json.loads(result.stdout)
    assert [y["year"] for y in data["years"]] == [2019]
    assert data["skipped_other_years"] == 2
    unknown = runner.invoke(app, ["compare-many", str(group), "--year", "1999"])
    assert unknown.exit_code == EXIT_USAGE
    assert "Tillgängliga år: 2018" in unknown.stderr


def test_html_is_a_page_with_escaped_names(runner: CliRunner, group: Path, tmp_path: Path) -> None:
    (group / "jarva.toml").write_text(JARVA.replace("Järva", "<b>Järva</b>"), "utf-8")
    out = tmp_path / "grupp.html"
    result = runner.invoke(app, ["compare-many", str(group), "-o", str(out)])
    assert result.exit_code == EXIT_OK, result.output
    page = out.read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "Stockholm, &lt;b&gt;Järva&lt;/b&gt;" in page
    assert "<b>Järva" not in page
    assert '<td class="s met" title="Uppfylld">✓</td>' in page


def test_xlsx_workbook(runner: CliRunner, group: Path, tmp_path: Path) -> None:
    out = tmp_path / "grupp.xlsx"
    result = runner.invoke(app, ["compare-many", str(group), "--output", str(out)])
    assert result.exit_code == EXIT_OK, result.output
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Översikt", "2024"]
    sheet = [list(row) for row in wb["2024"].iter_rows(values_only=True)]
    n = len(IDS)
    assert sheet[1][6 : 6 + n] == IDS
    assert sheet[2][:4] == ["Stockholms län", "01", "0180", "Stockholm"]
    assert sheet[3][6 : 8 + n] == [WORDS[m] for m in marks(KIRUNA_STATES)] + [1, n - 1]
    assert sheet[-3][0] == "Andel i gruppen, %"
    assert sheet[-3][6 : 6 + n] == shares(JARVA_STATES, KIRUNA_STATES)
    assert sheet[-1][0] == "Riket, år"
    assert sheet[-1][6 : 6 + n] == [None if (x := latest(i)) is None else x[1] for i in IDS]
    overview = [list(row) for row in wb["Översikt"].iter_rows(values_only=True)]
    assert overview[3 + col("separata-moten")][:2] == [2024, "separata-moten"]
    assert overview[3 + col("separata-moten")][4:12] == [1, 0, 0, 1, 100, 23, 2024, "angiven"]
    assert overview[3 + col("plan-sjalvforsorjning")][9:12] == [50, 2023, "angiven"]


def test_xlsx_keeps_text_that_looks_like_a_formula_as_text(
    runner: CliRunner, group: Path, tmp_path: Path
) -> None:
    (group / "jarva.toml").write_text(JARVA.replace('"Järva"', '"=1+1"'), "utf-8")
    out = tmp_path / "grupp.xlsx"
    assert runner.invoke(app, ["compare-many", str(group), "-o", str(out)]).exit_code == EXIT_OK
    unit = openpyxl.load_workbook(out)["2024"]["E3"]
    assert (unit.value, unit.data_type) == ("=1+1", "s")


def test_xlsx_lists_failed_files_on_a_sheet(runner: CliRunner, group: Path, tmp_path: Path) -> None:
    (group / "trasig.toml").write_text("x = = 1\n", "utf-8")
    out = tmp_path / "grupp.xlsx"
    result = runner.invoke(app, ["compare-many", str(group), "-f", "xlsx", "-o", str(out)])
    assert result.exit_code == EXIT_PARTIAL
    wb = openpyxl.load_workbook(out)
    rows = list(wb["Ej lästa filer"].iter_rows(values_only=True))
    assert rows[1][0] == str(group / "trasig.toml")


def test_xlsx_without_openpyxl_says_how_to_install_it(
    runner: CliRunner, group: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import openpyxl now fails
    out = tmp_path / "grupp.xlsx"
    result = runner.invoke(app, ["compare-many", str(group), "-o", str(out)])
    assert result.exit_code == EXIT_USAGE
    said = " ".join(result.stderr.split())
    # every install route of the README: pipx, uv and a venv (issue 19, item 14)
    assert "pipx inject ojcli openpyxl" in said
    assert "uv tool install --force --with openpyxl ." in said
    assert "pip install openpyxl" in said
    assert "'ojcli[xlsx]'" not in said  # ojcli is on no package index
    assert not out.exists()


def test_output_format_must_be_clear_and_never_an_answers_file(
    runner: CliRunner, group: Path, tmp_path: Path
) -> None:
    answers = group / "kiruna.toml"
    before = answers.read_bytes()
    refused = runner.invoke(app, ["compare-many", str(group), "-f", "md", "-o", str(answers)])
    assert refused.exit_code == EXIT_USAGE
    assert answers.read_bytes() == before
    clash = runner.invoke(
        app, ["compare-many", str(group), "-f", "csv", "-o", str(tmp_path / "x.json")]
    )
    assert clash.exit_code == EXIT_USAGE
    assert "slutar på .json, men formatet är csv" in clash.stderr
    unknown = runner.invoke(app, ["compare-many", str(group), "-o", str(tmp_path / "x.txt")])
    assert unknown.exit_code == EXIT_USAGE


def test_hidden_folders_are_not_searched(runner: CliRunner, group: Path) -> None:
    hidden = group / ".venv"
    hidden.mkdir()
    (hidden / "pyproject.toml").write_text("[project]\nname = 'x'\n", "utf-8")
    result = runner.invoke(app, ["compare-many", str(group), "-f", "json"])
    assert result.exit_code == EXIT_OK, result.stderr
    assert json.loads(result.stdout)["files"] == 2


@pytest.mark.parametrize(("share", "shown"), [(62.5, 63), (62.4, 62), (0.0, 0), (100.0, 100)])
def test_shares_round_half_up(share: float, shown: int) -> None:
    assert round_percent(share) == shown
