"""The compare-many matrix with many indicators (issue 19, item 17): in an 80-column terminal
each unit's name stays on one line, and in HTML the unit column stays in view while the
indicators scroll beside it.

Eight units of a county network answer the 2024 survey (28 indicators). What a person saw at
80 and 120 columns, and in Chromium at 1200 and 390 px, is described in the commit; these
tests hold the rules that made it read well.
"""

from __future__ import annotations

import io
import re

import pytest
import tomli_w
from rich.console import Console
from rich.text import Text

from conftest import meta
from ojcli.compare.gather import compare_paths
from ojcli.compare.many import ManyComparison
from ojcli.report.compare import terminal
from ojcli.report.compare.terminal import render_many_view
from ojcli.report.compare.text import render_html

# (code, municipality, unit): every "municipality, unit" name at most 32 characters, what the
# unit column holds at 80 columns (40 %); the last is longer, and is cut with "…" there.
UNITS = [
    ("0880", "Kalmar", "Försörjningsstödsenheten"),
    ("0881", "Nybro", "Individ- och familjestöd"),
    ("0882", "Oskarshamn", ""),
    ("0883", "Västervik", "Vuxenenheten, ekonomi"),
    ("0884", "Vimmerby", "Socialförvaltningen"),
    ("2584", "Kiruna", "Försörjningsstöd"),
    ("0180", "Stockholm", "Spånga-Tensta"),
]
LONG = ("0180", "Stockholm", "Rinkeby-Kista stadsdelsförvaltning, vuxenenheten")


def _name(code: str, municipality: str, unit: str) -> str:
    return f"{municipality}, {unit}" if unit else municipality


@pytest.fixture(scope="module")
def network(tmp_path_factory: pytest.TempPathFactory) -> ManyComparison:
    folder = tmp_path_factory.mktemp("natverk")
    for n, (code, municipality, unit) in enumerate([*UNITS, LONG]):
        data = {
            "meta": meta(
                "oj-eb-2024",
                municipality_code=code,
                municipality_name=municipality,
                **({"unit": unit} if unit else {}),
            ),
            "answers": {"rutin_vald": "ja" if n % 2 else "nej", "freda_kortfragor": "ja"},
        }
        (folder / f"svar-{n}.toml").write_text(tomli_w.dumps(data), encoding="utf-8")
    result = compare_paths([folder], None, ())
    assert len(result.years) == 1
    assert len(result.years[0].columns) >= 16
    return result


def _terminal(result: ManyComparison, width: int) -> list[str]:
    """What `ojcli compare-many` draws in a terminal `width` columns wide (no colour)."""
    out = io.StringIO()
    console = Console(file=out, width=width, color_system=None, force_terminal=False)
    console.print(render_many_view(result, True, width))
    return out.getvalue().splitlines()


@pytest.mark.parametrize("width", [80, 120])
def test_every_unit_name_is_whole_on_one_line_of_every_table(
    network: ManyComparison, width: int
) -> None:
    lines = _terminal(network, width)
    assert max(len(line) for line in lines) <= width
    tables = sum(1 for line in lines if line.startswith("Enhet "))
    assert tables >= 2  # 28 indicators do not fit beside the names in one table
    for unit in UNITS:
        name = _name(*unit)
        rows = [line for line in lines if line.startswith(f"{name} ")]
        assert len(rows) == tables, (name, "\n".join(lines))
        assert all(re.search(rf" {unit[0]} ", row) for row in rows), rows
    for label in ("Andel i länet, %", "Andel i gruppen, %", "Andel i riket, senast kända år, %"):
        assert sum(line.startswith(f"{label} ") for line in lines) >= tables, label
    # Each line of a table begins a row: no line holds the rest of a name from the one above.
    starts = [f"{_name(*u)} " for u in UNITS] + ["Stockholm, Rinkeby", "Enhet ", "─", "Andel i "]
    starts += ["Stockholms län ", "Kalmar län ", "Norrbottens län "]
    for line in _table_lines(lines):
        assert line.startswith(tuple(starts)), (line, "\n".join(lines))


def _table_lines(lines: list[str]) -> list[str]:
    """The lines of the matrix tables: from each "Enhet" heading to the next blank line."""
    found, inside = [], False
    for line in lines:
        inside = line.startswith("Enhet ") or (inside and bool(line.strip()))
        if inside:
            found.append(line)
    return found


def test_a_name_too_long_for_its_column_is_cut_on_its_own_line(network: ManyComparison) -> None:
    lines = _terminal(network, 80)
    name = _name(*LONG)
    rows = [line for line in lines if line.startswith("Stockholm, Rinkeby")]
    assert rows
    for row in rows:
        shown = row.split("…")[0]
        assert name.startswith(shown), row
        assert re.search(r"… 0180 ", row), row
    assert not any("vuxenenheten" in line for line in lines)  # the rest is not folded below
    assert any(line.startswith(f"{name} ") for line in _terminal(network, 160))


@pytest.mark.parametrize("width", [80, 120])
def test_the_indicator_numbers_run_through_the_tables_in_order(
    network: ManyComparison, width: int
) -> None:
    lines = _terminal(network, width)
    numbers = [int(n) for line in lines if line.startswith("Enhet ") for n in line.split()[2:]
               if n.isdigit()]  # fmt: skip
    assert numbers == list(range(1, len(network.years[0].columns) + 1))
    sizes = [
        sum(n.isdigit() for n in line.split()[2:]) for line in lines if line.startswith("Enhet ")
    ]
    assert max(sizes) - min(sizes) <= 2, sizes  # tables of about equal size, none of one column


def test_the_html_matrix_keeps_the_unit_column_in_view_while_it_scrolls(
    network: ManyComparison,
) -> None:
    page = render_html(network)
    style = page.split("<style>")[1].split("</style>")[0]
    assert re.search(
        r"table\.matrix \.u \{ position: sticky; left: 0;[^}]*background: #fff;", style
    )
    assert ".scroll { overflow-x: auto; }" in style
    matrix = page.split('<div class="scroll"><table class="matrix">')[1].split("</table>")[0]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", matrix)
    assert len(rows) > len(UNITS) + 1
    for row in rows:  # every row, heading, county band and share rows too, starts sticky
        assert re.match(r'<t[hd] class="u">', row), row
    for unit in UNITS:
        assert f'<td class="u">{_name(*unit)}</td>' in matrix
    assert "@page { size: A4 landscape; }" in style  # 28 columns fit across the page turned
    print_rules = style.split("@media print {")[-1].split("\n")[0]
    assert "table.matrix .u { position: static; }" in print_rules  # paper does not scroll


def test_a_national_share_breaks_only_before_its_year(network: ManyComparison) -> None:
    page = render_html(network)
    dated = re.findall(r'<td class="n dated">(.*?)</td>', page)
    assert dated
    with_year = [cell for cell in dated if "(" in cell]
    assert with_year
    for cell in with_year:
        assert re.fullmatch(
            r'<span class="nowrap">[^<]+</span> <span class="nowrap">\(\d{4}\)</span>', cell
        ), cell
    for cell in dated:  # "70 %" stays whole too
        if "(" not in cell:
            assert re.fullmatch(r'<span class="nowrap">[^<]+</span>', cell), cell


def test_at_every_width_the_tables_fit_and_the_names_stay_whole(
    network: ManyComparison, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The list of indicators below the tables is not what is held here: left out, for speed.
    monkeypatch.setattr(terminal, "_indicator_legend", lambda *_: Text(""))
    for width in range(72, 141):
        lines = _terminal(network, width)
        assert max(len(line) for line in lines) <= width, width
        tables = sum(1 for line in lines if line.startswith("Enhet "))
        met_heading = [line for line in lines if line.startswith("Enhet ")][-1].split()[-1]
        assert met_heading == "Uppfyllda", (width, lines)  # the count's column is never cut
        for unit in UNITS:
            rows = [line for line in lines if line.startswith(f"{_name(*unit)} ")]
            assert len(rows) == tables, (width, unit)
            assert all(f" {unit[0]} " in row for row in rows), (width, rows)
