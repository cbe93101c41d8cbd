"""The printed report (issue 19, item 16): "Preliminär" on every page, no page of a footer alone,
and a questionnaire id never broken at its hyphen.

The margins of a printed page are CSS `@page` boxes (`ojcli.report.page`); the rules are held
here on the HTML, which needs no browser. One test prints the documents to PDF with headless
Chromium and reads each page back with pdftotext, where both are installed (CI has neither:
the other tests catch a regression there).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from typer.testing import CliRunner

from conftest import invoke, invoke_raw, meta
from ojcli.files.loading import example_answers
from ojcli.model import dates
from ojcli.report import wording as w
from ojcli.report.markup import css_string, h

SNAPSHOT_INPUT = Path(__file__).parent / "snapshots" / "blandat-2024.toml"
PRELIMINARY = "Preliminär: bygger på definitionerna från 2024, inte på 2027 års enkät."


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dates, "today", lambda: dt.date(2026, 12, 3))


def _all_no(questionnaire: dict[str, Any]) -> dict[str, Any]:
    """An answer to every question that meets as little as it can: many pages to print."""
    answers: dict[str, Any] = {}
    for section in questionnaire["sections"]:
        for q in section["questions"]:
            kind = q["type"]
            if kind == "yes_no":
                answers[q["id"]] = "nej"
            elif kind == "single_choice":
                answers[q["id"]] = q["options"][-1]["value"]
            elif kind == "date":
                answers[q["id"]] = dt.date(2020, 1, 1)
            elif kind == "number":
                answers[q["id"]] = 100
    return answers


@pytest.fixture
def prepared(runner: CliRunner, tmp_path: Path) -> Path:
    """A 2027 answers file beside its prepared questionnaire, nearly every indicator not met."""
    questionnaire = tmp_path / "oj-eb-2027.toml"
    code, out = invoke(runner, "questionnaires", "new", "2027", "-o", str(questionnaire))
    assert code == 0, out
    data = tomllib.loads(questionnaire.read_text("utf-8"))
    path = tmp_path / "svar-2027.toml"
    answers = {
        "meta": meta("oj-eb-2027", municipality_code="0880", municipality_name="Kalmar"),
        "answers": _all_no(data),
    }
    path.write_text(tomli_w.dumps(answers), encoding="utf-8")
    return path


def _html(runner: CliRunner, *args: str) -> tuple[str, str]:
    """The style sheet and the body of an HTML document ojcli writes."""
    code, page = invoke_raw(runner, *args, "--format", "html")
    assert code == 0, page
    head, body = page.split("</style>")
    return head.split("<style>")[1], body


def _top_of_every_page(style: str) -> list[str]:
    return re.findall(r'@page \{ @top-right \{ content: "([^"]*)"', style)


@pytest.mark.parametrize("sheet", [[], ["--answers"]], ids=["report", "answers"])
def test_a_preliminary_report_says_so_at_the_top_of_every_printed_page(
    runner: CliRunner, prepared: Path, sheet: list[str]
) -> None:
    style, body = _html(runner, "report", str(prepared), *sheet)
    assert _top_of_every_page(style) == [PRELIMINARY]
    assert f'<p class="preliminary">{h(PRELIMINARY)}</p>' in body  # and boxed on the first


@pytest.mark.parametrize("sheet", [[], ["--answers"]], ids=["report", "answers"])
def test_a_report_on_the_survey_itself_has_no_running_preliminary(
    runner: CliRunner, sheet: list[str]
) -> None:
    style, body = _html(runner, "report", str(SNAPSHOT_INPUT), *sheet)
    assert _top_of_every_page(style) == []
    assert "@top-" not in style
    assert w.PRELIMINARY not in body


def test_every_printed_page_says_what_made_it_and_the_footer_never_takes_a_page(
    runner: CliRunner,
) -> None:
    style, body = _html(runner, "report", str(SNAPSHOT_INPUT))
    page_rule = style.split("* {")[0]
    assert f"@bottom-left {{ content: {css_string(w.MADE_BY)};" in page_rule
    assert '@bottom-right { content: "Sida " counter(page) " av " counter(pages);' in page_rule
    printed = style.split("@media print {")[1].split("\n}")[0]
    assert "body > footer { display: none; }" in printed
    assert f"<footer><p>{w.MADE_BY}</p></footer>" in body  # still there on screen


def test_the_questionnaire_id_is_never_broken_at_its_hyphens(
    runner: CliRunner, prepared: Path
) -> None:
    for args in (
        ["report", str(prepared)],
        ["report", str(prepared), "--answers"],
        ["compare-many", str(prepared), str(SNAPSHOT_INPUT)],
    ):
        _, body = _html(runner, *args)
        said = re.findall(r"(<span class=\"nowrap\">)?(oj-eb-20\d\d)(?![\w-])", body)
        assert said, args
        assert all(span for span, _ in said), (args, said)


def test_an_id_or_date_in_running_text_is_kept_whole_and_copies_unchanged() -> None:
    text = "Enkäten oj-eb-2027 beside svar-2024.toml, följd upp 2025-01-15 (t.o.m. 2027)."
    assert h(text) == (
        'Enkäten <span class="nowrap">oj-eb-2027</span> beside '
        '<span class="nowrap">svar-2024</span>.toml, följd upp '
        '<span class="nowrap">2025-01-15</span> (t.o.m. 2027).'
    )
    assert re.sub(r"<[^>]*>", "", h(text)) == text  # the characters themselves are not changed


def test_a_running_text_cannot_leave_its_css_string() -> None:
    hostile = 'a"; } body { display: none } </style><script>x</script>\\\n'
    quoted = css_string(hostile)
    # One string: no quote, angle bracket or line break but as a hex escape ("\\22 ").
    assert re.fullmatch(r'"(?:[^"\\<>\n]|\\[0-9a-f]+ )*"', quoted), quoted
    assert css_string(PRELIMINARY) == f'"{PRELIMINARY}"'  # Swedish letters stay as they are


# --- printed by a browser -------------------------------------------------------------------


def _print_tools() -> tuple[str, str]:
    chromium = next(
        (
            found
            for name in ("chromium", "chromium-browser", "google-chrome")
            if (found := shutil.which(name))
        ),
        None,
    )
    pdftotext = shutil.which("pdftotext")
    if chromium is None or pdftotext is None:
        pytest.skip(
            "printing to PDF needs headless Chromium and pdftotext (poppler-utils), not installed "
            "here; the HTML tests above hold the print rules without them"
        )
    return chromium, pdftotext


def _printed_pages(html: Path, chromium: str, pdftotext: str) -> list[str]:
    """The text of each A4 page Chromium prints `html` on, as the person printing would get it."""
    pdf = html.with_suffix(".pdf")
    subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf}", html.as_uri()],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    text = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"], check=True, capture_output=True, timeout=60
    ).stdout.decode("utf-8")
    return [page for page in text.split("\f") if page.strip()]


def _content(page: str, running: str) -> str:
    """A page's text without its margins (the running header, what made it, the page number)."""
    text = " ".join(page.split())
    for margin in filter(None, (running, w.MADE_BY)):
        text = text.replace(margin, "")
    return re.sub(r"Sida \d+ av \d+", "", text).strip()


def test_printed_on_a4_every_page_says_preliminary_and_the_last_has_content(
    runner: CliRunner, prepared: Path, tmp_path: Path
) -> None:
    chromium, pdftotext = _print_tools()
    documents = {
        "prepared": (["report", str(prepared)], PRELIMINARY),
        "prepared-answers": (["report", str(prepared), "--answers"], PRELIMINARY),
        "demo": (["report", str(example_answers())], ""),
        # The one whose footer took the whole last page before (page 14 of 14).
        "mixed-2024": (["report", str(SNAPSHOT_INPUT)], ""),
    }
    for name, (args, running) in documents.items():
        html = tmp_path / f"{name}.html"
        code, out = invoke(runner, *args, "-o", str(html))
        assert code == 0, out
        pages = _printed_pages(html, chromium, pdftotext)
        assert len(pages) > 1, name
        for n, page in enumerate(pages, 1):
            flat = " ".join(page.split())
            assert f"Sida {n} av {len(pages)}" in flat, (name, n)
            assert w.MADE_BY in flat, (name, n)
            if running:
                assert running in flat, (name, n)
            else:
                assert w.PRELIMINARY not in flat, (name, n)
        assert _content(pages[-1], running), (name, pages[-1])  # not a footer alone


def test_printed_the_whole_compare_many_matrix_is_on_the_page(
    runner: CliRunner, prepared: Path, tmp_path: Path
) -> None:
    chromium, pdftotext = _print_tools()
    html = tmp_path / "jamforelse.html"
    code, out = invoke(runner, "compare-many", str(prepared), str(SNAPSHOT_INPUT), "-o", str(html))
    assert code == 0, out
    text = "\f".join(_printed_pages(html, chromium, pdftotext))
    headings = [
        " ".join(line.split()) for line in text.splitlines() if line.strip().startswith("Enhet")
    ]
    assert len(headings) >= 2, text  # a matrix per year, 2024 and 2027
    for heading in headings:  # every indicator's column and the count, none cut at the edge
        assert heading.endswith(" 27 28 Uppfyllda"), heading
    assert PRELIMINARY in text
