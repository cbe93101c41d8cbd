"""Each bundled indicator names its published Kolada measure, held to the list the project keeps.

The list (`ojcli/data/kolada.toml`) is read from dated copies of Kolada's catalogue; a
questionnaire may only name an id on it, with the coded value and answer that mean met. A
user looks the value up in Kolada with that id: a wrong id, or a met value that is not the top
level, would send them to another number than the one their municipality was scored on.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from ojcli.files.loading import list_questionnaires, load_questionnaire
from ojcli.model.kolada import KnownMeasure, KoladaList, known_measures
from ojcli.model.questionnaire import Questionnaire, SingleChoiceQuestion
from ojcli.model.rules import Equals, walk

ROOT = Path(__file__).resolve().parents[1]

# The measures of the domain reference's third pass, as Kolada's catalogues show them.
EB_MEASURES = {
    "U31509", "U37543", "U37535", "U31497", "U31485", "U31491", "U30427", "U30426", "U31467",
    "U31466", "U31488", "U31490", "U31489", "U31600", "U31601", "U31602", "U31493", "U31498",
    "U31512", "U31513", "U31514", "U31476", "U31477", "U31478", "U31479", "U31482", "U31483",
    "U31484", "U31508", "U31510", "U31511", "U33619", "U31468", "U31469", "U31473", "U31474",
    "U31480",
}  # fmt: skip
ENDED_2021 = {"U31497", "U31466", "U31498", "U31468", "U31469", "U31473", "U31474", "U31480"}
OTHER_AREA = {"U30437", "U30438", "U30442"}  # ÖJ Motverka hemlöshet
REPORTED = {"U31404"}  # a share without met / not met, new in the March 2026 catalogue

# The survey's own answer levels, as the questions offer them (value, label), top level first.
LEVELS = {
    "Ja, för alla": [("ja_alla", "Ja, för alla"), ("ja_inte_alla", "Ja, men inte för alla"), ("nej", "Nej")],
    "Ja, i alla utredningar": [
        ("ja_alla", "Ja, i alla utredningar"),
        ("ja_inte_alla", "Ja, men inte i alla"),
        ("nej", "Nej"),
    ],
    "Ja": [("ja", "Ja"), ("delvis", "Delvis"), ("nej", "Nej")],
}  # fmt: skip


def bundled() -> list[Questionnaire]:
    return [load_questionnaire(info.path) for info in list_questionnaires()]


def by_year(y: int) -> Questionnaire:
    return next(q for q in bundled() if q.year == y)


# --- the list itself ------------------------------------------------------------------------


def test_the_list_holds_every_measure_of_the_catalogues_and_nothing_else() -> None:
    known = known_measures()
    assert {m.id for m in known.measures} == EB_MEASURES | OTHER_AREA | REPORTED
    assert {m.id for m in known.measures if m.ended} == ENDED_2021
    assert {m.id for m in known.measures if m.ended} <= {
        m.id for m in known.measures if m.ended == 2021
    }
    assert {m.id for m in known.measures if m.other_area} == OTHER_AREA
    assert {m.id for m in known.measures if not m.coding} == REPORTED


def test_every_measure_says_which_catalogue_copies_show_it() -> None:
    known = known_measures()
    april_2024 = {m.id for m in known.measures if "2024-04" in m.catalogues}
    march_2026 = {m.id for m in known.measures if "2026-03" in m.catalogues}
    assert april_2024 == (EB_MEASURES | OTHER_AREA), "every measure but U31404 is in April 2024"
    # In 2026 the survey's ekonomiskt bistånd measures are gone; only outreach and U31404 remain.
    assert march_2026 == {"U30426", "U30427", "U31404"}
    # The individual-based follow-up questions are new after February 2020.
    assert not {"U31600", "U31601", "U31602"} & {
        m.id for m in known.measures if "2020-02" in m.catalogues
    }


def test_a_catalogue_copy_is_an_address_to_open_or_says_why_not() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for catalogue in known_measures().catalogues:
        if catalogue.checked:
            assert catalogue.url.startswith("https://github.com/LCHansson/rKolada/blob/")
            assert catalogue.url.endswith("/R/sysdata.rda")
            assert f"<{catalogue.url}>" in readme, f"README's Källor does not list {catalogue.id}"
        else:
            assert "inte" in catalogue.note  # the note says it was not checked


@pytest.mark.parametrize("measure", known_measures().measures, ids=lambda m: m.id)
def test_the_title_states_the_coding_and_the_top_level_is_met(measure: KnownMeasure) -> None:
    """Kolada's title carries the coding ("Ja=1, Nej=0"): the list's values are read from it."""
    if not measure.coding:
        assert measure.met_value is None
        assert measure.unit
        return
    after, before = (
        re.findall(r"=\s*([0-9])\b", measure.title),
        re.findall(r"\b([0-9])=", measure.title),
    )
    coded = {int(v) for v in after + before}
    assert {lv.value for lv in measure.coding} == coded
    assert measure.met_value == max(coded), "only the top level is met"
    assert measure.met is not None
    assert measure.met.label == measure.met_label


MEASURE = {
    "id": "U31485",
    "title": "Strukturerad utredningsmall används (Ja, alla=2, Ja, men inte alla=1, Nej=0)",
    "subject": "Mall",
    "coding": [
        {"value": 2, "label": "Ja, i alla utredningar"},
        {"value": 1, "label": "Ja, men inte i alla"},
        {"value": 0, "label": "Nej"},
    ],
    "met_value": 2,
    "met_label": "Ja, i alla utredningar",
    "catalogues": ["2024-04"],
}


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"met_value": 3}, "met_value ska vara ett av de kodade värdena"),
        ({"met_label": "Ja"}, "met_label ska vara 'Ja, i alla utredningar'"),
        ({"title": MEASURE["title"] + " (-2021)"}, "ended ska vara det år titeln anger"),
        ({"ended": 2021}, "ended ska vara det år titeln anger"),
        ({"coding": [], "met_value": None, "met_label": ""}, "redovisar ett värde (unit)"),
        ({"id": "U3148"}, "id"),
        ({"catalogues": ["2019-02"]}, "katalogkopian 2019-02 finns inte"),
    ],
)
def test_a_mistake_in_the_list_is_refused_in_swedish(
    change: dict[str, object], expected: str
) -> None:
    data = {
        "catalogues": [{"id": "2024-04", "title": "April 2024", "url": "https://x.se/a", "checked": True}],
        "measures": [{**MEASURE, **change}],
    }  # fmt: skip
    with pytest.raises(ValidationError, match=re.escape(expected)):
        KoladaList.model_validate(data)


UNMEASURED = {
    "indicator": "separata-moten",
    "subject": "Separata möten",
    "searched": ["2024-04"],
    "note": "Inget Kolada-mått är känt.",
}


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"searched": ["2019-02"]}, "separata-moten: katalogkopian 2019-02 finns inte"),
        ({"note": "Inget känt; se U31999."}, "separata-moten: note nämner U31999"),
        ({"searched": []}, "searched"),
    ],
)
def test_a_mistake_in_an_indicator_without_a_measure_is_refused(
    change: dict[str, object], expected: str
) -> None:
    data = {
        "catalogues": [{"id": "2024-04", "title": "April 2024", "url": "https://x.se/a", "checked": True}],
        "measures": [MEASURE],
        "unmeasured": [{**UNMEASURED, **change}],
    }  # fmt: skip
    with pytest.raises(ValidationError, match=re.escape(expected)):
        KoladaList.model_validate(data)
    KoladaList.model_validate({**data, "unmeasured": [UNMEASURED]})  # the sound one reads


# --- the bundled questionnaires against the list ---------------------------------------------


def indicators() -> list[tuple[Questionnaire, str]]:
    return [(q, ind.id) for q in bundled() for ind in q.indicators]


@pytest.mark.parametrize(
    ("q", "indicator_id"), indicators(), ids=lambda x: x if isinstance(x, str) else x.id
)
def test_every_indicator_names_a_known_measure_or_says_why_none(
    q: Questionnaire, indicator_id: str
) -> None:
    ind = next(i for i in q.indicators if i.id == indicator_id)
    assert ind.measure is not None, f"{q.year} {ind.id}: no [indicators.measure]"
    if not ind.measure.kolada:
        # Only where the project's list says a search found none, and in the list's words.
        unmeasured = {u.indicator: u for u in known_measures().unmeasured}
        assert ind.id in unmeasured, f"{q.year} {ind.id}: no Kolada id and not in [[unmeasured]]"
        assert ind.measure.note == unmeasured[ind.id].note
        assert ind.measure.met_value is None
        return
    known = known_measures()
    for kid in ind.measure.kolada:
        measure = known.measure(kid)  # KeyError: an id the project never saw
        assert not measure.other_area, f"{kid} belongs to ÖJ {measure.other_area}"
        assert measure.coding, f"{kid} is a reported value, not a verdict"
        assert (ind.measure.met_value, ind.measure.met_label) == (
            measure.met_value,
            measure.met_label,
        )
        assert measure.ended is None or q.year <= measure.ended, f"{kid} ended {measure.ended}"
        assert "2024-04" in measure.catalogues or q.year < 2024
    page = q.source_page(ind.measure.sources[0])
    assert page.url == known.catalogue("2024-04").url


def test_an_indicator_without_a_measure_says_where_one_was_sought() -> None:
    """separata-moten has no Kolada id: the data says none is known, and which copies were read."""
    known = known_measures()
    without = {
        ind.id for q in bundled() for ind in q.indicators if ind.measure and not ind.measure.kolada
    }
    assert without == {u.indicator for u in known.unmeasured}
    separate = next(u for u in known.unmeasured if u.indicator == "separata-moten")
    assert separate.note.startswith("Inget Kolada-mått är känt")
    assert all(known.catalogue(c).checked for c in separate.searched)
    assert set(separate.searched) >= {"2024-04"}


def test_every_kolada_id_a_bundled_file_mentions_is_on_the_list() -> None:
    """Not only `kolada = [...]`: no note, help text or comment names an id nobody has seen."""
    known = {m.id for m in known_measures().measures}
    files = [info.path for info in list_questionnaires()]
    files.append(ROOT / "src" / "ojcli" / "data" / "kolada.toml")
    unknown = {
        (path.name, kid)
        for path in files
        for kid in re.findall(r"\bU[0-9]{5}\b", path.read_text(encoding="utf-8"))
        if kid not in known
    }
    assert unknown == set()
    assert len(files) >= 8


def test_no_measure_that_ended_appears_after_its_last_year() -> None:
    known = known_measures()
    late = [
        (q.year, ind.id, kid)
        for q in bundled()
        for ind in q.indicators
        for kid in (ind.measure.kolada if ind.measure else [])
        if (ended := known.measure(kid).ended) is not None and q.year > ended
    ]
    assert late == []
    assert not any(
        ind.id in {"socialjour", "rutin-skyddade-personuppgifter", "rutin-sip"}
        for q in bundled()
        if q.year > 2021
        for ind in q.indicators
    )


def test_an_indicator_keeps_its_measure_from_year_to_year() -> None:
    """Comparing an indicator across years compares one published measure, and a measure is one indicator."""
    measures: dict[str, set[tuple[str, ...]]] = {}
    owners: dict[str, set[str]] = {}
    for q in bundled():
        for ind in q.indicators:
            kolada = tuple(ind.measure.kolada) if ind.measure else ()
            measures.setdefault(ind.id, set()).add(kolada)
            for kid in kolada:
                owners.setdefault(kid, set()).add(ind.id)
    assert {i: m for i, m in measures.items() if len(m) > 1} == {}
    assert {k: o for k, o in owners.items() if len(o) > 1} == {}


def test_a_question_in_levels_offers_the_surveys_levels_and_only_the_top_one_meets() -> None:
    """Where the measure is coded in three levels, the question asks in them; the rule wants the first."""
    checked = 0
    for q in bundled():
        for ind in q.indicators:
            if ind.measure is None or not ind.measure.kolada:
                continue
            measure = known_measures().measure(ind.measure.kolada[0])
            wanted = [
                (node, q.question(node.question))
                for _, node in walk(ind.rule)
                if isinstance(node, Equals)
                and isinstance(q.question(node.question), SingleChoiceQuestion)
            ]
            for node, question in wanted:
                assert isinstance(question, SingleChoiceQuestion)
                if {o.value for o in question.options} & {"ja_alla", "delvis"}:
                    assert len(measure.coding) == 3, f"{q.year} {ind.id}"
                    pairs = [(o.value, o.label) for o in question.options]
                    # A question that was yes / no before keeps "Vet ej" last, so answers read.
                    if pairs[-1] == ("vet_ej", "Vet ej"):
                        assert q.year <= 2021, f"{q.year} {question.id}"
                        pairs = pairs[:-1]
                    assert pairs == LEVELS[measure.met_label], f"{q.year} {question.id}"
                    assert node.equals == pairs[0][0], "only the top level is met"
                    checked += 1
    # 4 in 2018, 9 in 2019, 10 in 2020, 8 in 2021, 7 in 2022, 8 in 2023, 9 in 2024
    assert checked == 55


def test_2024_asks_every_measure_the_april_2024_catalogue_plans_for_it() -> None:
    q = by_year(2024)
    named = {kid for ind in q.indicators for kid in (ind.measure.kolada if ind.measure else [])}
    planned = {
        m.id
        for m in known_measures().measures
        if "2024-04" in m.catalogues and not m.ended and not m.other_area
    }
    assert planned - named == {"U31489"}  # compiled by sex without its use: U31490 asks it whole
    assert len(q.indicators) >= 20


def test_score_does_not_read_the_list() -> None:
    from test_layering import imported_after

    modules = imported_after(
        "import sys\n"
        "from ojcli.cli import main\n"
        "from ojcli.files.loading import example_answers\n"
        "sys.argv = ['ojcli', 'score', str(example_answers())]\n"
        "try:\n    main()\nexcept SystemExit as exit:\n    assert exit.code == 0\n"
    )
    assert "ojcli.report.one.text" in modules  # it did score
    assert "ojcli.model.kolada" not in modules
