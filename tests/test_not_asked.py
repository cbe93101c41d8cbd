"""A question that is not asked is shown as not asked everywhere, whatever the file still holds.

"Nej" to the violence routine closes its two follow-ups. Their old answers stay in the file (so
they return if the answer is changed back to "Ja") but no output may show or count them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import ALL_MET_2019, invoke, invoke_raw
from ojcli.model.questionnaire import Questionnaire

FOLLOW_UPS = ("rutin_vald_beslutad", "rutin_vald_uppfoljd")
NOT_ASKED = "ställs inte"


def hand_edited(**changes: Any) -> dict[str, Any]:
    """Every indicator met, then "rutin vid våld" changed to "nej" by hand: follow-ups kept."""
    return {**ALL_MET_2019, "rutin_vald": "nej", **changes}


def sheet(runner: CliRunner, path: Path, fmt: str) -> str:
    code, output = invoke_raw(runner, "report", str(path), "--answers", "--format", fmt)
    assert code == 0, output
    return output


def assert_every_sheet_shows_the_follow_ups_not_asked(
    runner: CliRunner, path: Path, q: Questionnaire
) -> None:
    """md, html, json and csv: the follow-ups are not asked, and the counts leave them out."""
    answered = sum(1 for qid in tomllib.loads(path.read_text("utf-8"))["answers"])
    counts = f"{answered - 2} besvarade, 0 obesvarade, 2 ställs inte."

    md = sheet(runner, path, "md")
    assert counts in md
    for qid in FOLLOW_UPS:
        row = next(line for line in md.splitlines() if q.question(qid).text in line)
        assert f"| – {NOT_ASKED} |" in row, row
    assert "2019-01-15" not in md  # the hidden date of the hand-edited file, nowhere

    html = sheet(runner, path, "html")
    assert counts in html
    for qid in FOLLOW_UPS:
        row = next(line for line in html.splitlines() if f"<code>{qid}</code>" in line)
        assert f'<span class="skipped">– {NOT_ASKED}</span>' in row, row

    data = json.loads(sheet(runner, path, "json"))
    by_id = {x["id"]: x for s in data["sections"] for x in s["questions"]}
    for qid in FOLLOW_UPS:
        assert (by_id[qid]["value"], by_id[qid]["status"]) == (None, "not_asked")
        assert by_id[qid]["display"] == NOT_ASKED
    statuses = [x["status"] for x in by_id.values()]
    assert statuses.count("answered") == answered - 2

    rows = list(
        csv.DictReader(io.StringIO(sheet(runner, path, "csv").lstrip("\ufeff")), delimiter=";")
    )
    by_id_csv = {r["Fråga-id"]: r for r in rows}
    for qid in FOLLOW_UPS:
        assert (by_id_csv[qid]["Svar"], by_id_csv[qid]["Status"]) == ("", NOT_ASKED)


def test_a_hand_edited_no_hides_the_follow_ups_in_every_answer_sheet(
    runner: CliRunner, write_answers: Callable[..., Path], q2019: Questionnaire
) -> None:
    path = write_answers(hand_edited(rutin_vald_uppfoljd=dt.date(2019, 1, 15)))
    assert_every_sheet_shows_the_follow_ups_not_asked(runner, path, q2019)


def test_the_report_json_shows_the_follow_ups_not_asked(
    runner: CliRunner, write_answers: Callable[..., Path]
) -> None:
    path = write_answers(hand_edited())
    code, output = invoke_raw(runner, "report", str(path), "--format", "json")
    assert code == 0, output
    routine = next(i for i in json.loads(output)["indicators"] if i["id"] == "rutin-vald")
    answers = {a["question"]: a for a in routine["answers"]}
    for qid in FOLLOW_UPS:
        assert (answers[qid]["value"], answers[qid]["status"]) == (None, "not_asked")
        assert routine["questions"][qid] is None
    assert answers["rutin_vald"]["status"] == "answered"
    # The Markdown report says the same where it lists the answers used.
    code, md = invoke_raw(runner, "report", str(path), "--format", "md")
    assert "- våldsrutinen beslutad på ledningsnivå: ställs inte" in md.casefold()


def test_changing_the_answer_in_the_review_hides_the_follow_ups_and_changing_back_restores_them(
    runner: CliRunner, write_answers: Callable[..., Path], q2019: Questionnaire
) -> None:
    path = write_answers(dict(ALL_MET_2019))
    # Every question is answered: the interview opens on the review. 2 = the violence routine.
    code, output = invoke(runner, "survey", str(path), input="2\nnej\n\n")
    assert code == 0, output
    kept = tomllib.loads(path.read_text("utf-8"))["answers"]
    assert kept["rutin_vald"] == "nej"
    assert kept["rutin_vald_beslutad"] == "ja"  # kept in the file, so that it can return
    assert kept["rutin_vald_uppfoljd"] == dt.date(2018, 6, 1)
    assert_every_sheet_shows_the_follow_ups_not_asked(runner, path, q2019)

    code, output = invoke(runner, "survey", str(path), input="2\nja\n\n")
    assert code == 0, output
    data = json.loads(sheet(runner, path, "json"))
    by_id = {x["id"]: x for s in data["sections"] for x in s["questions"]}
    assert [by_id[qid]["display"] for qid in FOLLOW_UPS] == ["Ja", "2018-06-01"]


def compare(runner: CliRunner, old: Path, new: Path) -> tuple[str, dict[str, Any]]:
    code, text = invoke_raw(runner, "compare", str(old), str(new))
    assert code == 0, text
    code, output = invoke_raw(runner, "compare", str(old), str(new), "--format", "json")
    assert code == 0, output
    return text, json.loads(output)


def changed_rows(text: str) -> dict[str, list[str]]:
    """The table under "Ändrade svar": question → [old, new], cells split on 2+ spaces."""
    table = text.split("Ändrade svar")[1]
    rows = [re.split(r"\s{2,}", line.strip()) for line in table.splitlines()[2:] if line.strip()]
    return {row[0]: row[1:] for row in rows if len(row) == 3}


def test_compare_shows_a_closed_follow_up_as_not_asked_never_its_hidden_value(
    runner: CliRunner, write_answers: Callable[..., Path]
) -> None:
    old = write_answers(dict(ALL_MET_2019), name="old.toml")
    new = write_answers(hand_edited(rutin_vald_uppfoljd=dt.date(2019, 1, 15)), name="new.toml")
    text, data = compare(runner, old, new)
    rows = changed_rows(text)
    assert rows["Rutin vid indikation på våld"] == ["Ja", "Nej"]
    assert rows["Våldsrutinen beslutad på ledningsnivå"] == ["Ja", NOT_ASKED]
    assert rows["Våldsrutinen senast beslutad eller uppföljd"] == ["2018-06-01", NOT_ASKED]
    assert "2019-01-15" not in text
    assert "Ändrade svar (3)" in " ".join(text.split())
    answers = {a["question"]: a for a in data["answers"]}
    date = answers["rutin_vald_uppfoljd"]
    assert (date["old"], date["new"], date["new_text"]) == ("2018-06-01", None, None)
    assert (date["old_status"], date["new_status"]) == ("answered", "not_asked")


def test_compare_does_not_list_values_that_are_hidden_on_both_sides(
    runner: CliRunner, write_answers: Callable[..., Path]
) -> None:
    old = write_answers(hand_edited(), name="old.toml")
    new = write_answers(hand_edited(rutin_vald_uppfoljd=dt.date(2019, 1, 15)), name="new.toml")
    text, data = compare(runner, old, new)
    assert data["answers"] == []
    assert "Inga svar skiljer sig." in text


def test_compare_calls_a_question_that_is_not_asked_not_asked_rather_than_unanswered(
    runner: CliRunner, write_answers: Callable[..., Path]
) -> None:
    old = write_answers(dict(ALL_MET_2019), name="old.toml")
    closed = {k: v for k, v in hand_edited().items() if k not in FOLLOW_UPS}
    new = write_answers(closed, name="new.toml")
    text, data = compare(runner, old, new)
    assert changed_rows(text)["Våldsrutinen beslutad på ledningsnivå"] == ["Ja", NOT_ASKED]
    assert "obesvarad" not in text
    statuses = {a["question"]: a["new_status"] for a in data["answers"]}
    assert statuses == {"rutin_vald": "answered", **dict.fromkeys(FOLLOW_UPS, "not_asked")}


def test_compare_many_judges_a_file_with_hidden_values_as_one_without(
    runner: CliRunner, write_answers: Callable[..., Path], tmp_path: Path
) -> None:
    # compare-many shows only verdicts; a hidden value must not move any of them.
    hidden = write_answers(
        hand_edited(), name="dolda.toml", municipality_code="0180", municipality_name="Stockholm"
    )
    clean = {k: v for k, v in hand_edited().items() if k not in FOLLOW_UPS}
    bare = write_answers(clean, name="rena.toml")
    code, output = invoke_raw(runner, "compare-many", str(hidden), str(bare), "--format", "json")
    assert code == 0, output
    units = [u for c in json.loads(output)["years"][0]["counties"] for u in c["units"]]
    assert len(units) == 2
    assert units[0]["states"] == units[1]["states"]
    assert units[0]["states"]["rutin-vald"] == "not_met"


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_an_answered_follow_up_is_still_shown_as_answered(
    runner: CliRunner, write_answers: Callable[..., Path], fmt: str
) -> None:
    # The other side of the rule: with "ja" the follow-ups are asked and shown with their values.
    output = sheet(runner, write_answers(dict(ALL_MET_2019)), fmt)
    assert f"{len(ALL_MET_2019)} besvarade, 0 obesvarade, 0 ställs inte." in output
    assert "2018-06-01" in output
