"""2019 holds every measure Kolada's catalogue of February 2020 lists, the ones that ended in 2021 too.

A copy of the catalogue dated February 2020 lists each measure with values from a survey up to
2019, so a 2019 result scored without some of them looks unlike the municipality's real one.
Where no results page names the measure for 2019, its presence is "inferred" from the
catalogue, and says so. The six measures that ended in 2021 and that no results page names for
2019 (the SIP routine, the competence plan, the four coordination routines) are asked as 2020
asks them and appear in no survey after 2021. The example (`ojcli demo`) answers them, so the
demo shows verdicts, not six more incomplete lines.
"""

from __future__ import annotations

import pytest

from conftest import bundled
from ojcli.files.loading import (
    example_answers,
    load_answers,
)
from ojcli.model.kolada import known_measures
from ojcli.model.operators import Leaf
from ojcli.model.questionnaire import Questionnaire
from ojcli.model.rules import walk
from ojcli.scoring import State, score

# The measures that ended in 2021 and that no results page names for 2019, by indicator id.
ENDED_INFERRED = {
    "rutin-sip": "U31498",
    "kompetensutvecklingsplan": "U31480",
    "samordning-missbruk": "U31468",
    "samordning-socialpsykiatri": "U31469",
    "samordning-barn-unga": "U31473",
    "samordning-lss": "U31474",
}
CATALOGUE_NOTE = (
    "Enligt en daterad kopia av Koladas måttkatalog från februari 2020 fanns måttet {kid} redan "
    "då, med värden från senast enkäten 2019; att frågan ställdes just 2019 är härlett ur det"
)


def february_2020() -> set[str]:
    """The ekonomiskt bistånd measures with a verdict that the February 2020 copy lists."""
    return {
        m.id
        for m in known_measures().measures
        if "2020-02" in m.catalogues and m.coding and not m.other_area
    }


def measures_of(q: Questionnaire) -> dict[str, str]:
    """Kolada id -> the indicator of the year that carries it."""
    return {kid: ind.id for ind in q.indicators if ind.measure for kid in ind.measure.kolada}


def test_2019_holds_every_measure_of_the_february_2020_catalogue_inferred_unless_sourced() -> None:
    q = bundled(2019)
    carried = measures_of(q)
    # U31489 (compiled by sex, without its use) is asked whole by U31490; no year carries it.
    assert february_2020() - {"U31489"} == set(carried)
    assert set(ENDED_INFERRED.values()) <= set(carried)
    for kid, iid in carried.items():
        ind = next(i for i in q.indicators if i.id == iid)
        assert ind.presence is not None, iid
        assert ind.presence.basis in ("sourced", "inferred"), f"{iid}: {ind.presence.basis}"
        if ind.presence.basis == "inferred":
            assert kid in ind.presence.note, iid  # it names the measure it rests on
            assert "kolada_2024" in ind.presence.sources, iid


@pytest.mark.parametrize(("iid", "kid"), ENDED_INFERRED.items())
def test_each_measure_that_ended_in_2021_is_inferred_for_2019_from_the_catalogue(
    iid: str, kid: str
) -> None:
    ind = next(i for i in bundled(2019).indicators if i.id == iid)
    assert ind.presence is not None
    assert ind.presence.basis == "inferred"
    assert ind.presence.note.startswith(CATALOGUE_NOTE.format(kid=kid))
    assert "«(-2021)»" in ind.presence.note  # and that its last values are 2021's
    assert ind.measure is not None
    assert ind.measure.kolada == [kid]
    assert known_measures().measure(kid).ended == 2021


@pytest.mark.parametrize("iid", ENDED_INFERRED)
def test_2019_asks_the_measures_that_ended_as_2020_does(iid: str) -> None:
    """Questions, rule, criterion, measure and share as 2020 holds them: one definition."""
    q2019, q2020 = bundled(2019), bundled(2020)
    old = next(i for i in q2019.indicators if i.id == iid)
    new = next(i for i in q2020.indicators if i.id == iid)
    for field in ("title", "theme", "advice", "rule", "criterion", "measure", "national_share"):
        assert getattr(old, field) == getattr(new, field), f"{iid}: {field}"
    asked = [n.question for _, n in walk(old.rule) if isinstance(n, Leaf)]
    assert asked
    for qid in asked:
        assert q2019.question(qid) == q2020.question(qid), qid
        assert q2019.section_of(qid).id == q2020.section_of(qid).id, qid


def test_the_2019_indicators_follow_2020s_order() -> None:
    order_2020 = [i.id for i in bundled(2020).indicators]
    in_2019 = [i.id for i in bundled(2019).indicators if i.id in order_2020]
    assert in_2019 == [iid for iid in order_2020 if iid in in_2019]


def test_the_sip_routine_shows_its_2018_share_with_its_year_and_claims_none_for_2019() -> None:
    ind = next(i for i in bundled(2019).indicators if i.id == "rutin-sip")
    assert ind.share_for(2019) is None
    latest = ind.latest_share(2019)
    assert latest is not None
    assert (latest.year, latest.percent, latest.sources) == (2018, 42, ["skl_2018"])
    # The SIP routine's only time limit is an assumption (Kolada's description gives none), as in 2018.
    assert ind.criterion is not None
    assert ind.criterion.basis == "assumed"
    # The others have no share from any source.
    others = [i for i in bundled(2019).indicators if i.id in ENDED_INFERRED and i.id != "rutin-sip"]
    assert len(others) == 5
    assert all(i.national_share == [] for i in others)


def test_the_measures_that_ended_are_in_2019_to_2021_and_in_no_later_year() -> None:
    for y in (2019, 2020, 2021):
        assert set(ENDED_INFERRED) <= {i.id for i in bundled(y).indicators}, y
    for y in (2022, 2023, 2024):
        assert not set(ENDED_INFERRED) & {i.id for i in bundled(y).indicators}, y


def test_the_example_answers_the_new_measures_with_met_and_not_met() -> None:
    answers, q = load_answers(example_answers())
    states = {v.indicator.id: v.state for v in score(q, answers).verdicts}
    new = {iid: states[iid] for iid in ENDED_INFERRED}
    assert State.INCOMPLETE not in new.values()
    assert {State.MET, State.NOT_MET} <= set(new.values())  # the demo stays instructive
    # Only the indicator left unanswered on purpose is incomplete.
    assert [iid for iid, s in states.items() if s is State.INCOMPLETE] == ["information-rattsfall"]
