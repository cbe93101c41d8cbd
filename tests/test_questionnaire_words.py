"""The bundled questionnaires' own words read as one survey: titles agree, periods are named (issue 13)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from ojcli.files.loading import list_questionnaires, load_questionnaire
from ojcli.model.questionnaire import Questionnaire
from ojcli.prepare import prepare

BUNDLED = [load_questionnaire(info.path) for info in list_questionnaires()]
# A prepared year is read the same way: its texts are the bundled ones, moved to its year.
PREPARED = prepare(2027, BUNDLED, dt.date(2026, 11, 27))
ALL = [*BUNDLED, PREPARED]


def _texts(q: Questionnaire) -> list[str]:
    """Every sentence a unit head reads in the questionnaire: questions, help, options, advice."""
    texts = []
    for question in q.questions:
        texts += [question.text, question.label or "", question.help or ""]
        texts += [o.label for o in getattr(question, "options", None) or []]
    texts += [i.advice or "" for i in q.indicators]
    return texts


@pytest.mark.parametrize("q", ALL, ids=lambda q: q.id)
def test_a_section_carries_the_title_of_the_theme_it_asks_about(q: Questionnaire) -> None:
    themes = {t.id: t.title for t in q.themes}
    for section in q.sections:
        if section.id in themes:
            assert section.title == themes[section.id], section.id


@pytest.mark.parametrize("q", ALL, ids=lambda q: q.id)
def test_no_question_asks_about_an_unnamed_year(q: Questionnaire) -> None:
    # "under året" leaves the reader guessing which year the survey means.
    assert not [t for t in _texts(q) if re.search(r"\bunder året\b", t)]


@pytest.mark.parametrize("q", ALL, ids=lambda q: q.id)
def test_senast_means_most_recently_never_at_the_latest(q: Questionnaire) -> None:
    # "senast" for "at the latest" beside "senast följdes upp" (most recently) reads two ways.
    at_the_latest = re.compile(
        r"\bsenast (\d+|en|ett|två|tre|fyra|sex|tolv) (dag|dagar|veckor|månad|månader|år)\b"
        r"|\bsenast (upprättad|upprättas|klar)\b"
    )
    assert not [t for t in _texts(q) if at_the_latest.search(t)]


def test_the_separate_meetings_population_names_the_year_before_the_survey() -> None:
    for q in ALL:
        if "hushall_kvinna_man" in {x.id for x in q.questions}:
            question = q.question("hushall_kvinna_man")
            assert f"under {q.year - 1} " in question.text
            assert "antaget" in (question.help or "")  # the period rests on no source
