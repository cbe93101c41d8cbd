"""The words and number formats of the reports, exactly as a reader sees them (ojcli.report.wording).

One percent format everywhere: a national share of 73.5 % reads "73,5 %" in every view that
shows it, the report, the comparison of many files (md, html, terminal) and `questionnaires show`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import pytest
from rich.console import Console, RenderableType

from ojcli.compare.many import compare_many
from ojcli.files.loading import example_answers, find_questionnaire, load_questionnaire
from ojcli.model.questionnaire import NationalShare
from ojcli.report import published as pub
from ojcli.report import wording as w
from ojcli.report.compare.terminal import render_many_view
from ojcli.report.compare.text import render_html, render_markdown
from ojcli.report.model import IndicatorResult, Share, ThemeResult
from ojcli.report.questionnaire import render_questionnaire
from ojcli.scoring import State


def test_percent_has_a_decimal_comma() -> None:
    assert w.percent(73.5) == "73,5 %"
    assert w.percent(73.0) == "73 %"
    assert w.percent(20, approximate=True) == "≈20 %"
    assert w.decimal(12.25) == "12,25"


def test_computed_shares_round_half_up_to_whole_percent() -> None:
    assert (w.round_percent(58.5), w.round_percent(46.5), w.round_percent(58.4)) == (59, 47, 58)
    assert w.whole_percent(66.666) == "67 %"
    assert w.group_share(62.5) == "63 %"
    assert w.group_share(None) == "–"
    assert w.machine_percent(66.666) == 66.7


@pytest.mark.parametrize(
    ("basis", "shown"), [("stated", "73,5 %"), ("inferred", "≈73,5 %"), ("approximate", "≈73,5 %")]
)
def test_a_national_share_says_when_it_is_approximate(basis: str, shown: str) -> None:
    share = NationalShare(year=2019, percent=73.5, basis=basis, sources=["sos_eb_2019"])  # type: ignore[arg-type]
    assert w.share_text(share) == shown
    assert Share(2019, 73.5, basis).text == shown  # the report model's share reads the same
    assert w.share_text(None) == "–"


def _indicator(state: State) -> IndicatorResult:
    return IndicatorResult(
        "i", "Titel", "t", "Tema", state, (), "", (), (), None, "", ()
    )  # only the state counts here


def _theme(states: list[State], mean: float | None, known: int) -> ThemeResult:
    return ThemeResult("t", "Tema", tuple(_indicator(s) for s in states), mean, known)


def test_the_here_and_national_sentence() -> None:
    t = _theme([State.MET, State.MET, State.NOT_MET, State.NOT_APPLICABLE], 43.4, 4)
    assert w.theme_line(w.theme_here(t), w.theme_national(t)) == "Här: 67 % (2 av 3) · Riket: 43 %"
    # A mean that rests on some of the theme's indicators says so, in every format alike.
    partly = _theme([State.MET, State.NOT_MET], 86.5, 1)
    assert w.theme_line(w.theme_here(partly), w.theme_national(partly)) == (
        "Här: 50 % (1 av 2) · Riket: 87 % (1 av 2 kända)"
    )


def test_a_theme_where_nothing_applies_or_no_share_is_known() -> None:
    t = _theme([State.NOT_APPLICABLE], None, 0)
    assert w.theme_here(t) == "ingen indikator gäller"
    assert w.theme_national(t) == "uppgift saknas"


def test_the_score_legend_explains_the_national_means_only_when_shown() -> None:
    without = pub.score_legend(2019, national_means=False, share_years=[2019, 2019])
    assert without == (
        "Här: andel uppfyllda av de indikatorer som gäller här, antalet inom parentes. Procent "
        "vid indikatorerna: andel av landets kommuner som uppfyllde indikatorn 2019 "
        "(≈ = ungefärligt eller härlett)."
    )
    assert "Riket per tema: medelvärdet" in pub.score_legend(2019, True, [2019])
    assert w.SHARE_LEGEND.endswith("– betyder att ingen andel är känd.")


LEGENDS = [
    # (the years of the indicators' shares, what the legend says of them)
    ([2019, 2019], "uppfyllde indikatorn 2019 (≈"),
    (
        [2019, 2018],
        "uppfyllde indikatorn 2019, eller det år som står inom parentes när 2019 saknas (≈",
    ),
    ([2024, 2023], "uppfyllde indikatorn det år som står inom parentes, det senaste kända (≈"),
    ([2024, None], "– vid en indikator: ingen andel känd i riket."),
]


@pytest.mark.parametrize(("years", "says"), LEGENDS)
def test_the_score_legend_claims_a_share_only_for_a_year_that_has_one(
    years: list[int | None], says: str
) -> None:
    legend = pub.score_legend(2027 if 2019 not in years else 2019, False, years)
    assert says in legend
    assert "uppfyllde indikatorn 2027" not in legend


def test_a_theme_mean_of_earlier_years_names_them() -> None:
    t = _theme([State.MET, State.NOT_MET], 55, 2)._replace(national_years=(2023, 2024))
    assert w.theme_national(t) == "55 % (2023–2024)"
    partly = _theme([State.MET, State.NOT_MET, State.MET], 60, 1)._replace(national_years=(2024,))
    assert w.theme_national(partly) == "60 % (2024; 1 av 3 kända)"


def test_no_share_known_makes_no_share_sentence() -> None:
    legend = pub.score_legend(2027, False, [None, None])
    assert "Procent vid indikatorerna" not in legend
    assert legend.endswith("– vid en indikator: ingen andel känd i riket.")


@pytest.mark.parametrize(
    ("year", "share", "shown"),
    [
        (2019, (2019, 73.0, "stated"), "73 %"),
        (2027, (2024, 70.0, "stated"), "70 % (2024)"),
        (2027, (2018, 20.0, "approximate"), "≈20 % (2018)"),
        (2027, None, "–"),
    ],
)
def test_a_share_of_another_year_names_its_year(
    year: int, share: tuple[int, float, str] | None, shown: str
) -> None:
    assert pub.dated_share(None if share is None else Share(*share), year) == shown


def test_report_header_lines() -> None:
    assert w.unit_line("Kiruna", "2584", "") == "Kiruna (kommunkod 2584)"
    assert (
        w.unit_line("Kiruna", "2584", "Anna") == "Kiruna (kommunkod 2584) · Uppgiftslämnare: Anna"
    )
    day, survey_day = dt.date(2019, 3, 1), dt.date(2019, 3, 1)
    assert w.reference_text(day, survey_day, "") == "Mätdatum 2019-03-01"
    assert w.reference_text(day, survey_day, "Antaget.") == "Mätdatum 2019-03-01 (Antaget.)"
    # Documents name no option; the terminal says how to choose another date.
    assert w.reference_text(dt.date(2019, 6, 1), survey_day, "not") == (
        "Mätdatum 2019-06-01 (valt i stället för enkätens; enkätens mätdatum är 2019-03-01)"
    )
    assert w.reference_text(dt.date(2019, 6, 1), survey_day, "not", commands=True) == (
        "Mätdatum 2019-06-01 (angivet med --per; enkätens mätdatum är 2019-03-01)"
    )
    assert w.reference_text(day, survey_day, "Antaget.", commands=True) == (
        "Mätdatum 2019-03-01 (Antaget. Bedöm mot ett annat datum med --per.)"
    )


@pytest.mark.parametrize(
    ("message", "in_a_document"),
    [
        (
            "s.toml:3: answers.x: frågan 'x' finns inte i enkäten 2019. Frågorna listas med: "
            "ojcli questionnaires show 2019",
            "s.toml:3: answers.x: frågan 'x' finns inte i enkäten 2019.",
        ),
        (
            "läser högst 1. Installera en nyare ojcli på samma sätt som den här: med pipx "
            "install --force . (eller uv tool install --force .). Eller öppna filen.",
            "läser högst 1. Eller öppna filen.",
        ),
        ("s.toml:2: ett datum – 2019-03-01 – saknas", "s.toml:2: ett datum – 2019-03-01 – saknas"),
    ],
)
def test_a_document_drops_the_sentences_that_name_a_command(
    message: str, in_a_document: str
) -> None:
    assert w.without_commands(message) == in_a_document


def test_answer_sheet_words() -> None:
    counts = {"answered": 40, "unanswered": 2, "not_asked": 3}
    assert w.sheet_counts(counts) == "40 besvarade, 2 obesvarade, 3 ställs inte."
    assert w.status_label("unanswered") == "? obesvarad"
    assert w.status_label("not_asked") == "– ställs inte"


def test_comparison_words() -> None:
    assert (
        w.files_line(3, 5, 1, 1) == "3 av 5 filer jämförda, 1 kunde inte läsas, 1 gäller andra år."
    )
    assert w.files_line(2, 2, 0, 0) == "2 av 2 filer jämförda."
    assert w.year_heading(2019, "ÖJ 2019", 1) == "2019 – ÖJ 2019 (1 enhet)"
    assert w.year_heading(2019, "ÖJ 2019", 20) == "2019 – ÖJ 2019 (20 enheter)"
    assert w.COMPARISON_LEGEND.startswith(
        "Tecken: ✓ uppfylld, ✗ ej uppfylld, ? ofullständig (svar saknas), – ej tillämplig. "
    )
    assert w.COMPARISON_LEGEND.endswith(w.SHARE_LEGEND)


def _text(renderable: RenderableType) -> str:
    out = io.StringIO()
    Console(file=out, width=200, color_system=None).print(renderable)
    return out.getvalue()


def test_every_view_of_many_files_shows_a_decimal_share_with_a_comma() -> None:
    c = compare_many([example_answers()])
    m = c.years[0]
    first = dataclasses.replace(
        m.columns[0], national=NationalShare(year=m.year, percent=73.5, sources=["sos_eb_2019"])
    )
    m = dataclasses.replace(m, columns=(first, *m.columns[1:]))
    c = dataclasses.replace(c, years=(m,))
    for shown in (render_markdown(c), render_html(c), _text(render_many_view(c))):
        assert "73,5" in shown
        assert "73.5" not in shown


def test_questionnaires_show_gives_a_decimal_share_with_a_comma() -> None:
    q = load_questionnaire(find_questionnaire(2019))
    share = NationalShare(year=2019, percent=73.5, sources=["sos_eb_2019"])
    first = q.indicators[0].model_copy(update={"national_share": [share]})
    q = q.model_copy(update={"indicators": [first, *q.indicators[1:]]})
    shown = _text(render_questionnaire(q))
    assert "Riket: 2019: 73,5 %" in shown
    assert "73.5" not in shown
