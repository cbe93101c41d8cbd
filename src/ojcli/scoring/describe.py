"""A rule described in Swedish, for `questionnaires show` and `diff`."""

from __future__ import annotations

from ojcli.model.answers import AnswerValue
from ojcli.model.questionnaire import (
    Questionnaire,
)
from ojcli.model.rules import (
    AllOf,
    AnyOf,
    Compare,
    Equals,
    IncludesAll,
    Not,
    OneOf,
    Rule,
    WithinMonths,
)
from ojcli.scoring.evaluate import _OP_WORDS
from ojcli.scoring.verdicts import display_value


def describe(rule: Rule, q: Questionnaire) -> str:
    """A rule in plain Swedish, for people reviewing the logic on paper."""

    def name(qid: str) -> str:
        return f"«{q.question(qid).name}»" if qid in {x.id for x in q.questions} else f"«{qid}»"

    def val(qid: str, v: AnswerValue) -> str:
        return f"«{display_value(q.question(qid), v)}»"

    if isinstance(rule, AllOf):
        return (
            "(" + " och ".join(describe(r, q) for r in rule.all) + ")"
            if len(rule.all) > 1
            else describe(rule.all[0], q)
        )
    if isinstance(rule, AnyOf):
        return (
            "(" + " eller ".join(describe(r, q) for r in rule.any) + ")"
            if len(rule.any) > 1
            else describe(rule.any[0], q)
        )
    if isinstance(rule, Not):
        return f"inte {describe(rule.not_, q)}"
    if isinstance(rule, Equals):
        return f"{name(rule.question)} = {val(rule.question, rule.equals)}"
    if isinstance(rule, OneOf):
        return f"{name(rule.question)} är " + " eller ".join(
            val(rule.question, v) for v in rule.one_of
        )
    if isinstance(rule, IncludesAll):
        return f"{name(rule.question)} omfattar {val(rule.question, list(rule.includes_all))}"
    if isinstance(rule, Compare):
        return f"{name(rule.question)} {_OP_WORDS[rule.compare]} {val(rule.question, rule.value)}"
    if isinstance(rule, WithinMonths):
        return f"{name(rule.question)} inom {rule.within_months} månader före mätdatum"
    return f"{name(rule.question)} {'är besvarad' if rule.answered else 'är obesvarad'}"
