"""Verdict types and value display: states, outcomes, changes, verdicts and the score report."""

import datetime as dt
from enum import StrEnum
from typing import NamedTuple

from ojcli.model.answers import AnswerValue, CheckedAnswers
from ojcli.model.operators import Tri as Tri  # re-exported: callers score with these
from ojcli.model.operators import subtract_months as subtract_months
from ojcli.model.questionnaire import (
    Indicator,
    MultipleChoiceQuestion,
    NationalShare,
    NumberQuestion,
    Question,
    Questionnaire,
    SingleChoiceQuestion,
    YesNoQuestion,
)

__all__ = [
    "STATE_WORDS",
    "AnswerStatus",
    "Change",
    "Outcome",
    "ScoreReport",
    "State",
    "Tri",
    "Verdict",
    "display_value",
    "subtract_months",
]


class State(StrEnum):
    """The verdict on one indicator."""

    MET = "met"
    NOT_MET = "not_met"
    NOT_APPLICABLE = "not_applicable"
    INCOMPLETE = "incomplete"


STATE_WORDS = {
    State.MET: "Uppfylld",
    State.NOT_MET: "Ej uppfylld",
    State.NOT_APPLICABLE: "Ej tillämplig",
    State.INCOMPLETE: "Ofullständig",
}


class AnswerStatus(StrEnum):
    """Whether a question has an answer, lacks one, or is not asked with these answers."""

    ANSWERED = "answered"
    UNANSWERED = "unanswered"
    NOT_ASKED = "not_asked"


class Outcome:
    """The value of a rule node and the plain-Swedish reasons for it.

    `skipped`: false only because the question is not asked with these answers. A plain class,
    not a NamedTuple: defining one costs `ojcli score` start-up time at every run.
    """

    __slots__ = ("reasons", "skipped", "value")

    def __init__(self, value: Tri, reasons: tuple[str, ...], skipped: bool = False):
        self.value = value
        self.reasons = reasons
        self.skipped = skipped

    def __repr__(self) -> str:
        return f"Outcome({self.value!r}, {self.reasons!r}, skipped={self.skipped!r})"


class Change(NamedTuple):
    """One answer to give or change so that an indicator would be met."""

    question: str
    text: str
    value: AnswerValue | None = None  # None: answer the question, whatever the answer


class Verdict(NamedTuple):
    """One indicator judged: state, why, what it read, and what would meet it."""

    indicator: Indicator
    state: State
    reasons: tuple[str, ...]
    questions: tuple[str, ...]
    share: NationalShare | None  # this year's, else the latest known before it (with its year)
    changes: tuple[Change, ...] = ()


class ScoreReport(NamedTuple):
    """All verdicts for one answers file against one questionnaire."""

    questionnaire: Questionnaire
    answers: CheckedAnswers
    reference_date: dt.date
    verdicts: tuple[Verdict, ...]
    today: dt.date  # the day scored on: a date answer after it does not count

    @property
    def counts(self) -> dict[State, int]:
        """How many verdicts there are of each state."""
        counts = dict.fromkeys(State, 0)
        for v in self.verdicts:
            counts[v.state] += 1
        return counts

    @property
    def summary(self) -> str:
        """E.g. "7 av 11 indikatorer uppfyllda (2 ej uppfyllda, 2 ofullständiga)"."""
        c = self.counts
        applicable = len(self.verdicts) - c[State.NOT_APPLICABLE]
        rest = [
            _count(c[State.NOT_MET], "ej uppfylld", "ej uppfyllda"),
            _count(c[State.INCOMPLETE], "ofullständig", "ofullständiga"),
            _count(c[State.NOT_APPLICABLE], "ej tillämplig", "ej tillämpliga"),
        ]
        tail = ", ".join(r for r in rest if r)
        head = f"{c[State.MET]} av {applicable} {'indikator' if applicable == 1 else 'indikatorer'} uppfyllda"
        return head + (f" ({tail})" if tail else "")

    def by_theme(self) -> list[tuple[str, list[Verdict]]]:
        """Verdicts grouped by theme title, in the questionnaire's theme order."""
        groups = [
            (t.title, [v for v in self.verdicts if v.indicator.theme == t.id])
            for t in self.questionnaire.themes
        ]
        return [(title, vs) for title, vs in groups if vs]


def _count(n: int, one: str, many: str) -> str:
    return "" if n == 0 else f"{n} {one if n == 1 else many}"


def display_value(question: Question, value: AnswerValue) -> str:
    """An answer as a person reads it: option labels, numbers with unit, ISO dates."""
    if isinstance(question, YesNoQuestion | SingleChoiceQuestion | MultipleChoiceQuestion):
        labels = {o.value: o.label for o in question.options}
        if isinstance(value, list):
            return ", ".join(labels.get(v, v) for v in value) if value else "inget av alternativen"
        return labels.get(str(value), str(value))
    if isinstance(question, NumberQuestion) and isinstance(value, int):
        return question.amount(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
