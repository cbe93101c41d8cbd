"""The plan as every format shows it: the report model's indicators beside the file's decisions.

Pure, like `ojcli.report.model`: renderers (`ojcli plan` on the terminal, its md/json/csv, the
report's "Handlingsplan", the calendar) read this and decide nothing. The order is the issue's:
first what is overdue or due before the reference date, by date, including routines met today
that lapse before it (`IndicatorResult.lapses_before_reference`, from `ojcli.scoring.due`), with
the open indicators that have no decision last in that section; then actions due after the
reference date, by date; then what was accepted as not met, what needs no action, and actions
whose indicator is met now.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, NamedTuple

from ojcli.report import plan_words as pw
from ojcli.report.model import IndicatorResult, Report, state_label
from ojcli.scoring.verdicts import State

if TYPE_CHECKING:
    from ojcli.model.answers import CheckedAnswers
    from ojcli.model.plan import Decision
    from ojcli.model.questionnaire import Questionnaire

SECTIONS = ("soon", "later", "accepted", "no_action", "done")


class PlanEntry(NamedTuple):
    """One indicator in the plan: its state now, the decision (if any) and what orders it."""

    id: str
    title: str
    state: State
    reasons: tuple[str, ...]  # why it is not met (or incomplete)
    decision: str  # "act", "accept", "no_action", or "" when there is none yet
    action: str
    owner: str
    due: dt.date | None
    reason: str
    lapses_on: dt.date | None  # met now, but no longer on this day, before the reference date
    date: dt.date | None  # what orders it: the action's due date, else the day it lapses
    overdue: bool  # `date` has passed and it is not done
    note: str  # Swedish: overdue, due after the reference date, lapsing, done
    suggestion: str  # what would meet it: the interactive step's default action
    section: str  # one of SECTIONS

    @property
    def label(self) -> str:
        """The state in symbol and word, e.g. "✗ Ej uppfylld"."""
        return state_label(self.state)

    @property
    def decision_text(self) -> str:
        """The decision in Swedish; "Inget beslut" when there is none."""
        return pw.DECISION_WORDS[self.decision]


class Plan(NamedTuple):
    """One answers file's plan, in the order people act on it."""

    reference_date: dt.date
    today: dt.date
    year: int
    title: str
    unit_name: str
    municipality_code: str
    unit: str  # the district or unit within the municipality, if any
    entries: tuple[PlanEntry, ...]  # section by section, each in its order

    def section(self, name: str) -> tuple[PlanEntry, ...]:
        """The entries of one section (see SECTIONS)."""
        return tuple(e for e in self.entries if e.section == name)

    def sections(self) -> list[tuple[str, str, tuple[PlanEntry, ...]]]:
        """(name, Swedish title, entries) for every section that has entries."""
        out = []
        for name in SECTIONS:
            entries = self.section(name)
            if entries:
                title = pw.SECTION_TITLES[name].format(reference=self.reference_date.isoformat())
                out.append((name, title, entries))
        return out

    @property
    def undecided(self) -> tuple[PlanEntry, ...]:
        """Entries without a decision: indicators not met, incomplete, or lapsing."""
        return tuple(e for e in self.entries if not e.decision)

    @property
    def decided(self) -> int:
        """How many decisions the file holds."""
        return sum(1 for e in self.entries if e.decision)

    @property
    def summary(self) -> str:
        """E.g. "3 beslut, 2 indikatorer utan beslut."."""
        return pw.summary(self.decided, len(self.undecided))


_DAY = dt.timedelta(days=1)


def plan_of(report: Report, decisions: Mapping[str, Decision], today: dt.date) -> Plan:
    """The plan of a report's answers file.

    Every indicator with a decision, and every one not met, incomplete or lapsing before the
    reference date without one.
    """
    # As in the report model: scored early (--per), a date must still hold on the survey's own day.
    reference = max(report.reference_date, report.questionnaire_reference_date)
    entries = [
        _entry(i, decisions.get(i.id), reference, today, report.year)
        for i in report.indicators
        if i.id in decisions or i.is_open or i.lapses_before_reference
    ]
    order = {i.id: n for n, i in enumerate(report.indicators)}

    def key(e: PlanEntry) -> tuple[int, int, dt.date, int]:
        dated = e.section in ("soon", "later") and e.date is not None
        return (SECTIONS.index(e.section), 0 if dated else 1, e.date or dt.date.max, order[e.id])

    return Plan(
        reference_date=reference,
        today=today,
        year=report.year,
        title=report.title,
        unit_name=report.unit_name,
        municipality_code=report.municipality_code,
        unit=report.unit,
        entries=tuple(sorted(entries, key=key)),
    )


def with_plan(report: Report, decisions: Mapping[str, Decision], today: dt.date) -> Report:
    """The report model carrying its plan, as every format of `ojcli report` shows it."""
    return report._replace(plan=plan_of(report, decisions, today))


def plan_for(answers: CheckedAnswers, questionnaire: Questionnaire, today: dt.date) -> Plan:
    """The plan of checked answers: verdicts on the reference date, lapses seen from today.

    Each indicator is judged on the reference date, as the survey will judge it, and what would
    meet it is said for that date. A routine that still holds today but lapses before the
    reference date is not met on it; judged on today it is met, and the plan shows it with the
    day it lapses, so that it can be followed up in time.
    """
    from ojcli.report.model import build
    from ojcli.scoring import score

    report = build(score(questionnaire, answers))
    if today < questionnaire.reference_date:
        seen_today = build(score(questionnaire, answers, today))
        lapsing = {i.id: i for i in seen_today.indicators if i.lapses_before_reference}
        if lapsing:
            indicators = tuple(lapsing.get(i.id, i) for i in report.indicators)
            report = report._replace(indicators=indicators)
    return plan_of(report, answers.plan, today)


def _entry(
    i: IndicatorResult, d: Decision | None, reference: dt.date, today: dt.date, year: int
) -> PlanEntry:
    lapses_on = i.holds_until + _DAY if i.lapses_before_reference and i.holds_until else None
    kind = "" if d is None else d.decision
    due = None if d is None else d.due
    met_for_good = i.state is State.MET and lapses_on is None
    if kind == "act":
        section = "done" if met_for_good else ("soon" if due and due <= reference else "later")
    elif kind:
        section = "accepted" if kind == "accept" else "no_action"
    else:
        section = "soon"
    date = due if kind == "act" else lapses_on
    overdue = section in ("soon", "later") and date is not None and date < today
    notes = []
    if overdue and date is not None:
        notes.append(pw.overdue_text(date))
    if section == "later":
        notes.append(pw.after_reference_text(reference, year))
    if lapses_on is not None:
        notes.append(pw.lapse_text(lapses_on, reference))
    if section == "done":
        notes.append(pw.DONE_TEXT)
    if i.changes:
        suggestion = "; ".join(c.text for c in i.changes)
    elif lapses_on is not None:
        suggestion = pw.lapse_action(lapses_on)
    else:
        suggestion = i.advice
    return PlanEntry(
        id=i.id,
        title=i.title,
        state=i.state,
        reasons=() if i.state is State.MET else i.reasons,
        decision=kind,
        action="" if d is None else d.action,
        owner="" if d is None else d.owner,
        due=due,
        reason="" if d is None else d.reason,
        lapses_on=lapses_on,
        date=date,
        overdue=overdue,
        note=" ".join(notes),
        suggestion=suggestion,
        section=section,
    )
