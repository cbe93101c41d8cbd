"""A rule described in Swedish, for `questionnaires show` and `diff`.

Each leaf operator says how it reads (`Leaf.describe` in `ojcli.model.operators`); this joins
them with the combinators' words.
"""

from __future__ import annotations

from typing import assert_never

from ojcli.model.answers import AnswerValue
from ojcli.model.questionnaire import Questionnaire
from ojcli.model.rules import AllOf, AnyOf, Leaf, Not, Rule
from ojcli.scoring.verdicts import display_value


class _Paper:
    """The `Words` of a rule described on paper: question names, and values as people read them."""

    def __init__(self, q: Questionnaire):
        self.q = q
        self.reference_date = q.reference_date
        self._known = {x.id for x in q.questions}

    def name(self, qid: str) -> str:
        return f"«{self.q.question(qid).name}»" if qid in self._known else f"«{qid}»"

    def show(self, qid: str, value: AnswerValue) -> str:
        return f"«{display_value(self.q.question(qid), value)}»"

    def top_level(self, qid: str) -> str | None:
        return self.q.question(qid).top_level if qid in self._known else None


def describe(rule: Rule, q: Questionnaire) -> str:
    """A rule in plain Swedish, for people reviewing the logic on paper."""
    return _describe(rule, _Paper(q))


def _describe(rule: Rule, words: _Paper) -> str:
    match rule:
        case Leaf():
            return rule.describe(words)
        case AllOf(all=parts) | AnyOf(any=parts):
            said = [_describe(r, words) for r in parts]
            return "(" + rule.joiner.join(said) + ")" if len(said) > 1 else said[0]
        case Not(not_=part):
            return f"inte {_describe(part, words)}"
        case _:
            assert_never(rule)
