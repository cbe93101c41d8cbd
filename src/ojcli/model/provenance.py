"""Where a questionnaire's facts come from: public pages, and whether a fact is sourced, inferred or assumed.

A questionnaire lists the pages it rests on under `[[sources]]`, each with an address a person
can open. An indicator then says, for its presence in that year's survey and for its criterion,
whether a source states it (`sourced`), it follows from a stated fact (`inferred`), or no source
was found (`assumed`), naming the pages by id:

    [[sources]]
    id = "kalmar_2020"
    title = "Kalmar kommun: resultat i Öppna jämförelser av ekonomiskt bistånd, 2020 års version"
    url = "https://kalmar.se/…"

    [indicators.presence]
    basis = "sourced"
    sources = ["kalmar_2020"]
    note = "Kalmar kommuns resultatsida för 2020 redovisar indikatorn för 2020."
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ojcli.errors import did_you_mean

if TYPE_CHECKING:
    from ojcli.model.questionnaire import Questionnaire

Basis = Literal["sourced", "inferred", "assumed"]
SourceId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]

# Compiled on first use: a questionnaire read from the cache is not checked again.
_ADDRESS = r"https?://[^\s/]+\.[^\s/]+(/\S*)?"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Source(_Strict):
    """A public page a person can open: what it is and its address.

    `other_area` names the ÖJ area when the page is about another one than ekonomiskt bistånd
    (e.g. "Motverka hemlöshet"): it may explain an assumption, but its figures are never a
    national share of an ekonomiskt bistånd indicator.
    """

    id: SourceId
    title: str = Field(min_length=1)
    url: str
    other_area: str = ""

    @field_validator("url")
    @classmethod
    def _openable(cls, url: str) -> str:
        if not re.fullmatch(_ADDRESS, url):
            raise ValueError(
                "ska vara en webbadress som går att öppna, t.ex. "
                "https://www.socialstyrelsen.se/statistik-och-data/oppna-jamforelser/"
            )
        return url


class Provenance(_Strict):
    """How one fact is known: stated by a source, inferred from one, or assumed; and the pages."""

    basis: Basis
    sources: list[SourceId] = []
    note: str = ""

    @model_validator(mode="after")
    def _grounded(self) -> Provenance:
        if self.basis != "assumed" and not self.sources:
            raise ValueError(
                f'basis = "{self.basis}" kräver minst en källa i sources; '
                'skriv basis = "assumed" om ingen källa visar det'
            )
        if self.basis != "sourced" and not self.note.strip():
            raise ValueError(
                f'basis = "{self.basis}" kräver en note som säger vad som är '
                + ("härlett och ur vad" if self.basis == "inferred" else "antaget")
            )
        return self


def last_shown(questionnaires: Iterable[Questionnaire]) -> dict[str, int]:
    """Per indicator id, the latest survey year any of these questionnaires shows it in."""
    latest: dict[str, int] = {}
    for q in questionnaires:
        for ind in q.indicators:
            years = q.years_shown(ind)
            if years:
                latest[ind.id] = max(years[-1], latest.get(ind.id, years[-1]))
    return latest


def source_problems(q: Questionnaire) -> list[str]:
    """Sources cited but not listed, listed twice, or from another ÖJ area given as a share."""
    by_id = {s.id: s for s in q.sources}
    ids = [s.id for s in q.sources]
    problems = [
        f"källa-id '{d}' förekommer mer än en gång"
        for d in sorted({i for i in ids if ids.count(i) > 1})
    ]
    for ind in q.indicators:
        cited = [
            *(("presence", sid) for sid in (ind.presence.sources if ind.presence else [])),
            *(("criterion", sid) for sid in (ind.criterion.sources if ind.criterion else [])),
            *(("measure", sid) for sid in (ind.measure.sources if ind.measure else [])),
            *((f"national_share {s.year}", sid) for s in ind.national_share for sid in s.sources),
        ]
        for where, sid in cited:
            if sid in by_id and where.startswith("national_share") and by_id[sid].other_area:
                problems.append(
                    f"indikator '{ind.id}', {where}: källan '{sid}' gäller ÖJ {by_id[sid].other_area}; "
                    "ett annat områdes andel får inte anges som andel för ekonomiskt bistånd"
                )
        problems += _unlisted(f"indikator '{ind.id}'", cited, by_id, ids)
        years = [s.year for s in ind.national_share]
        problems += [
            f"indikator '{ind.id}': andelen för {y} anges mer än en gång"
            for y in sorted({y for y in years if years.count(y) > 1})
        ]
    for r in q.reported:
        cited = [("presence", sid) for sid in r.presence.sources]
        cited += [("sources", sid) for sid in r.sources]
        problems += _unlisted(f"redovisat värde '{r.id}'", cited, by_id, ids)
    return problems


def _unlisted(
    who: str, cited: list[tuple[str, str]], by_id: dict[str, Source], ids: list[str]
) -> list[str]:
    """A cited source that is not listed under [[sources]], with "menade du …?"."""
    return [
        f"{who}, {where}: källan '{sid}' finns inte i [[sources]]{did_you_mean(sid, ids)}"
        for where, sid in cited
        if sid not in by_id
    ]
