"""The measures the 2024 survey asked, scored as Kolada codes them: table-driven.

Answers in the survey's levels meet an indicator only at the top level, and the reason names
the level given and the level needed. An agreement is current when followed up within 12
months before the reference date (Kolada: "det senaste året"): one day more and it is not.
The three individual-based follow-up questions are three indicators, each decided by its own
answer only.
"""

from __future__ import annotations

import datetime as dt
import itertools
from functools import cache
from typing import Any

import pytest

from ojcli.files.loading import find_questionnaire, load_questionnaire
from ojcli.model.answers import AnswerSet, Meta, check_answer_set
from ojcli.model.questionnaire import Questionnaire
from ojcli.scoring import State, Verdict, score, subtract_months


@cache
def year(y: int) -> Questionnaire:
    return load_questionnaire(find_questionnaire(y))


def verdicts(y: int, answers: dict[str, Any]) -> dict[str, Verdict]:
    q = year(y)
    meta = Meta(
        format_version=1, questionnaire=q.id, municipality_code="2584", municipality_name="Kiruna"
    )
    report = score(q, check_answer_set(AnswerSet(meta=meta, answers=answers), q))
    return {v.indicator.id: v for v in report.verdicts}


PLAN = {"plan_sjalvforsorjning": "ja"}
# The year's results compiled and used, by sex: each other part met, so the level decides.
SUMMARY = {
    "systematisk_uppfoljning_period": "ja",
    "systematisk_uppfoljning_utveckling": "ja",
    "systematisk_uppfoljning_kon": "ja",
}
FOR_ALL = [("ja_alla", "Ja, för alla"), ("ja_inte_alla", "Ja, men inte för alla"), ("nej", "Nej")]
IN_ALL = [
    ("ja_alla", "Ja, i alla utredningar"),
    ("ja_inte_alla", "Ja, men inte i alla"),
    ("nej", "Nej"),
]
PARTLY = [("ja", "Ja"), ("delvis", "Delvis"), ("nej", "Nej")]

# (year, indicator, question, the levels top first, answers the question needs to be asked)
LEVEL_QUESTIONS = [
    (2024, "utredningsmall-barn", "utredningsmall_anvands", IN_ALL, {}),
    (2024, "plan-sjalvforsorjning", "plan_tre_manader", FOR_ALL, PLAN),
    (2024, "plan-undertecknad", "plan_undertecknad", FOR_ALL, PLAN),
    (2024, "plan-uppfoljd", "plan_uppfoljning", FOR_ALL, PLAN),
    (2024, "arbetsmarknadsinsats-18-24", "arbetsmarknad_18_24", FOR_ALL, {}),
    (2024, "arbetsmarknadsinsats-over-24", "arbetsmarknad_over_24", FOR_ALL, {}),
    (2024, "systematisk-uppfoljning", "systematisk_uppfoljning_resultat", PARTLY, {}),
    (2024, "systematisk-uppfoljning-kon", "systematisk_uppfoljning_kon_niva", PARTLY, {}),
    (2024, "information-rattsfall", "rattsfall_niva", PARTLY, {}),
    # 2019: the measures Kolada's catalogue of February 2020 lists, asked as in 2024
    (2019, "plan-sjalvforsorjning", "plan_tre_manader", FOR_ALL, PLAN),
    (2019, "plan-undertecknad", "plan_undertecknad", FOR_ALL, PLAN),
    (2019, "plan-uppfoljd", "plan_uppfoljning", FOR_ALL, PLAN),
    (2019, "arbetsmarknadsinsats-18-24", "arbetsmarknad_18_24", FOR_ALL, {}),
    (2019, "arbetsmarknadsinsats-over-24", "arbetsmarknad_over_24", FOR_ALL, {}),
    # 2020-2023: the measures in both of Kolada's catalogues, presence assumed, asked as in 2024
    # (a year whose source gives the template or the plan as yes / no keeps that form)
    *[
        (y, ind, qid, levels, given)
        for ind, qid, levels, given, years in [
            ("utredningsmall-barn", "utredningsmall_anvands", IN_ALL, {}, (2020, 2023)),
            ("plan-sjalvforsorjning", "plan_tre_manader", FOR_ALL, PLAN, (2020,)),
            ("plan-undertecknad", "plan_undertecknad", FOR_ALL, PLAN, (2020, 2021, 2022, 2023)),
            ("plan-uppfoljd", "plan_uppfoljning", FOR_ALL, PLAN, (2020, 2021, 2022, 2023)),
            ("arbetsmarknadsinsats-18-24", "arbetsmarknad_18_24", FOR_ALL, {}, (2020, 2021, 2022, 2023)),
            ("arbetsmarknadsinsats-over-24", "arbetsmarknad_over_24", FOR_ALL, {}, (2020, 2021, 2022, 2023)),
            ("information-rattsfall", "rattsfall_niva", PARTLY, {}, (2020, 2021, 2022, 2023)),
            ("systematisk-uppfoljning", "systematisk_uppfoljning_resultat", PARTLY, {}, (2022, 2023)),
            ("systematisk-uppfoljning-kon", "systematisk_uppfoljning_kon_niva", PARTLY, {}, (2022, 2023)),
        ]
        for y in years
    ],
    # 2018-2021: the questions Kolada codes Ja / Delvis / Nej (U31488, U31490, U31493)
    (2018, "information-rattsfall", "rattsfall", PARTLY, {}),
    (2019, "information-rattsfall", "rattsfall", PARTLY, {}),
    *[
        (y, ind, qid, PARTLY, SUMMARY)
        for y in (2018, 2019, 2020, 2021)
        for ind, qid in [
            ("systematisk-uppfoljning", "systematisk_uppfoljning_utveckling"),
            ("systematisk-uppfoljning-kon", "systematisk_uppfoljning_utveckling"),
            ("systematisk-uppfoljning-kon", "systematisk_uppfoljning_kon"),
        ]
    ],
]  # fmt: skip

LEVEL_CASES = [
    pytest.param(y, ind, qid, levels, value, label, given, id=f"{y}-{ind}-{value}")
    for y, ind, qid, levels, given in LEVEL_QUESTIONS
    for value, label in levels
]


@pytest.mark.parametrize(
    ("y", "indicator", "qid", "levels", "value", "label", "given"), LEVEL_CASES
)
def test_each_level_is_scored_and_only_the_top_one_meets(
    y: int,
    indicator: str,
    qid: str,
    levels: list[tuple[str, str]],
    value: str,
    label: str,
    given: dict[str, str],
) -> None:
    v = verdicts(y, {**given, qid: value})[indicator]
    top_value, top_label = levels[0]
    if value == top_value:
        assert v.state is State.MET, v.reasons
        assert v.changes == ()
        return
    assert v.state is State.NOT_MET
    reason = f"är besvarad med «{label}»; bara den högsta nivån, «{top_label}», uppfyller kriteriet"
    assert reason in " ".join(v.reasons)
    assert [(c.question, c.value) for c in v.changes] == [(qid, top_value)]


@pytest.mark.parametrize(
    ("y", "indicator", "qid", "given"),
    [
        pytest.param(y, ind, qid, given, id=f"{y}-{ind}-{qid}")
        for y, ind, qid, _, given in LEVEL_QUESTIONS
        if y <= 2021
        and qid
        in ("rattsfall", "systematisk_uppfoljning_utveckling", "systematisk_uppfoljning_kon")
    ],
)
def test_dont_know_on_a_level_question_of_an_older_year_is_not_met(
    y: int, indicator: str, qid: str, given: dict[str, str]
) -> None:
    """2018-2021 asked these yes / no before: "Vet ej" still reads, and never meets."""
    v = verdicts(y, {**given, qid: "vet_ej"})[indicator]
    assert v.state is State.NOT_MET
    assert "besvarad med «Vet ej»; bara den högsta nivån, «Ja», uppfyller kriteriet" in " ".join(
        v.reasons
    )
    assert [(c.question, c.value) for c in v.changes] == [(qid, "ja")]


def test_every_level_question_a_bundled_year_scores_is_in_the_table() -> None:
    """A question in the survey's levels added to any year must get its row above."""
    from ojcli.files.loading import list_questionnaires
    from ojcli.model.questionnaire import SingleChoiceQuestion
    from ojcli.model.rules import Equals, walk

    scored = set()
    for info in list_questionnaires():
        q = year(info.year)
        for ind in q.indicators:
            for _, node in walk(ind.rule):
                if not isinstance(node, Equals):
                    continue
                question = q.question(node.question)
                if isinstance(question, SingleChoiceQuestion) and question.top_level is not None:
                    assert node.equals == question.top_level, f"{q.year} {ind.id}"
                    scored.add((q.year, ind.id, node.question))
    assert scored == {(y, ind, qid) for y, ind, qid, _, _ in LEVEL_QUESTIONS}


# (year, indicator, question) of the new yes/no measures: "Ja" meets, "Nej" and "Vet ej" do not.
YES_NO_MEASURES = [
    (y, ind, qid)
    for y in (2019, 2024)
    for ind, qid in [
        ("fia", "fia"),
        ("audit", "audit"),
        ("dudit", "dudit"),
        ("hushallsekonomisk-radgivning", "hushallsekonomisk_radgivning"),
        ("uppsokande-akut-hemloshet", "uppsokande_akut_hemloshet"),
    ]
] + [
    (2024, "freda-kortfragor", "freda_kortfragor"),
    (2024, "uppsokande-boende", "uppsokande_boende"),
]


@pytest.mark.parametrize(
    ("y", "indicator", "qid", "value", "state"),
    [
        pytest.param(y, ind, qid, value, state, id=f"{y}-{ind}-{value}")
        for y, ind, qid in YES_NO_MEASURES
        for value, state in [("ja", State.MET), ("nej", State.NOT_MET), ("vet_ej", State.NOT_MET)]
    ],
)
def test_a_yes_no_measure_is_met_by_ja_only(
    y: int, indicator: str, qid: str, value: str, state: State
) -> None:
    v = verdicts(y, {qid: value})[indicator]
    assert v.state is state, v.reasons
    if state is State.NOT_MET:
        assert [(c.question, c.value) for c in v.changes] == [(qid, "ja")]
        assert ("«Vet ej» räknas som ej uppfyllt" in " ".join(v.reasons)) == (value == "vet_ej")


def test_a_level_question_is_asked_only_for_a_plan_and_no_plan_is_not_met() -> None:
    """Without a plan the three plan indicators are not met, not incomplete."""
    q = year(2024)
    for qid in ("plan_tre_manader", "plan_undertecknad", "plan_uppfoljning"):
        assert q.question(qid).asked_if is not None
    found = verdicts(2024, {"plan_sjalvforsorjning": "nej"})
    for indicator in ("plan-sjalvforsorjning", "plan-undertecknad", "plan-uppfoljd"):
        assert found[indicator].state is State.NOT_MET, indicator
        assert "«plan mot självförsörjning» är besvarad med «Nej»" in " ".join(
            found[indicator].reasons
        )


# --- dates within a window: one day inside, one day outside -----------------------------

REF = dt.date(2024, 3, 1)
REF_2019 = dt.date(2019, 3, 1)
# (indicator, its date question, the other answers a current one needs, months allowed)
WINDOWS = [
    ("overenskommelse-arbetsformedlingen", "overenskommelse_af_uppfoljd",
     {"overenskommelse_af": "ja", "overenskommelse_af_beslutad": "ja"}, 12),
    ("overenskommelse-forsakringskassan", "overenskommelse_fk_uppfoljd",
     {"overenskommelse_fk": "ja", "overenskommelse_fk_beslutad": "ja"}, 12),
    ("overenskommelse-primarvarden", "overenskommelse_primarvard_uppfoljd",
     {"overenskommelse_primarvard": "ja", "overenskommelse_primarvard_beslutad": "ja"}, 12),
    ("overenskommelse-psykiatrin", "overenskommelse_psykiatri_uppfoljd",
     {"overenskommelse_psykiatri": "ja", "overenskommelse_psykiatri_beslutad": "ja"}, 12),
    ("rutin-vrakning-barnfamiljer", "rutin_vrakning_uppfoljd",
     {"rutin_vrakning": "ja", "rutin_vrakning_beslutad": "ja",
      "rutin_vrakning_innehall": ["kontakt_alla", "kontakt_tills_reglerad"]}, 12),
    ("enskildas-uppfattning", "enskildas_uppfattning_datum",
     {"enskildas_uppfattning": "ja", "enskildas_uppfattning_anvand": "ja"}, 24),
    ("rutin-vald", "rutin_vald_uppfoljd", {"rutin_vald": "ja", "rutin_vald_beslutad": "ja"}, 24),
]  # fmt: skip

# 2019 asks the agreements as 2024 does, and the persons' own view.
WINDOWS_2019 = [w for w in WINDOWS if w[0].startswith(("overenskommelse-", "enskildas-"))]

WINDOW_CASES = [
    pytest.param(y, ind, qid, other, months, day, state, id=f"{y}-{ind}-{name}")
    for y, ref, windows in [(2024, REF, WINDOWS), (2019, REF_2019, WINDOWS_2019)]
    for ind, qid, other, months in windows
    for name, day, state in [
        ("first-day-inside", subtract_months(ref, months), State.MET),
        ("one-day-outside", subtract_months(ref, months) - dt.timedelta(days=1), State.NOT_MET),
        ("the-reference-date", ref, State.MET),
        ("after-the-reference-date", ref + dt.timedelta(days=1), State.NOT_MET),
    ]
]


@pytest.mark.parametrize(("y", "indicator", "qid", "other", "months", "day", "state"), WINDOW_CASES)
def test_a_date_counts_only_within_its_window_before_the_reference_date(
    y: int,
    indicator: str,
    qid: str,
    other: dict[str, Any],
    months: int,
    day: dt.date,
    state: State,
) -> None:
    ref = year(y).reference_date
    assert ref == dt.date(y, 3, 1)
    v = verdicts(y, {**other, qid: day})[indicator]
    assert v.state is state, v.reasons
    if state is State.NOT_MET and day < ref:
        earliest = subtract_months(ref, months).isoformat()
        assert f"mer än {months} månader före mätdatum" in " ".join(v.reasons)
        assert f"tidigaste godtagbara datum är {earliest}" in " ".join(v.reasons)


def test_an_agreement_decided_below_management_level_is_not_current() -> None:
    v = verdicts(
        2024,
        {
            "overenskommelse_fk": "ja",
            "overenskommelse_fk_beslutad": "nej",
            "overenskommelse_fk_uppfoljd": REF,
        },
    )["overenskommelse-forsakringskassan"]
    assert v.state is State.NOT_MET
    assert [c.question for c in v.changes] == ["overenskommelse_fk_beslutad"]


@pytest.mark.parametrize(
    ("content", "state"),
    [
        (["kontakt_alla", "kontakt_tills_reglerad"], State.MET),
        (["kontakt_alla"], State.NOT_MET),
        (["kontakt_tills_reglerad"], State.NOT_MET),
        ([], State.NOT_MET),
    ],
)
def test_the_eviction_routine_must_say_both_what_kolada_asks(
    content: list[str], state: State
) -> None:
    answers = {
        "rutin_vrakning": "ja",
        "rutin_vrakning_beslutad": "ja",
        "rutin_vrakning_innehall": content,
        "rutin_vrakning_uppfoljd": REF,
    }
    assert verdicts(2024, answers)["rutin-vrakning-barnfamiljer"].state is state


# --- the three individual-based follow-up questions -------------------------------------------

FOLLOW_UPS = {
    "individbaserad-uppfoljning-behov": "individbaserad_behov",
    "individbaserad-uppfoljning-insatser": "individbaserad_insatser",
    "individbaserad-uppfoljning-resultat": "individbaserad_resultat",
}
OTHERS = ("systematisk-uppfoljning", "systematisk-uppfoljning-kon", "enskildas-uppfattning")


@pytest.mark.parametrize(
    "replies",
    [
        dict(zip(FOLLOW_UPS.values(), combo, strict=True))
        for combo in itertools.product(["ja", "nej"], repeat=3)
    ],
    ids=lambda r: "-".join(r.values()),
)
def test_the_three_follow_up_questions_are_scored_separately(replies: dict[str, str]) -> None:
    found = verdicts(2024, replies)
    for indicator, qid in FOLLOW_UPS.items():
        expected = State.MET if replies[qid] == "ja" else State.NOT_MET
        assert found[indicator].state is expected, indicator
    # None of them answers another indicator's question.
    for indicator in OTHERS:
        assert found[indicator].state is State.INCOMPLETE


@pytest.mark.parametrize(("answered", "qid"), list(FOLLOW_UPS.items()))
def test_one_follow_up_answer_leaves_the_other_two_unanswered(answered: str, qid: str) -> None:
    found = verdicts(2024, {qid: "ja"})
    for indicator in FOLLOW_UPS:
        expected = State.MET if indicator == answered else State.INCOMPLETE
        assert found[indicator].state is expected, indicator
