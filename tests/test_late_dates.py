"""A date that has not happened never counts, and a lapse before the reference date is said
(issue 19 items 1 and 2).

Preparing the 2027 survey on 2026-12-03, as the issue's user did: a routine "followed up" on
2027-01-10 was "✓ Uppfylld" in `score`, the reports and the review, and only `validate`
objected. Now every output scores it as not known yet and says why, compare-many notes it,
and the review marks it. The violence routine last followed up 2025-01-15 counts today but
lapses on 2027-01-15, before the reference date 2027-03-01: `score` says so without `--per`,
in the same words as a met indicator's due date.

"Today" is fixed through `ojcli.model.dates.today`, the one clock of every date rule.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from typer.testing import CliRunner

from conftest import invoke, invoke_raw, meta
from ojcli.compare.many import compare_many
from ojcli.files.loading import load_answers
from ojcli.interview.engine import Interview, QuestionView, ReviewRow
from ojcli.model import dates
from ojcli.model.answers import AnswerSet, check_answer_set
from ojcli.model.questionnaire import (
    DateQuestion,
    MultipleChoiceQuestion,
    NumberQuestion,
    Questionnaire,
    SingleChoiceQuestion,
    YesNoQuestion,
)
from ojcli.model.rules import AllOf, Answered, Not, Rule, WithinMonths
from ojcli.report.formats import Format, Kind, offered, render
from ojcli.report.model import build
from ojcli.scoring import Evaluator, State, Tri, score
from ojcli.scoring.fast import truth

TODAY = dt.date(2026, 12, 3)
LATE = "efter dagens datum 2026-12-03; ett datum som inte har inträffat räknas inte"
VRAKNING = "Aktuell rutin för att förhindra vräkning av barnfamiljer"
LAPSE = (
    "Räknas som aktuell t.o.m. 2027-01-15 men inte på mätdatum 2027-03-01: besluta eller följ "
    "upp igen före mätdatum."
)
# The file: the violence routine followed up 2025-01-15 (24 months: counts until
# 2027-01-15), the eviction routine "followed up" 2027-01-10, after today.
ANSWERS = {
    "rutin_vald": "ja",
    "rutin_vald_beslutad": "ja",
    "rutin_vald_uppfoljd": dt.date(2025, 1, 15),
    "rutin_vrakning": "ja",
    "rutin_vrakning_beslutad": "ja",
    "rutin_vrakning_innehall": ["kontakt_alla", "kontakt_tills_reglerad"],
    "rutin_vrakning_uppfoljd": dt.date(2027, 1, 10),
}


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> Callable[[dt.date], None]:
    """Today is 2026-12-03 unless a test moves it."""

    def move(day: dt.date) -> None:
        monkeypatch.setattr(dates, "today", lambda: day)

    move(TODAY)
    return move


@pytest.fixture
def folder(runner: CliRunner, tmp_path: Path) -> Path:
    """A folder with the 2027 questionnaire prepared today, as `questionnaires new` writes it."""
    code, out = invoke(
        runner, "questionnaires", "new", "2027", "-o", str(tmp_path / "oj-eb-2027.toml")
    )
    assert code == 0, out
    return tmp_path


def answers_2027(folder: Path, answers: dict[str, Any], name: str = "svar.toml") -> Path:
    path = folder / name
    data = {"meta": meta("oj-eb-2027", municipality_code="0880", municipality_name="Kalmar")}
    path.write_text(tomli_w.dumps({**data, "answers": answers}), encoding="utf-8")
    return path


def line_of(out: str, title: str) -> str:
    return next(line for line in out.splitlines() if title in line)


# --- item 1: a date after today never counts ----------------------------------------------------


def test_score_does_not_count_a_date_that_has_not_happened(runner: CliRunner, folder: Path) -> None:
    code, out = invoke_raw(runner, "score", str(answers_2027(folder, ANSWERS)))
    assert code == 0, out
    assert line_of(out, "förhindra vräkning").startswith("? Ofullständig")
    flat = " ".join(out.split())
    assert f"«vräkningsrutinen senast beslutad eller uppföljd» är 2027-01-10, {LATE}." in flat


def test_a_date_of_today_counts(runner: CliRunner, folder: Path) -> None:
    path = answers_2027(folder, {**ANSWERS, "rutin_vrakning_uppfoljd": TODAY})
    code, out = invoke_raw(runner, "score", str(path))
    assert code == 0, out
    assert line_of(out, "förhindra vräkning").startswith("✓ Uppfylld")
    assert "efter dagens datum" not in out


@pytest.mark.parametrize("answers", [False, True], ids=["report", "answer-sheet"])
@pytest.mark.parametrize("fmt", offered(Kind.results, files=True))
def test_every_report_format_says_why_it_does_not_count(
    runner: CliRunner, folder: Path, fmt: Format, answers: bool
) -> None:
    path = answers_2027(folder, ANSWERS)
    args = ["report", str(path), "--format", fmt.value] + (["--answers"] if answers else [])
    code, raw = invoke_raw(runner, *args)
    assert code == 0, raw
    if fmt is Format.json and not answers:
        (vrakning,) = [i for i in json.loads(raw)["indicators"] if i["title"] == VRAKNING]
        assert vrakning["state"] == "incomplete"
        assert any(LATE in reason for reason in vrakning["reasons"])
        return
    text = " ".join(re.sub(r"<[^>]+>", "", raw).split())
    assert LATE in text
    if fmt is Format.csv and not answers:
        rows = list(csv.DictReader(io.StringIO(raw.lstrip("\ufeff")), delimiter=";"))
        (vrakning,) = [row for row in rows if row["Indikator"] == VRAKNING]
        assert vrakning["Status"] == "Ofullständig"


def test_compare_many_does_not_count_it_and_notes_it(folder: Path) -> None:
    path = answers_2027(folder, ANSWERS)
    result = compare_many([path])
    (matrix,) = result.years
    (row,) = matrix.rows
    column = [c.title for c in matrix.columns].index(VRAKNING)
    assert row.states[column] is State.INCOMPLETE
    assert result.notes == (
        f"Kalmar ({path}): «vräkningsrutinen senast beslutad eller uppföljd» är 2027-01-10, {LATE}.",
    )


def test_compare_says_why_a_date_after_today_no_longer_counts(
    runner: CliRunner, folder: Path
) -> None:
    old = answers_2027(folder, {**ANSWERS, "rutin_vrakning_uppfoljd": TODAY}, "gammal.toml")
    code, out = invoke(runner, "compare", str(old), str(answers_2027(folder, ANSWERS)))
    assert code == 0, out
    assert f"Ny: «vräkningsrutinen senast beslutad eller uppföljd» är 2027-01-10, {LATE}." in out


class Review:
    """A prompter that finishes at the review and keeps its rows."""

    def __init__(self) -> None:
        self.rows: list[ReviewRow] = []

    def read(self, prompt: str) -> str:
        return ""

    def show_question(self, view: QuestionView) -> None:
        raise AssertionError("every asked question is answered")

    def show_help(self, view: QuestionView) -> None:
        pass

    def show_review(self, rows: list[ReviewRow]) -> None:
        self.rows = rows

    def info(self, text: str) -> None:
        pass

    def error(self, text: str) -> None:
        pass


DATE = "overenskommelse_af_uppfoljd"


def every_question_answered(q: Questionnaire) -> dict[str, Any]:
    """Each question answered (yes, the first option, the least number, 2023-06-01), and the
    agreement with Arbetsförmedlingen followed up 2024-01-10."""
    answers: dict[str, Any] = {}
    for x in q.questions:
        if isinstance(x, YesNoQuestion):
            answers[x.id] = "ja"
        elif isinstance(x, SingleChoiceQuestion | MultipleChoiceQuestion):
            first = x.options[0].value
            answers[x.id] = [first] if isinstance(x, MultipleChoiceQuestion) else first
        elif isinstance(x, NumberQuestion):
            answers[x.id] = x.minimum
        elif isinstance(x, DateQuestion):
            answers[x.id] = dt.date(2023, 6, 1)
        else:
            answers[x.id] = "Ja."
    return {**answers, DATE: dt.date(2024, 1, 10)}


def test_the_review_marks_a_date_after_today(
    q2024: Questionnaire, today: Callable[[dt.date], None]
) -> None:
    # Preparing the 2024 survey on 2023-12-03, every question answered: the review comes first.
    today(dt.date(2023, 12, 3))
    answers = AnswerSet.model_validate(
        {"meta": meta("oj-eb-2024"), "answers": every_question_answered(q2024)}
    )
    review = Review()
    Interview(q2024, answers, review, lambda _: None).run()
    marks = {row.question.id: row.mark for row in review.rows if row.mark}
    assert marks == {
        "overenskommelse_af_uppfoljd": (
            "efter dagens datum 2023-12-03; ett datum som inte har inträffat räknas inte"
        )
    }
    today(dt.date(2024, 1, 10))  # the day has come: it counts, unmarked
    Interview(q2024, answers, review, lambda _: None).run()
    assert not [row for row in review.rows if row.mark]


def test_the_review_in_the_terminal_says_obs(
    runner: CliRunner,
    write_answers: Callable[..., Path],
    today: Callable[[dt.date], None],
    q2024: Questionnaire,
) -> None:
    today(dt.date(2023, 12, 3))
    path = write_answers(every_question_answered(q2024), questionnaire="oj-eb-2024")
    code, out = invoke(runner, "survey", str(path), input="\n")
    assert code == 0, out
    assert "Obs: efter dagens datum 2023-12-03;" in out
    assert "1 svar är markerat med Obs: ange numret för att ändra." in out


@pytest.fixture(scope="module")
def q2024() -> Questionnaire:
    from ojcli.files.loading import find_questionnaire, load_questionnaire

    return load_questionnaire(find_questionnaire(2024))


@pytest.mark.parametrize(
    "rule",
    [
        WithinMonths(question=DATE, within_months=24),
        Not(not_=WithinMonths(question=DATE, within_months=24)),
        Answered(question=DATE, answered=True),
        Answered(question=DATE, answered=False),
        AllOf(all=[Answered(question=DATE, answered=False)]),
    ],
    ids=["within", "not-within", "answered", "unanswered", "all-unanswered"],
)
def test_every_rule_on_a_date_after_today_is_unknown_in_both_paths(
    q2024: Questionnaire, rule: Rule
) -> None:
    data = {"meta": meta("oj-eb-2024"), "answers": every_question_answered(q2024)}
    answers = check_answer_set(AnswerSet.model_validate(data), q2024)
    before = dt.date(2024, 1, 9)
    full = Evaluator(q2024, answers, q2024.reference_date, before).evaluate(rule)
    assert full.value is Tri.UNKNOWN
    assert truth(Evaluator(q2024, answers, q2024.reference_date, before), rule) is Tri.UNKNOWN
    assert full.reasons == (
        "«överenskommelsen med Arbetsförmedlingen senast beslutad eller uppföljd» är "
        "2024-01-10, efter dagens datum 2024-01-09; ett datum som inte har inträffat räknas inte.",
    )
    on_the_day = Evaluator(q2024, answers, q2024.reference_date, dt.date(2024, 1, 10))
    assert on_the_day.evaluate(rule).value is not Tri.UNKNOWN


def test_validate_still_refuses_it(runner: CliRunner, folder: Path) -> None:
    code, out = invoke(runner, "validate", str(answers_2027(folder, ANSWERS)))
    assert code == 3
    assert "2027-01-10 är efter dagens datum (2026-12-03)" in out


# --- item 2: a lapse before the reference date is said -------------------------------------------


def test_score_says_when_a_routine_lapses_before_the_reference_date(
    runner: CliRunner, folder: Path
) -> None:
    code, out = invoke(runner, "score", str(answers_2027(folder, ANSWERS)))
    assert code == 0, out
    assert "✗ Ej uppfylld Aktuell rutin vid indikation på att en vuxen" in out
    assert f"(tidigaste godtagbara datum är 2025-03-01). {LAPSE}" in out


def test_once_the_routine_has_lapsed_only_the_reason_is_left(
    runner: CliRunner, folder: Path, today: Callable[[dt.date], None]
) -> None:
    path = answers_2027(folder, ANSWERS)
    today(dt.date(2027, 1, 16))
    code, out = invoke(runner, "score", str(path))
    assert code == 0, out
    assert "(tidigaste godtagbara datum är 2025-03-01)" in out
    assert "Räknas som aktuell" not in out.split("Aktuell rutin vid indikation")[1].split("?")[0]


def test_the_lapse_is_in_json_and_in_the_documents_list_of_what_lapses(folder: Path) -> None:
    checked, q = load_answers(answers_2027(folder, ANSWERS))
    report = build(score(q, checked))
    data = json.loads(str(render(Format.json, Kind.results, report)))
    (vald,) = [i for i in data["indicators"] if i["id"] == "rutin-vald"]
    assert (vald["state"], vald["holds_until"], vald["lapses_before_reference"]) == (
        "not_met",
        "2027-01-15",
        True,
    )
    for fmt in (Format.md, Format.html):
        text = re.sub(r"<[^>]+>|\*\*", "", str(render(fmt, Kind.results, report)))
        assert "Upphör före mätdatum" in text  # the list of what lapses names it
        assert text.count(LAPSE) == 3  # in the action list, that list and under its theme


@pytest.mark.parametrize("per", [None, "2026-12-03"])
def test_a_lapse_is_said_one_way_met_or_not(
    runner: CliRunner, folder: Path, per: str | None
) -> None:
    # Met on 2026-12-03 (--per) or not met on the reference date: the same sentence.
    path = answers_2027(folder, ANSWERS)
    for fmt in ("text", "json"):
        args = ["score", str(path), "--format", fmt] + (["--per", per] if per else [])
        code, out = invoke(runner, *args)
        assert code == 0
        assert "Upphör att gälla" not in out
    code, out = invoke(runner, *(["score", str(path)] + (["--per", per] if per else [])))
    assert LAPSE in out
