"""Until when a met indicator holds: the last reference date, mirrored from the scorer's own test."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import meta
from ojcli.files.loading import find_questionnaire, load_questionnaire
from ojcli.model.answers import AnswerSet, CheckedAnswers, check_answer_set
from ojcli.model.questionnaire import Questionnaire
from ojcli.model.rules import AllOf, AnyOf, Equals, Not, Rule, WithinMonths
from ojcli.scoring import Evaluator, Tri
from ojcli.scoring.due import Due, due, last_reference_date

D = dt.date


@pytest.fixture(scope="module")
def q2024() -> Questionnaire:
    return load_questionnaire(find_questionnaire(2024))


def violence(q: Questionnaire) -> Rule:
    """The 2024 violence routine's rule (24 months)."""
    return next(i.rule for i in q.indicators if i.id == "rutin-vald")


def within(question: str, months: int) -> WithinMonths:
    return WithinMonths(question=question, within_months=months)


VALD = "rutin_vald_uppfoljd"
AF = "overenskommelse_af_uppfoljd"
BOTH_ASKED = {"rutin_vald": "ja", "overenskommelse_af": "ja"}


@pytest.mark.parametrize(
    ("day", "months", "last"),
    [
        (D(2025, 5, 1), 24, D(2027, 5, 1)),  # the plain case: N months later, inclusive
        (D(2025, 3, 15), 12, D(2026, 3, 15)),
        (D(2024, 2, 29), 12, D(2025, 2, 28)),  # leap day, the year after has none
        (D(2024, 2, 29), 48, D(2028, 2, 29)),  # leap day to leap day
        (D(2024, 2, 29), 1, D(2024, 3, 31)),  # a month's last day: open to the next month's end
        (D(2023, 2, 28), 1, D(2023, 3, 31)),
        (D(2024, 1, 31), 1, D(2024, 2, 29)),  # clamped into a short month
        (D(2024, 1, 30), 1, D(2024, 2, 29)),
        (D(2023, 1, 29), 1, D(2023, 2, 28)),
        (D(2024, 4, 30), 1, D(2024, 5, 31)),
        (D(2024, 3, 30), 1, D(2024, 4, 30)),  # not a month's last day, but April ends on the 30th
        (D(2024, 12, 31), 2, D(2025, 2, 28)),  # across the year into February
        (D(2025, 11, 30), 3, D(2026, 2, 28)),
    ],
)
def test_last_reference_date_at_month_ends_and_leap_days(day: D, months: int, last: D) -> None:
    assert last_reference_date(day, months) == last


@pytest.mark.parametrize("months", [1, 2, 12, 24, 36])
@given(day=st.dates(D(1990, 1, 1), D(2090, 12, 31)))
def test_the_scorer_accepts_the_date_on_the_last_reference_date_and_not_the_day_after(
    q2024: Questionnaire, months: int, day: D
) -> None:
    # The mirror of the scorer's own arithmetic: whatever it decides, due dates agree with it.
    rule = within(VALD, months)
    last = last_reference_date(day, months)

    def holds(reference: D) -> Tri:
        ev = Evaluator(q2024, checked(q2024, {"rutin_vald": "ja", VALD: day}), reference, day)
        return ev.evaluate(rule).value

    assert holds(last) is Tri.TRUE
    assert holds(last + dt.timedelta(days=1)) is Tri.FALSE


def checked(q: Questionnaire, answers: dict[str, Any]) -> CheckedAnswers:
    return check_answer_set(AnswerSet.model_validate({"meta": meta(q.id), "answers": answers}), q)


def at(q: Questionnaire, answers: dict[str, Any], reference: D, rule: Rule) -> Due | None:
    return due(Evaluator(q, checked(q, answers), reference), rule)


def test_a_met_rule_with_a_date_holds_until_the_date_plus_its_months(q2024: Questionnaire) -> None:
    vald = next(i for i in q2024.indicators if i.id == "rutin-vald")
    assert vald.id == "rutin-vald"
    answers = {"rutin_vald": "ja", "rutin_vald_beslutad": "ja", VALD: D(2022, 5, 1)}
    found = at(q2024, answers, q2024.reference_date, vald.rule)
    assert found == Due(D(2024, 5, 1), VALD)
    assert found is not None
    assert found.holds_until == D(2024, 5, 1)


@pytest.mark.parametrize(
    ("last_follow_up", "reference", "flagged"),
    [
        # --per 2023-11-27 (preparing early), mätdatum 2024-03-01: holds until 2024-02-01.
        (D(2022, 2, 1), D(2023, 11, 27), True),
        (D(2022, 2, 28), D(2023, 11, 27), True),  # holds until 2024-02-29, the day before
        (D(2022, 3, 1), D(2023, 11, 27), False),  # holds until 2024-03-01: on mätdatum, inclusive
        (D(2022, 6, 1), D(2023, 11, 27), False),
        (D(2022, 6, 1), D(2024, 3, 1), False),
    ],
)
def test_a_due_date_before_the_reference_date_is_flagged(
    q2024: Questionnaire, last_follow_up: D, reference: D, flagged: bool
) -> None:
    answers = {"rutin_vald": "ja", "rutin_vald_beslutad": "ja", VALD: last_follow_up}
    found = at(q2024, answers, reference, violence(q2024))
    assert found is not None
    assert found.lapses_before(q2024.reference_date) is flagged


def test_a_rule_with_two_dates_gives_the_earliest(q2024: Questionnaire) -> None:
    answers = {**BOTH_ASKED, VALD: D(2023, 1, 10), AF: D(2022, 9, 5)}
    rule = AllOf(all=[within(VALD, 24), within(AF, 24)])
    assert at(q2024, answers, D(2024, 3, 1), rule) == Due(D(2024, 9, 5), AF)
    swapped = {**BOTH_ASKED, VALD: D(2022, 9, 5), AF: D(2023, 1, 10)}
    assert at(q2024, swapped, D(2024, 3, 1), rule) == Due(D(2024, 9, 5), VALD)


def test_any_holds_until_its_latest_holding_part(q2024: Questionnaire) -> None:
    answers = {**BOTH_ASKED, VALD: D(2023, 1, 10), AF: D(2022, 9, 5)}
    rule = AnyOf(any=[within(VALD, 24), within(AF, 24)])
    assert at(q2024, answers, D(2024, 3, 1), rule) == Due(D(2025, 1, 10), VALD)
    # A part that no longer holds does not count: only the one that does decides.
    assert at(q2024, answers, D(2024, 12, 1), rule) == Due(D(2025, 1, 10), VALD)
    stale = {**BOTH_ASKED, VALD: D(2020, 1, 10), AF: D(2022, 9, 5)}
    assert at(q2024, stale, D(2024, 3, 1), rule) == Due(D(2024, 9, 5), AF)


def test_no_due_date_without_a_deciding_date(q2024: Questionnaire) -> None:
    answers = {**BOTH_ASKED, VALD: D(2023, 1, 10)}
    plain = Equals(question="rutin_vald", equals="ja")
    assert at(q2024, answers, D(2024, 3, 1), plain) is None
    # Met through a part without a date: the date part does not decide it.
    assert at(q2024, answers, D(2024, 3, 1), AnyOf(any=[plain, within(VALD, 24)])) is None
    assert at(q2024, answers, D(2024, 3, 1), Not(not_=within(AF, 24))) is None


def test_no_due_date_for_a_rule_that_does_not_hold(q2024: Questionnaire) -> None:
    answers = {**BOTH_ASKED, VALD: D(2020, 1, 10)}
    assert at(q2024, answers, D(2024, 3, 1), within(VALD, 24)) is None
    assert at(q2024, {"rutin_vald": "ja"}, D(2024, 3, 1), within(VALD, 24)) is None  # unanswered


def test_a_reference_date_at_the_end_of_the_calendar_does_not_fail() -> None:
    assert last_reference_date(D(9999, 6, 1), 24) == D.max
