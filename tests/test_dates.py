"""Dates: a day that does not exist is named, a date after today is refused where it is typed and
reported by `validate`, and a date after the reference date is kept only when the person says so.

"Today" is fixed through `ojcli.model.dates.today`, the one clock of the date checks.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import invoke
from ojcli.interview.replies import ReplyError, parse_reply
from ojcli.model import dates
from ojcli.model.questionnaire import Questionnaire

TODAY = dt.date(2026, 11, 27)  # the day the fault was found
# Answered up to the violence routine's date (2019: reference date 2019-03-01).
BEFORE_THE_DATE = {"freda_kortfragor": "ja", "rutin_vald": "ja", "rutin_vald_beslutad": "ja"}
DATE_QUESTION = "Vilket datum beslutades eller följdes rutinen senast upp?"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    monkeypatch.setattr(dates, "today", lambda: TODAY)
    return TODAY


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("2023-02-30", "2023-02-30 finns inte: februari 2023 har 28 dagar."),
        ("2023-02-29", "2023-02-29 finns inte: februari 2023 har 28 dagar."),
        ("2023-04-31", "2023-04-31 finns inte: april 2023 har 30 dagar."),
        ("2023-13-01", "2023-13-01 finns inte: månaden ska vara 01–12."),
        ("2023-00-10", "2023-00-10 finns inte: månaden ska vara 01–12."),
        ("2023-01-00", "2023-01-00 finns inte: januari 2023 har 31 dagar."),
        ("1. mars", "Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2024-03-01."),
    ],
)
def test_a_date_that_does_not_exist_is_named(typed: str, message: str) -> None:
    with pytest.raises(ValueError, match=r".") as caught:
        dates.parse_date(typed)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("2024-02-29", dt.date(2024, 2, 29)),  # a leap day
        ("2023-02-28", dt.date(2023, 2, 28)),
        ("2023-12-31", dt.date(2023, 12, 31)),
        (" 2018-6-1 ", dt.date(2018, 6, 1)),
        ("20180601", dt.date(2018, 6, 1)),  # as before: what fromisoformat reads
    ],
)
def test_dates_that_exist_are_read(typed: str, day: dt.date) -> None:
    assert dates.parse_date(typed) == day


def test_a_reply_is_checked_against_the_day_given(q2019: Questionnaire) -> None:
    # parse_reply takes "today" as a parameter; the clock is only the default.
    assert dates.today() == TODAY
    question = q2019.question("rutin_vald_uppfoljd")
    with pytest.raises(ReplyError, match=r"efter dagens datum \(2018-05-31\)"):
        parse_reply(question, "2018-06-01", dt.date(2018, 5, 31))


@pytest.mark.parametrize(
    ("typed", "refused"),
    [("2026-11-27", False), ("2026-11-28", True), ("2027-01-01", True), ("2018-06-01", False)],
)
def test_a_reply_after_today_is_refused_naming_today(
    q2019: Questionnaire, typed: str, refused: bool
) -> None:
    question = q2019.question("rutin_vald_uppfoljd")
    if not refused:
        assert parse_reply(question, typed, TODAY) == dt.date.fromisoformat(typed)
        return
    with pytest.raises(ReplyError) as caught:
        parse_reply(question, typed, TODAY)
    assert str(caught.value) == (
        f"Datumet {typed} är efter dagens datum (2026-11-27): ange ett datum som redan har varit."
    )


def survey(runner: CliRunner, path: Path, *typed: str) -> str:
    code, output = invoke(runner, "survey", str(path), input="\n".join(typed) + "\n")
    assert code == 0, output
    return output


def saved_date(path: Path) -> object:
    return tomllib.loads(path.read_text("utf-8"))["answers"].get("rutin_vald_uppfoljd")


def test_the_interview_refuses_a_date_after_today_and_asks_again(
    runner: CliRunner, write_answers: Callable[..., Path]
) -> None:
    path = write_answers(BEFORE_THE_DATE)
    output = survey(runner, path, "2027-01-01", "2018-06-01", "q")
    assert (
        "Datumet 2027-01-01 är efter dagens datum (2026-11-27): ange ett datum som redan har varit."
        in output
    )
    assert output.count(DATE_QUESTION) == 1  # asked again at the same question, not moved on
    assert saved_date(path) == dt.date(2018, 6, 1)


def test_today_is_injected(
    runner: CliRunner, write_answers: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # On 2019-01-10 a date in February 2019 has not happened yet, though it is before mätdatum.
    monkeypatch.setattr(dates, "today", lambda: dt.date(2019, 1, 10))
    path = write_answers(BEFORE_THE_DATE)
    output = survey(runner, path, "2019-02-01", "q")
    assert "Datumet 2019-02-01 är efter dagens datum (2019-01-10)" in output
    assert saved_date(path) is None


def test_the_interview_names_a_day_that_does_not_exist(
    runner: CliRunner, write_answers: Callable[..., Path]
) -> None:
    path = write_answers(BEFORE_THE_DATE)
    output = survey(runner, path, "2017-02-30", "q")
    assert "2017-02-30 finns inte: februari 2017 har 28 dagar." in output
    assert saved_date(path) is None


LATE = "2019-06-01 är efter enkätens mätdatum 2019-03-01 och räknas inte för indikatorerna"
CONFIRM = "Spara datumet ändå? (j = ja, n = nej och skriv ett annat)"


def test_a_date_after_the_reference_date_is_kept_when_the_person_says_yes(
    runner: CliRunner, write_answers: Callable[..., Path]
) -> None:
    path = write_answers(BEFORE_THE_DATE)
    output = survey(runner, path, "2019-06-01", "j", "q")
    assert LATE in output
    assert CONFIRM in output
    assert saved_date(path) == dt.date(2019, 6, 1)
    # And it does not count: the routine is not current on the reference date.
    _, scored = invoke(runner, "score", str(path))
    assert "efter mätdatum 2019-03-01; bara det som skett före mätdatum räknas" in scored


def test_no_to_a_late_date_asks_for_another(
    runner: CliRunner, write_answers: Callable[..., Path]
) -> None:
    path = write_answers(BEFORE_THE_DATE)
    output = survey(runner, path, "2019-06-01", "?", "kanske", "n", "2018-06-01", "q")
    assert "j sparar datumet, men det räknas inte för indikatorerna" in output  # ? explains
    assert "Svara j (ja) eller n (nej)." in output
    assert "Skriv ett annat datum." in output
    assert saved_date(path) == dt.date(2018, 6, 1)


@pytest.mark.parametrize("end", ["q", None], ids=["q", "ctrl-d"])
def test_q_or_end_of_input_at_the_confirmation_saves_nothing_more(
    runner: CliRunner, write_answers: Callable[..., Path], end: str | None
) -> None:
    path = write_answers(BEFORE_THE_DATE)
    typed = ["2019-06-01", *([end] if end else [])]
    code, output = invoke(runner, "survey", str(path), input="\n".join(typed) + "\n")
    assert code == 0, output
    assert "Fortsätt senare med" in output
    assert saved_date(path) is None


def test_validate_reports_a_date_after_today_with_line_and_today(
    runner: CliRunner, write_answers: Callable[..., Path]
) -> None:
    path = write_answers({**BEFORE_THE_DATE, "rutin_vald_uppfoljd": dt.date(2027, 1, 1)})
    line = path.read_text("utf-8").splitlines().index("rutin_vald_uppfoljd = 2027-01-01") + 1
    code, output = invoke(runner, "validate", str(path))
    assert code == 3, output
    assert "OK" not in output
    assert (
        f"{path}:{line}: answers.rutin_vald_uppfoljd: 2027-01-01 är efter dagens datum "
        "(2026-11-27)" in output
    )


def test_validate_accepts_a_date_of_today(
    runner: CliRunner, write_answers: Callable[..., Path]
) -> None:
    path = write_answers({**BEFORE_THE_DATE, "rutin_vald_uppfoljd": TODAY})
    code, output = invoke(runner, "validate", str(path))
    assert code == 0, output
    assert "OK – 4 svar" in output


def test_the_reference_date_itself_counts_and_is_saved_without_asking(
    runner: CliRunner, write_answers: Callable[..., Path]
) -> None:
    path = write_answers(BEFORE_THE_DATE)
    output = survey(runner, path, "2019-03-01", "q")
    assert CONFIRM not in output
    assert saved_date(path) == dt.date(2019, 3, 1)
