"""The questionnaire file: sections, questions, themes and indicators of one survey year."""

import datetime as dt
from functools import cached_property
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ojcli.errors import did_you_mean
from ojcli.model.measures import KoladaId as KoladaId  # re-exported with the two below
from ojcli.model.measures import Measure as Measure
from ojcli.model.measures import NationalShare as NationalShare
from ojcli.model.measures import Slug, reported_problems
from ojcli.model.operators import DONT_KNOW as DONT_KNOW  # re-exported: the third yes/no option
from ojcli.model.provenance import Provenance, Source, source_problems
from ojcli.model.rules import Leaf, Rule, questions_of, walk

if TYPE_CHECKING:
    from ojcli.model.reported import ReportedShare

# 2: indicators say where they come from (`presence`, `criterion`, `[[sources]]`, a source
# per national share) instead of free-text `source` and `assumed`. Version 1 files without
# those two keys still read.
QUESTIONNAIRE_FORMAT_VERSION = 2

Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]

YES, NO = "ja", "nej"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Option(_Strict):
    """One answer alternative: a stable value stored in the file and a label shown to people."""

    value: Id
    label: str = Field(min_length=1)
    help: str = ""


class _QuestionBase(_Strict):
    id: Id
    text: str = Field(min_length=1)
    label: str = ""
    help: str = ""
    required: bool = True
    asked_if: Rule | None = None
    source: str = ""
    assumed: str = ""

    @property
    def name(self) -> str:
        """A short name for reasons and tables; the question text when no label is set."""
        return self.label or self.text

    @property
    def top_level(self) -> str | None:
        """The highest answer level of a question asked in the survey's levels; else None."""
        return None


class YesNoQuestion(_QuestionBase):
    """Ja / nej, and "vet ej" unless switched off (it counts as not met)."""

    type: Literal["yes_no"]
    allow_dont_know: bool = True

    @property
    def options(self) -> list[Option]:
        """The fixed alternatives of a yes/no question."""
        return list(_YES_NO_DONT_KNOW if self.allow_dont_know else _YES_NO_DONT_KNOW[:2])


# Built once, without validation: constant and known to be valid.
_YES_NO_DONT_KNOW = (
    Option.model_construct(value=YES, label="Ja", help=""),
    Option.model_construct(value=NO, label="Nej", help=""),
    Option.model_construct(value=DONT_KNOW, label="Vet ej", help=""),
)


# The survey's answer levels, highest first ("Ja, för alla / Ja, men inte för alla / Nej",
# "Ja / Delvis / Nej"): Kolada codes them 2/1/0, and only the top level meets an indicator.
LEVEL_SCALES = (("ja_alla", "ja_inte_alla", "nej"), ("ja", "delvis", "nej"))


class SingleChoiceQuestion(_QuestionBase):
    """Exactly one of the options."""

    type: Literal["single_choice"]
    options: list[Option] = Field(min_length=2)

    @property
    def top_level(self) -> str | None:
        """The highest level when the options are one of the survey's level scales, else None."""
        values = tuple(o.value for o in self.options if o.value != DONT_KNOW)
        return values[0] if values in LEVEL_SCALES else None


class MultipleChoiceQuestion(_QuestionBase):
    """Any number of the options, including none."""

    type: Literal["multiple_choice"]
    options: list[Option] = Field(min_length=1)


class NumberQuestion(_QuestionBase):
    """A whole number within bounds, e.g. days or a count."""

    type: Literal["number"]
    minimum: int = 0
    maximum: int | None = None
    unit: str = ""  # e.g. "dagar"
    unit_one: str = ""  # the unit after 1, e.g. "dag"; `unit` when empty

    def amount(self, value: int) -> str:
        """A number with its unit, as people write it: "1 dag", "14 dagar", "7"."""
        unit = self.unit_one if value in (1, -1) and self.unit_one else self.unit
        return f"{value} {unit}" if unit else str(value)


class DateQuestion(_QuestionBase):
    """A calendar date (stored as a native TOML date)."""

    type: Literal["date"]


class TextQuestion(_QuestionBase):
    """Free text."""

    type: Literal["text"]
    max_length: int = 2000


Question = Annotated[
    YesNoQuestion
    | SingleChoiceQuestion
    | MultipleChoiceQuestion
    | NumberQuestion
    | DateQuestion
    | TextQuestion,
    Field(discriminator="type"),
]
ChoiceQuestion = YesNoQuestion | SingleChoiceQuestion | MultipleChoiceQuestion

QUESTION_TYPE_NAMES = {
    "yes_no": "ja/nej",
    "single_choice": "ett alternativ",
    "multiple_choice": "flera alternativ",
    "number": "heltal",
    "date": "datum",
    "text": "fritext",
}


class Section(_Strict):
    """A part of the survey, asked in order."""

    id: Id
    title: str = Field(min_length=1)
    intro: str = ""
    questions: list[Question] = Field(min_length=1)


class Theme(_Strict):
    """A group of indicators in reports (e.g. "Våld i nära relationer")."""

    id: Id
    title: str = Field(min_length=1)


class Indicator(_Strict):
    """A published indicator: met when its rule holds for the answers.

    `presence` says how we know the indicator was in this year's survey, `criterion` how we
    know its rule matches the survey's definition (thresholds included). None: not stated.
    """

    id: Slug
    title: str = Field(min_length=1)
    theme: Id
    rule: Rule
    applies_if: Rule | None = None
    advice: str = Field(min_length=1)
    national_share: list[NationalShare] = []
    presence: Provenance | None = None
    criterion: Provenance | None = None
    measure: Measure | None = None
    # In a prepared questionnaire: the survey year whose definition this indicator carries over
    # ("enligt 2024, antas ingå 2027"); its presence this year is assumed.
    carried_from: int | None = Field(default=None, ge=2000, le=2100)

    @property
    def assumed(self) -> list[str]:
        """What this indicator's presence or criterion assumes, as written in the file."""
        return [
            p.note
            for p in (self.presence, self.criterion)
            if p is not None and p.basis == "assumed" and p.note
        ]

    @property
    def sourced(self) -> bool:
        """Whether a source states both that the indicator was in the survey and its criterion."""
        return all(p is not None and p.basis == "sourced" for p in (self.presence, self.criterion))

    @property
    def source_ids(self) -> list[str]:
        """Every source this indicator cites, in order of first mention."""
        ids = [
            *(self.presence.sources if self.presence else []),
            *(self.criterion.sources if self.criterion else []),
            *(self.measure.sources if self.measure else []),
            *(sid for share in self.national_share for sid in share.sources),
        ]
        return list(dict.fromkeys(ids))

    def share_for(self, year: int) -> NationalShare | None:
        """The national share for a survey year, if a source gives it."""
        return next((s for s in self.national_share if s.year == year), None)

    def latest_share(self, year: int) -> NationalShare | None:
        """The share for `year`, else the latest known before it (shown with its year); or None."""
        known = [s for s in self.national_share if s.year <= year]
        return max(known, key=lambda s: s.year) if known else None


class Preparation(_Strict):
    """Marks a questionnaire prepared by ojcli for a year whose survey is not yet public.

    Such a questionnaire is preliminary: everything scored by it says so, and on which
    bundled years' definitions it rests.
    """

    prepared_on: dt.date
    based_on_years: list[int] = Field(min_length=1)
    note: str = ""


class Questionnaire(_Strict):
    """One survey year: identity, reference date, questions and indicator definitions."""

    format_version: int = Field(ge=1)
    id: Slug
    year: int = Field(ge=2000, le=2100)
    title: str = Field(min_length=1)
    reference_date: dt.date
    reference_date_note: str = ""
    source: str = ""
    notes: list[str] = []
    sources: list[Source] = []
    themes: list[Theme] = Field(min_length=1)
    sections: list[Section] = Field(min_length=1)
    indicators: list[Indicator] = Field(min_length=1)
    # Values shown beside the verdicts, never judged: `ReportedShare`s, checked by `_reported`
    # (its class is loaded only for a file that has some; see `ojcli.model.reported`).
    if TYPE_CHECKING:
        reported: list[ReportedShare]
    else:
        reported: list[Any] = []
    preparation: Preparation | None = None

    @field_validator("reported", mode="before")
    @classmethod
    def _reported(cls, values: object) -> object:
        from ojcli.model.reported import checked  # loaded only for a file that has some

        return checked(values) if values else values

    @property
    def preliminary(self) -> bool:
        """True for a questionnaire prepared before its year's survey was public."""
        return self.preparation is not None

    @cached_property
    def questions(self) -> list[Question]:
        """All questions in survey order."""
        return [q for s in self.sections for q in s.questions]

    def question(self, qid: str) -> Question:
        """The question with this id (KeyError if unknown)."""
        return self._by_id[qid]

    @cached_property
    def numbers(self) -> dict[str, int]:
        """Each question's number, 1 to `len(questions)` in survey order, as on a printed form.

        The one numbering of the interview, the review, the answer sheet and `questionnaires
        show`: it does not depend on the answers, so skipped follow-ups leave gaps instead of
        renumbering the questions after them.
        """
        return {x.id: n for n, x in enumerate(self.questions, 1)}

    def number(self, qid: str) -> int:
        """The question's number in the questionnaire (KeyError if unknown)."""
        return self.numbers[qid]

    def section_of(self, qid: str) -> Section:
        """The section a question belongs to."""
        return next(s for s in self.sections if any(q.id == qid for q in s.questions))

    def theme(self, tid: str) -> Theme:
        """The theme with this id."""
        return next(t for t in self.themes if t.id == tid)

    def indicators_using(self, qid: str) -> list[Indicator]:
        """Indicators whose rule or applicability reads this question."""
        return [
            ind
            for ind in self.indicators
            if qid in questions_of(ind.rule)
            or (ind.applies_if and qid in questions_of(ind.applies_if))
        ]

    def reported_using(self, qid: str) -> "list[ReportedShare]":
        """Reported values computed from this question."""
        return [r for r in self.reported if qid in (r.part, r.whole)]

    def source_page(self, sid: str) -> Source:
        """The source with this id (KeyError if unknown)."""
        return {s.id: s for s in self.sources}[sid]

    def citation(self, ind: Indicator) -> str:
        """The pages behind an indicator this year (presence, criterion, the share shown), for reports."""
        share = ind.latest_share(self.year)
        ids = [
            *(ind.presence.sources if ind.presence else []),
            *(ind.criterion.sources if ind.criterion else []),
            *(share.sources if share else []),
        ]
        pages = (self.source_page(sid) for sid in dict.fromkeys(ids))
        return "; ".join(f"{page.title} ({page.url})" for page in pages)

    def years_shown(self, ind: Indicator) -> list[int]:
        """The survey years a source shows this indicator in, sourced or inferred.

        This year unless its presence is assumed or not stated, and every year it has a
        national share for (a share is measured only in a year the indicator was asked).
        """
        years = {s.year for s in ind.national_share}
        if ind.presence is not None and ind.presence.basis != "assumed":
            years.add(self.year)
        return sorted(years)

    @cached_property
    def _by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    @model_validator(mode="after")
    def _check_references(self) -> "Questionnaire":
        problems = cross_reference_problems(self) + source_problems(self) + reported_problems(self)
        if problems:
            raise ValueError("\n".join(problems))
        return self


def cross_reference_problems(q: Questionnaire) -> list[str]:
    """Everything a questionnaire names that does not exist or does not fit, in Swedish."""
    problems: list[str] = []
    for kind, ids in (
        ("avsnitt", [s.id for s in q.sections]),
        ("fråga", [x.id for x in q.questions]),
        ("tema", [t.id for t in q.themes]),
        ("indikator", [i.id for i in q.indicators]),
    ):
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        problems += [f"{kind}-id '{d}' förekommer mer än en gång" for d in dupes]

    order = {x.id: n for n, x in enumerate(q.questions)}
    theme_ids = [t.id for t in q.themes]
    for n, question in enumerate(q.questions):
        if question.asked_if is not None:
            where = f"fråga '{question.id}', asked_if"
            problems += _rule_problems(q, question.asked_if, where)
            later = [r for r in questions_of(question.asked_if) if order.get(r, -1) >= n]
            problems += [
                f"{where}: villkoret hänvisar till frågan '{r}', som inte kommer före '{question.id}'"
                for r in later
            ]
        if isinstance(question, SingleChoiceQuestion | MultipleChoiceQuestion):
            values = [o.value for o in question.options]
            dupes = sorted({v for v in values if values.count(v) > 1})
            problems += [
                f"fråga '{question.id}': alternativet '{d}' förekommer mer än en gång"
                for d in dupes
            ]
        if (
            isinstance(question, NumberQuestion)
            and question.maximum is not None
            and question.maximum < question.minimum
        ):
            problems.append(f"fråga '{question.id}': maximum är mindre än minimum")
    for ind in q.indicators:
        if ind.carried_from is not None and ind.carried_from >= q.year:
            problems.append(
                f"indikator '{ind.id}': carried_from ({ind.carried_from}) ska vara ett tidigare år"
            )
        if ind.theme not in theme_ids:
            problems.append(
                f"indikator '{ind.id}': temat '{ind.theme}' finns inte{did_you_mean(ind.theme, theme_ids)}"
            )
        problems += _rule_problems(q, ind.rule, f"indikator '{ind.id}', rule")
        if ind.applies_if is not None:
            problems += _rule_problems(q, ind.applies_if, f"indikator '{ind.id}', applies_if")
    return problems


def _rule_problems(q: Questionnaire, rule: Rule, where: str) -> list[str]:
    """Unknown questions, unknown option values and type mismatches in one rule."""
    by_id = {x.id: x for x in q.questions}
    problems: list[str] = []
    for path, node in walk(rule):
        at = f"{where}.{path}" if path else where
        if not isinstance(node, Leaf):
            continue
        question = by_id.get(node.question)
        if question is None:
            problems.append(
                f"{at}: frågan '{node.question}' finns inte{did_you_mean(node.question, by_id)}"
            )
            continue
        problems += _leaf_type_problems(node, question, at)
    return problems


def _leaf_type_problems(node: Leaf, question: Question, at: str) -> list[str]:
    """Whether the operator can read the question, and the option values it names exist."""
    if not node.accepts(question.type):
        kind = QUESTION_TYPE_NAMES[question.type]
        return [f"{at}: frågan '{question.id}' är av typen {kind} och passar inte den här regeln"]
    if misfit := node.misfit(question.type):
        return [f"{at}: {misfit}"]
    allowed = [o.value for o in question.options] if isinstance(question, ChoiceQuestion) else []
    return [
        f"{at}: '{v}' är inte ett alternativ i frågan '{question.id}'{did_you_mean(v, allowed)}"
        for v in node.option_values()
        if v not in allowed
    ]
