"""Values reported without a verdict: a published share computed from two whole-number answers.

A few published measures are a value and no verdict, e.g. Kolada's U31404, the share of
caseworkers in ekonomiskt bistånd with a socionom degree. A questionnaire lists them under
`[[reported]]`; it asks the facts each is made of, and the reports show the value beside the
verdicts, never counted as met or not met.

A module of its own, loaded only for a questionnaire that has such values (by the validator of
`Questionnaire.reported`, or by `ojcli.files.cache` for a cached one): defining a pydantic class costs
`ojcli score` start-up time at every run.
"""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, model_validator

from ojcli.model.measures import KoladaId, Slug, dupes
from ojcli.model.provenance import Provenance, SourceId


class ReportedShare(BaseModel):
    """A published share with no verdict, computed from two whole-number answers: part of whole.

    `part` and `whole` name the number questions, e.g. caseworkers with a socionom degree and
    all caseworkers (full-time equivalents). Shown beside the verdicts as a value; it is never
    met or not met, and never in a count.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    id: Slug
    title: str = Field(min_length=1)
    part: str
    whole: str
    # The answers count in 1/scale of `unit`: 100 when full-time equivalents are asked as the sum
    # of each person's percent of full time (two full-time and one half-time: 250).
    scale: int = Field(default=1, ge=1)
    unit: str = ""  # what part and whole count, e.g. "årsarbetare"
    kolada: list[KoladaId] = Field(min_length=1)
    sources: list[SourceId] = Field(min_length=1)
    presence: Provenance
    note: str = ""

    @model_validator(mode="after")
    def _distinct(self) -> ReportedShare:
        if self.part == self.whole:
            raise ValueError("part och whole måste vara två olika frågor")
        if twice := dupes(self.kolada):
            raise ValueError(f"Kolada-måttet {twice[0]} förekommer mer än en gång")
        return self

    def percent(self, part: int, whole: int) -> float | None:
        """The share, part of whole in percent; None when it cannot be a share (0 or part > whole)."""
        return 100 * part / whole if 0 <= part <= whole and whole > 0 else None

    @property
    def source_ids(self) -> list[str]:
        """Every source this value cites, in order of first mention."""
        return list(dict.fromkeys([*self.presence.sources, *self.sources]))


@cache
def _adapter() -> TypeAdapter[list[ReportedShare]]:
    return TypeAdapter(list[ReportedShare])


def checked(values: object) -> list[ReportedShare]:
    """A questionnaire's `reported` list as `ReportedShare`s (pydantic's errors, placed in it)."""
    return _adapter().validate_python(values)
