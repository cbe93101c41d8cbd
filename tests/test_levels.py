"""Answers in the survey's own levels: only the top level is met, and the words name the level."""

from __future__ import annotations

from typing import Any

import pytest

import mini
from ojcli.model.answers import AnswerSet, Meta, check_answer_set
from ojcli.model.questionnaire import Questionnaire
from ojcli.scoring import State, describe, score


@pytest.fixture(scope="module")
def q() -> Questionnaire:
    return mini.questionnaire(mini.year(2024, ["plan-sjalvforsorjning", "rattsfall"]))


def judged(q: Questionnaire, indicator: str, answers: dict[str, Any]):  # type: ignore[no-untyped-def]
    meta = Meta(
        format_version=2, questionnaire=q.id, municipality_code="0880", municipality_name="Kalmar"
    )
    report = score(q, check_answer_set(AnswerSet(meta=meta, answers=answers), q))
    return next(v for v in report.verdicts if v.indicator.id == indicator)


LEVELS = [
    # (indicator, answer, state, the reason in full, the change that would meet it or None)
    (
        "plan-sjalvforsorjning",
        {"plan_tre_manader": "ja_alla"},
        State.MET,
        "«plan inom tre månader» är besvarad med «Ja, för alla».",
        None,
    ),
    (
        "plan-sjalvforsorjning",
        {"plan_tre_manader": "ja_inte_alla"},
        State.NOT_MET,
        "«plan inom tre månader» är besvarad med «Ja, men inte för alla»; bara den högsta "
        "nivån, «Ja, för alla», uppfyller kriteriet.",
        "«plan inom tre månader»: den högsta nivån, «Ja, för alla» (nu «Ja, men inte för alla»)",
    ),
    (
        "plan-sjalvforsorjning",
        {"plan_tre_manader": "nej"},
        State.NOT_MET,
        "«plan inom tre månader» är besvarad med «Nej»; bara den högsta nivån, «Ja, för alla», "
        "uppfyller kriteriet.",
        "«plan inom tre månader»: den högsta nivån, «Ja, för alla» (nu «Nej»)",
    ),
    (
        "plan-sjalvforsorjning",
        {},
        State.INCOMPLETE,
        "«plan inom tre månader» är inte besvarad.",
        "«plan inom tre månader»: den högsta nivån, «Ja, för alla»",
    ),
    (
        "rattsfall",
        {"rattsfall": "ja"},
        State.MET,
        "«information om nya rättsfall» är besvarad med «Ja».",
        None,
    ),
    (
        "rattsfall",
        {"rattsfall": "delvis"},
        State.NOT_MET,
        "«information om nya rättsfall» är besvarad med «Delvis»; bara den högsta nivån, «Ja», "
        "uppfyller kriteriet.",
        "«information om nya rättsfall»: den högsta nivån, «Ja» (nu «Delvis»)",
    ),
    (
        "rattsfall",
        {"rattsfall": "nej"},
        State.NOT_MET,
        "«information om nya rättsfall» är besvarad med «Nej»; bara den högsta nivån, «Ja», "
        "uppfyller kriteriet.",
        "«information om nya rättsfall»: den högsta nivån, «Ja» (nu «Nej»)",
    ),
]


@pytest.mark.parametrize(("indicator", "answers", "state", "reason", "change"), LEVELS)
def test_each_level_of_each_scale(
    q: Questionnaire,
    indicator: str,
    answers: dict[str, Any],
    state: State,
    reason: str,
    change: str | None,
) -> None:
    v = judged(q, indicator, answers)
    assert v.state is state
    assert v.reasons == (reason,)
    assert [c.text for c in v.changes] == ([] if change is None else [change])


def test_a_choice_that_is_not_a_level_scale_reads_as_before() -> None:
    """ "Ja" first among other options is not a level: no "högsta nivån" where there is none."""
    data = mini.year(2024, ["rattsfall"])
    options = [*mini.LEVELS_PARTLY[:1], {"value": "bara_tidigare", "label": "Bara tidigare år"}]
    data["sections"][0]["questions"][0]["options"] = [*options, mini.LEVELS_PARTLY[2]]
    q = mini.questionnaire(data)
    v = judged(q, "rattsfall", {"rattsfall": "bara_tidigare"})
    assert v.reasons == (
        "«information om nya rättsfall» är besvarad med «Bara tidigare år»; kriteriet kräver «Ja».",
    )
    assert [c.text for c in v.changes] == [
        "«information om nya rättsfall»: «Ja» (nu «Bara tidigare år»)"
    ]


def test_a_rule_on_paper_names_the_level(q: Questionnaire) -> None:
    ind = next(i for i in q.indicators if i.id == "plan-sjalvforsorjning")
    assert describe(ind.rule, q) == "«plan inom tre månader» = «Ja, för alla»"


def test_dont_know_on_a_level_question_is_said_to_count_as_not_met() -> None:
    # A questionnaire a person edited may offer "Vet ej" beside the levels.
    data = mini.year(2024, ["rattsfall"])
    options = [*mini.LEVELS_PARTLY, {"value": "vet_ej", "label": "Vet ej"}]
    data["sections"][0]["questions"][0]["options"] = options
    v = judged(mini.questionnaire(data), "rattsfall", {"rattsfall": "vet_ej"})
    assert v.state is State.NOT_MET
    assert v.reasons == (
        "«information om nya rättsfall» är besvarad med «Vet ej»; bara den högsta nivån, «Ja», "
        "uppfyller kriteriet. («Vet ej» räknas som ej uppfyllt.)",
    )
