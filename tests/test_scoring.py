"""Scoring: every rule operator and every verdict state, table-driven, with the reasons users read."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tomllib
from typing import Any

import pytest

from ojcli.model.answers import AnswerSet, CheckedAnswers, Meta, check_answer_set
from ojcli.model.operators import AnswerTypeError
from ojcli.model.questionnaire import Questionnaire
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
)
from ojcli.scoring import Evaluator, State, Tri, describe, score, subtract_months
from ojcli.scoring.fast import truth

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


def checked(q: Questionnaire, answers: dict[str, Any]) -> CheckedAnswers:
    meta = Meta(
        format_version=1, questionnaire=q.id, municipality_code="2584", municipality_name="Kiruna"
    )
    return check_answer_set(AnswerSet(meta=meta, answers=answers), q)


def verdict(q: Questionnaire, indicator: str, answers: dict[str, Any], ref: dt.date | None = None):  # type: ignore[no-untyped-def]
    report = score(q, checked(q, answers), ref)
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


# --- each operator on its own, as the reasons and suggestions read --------------------------------

OPERATOR_CASES = [
    # (rule, answers, expected value, the reason exactly as users read it)
    (
        Equals(question="dagar", equals=14),
        {"dagar": 14},
        Tri.TRUE,
        "«väntetid» är besvarad med «14 dagar».",
    ),
    (
        Equals(question="dagar", equals=14),
        {"dagar": 1},
        Tri.FALSE,
        "«väntetid» är besvarad med «1 dag»; kriteriet kräver «14 dagar».",
    ),
    (OneOf(question="form", one_of=["egen"]), {}, Tri.UNKNOWN, "«formen» är inte besvarad."),
    (
        IncludesAll(question="innehall", includes_all=["barn"]),
        {},
        Tri.UNKNOWN,
        "«innehållet» är inte besvarad.",
    ),
    (
        IncludesAll(question="innehall", includes_all=["barn", "vald"]),
        {"innehall": ["vald", "barn"]},
        Tri.TRUE,
        "«innehållet» omfattar «Barns situation, Våld».",
    ),
    (
        Compare(question="dagar", compare="<", value=7),
        {"dagar": 6},
        Tri.TRUE,
        "«väntetid» är «6 dagar».",
    ),
    (
        Compare(question="dagar", compare=">", value=7),
        {"dagar": 7},
        Tri.FALSE,
        "«väntetid» är «7 dagar»; kriteriet kräver mer än «7 dagar».",
    ),
    (
        Compare(question="dagar", compare=">=", value=7),
        {"dagar": 7},
        Tri.TRUE,
        "«väntetid» är «7 dagar».",
    ),
    (
        Compare(question="dagar", compare="==", value=1),
        {"dagar": 2},
        Tri.FALSE,
        "«väntetid» är «2 dagar»; kriteriet kräver exakt «1 dag».",
    ),
    (
        Compare(question="dagar", compare="!=", value=0),
        {"dagar": 0},
        Tri.FALSE,
        "«väntetid» är «0 dagar»; kriteriet kräver annat än «0 dagar».",
    ),
    (
        WithinMonths(question="uppfoljd", within_months=24),
        {"rutin": "ja"},
        Tri.UNKNOWN,
        "«uppföljd» är inte besvarad.",
    ),
    # A question that is not asked with these answers makes its leaves false, whatever is stored.
    (
        WithinMonths(question="uppfoljd", within_months=24),
        {"rutin": "nej", "uppfoljd": D(2024, 1, 1)},
        Tri.FALSE,
        "«uppföljd» besvaras inte med de svar som getts.",
    ),
    (Answered(question="fritt", answered=False), {}, Tri.TRUE, "«Övrigt» är inte besvarad."),
    (
        Answered(question="fritt", answered=False),
        {"fritt": "x"},
        Tri.FALSE,
        "«Övrigt» är besvarad.",
    ),
    (Answered(question="fritt", answered=True), {"fritt": "x"}, Tri.TRUE, "«Övrigt» är besvarad."),
    (
        Not(not_=Equals(question="form", equals="ingen")),
        {},
        Tri.UNKNOWN,
        "«formen» är inte besvarad.",
    ),
    (
        AllOf(
            all=[
                Equals(question="rutin", equals="ja"),
                Compare(question="dagar", compare="<", value=7),
            ]
        ),
        {"rutin": "ja"},
        Tri.UNKNOWN,
        "«väntetid» är inte besvarad.",
    ),
    (
        AnyOf(
            any=[
                Equals(question="rutin", equals="ja"),
                Compare(question="dagar", compare="<", value=7),
            ]
        ),
        {"rutin": "nej", "dagar": 9},
        Tri.FALSE,
        "«rutinen» är besvarad med «Nej»; kriteriet kräver «Ja». "
        "«väntetid» är «9 dagar»; kriteriet kräver mindre än «7 dagar».",
    ),
]


@pytest.mark.parametrize(("rule", "answers", "value", "reason"), OPERATOR_CASES)
def test_operator_value_and_reason(
    q: Questionnaire, rule: Rule, answers: dict[str, Any], value: Tri, reason: str
) -> None:
    outcome = Evaluator(q, checked(q, answers), q.reference_date).evaluate(rule)
    assert (outcome.value, " ".join(outcome.reasons)) == (value, reason)
    assert truth(Evaluator(q, checked(q, answers), q.reference_date), rule) is value


OPERATOR_CHANGES = [
    # (rule, answers, the suggestions as users read them, the answers they give)
    (
        OneOf(question="form", one_of=["egen", "samverkan"]),
        {"form": "ingen"},
        ["«formen»: «Egen» eller «I samverkan» (nu «Ingen»)"],
        ["egen"],
    ),
    (
        Compare(question="dagar", compare="<", value=7),
        {"dagar": 9},
        ["«väntetid»: mindre än «7 dagar» (nu «9 dagar»)"],
        [6],
    ),
    (Compare(question="dagar", compare=">", value=7), {}, ["«väntetid»: mer än «7 dagar»"], [8]),
    (
        Compare(question="dagar", compare=">=", value=7),
        {"dagar": 1},
        ["«väntetid»: minst «7 dagar» (nu «1 dag»)"],
        [7],
    ),
    (
        Compare(question="dagar", compare="==", value=7),
        {"dagar": 1},
        ["«väntetid»: exakt «7 dagar» (nu «1 dag»)"],
        [7],
    ),
    (
        Compare(question="dagar", compare="!=", value=7),
        {"dagar": 7},
        ["«väntetid»: annat än «7 dagar» (nu «7 dagar»)"],
        [8],
    ),
    (Equals(question="dagar", equals=3), {"dagar": 1}, ["«väntetid»: «3 dagar» (nu «1 dag»)"], [3]),
    (Answered(question="fritt", answered=True), {}, ["«Övrigt»: besvara frågan"], [None]),
    (
        Answered(question="fritt", answered=False),
        {"fritt": "x"},
        ["«Övrigt»: lämna frågan obesvarad"],
        [None],
    ),
    (
        IncludesAll(question="innehall", includes_all=["barn", "vald"]),
        {},
        ["«innehållet»: lägg till «Barns situation, Våld»"],
        [["barn", "vald"]],
    ),
    # A rule already met needs no change; a negation that is not met offers none.
    (Equals(question="rutin", equals="ja"), {"rutin": "ja"}, [], []),
    (Not(not_=Equals(question="form", equals="ingen")), {"form": "ingen"}, None, None),
]


@pytest.mark.parametrize(("rule", "answers", "texts", "values"), OPERATOR_CHANGES)
def test_operator_suggested_change(
    q: Questionnaire,
    rule: Rule,
    answers: dict[str, Any],
    texts: list[str] | None,
    values: list[Any] | None,
) -> None:
    changes = Evaluator(q, checked(q, answers), q.reference_date).changes(rule)
    if texts is None:
        assert changes is None
        return
    assert changes is not None
    assert [c.text for c in changes] == texts
    assert [c.value for c in changes] == values


DESCRIPTIONS = [
    (Equals(question="rutin", equals="ja"), "«rutinen» = «Ja»"),
    (
        OneOf(question="form", one_of=["egen", "samverkan"]),
        "«formen» är «Egen» eller «I samverkan»",
    ),
    (
        IncludesAll(question="innehall", includes_all=["barn", "vald"]),
        "«innehållet» omfattar «Barns situation, Våld»",
    ),
    (Compare(question="dagar", compare="<=", value=1), "«väntetid» högst «1 dag»"),
    (
        WithinMonths(question="uppfoljd", within_months=24),
        "«uppföljd» inom 24 månader före mätdatum",
    ),
    (Answered(question="fritt", answered=True), "«Övrigt» är besvarad"),
    (Answered(question="fritt", answered=False), "«Övrigt» är obesvarad"),
    (AllOf(all=[Equals(question="rutin", equals="ja")]), "«rutinen» = «Ja»"),
    (
        AllOf(
            all=[
                Equals(question="rutin", equals="ja"),
                Not(not_=Equals(question="form", equals="ingen")),
            ]
        ),
        "(«rutinen» = «Ja» och inte «formen» = «Ingen»)",
    ),
    (
        AnyOf(
            any=[Equals(question="rutin", equals="ja"), Answered(question="fritt", answered=True)]
        ),
        "(«rutinen» = «Ja» eller «Övrigt» är besvarad)",
    ),
]


@pytest.mark.parametrize(("rule", "text"), DESCRIPTIONS)
def test_rule_described_on_paper(q: Questionnaire, rule: Rule, text: str) -> None:
    assert describe(rule, q) == text


WRONG_TYPES = [
    # An answer of the wrong type for its operator is a bug (answers are checked before scoring),
    # never read as 0, [] or "no match".
    (Equals(question="rutin", equals="ja"), 1),
    (Equals(question="dagar", equals=14), "14"),
    (OneOf(question="form", one_of=["egen"]), ["egen"]),
    (IncludesAll(question="innehall", includes_all=["barn"]), "barn"),
    (Compare(question="dagar", compare="<=", value=14), "tolv"),
    (Compare(question="dagar", compare="<=", value=14), True),
    (WithinMonths(question="uppfoljd", within_months=24), "2024-01-01"),
    (WithinMonths(question="uppfoljd", within_months=24), dt.datetime(2024, 1, 1, 12, 0)),
]


@pytest.mark.parametrize(("rule", "value"), WRONG_TYPES)
def test_an_answer_of_the_wrong_type_is_an_internal_error(rule: Rule, value: Any) -> None:
    with pytest.raises(AnswerTypeError, match="answers must be checked"):
        rule.truth(value, D(2024, 3, 1))  # type: ignore[union-attr]


def test_the_wrong_type_check_survives_python_dash_o() -> None:
    # `assert` is stripped by `python -O`; the check must not be one.
    code = (
        "from ojcli.model.operators import AnswerTypeError, IncludesAll\n"
        "import datetime as dt\n"
        "rule = IncludesAll(question='q', includes_all=['a'])\n"
        "try:\n    rule.truth('a', dt.date(2024, 1, 1))\nexcept AnswerTypeError:\n    print('raised')\n"
    )
    out = subprocess.run(
        [sys.executable, "-O", "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "raised"
