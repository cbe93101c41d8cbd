"""Scoring: every rule operator and every verdict state, table-driven, with the reasons users read."""

from __future__ import annotations

import datetime as dt
import tomllib
from typing import Any

import pytest

from ojcli.model.answers import AnswerSet, Meta, check_answer_set
from ojcli.model.questionnaire import Questionnaire
from ojcli.scoring import State, score, subtract_months

QUESTIONNAIRE = """
format_version = 1
id = "test-2024"
year = 2024
title = "Testenkät"
reference_date = 2024-03-01
themes = [{ id = "t", title = "Tema" }]

[[sections]]
id = "s"
title = "Avsnitt"
[[sections.questions]]
id = "rutin"
type = "yes_no"
label = "rutinen"
text = "Finns rutinen?"
[[sections.questions]]
id = "uppfoljd"
type = "date"
label = "uppföljd"
text = "När följdes den upp?"
asked_if = { question = "rutin", equals = "ja" }
[[sections.questions]]
id = "dagar"
type = "number"
label = "väntetid"
text = "Hur många dagar?"
unit = "dagar"
unit_one = "dag"
[[sections.questions]]
id = "form"
type = "single_choice"
label = "formen"
text = "Vilken form?"
options = [{ value = "egen", label = "Egen" }, { value = "samverkan", label = "I samverkan" }, { value = "ingen", label = "Ingen" }]
[[sections.questions]]
id = "innehall"
type = "multiple_choice"
label = "innehållet"
text = "Vad ingår?"
options = [{ value = "barn", label = "Barns situation" }, { value = "vald", label = "Våld" }, { value = "ekonomi", label = "Ekonomi" }]
[[sections.questions]]
id = "hushall"
type = "yes_no"
label = "hushåll med en kvinna och en man"
text = "Fanns sådana hushåll?"
[[sections.questions]]
id = "fritt"
type = "text"
text = "Övrigt"
required = false

[[indicators]]
id = "equals"
title = "Rutin"
theme = "t"
advice = "Ta fram rutinen."
rule = { question = "rutin", equals = "ja" }
[[indicators]]
id = "within"
title = "Aktuell rutin"
theme = "t"
advice = "Följ upp rutinen."
rule = { all = [{ question = "rutin", equals = "ja" }, { question = "uppfoljd", within_months = 24 }] }
[[indicators]]
id = "compare"
title = "Väntetid"
theme = "t"
advice = "Korta väntetiden."
rule = { question = "dagar", compare = "<=", value = 14 }
[[indicators]]
id = "one-of"
title = "Form"
theme = "t"
advice = "Ordna en form."
rule = { question = "form", one_of = ["egen", "samverkan"] }
[[indicators]]
id = "includes"
title = "Innehåll"
theme = "t"
advice = "Ta med allt."
rule = { question = "innehall", includes_all = ["barn", "vald"] }
[[indicators]]
id = "any"
title = "Något"
theme = "t"
advice = "Gör något."
rule = { any = [{ question = "rutin", equals = "ja" }, { question = "dagar", compare = "<", value = 7 }] }
[[indicators]]
id = "not"
title = "Inte ingen"
theme = "t"
advice = "Välj en form."
rule = { not = { question = "form", equals = "ingen" } }
[[indicators]]
id = "applies"
title = "Separata möten"
theme = "t"
advice = "Erbjud möten."
applies_if = { question = "hushall", equals = "ja" }
rule = { question = "rutin", equals = "ja" }
[[indicators]]
id = "answered"
title = "Övrigt besvarat"
theme = "t"
advice = "Skriv något."
rule = { question = "fritt", answered = true }
"""


@pytest.fixture(scope="module")
def q() -> Questionnaire:
    return Questionnaire.model_validate(tomllib.loads(QUESTIONNAIRE))


def verdict(q: Questionnaire, indicator: str, answers: dict[str, Any], ref: dt.date | None = None):  # type: ignore[no-untyped-def]
    meta = Meta(
        format_version=1, questionnaire=q.id, municipality_code="2584", municipality_name="Kiruna"
    )
    report = score(q, check_answer_set(AnswerSet(meta=meta, answers=answers), q), ref)
    return next(v for v in report.verdicts if v.indicator.id == indicator)


D = dt.date
CASES = [
    # (indicator, answers, expected state, words the reason must contain)
    ("equals", {"rutin": "ja"}, State.MET, ["«rutinen» är besvarad med «Ja»"]),
    ("equals", {"rutin": "nej"}, State.NOT_MET, ["«Nej»", "kriteriet kräver «Ja»"]),
    ("equals", {"rutin": "vet_ej"}, State.NOT_MET, ["«Vet ej» räknas som ej uppfyllt"]),
    ("equals", {}, State.INCOMPLETE, ["«rutinen» är inte besvarad"]),
    ("within", {"rutin": "ja", "uppfoljd": D(2022, 3, 1)}, State.MET, ["inom 24 månader"]),
    ("within", {"rutin": "ja", "uppfoljd": D(2024, 3, 1)}, State.MET, ["inom 24 månader"]),
    (
        "within",
        {"rutin": "ja", "uppfoljd": D(2022, 2, 28)},
        State.NOT_MET,
        ["2022-02-28", "mer än 24 månader före mätdatum 2024-03-01", "2022-03-01"],
    ),
    (
        "within",
        {"rutin": "ja", "uppfoljd": D(2024, 3, 2)},
        State.NOT_MET,
        ["efter mätdatum 2024-03-01"],
    ),
    ("within", {"rutin": "ja"}, State.INCOMPLETE, ["«uppföljd» är inte besvarad"]),
    # The follow-up is not asked when there is no routine: the reason names the routine only.
    (
        "within",
        {"rutin": "nej", "uppfoljd": D(2023, 1, 1)},
        State.NOT_MET,
        ["«rutinen» är besvarad med «Nej»"],
    ),
    ("compare", {"dagar": 14}, State.MET, ["«14 dagar»"]),
    ("compare", {"dagar": 15}, State.NOT_MET, ["«15 dagar»", "högst «14 dagar»"]),
    ("compare", {"dagar": 1}, State.MET, ["«1 dag»"]),
    ("compare", {}, State.INCOMPLETE, ["«väntetid» är inte besvarad"]),
    ("one-of", {"form": "samverkan"}, State.MET, ["«I samverkan»"]),
    ("one-of", {"form": "ingen"}, State.NOT_MET, ["«Ingen»", "«Egen» eller «I samverkan»"]),
    ("includes", {"innehall": ["vald", "barn", "ekonomi"]}, State.MET, ["omfattar"]),
    ("includes", {"innehall": ["vald"]}, State.NOT_MET, ["saknar «Barns situation»"]),
    ("includes", {"innehall": []}, State.NOT_MET, ["saknar «Barns situation, Våld»"]),
    ("any", {"rutin": "nej", "dagar": 3}, State.MET, ["«3 dagar»"]),
    ("any", {"rutin": "nej", "dagar": 7}, State.NOT_MET, ["mindre än «7 dagar»"]),
    ("any", {"rutin": "nej", "dagar": 1}, State.MET, ["«1 dag»."]),
    ("any", {"rutin": "nej"}, State.INCOMPLETE, ["«väntetid» är inte besvarad"]),
    ("not", {"form": "egen"}, State.MET, []),
    ("not", {"form": "ingen"}, State.NOT_MET, ["Kriteriet kräver att detta inte gäller"]),
    (
        "applies",
        {"hushall": "nej", "rutin": "nej"},
        State.NOT_APPLICABLE,
        ["«hushåll med en kvinna och en man» är besvarad med «Nej»"],
    ),
    (
        "applies",
        {"rutin": "ja"},
        State.INCOMPLETE,
        ["«hushåll med en kvinna och en man» är inte besvarad"],
    ),
    ("applies", {"hushall": "ja", "rutin": "ja"}, State.MET, []),
    ("applies", {"hushall": "ja", "rutin": "nej"}, State.NOT_MET, ["«rutinen»"]),
    ("answered", {"fritt": "Något"}, State.MET, []),
    ("answered", {}, State.NOT_MET, ["är inte besvarad"]),
]


@pytest.mark.parametrize(("indicator", "answers", "state", "words"), CASES)
def test_verdict_state_and_reason(
    q: Questionnaire, indicator: str, answers: dict[str, Any], state: State, words: list[str]
) -> None:
    v = verdict(q, indicator, answers)
    assert v.state is state, v.reasons
    text = " ".join(v.reasons)
    for word in words:
        assert word in text


def test_a_routine_followed_up_too_long_ago_is_met_with_an_earlier_reference_date(
    q: Questionnaire,
) -> None:
    answers = {"rutin": "ja", "uppfoljd": D(2021, 6, 1)}
    assert verdict(q, "within", answers).state is State.NOT_MET
    early = verdict(q, "within", answers, ref=D(2023, 3, 1))
    assert early.state is State.MET
    assert "mätdatum 2023-03-01" in " ".join(early.reasons)


CHANGES = [
    ("equals", {"rutin": "nej"}, [("rutin", "ja")]),
    ("within", {"rutin": "nej"}, [("rutin", "ja"), ("uppfoljd", D(2024, 3, 1))]),
    ("within", {"rutin": "ja", "uppfoljd": D(2020, 1, 1)}, [("uppfoljd", D(2024, 3, 1))]),
    ("compare", {"dagar": 30}, [("dagar", 14)]),
    ("any", {"rutin": "nej", "dagar": 9}, [("rutin", "ja")]),
    ("includes", {"innehall": ["ekonomi", "vald"]}, [("innehall", ["ekonomi", "vald", "barn"])]),
]


@pytest.mark.parametrize(("indicator", "answers", "expected"), CHANGES)
def test_suggested_changes_would_meet_the_indicator(
    q: Questionnaire, indicator: str, answers: dict[str, Any], expected: list[tuple[str, Any]]
) -> None:
    v = verdict(q, indicator, answers)
    assert [(c.question, c.value) for c in v.changes] == expected
    # Applying the suggestion really meets the indicator.
    fixed = {**answers, **{c.question: c.value for c in v.changes}}
    assert verdict(q, indicator, fixed).state is State.MET


def test_incomplete_applicability_asks_for_the_fact_then_says_what_would_meet_it(
    q: Questionnaire,
) -> None:
    v = verdict(q, "applies", {"rutin": "nej"})
    assert v.state is State.INCOMPLETE
    assert [(c.question, c.value) for c in v.changes] == [("hushall", None), ("rutin", "ja")]
    assert "besvara frågan (avgör om indikatorn gäller)" in v.changes[0].text
    # The fact decides: if the indicator applies, the rest of the suggestion meets it.
    assert verdict(q, "applies", {"hushall": "ja", "rutin": "ja"}).state is State.MET
    assert verdict(q, "applies", {"hushall": "nej", "rutin": "nej"}).state is State.NOT_APPLICABLE


def test_date_change_names_the_window(q: Questionnaire) -> None:
    v = verdict(q, "within", {"rutin": "ja", "uppfoljd": D(2020, 1, 1)})
    assert "från 2022-03-01 till mätdatum 2024-03-01" in v.changes[0].text
    assert "följ upp före 2024-03-01" in v.changes[0].text


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2024, 3, 1), 24, D(2022, 3, 1)),
        (D(2024, 3, 31), 1, D(2024, 2, 29)),
        (D(2023, 3, 31), 1, D(2023, 2, 28)),
        (D(2024, 1, 15), 12, D(2023, 1, 15)),
        (D(2024, 1, 15), 1, D(2023, 12, 15)),
    ],
)
def test_subtract_months_clamps_to_month_end(day: dt.date, months: int, expected: dt.date) -> None:
    assert subtract_months(day, months) == expected


def test_summary_counts_every_state(q: Questionnaire) -> None:
    meta = Meta(
        format_version=1, questionnaire=q.id, municipality_code="2584", municipality_name="Kiruna"
    )
    answers = AnswerSet(meta=meta, answers={"rutin": "ja", "hushall": "nej", "dagar": 20})
    report = score(q, check_answer_set(answers, q))
    assert report.counts[State.NOT_APPLICABLE] == 1
    assert report.summary.startswith(
        f"{report.counts[State.MET]} av {len(q.indicators) - 1} indikatorer uppfyllda"
    )
    assert "1 ej tillämplig" in report.summary
