"""The fast path is held to the explaining evaluator, and suggested changes really meet a rule.

`truth` and `judge_state` (compare-many's fast path) must give exactly what `Evaluator.evaluate`
and `judge` give, for every operator and combinator: a divergence would put a different verdict
in a group's matrix than `ojcli score` shows for the same file. Rules, questionnaires (with
skip conditions) and partial answers are generated here, independently of ojcli's own rule
definitions, from what the questionnaire format allows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from ojcli.errors import LoadError
from ojcli.model import rules
from ojcli.model.answers import AnswerSet, CheckedAnswers, Meta, check_answer_set
from ojcli.model.questionnaire import Indicator, Questionnaire
from ojcli.model.rules import Rule, walk
from ojcli.scoring import Evaluator, Tri, judge
from ojcli.scoring.fast import judge_state, truth

Json = dict[str, Any]
TYPES = ("yes_no", "single_choice", "multiple_choice", "number", "date", "text")
OPTIONS = ("a", "b", "c", "d")
COMPARE_OPS = ("<", "<=", ">", ">=", "==", "!=")
# The leaf operators the format allows on each question type (the questionnaire loader rejects
# the rest), written out here rather than read from ojcli so that the two can disagree.
OPERATORS = {
    "yes_no": ("equals", "one_of", "answered"),
    "single_choice": ("equals", "one_of", "answered"),
    "multiple_choice": ("includes_all", "answered"),
    "number": ("equals", "compare", "answered"),
    "date": ("within_months", "answered"),
    "text": ("answered",),
}

COMBINATORS = ("all", "any", "not")
META = Meta(
    format_version=1,
    questionnaire="prov-2024",
    municipality_code="2584",
    municipality_name="Kiruna",
)


def checked(q: Questionnaire, answers: dict[str, Any]) -> CheckedAnswers:
    """Answers as scoring takes them: checked against the questionnaire."""
    return check_answer_set(AnswerSet(meta=META, answers=answers), q)


def test_every_operator_of_the_rule_language_is_generated() -> None:
    # A new operator must be added to OPERATORS (and `realize`) before the properties hold it.
    generated = {op for ops in OPERATORS.values() for op in ops} | set(COMBINATORS)
    assert generated == set(rules._TAGS)


# Strategies are built once, from plain numbers that are then read as choices on each generated
# questionnaire: hypothesis spends its time per drawn value, and a leaf is one number.
NUMBER = st.integers(0, 2**48)


def trees(max_leaves: int, width: int) -> st.SearchStrategy[Any]:
    """Rule shapes: leaves (a number each) combined by all / any / not."""
    return st.recursive(
        NUMBER,
        lambda inner: st.one_of(
            st.lists(inner, min_size=1, max_size=width).map(lambda parts: ("all", parts)),
            st.lists(inner, min_size=1, max_size=width).map(lambda parts: ("any", parts)),
            inner.map(lambda part: ("not", part)),
        ),
        max_leaves=max_leaves,
    )


TREE, SMALL_TREE, CHANGE_TREE = trees(6, 3), trees(2, 2), trees(4, 3)


class Choices:
    """Choices read off one drawn number, each taking what it needs from it."""

    def __init__(self, number: int) -> None:
        self.rest = number

    def __call__(self, items: Sequence[Any]) -> Any:
        self.rest, n = divmod(self.rest, len(items))
        return items[n]

    def int(self, low: int, high: int) -> int:
        return int(self(range(low, high + 1)))

    def subset(self, items: Sequence[Any], least: int) -> list[Any]:
        chosen = [x for x in items if self((True, False))]
        return chosen if len(chosen) >= least else list(items[:least])


def option_values(q: Json) -> list[str]:
    if q["type"] == "yes_no":
        return ["ja", "nej", "vet_ej"] if q["allow_dont_know"] else ["ja", "nej"]
    return [o["value"] for o in q["options"]]


def realize(tree: Any, questions: list[Json]) -> Json:
    """A generated tree as a rule over these questions, every leaf fitting its question."""
    if isinstance(tree, int):
        choose = Choices(tree)
        q = choose(questions)
        qid, op = q["id"], choose(OPERATORS[q["type"]])
        if op == "answered":
            return {"question": qid, "answered": choose((True, False))}
        if op == "equals" and q["type"] == "number":
            return {"question": qid, "equals": choose.int(q["minimum"] - 2, q["minimum"] + 22)}
        if op == "equals":
            return {"question": qid, "equals": choose(option_values(q))}
        if op in ("one_of", "includes_all"):
            values = option_values(q)
            return {"question": qid, op: [choose(values), *choose.subset(values, 0)]}
        if op == "compare":
            value = choose.int(q["minimum"] - 2, q["minimum"] + 22)
            return {"question": qid, "compare": choose(COMPARE_OPS), "value": value}
        return {"question": qid, "within_months": choose.int(1, 36)}
    if tree[0] == "not":
        return {"not": realize(tree[1], questions)}
    return {tree[0]: [realize(part, questions) for part in tree[1]]}


@st.composite
def questionnaire(draw: st.DrawFn) -> Json:
    """A small questionnaire with one question of each type (plus a few more), some of them
    asked only if an earlier answer says so, as questionnaire files write their skip logic."""
    kinds = draw(st.permutations(TYPES)) + draw(st.lists(st.sampled_from(TYPES), max_size=3))
    questions: list[Json] = []
    for n, kind in enumerate(kinds):
        choose = Choices(draw(NUMBER))
        q: Json = {"id": f"q{n}", "type": kind, "text": f"Fråga q{n}?", "label": f"q{n}"}
        if kind == "yes_no":
            q["allow_dont_know"] = choose((True, False))
        elif kind in ("single_choice", "multiple_choice"):
            least = 2 if kind == "single_choice" else 1
            q["options"] = [{"value": v, "label": v.upper()} for v in choose.subset(OPTIONS, least)]
        elif kind == "number":
            q |= {"minimum": choose.int(0, 3), "unit": choose(("", "dagar"))}
            if choose((True, False)):
                q["maximum"] = q["minimum"] + choose.int(0, 20)
        if questions and choose.int(0, 9) < 4:
            q["asked_if"] = realize(draw(SMALL_TREE if n % 3 == 0 else NUMBER), questions)
        questions.append(q)
    return {
        "format_version": 1,
        "id": "prov-2024",
        "year": 2024,
        "title": "Provenkät",
        "reference_date": draw(st.dates(dt.date(2020, 1, 1), dt.date(2026, 12, 31))),
        "themes": [{"id": "t", "title": "Tema"}],
        "sections": [{"id": "s", "title": "Avsnitt", "questions": questions}],
        "indicators": [],
    }


def answer(q: Json, ref: dt.date, choose: Choices) -> Any:
    """A valid answer to the question (whether or not it is asked with the other answers)."""
    kind = q["type"]
    if kind in ("yes_no", "single_choice"):
        return choose(option_values(q))
    if kind == "multiple_choice":
        return choose.subset(option_values(q), 0)
    if kind == "number":
        return choose.int(q["minimum"], q.get("maximum", q["minimum"] + 40))
    if kind == "date":  # about three years before the reference date to three months after
        return ref + dt.timedelta(days=choose.int(-1200, 90))
    return choose(("nej", "Något annat"))


# A questionnaire, its one indicator, answers, and the day scored on: a date answer after it is
# no answer yet, in the fast path as in the evaluator.
Case = tuple[Questionnaire, Indicator, CheckedAnswers, dt.date]


@st.composite
def case(draw: st.DrawFn, tree: Any = TREE) -> Case:
    """A questionnaire with one generated indicator (rule, maybe applies_if), partial answers,
    and today, up to a year around the reference date."""
    data = draw(questionnaire())
    questions = data["sections"][0]["questions"]
    indicator: Json = {
        "id": "prov",
        "title": "Prov",
        "theme": "t",
        "advice": "Gör så.",
        "rule": realize(draw(tree), questions),
    }
    if draw(st.booleans()):
        indicator["applies_if"] = realize(draw(SMALL_TREE), questions)
    data["indicators"] = [indicator]
    q = Questionnaire.model_validate(data)
    answers = {}
    for x in questions:
        choose = Choices(draw(NUMBER))
        if choose.int(0, 9) < 7:  # partial: about a third unanswered
            answers[x["id"]] = answer(x, data["reference_date"], choose)
    today = data["reference_date"] + dt.timedelta(days=draw(st.integers(-365, 365)))
    return q, q.indicators[0], checked(q, answers), today


PROPERTY = settings(
    max_examples=max(100, 3 * settings.default.max_examples),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def rules_of(ind: Indicator, q: Questionnaire) -> list[Rule]:
    """Every node of the indicator's rules and of the questions' skip conditions."""
    tops = [ind.rule, *([ind.applies_if] if ind.applies_if else [])]
    tops += [x.asked_if for x in q.questions if x.asked_if is not None]
    return [node for top in tops for _, node in walk(top)]


@PROPERTY
@given(case())
def test_truth_is_the_evaluators_value_for_every_node(
    c: Case,
) -> None:
    q, ind, answers, today = c
    for node in rules_of(ind, q):
        # Separate evaluators: each fills its own cache of which questions are asked.
        fast = truth(Evaluator(q, answers, q.reference_date, today), node)
        full = Evaluator(q, answers, q.reference_date, today).evaluate(node)
        assert fast is full.value, (node, answers, full.reasons)


@PROPERTY
@given(case())
def test_judge_state_is_judges_state(c: Case) -> None:
    q, ind, answers, today = c
    fast = judge_state(Evaluator(q, answers, q.reference_date, today), ind)
    full = judge(Evaluator(q, answers, q.reference_date, today), ind)
    assert fast is full.state, (ind.rule, ind.applies_if, answers, full.reasons)


def expanded_leaves(rule: Rule, q: Questionnaire) -> list[Any]:
    """A rule's leaves, with those of their questions' skip conditions, recursively."""
    out: list[Any] = []
    for _, node in walk(rule):
        qid = getattr(node, "question", None)
        if qid is not None:
            out.append(node)
            condition = q.question(qid).asked_if
            if condition is not None:
                out += expanded_leaves(condition, q)
    return out


def some_answer(q: Questionnaire, qid: str) -> Any:
    """Any valid answer, for a change that only asks for the question to be answered."""
    question = q.question(qid)
    if question.type in ("yes_no", "single_choice", "multiple_choice"):
        first = question.options[0].value  # type: ignore[union-attr]
        return [first] if question.type == "multiple_choice" else first
    if question.type == "number":
        return question.minimum
    if question.type == "date":
        return q.reference_date
    return "Något"


@PROPERTY
@given(case(tree=CHANGE_TREE))
def test_the_suggested_change_applied_makes_the_rule_hold(
    c: Case,
) -> None:
    q, ind, answers, today = c
    # Suggestions are made part by part; they add up only while no two parts (or their skip
    # conditions) read the same question, as in the bundled questionnaires' rules.
    leaves = expanded_leaves(ind.rule, q)
    reads = [leaf.question for leaf in leaves]
    assume(len(reads) == len(set(reads)))
    changes = Evaluator(q, answers, q.reference_date, today).changes(ind.rule)
    assume(changes is not None)
    assert changes is not None
    wanted = {leaf.question: getattr(leaf, "answered", None) for leaf in leaves}
    fixed = dict(answers.answers)
    # A date to decide or follow up on by the reference date counts once that day has come.
    later = max(today, q.reference_date)
    for change in changes:
        given = fixed.get(change.question)
        if change.value is not None:
            fixed[change.question] = change.value
        elif wanted.get(change.question) is False:  # "lämna frågan obesvarad"
            fixed.pop(change.question, None)
        elif given is None or (isinstance(given, dt.date) and given > later):
            fixed[change.question] = some_answer(q, change.question)  # "besvara frågan"
    try:
        fixed_answers = checked(q, fixed)
    except LoadError:  # e.g. "less than 0" on a number question with minimum 0: never met
        assume(False)
        raise
    after = Evaluator(q, fixed_answers, q.reference_date, later).evaluate(ind.rule)
    assert after.value is Tri.TRUE, (ind.rule, answers, changes, after.reasons)
