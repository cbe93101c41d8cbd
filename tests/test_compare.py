"""`ojcli compare OLD NEW`: which indicators became met or unmet, and which answers changed."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import ALL_MET_2019
from ojcli.cli import app
from ojcli.compare.pair import Shift, compare_files
from ojcli.errors import EXIT_INPUT, EXIT_OK


def answers_2019(**changes: Any) -> dict[str, Any]:
    """ALL_MET_2019 with some answers changed; None removes an answer."""
    out = {**ALL_MET_2019, **changes}
    return {k: v for k, v in out.items() if v is not None}


@pytest.fixture
def pair(write_answers: Callable[..., Path]) -> tuple[Path, Path]:
    """Last year: no violence routine, a long wait, no answer on case law. This year: the
    violence routine is in place, the wait is long now, case law is answered "nej"."""
    old = write_answers(
        answers_2019(
            rutin_vald="nej",
            rutin_vald_beslutad=None,
            rutin_vald_uppfoljd=None,
            rattsfall=None,
        ),
        name="2023.toml",
    )
    new = write_answers(answers_2019(vantetid_dagar=30, rattsfall="nej"), name="2024.toml")
    return old, new


def test_indicators_are_sorted_by_how_they_moved(pair: tuple[Path, Path]) -> None:
    c = compare_files(*pair)
    shifts = {ch.id: ch.shift for ch in c.indicators}
    assert shifts["rutin-vald"] is Shift.NEWLY_MET
    assert shifts["vantetid-nybesok"] is Shift.NEWLY_NOT_MET
    assert shifts["information-rattsfall"] is Shift.CHANGED  # incomplete → not met
    assert shifts["freda-kortfragor"] is Shift.UNCHANGED
    assert sum(s is Shift.UNCHANGED for s in shifts.values()) == 30  # 33 in 2019, 3 moved
    assert c.notes == ()
    assert all(ch.notes == () for ch in c.indicators)  # same questionnaire: no definition notes


def test_changed_answers_are_listed_as_people_read_them(pair: tuple[Path, Path]) -> None:
    c = compare_files(*pair)
    changed = {a.question: (a.old_text, a.new_text) for a in c.answers}
    assert changed == {
        "rutin_vald": ("Nej", "Ja"),
        "rutin_vald_beslutad": (None, "Ja"),
        "rutin_vald_uppfoljd": (None, "2018-06-01"),
        "vantetid_dagar": ("14 dagar", "30 dagar"),
        "rattsfall": (None, "Nej"),
    }
    assert all(a.in_both for a in c.answers)


def test_across_years_a_changed_definition_is_noted(write_answers: Callable[..., Path]) -> None:
    """2023 required the violence routine followed up within 12 months, 2024 within 24."""
    routine = {"rutin_vald": "ja", "rutin_vald_beslutad": "ja"}
    old = write_answers(
        {**routine, "rutin_vald_uppfoljd": dt.date(2021, 6, 1)},
        name="a.toml",
        questionnaire="oj-eb-2023",
    )
    new = write_answers(
        {**routine, "rutin_vald_uppfoljd": dt.date(2022, 6, 1)},
        name="b.toml",
        questionnaire="oj-eb-2024",
    )
    c = compare_files(old, new)
    violence = next(ch for ch in c.indicators if ch.id == "rutin-vald")
    assert violence.shift is Shift.NEWLY_MET
    note = " ".join(violence.notes)
    assert "Kriteriet har ändrats" in note
    assert "inom 12 månader" in note
    assert "inom 24 månader" in note
    # Every 2023 indicator is asked again in 2024. 2023 holds every measure in both of Kolada's
    # catalogues (assumed), so 2024 adds only those new in its catalogue: the three
    # individual-based follow-up questions.
    assert not {ch.id for ch in c.indicators if ch.shift is Shift.ONLY_OLD}
    only_new = {ch.id for ch in c.indicators if ch.shift is Shift.ONLY_NEW}
    assert only_new == {
        "individbaserad-uppfoljning-behov",
        "individbaserad-uppfoljning-insatser",
        "individbaserad-uppfoljning-resultat",
    }
    assert "uppsokande-akut-hemloshet" not in only_new
    followed_up = next(a for a in c.answers if a.question == "rutin_vald_uppfoljd")
    assert (followed_up.old_text, followed_up.new_text) == ("2021-06-01", "2022-06-01")
    assert followed_up.in_both


def test_cli_shows_the_groups_and_the_changed_answers(
    runner: CliRunner, pair: tuple[Path, Path]
) -> None:
    result = runner.invoke(app, ["compare", str(pair[0]), str(pair[1])])
    assert result.exit_code == EXIT_OK, result.output
    text = result.stdout
    for heading in ("Nyss uppfyllda (1)", "Inte längre uppfyllda (1)", "Annan ändring (1)"):
        assert heading in text
    assert "Oförändrade (30)" in text
    assert "Varför: «genomsnittlig väntetid till nybesök» är «30 dagar»" in " ".join(text.split())
    assert "Ändrade svar (5)" in text
    assert "14 dagar" in text
    assert "30 dagar" in text


def test_cli_json_has_stable_keys(runner: CliRunner, pair: tuple[Path, Path]) -> None:
    result = runner.invoke(app, ["compare", str(pair[0]), str(pair[1]), "--format", "json"])
    assert result.exit_code == EXIT_OK, result.output
    data = json.loads(result.stdout)
    assert data["format"] == "ojcli-compare"
    assert data["format_version"] == 1
    assert data["summary"] == {
        "newly_met": 1,
        "newly_not_met": 1,
        "changed": 1,
        "unchanged": 30,
        "only_old": 0,
        "only_new": 0,
    }
    assert data["old"]["summary"]["met"] == 31
    assert data["new"]["summary"]["met"] == 31
    by_id = {i["id"]: i for i in data["indicators"]}
    assert by_id["rutin-vald"]["old_state"] == "not_met"
    assert by_id["rutin-vald"]["new_state"] == "met"
    assert by_id["rutin-vald"]["change"] == "newly_met"
    wait = next(a for a in data["answers"] if a["question"] == "vantetid_dagar")
    assert (wait["old"], wait["new"], wait["new_text"]) == (14, 30, "30 dagar")
    routine = next(a for a in data["answers"] if a["question"] == "rutin_vald_uppfoljd")
    assert (routine["old"], routine["new"]) == (None, "2018-06-01")


def test_cli_names_a_file_it_cannot_read(runner: CliRunner, pair: tuple[Path, Path]) -> None:
    missing = pair[0].with_name("saknas.toml")
    result = runner.invoke(app, ["compare", str(pair[0]), str(missing)])
    assert result.exit_code == EXIT_INPUT
    assert "saknas.toml" in result.stderr
    assert "filen finns inte" in result.stderr
    assert "Traceback" not in result.output


def test_cli_json_lists_every_summary_count_zero_included(
    runner: CliRunner, write_answers: Callable[..., Path]
) -> None:
    # A program reading `summary` must find every key, also when nothing moved that way.
    same = (
        write_answers(answers_2019(), name="a.toml"),
        write_answers(answers_2019(), name="b.toml"),
    )
    result = runner.invoke(app, ["compare", *map(str, same), "--format", "json"])
    assert result.exit_code == EXIT_OK, result.output
    assert json.loads(result.stdout)["summary"] == {
        "newly_met": 0,
        "newly_not_met": 0,
        "changed": 0,
        "unchanged": 33,
        "only_old": 0,
        "only_new": 0,
    }
