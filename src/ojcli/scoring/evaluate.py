"""The explaining evaluator: rules over answers to verdicts with Swedish reasons and suggested changes.

What each leaf operator means (when it holds, its reason, the change that meets it) is defined
once, on its node in `ojcli.model.operators`; this walks rule trees, deals with questions that
are not asked, and picks the reasons that explain an `all` or an `any`.
"""

from __future__ import annotations

import datetime as dt
from typing import assert_never

from ojcli.model import dates
from ojcli.model.answers import AnswerValue, CheckedAnswers
from ojcli.model.operators import FALSE, NEGATION, TRUE, UNKNOWN, combine
from ojcli.model.questionnaire import Indicator, Questionnaire
from ojcli.model.rules import AllOf, AnyOf, Leaf, Not, Rule, questions_of
from ojcli.scoring.verdicts import (
    AnswerStatus,
    Change,
    Outcome,
    ScoreReport,
    State,
    Tri,
    Verdict,
    display_value,
)


class Evaluator:
    """Evaluates rules for one set of answers on one reference date, on one day (`today`).

    A date answer after today cannot have happened: whatever a rule says of it is unknown
    until then, so it never counts towards a verdict. `answers` holds the answers that count,
    without it; `late` names it with why (the fast path reads it too); `given` holds every
    answer as the file has it, for showing.

    It is also the `Words` (`ojcli.model.operators`) the operators' reasons and suggestions
    name questions and answers with.
    """

    def __init__(
        self,
        questionnaire: Questionnaire,
        answers: CheckedAnswers,
        reference_date: dt.date,
        today: dt.date | None = None,
    ):
        self.q = questionnaire
        self.given = given = answers.values_for(questionnaire)
        self.today = today or dates.today()
        self.late = late = dates.dates_after_today(given, self.today)
        self.answers = {k: v for k, v in given.items() if k not in late} if late else given
        self.reference_date = reference_date
        self._asked: dict[str, Tri] = {}

    def is_asked(self, qid: str) -> Tri:
        """Whether a question is asked given the answers so far (unknown while its condition is)."""
        if qid not in self._asked:
            cond = self.q.question(qid).asked_if
            self._asked[qid] = TRUE if cond is None else self.evaluate(cond).value
        return self._asked[qid]

    def answer(self, qid: str) -> tuple[AnswerValue | None, AnswerStatus]:
        """A question's answer as it counts, or None and why there is none.

        A value kept in the file for a question that is not asked with these answers (a
        follow-up whose gating answer changed) is not an answer: every output shows the
        question as not asked, and the value returns if the gating answer is changed back.
        """
        if self.is_asked(qid) is FALSE:
            return None, AnswerStatus.NOT_ASKED
        value = self.given.get(qid)  # a date after today is shown, marked (see `late`)
        return value, AnswerStatus.UNANSWERED if value is None else AnswerStatus.ANSWERED

    def late_reason(self, qid: str) -> str:
        """Why a date answer after today does not count, naming the question."""
        return f"{self.name(qid)} är {self.given[qid]}, {dates.late_note(self.today)}."

    def name(self, qid: str) -> str:
        """The question's short name in «quotes»."""
        return f"«{self.q.question(qid).name}»"

    def show(self, qid: str, value: AnswerValue) -> str:
        """An answer to the question as people read it, in «quotes»."""
        return f"«{display_value(self.q.question(qid), value)}»"

    def top_level(self, qid: str) -> str | None:
        """The highest level of a question asked in the survey's levels; else None."""
        return self.q.question(qid).top_level

    def evaluate(self, rule: Rule) -> Outcome:
        """The value of a rule and the reasons for it."""
        match rule:
            case Leaf():
                return self._leaf(rule)
            case AllOf(all=parts) | AnyOf(any=parts):
                return _combine(rule.decisive, [self.evaluate(r) for r in parts])
            case Not(not_=part):
                inner = self.evaluate(part)
                reasons = inner.reasons
                if inner.value is TRUE:
                    reasons = tuple(f"{r} Kriteriet kräver att detta inte gäller." for r in reasons)
                return Outcome(NEGATION[inner.value], reasons)
            case _:
                assert_never(rule)

    def _leaf(self, rule: Leaf) -> Outcome:
        qid = rule.question
        if self.is_asked(qid) is FALSE:
            return Outcome(
                FALSE, (f"{self.name(qid)} besvaras inte med de svar som getts.",), skipped=True
            )
        if qid in self.late:
            return Outcome(UNKNOWN, (self.late_reason(qid),))
        value = self.answers.get(qid)
        truth = rule.truth(value, self.reference_date)
        return Outcome(truth, (rule.reason(value, truth, self),))

    # --- what would meet a rule ---------------------------------------------------------

    def changes(self, rule: Rule) -> list[Change] | None:
        """The fewest answer changes that make the rule true; None if none can be derived."""
        match rule:
            case Leaf():
                return self._leaf_changes(rule)
            case AllOf(all=parts):
                each = [self.changes(r) for r in parts]
                if any(p is None for p in each):
                    return None
                return _dedupe([c for p in each if p for c in p])
            case AnyOf(any=parts):
                options = [p for p in (self.changes(r) for r in parts) if p is not None]
                return min(options, key=len) if options else None
            case Not():
                return [] if self.evaluate(rule).value is TRUE else None
            case _:
                assert_never(rule)

    def _leaf_changes(self, rule: Leaf) -> list[Change] | None:
        outcome = self._leaf(rule)
        if outcome.value is TRUE and not outcome.skipped:
            return []
        qid = rule.question
        current = self.given.get(qid)
        asked = self.is_asked(qid)
        now = (
            f" (nu {self.show(qid, current)})" if current is not None and asked is not FALSE else ""
        )
        change = Change(qid, *rule.change(current, now, self))
        if asked is TRUE:
            return [change]
        # The question is not asked with these answers (or not known to be): an answer to it
        # counts only once its condition holds, so first change what the condition reads.
        condition = self.q.question(qid).asked_if
        before = [] if condition is None else self.changes(condition)
        return None if before is None else _dedupe([*before, change])


def _combine(decisive: Tri, parts: list[Outcome]) -> Outcome:
    """All (decisive FALSE) or any (decisive TRUE): pick the parts that explain the result."""
    value = combine(decisive, [p.value for p in parts])
    if value is decisive:
        hits = [p for p in parts if p.value is decisive]
        real = [p for p in hits if not p.skipped] or hits
        return Outcome(value, _reasons(real), skipped=all(p.skipped for p in hits))
    if value is UNKNOWN:
        return Outcome(value, _reasons([p for p in parts if p.value is UNKNOWN]))
    real = [p for p in parts if not p.skipped] or parts
    return Outcome(value, _reasons(real), skipped=all(p.skipped for p in parts))


def _reasons(parts: list[Outcome]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(r for p in parts for r in p.reasons))


def _dedupe(changes: list[Change]) -> list[Change]:
    seen: dict[str, Change] = {}
    for c in changes:
        seen.setdefault(c.question, c)
    return list(seen.values())


def score(
    questionnaire: Questionnaire,
    answers: CheckedAnswers,
    reference_date: dt.date | None = None,
    today: dt.date | None = None,
) -> ScoreReport:
    """Judge every indicator of the questionnaire for these answers (today: `dates.today()`)."""
    ref = reference_date or questionnaire.reference_date
    ev = Evaluator(questionnaire, answers, ref, today)
    verdicts = tuple(judge(ev, ind) for ind in questionnaire.indicators)
    return ScoreReport(questionnaire, answers, ref, verdicts, ev.today)


def judge(ev: Evaluator, indicator: Indicator) -> Verdict:
    """One indicator's verdict."""
    used = questions_of(indicator.rule)
    if indicator.applies_if is not None:
        used = list(dict.fromkeys([*questions_of(indicator.applies_if), *used]))
    share = indicator.latest_share(ev.q.year)  # another year's, the latest known, if none this year

    def verdict(
        state: State, reasons: tuple[str, ...], changes: tuple[Change, ...] = ()
    ) -> Verdict:
        return Verdict(indicator, state, reasons, tuple(used), share, changes)

    if indicator.applies_if is not None:
        applies = ev.evaluate(indicator.applies_if)
        if applies.value is FALSE:
            return verdict(State.NOT_APPLICABLE, applies.reasons)
        if applies.value is UNKNOWN:
            # Whether the indicator applies is a fact to report, not an answer to change: ask
            # for it, then say what would meet the indicator if it does apply.
            unanswered = [
                Change(qid, f"{ev.name(qid)}: besvara frågan (avgör om indikatorn gäller)")
                for qid in questions_of(indicator.applies_if)
                if qid not in ev.answers and ev.is_asked(qid) is not FALSE
            ]
            then = ev.changes(indicator.rule) or []
            return verdict(State.INCOMPLETE, applies.reasons, tuple(_dedupe([*unanswered, *then])))
    outcome = ev.evaluate(indicator.rule)
    if outcome.value is TRUE:
        return verdict(State.MET, outcome.reasons)
    changes = tuple(ev.changes(indicator.rule) or ())
    state = State.NOT_MET if outcome.value is FALSE else State.INCOMPLETE
    return verdict(state, outcome.reasons, changes)
