"""What changed between two survey years, and how last year's answers carry into this year's."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from ojcli.model.answers import (
    AnswerSet,
    AnswerValue,
    CheckedAnswers,
    Meta,
    check_answer_set,
    value_problem,
)
from ojcli.model.questionnaire import Indicator, Question, Questionnaire
from ojcli.model.rules import Leaf, Rule, WithinMonths, walk
from ojcli.report.wording import not_accepted_in, too_old_for
from ojcli.scoring import Evaluator, Tri, describe, subtract_months


@dataclass(frozen=True)
class IndicatorChange:
    """An indicator present in both years whose definition differs."""

    id: str
    title: str
    before: str
    after: str
    what: tuple[str, ...]


@dataclass(frozen=True)
class QuestionnaireDiff:
    """Indicators and questions added, removed or changed from one year to the next."""

    old: Questionnaire
    new: Questionnaire
    added: list[Indicator]
    removed: list[Indicator]
    changed: list[IndicatorChange]
    unchanged: list[Indicator]
    questions_added: list[Question]
    questions_removed: list[Question]
    questions_changed: list[Question]

    @property
    def empty(self) -> bool:
        """True when nothing about the indicators or questions differs."""
        return not (
            self.added
            or self.removed
            or self.changed
            or self.questions_added
            or self.questions_removed
            or self.questions_changed
        )


def _criterion(ind: Indicator, q: Questionnaire) -> str:
    text = describe(ind.rule, q)
    return (
        text if ind.applies_if is None else f"{text}; gäller bara om {describe(ind.applies_if, q)}"
    )


def same_question(a: Question, b: Question) -> bool:
    """Whether an answer to `a` means the same as an answer to `b` (text, type, alternatives, bounds)."""
    keep = {"id", "type", "text", "options", "minimum", "maximum", "unit", "allow_dont_know"}
    return a.model_dump(include=keep) == b.model_dump(include=keep)


def diff(old: Questionnaire, new: Questionnaire) -> QuestionnaireDiff:
    """Compare two questionnaires, matching indicators and questions by id."""
    old_ind = {i.id: i for i in old.indicators}
    new_ind = {i.id: i for i in new.indicators}
    changed, unchanged = [], []
    for ind in new.indicators:
        before = old_ind.get(ind.id)
        if before is None:
            continue
        what = []
        crit_before, crit_after = _criterion(before, old), _criterion(ind, new)
        if crit_before != crit_after:
            what.append("kriteriet")
        if before.title != ind.title:
            what.append("rubriken")
        if before.assumed != ind.assumed:
            what.append("antagandena")
        if what:
            changed.append(IndicatorChange(ind.id, ind.title, crit_before, crit_after, tuple(what)))
        else:
            unchanged.append(ind)
    old_q = {x.id: x for x in old.questions}
    new_q = {x.id: x for x in new.questions}
    return QuestionnaireDiff(
        old=old,
        new=new,
        added=[i for i in new.indicators if i.id not in old_ind],
        removed=[i for i in old.indicators if i.id not in new_ind],
        changed=changed,
        unchanged=unchanged,
        questions_added=[x for x in new.questions if x.id not in old_q],
        questions_removed=[x for x in old.questions if x.id not in new_q],
        questions_changed=[
            x for x in new.questions if x.id in old_q and not same_question(old_q[x.id], x)
        ],
    )


@dataclass
class CarryOver:
    """Last year's answers, sorted into what carries over as is and what is asked again."""

    answers: AnswerSet
    defaults: dict[str, AnswerValue] = field(default_factory=dict)
    carried: list[str] = field(default_factory=list)
    to_confirm: list[str] = field(default_factory=list)
    # Per question: the carried (or default) answer and why this year's rules do not accept it.
    rejected: dict[str, tuple[AnswerValue, str]] = field(default_factory=dict)


def carry_over(previous: CheckedAnswers, old: Questionnaire, new: Questionnaire) -> CarryOver:
    """Start this year's answers from last year's.

    An answer to an unchanged question carries over as it is; dates keep their value, so a
    routine followed up two years ago is judged by this year's rule. An answer to a changed
    question is not taken as given: it becomes the default when the question is asked again.
    """
    old_q = {x.id: x for x in old.questions}
    meta = Meta(
        format_version=previous.meta.format_version,
        questionnaire=new.id,
        municipality_code=previous.meta.municipality_code,
        municipality_name=previous.meta.municipality_name,
        unit=previous.meta.unit,
        respondent=previous.meta.respondent,
    )
    result = CarryOver(AnswerSet(meta=meta))
    for question in new.questions:
        before = old_q.get(question.id)
        value = previous.answers.get(question.id)
        if before is None or value is None or value_problem(question, value) is not None:
            continue
        if same_question(before, question):
            result.answers.answers[question.id] = value
            result.carried.append(question.id)
        else:
            result.defaults[question.id] = value
            result.to_confirm.append(question.id)
        if question.id in previous.comments:
            result.answers.comments[question.id] = previous.comments[question.id]
    values = {**result.answers.answers, **result.defaults}
    result.rejected = {
        qid: (values[qid], why)
        for qid, why in no_longer_accepted(previous, old, new, values).items()
    }
    return result


def no_longer_accepted(
    previous: CheckedAnswers,
    old: Questionnaire,
    new: Questionnaire,
    values: Mapping[str, AnswerValue],
) -> dict[str, str]:
    """Answers carried into `new` that its indicators' rules do not accept, and why (Swedish).

    A date is checked against the new reference date whatever last year said: time alone
    makes it too old. Any other answer is named only when last year's rule for the same
    indicator accepted it and this year's does not (a changed criterion); an answer that was
    not enough last year either is no news.
    """
    carried = AnswerSet(
        meta=previous.meta.model_copy(update={"questionnaire": new.id}), answers=dict(values)
    )
    now = Evaluator(new, check_answer_set(carried, new), new.reference_date)
    before = Evaluator(old, previous, old.reference_date)
    old_rules = {ind.id: ind.rule for ind in old.indicators}
    marks: dict[str, str] = {}
    for ind in new.indicators:
        for _, node in walk(ind.rule):
            if not isinstance(node, Leaf) or node.question not in values or node.question in marks:
                continue
            outcome = now.evaluate(node)
            if outcome.value is not Tri.FALSE or outcome.skipped:
                continue
            value = values[node.question]
            if isinstance(node, WithinMonths) and isinstance(value, dt.date):
                earliest = subtract_months(new.reference_date, node.within_months)
                marks[node.question] = (
                    too_old_for(new.year, new.reference_date, earliest)
                    if value < earliest
                    else not_accepted_in(new.year, outcome.reasons[0])
                )
            elif _accepted(before, old_rules.get(ind.id), node.question):
                marks[node.question] = not_accepted_in(new.year, outcome.reasons[0])
    return marks


def _accepted(ev: Evaluator, rule: Rule | None, qid: str) -> bool:
    """Whether some test of question `qid` in last year's `rule` held for last year's answers."""
    if rule is None:
        return False
    return any(
        isinstance(node, Leaf) and node.question == qid and ev.evaluate(node).value is Tri.TRUE
        for _, node in walk(rule)
    )
