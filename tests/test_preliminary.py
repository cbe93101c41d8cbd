"""A prepared questionnaire says "preliminär" everywhere; met dates say until when they hold.

The prepared 2027 questionnaire here is the 2024 one with a new year, the 2027 reference date
and a `[preparation]` table, put among the bundled ones (as `ojcli questionnaires new` will
write one; until answers find a questionnaire beside them, the tests patch the bundled folder).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from typer.testing import CliRunner

from conftest import invoke, invoke_raw
from ojcli.files import loading
from ojcli.model import dates
from ojcli.report.formats import Format, Kind, offered, render
from ojcli.report.model import build
from ojcli.scoring import score

PRELIMINARY = "Preliminär: bygger på definitionerna från 2019–2024, inte på 2027 års enkät."

# Met on 2027-03-01: the routine followed up 2025-05-01 (24 months: holds until 2027-05-01).
# The agreement, followed up 2026-01-31, counts up to 2027-01-31 (12 months): not on 2027-03-01.
LAPSE = (
    "Räknas som aktuell t.o.m. 2027-01-31 men inte på mätdatum 2027-03-01: besluta eller följ "
    "upp igen före mätdatum."
)
ANSWERS_2027: dict[str, Any] = {
    "rutin_vald": "ja",
    "rutin_vald_beslutad": "ja",
    "rutin_vald_uppfoljd": dt.date(2025, 5, 1),
    "hushall_kvinna_man": "nej",
    "plan_sjalvforsorjning": "ja",
    "plan_tre_manader": "ja_alla",
    "overenskommelse_af": "ja",
    "overenskommelse_af_beslutad": "ja",
    "overenskommelse_af_uppfoljd": dt.date(2026, 1, 31),
}


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    """The day these tests were written, before the agreement's date lapses."""
    monkeypatch.setattr(dates, "today", lambda: dt.date(2026, 11, 27))


@pytest.fixture
def prepared(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The bundled questionnaires and a prepared 2027 one, as the folder ojcli reads them from."""
    folder = tmp_path / "enkater"
    folder.mkdir()
    for path in loading.bundled_questionnaire_dir().glob("*.toml"):
        shutil.copy(path, folder)
    data = tomllib.loads((folder / "oj-eb-2024.toml").read_text(encoding="utf-8"))
    data |= {
        "id": "oj-eb-2027",
        "year": 2027,
        "title": "Öppna jämförelser av ekonomiskt bistånd 2027 (förberedd)",
        "reference_date": dt.date(2027, 3, 1),
        "preparation": {
            "prepared_on": dt.date(2026, 11, 27),
            "based_on_years": [2024, 2019, 2020, 2021, 2022, 2023],
            "note": "Förberedd innan 2027 års enkät är publicerad.",
        },
    }
    (folder / "oj-eb-2027.toml").write_text(tomli_w.dumps(data), encoding="utf-8")
    monkeypatch.setattr(loading, "bundled_questionnaire_dir", lambda: folder)
    return folder


@pytest.fixture
def answers_2027(prepared: Path, write_answers: Callable[..., Path]) -> Path:
    return write_answers(ANSWERS_2027, name="svar-2027.toml", questionnaire="oj-eb-2027")


def test_score_says_preliminary_and_until_when_a_met_date_holds(
    runner: CliRunner, answers_2027: Path
) -> None:
    code, out = invoke(runner, "score", str(answers_2027))
    assert code == 0
    assert out.count(PRELIMINARY) == 2  # at the top and again by the summary
    assert "Mätdatum 2027-03-01" in out
    assert "Räknas som aktuell t.o.m. 2027-05-01." in out
    # Not met on the reference date, but today: the reason, and the day it lapses (item 2).
    assert "(tidigaste godtagbara datum är 2026-03-01)" in out
    assert LAPSE in out
    assert "Upphör att gälla" not in out  # one way of saying it


def test_score_per_an_earlier_day_flags_a_date_that_lapses_before_the_reference_date(
    runner: CliRunner, answers_2027: Path
) -> None:
    code, out = invoke(runner, "score", str(answers_2027), "--per", "2026-11-27", "--only", "unmet")
    assert code == 0
    # Met on 2026-11-27, but not on 2027-03-01: shown even among the unmet, with what to do.
    assert "Aktuell överenskommelse med Arbetsförmedlingen" in out
    assert LAPSE in out
    # The routine holds past the reference date: not among what to act on.
    assert "Aktuell rutin vid indikation" not in out


def test_score_json_has_the_preliminary_marker_and_due_dates(
    runner: CliRunner, answers_2027: Path
) -> None:
    code, raw = invoke_raw(
        runner, "score", str(answers_2027), "--format", "json", "--per", "2026-11-27"
    )
    assert code == 0
    data = json.loads(raw)
    assert data["questionnaire"]["preliminary"]["based_on_years"] == [
        2019,
        2020,
        2021,
        2022,
        2023,
        2024,
    ]
    assert data["questionnaire"]["preliminary"]["text"] == PRELIMINARY
    assert data["questionnaire"]["reference_date"] == "2027-03-01"
    due = {i["id"]: (i["holds_until"], i["lapses_before_reference"]) for i in data["indicators"]}
    assert due["rutin-vald"] == ("2027-05-01", False)
    assert due["overenskommelse-arbetsformedlingen"] == ("2027-01-31", True)
    assert due["plan-sjalvforsorjning"] == (None, False)  # met, but no date decides it


@pytest.mark.parametrize("answers", [False, True], ids=["report", "answer-sheet"])
@pytest.mark.parametrize("fmt", offered(Kind.results, files=True))
def test_every_report_format_says_preliminary(
    runner: CliRunner, answers_2027: Path, fmt: Format, answers: bool
) -> None:
    args = ["report", str(answers_2027), "--format", fmt.value] + (["--answers"] if answers else [])
    code, raw = invoke_raw(runner, *args)
    assert code == 0
    if fmt is Format.json:
        assert json.loads(raw)["questionnaire"]["preliminary"]["text"] == PRELIMINARY
    elif fmt is Format.csv:
        rows = list(csv.DictReader(io.StringIO(raw.lstrip("\ufeff")), delimiter=";"))
        assert rows
        assert {row["Preliminär"] for row in rows} == {PRELIMINARY}
    else:
        assert PRELIMINARY in " ".join(raw.split())


def test_the_reports_say_until_when_and_list_what_lapses(
    answers_2027: Path, prepared: Path
) -> None:
    from ojcli.files.loading import load_answers

    answers, q = load_answers(answers_2027)
    report = build(score(q, answers, dt.date(2026, 11, 27)))
    lapse = LAPSE
    for fmt in (Format.md, Format.html):
        text = re.sub(r"<span[^>]*>|</span>", "", str(render(fmt, Kind.results, report)))
        assert "Räknas som aktuell t.o.m. 2027-05-01." in text
        assert "Upphör före mätdatum" in text  # the to-do section lists it
        assert text.count(lapse) == 2  # there and under the theme's table
    rows = list(
        csv.DictReader(
            io.StringIO(str(render(Format.csv, Kind.results, report)).lstrip("\ufeff")),
            delimiter=";",
        )
    )
    by_id = {row["Indikator-id"]: row for row in rows}
    assert by_id["overenskommelse-arbetsformedlingen"]["Aktuell t.o.m."] == "2027-01-31"
    assert by_id["overenskommelse-arbetsformedlingen"]["Upphör före mätdatum"] == "ja"
    assert by_id["rutin-vald"]["Upphör före mätdatum"] == "nej"
    assert by_id["plan-sjalvforsorjning"]["Aktuell t.o.m."] == ""


def test_a_questionnaire_from_the_survey_itself_says_nothing_of_preliminary(
    runner: CliRunner,
) -> None:
    _, out = invoke(runner, "demo")
    assert "Preliminär" not in out
    _, raw = invoke_raw(runner, "demo", "--format", "json")
    assert json.loads(raw)["questionnaire"]["preliminary"] is None


def test_the_end_of_an_interview_says_preliminary(runner: CliRunner, answers_2027: Path) -> None:
    from ojcli.files.loading import load_answers
    from ojcli.scoring import Evaluator, Tri

    answers, q = load_answers(answers_2027)
    ev = Evaluator(q, answers, q.reference_date)
    left = [x.id for x in q.questions if x.id not in ANSWERS_2027 and ev.is_asked(x.id) is Tri.TRUE]
    # Skip each question still open, then Enter in the review: done.
    code, out = invoke(runner, "survey", str(answers_2027), input=">\n" * len(left) + "\n")
    assert code == 0
    assert "Svaren är sparade" in out
    assert PRELIMINARY in out


def test_compare_says_which_side_is_preliminary(
    runner: CliRunner, answers_2027: Path, write_answers: Callable[..., Path]
) -> None:
    old = write_answers({"rutin_vald": "nej"}, name="svar-2024.toml", questionnaire="oj-eb-2024")
    code, out = invoke(runner, "compare", str(old), str(answers_2027))
    assert code == 0
    assert f"Ny: {PRELIMINARY}" in out
    assert "Gammal: Preliminär" not in out
    _, raw = invoke_raw(runner, "compare", str(old), str(answers_2027), "--format", "json")
    data = json.loads(raw)
    assert data["old"]["questionnaire"]["preliminary"] is None
    assert data["new"]["questionnaire"]["preliminary"]["based_on_years"] == [
        2019,
        2020,
        2021,
        2022,
        2023,
        2024,
    ]


@pytest.mark.parametrize("fmt", ["table", "md", "html", "json", "csv"])
def test_compare_many_says_which_year_is_preliminary(
    runner: CliRunner, answers_2027: Path, write_answers: Callable[..., Path], fmt: str
) -> None:
    old = write_answers({"rutin_vald": "nej"}, name="svar-2024.toml", questionnaire="oj-eb-2024")
    code, raw = invoke_raw(runner, "compare-many", str(old), str(answers_2027), "--format", fmt)
    assert code == 0
    if fmt == "json":
        years = {y["year"]: y["questionnaire"]["preliminary"] for y in json.loads(raw)["years"]}
        assert years[2024] is None
        assert years[2027]["text"] == PRELIMINARY
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(raw.lstrip("\ufeff")), delimiter=";"))
        marks = {(row["År"], row["Preliminär"]) for row in rows}
        assert ("2027", PRELIMINARY) in marks
        assert ("2024", "") in marks
        assert not any(year == "2024" and mark for year, mark in marks)
    elif fmt == "html":
        style, body = raw.split("</style>")
        assert " ".join(body.split()).count(PRELIMINARY) == 1  # the 2027 year only
        assert f'@top-right {{ content: "2027: {PRELIMINARY}"' in style  # on every printed page
    else:
        assert " ".join(raw.split()).count(PRELIMINARY) == 1  # the 2027 year only


def test_the_xlsx_workbook_says_which_year_is_preliminary(
    runner: CliRunner, answers_2027: Path, write_answers: Callable[..., Path], tmp_path: Path
) -> None:
    import openpyxl  # in the test extra: never skipped

    old = write_answers({"rutin_vald": "nej"}, name="svar-2024.toml", questionnaire="oj-eb-2024")
    out = tmp_path / "grupp.xlsx"
    code, _ = invoke(runner, "compare-many", str(old), str(answers_2027), "-o", str(out))
    assert code == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Översikt", "2024", "2027"]

    def cells(sheet: str) -> list[str]:
        rows = book[sheet].iter_rows(values_only=True)
        return [str(v) for row in rows for v in row if v is not None]

    # The overview, where the committee starts reading, says it of 2027 and of 2027 only.
    overview = cells("Översikt")
    assert f"2027: {PRELIMINARY}" in overview
    assert sum(PRELIMINARY in c for c in overview) == 1
    assert not any(c.startswith("2024:") for c in overview)  # no empty line for 2024 either
    assert PRELIMINARY in cells("2027")
    assert not any(PRELIMINARY in c for c in cells("2024"))


def test_an_indicator_that_rests_on_an_assumption_is_marked_with_a_legend(
    runner: CliRunner,
) -> None:
    # The example (2019): the SIP routine's time limit is assumed; the violence routine is
    # sourced, its criterion inferred, nothing assumed.
    example = loading.example_answers()
    _, out = invoke(runner, "score", str(example))
    assert "(SIP) *" in out  # the title wraps at the width the test runs in
    assert "Socialjour med socionomutbildad personal riket" in out  # inferred: no marker
    assert "närstående *" not in out
    assert "närstående Räknas som aktuell" in out
    assert "* Vilar på ett antagande:" in out
    _, md = invoke_raw(runner, "report", str(example), "--format", "md")
    assert "| Rutin för att informera om rätten till samordnad individuell plan (SIP) \\* |" in md
    assert "| Aktuell rutin vid indikation på att en vuxen utsatts för våld av närstående |" in md
    assert "\\* Vilar på ett antagande:" in md
    # In 2024 every indicator's presence and criterion are sourced or inferred: no marker.
    blandat = Path(__file__).parent / "snapshots" / "blandat-2024.toml"
    _, out = invoke(runner, "score", str(blandat))
    assert " * " not in out
    assert "Vilar på ett antagande" not in out


def test_no_assumption_legend_when_nothing_is_assumed(
    runner: CliRunner, write_answers: Callable[..., Path], prepared: Path
) -> None:
    data = tomllib.loads((prepared / "oj-eb-2024.toml").read_text(encoding="utf-8"))
    data["indicators"] = [
        i for i in data["indicators"] if i["id"] in ("rutin-vald", "separata-moten")
    ]
    (prepared / "oj-eb-2024.toml").write_text(tomli_w.dumps(data), encoding="utf-8")
    sourced = write_answers({"rutin_vald": "nej"}, questionnaire="oj-eb-2024")
    _, out = invoke(runner, "score", str(sourced))
    assert "Vilar på ett antagande" not in out
    assert " *" not in out
