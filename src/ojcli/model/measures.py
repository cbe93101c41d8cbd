"""Published results: national shares, what an indicator is in Kolada, checks of reported values.

Kolada (the municipal database of RKA) publishes each survey indicator as a measure with an id
("nyckeltal", U and five digits) whose title states its coding. An indicator names its measure
(`Measure`) so a user can look up the published value; `NationalShare` is the published share
of municipalities meeting it one year. A few measures are a value and no
verdict (`ojcli.model.reported`); `reported_problems` checks them against their questionnaire.
"""

from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ojcli.model.provenance import Basis, SourceId

if TYPE_CHECKING:
    from ojcli.model.questionnaire import Questionnaire

# A Kolada measure id ("nyckeltal"): U and five digits, e.g. U31485.
KoladaId = Annotated[str, Field(pattern=r"^U[0-9]{5}$")]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def dupes(ids: list[str]) -> list[str]:
    """The ids that occur more than once, sorted."""
    return sorted({k for k in ids if ids.count(k) > 1})


class NationalShare(_Strict):
    """Share of municipalities meeting an indicator one year, how we know it, and where it says so.

    `basis`: "stated" by the source, "approximate" (stated as about, e.g. "fyra av fem"), or
    "inferred" from a stated fact (e.g. "+5 procentenheter till 73 %" gives 68 % the year before).
    """

    year: int = Field(ge=2000, le=2100)
    percent: float = Field(ge=0, le=100)
    basis: Literal["stated", "inferred", "approximate"] = "stated"
    sources: list[SourceId] = Field(min_length=1)
    note: str = ""

    @property
    def marker(self) -> Basis:
        """The share's provenance on the same scale as presence and criterion."""
        return "inferred" if self.basis == "inferred" else "sourced"


class Measure(_Strict):
    """The published measure an indicator corresponds to, so a user can look up the real value.

    Kolada publishes each survey indicator as a measure (`kolada`, one id or a few twins) whose
    title states its coding; `met_value` is the coded value that means met and `met_label` the
    answer it stands for ("Ja", "Ja, för alla"). A multi-level answer is coded 2/1/0 and only
    the top level is met. An indicator without a published measure says why in `note`.
    """

    kolada: list[KoladaId] = []
    met_value: int | None = None
    met_label: str = ""
    sources: list[SourceId] = []
    note: str = ""

    @model_validator(mode="after")
    def _complete(self) -> "Measure":
        if self.kolada:
            if self.met_value is None or not self.met_label.strip():
                raise ValueError(
                    "ett Kolada-mått kräver met_value (det kodade värdet som betyder uppfyllt) "
                    'och met_label (svaret det står för, t.ex. "Ja, för alla")'
                )
            if not self.sources:
                raise ValueError("ett Kolada-mått kräver minst en källa i sources")
        elif not self.note.strip():
            raise ValueError(
                "kolada är tomt: skriv i note varför indikatorn saknar ett publicerat mått"
            )
        if twice := dupes(self.kolada):
            raise ValueError(f"Kolada-måttet {twice[0]} förekommer mer än en gång")
        return self


def reported_problems(q: "Questionnaire") -> list[str]:
    """Reported values named twice, or computed from questions that are missing or not numbers."""
    ids = [r.id for r in q.reported]
    problems = [f"redovisat värde-id '{d}' förekommer mer än en gång" for d in dupes(ids)]
    types = {x.id: x.type for x in q.questions}
    for r in q.reported:
        for key, qid in (("part", r.part), ("whole", r.whole)):
            if types.get(qid) != "number":
                what = "är inte en heltalsfråga" if qid in types else "finns inte"
                problems.append(f"redovisat värde '{r.id}', {key}: frågan '{qid}' {what}")
    return problems
