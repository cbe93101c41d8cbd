"""One number per question, as on a printed form: the interview, the review, the answer sheet
and `questionnaires show` agree, and skipped follow-ups leave gaps instead of renumbering.

The expected numbers are counted straight from the questionnaire file (survey order), not
from ojcli's own helper.
"""

from __future__ import annotations

import csv
import io
import json
import re
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import invoke_raw
from ojcli.files.loading import find_questionnaire
from test_cli import REPLIES_2019


def file_numbers(year: int) -> dict[str, int]:
    """Question id -> its place in the questionnaire file, counted from 1."""
    data = tomllib.loads(find_questionnaire(year).read_text(encoding="utf-8"))
    ids = [q["id"] for s in data["sections"] for q in s["questions"]]
    return {qid: n for n, qid in enumerate(ids, 1)}


NUMBERS = file_numbers(2019)
TOTAL = len(NUMBERS)
# freda_kortfragor, then rutin_vald answered "nej": its two follow-ups are skipped.
START = ["Kiruna", "", "", "ja", "nej"]


def progress(output: str) -> list[str]:
    return re.findall(r"Fråga \d+ av \d+ · [^\n(]+(?:\([^)]*\))?", output)


def test_a_skipped_follow_up_leaves_a_gap_and_the_total_stays(
    runner: CliRunner, tmp_path: Path
) -> None:
    typed = [*START, "q"]
    code, output = invoke_raw(
        runner, "survey", str(tmp_path / "s.toml"), "--year", "2019", input="\n".join(typed) + "\n"
    )
    assert code == 0, output
    shown = progress(output)
    assert shown[0].startswith(f"Fråga 1 av {TOTAL} · ")
    assert "(" not in shown[0] + shown[1]  # nothing skipped yet: no "(0 frågor hoppas över)"
    assert shown[1].startswith(f"Fråga {NUMBERS['rutin_vald']} av {TOTAL} · ")
    # After "nej" the next question keeps its own number; the total still counts every question.
    assert shown[2].startswith(f"Fråga {NUMBERS['rutin_skyddade']} av {TOTAL} · ")
    assert shown[2].endswith("(2 frågor hoppas över)")
    assert NUMBERS["rutin_skyddade"] == NUMBERS["rutin_vald"] + 3


def test_the_review_uses_the_same_numbers_before_and_after_a_change(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "svar.toml"
    skipped = str(NUMBERS["rutin_vald_beslutad"])
    typed = [
        *START,
        *REPLIES_2019[4:],  # the rest of the questionnaire
        skipped,  # a skipped question cannot be changed
        str(NUMBERS["rutin_vald"]),  # change "nej" to "ja": two follow-ups open
        "ja",
        "ja",
        "2018-06-01",
        str(NUMBERS["rutin_skyddade"]),  # still the same question under the same number
        "",  # keep its answer
        "",  # finish
    ]
    code, output = invoke_raw(
        runner, "survey", str(path), "--year", "2019", input="\n".join(typed) + "\n"
    )
    assert code == 0, output
    reviews = output.split("Granska svaren")[1:]
    assert len(reviews) == 3
    first = reviews[0]
    # The review lists every question under its number; the skipped ones say so.
    assert re.search(rf"^\s*{skipped}\W+Våldsrutinen beslutad.*– ställs inte", first, re.M)
    assert re.search(rf"^\s*{NUMBERS['rutin_skyddade']}\W+Rutin för skyddade", first, re.M)
    assert f"Fråga {skipped} ställs inte med de svar som getts" in output
    # The change opens the two follow-ups, asked under their own numbers.
    assert f"Fråga {NUMBERS['rutin_vald_beslutad']} av {TOTAL} · " in first
    assert f"Fråga {NUMBERS['rutin_vald_uppfoljd']} av {TOTAL} · " in first
    after = reviews[1]
    # "fråga 5" after the change is the question that was number 5 before it.
    assert progress(after)[0].startswith(f"Fråga {NUMBERS['rutin_skyddade']} av {TOTAL} · ")
    assert "skyddade personuppgifter" in after.split("Svar:")[0]
    assert "– ställs inte" not in reviews[2]
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["answers"]["rutin_vald"] == "ja"
    assert data["answers"]["rutin_vald_uppfoljd"].isoformat() == "2018-06-01"


def test_a_number_outside_the_questionnaire_is_refused_in_the_review(
    runner: CliRunner, tmp_path: Path
) -> None:
    typed = [*START, *REPLIES_2019[4:], str(TOTAL + 1), ""]
    code, output = invoke_raw(
        runner, "survey", str(tmp_path / "s.toml"), "--year", "2019", input="\n".join(typed) + "\n"
    )
    assert code == 0, output
    assert f"Ange numret på en fråga, 1–{TOTAL}, eller tryck Enter." in output


@pytest.fixture
def skipping_file(write_answers, all_met) -> Path:  # type: ignore[no-untyped-def]
    answers = all_met()
    answers["rutin_vald"] = "nej"
    return write_answers(answers)  # type: ignore[no-any-return]


def test_answer_sheet_numbers_in_every_format(runner: CliRunner, skipping_file: Path) -> None:
    sheets = {}
    for fmt in ("md", "html", "csv", "json"):
        code, out = invoke_raw(runner, "report", str(skipping_file), "--answers", "-f", fmt)
        assert code == 0, out
        sheets[fmt] = out
    rows = json.loads(sheets["json"])["sections"]
    from_json = {q["id"]: q["number"] for s in rows for q in s["questions"]}
    assert from_json == NUMBERS
    table = csv.DictReader(io.StringIO(sheets["csv"].lstrip("\ufeff")), delimiter=";")
    assert {r["Fråga-id"]: int(r["Nr"]) for r in table} == NUMBERS
    html_numbers = re.findall(
        r'<td class="num[^"]*">(\d+)</td><td>.*?<code>(\w+)</code>', sheets["html"]
    )
    assert {qid: int(n) for n, qid in html_numbers} == NUMBERS
    md_numbers = re.findall(r"^\| (\d+) \|", sheets["md"], re.M)
    assert [int(n) for n in md_numbers] == list(NUMBERS.values())


def test_questionnaires_show_numbers_as_the_file_orders_them(runner: CliRunner) -> None:
    code, out = invoke_raw(runner, "questionnaires", "show", "2019")
    assert code == 0, out
    # A question's number has at most three digits: a year ending a sentence ("… 2019.") is not one.
    shown = re.findall(r"(?:^| )(\d{1,3})\. [^\[]*\[(\w+), ", " ".join(out.split()))
    assert {qid: int(n) for n, qid in shown} == NUMBERS
