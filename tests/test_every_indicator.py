"""Every indicator of every survey year can be met and can be missed.

The answers are derived from each rule by a small solver written here, independently of
ojcli's own suggestions, so a rule that no answers could satisfy (or none could fail) shows up.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from ojcli.files.loading import list_questionnaires, load_questionnaire
from ojcli.model.answers import AnswerSet, Meta, check_answer_set
from ojcli.model.questionnaire import (
    DateQuestion,
    MultipleChoiceQuestion,
    NumberQuestion,
    Questionnaire,
    SingleChoiceQuestion,
    YesNoQuestion,
)
from ojcli.model.rules import (
    AllOf,
    Answered,
    AnyOf,
    Compare,
    Equals,
    IncludesAll,
    Not,
    OneOf,
    Rule,
    WithinMonths,
)
from ojcli.scoring import State, score, subtract_months

Answers = dict[str, Any]


class Conflict(Exception):
    """Two parts of a rule need different answers to the same question."""


def merge(*parts: Answers | None) -> Answers | None:
    out: Answers = {}
    for part in parts:
        if part is None:
            return None
        for key, value in part.items():
            if key in out and out[key] != value:
                raise Conflict(key)
            out[key] = value
    return out


def sample(q: Questionnaire, qid: str) -> Any:
    question = q.question(qid)
    if isinstance(question, YesNoQuestion | SingleChoiceQuestion):
        return question.options[0].value
    if isinstance(question, MultipleChoiceQuestion):
        return [question.options[0].value]
    if isinstance(question, NumberQuestion):
        return question.minimum
    if isinstance(question, DateQuestion):
        return q.reference_date
    return "text"


def solve(rule: Rule, want: bool, q: Questionnaire) -> Answers | None:
    """Answers that make `rule` evaluate to `want`, or None if this solver finds none."""
    ref = q.reference_date
    if isinstance(rule, Not):
        return solve(rule.not_, not want, q)
    if isinstance(rule, AllOf | AnyOf):
        parts = rule.all if isinstance(rule, AllOf) else rule.any
        if want == isinstance(rule, AllOf):  # all true / all false: every part
            return merge(*(solve(p, want, q) for p in parts))
        return next(
            (a for p in parts if (a := solve(p, want, q)) is not None), None
        )  # one part decides
    question = q.question(rule.question)
    qid = rule.question
    if isinstance(rule, Answered):
        return {qid: sample(q, qid)} if want == rule.answered else {}
    if isinstance(rule, Equals | OneOf):
        wanted = [rule.equals] if isinstance(rule, Equals) else list(rule.one_of)
        if want:
            return {qid: wanted[0]}
        if isinstance(question, NumberQuestion):
            return {qid: int(wanted[0]) + 1}
        others = [o.value for o in getattr(question, "options", []) if o.value not in wanted]
        return {qid: others[0]} if others else None
    if isinstance(rule, IncludesAll):
        return {qid: list(rule.includes_all)} if want else {qid: []}
    if isinstance(rule, Compare):
        v = rule.value
        candidates = [v - 1, v, v + 1]
        ops = {
            "<": v.__gt__,
            "<=": v.__ge__,
            ">": v.__lt__,
            ">=": v.__le__,
            "==": v.__eq__,
            "!=": v.__ne__,
        }
        fits = [c for c in candidates if ops[rule.compare](c) == want and c >= 0]
        return {qid: fits[0]} if fits else None
    assert isinstance(rule, WithinMonths)
    if want:
        return {qid: ref}
    return {qid: subtract_months(ref, rule.within_months + 1)}


def make_asked(answers: Answers, q: Questionnaire) -> Answers:
    """Add what the conditions need so that every answered question is actually asked."""
    result = dict(answers)
    for _ in range(len(q.questions)):
        extra: Answers = {}
        for qid in list(result):
            condition = q.question(qid).asked_if
            if condition is not None:
                extra = merge(extra, solve(condition, True, q)) or {}
        merged = merge(result, extra)
        assert merged is not None
        if merged == result:
            return result
        result = merged
    return result


def verdict_for(q: Questionnaire, indicator_id: str, answers: Answers) -> State:
    meta = Meta(
        format_version=1, questionnaire=q.id, municipality_code="2584", municipality_name="Kiruna"
    )
    # The solved answers must fit their questions: the check raises, naming any that does not.
    report = score(q, check_answer_set(AnswerSet(meta=meta, answers=answers), q))
    return next(v.state for v in report.verdicts if v.indicator.id == indicator_id)


CASES = [
    pytest.param(info.path, ind.id, id=f"{info.year}-{ind.id}")
    for info in list_questionnaires()
    for ind in load_questionnaire(info.path).indicators
]


@pytest.mark.parametrize(("path", "indicator_id"), CASES)
def test_indicator_can_be_met_and_missed(path: Any, indicator_id: str) -> None:
    q = load_questionnaire(path)
    indicator = next(i for i in q.indicators if i.id == indicator_id)
    applies = {} if indicator.applies_if is None else solve(indicator.applies_if, True, q)
    assert applies is not None, "the indicator can never apply"

    met = merge(applies, solve(indicator.rule, True, q))
    assert met is not None, "no answers meet the rule"
    assert verdict_for(q, indicator_id, make_asked(met, q)) is State.MET

    missed = merge(applies, solve(indicator.rule, False, q))
    assert missed is not None, "no answers miss the rule"
    assert verdict_for(q, indicator_id, make_asked(missed, q)) is State.NOT_MET


def test_every_year_from_2018_to_2024_is_bundled() -> None:
    assert [i.year for i in list_questionnaires()] == list(range(2018, 2025))


def test_date_rules_follow_each_years_own_definition() -> None:
    """A routine followed up 18 months before the reference date is too old in 2023 (12 months), current in 2024 (24)."""
    for year, expected in ((2023, State.NOT_MET), (2024, State.MET)):
        q = load_questionnaire(next(i.path for i in list_questionnaires() if i.year == year))
        ind = next(i for i in q.indicators if i.id == "rutin-vald")
        answers = make_asked(merge(solve(ind.rule, True, q), {}) or {}, q)
        dates = [k for k, v in answers.items() if isinstance(v, dt.date)]
        assert len(dates) == 1
        answers[dates[0]] = subtract_months(q.reference_date, 18)
        assert verdict_for(q, "rutin-vald", answers) is expected, year
