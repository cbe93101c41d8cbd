"""HTML documents on a phone and on A4 (issue 13): one style sheet, no word or date broken,
no table cut off.

What a browser makes of the pages was looked at in headless Chromium (screenshots at 420 and
1200 px, A4 PDF); these tests hold the rules that made them read well.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import invoke_raw
from ojcli.files.loading import example_answers
from ojcli.report.page import STYLE

SNAPSHOT_INPUT = Path(__file__).parent / "snapshots" / "blandat-2024.toml"
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("html")
    many = folder / "manga"
    many.mkdir()
    shutil.copy(example_answers(), many / "a.toml")
    shutil.copy(SNAPSHOT_INPUT, many / "b.toml")
    runner = CliRunner()
    runs = {
        "report": ["report", str(example_answers()), "-f", "html"],
        "answers": ["report", str(SNAPSHOT_INPUT), "--answers", "-f", "html"],
        "compare-many": ["compare-many", str(many), "-f", "html"],
    }
    out = {}
    for name, args in runs.items():
        code, text = invoke_raw(runner, *args)
        assert code == 0, text
        out[name] = text
    return out


NAMES = ["report", "answers", "compare-many"]


@pytest.mark.parametrize("name", NAMES)
def test_every_document_has_the_same_fonts_and_page_setup(pages: dict[str, str], name: str) -> None:
    page = pages[name]
    assert STYLE in page
    assert "@page { size: A4;" in page
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page


@pytest.mark.parametrize("name", NAMES)
def test_no_rule_breaks_a_word_in_the_middle(pages: dict[str, str], name: str) -> None:
    style = pages[name].split("<style>")[1].split("</style>")[0]
    for rule in ("overflow-wrap: anywhere", "word-break: break-all", "hyphens: auto"):
        assert rule not in style


@pytest.mark.parametrize("name", NAMES)
def test_every_table_stacks_or_scrolls_on_a_phone(pages: dict[str, str], name: str) -> None:
    page = pages[name]
    tables = re.findall(r'(<div class="scroll">)?<table( class="[^"]*")?>', page)
    assert tables
    for in_scroll_box, classes in tables:
        assert in_scroll_box or "stack" in classes.split('"')[1].split(), classes
    assert "@media screen and (max-width: 40rem)" in page
    assert "table.stack td[data-label]::before" in page


@pytest.mark.parametrize("name", NAMES)
def test_every_date_in_the_text_is_kept_whole(pages: dict[str, str], name: str) -> None:
    body = pages[name].split("<body>")[1]
    text = re.sub(r"<[^>]*>", lambda m: "" if "nowrap" not in m.group() else "[", body)
    dates = DATE.findall(body)
    assert dates
    assert len(re.findall(rf"\[{DATE.pattern}", text)) == len(dates)


def test_the_stacked_answer_sheet_names_its_cells(pages: dict[str, str]) -> None:
    row = re.search(r"<tr><td class=\"num nr\">1</td>.*?</tr>", pages["answers"])
    assert row is not None
    assert 'data-label="Svar"' in row.group()
    assert 'data-label="Kommentar"' in row.group()
