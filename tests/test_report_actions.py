"""The action list: for each unmet indicator, the smallest answer change that meets it, everywhere.

Table-driven over date, number and multiple-choice rules. Each suggestion is checked the
way a unit head would use it: make the change, score again, and the indicator is met.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re
import textwrap
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ojcli.cli import app
from ojcli.files.loading import load_questionnaire
from ojcli.model import dates
from ojcli.model.answers import AnswerSet, Meta, check_answer_set
from ojcli.model.questionnaire import Questionnaire
from ojcli.report.formats import Format, Kind, offered, render
from ojcli.report.model import build
from ojcli.scoring import ScoreReport, State, score

QUESTIONNAIRE = textwrap.dedent(
    """
    format_version = 1
    id = "test-2030"
    year = 2030
    title = "Testenkät 2030"
    reference_date = 2030-03-01
    themes = [{ id = "t", title = "Tema" }]

    [[sections]]
    id = "s"
    title = "Avsnitt"
    [[sections.questions]]
    id = "insatser"
    type = "multiple_choice"
    label = "insatserna"
    text = "Vilka insatser erbjuds?"
    options = [
      { value = "rad", label = "Rådgivning" },
      { value = "skuld", label = "Skuldrådgivning" },
      { value = "jobb", label = "Arbete" },
    ]
    [[sections.questions]]
    id = "plan"
    type = "yes_no"
    label = "planen"
    text = "Finns en plan?"
    [[sections.questions]]
    id = "plan_uppfoljd"
    type = "date"
    label = "planens uppföljning"
    text = "När följdes planen upp?"
    asked_if = { question = "plan", equals = "ja" }
    [[sections.questions]]
    id = "antal"
    type = "number"
    label = "antalet handläggare"
    text = "Hur många handläggare?"
    unit = "handläggare"
    maximum = 100

    [[indicators]]
    id = "insatser"
    title = "Rådgivning och skuldrådgivning"
    theme = "t"
    advice = "Erbjud både rådgivning och skuldrådgivning."
    rule = { question = "insatser", includes_all = ["rad", "skuld"] }
    [[indicators]]
    id = "plan-aktuell"
    title = "Planen följd upp senaste året"
    theme = "t"
    advice = "Följ upp planen varje år."
    # Reads only the follow-up date, which is asked only when there is a plan.
    rule = { question = "plan_uppfoljd", within_months = 12 }
    [[indicators]]
    id = "minst-tre"
    title = "Minst tre handläggare"
    theme = "t"
    advice = "Anställ fler."
    rule = { question = "antal", compare = ">=", value = 3 }
    [[indicators]]
    id = "under-tio"
    title = "Färre än tio handläggare"
    theme = "t"
    advice = "Färre."
    rule = { question = "antal", compare = "<", value = 10 }
    [[indicators]]
    id = "over-fem"
    title = "Fler än fem handläggare"
    theme = "t"
    advice = "Fler."
    rule = { question = "antal", compare = ">", value = 5 }
    """
)

D = dt.date
REF = D(2030, 3, 1)


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    """After every date here: a suggested date that had not come yet would not count."""
    monkeypatch.setattr(dates, "today", lambda: D(2031, 12, 31))


DATE_WINDOW = (
    "ett datum från 2029-03-01 till mätdatum 2030-03-01 – besluta eller följ upp före 2030-03-01"
)

# (indicator, answers, --per, expected changes as (question, value), words the texts contain)
CASES: list[tuple[str, dict[str, Any], dt.date | None, list[tuple[str, Any]], list[str]]] = [
    # Date rules.
    (
        "plan-aktuell",
        {"plan": "ja", "plan_uppfoljd": D(2029, 2, 28)},
        None,
        [("plan_uppfoljd", REF)],
        [DATE_WINDOW, "(nu «2029-02-28»)"],
    ),
    (
        "plan-aktuell",
        {"plan": "ja", "plan_uppfoljd": D(2030, 3, 2)},
        None,
        [("plan_uppfoljd", REF)],
        [DATE_WINDOW, "(nu «2030-03-02»)"],
    ),
    (
        "plan-aktuell",
        {"plan": "ja", "plan_uppfoljd": D(2029, 2, 28)},
        D(2031, 6, 30),
        [("plan_uppfoljd", D(2031, 6, 30))],
        ["från 2030-06-30 till mätdatum 2031-06-30", "följ upp före 2031-06-30"],
    ),
    (
        "plan-aktuell",
        {"plan": "ja"},
        None,
        [("plan_uppfoljd", REF)],
        [DATE_WINDOW],
    ),
    # The date is not asked without a plan: the plan must come first.
    (
        "plan-aktuell",
        {"plan": "nej"},
        None,
        [("plan", "ja"), ("plan_uppfoljd", REF)],
        ["«planen»: «Ja» (nu «Nej»)", DATE_WINDOW],
    ),
    (
        "plan-aktuell",
        {},
        None,
        [("plan", "ja"), ("plan_uppfoljd", REF)],
        ["«planen»: «Ja»", DATE_WINDOW],
    ),
    # Number rules.
    (
        "minst-tre",
        {"antal": 1},
        None,
        [("antal", 3)],
        ["«antalet handläggare»: minst «3 handläggare» (nu «1 handläggare»)"],
    ),
    ("minst-tre", {}, None, [("antal", 3)], ["«antalet handläggare»: minst «3 handläggare»"]),
    (
        "under-tio",
        {"antal": 10},
        None,
        [("antal", 9)],
        ["mindre än «10 handläggare» (nu «10 handläggare»)"],
    ),
    (
        "over-fem",
        {"antal": 5},
        None,
        [("antal", 6)],
        ["mer än «5 handläggare» (nu «5 handläggare»)"],
    ),
    # Multiple-choice rules.
    (
        "insatser",
        {"insatser": ["jobb"]},
        None,
        [("insatser", ["jobb", "rad", "skuld"])],
        ["«insatserna»: lägg till «Rådgivning, Skuldrådgivning» (nu «Arbete»)"],
    ),
    (
        "insatser",
        {"insatser": ["skuld"]},
        None,
        [("insatser", ["skuld", "rad"])],
        ["lägg till «Rådgivning» (nu «Skuldrådgivning»)"],
    ),
    (
        "insatser",
        {"insatser": []},
        None,
        [("insatser", ["rad", "skuld"])],
        ["lägg till «Rådgivning, Skuldrådgivning» (nu «inget av alternativen»)"],
    ),
    (
        "insatser",
        {},
        None,
        [("insatser", ["rad", "skuld"])],
        ["lägg till «Rådgivning, Skuldrådgivning»"],
    ),
]


@pytest.fixture(scope="module")
def questionnaire(tmp_path_factory: pytest.TempPathFactory) -> Questionnaire:
    path = tmp_path_factory.mktemp("q") / "test-2030.toml"
    path.write_text(QUESTIONNAIRE, encoding="utf-8")
    return load_questionnaire(path)


def scored(q: Questionnaire, answers: dict[str, Any], per: dt.date | None = None) -> ScoreReport:
    meta = Meta(
        format_version=1, questionnaire=q.id, municipality_code="2584", municipality_name="Kiruna"
    )
    return score(q, check_answer_set(AnswerSet(meta=meta, answers=answers), q), per)


def verdict_of(report: ScoreReport, indicator: str):  # type: ignore[no-untyped-def]
    return next(v for v in report.verdicts if v.indicator.id == indicator)


@pytest.mark.parametrize(("indicator", "answers", "per", "expected", "words"), CASES)
def test_the_suggested_change_is_the_smallest_that_meets_the_indicator(
    questionnaire: Questionnaire,
    indicator: str,
    answers: dict[str, Any],
    per: dt.date | None,
    expected: list[tuple[str, Any]],
    words: list[str],
) -> None:
    v = verdict_of(scored(questionnaire, answers, per), indicator)
    assert v.state in (State.NOT_MET, State.INCOMPLETE)
    assert [(c.question, c.value) for c in v.changes] == expected
    texts = "\n".join(c.text for c in v.changes)
    for word in words:
        assert word in texts
    fixed = {**answers, **{c.question: c.value for c in v.changes}}
    assert verdict_of(scored(questionnaire, fixed, per), indicator).state is State.MET


def _report_texts(fmt: Format, text: str) -> str:
    """What a reader of each format sees, as one string to search."""
    if fmt is Format.html:  # the text without its tags (a date sits in a nowrap span)
        return html.unescape(re.sub(r"<[^>]+>", "", text))
    if fmt is Format.json:
        return "\n".join(c["text"] for i in json.loads(text)["indicators"] for c in i["changes"])
    if fmt is Format.csv:
        rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
        return "\n".join(r["Det här skulle uppfylla indikatorn"] for r in rows)
    return text.replace("\\", "")  # Markdown escapes, as a renderer shows them


@pytest.mark.parametrize("fmt", offered(Kind.results, files=True))
def test_every_format_lists_the_changes(questionnaire: Questionnaire, fmt: Format) -> None:
    answers = {"insatser": ["jobb"], "plan": "nej", "antal": 1}
    report = scored(questionnaire, answers)
    seen = _report_texts(fmt, str(render(fmt, Kind.results, build(report))))
    changes = [c for v in report.verdicts for c in v.changes]
    assert {c.question for c in changes} == {"insatser", "plan", "plan_uppfoljd", "antal"}
    for change in changes:
        assert change.text in seen


def test_score_shows_the_changes_for_date_and_number_rules(
    runner: CliRunner, write_answers: Any, all_met: Any
) -> None:
    answers = {**all_met(), "rutin_vrakning_uppfoljd": D(2016, 5, 1), "vantetid_dagar": 21}
    result = runner.invoke(app, ["score", str(write_answers(answers)), "--only", "unmet"])
    assert result.exit_code == 0, result.output
    shown = " ".join(result.output.split())
    assert (
        "«vräkningsrutinen senast beslutad eller uppföljd»: ett datum från 2017-03-01 till "
        "mätdatum 2019-03-01 – besluta eller följ upp före 2019-03-01 (nu «2016-05-01»)"
    ) in shown
    assert "«genomsnittlig väntetid till nybesök»: högst «14 dagar» (nu «21 dagar»)" in shown


def test_score_with_a_later_date_moves_the_window(
    runner: CliRunner, write_answers: Any, all_met: Any
) -> None:
    path: Path = write_answers(all_met())
    result = runner.invoke(app, ["score", str(path), "--per", "2025-03-01", "--only", "unmet"])
    assert result.exit_code == 0, result.output
    shown = " ".join(result.output.split())
    assert (
        "från 2023-03-01 till mätdatum 2025-03-01 – besluta eller följ upp före 2025-03-01" in shown
    )
