"""What changed between two survey years, and how last year's answers carry into this year's."""

from __future__ import annotations

from dataclasses import dataclass, field

from ojcli.model.answers import AnswerSet, AnswerValue, Meta, value_problem
from ojcli.model.questionnaire import Indicator, Question, Questionnaire
from ojcli.scoring import describe


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


def carry_over(previous: AnswerSet, old: Questionnaire, new: Questionnaire) -> CarryOver:
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
    return result
