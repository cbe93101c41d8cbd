"""The fast path: only the state of each verdict, for comparing many files.

`judge` explains itself; comparing thousands of files needs only the state. `truth` and
`judge_state` give the values of `Evaluator.evaluate` and `judge` from the same operator
definitions (`Leaf.truth`, `combine`, `NEGATION` in `ojcli.model.operators`), without reasons
or suggested changes; tests/test_scoring_properties.py holds them to the evaluator for
generated rules of every operator and combinator.
"""

from __future__ import annotations

from functools import partial
from typing import cast

from ojcli.model.operators import FALSE, NEGATION, TRUE, UNKNOWN, combine
from ojcli.model.questionnaire import Indicator
from ojcli.model.rules import AllOf, AnyOf, Leaf, Not, Rule
from ojcli.scoring.evaluate import Evaluator
from ojcli.scoring.verdicts import State, Tri


def truth(ev: Evaluator, rule: Rule) -> Tri:
    """`ev.evaluate(rule).value`, without the reasons.

    Nodes are told apart by exact type, not by `match`: rule nodes are never subclassed, and
    pydantic's `isinstance` runs Python code (a third of the time here). `test_scoring_properties`
    holds this to `Evaluator.evaluate`, whose `match` is exhaustive.
    """
    if type(rule) is AllOf or type(rule) is AnyOf:
        # map over a partial: valued lazily, without a Python frame per part for a lambda
        return combine(rule.decisive, map(partial(truth, ev), rule.parts))
    if type(rule) is Not:
        return NEGATION[truth(ev, rule.not_)]
    leaf = cast(Leaf, rule)
    qid = leaf.question
    asked = ev._asked.get(qid)
    if asked is None:
        cond = ev.q.question(qid).asked_if
        asked = ev._asked[qid] = TRUE if cond is None else truth(ev, cond)
    if asked is FALSE:
        return FALSE
    value = ev.answers.get(qid)
    if value is None and ev.late and qid in ev.late:  # a date after today: not known yet
        return UNKNOWN
    return leaf.truth(value, ev.reference_date)


_STATE_OF = {TRUE: State.MET, FALSE: State.NOT_MET, UNKNOWN: State.INCOMPLETE}
_APPLIES = {TRUE: None, FALSE: State.NOT_APPLICABLE, UNKNOWN: State.INCOMPLETE}


def judge_state(ev: Evaluator, indicator: Indicator) -> State:
    """`judge(ev, indicator).state`, without reasons and changes."""
    if indicator.applies_if is not None:
        instead = _APPLIES[truth(ev, indicator.applies_if)]
        if instead is not None:
            return instead
    return _STATE_OF[truth(ev, indicator.rule)]
