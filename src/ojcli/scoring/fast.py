"""The fast path: only the state of each verdict, for comparing many files; held to the evaluator by property tests."""

from __future__ import annotations

import datetime as dt
from typing import cast

from ojcli.model.questionnaire import (
    Indicator,
)
from ojcli.model.rules import (
    AllOf,
    Answered,
    AnyOf,
    Compare,
    Equals,
    IncludesAll,
    Leaf,
    Not,
    OneOf,
    Rule,
    WithinMonths,
)
from ojcli.scoring.evaluate import _OPS, Evaluator
from ojcli.scoring.verdicts import _FALSE, _TRUE, _UNKNOWN, State, Tri, subtract_months

_FLIP = {_TRUE: _FALSE, _FALSE: _TRUE, _UNKNOWN: _UNKNOWN}


def truth(ev: Evaluator, rule: Rule) -> Tri:
    """`ev.evaluate(rule).value`, without the reasons."""
    if type(rule) is AllOf:
        return _all_or_any(ev, rule.all, _FALSE, _TRUE)
    if type(rule) is AnyOf:
        return _all_or_any(ev, rule.any, _TRUE, _FALSE)
    if type(rule) is Not:
        return _FLIP[truth(ev, rule.not_)]
    leaf = cast(Leaf, rule)
    qid = leaf.question
    asked = ev._asked.get(qid)
    if asked is None:
        cond = ev.q.question(qid).asked_if
        asked = ev._asked[qid] = _TRUE if cond is None else truth(ev, cond)
    if asked is _FALSE:
        return _FALSE
    value = ev.answers.get(qid)
    if type(leaf) is Answered:
        return _TRUE if (value is not None) == leaf.answered else _FALSE
    if value is None:
        return _UNKNOWN
    if type(leaf) is Equals:
        ok = value == leaf.equals
    elif type(leaf) is OneOf:
        ok = value in leaf.one_of
    elif type(leaf) is IncludesAll:
        chosen = value if isinstance(value, list) else []
        ok = all(v in chosen for v in leaf.includes_all)
    elif type(leaf) is Compare:
        ok = _OPS[leaf.compare](value if isinstance(value, int) else 0, leaf.value)
    elif type(leaf) is WithinMonths:
        assert isinstance(value, dt.date)  # guaranteed by answer validation
        ref = ev.reference_date
        ok = subtract_months(ref, leaf.within_months) <= value <= ref
    else:
        raise TypeError(f"unknown rule node {type(leaf).__name__}")
    return _TRUE if ok else _FALSE


def _all_or_any(ev: Evaluator, parts: list[Rule], decisive: Tri, otherwise: Tri) -> Tri:
    """Like `_combine`: the decisive value if any part has it, else unknown if any part is."""
    unknown = False
    for part in parts:
        value = truth(ev, part)
        if value is decisive:
            return decisive
        if value is _UNKNOWN:
            unknown = True
    return _UNKNOWN if unknown else otherwise


_STATE_OF = {_TRUE: State.MET, _FALSE: State.NOT_MET, _UNKNOWN: State.INCOMPLETE}


_APPLIES = {_TRUE: None, _FALSE: State.NOT_APPLICABLE, _UNKNOWN: State.INCOMPLETE}


def judge_state(ev: Evaluator, indicator: Indicator) -> State:
    """`judge(ev, indicator).state`, without reasons and changes."""
    if indicator.applies_if is not None:
        instead = _APPLIES[truth(ev, indicator.applies_if)]
        if instead is not None:
            return instead
    return _STATE_OF[truth(ev, indicator.rule)]
