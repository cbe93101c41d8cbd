"""The one report model behind every format: plain data built once from a ScoreReport.

The records are NamedTuples rather than frozen dataclasses: as immutable, and several
times cheaper to define, which `ojcli score` pays at every start (it draws the theme bars).

Renderers (markdown, html, json, csv, terminal) read this model and never look at rules or
compute a verdict. Everything a reader sees is here already in display form (option labels,
"18 dagar", ISO dates), beside the raw values for machines; the words and number formats
around it come from `ojcli.report.wording`.
"""

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, NamedTuple

from ojcli.model import identity
from ojcli.model.answers import AnswerValue, CheckedAnswers
from ojcli.model.questionnaire import Measure, NationalShare, Questionnaire
from ojcli.report.sheet import SheetSection, answer_of, answer_sheet
from ojcli.report.wording import (
    ASCII_SYMBOLS,
    SYMBOLS,
    assumed_title,
    holds_until_text,
    lapses_text,
    preliminary_text,
    reference_text,
    round_percent,
    share_text,
    without_commands,
)
from ojcli.scoring import AnswerStatus as AnswerStatus  # re-exported for the renderers
from ojcli.scoring.evaluate import Evaluator, judge
from ojcli.scoring.verdicts import STATE_WORDS, ScoreReport, State, Verdict

if TYPE_CHECKING:
    from ojcli.report.plan import Plan as _Plan
    from ojcli.report.reported import Reported as _Reported
else:  # a string annotation on a NamedTuple costs `ojcli score` start-up (a ForwardRef)
    _Plan = _Reported = object

# Colour only repeats what symbol and word say; names as rich spells them (see ojcli.terminal.ansi).
STATE_STYLES = {
    State.MET: "green",
    State.NOT_MET: "red",
    State.NOT_APPLICABLE: "dim",
    State.INCOMPLETE: "yellow",
}
OPEN_STATES = (State.NOT_MET, State.INCOMPLETE)  # what the action list is about


def state_label(state: State, unicode: bool = True) -> str:
    """Symbol and word, readable without colour: "✗ Ej uppfylld" ("x Ej uppfylld" in ASCII)."""
    return f"{(SYMBOLS if unicode else ASCII_SYMBOLS)[state]} {STATE_WORDS[state]}"


class Share(NamedTuple):
    """The national share of municipalities meeting an indicator one year."""

    year: int
    percent: float
    basis: str  # "stated", "inferred" or "approximate"

    @property
    def text(self) -> str:
        """E.g. "73 %", or "≈20 %" when approximate or inferred."""
        return share_text(self)


class Answer(NamedTuple):
    """One question with the answer given (or why there is none) and the comment."""

    question: str
    name: str
    value: AnswerValue | None
    display: str
    status: AnswerStatus
    comment: str


class Action(NamedTuple):
    """One answer change that would help meet an indicator, in words and as a value."""

    question: str
    text: str
    value: AnswerValue | None


class IndicatorResult(NamedTuple):
    """One indicator: state, reasons, answers used, what would meet it, national share, source."""

    id: str
    title: str
    theme: str
    theme_title: str
    state: State
    reasons: tuple[str, ...]
    advice: str
    changes: tuple[Action, ...]
    answers: tuple[Answer, ...]
    share: Share | None
    source: str
    assumed: tuple[str, ...]
    # Met and resting on a date: the last reference date it holds on, whether that is before
    # the reference date, and the sentence that says so (empty when no date limits it).
    holds_until: dt.date | None = None
    lapses_before_reference: bool = False
    due_text: str = ""
    measure: Measure | None = None  # the published measure, to look up the real value
    kolada: tuple[str, ...] = ()  # its Kolada ids (empty without one)
    carried_from: int | None = None  # a prepared year: the year whose definition it carries

    @property
    def rests_on_assumption(self) -> bool:
        """Whether its presence this year or its criterion is assumed (the file explains which)."""
        return bool(self.assumed)

    @property
    def marked_title(self) -> str:
        """The title with the assumption marker when it rests on one."""
        return assumed_title(self.title, self.rests_on_assumption)

    @property
    def state_text(self) -> str:
        """The state in Swedish, e.g. "Ej uppfylld"."""
        return STATE_WORDS[self.state]

    @property
    def label(self) -> str:
        """Symbol and word, readable without colour: "✗ Ej uppfylld"."""
        return state_label(self.state)

    @property
    def is_open(self) -> bool:
        """Not met or incomplete: something to do."""
        return self.state in OPEN_STATES


class ThemeResult(NamedTuple):
    """A theme's indicators with counts, the share met here and the national mean."""

    id: str
    title: str
    indicators: tuple[IndicatorResult, ...]
    national_mean: float | None  # mean national share of the indicators where it is known
    national_known: int  # how many indicators that mean rests on
    national_years: tuple[int, ...] = ()  # the shares' years, when some are not the survey year's

    def tally(self, state: State) -> int:
        """How many of the theme's indicators have this state."""
        return sum(1 for i in self.indicators if i.state is state)

    @property
    def met(self) -> int:
        """Indicators met."""
        return self.tally(State.MET)

    @property
    def applicable(self) -> int:
        """Indicators that apply here (all but the not applicable ones)."""
        return len(self.indicators) - self.tally(State.NOT_APPLICABLE)

    @property
    def share_here(self) -> float | None:
        """Percent of the applicable indicators met here; None when none applies."""
        return 100 * self.met / self.applicable if self.applicable else None


class Comment(NamedTuple):
    """A comment or evidence given for a question in the interview."""

    question: str
    name: str
    text: str


class Preliminary:
    """A questionnaire prepared before its year's survey was public, and what it rests on.

    A plain class, not a NamedTuple like the records around it: it is built only for a prepared
    questionnaire, while defining a NamedTuple would cost every `ojcli score` at start-up.
    """

    __slots__ = ("based_on_years", "note", "prepared_on", "year")

    def __init__(self, year: int, based_on_years: tuple[int, ...], prepared_on: dt.date, note: str):
        self.year = year
        self.based_on_years = based_on_years
        self.prepared_on = prepared_on
        self.note = note

    @property
    def text(self) -> str:
        """E.g. "Preliminär: bygger på definitionerna från 2019–2024, inte på 2027 års enkät."."""
        return preliminary_text(self.year, self.based_on_years)


def preliminary_of(q: Questionnaire) -> Preliminary | None:
    """The preliminary marker of a questionnaire, None for one that rests on its year's survey."""
    p = q.preparation
    if p is None:
        return None
    return Preliminary(q.year, tuple(sorted(p.based_on_years)), p.prepared_on, p.note)


class Report(NamedTuple):
    """Everything every report format shows, for one answers file."""

    questionnaire_id: str
    year: int
    title: str
    questionnaire_source: str
    notes: tuple[str, ...]
    reference_date: dt.date
    questionnaire_reference_date: dt.date
    reference_date_note: str
    municipality_code: str
    municipality_name: str
    unit: str
    respondent: str
    summary: str
    counts: Mapping[State, int]
    themes: tuple[ThemeResult, ...]
    indicators: tuple[IndicatorResult, ...]  # in the questionnaire's order
    comments: tuple[Comment, ...]
    sheet: tuple[SheetSection, ...]
    preliminary: Preliminary | None = None  # set when the questionnaire is a prepared one
    plan: _Plan | None = None  # the "Handlingsplan" (`report.plan.with_plan`); reports have it
    # What the reader must know about the questionnaire file (`ojcli.model.identity.notices`):
    # a local file used instead of the bundled one, a change since the answers were saved; and
    # answers kept under ids it does not have (`ojcli.model.orphans`).
    notices: tuple[str, ...] = ()
    questionnaire_fingerprint: str | None = None
    reported: tuple[_Reported, ...] = ()  # values shown beside the verdicts, never judged

    @property
    def unit_name(self) -> str:
        """The answering unit as people say it: "Stockholm, Järva" or "Kiruna"."""
        return f"{self.municipality_name}, {self.unit}" if self.unit else self.municipality_name

    @property
    def document_notices(self) -> tuple[str, ...]:
        """The notices for a document's readers, who run no ojcli: without command hints."""
        return tuple(without_commands(n) for n in self.notices)

    @property
    def reference_text(self) -> str:
        """The reference date and where it comes from, e.g. set with --per."""
        return reference_text(
            self.reference_date, self.questionnaire_reference_date, self.reference_date_note
        )

    @property
    def open_indicators(self) -> tuple[IndicatorResult, ...]:
        """The action list: not met first, then incomplete, each in questionnaire order."""
        return tuple(i for state in OPEN_STATES for i in self.indicators if i.state is state)

    @property
    def has_assumptions(self) -> bool:
        """Whether any indicator rests on an assumption."""
        return any(i.assumed for i in self.indicators)

    @property
    def lapsing(self) -> tuple[IndicatorResult, ...]:
        """Met indicators whose date lapses before the reference date: to act on before it."""
        return tuple(i for i in self.indicators if i.lapses_before_reference)

    @property
    def sheet_counts(self) -> dict[str, int]:
        """How many questions of the answer sheet are answered, unanswered, not asked (by value)."""
        counts = {status.value: 0 for status in AnswerStatus}
        for section in self.sheet:
            for q in section.questions:
                counts[q.status] += 1
        return counts


def text_bar(percent: float | None, width: int = 10, unicode: bool = True) -> str:
    """A bar of `width` cells filled to `percent`, readable without colour: "██████░░░░"."""
    full, empty = ("█", "░") if unicode else ("#", ".")
    filled = 0 if percent is None else min(width, round_percent(percent * width / 100))
    return full * filled + empty * (width - filled)


def _share(share: NationalShare | None) -> Share | None:
    if share is None:
        return None
    return Share(share.year, share.percent, share.basis)


def _indicator(
    q: Questionnaire,
    ev: Evaluator,
    comments: Mapping[str, str],
    v: Verdict,
    deadline: dt.date,
    now: Evaluator | None,
) -> IndicatorResult:
    answers = []
    for qid in v.questions:
        value, display, status = answer_of(q, ev, qid)
        answers.append(
            Answer(qid, q.question(qid).name, value, display, status, comments.get(qid, ""))
        )
    ind = v.indicator
    holds_until, lapses, due_text = None, False, ""
    # Met: until when. Not met on the reference date but met today (scored ahead of it): the
    # last day it counts, which lapses before the reference date.
    ahead = v.state is State.NOT_MET and now is not None and judge(now, ind).state is State.MET
    if v.state is State.MET or ahead:
        from ojcli.scoring.due import due

        found = due(now if ahead and now is not None else ev, ind.rule, holds=True)
        if found is not None:
            holds_until, lapses = found.holds_until, found.lapses_before(deadline)
            due_text = (
                lapses_text(holds_until, deadline) if lapses else holds_until_text(holds_until)
            )
    return IndicatorResult(
        id=ind.id,
        title=ind.title,
        theme=ind.theme,
        theme_title=q.theme(ind.theme).title,
        state=v.state,
        reasons=v.reasons,
        advice=ind.advice,
        changes=tuple(Action(c.question, c.text, c.value) for c in v.changes),
        answers=tuple(answers),
        share=_share(v.share),
        source=q.citation(ind),
        assumed=tuple(ind.assumed),
        holds_until=holds_until,
        lapses_before_reference=lapses,
        due_text=due_text,
        measure=ind.measure,
        kolada=tuple(ind.measure.kolada) if ind.measure else (),
        carried_from=ind.carried_from,
    )


def _unknown(answers: CheckedAnswers) -> tuple[str, ...]:
    """The notice of answers without a question (`ojcli.model.orphans`), if there are any."""
    if not answers.unknown and not answers.unknown_comments:
        return ()  # the common case: orphans is not loaded on the `score` path
    from ojcli.model import orphans

    said = orphans.notice(answers)
    return () if said is None else (said,)


def build(report: ScoreReport) -> Report:
    """The report model for a score report (pure; reads no files, knows no date but its own)."""
    q, answers, meta = report.questionnaire, report.answers, report.answers.meta
    today = report.today
    ev = Evaluator(q, answers, report.reference_date, today)
    comments = answers.comments
    # A date that counts on the day scored may lapse before the questionnaire's reference date
    # (scored early with --per): that is the day it must still hold on.
    deadline = max(report.reference_date, q.reference_date)
    # Scored ahead of the reference date: what counts today, for what lapses before it.
    now = Evaluator(q, answers, today, today) if today < report.reference_date else None
    indicators = tuple(_indicator(q, ev, comments, v, deadline, now) for v in report.verdicts)
    themes = []
    for theme in q.themes:
        members = tuple(i for i in indicators if i.theme == theme.id)
        if not members:
            continue
        shares = [i.share for i in members if i.share is not None]
        years = sorted({s.year for s in shares})
        themes.append(
            ThemeResult(
                theme.id,
                theme.title,
                members,
                sum(s.percent for s in shares) / len(shares) if shares else None,
                len(shares),
                () if years in ([], [q.year]) else tuple(years),
            )
        )
    order = {x.id: n for n, x in enumerate(q.questions)}
    return Report(
        questionnaire_id=q.id,
        year=q.year,
        title=q.title,
        questionnaire_source=q.source,
        notes=tuple(q.notes),
        reference_date=report.reference_date,
        questionnaire_reference_date=q.reference_date,
        reference_date_note=q.reference_date_note,
        municipality_code=meta.municipality_code,
        municipality_name=meta.municipality_name,
        unit=meta.unit,
        respondent=meta.respondent,
        summary=report.summary,
        counts=dict(report.counts),
        themes=tuple(themes),
        indicators=indicators,
        comments=tuple(
            Comment(qid, q.question(qid).name, text)
            for qid, text in sorted(comments.items(), key=lambda kv: order.get(kv[0], len(order)))
        ),
        sheet=answer_sheet(q, ev, comments),
        preliminary=preliminary_of(q),
        notices=(*identity.notices(q, meta.questionnaire_fingerprint), *_unknown(answers)),
        questionnaire_fingerprint=identity.fingerprint_of(q),
        reported=_reported(q, ev) if q.reported else (),
    )


def _reported(q: Questionnaire, ev: Evaluator) -> tuple[_Reported, ...]:
    from ojcli.report.reported import reported_result  # only a questionnaire that has them

    used = {x for r in q.reported for x in (r.part, r.whole)}
    shown = {x: Answer(x, q.question(x).name, *answer_of(q, ev, x), "") for x in used}
    return tuple(reported_result(r, shown[r.part], shown[r.whole]) for r in q.reported)
