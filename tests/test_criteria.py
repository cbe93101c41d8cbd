"""Criteria that need more than one fact, as the bundled questionnaires define them.

The eviction routine is current only if it is followed up at least every second year *and*
was last followed up within 24 months; systematic follow-up asks about the results of a
named period (the year before the survey), not about a habit.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from ojcli.files.loading import find_questionnaire, list_questionnaires, load_questionnaire
from ojcli.model.answers import AnswerSet, Meta, check_answer_set
from ojcli.model.questionnaire import Questionnaire, SingleChoiceQuestion
from ojcli.scoring import State, Verdict, score

D = dt.date


def year(y: int) -> Questionnaire:
    return load_questionnaire(find_questionnaire(y))


def verdict(y: int, indicator: str, answers: dict[str, Any]) -> Verdict:
    q = year(y)
    meta = Meta(
        format_version=1, questionnaire=q.id, municipality_code="2584", municipality_name="Kiruna"
    )
    report = score(q, check_answer_set(AnswerSet(meta=meta, answers=answers), q))
    return next(v for v in report.verdicts if v.indicator.id == indicator)


ROUTINE = {"rutin_vrakning": "ja", "rutin_vrakning_beslutad": "ja"}
THREE_YEARS = (
    "«hur ofta vräkningsrutinen följs upp» är besvarad med «Vart tredje år eller mer sällan»; "
    "kriteriet kräver «Minst en gång om året» eller «Vartannat år»."
)

EVICTION = [
    # (case, answers beyond a written, decided routine, state, words the reasons must contain)
    (
        "three-year cycle, followed up last autumn",
        {"rutin_vrakning_uppfoljd": D(2018, 10, 1), "rutin_vrakning_intervall": "mer_sallan"},
        State.NOT_MET,
        THREE_YEARS,
    ),
    (
        "every second year, followed up exactly 24 months before",
        {"rutin_vrakning_uppfoljd": D(2017, 3, 1), "rutin_vrakning_intervall": "vartannat_ar"},
        State.MET,
        "",
    ),
    (
        "every year, followed up recently",
        {"rutin_vrakning_uppfoljd": D(2019, 1, 15), "rutin_vrakning_intervall": "varje_ar"},
        State.MET,
        "",
    ),
    (
        "every second year on paper, but the last follow-up is too old",
        {"rutin_vrakning_uppfoljd": D(2017, 2, 28), "rutin_vrakning_intervall": "vartannat_ar"},
        State.NOT_MET,
        "mer än 24 månader före mätdatum 2019-03-01",
    ),
    (
        "no set plan for follow-up",
        {"rutin_vrakning_uppfoljd": D(2018, 10, 1), "rutin_vrakning_intervall": "ingen_plan"},
        State.NOT_MET,
        "besvarad med «Det finns ingen bestämd plan för uppföljning»",
    ),
    (
        "interval not known",
        {"rutin_vrakning_uppfoljd": D(2018, 10, 1), "rutin_vrakning_intervall": "vet_ej"},
        State.NOT_MET,
        "«Vet ej» räknas som ej uppfyllt.",
    ),
    (
        "a recent date alone cannot tell a two-year cycle from a three-year one",
        {"rutin_vrakning_uppfoljd": D(2018, 10, 1)},
        State.INCOMPLETE,
        "«hur ofta vräkningsrutinen följs upp» är inte besvarad.",
    ),
]


@pytest.mark.parametrize(
    ("answers", "state", "words"), [c[1:] for c in EVICTION], ids=[c[0] for c in EVICTION]
)
def test_eviction_routine_needs_the_interval_and_the_last_follow_up(
    answers: dict[str, Any], state: State, words: str
) -> None:
    v = verdict(2019, "rutin-vrakning-barnfamiljer", {**ROUTINE, **answers})
    assert v.state is state, v.reasons
    assert words in " ".join(v.reasons)


def test_a_three_year_cycle_says_what_would_meet_it() -> None:
    v = verdict(
        2019,
        "rutin-vrakning-barnfamiljer",
        {
            **ROUTINE,
            "rutin_vrakning_uppfoljd": D(2018, 10, 1),
            "rutin_vrakning_intervall": "mer_sallan",
        },
    )
    assert [c.question for c in v.changes] == ["rutin_vrakning_intervall"]
    assert v.changes[0].value == "varje_ar"


FOLLOW_UP = [
    # (survey year, answers, state, words the reasons must contain); from 2020 the indicator
    # asks for the compilation by sex, a measure of its own (systematisk-uppfoljning-kon)
    (
        2021,
        {"systematisk_uppfoljning_period": "bara_tidigare"},
        State.NOT_MET,
        "«resultaten från uppföljningen 2020 sammanställda på gruppnivå» är besvarad med "
        "«Nej, bara resultat från tidigare år»; kriteriet kräver "
        "«Ja, resultaten från 2020 har sammanställts».",
    ),
    (
        2021,
        {
            "systematisk_uppfoljning_period": "ja",
            "systematisk_uppfoljning_utveckling": "ja",
            "systematisk_uppfoljning_kon": "ja",
        },
        State.MET,
        "",
    ),
    (
        2021,
        {
            "systematisk_uppfoljning_period": "ja",
            "systematisk_uppfoljning_utveckling": "ja",
            "systematisk_uppfoljning_kon": "nej",
        },
        State.NOT_MET,
        "«sammanställningen är uppdelad på kön» är besvarad med «Nej»",
    ),
    (
        2019,
        {"systematisk_uppfoljning_period": "bara_tidigare"},
        State.NOT_MET,
        "«Nej, bara resultat från tidigare år»; kriteriet kräver «Ja, resultaten från 2018",
    ),
    (
        2019,
        {"systematisk_uppfoljning_period": "ja", "systematisk_uppfoljning_utveckling": "ja"},
        State.MET,
        "",
    ),
]


@pytest.mark.parametrize(("y", "answers", "state", "words"), FOLLOW_UP)
def test_systematic_follow_up_counts_only_the_named_period(
    y: int, answers: dict[str, Any], state: State, words: str
) -> None:
    v = verdict(
        y, "systematisk-uppfoljning-kon" if y >= 2020 else "systematisk-uppfoljning", answers
    )
    assert v.state is state, v.reasons
    assert words in " ".join(v.reasons)


def test_every_year_asks_about_the_results_of_the_year_before() -> None:
    years = []
    for info in list_questionnaires():
        q = load_questionnaire(info.path)
        if not any(i.id.startswith("systematisk-uppfoljning") for i in q.indicators):
            continue
        if not any(x.id == "systematisk_uppfoljning_period" for x in q.questions):
            continue  # 2024 asks in the survey's levels: tests/test_new_measures.py
        years.append(q.year)
        period = q.question("systematisk_uppfoljning_period")
        assert isinstance(period, SingleChoiceQuestion)
        assert f"under {q.year - 1} sammanställts" in period.text
        assert [o.value for o in period.options if o.value != "ja"] == [
            "bara_tidigare",
            "nej",
            "vet_ej",
        ]
    assert years == [2018, 2019, 2020, 2021]
