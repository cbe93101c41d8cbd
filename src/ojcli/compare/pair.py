"""Compare two answers files: indicators newly met or no longer met, and changed answers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from ojcli.files.loading import Questionnaires, load_answers
from ojcli.model import identity, orphans
from ojcli.model.answers import AnswerValue
from ojcli.model.questionnaire import Indicator, Questionnaire
from ojcli.scoring import (
    AnswerStatus,
    Evaluator,
    ScoreReport,
    State,
    Verdict,
    describe,
    display_value,
    score,
)


class Shift(StrEnum):
    """How an indicator's verdict moved from the old file to the new one."""

    NEWLY_MET = "newly_met"
    NEWLY_NOT_MET = "newly_not_met"  # was met, is not (not met, incomplete or not applicable)
    CHANGED = "changed"  # another state change, e.g. incomplete → not met
    UNCHANGED = "unchanged"
    ONLY_OLD = "only_old"  # the indicator is not in the new file's questionnaire
    ONLY_NEW = "only_new"


@dataclass(frozen=True)
class IndicatorChange:
    """One indicator (matched by id) in both files, and what changed in its definition."""

    id: str
    title: str
    shift: Shift
    old: Verdict | None
    new: Verdict | None
    notes: tuple[str, ...] = ()  # Swedish: how the definition differs between the years

    @property
    def old_state(self) -> State | None:
        """The old verdict's state, None when the indicator is not in the old questionnaire."""
        return None if self.old is None else self.old.state

    @property
    def new_state(self) -> State | None:
        """The new verdict's state, None when the indicator is not in the new questionnaire."""
        return None if self.new is None else self.new.state


@dataclass(frozen=True)
class AnswerChange:
    """One question whose answer differs between the files.

    A value kept for a question that is not asked with that file's answers is no answer:
    `old`/`new` are None then and the status says `not_asked`.
    """

    question: str
    name: str
    old: AnswerValue | None
    new: AnswerValue | None
    old_text: str | None
    new_text: str | None
    note: str = ""  # that the question is not in one of the questionnaires
    old_status: AnswerStatus | None = None  # None: not in that year's questionnaire
    new_status: AnswerStatus | None = None

    @property
    def in_both(self) -> bool:
        """Whether both questionnaires ask the question, so that the answers are comparable."""
        return not self.note


@dataclass(frozen=True)
class FollowUp:
    """An action the old file's plan decided on, and whether the new file meets its indicator."""

    id: str
    title: str
    action: str
    owner: str
    due: dt.date | None
    new_state: State | None  # None: the indicator is not in the new file's questionnaire

    @property
    def carried_out(self) -> bool:
        """The planned action reached its goal: the indicator is met now."""
        return self.new_state is State.MET


@dataclass(frozen=True)
class Comparison:
    """Two answers files compared: verdicts by indicator and the answers that changed."""

    old_path: Path
    new_path: Path
    old: ScoreReport
    new: ScoreReport
    indicators: tuple[IndicatorChange, ...]
    answers: tuple[AnswerChange, ...]
    notes: tuple[str, ...]
    followed_up: tuple[FollowUp, ...] = ()  # the old plan's actions, judged by the new file

    def by_shift(self) -> list[tuple[Shift, list[IndicatorChange]]]:
        """The indicators grouped by how they moved, in the order of `Shift`; empty groups left out."""
        groups = [(s, [c for c in self.indicators if c.shift is s]) for s in Shift]
        return [(s, cs) for s, cs in groups if cs]


def compare_files(old: Path, new: Path, enkat: Sequence[Path] = ()) -> Comparison:
    """Read and score two answers files (any survey years) and compare them.

    `enkat`: questionnaire files for the answers that name their id (else beside each file,
    else bundled).
    """
    questionnaires = Questionnaires(enkat)
    old_answers, old_q = load_answers(old, questionnaires=questionnaires)
    new_answers, new_q = load_answers(new, questionnaires=questionnaires)
    return compare(score(old_q, old_answers), score(new_q, new_answers), old, new)


def compare(old: ScoreReport, new: ScoreReport, old_path: Path, new_path: Path) -> Comparison:
    """Compare two score reports: indicators matched by id, answers matched by question id."""
    olds = {v.indicator.id: v for v in old.verdicts}
    news = {v.indicator.id: v for v in new.verdicts}
    ids = list(news) + [i for i in olds if i not in news]
    changes = tuple(_indicator_change(olds.get(i), news.get(i), old, new) for i in ids)
    return Comparison(
        old_path,
        new_path,
        old,
        new,
        changes,
        _answer_changes(old, new),
        (*_notes(old, new), *_questionnaire_notes(old, new, old_path, new_path)),
        _followed_up(old, news),
    )


def _followed_up(old: ScoreReport, news: dict[str, Verdict]) -> tuple[FollowUp, ...]:
    """Each action in the old file's plan, in the old questionnaire's order, with its state now."""
    plan = old.answers.plan
    return tuple(
        FollowUp(
            v.indicator.id,
            v.indicator.title,
            d.action,
            d.owner,
            d.due,
            None if v.indicator.id not in news else news[v.indicator.id].state,
        )
        for v in old.verdicts
        if (d := plan.get(v.indicator.id)) is not None and d.decision == "act"
    )


def _shift(old: State | None, new: State | None) -> Shift:
    if old is None:
        return Shift.ONLY_NEW
    if new is None:
        return Shift.ONLY_OLD
    if old is new:
        return Shift.UNCHANGED
    if new is State.MET:
        return Shift.NEWLY_MET
    if old is State.MET:
        return Shift.NEWLY_NOT_MET
    return Shift.CHANGED


def _indicator_change(
    old: Verdict | None, new: Verdict | None, old_report: ScoreReport, new_report: ScoreReport
) -> IndicatorChange:
    some = new or old
    assert some is not None  # the id came from one of the two reports
    shift = _shift(None if old is None else old.state, None if new is None else new.state)
    notes: tuple[str, ...] = ()
    if old is not None and new is not None:
        notes = definition_notes(
            old.indicator, old_report.questionnaire, new.indicator, new_report.questionnaire
        )
    return IndicatorChange(some.indicator.id, some.indicator.title, shift, old, new, notes)


def definition_notes(
    old: Indicator, old_q: Questionnaire, new: Indicator, new_q: Questionnaire
) -> tuple[str, ...]:
    """How one indicator's definition differs between two questionnaires, in Swedish."""
    if old_q.id == new_q.id:
        return ()
    y0, y1 = old_q.year, new_q.year
    notes: list[str] = []
    if old.rule != new.rule:
        notes.append(
            f"Kriteriet har ändrats. {y0}: {describe(old.rule, old_q)}. {y1}: {describe(new.rule, new_q)}."
        )
    if old.applies_if != new.applies_if:
        before = describe(old.applies_if, old_q) if old.applies_if else "alla"
        after = describe(new.applies_if, new_q) if new.applies_if else "alla"
        notes.append(f"Vilka indikatorn gäller har ändrats. {y0}: {before}. {y1}: {after}.")
    if old.title != new.title:
        notes.append(f"Titeln har ändrats. {y0}: {old.title}. {y1}: {new.title}.")
    if old.assumed != new.assumed and new.carried_from == y0:
        # Carried from the old year into a prepared one: that is the assumption, said once
        # (what it rests on, per indicator: ojcli questionnaires show).
        notes.append(f"Enligt {y0}, antas ingå {y1}.")
        if old.assumed:
            notes.append(f"Antaganden {y0}: {' '.join(old.assumed)}")
    elif old.assumed != new.assumed:
        for year, assumed in ((y0, old.assumed), (y1, new.assumed)):
            text = " ".join(assumed) if assumed else "inga"
            notes.append(f"Antaganden {year}: {text}")
    return tuple(notes)


def _answer_changes(old: ScoreReport, new: ScoreReport) -> tuple[AnswerChange, ...]:
    oq, nq = old.questionnaire, new.questionnaire
    o_ids = {q.id for q in oq.questions}
    n_ids = {q.id for q in nq.questions}
    order = [q.id for q in nq.questions] + [q.id for q in oq.questions if q.id not in n_ids]
    before = Evaluator(oq, old.answers, old.reference_date, old.today)
    after = Evaluator(nq, new.answers, new.reference_date, new.today)
    changes = []
    for qid in order:
        a, a_status = before.answer(qid) if qid in o_ids else (None, None)
        b, b_status = after.answer(qid) if qid in n_ids else (None, None)
        if type(a) is type(b) and a == b:
            continue
        question = nq.question(qid) if qid in n_ids else oq.question(qid)
        note = ""
        if oq.id != nq.id and qid not in o_ids:
            note = f"frågan finns inte i enkäten {oq.year}"
        elif oq.id != nq.id and qid not in n_ids:
            note = f"frågan finns inte i enkäten {nq.year}"
        changes.append(
            AnswerChange(
                qid,
                question.name,
                a,
                b,
                None if a is None else display_value(oq.question(qid), a),
                None if b is None else display_value(nq.question(qid), b),
                note,
                a_status,
                b_status,
            )
        )
    return tuple(changes)


def _questionnaire_notes(
    old: ScoreReport, new: ScoreReport, old_path: Path, new_path: Path
) -> list[str]:
    """What to know about each side's questionnaire file (`ojcli.model.identity.notices`)."""
    notes: list[str] = []
    for report, path in ((old, old_path), (new, new_path)):
        q = report.questionnaire
        local = identity.local_notice(q)
        if local and local not in notes:  # the same file for both: said once
            notes.append(local)
        if identity.changed_since_saved(report.answers.meta.questionnaire_fingerprint, q):
            notes.append(f"{path}: {identity.changed_notice(q)}")
        if unknown := orphans.notice(report.answers):  # answers kept, not compared
            notes.append(f"{path}: {unknown}")
    if old.questionnaire.id == new.questionnaire.id and identity.fingerprint_of(
        old.questionnaire
    ) != identity.fingerprint_of(new.questionnaire):
        notes.append(
            f"Filerna bedöms efter två olika versioner av enkäten {new.questionnaire.id}: "
            "skillnaderna kan bero på enkäten, inte bara på svaren."
        )
    return notes


def _notes(old: ScoreReport, new: ScoreReport) -> tuple[str, ...]:
    notes = []
    om, nm = old.answers.meta, new.answers.meta
    if (om.municipality_code, om.unit) != (nm.municipality_code, nm.unit):
        notes.append(
            f"Filerna gäller olika enheter: {old.answers.unit_name} och {new.answers.unit_name}."
        )
    for side, report in (("Gammal", old), ("Ny", new)):  # dates after today do not count
        ev = Evaluator(report.questionnaire, report.answers, report.reference_date, report.today)
        notes += [f"{side}: {ev.late_reason(qid)}" for qid in ev.late]
    if old.questionnaire.year > new.questionnaire.year:
        notes.append(
            f"Den gamla filen gäller ett senare enkätår ({old.questionnaire.year}) än den nya "
            f"({new.questionnaire.year}); byt plats på filerna om det var fel ordning."
        )
    return tuple(notes)
