"""The plan in comparisons (issue 18): `compare` says which of last year's planned actions were
carried out (the indicator is met now) and which not; `compare-many` counts, per indicator, the
units whose plans act on it."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from conftest import invoke, invoke_raw
from plan_files import HEAD, write_folder

ACTS = """
[plan.mote]
decision = "act"
action = "Inför separata möten"
owner = "Bo Berg"
due = 2029-11-01

[plan.tolk]
decision = "act"
action = "Upphandla tolk"
owner = "Dan"
due = 2030-01-15

[plan.jour]
decision = "accept"
reason = "Länets jour"
"""


def test_compare_says_which_planned_actions_were_carried_out(
    runner: CliRunner, tmp_path: Path
) -> None:
    old = write_folder(tmp_path, HEAD + ACTS, "gammal.toml")
    new = write_folder(tmp_path, HEAD.replace('mote = "nej"', 'mote = "ja"'), "ny.toml")
    code, out = invoke(runner, "compare", str(old), str(new))
    assert code == 0, out
    assert "Handlingsplanen 2030: 1 av 2 planerade åtgärder genomförda" in out
    assert (
        "Separata möten Genomförd: indikatorn är uppfylld nu. Planerat: Inför separata möten "
        "(Bo Berg, 2029-11-01)."
    ) in out
    assert "Tolk vid behov Inte genomförd: indikatorn är inte uppfylld." in out
    assert "Länets jour" not in out  # accepted, not planned: nothing to follow up
    code, raw = invoke_raw(runner, "compare", str(old), str(new), "--format", "json")
    followed = json.loads(raw)["plan_followed_up"]
    assert [(f["id"], f["carried_out"], f["new_state"]) for f in followed] == [
        ("mote", True, "met"),
        ("tolk", False, "not_met"),
    ]
    # Without a plan in the old file there is nothing to follow up, and nothing is said.
    code, out = invoke(runner, "compare", str(new), str(old))
    assert "Handlingsplanen" not in out


def test_compare_many_counts_the_units_that_plan_an_action(
    runner: CliRunner, tmp_path: Path
) -> None:
    write_folder(tmp_path, HEAD + ACTS, "a.toml")
    stockholm = HEAD.replace('"2584"', '"0180"').replace('"Kiruna"', '"Stockholm"')
    goteborg = HEAD.replace('"2584"', '"1480"').replace('"Kiruna"', '"Göteborg"')
    write_folder(tmp_path, stockholm + ACTS.split("[plan.tolk]")[0], "b.toml")
    write_folder(tmp_path, goteborg, "c.toml")
    code, raw = invoke_raw(runner, "compare-many", str(tmp_path), "--format", "json")
    assert code == 0, raw
    indicators = json.loads(raw)["years"][0]["indicators"]
    assert {i["id"]: i["planned_action"] for i in indicators} == {
        "rutin": 0,
        "mote": 2,
        "vantetid": 0,
        "jour": 0,  # accepted as not met: no action planned
        "tolk": 1,
    }
    code, md = invoke_raw(runner, "compare-many", str(tmp_path), "--format", "md")
    assert "| **Planerar åtgärd (antal enheter)** | | 0 | 2 | 0 | 0 | 1 | |" in md
    code, out = invoke_raw(runner, "compare-many", str(tmp_path), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff")), delimiter=";"))
    planned = [r for r in rows if r["Rad"] == "planerar åtgärd"]
    assert [(r["mote"], r["tolk"]) for r in planned] == [("2", "1")]
    code, out = invoke(runner, "compare-many", str(tmp_path))
    assert "Planerar åtgärd (enheter)" in out
    overview, year = _workbook_rows(runner, tmp_path)
    header = overview[2]
    column = header.index("Planerar åtgärd (antal enheter)")
    assert {r[1]: r[column] for r in overview[3:8]} == {
        "rutin": 0,
        "mote": 2,
        "vantetid": 0,
        "jour": 0,
        "tolk": 1,
    }
    ids = year[1][6:11]
    planned = next(r for r in year if r[0] == "Planerar åtgärd (antal enheter)")
    assert dict(zip(ids, planned[6:11], strict=True)) == {
        "rutin": 0,
        "mote": 2,
        "vantetid": 0,
        "jour": 0,
        "tolk": 1,
    }


def _workbook_rows(runner: CliRunner, folder: Path) -> tuple[list[tuple[object, ...]], ...]:
    """The overview's and the first year's rows of the compare-many workbook."""
    import openpyxl  # in the test extra: never skipped

    out = folder.parent / f"{folder.name}-jamforelse.xlsx"
    code, raw = invoke_raw(runner, "compare-many", str(folder), "-o", str(out))
    assert code == 0, raw
    book = openpyxl.load_workbook(out)
    overview, year = book.worksheets[0], book.worksheets[1]
    return list(overview.iter_rows(values_only=True)), list(year.iter_rows(values_only=True))


def test_compare_many_without_plans_shows_no_plan_row(runner: CliRunner, tmp_path: Path) -> None:
    write_folder(tmp_path, HEAD, "a.toml")
    code, md = invoke_raw(runner, "compare-many", str(tmp_path), "--format", "md")
    assert code == 0
    assert "Planerar åtgärd" not in md
    sheets = _workbook_rows(runner, tmp_path)
    assert not any("Planerar åtgärd" in str(cell) for rows in sheets for r in rows for cell in r)
