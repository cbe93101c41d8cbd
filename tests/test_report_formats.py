"""What each format promises its reader: self-contained escaped HTML, Excel-ready CSV, stable JSON."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from ojcli.files.loading import example_answers, load_answers
from ojcli.report.model import Report, build
from ojcli.report.one import csv as csv_report
from ojcli.report.one import html as html_report
from ojcli.report.one import json as json_report
from ojcli.report.one import markdown as md_report
from ojcli.scoring import STATE_WORDS, State, score

SNAPSHOTS = Path(__file__).parent / "snapshots"


def number(qid: str) -> int:
    """A 2024 question's number on the answer sheet."""
    return load_answers(SNAPSHOTS / "blandat-2024.toml")[1].number(qid)


def model_of(path: Path) -> Report:
    answers, questionnaire = load_answers(path)
    return build(score(questionnaire, answers))


@pytest.fixture(scope="module")
def example() -> Report:
    return model_of(example_answers())


@pytest.fixture(scope="module")
def mixed() -> Report:
    return model_of(SNAPSHOTS / "blandat-2024.toml")


# --- HTML -------------------------------------------------------------------------------------


@pytest.mark.parametrize("answers", [False, True], ids=["report", "answer-sheet"])
def test_html_is_self_contained(mixed: Report, answers: bool) -> None:
    page = (html_report.render_answers if answers else html_report.render)(mixed)
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="sv">' in page
    assert '<meta charset="utf-8">' in page
    # Nothing to fetch: no scripts, style sheets, images, frames or fonts from elsewhere.
    assert not re.search(r"<(script|link|img|iframe|object|embed)\b", page)
    assert not re.search(r"\b(src|href)\s*=", page)
    assert "url(" not in page
    assert "@import" not in page


def test_html_prints_on_a4(example: Report) -> None:
    page = html_report.render(example)
    assert "@page { size: A4;" in page
    assert "break-inside: avoid" in page


def test_html_escapes_every_user_text(mixed: Report) -> None:
    page = html_report.render(mixed) + html_report.render_answers(mixed)
    assert "<Norr>" not in page
    assert "<se bilaga>" not in page
    assert "Försörjningsstöd &lt;Norr&gt; &amp; Syd" in page
    assert "&lt;se bilaga&gt; &amp; protokoll" in page
    assert "=HYPERLINK(&quot;http://example.invalid&quot;" in page


def test_html_reads_without_colour(example: Report) -> None:
    # Every state is a symbol and a word, not only a colour.
    page = html_report.render(example)
    for state, symbol in [(State.MET, "✓"), (State.NOT_MET, "✗"), (State.INCOMPLETE, "?")]:
        assert f"{symbol} {STATE_WORDS[state]}</span>" in page


def test_html_has_a_chart_per_theme_with_its_numbers_in_text(example: Report) -> None:
    page = html_report.render(example)
    charts = re.findall(r'<svg class="chart".*?</svg>', page)
    assert len(charts) == len(example.themes) == 6
    assert 'aria-label="Våld i nära relationer: här 67 % (2 av 3), riket 58 %"' in charts[0]
    assert ">67 % (2 av 3)</text>" in charts[0]
    assert ">58 %</text>" in charts[0]


# --- CSV --------------------------------------------------------------------------------------


def read_csv(text: str) -> list[dict[str, str]]:
    """Read as a spreadsheet would: the bytes as UTF-8 with BOM, semicolon-separated."""
    data = text.encode("utf-8")
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_csv_has_one_row_per_indicator_with_swedish_letters_intact(example: Report) -> None:
    rows = read_csv(csv_report.render(example))
    assert [r["Indikator-id"] for r in rows] == [i.id for i in example.indicators]
    assert list(rows[0])[:5] == ["Tema", "Indikator-id", "Indikator", "Kolada-id", "Status"]
    wait = next(r for r in rows if r["Indikator-id"] == "vantetid-nybesok")
    assert wait["Tema"] == "Tillgänglighet"
    assert wait["Status"] == "Ej uppfylld"
    assert wait["Svar som användes"] == "genomsnittlig väntetid till nybesök: 18 dagar"
    assert wait["Riket, andel (%)"] == "87"
    assert "högst «14 dagar» (nu «18 dagar»)" in wait["Det här skulle uppfylla indikatorn"]


def test_csv_uses_crlf_and_quotes_multi_line_cells(mixed: Report) -> None:
    text = csv_report.render(mixed)
    assert text.count("\r\n") == len(mixed.indicators) + 1
    af = next(
        r for r in read_csv(text) if r["Indikator-id"] == "overenskommelse-arbetsformedlingen"
    )
    assert af["Skäl"].count("\n") == 1  # two reasons, one per line in the cell


def test_csv_never_hands_a_formula_to_the_spreadsheet(mixed: Report) -> None:
    rows = read_csv(csv_report.render(mixed)) + read_csv(csv_report.render_answers(mixed))
    cells = [v for r in rows for v in r.values()]
    assert not any(c.startswith(("=", "+", "-", "@")) for c in cells)
    assert any(c.startswith("'=HYPERLINK(") for c in cells)


def test_csv_answer_sheet_has_every_question(mixed: Report) -> None:
    rows = read_csv(csv_report.render_answers(mixed))
    assert [r["Nr"] for r in rows] == [
        str(n) for n in range(1, number("hushallsekonomisk_radgivning") + 1)
    ]
    assert rows[number("separata_moten") - 1]["Status"] == "ställs inte"
    assert rows[number("plan_tre_manader") - 1]["Status"] == "obesvarad"
    comment = rows[number("hushall_kvinna_man") - 1]["Kommentar"]
    assert comment == "Rad ett\nrad två | med *stjärna* och _understreck_"


# --- JSON -------------------------------------------------------------------------------------

# The keys README documents for `ojcli score --format json`; they may grow, never shrink.
DOCUMENTED_TOP = {
    "format",
    "format_version",
    "questionnaire",
    "reference_date",
    "unit",
    "summary",
    "indicators",
}
DOCUMENTED_INDICATOR = {
    "id",
    "title",
    "theme",
    "state",
    "reasons",
    "advice",
    "changes",
    "questions",
    "national_share",
    "source",
    "assumed",
}


def test_json_keeps_the_documented_shape_and_version(example: Report) -> None:
    data = json.loads(json_report.render(example))
    assert (data["format"], data["format_version"]) == ("ojcli-score", 1)
    assert set(data) >= DOCUMENTED_TOP
    for indicator in data["indicators"]:
        assert set(indicator) >= DOCUMENTED_INDICATOR
        assert indicator["state"] in {s.value for s in State}
    # Extensions go inside the documented objects, so a reader of version 1 sees no new keys.
    assert set(data) == DOCUMENTED_TOP
    assert data["summary"]["reported"] == []  # values without a verdict: none in 2019
    summary = {k: v for k, v in data["summary"].items() if k not in ("themes", "plan", "reported")}
    assert summary == {
        "met": 14,
        "not_met": 18,
        "incomplete": 1,
        "not_applicable": 0,
        "total": 33,
        "text": "14 av 33 indikatorer uppfyllda (18 ej uppfyllda, 1 ofullständig)",
    }


def test_json_indicator_carries_answers_used_changes_and_share(example: Report) -> None:
    data = json.loads(json_report.render(example))
    wait = next(i for i in data["indicators"] if i["id"] == "vantetid-nybesok")
    assert wait["questions"] == {"vantetid_dagar": 18}
    assert wait["answers"] == [
        {
            "question": "vantetid_dagar",
            "name": "genomsnittlig väntetid till nybesök",
            "value": 18,
            "display": "18 dagar",
            "status": "answered",
            "comment": "Medelvärde för hösten 2018 enligt verksamhetssystemet.",
        }
    ]
    assert wait["changes"][0]["value"] == 14
    assert wait["national_share"] == {"year": 2019, "percent": 87, "basis": "stated"}
    vald = data["summary"]["themes"][0]
    assert (vald["title"], vald["met"], vald["applicable"]) == ("Våld i nära relationer", 2, 3)
    assert (vald["met_percent"], vald["national_mean_percent"]) == (66.7, 58.0)


def test_json_report_data_still_works_from_a_score_report() -> None:
    """`report_data` (kept for callers of the first version) gives what `ojcli report` writes."""
    answers, questionnaire = load_answers(example_answers())
    report = score(questionnaire, answers)
    data = json_report.report_data(report)
    written = Path(__file__).parent / "snapshots" / "exempel-2019.report.json"
    assert data == json.loads(written.read_text(encoding="utf-8"))
    # ...and it is this file's verdicts, one by one, in the questionnaire's order.
    assert [(i["id"], i["state"]) for i in data["indicators"]] == [
        (v.indicator.id, v.state.value) for v in report.verdicts
    ]
    assert data["summary"]["met"] == sum(v.state is State.MET for v in report.verdicts)


def test_json_answer_sheet(mixed: Report) -> None:
    data = json.loads(json_report.render_answers(mixed))
    assert (data["format"], data["format_version"]) == ("ojcli-answers", 1)
    questions = [q for s in data["sections"] for q in s["questions"]]
    assert [q["number"] for q in questions] == list(
        range(1, number("hushallsekonomisk_radgivning") + 1)
    )
    assert questions[number("rutin_vald_uppfoljd") - 1]["value"] == "2023-09-12"
    assert questions[number("separata_moten") - 1]["status"] == "not_asked"


# --- Markdown ---------------------------------------------------------------------------------


def test_markdown_puts_the_action_list_before_the_themes(example: Report) -> None:
    text = md_report.render(example)
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Sammanfattning",
        "## Att åtgärda",
        "## Resultat per tema",
        "## Kommentarer och underlag",
        "## Källor",
    ]
    assert text.index("### ✗ Ej uppfylld: Rutin för att inte röja") < text.index(
        "### Våld i nära relationer"
    )


def test_markdown_escapes_user_text_so_tables_keep_their_columns(mixed: Report) -> None:
    text = md_report.render_answers(mixed)
    households = number("hushall_kvinna_man")
    row = next(line for line in text.splitlines() if line.startswith(f"| {households} |"))
    assert row.count("|") - row.count("\\|") == 5  # four columns, the comment's pipe escaped
    assert "Rad ett rad två \\| med \\*stjärna\\* och \\_understreck\\_" in row
    assert "\\<Norr\\> \\& Syd" in text


def test_html_charts_share_one_width_that_holds_the_longest_number(mixed: Report) -> None:
    """A national mean over several years ("52 % (2019–2020 och 2022; 3 av 4 kända)") was cut
    off at the chart's edge; each chart sized to its own text would draw equal shares as bars of
    different lengths once the page scales them. One width per page, wide enough for the text."""
    page = html_report.render(mixed)
    widths = set(re.findall(r'<svg class="chart" width="(\d+)"', page))
    assert len(widths) == 1, widths
    labels = re.findall(r'<text x="186" y="\d+">([^<]+)</text>', page)
    longest = max(labels, key=len)
    assert "kända" in longest
    assert int(widths.pop()) >= 46 + html_report._BAR + 6 * len(longest)
