"""A prepared year starts from the newest bundled year: its indicators, in its order and its
definitions; shares from their own year's file; the law and help of the year; reported values."""

from __future__ import annotations

import datetime as dt
import re
import tomllib

import pytest

import mini
from ojcli.errors import UsageError
from ojcli.model.prepared import PreparedAdditions
from ojcli.model.questionnaire import Questionnaire
from ojcli.prepare import prepare, shipped_additions

TODAY = dt.date(2026, 12, 3)
# Three bundled years whose indicator sets and orders differ; socialjour ends with 2023.
ORDER_2024 = ["rattsfall", "overenskommelse-af", "plan-sjalvforsorjning", "riksnorm"]
SHARES_2022 = {"rattsfall": {2021: 33, 2022: 39}}
SHARES_2023 = {"rattsfall": {2021: 35, 2022: 41, 2023: 50}, "socialjour": {2023: 90}}
SHARES_2024 = {
    "rattsfall": {2020: 30, 2021: 36, 2022: 40, 2023: 48, 2024: 60},
    "plan-sjalvforsorjning": {2022: 40, 2023: 50},
}


def bundled() -> list[Questionnaire]:
    y2022 = mini.year(2022, ["plan-sjalvforsorjning", "rattsfall", "socialjour"], SHARES_2022)
    y2023 = mini.year(2023, ["socialjour", "plan-sjalvforsorjning", "rattsfall"], SHARES_2023)
    # 2023 defined the plan differently: the 2024 definition is the one carried over.
    y2023["indicators"][1]["rule"] = {
        "question": "plan_tre_manader",
        "one_of": ["ja_alla", "ja_inte_alla"],
    }
    y2024 = mini.year(2024, ORDER_2024, SHARES_2024, presence="inferred")
    return [mini.questionnaire(y) for y in (y2023, y2024, y2022)]  # not in year order


@pytest.fixture(scope="module")
def q2027() -> Questionnaire:
    return prepare(2027, bundled(), TODAY, shipped_additions())


def test_the_newest_years_indicators_in_its_order_and_nothing_else(q2027: Questionnaire) -> None:
    assert [i.id for i in q2027.indicators] == ORDER_2024
    newest = next(q for q in bundled() if q.year == 2024)
    for ind, was in zip(q2027.indicators, newest.indicators, strict=True):
        assert (ind.rule, ind.applies_if, ind.measure) == (was.rule, was.applies_if, was.measure)
        assert ind.carried_from == 2024
    assert q2027.preparation is not None
    assert q2027.preparation.based_on_years == [2024]
    # Only the questions those indicators read, in the newest year's order.
    assert [x.id for x in q2027.questions if x.id in newest.numbers] == [
        x.id for x in newest.questions
    ]


def test_each_share_comes_from_the_questionnaire_of_its_own_year(q2027: Questionnaire) -> None:
    shares = {s.year: s.percent for s in q2027.indicators[0].national_share}
    # 2022 and 2023 from their own files (39, 50), not the 2024 file's (40, 48); 2020 and 2021
    # have no share in a file of their own year: the newest file that has one gives it.
    assert shares == {2020: 30, 2021: 36, 2022: 39, 2023: 50, 2024: 60}
    assert q2027.indicators[0].share_for(2027) is None
    assert q2027.indicators[0].latest_share(2027) == q2027.indicators[0].share_for(2024)


def test_presence_and_criterion_say_what_they_rest_on(q2027: Questionnaire) -> None:
    plan = next(i for i in q2027.indicators if i.id == "plan-sjalvforsorjning")
    assert plan.presence is not None
    assert plan.criterion is not None
    assert (plan.presence.basis, plan.criterion.basis) == ("assumed", "assumed")
    assert plan.presence.note == (
        "Antaget: indikatorn ingår 2027 som i enkäten 2024 (att den ingick 2024 är härlett). "
        "Kolada-katalogen från mars 2026 listar inte längre måttet (U31512)."
    )
    assert "kolada_katalog_2026" in plan.presence.sources
    assert (
        plan.criterion.note
        == "Antaget: kriteriet från enkäten 2024 gäller 2027 (kriteriet 2024 är härlett)."
    )
    riksnorm = next(i for i in q2027.indicators if i.id == "riksnorm")  # no published measure
    assert riksnorm.presence is not None
    assert (
        riksnorm.presence.note
        == "Antaget: indikatorn ingår 2027 som i enkäten 2024 (att den ingick 2024 är härlett)."
    )


def test_the_notes_say_plainly_that_the_catalogue_dropped_the_measures(
    q2027: Questionnaire,
) -> None:
    notes = " ".join(q2027.notes)
    assert "Preliminär: Socialstyrelsens enkät 2027 var inte publicerad" in notes
    assert "Kolada-katalogen från mars 2026 listar inte längre de mått från enkäten" in notes
    assert "Om Socialstyrelsens enkät 2027 fortfarande ställer de här frågorna är okänt." in notes
    assert "var och en i 2024 års definition" in notes


def test_question_texts_name_the_new_survey_period() -> None:
    """A question about the year before the survey asks about 2026 in 2027, not about 2023."""
    y2024 = mini.year(2024, ORDER_2024)
    question = y2024["sections"][0]["questions"][0]
    question["text"] = "Gick ni igenom nya rättsfall under 2023 (året före enkäten)?"
    question["help"] = "Frågan gäller året före enkäten, 2023. Reglerna från 2019 gäller."
    q = prepare(2027, [mini.questionnaire(y2024)], TODAY, shipped_additions())
    assert q.question("rattsfall").text == (
        "Gick ni igenom nya rättsfall under 2026 (året före enkäten)?"
    )
    # Help changes only where it names the period; a fact about another year stays.
    assert q.question("rattsfall").help == (
        "Frågan gäller året före enkäten, 2026. Reglerna från 2019 gäller."
    )


def test_a_year_before_the_newest_is_refused() -> None:
    with pytest.raises(UsageError, match="bara år efter den senaste enkäten den har \\(2024\\)"):
        prepare(2021, bundled(), TODAY, shipped_additions())


LAW = [
    # (question, what its 2027 help says, what it must no longer say)
    (
        "plan_tre_manader",
        "12 kap. 1 § socialtjänstlagen (2025:400) (härlett: motsvarar 4 kap. 1 § i "
        "socialtjänstlagen (2001:453))",
        "4 kap. 1 § socialtjänstlagen (2001:453)",
    ),
    ("rattsfall", "bistånd enligt socialtjänstlagen (2025:400).", "enligt socialtjänstlagen (2001"),
    ("riksnorm", "står i 12 kap. 7 § socialtjänstlagen (2025:400);", "4 kap. 3 §"),
    (
        "riksnorm",
        "i 12 kap. 2 § socialtjänstlagen (2025:400) (härlett: motsvarar 4 kap. 2 § i",
        "4 kap. 2 § socialtjänstlagen",
    ),
    (
        "riksnorm",
        "den bestämmelse i socialtjänstlagen (2025:400) som motsvarar 5 kap. 11 § i "
        "socialtjänstlagen (2001:453)",
        "5 kap. 11 § socialtjänstlagen",
    ),
]


@pytest.mark.parametrize(("qid", "says", "not_says"), LAW)
def test_help_cites_the_law_of_the_survey_year(
    q2027: Questionnaire, qid: str, says: str, not_says: str
) -> None:
    assert says in q2027.question(qid).help
    assert not_says not in q2027.question(qid).help
    # The 12 kap. 7 § number is sourced: no "härlett" after it.
    assert "12 kap. 7 § socialtjänstlagen (2025:400) (härlett" not in q2027.question(qid).help


def test_a_year_before_the_new_law_keeps_the_old_one() -> None:
    q2025 = prepare(2025, bundled(), TODAY, shipped_additions())
    newest = next(q for q in bundled() if q.year == 2024)
    for qid in ("plan_tre_manader", "riksnorm", "overenskommelse_af"):
        assert q2025.question(qid).help == newest.question(qid).help
    assert q2025.reported == []
    assert "socialtjänstlagen (2025:400)" not in repr(q2025.model_dump())


def test_2026_is_the_first_survey_year_under_the_new_law() -> None:
    """The 2026 survey (reference date March 2026) was answered under the law in force from
    1 July 2025; the 2025 survey (March 2025) under the old one."""
    q2026 = prepare(2026, bundled(), TODAY, shipped_additions())
    assert "12 kap. 1 § socialtjänstlagen (2025:400)" in q2026.question("plan_tre_manader").help
    assert "4 kap. 1 § socialtjänstlagen (2001:453)" not in q2026.question("plan_tre_manader").help


ACTIVITY = "Från 1 juli 2026 gäller ett aktivitetskrav i försörjningsstödet"


def test_the_plan_and_the_agreement_say_what_the_activity_requirement_changes(
    q2027: Questionnaire,
) -> None:
    helped = [x.id for x in q2027.questions if ACTIVITY in x.help]
    assert helped == ["overenskommelse_af", "plan_tre_manader"]
    text = q2027.question("plan_tre_manader").help
    for fact in (
        "första gången för stöd för oktober 2026",
        "tre månader i följd",
        "normalt på heltid",
        "individuell planering där Arbetsförmedlingen och Försäkringskassan",
        "Från 1 juli 2027 kan IVO",
        "härlett",
    ):
        assert fact in text


def test_the_socionom_share_is_asked_as_facts_and_reported_without_a_verdict(
    q2027: Questionnaire,
) -> None:
    assert [r.id for r in q2027.reported] == ["socionomexamen"]
    r = q2027.reported[0]
    assert r.kolada == ["U31404"]
    assert (q2027.question(r.whole).type, q2027.question(r.part).type) == ("number", "number")
    assert q2027.section_of(r.part).title == "Handläggare och kompetens"
    assert all(i.id != "socionomexamen" for i in q2027.indicators)
    assert r.presence.basis == "inferred"


def test_the_prepared_file_reads_back_as_made(q2027: Questionnaire) -> None:
    from ojcli.prepare import render

    assert Questionnaire.model_validate(tomllib.loads(render(q2027))) == q2027


def test_the_shipped_additions_are_valid_and_cite_their_sources() -> None:
    add = shipped_additions()
    assert add.law.from_year == 2026
    assert {c.old: (c.new, c.provenance.basis) for c in add.law.citations} == {
        "4 kap. 1 §": ("12 kap. 1 §", "inferred"),
        "4 kap. 2 §": ("12 kap. 2 §", "inferred"),
        "4 kap. 3 §": ("12 kap. 7 §", "sourced"),
    }
    assert set(add.catalogue.still_listed) == {"U30426", "U30427", "U31404"}
    assert all(re.fullmatch(r"https://\S+", s.url) for s in add.sources)


@pytest.mark.parametrize(
    ("change", "error"),
    [
        (lambda d: d["notes"].append("enkäten {ar}"), "platshållare"),
        (
            lambda d: d["law"]["citations"][0]["provenance"].update(basis="assumed", note="x"),
            "belagd",
        ),
        (lambda d: d["help"][0]["provenance"].update(sources=["okand"]), "okand"),
        (lambda d: d["reported"][0]["value"].update(part="finns_inte"), "finns_inte"),
        (lambda d: d["law"]["citations"][0].update(old="4 kap 1 §"), "old"),
    ],
)
def test_a_broken_additions_file_is_refused(change, error) -> None:  # type: ignore[no-untyped-def]
    from ojcli import PACKAGE_DIR

    data = tomllib.loads((PACKAGE_DIR / "data" / "prepared.toml").read_text(encoding="utf-8"))
    change(data)
    with pytest.raises(ValueError, match=error):
        PreparedAdditions.model_validate(data)


def test_the_share_shown_for_a_year_is_its_own_or_an_earlier_years_never_a_later_ones() -> None:
    q = mini.questionnaire(mini.year(2024, ["rattsfall"], {"rattsfall": {2018: 62, 2020: 66}}))
    ind = q.indicators[0]
    assert [ind.latest_share(y) for y in (2017, 2018, 2019, 2020, 2027)] == [
        None,
        ind.share_for(2018),
        ind.share_for(2018),
        ind.share_for(2020),
        ind.share_for(2020),
    ]


def test_every_kolada_id_a_prepared_year_names_is_a_known_measure() -> None:
    """The ids in data/prepared.toml are in the project's list of known measures, as it has them:
    the ones the March 2026 catalogue still lists, the reported share without a met value."""
    from ojcli.model.kolada import known_measures

    add, known = shipped_additions(), known_measures()
    still = {m.id for m in known.measures if "2026-03" in m.catalogues}
    assert set(add.catalogue.still_listed) == still
    named = [k for h in add.help for k in h.measures]
    for r in add.reported:
        for k in r.value.kolada:
            assert known.measure(k).met_value is None  # a value, never met or not met
            assert known.measure(k).title == r.value.title
    for k in named:
        assert known.measure(k).met_value is not None
        assert (
            known.measure(k).ended is None
        )  # help for a measure that ended would be help for nothing
    said = set(re.findall(r"U[0-9]{5}", " ".join(add.notes) + add.catalogue.provenance.note))
    assert said <= still, "the notes name only measures the catalogue still lists"
    catalogue = next(s for s in add.sources if s.id == "kolada_katalog_2026")
    assert catalogue.url == known.catalogue("2026-03").url
