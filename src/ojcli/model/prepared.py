"""What ojcli adds to a survey year it prepares: the file `data/prepared.toml`, and its rules.

A prepared year (`ojcli questionnaires new ÅR`) starts from the newest bundled year. What is
known about the years after it is data, shipped with ojcli and checked here like a
questionnaire: the law each survey year cites (a new socialtjänstlag from 1 July 2025, with the
paragraphs of the old one mapped where the number is known and the rule named where it is not),
help on the activity requirement for the questions it touches, which published measures Kolada's
newest catalogue still lists, values reported without a verdict that a year may ask, and the
notes the prepared file starts with. Every fact says whether a source states it or ojcli
infers it.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ojcli.model.measures import KoladaId
from ojcli.model.provenance import Provenance, Source
from ojcli.model.questionnaire import Question, Section
from ojcli.model.reported import ReportedShare

Year = Annotated[int, Field(ge=2000, le=2100)]
_PARAGRAPH = r"\d+ (?:a )?kap\. \d+ (?:[a-z] )?§"  # "4 kap. 1 §", "2 a kap. 3 §", "4 kap. 1 a §"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Citation(_Strict):
    """One paragraph of the old law, and where the new law has it.

    `new` is the new law's number ("12 kap. 1 §") where it is known; where it is not, `rule`
    names the rule in words and no number is given. `provenance` says whether a source states the
    new number or ojcli infers it.
    """

    old: str = Field(pattern=rf"^{_PARAGRAPH}$")
    new: str = ""
    rule: str = Field(min_length=1)
    provenance: Provenance

    @model_validator(mode="after")
    def _number_or_rule(self) -> Citation:
        if self.provenance.basis == "assumed":
            raise ValueError(
                "en paragrafhänvisning ska vara belagd (sourced) eller härledd (inferred)"
            )
        return self


class Law(_Strict):
    """The law a survey year cites: the old one up to `from_year`, the new one from it."""

    from_year: Year
    old_name: str = Field(min_length=1)  # "socialtjänstlagen (2001:453)"
    new_name: str = Field(min_length=1)  # "socialtjänstlagen (2025:400)"
    citations: list[Citation] = Field(min_length=1)
    # Said after a paragraph moved to the new law on an inference, e.g. "(härlett; tidigare …)".
    inferred_note: str = Field(min_length=1)
    # A paragraph of the old law the mapping does not know: the rule named, never a number.
    unknown: str = Field(min_length=1)

    def cite(self, text: str) -> str:
        """`text` with each citation of the old law moved to the new one.

        "4 kap. 1 § socialtjänstlagen (2001:453)" becomes "12 kap. 1 § socialtjänstlagen
        (2025:400)" (marked as inferred where it is); a paragraph not in the mapping becomes the
        `unknown` wording, which names the old paragraph instead of guessing a new number; the
        law named alone becomes the new law.
        """
        by_old = {c.old: c for c in self.citations}
        old_name = re.escape(self.old_name)

        def moved(match: re.Match[str]) -> str:
            if match.group(1) is None:  # the law named alone
                return self.new_name
            paragraph = " ".join(match.group(1).split())
            citation = by_old.get(paragraph)
            if citation is None:
                return self.unknown.format(
                    old=paragraph, old_name=self.old_name, new_name=self.new_name
                )
            new = f"{citation.new} {self.new_name}"
            if not citation.new:  # the number is not known: the rule named instead
                new = f"bestämmelsen om {citation.rule} i {self.new_name}"
            if citation.provenance.basis == "inferred":
                new += " " + self.inferred_note.format(old=paragraph, old_name=self.old_name)
            return new

        # One pass, so that the old law named in a note is not moved again. A number in a form
        # not read here ("4 kap. 1 och 2 §§") stays with the old law's name: never a wrong number.
        return re.sub(rf"(?<!§ )(?:({_PARAGRAPH}) )?{old_name}", moved, text)


class HelpAddition(_Strict):
    """A paragraph added to a prepared year's help, for indicators with one of these measures.

    It goes to the first question each indicator whose published measure is one of `measures`
    reads.
    """

    measures: list[KoladaId] = Field(min_length=1)
    from_year: Year
    text: str = Field(min_length=1)
    provenance: Provenance


class ReportedAddition(_Strict):
    """A value reported without a verdict that a prepared year from `from_year` asks.

    Its questions come in a section of their own; `value` says how it is computed from them.
    """

    from_year: Year
    section: Section
    value: ReportedShare

    @model_validator(mode="after")
    def _asks_its_facts(self) -> ReportedAddition:
        asked = {q.id: q for q in self.section.questions}
        for key, qid in (("part", self.value.part), ("whole", self.value.whole)):
            if asked.get(qid) is None or asked[qid].type != "number":
                raise ValueError(f"value.{key}: '{qid}' är ingen heltalsfråga i avsnittet")
        return self


class Catalogue(_Strict):
    """What Kolada's newest catalogue says about the survey's measures."""

    dated: str = Field(min_length=1)  # "mars 2026"
    still_listed: list[KoladaId] = []
    provenance: Provenance


class PreparedAdditions(_Strict):
    """The whole file `data/prepared.toml`."""

    sources: list[Source] = Field(min_length=1)
    # Said first in a prepared file's notes; {year} is the prepared year, {newest} the year it
    # starts from, {dated} the catalogue's date.
    notes: list[str] = Field(min_length=1)
    catalogue: Catalogue
    law: Law
    help: list[HelpAddition] = []
    reported: list[ReportedAddition] = []

    @model_validator(mode="after")
    def _sources_listed(self) -> PreparedAdditions:
        listed = {s.id for s in self.sources}
        cited = [
            *self.catalogue.provenance.sources,
            *(sid for c in self.law.citations for sid in c.provenance.sources),
            *(sid for h in self.help for sid in h.provenance.sources),
            *(sid for r in self.reported for sid in r.value.source_ids),
        ]
        missing = sorted(set(cited) - listed)
        if missing:
            raise ValueError(f"källan '{missing[0]}' finns inte i [[sources]]")
        try:  # a misspelt {placeholder} fails here, not when a year is prepared
            for note in self.notes:
                note.format(year=2027, newest=2024, dated="")
            self.law.unknown.format(old="", old_name="", new_name="")
            self.law.inferred_note.format(old="", old_name="")
        except (KeyError, IndexError) as exc:
            raise ValueError(f"okänd platshållare {exc} i en text") from None
        return self

    def questions(self, year: int) -> list[Question]:
        """The questions the reported values of `year` ask."""
        return [q for r in self.reported if r.from_year <= year for q in r.section.questions]
