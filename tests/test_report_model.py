"""The report model: per-theme counts and shares, answers used, comments."""

from __future__ import annotations

from pathlib import Path

import pytest

from ojcli.files.loading import example_answers, load_answers
from ojcli.report.model import AnswerStatus, Report, build, text_bar
from ojcli.scoring import State, score

SNAPSHOTS = Path(__file__).parent / "snapshots"


def model_of(path: Path) -> Report:
    answers, questionnaire = load_answers(path)
    return build(score(questionnaire, answers))


@pytest.fixture(scope="module")
def example() -> Report:
    return model_of(example_answers())


@pytest.fixture(scope="module")
def mixed() -> Report:
    return model_of(SNAPSHOTS / "blandat-2024.toml")


def test_theme_counts_add_up_to_the_summary(example: Report) -> None:
    assert [t.title for t in example.themes] == [
        "Våld i nära relationer",
        "Barn och boende",
        "Tillgänglighet",
        "Kunskap, uppföljning och kompetens",
        "Bedömningsmetoder",
        "Självförsörjning och samverkan",
    ]
    for state in State:
        assert sum(t.tally(state) for t in example.themes) == example.counts[state]
    assert [(t.met, t.applicable) for t in example.themes] == [
        (2, 3),
        (2, 5),
        (1, 2),
        (1, 6),
        (2, 3),
        (6, 14),
    ]


def test_national_share_per_theme_is_the_mean_of_the_known_shares(example: Report) -> None:
    vald, boende, tillganglighet, *_ = example.themes
    assert vald.national_mean == pytest.approx((73 + 59 + 42) / 3)
    assert boende.national_mean == pytest.approx((61 + 20 + 40 + 52) / 4)
    # Socialjour has no 2019 share: its latest known (≈80 % in 2018) counts, and its year is said.
    assert (tillganglighet.national_mean, tillganglighet.national_known) == ((87 + 80) / 2, 2)
    assert tillganglighet.national_years == (2018, 2019)
    assert vald.national_years == ()  # every share is 2019's: no year to name


def test_not_applicable_indicators_do_not_count_against_the_theme(mixed: Report) -> None:
    vald = mixed.themes[0]
    assert [i.state for i in vald.indicators] == [State.MET, State.MET, State.NOT_APPLICABLE]
    assert (vald.met, vald.applicable, vald.share_here) == (2, 2, 100)


def test_a_theme_whose_shares_are_all_of_an_earlier_year_names_it(mixed: Report) -> None:
    # The waiting time has no 2024 share; its 2021 share (95 %) stands in, with its year.
    tillganglighet = next(t for t in mixed.themes if t.id == "tillganglighet")
    assert (tillganglighet.national_mean, tillganglighet.national_known) == (95, 1)
    assert tillganglighet.national_years == (2021,)
    # A theme mixing 2024's shares with earlier ones names every year it rests on.
    vald = next(t for t in mixed.themes if t.id == "vald")
    assert vald.national_years == (2020, 2024)


def test_a_theme_without_any_national_share_has_none() -> None:
    import mini
    from ojcli.model.answers import AnswerSet, Meta, check_answer_set

    q = mini.questionnaire(mini.year(2024, ["riksnorm"]))  # no share in any year
    meta = Meta(
        format_version=2, questionnaire=q.id, municipality_code="0880", municipality_name="K"
    )
    report = build(score(q, check_answer_set(AnswerSet(meta=meta, answers={}), q)))
    assert (report.themes[0].national_mean, report.themes[0].national_known) == (None, 0)
    assert report.themes[0].national_years == ()


def test_answers_used_show_labels_units_and_why_an_answer_is_missing(example: Report) -> None:
    by_id = {i.id: i for i in example.indicators}
    wait = by_id["vantetid-nybesok"].answers[0]
    assert (wait.display, wait.value, wait.status) == ("18 dagar", 18, AnswerStatus.ANSWERED)
    assert wait.comment == "Medelvärde för hösten 2018 enligt verksamhetssystemet."
    skipped = by_id["overenskommelse-hyresvardar"].answers[1]
    assert (skipped.display, skipped.status) == ("ställs inte", AnswerStatus.NOT_ASKED)
    missing = by_id["information-rattsfall"].answers[0]
    assert (missing.display, missing.status) == ("obesvarad", AnswerStatus.UNANSWERED)


def test_the_action_list_puts_not_met_before_incomplete(example: Report) -> None:
    states = [i.state for i in example.open_indicators]
    assert states == [State.NOT_MET] * 18 + [State.INCOMPLETE]
    assert all(i.changes for i in example.open_indicators)


def test_the_answer_sheet_has_every_question_in_survey_order(example: Report) -> None:
    answers, questionnaire = load_answers(example_answers())
    rows = [q for s in example.sheet for q in s.questions]
    assert [q.id for q in rows] == [q.id for q in questionnaire.questions]
    assert [q.number for q in rows] == list(range(1, len(rows) + 1))
    assert {q.id for q in rows if q.comment} == set(answers.comments)


def test_comments_follow_survey_order(example: Report) -> None:
    assert [c.question for c in example.comments] == [
        "rutin_vald_uppfoljd",
        "vantetid_dagar",
        "systematisk_uppfoljning_period",
        "enskildas_uppfattning_anvand",
        "kompetensplan_uppfoljd",
        "plan_tre_manader",
        "overenskommelse_af_uppfoljd",
        "samordning_socialpsykiatri_beslutad",
    ]
    assert example.comments[0].name == "våldsrutinen senast beslutad eller uppföljd"


@pytest.mark.parametrize(
    ("percent", "bar"),
    [(None, "░░░░░░░░░░"), (0, "░░░░░░░░░░"), (66.7, "███████░░░"), (100, "██████████")],
)
def test_text_bar(percent: float | None, bar: str) -> None:
    assert text_bar(percent) == bar
    assert text_bar(percent, unicode=False) == bar.replace("█", "#").replace("░", ".")
