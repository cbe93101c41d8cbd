"""The Kolada measures ojcli knows: each survey indicator's published measure, with its coding.

Kolada (RKA's municipal database) publishes each ÖJ survey indicator as a measure with an id
(U and five digits), a title that states its coding ("Ja=1, Nej=0", "Ja, för alla=2, …") and
a description of the criterion. `data/kolada.toml` lists the measures the bundled
questionnaires may name, read from dated copies of Kolada's catalogue (`[[catalogues]]`, each
with an address a person can open), so a questionnaire cannot cite an id nobody has seen.

Read by tests and checks only: `ojcli score` never loads this list (start-up budget).
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ojcli import PACKAGE_DIR

KoladaId = Annotated[str, Field(pattern=r"^U[0-9]{5}$")]
CatalogueId = Annotated[str, Field(pattern=r"^[0-9]{4}-[0-9]{2}$")]  # year and month of the copy

_ADDRESS = r"https?://[^\s/]+\.[^\s/]+(/\S*)?"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Level(_Strict):
    """One coded answer of a measure: the value Kolada stores and the answer it stands for."""

    value: int
    label: str = Field(min_length=1)


class Catalogue(_Strict):
    """A dated copy of Kolada's measure catalogue.

    `checked` copies were opened for this list (ids, titles and codings compared); an unchecked
    one is named by the project's research but could not be opened again, and says so.
    """

    id: CatalogueId
    title: str = Field(min_length=1)
    url: str = ""
    checked: bool
    note: str = ""

    @field_validator("url")
    @classmethod
    def _openable(cls, url: str) -> str:
        if url and not re.fullmatch(_ADDRESS, url):
            raise ValueError("ska vara en webbadress som går att öppna")
        return url

    @model_validator(mode="after")
    def _grounded(self) -> Catalogue:
        if self.checked and not self.url:
            raise ValueError("en kontrollerad katalogkopia kräver url")
        if not self.checked and not self.note.strip():
            raise ValueError("en okontrollerad katalogkopia kräver en note som säger varför")
        return self


class KnownMeasure(_Strict):
    """A Kolada measure: its exact title, what it is about, its coding and the value that is met.

    A coded measure has `coding` and `met_value` (the top level: multi-level answers are coded
    2/1/0 and only 2 is met). A measure without coding reports a figure (`unit`, e.g. a share
    in per cent) and has no met value. `ended` is the last survey year of a measure whose
    Kolada title says "(-2021)". `other_area` names the ÖJ area of a measure that belongs to
    another area than ekonomiskt bistånd: it is never an ekonomiskt bistånd indicator's measure.
    """

    id: KoladaId
    title: str = Field(min_length=1)
    subject: str = Field(min_length=1)
    coding: list[Level] = []
    met_value: int | None = None
    met_label: str = ""
    unit: str = ""
    catalogues: list[CatalogueId] = Field(min_length=1)
    ended: int | None = None
    other_area: str = ""
    note: str = ""

    @property
    def met(self) -> Level | None:
        """The level that means met, for a coded measure."""
        return next((lv for lv in self.coding if lv.value == self.met_value), None)

    @model_validator(mode="after")
    def _coherent(self) -> KnownMeasure:
        if self.coding:
            values = [lv.value for lv in self.coding]
            if len(set(values)) != len(values):
                raise ValueError(f"{self.id}: ett kodat värde förekommer mer än en gång")
            met = self.met
            if met is None:
                raise ValueError(f"{self.id}: met_value ska vara ett av de kodade värdena")
            if met.label != self.met_label:
                raise ValueError(
                    f"{self.id}: met_label ska vara '{met.label}', svaret som värdet "
                    f"{met.value} står för"
                )
        elif self.met_value is not None or self.met_label or not self.unit:
            raise ValueError(
                f"{self.id}: ett mått utan kodning redovisar ett värde (unit) och har inget met_value"
            )
        said = re.search(r"\(-([0-9]{4})\)", self.title)
        if self.ended != (int(said.group(1)) if said else None):
            raise ValueError(
                f"{self.id}: ended ska vara det år titeln anger med (-ÅR), och saknas annars"
            )
        return self


class Unmeasured(_Strict):
    """An indicator for which no Kolada measure is known, and the catalogue copies searched for one.

    `note` is what a questionnaire says in place of an id (`[indicators.measure] note`): ojcli
    never invents an id where none was found.
    """

    indicator: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    subject: str = Field(min_length=1)
    searched: list[CatalogueId] = Field(min_length=1)
    note: str = Field(min_length=1)


class KoladaList(_Strict):
    """The known measures, the indicators known to have none, and the catalogue copies read."""

    catalogues: list[Catalogue] = Field(min_length=1)
    measures: list[KnownMeasure] = Field(min_length=1)
    unmeasured: list[Unmeasured] = []

    def measure(self, kid: str) -> KnownMeasure:
        """The known measure with this id (KeyError if unknown)."""
        return {m.id: m for m in self.measures}[kid]

    def catalogue(self, cid: str) -> Catalogue:
        """The catalogue copy with this id (KeyError if unknown)."""
        return {c.id: c for c in self.catalogues}[cid]

    @model_validator(mode="after")
    def _references(self) -> KoladaList:
        ids = [m.id for m in self.measures]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"måttet {dupes[0]} förekommer mer än en gång")
        known = {c.id for c in self.catalogues}
        for m in self.measures:
            unknown = [c for c in m.catalogues if c not in known]
            if unknown:
                raise ValueError(f"{m.id}: katalogkopian {unknown[0]} finns inte i [[catalogues]]")
        for u in self.unmeasured:
            unknown = [c for c in u.searched if c not in known]
            if unknown:
                raise ValueError(
                    f"{u.indicator}: katalogkopian {unknown[0]} finns inte i [[catalogues]]"
                )
            named = [k for k in re.findall(r"\bU[0-9]{5}\b", u.note) if k not in ids]
            if named:
                raise ValueError(f"{u.indicator}: note nämner {named[0]}, som inte finns i listan")
        return self


@cache
def known_measures() -> KoladaList:
    """The list shipped in `ojcli/data/kolada.toml`."""
    text = (PACKAGE_DIR / "data" / "kolada.toml").read_text(encoding="utf-8")
    return KoladaList.model_validate(tomllib.loads(text))
