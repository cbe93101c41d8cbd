"""The explaining evaluator: rules over answers to verdicts with Swedish reasons and suggested changes."""

from __future__ import annotations

import datetime as dt

from ojcli.model.answers import AnswerValue, CheckedAnswers
from ojcli.model.questionnaire import (
    DONT_KNOW,
    Indicator,
    Questionnaire,
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
    questions_of,
)
from ojcli.scoring.verdicts import (
    AnswerStatus,
    Change,
    Outcome,
    ScoreReport,
    State,
    Tri,
    Verdict,
    display_value,
    subtract_months,
)

_OP_WORDS = {
    "<": "mindre än",
    "<=": "högst",
    ">": "mer än",
    ">=": "minst",
    "==": "exakt",
    "!=": "annat än",
}


_OPS = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
}


class Evaluator:
    """Evaluates rules for one set of answers on one reference date."""

    def __init__(
        self,
        questionnaire: Questionnaire,
        answers: CheckedAnswers,
        reference_date: dt.date,
    ):
        self.q = questionnaire
        self.answers = answers.values_for(questionnaire)
        self.reference_date = reference_date
        self._asked: dict[str, Tri] = {}

    def is_asked(self, qid: str) -> Tri:
        """Whether a question is asked given the answers so far (unknown while its condition is)."""
        if qid not in self._asked:
            cond = self.q.question(qid).asked_if
            self._asked[qid] = Tri.TRUE if cond is None else self.evaluate(cond).value
        return self._asked[qid]

    def answer(self, qid: str) -> tuple[AnswerValue | None, AnswerStatus]:
        """A question's answer as it counts, or None and why there is none.

        A value kept in the file for a question that is not asked with these answers (a
        follow-up whose gating answer changed) is not an answer: every output shows the
        question as not asked, and the value returns if the gating answer is changed back.
        """
        if self.is_asked(qid) is Tri.FALSE:
            return None, AnswerStatus.NOT_ASKED
        value = self.answers.get(qid)
        return value, AnswerStatus.UNANSWERED if value is None else AnswerStatus.ANSWERED

    def _q(self, qid: str) -> str:
        return f"«{self.q.question(qid).name}»"

    def _v(self, qid: str, value: AnswerValue) -> str:
        return f"«{display_value(self.q.question(qid), value)}»"

    def evaluate(self, rule: Rule) -> Outcome:
        """The value of a rule and the reasons for it."""
        if isinstance(rule, AllOf):
            return _combine(
                [self.evaluate(r) for r in rule.all], decisive=Tri.FALSE, otherwise=Tri.TRUE
            )
        if isinstance(rule, AnyOf):
            return _combine(
                [self.evaluate(r) for r in rule.any], decisive=Tri.TRUE, otherwise=Tri.FALSE
            )
        if isinstance(rule, Not):
            inner = self.evaluate(rule.not_)
            flipped = {Tri.TRUE: Tri.FALSE, Tri.FALSE: Tri.TRUE, Tri.UNKNOWN: Tri.UNKNOWN}[
                inner.value
            ]
            if inner.value is Tri.TRUE:
                return Outcome(
                    flipped,
                    tuple(f"{r} Kriteriet kräver att detta inte gäller." for r in inner.reasons),
                )
            return Outcome(flipped, inner.reasons)
        return self._leaf(rule)

    def _leaf(
        self, rule: Equals | OneOf | IncludesAll | Compare | WithinMonths | Answered
    ) -> Outcome:
        qid = rule.question
        if self.is_asked(qid) is Tri.FALSE:
            return Outcome(
                Tri.FALSE, (f"{self._q(qid)} besvaras inte med de svar som getts.",), skipped=True
            )
        value = self.answers.get(qid)
        if isinstance(rule, Answered):
            has = value is not None
            ok = has == rule.answered
            word = "är besvarad" if has else "är inte besvarad"
            return Outcome(Tri.TRUE if ok else Tri.FALSE, (f"{self._q(qid)} {word}.",))
        if value is None:
            return Outcome(Tri.UNKNOWN, (f"{self._q(qid)} är inte besvarad.",))
        if isinstance(rule, Equals | OneOf):
            wanted = [rule.equals] if isinstance(rule, Equals) else list(rule.one_of)
            ok = value in wanted
            said = f"{self._q(qid)} är besvarad med {self._v(qid, value)}"
            if ok:
                return Outcome(Tri.TRUE, (f"{said}.",))
            need = " eller ".join(self._v(qid, w) for w in wanted)
            extra = " («Vet ej» räknas som ej uppfyllt.)" if value == DONT_KNOW else ""
            return Outcome(Tri.FALSE, (f"{said}; kriteriet kräver {need}.{extra}",))
        if isinstance(rule, IncludesAll):
            chosen = value if isinstance(value, list) else []
            missing = [v for v in rule.includes_all if v not in chosen]
            if not missing:
                return Outcome(
                    Tri.TRUE, (f"{self._q(qid)} omfattar {self._v(qid, list(rule.includes_all))}.",)
                )
            return Outcome(
                Tri.FALSE,
                (
                    f"{self._q(qid)} saknar {self._v(qid, missing)}; kriteriet kräver att alla dessa ingår: {self._v(qid, list(rule.includes_all))}.",
                ),
            )
        if isinstance(rule, Compare):
            number = value if isinstance(value, int) else 0
            ok = _OPS[rule.compare](number, rule.value)
            said = f"{self._q(qid)} är {self._v(qid, number)}"
            if ok:
                return Outcome(Tri.TRUE, (f"{said}.",))
            return Outcome(
                Tri.FALSE,
                (
                    f"{said}; kriteriet kräver {_OP_WORDS[rule.compare]} {self._v(qid, rule.value)}.",
                ),
            )
        return self._within(rule, value)

    def _within(self, rule: WithinMonths, value: AnswerValue) -> Outcome:
        qid, ref = rule.question, self.reference_date
        assert isinstance(value, dt.date)  # guaranteed by answer validation
        earliest = subtract_months(ref, rule.within_months)
        said = f"{self._q(qid)} är {value.isoformat()}"
        if value > ref:
            return Outcome(
                Tri.FALSE,
                (
                    f"{said}, efter mätdatum {ref.isoformat()}; bara det som skett före mätdatum räknas.",
                ),
            )
        if value < earliest:
            return Outcome(
                Tri.FALSE,
                (
                    f"{said}, mer än {rule.within_months} månader före mätdatum {ref.isoformat()} "
                    f"(tidigaste godtagbara datum är {earliest.isoformat()}).",
                ),
            )
        return Outcome(
            Tri.TRUE,
            (f"{said}, inom {rule.within_months} månader före mätdatum {ref.isoformat()}.",),
        )

    # --- what would meet a rule ---------------------------------------------------------

    def changes(self, rule: Rule) -> list[Change] | None:
        """The fewest answer changes that make the rule true; None if none can be derived."""
        if isinstance(rule, AllOf):
            parts = [self.changes(r) for r in rule.all]
            if any(p is None for p in parts):
                return None
            return _dedupe([c for p in parts if p for c in p])
        if isinstance(rule, AnyOf):
            options = [p for p in (self.changes(r) for r in rule.any) if p is not None]
            return min(options, key=len) if options else None
        if isinstance(rule, Not):
            return [] if self.evaluate(rule).value is Tri.TRUE else None
        outcome = self._leaf(rule)
        if outcome.value is Tri.TRUE and not outcome.skipped:
            return []
        change = self._leaf_change(rule)
        if self.is_asked(rule.question) is Tri.TRUE:
            return [change]
        # The question is not asked with these answers (or not known to be): an answer to it
        # counts only once its condition holds, so first change what the condition reads.
        condition = self.q.question(rule.question).asked_if
        before = [] if condition is None else self.changes(condition)
        return None if before is None else _dedupe([*before, change])

    def _leaf_change(
        self, rule: Equals | OneOf | IncludesAll | Compare | WithinMonths | Answered
    ) -> Change:
        qid = rule.question
        current = self.answers.get(qid)
        now = (
            f" (nu {self._v(qid, current)})"
            if current is not None and self.is_asked(qid) is not Tri.FALSE
            else ""
        )
        if isinstance(rule, Equals):
            return Change(qid, f"{self._q(qid)}: {self._v(qid, rule.equals)}{now}", rule.equals)
        if isinstance(rule, OneOf):
            need = " eller ".join(self._v(qid, w) for w in rule.one_of)
            return Change(qid, f"{self._q(qid)}: {need}{now}", rule.one_of[0])
        if isinstance(rule, IncludesAll):
            have = current if isinstance(current, list) else []
            missing = [v for v in rule.includes_all if v not in have]
            return Change(
                qid, f"{self._q(qid)}: lägg till {self._v(qid, missing)}{now}", [*have, *missing]
            )
        if isinstance(rule, Compare):
            target = {"<": rule.value - 1, ">": rule.value + 1, "!=": rule.value + 1}.get(
                rule.compare, rule.value
            )
            return Change(
                qid,
                f"{self._q(qid)}: {_OP_WORDS[rule.compare]} {self._v(qid, rule.value)}{now}",
                target,
            )
        if isinstance(rule, WithinMonths):
            ref = self.reference_date
            earliest = subtract_months(ref, rule.within_months)
            text = (
                f"{self._q(qid)}: ett datum från {earliest.isoformat()} till mätdatum {ref.isoformat()} "
                f"– besluta eller följ upp före {ref.isoformat()}{now}"
            )
            return Change(qid, text, ref)
        return Change(
            qid,
            f"{self._q(qid)}: {'besvara frågan' if rule.answered else 'lämna frågan obesvarad'}",
        )


def _combine(parts: list[Outcome], decisive: Tri, otherwise: Tri) -> Outcome:
    """All (decisive FALSE) or any (decisive TRUE): pick the parts that explain the result."""
    hits = [p for p in parts if p.value is decisive]
    if hits:
        real = [p for p in hits if not p.skipped] or hits
        return Outcome(decisive, _reasons(real), skipped=all(p.skipped for p in hits))
    unknown = [p for p in parts if p.value is Tri.UNKNOWN]
    if unknown:
        return Outcome(Tri.UNKNOWN, _reasons(unknown))
    real = [p for p in parts if not p.skipped] or parts
    return Outcome(otherwise, _reasons(real), skipped=all(p.skipped for p in parts))


def _reasons(parts: list[Outcome]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(r for p in parts for r in p.reasons))


def _dedupe(changes: list[Change]) -> list[Change]:
    seen: dict[str, Change] = {}
    for c in changes:
        seen.setdefault(c.question, c)
    return list(seen.values())


def score(
    questionnaire: Questionnaire, answers: CheckedAnswers, reference_date: dt.date | None = None
) -> ScoreReport:
    """Judge every indicator of the questionnaire for these answers."""
    ref = reference_date or questionnaire.reference_date
    ev = Evaluator(questionnaire, answers, ref)
    verdicts = tuple(judge(ev, ind) for ind in questionnaire.indicators)
    return ScoreReport(questionnaire, answers, ref, verdicts)


def judge(ev: Evaluator, indicator: Indicator) -> Verdict:
    """One indicator's verdict."""
    used = questions_of(indicator.rule)
    if indicator.applies_if is not None:
        used = list(dict.fromkeys([*questions_of(indicator.applies_if), *used]))
    share = indicator.share_for(ev.q.year)

    def verdict(
        state: State, reasons: tuple[str, ...], changes: tuple[Change, ...] = ()
    ) -> Verdict:
        return Verdict(indicator, state, reasons, tuple(used), share, changes)

    if indicator.applies_if is not None:
        applies = ev.evaluate(indicator.applies_if)
        if applies.value is Tri.FALSE:
            return verdict(State.NOT_APPLICABLE, applies.reasons)
        if applies.value is Tri.UNKNOWN:
            # Whether the indicator applies is a fact to report, not an answer to change: ask
            # for it, then say what would meet the indicator if it does apply.
            unanswered = [
                Change(qid, f"{ev._q(qid)}: besvara frågan (avgör om indikatorn gäller)")
                for qid in questions_of(indicator.applies_if)
                if qid not in ev.answers and ev.is_asked(qid) is not Tri.FALSE
            ]
            then = ev.changes(indicator.rule) or []
            return verdict(State.INCOMPLETE, applies.reasons, tuple(_dedupe([*unanswered, *then])))
    outcome = ev.evaluate(indicator.rule)
    if outcome.value is Tri.TRUE:
        return verdict(State.MET, outcome.reasons)
    changes = tuple(ev.changes(indicator.rule) or ())
    state = State.NOT_MET if outcome.value is Tri.FALSE else State.INCOMPLETE
    return verdict(state, outcome.reasons, changes)
