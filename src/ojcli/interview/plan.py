"""The plan's interactive step: decide, indicator by indicator, what to do about what is not met.

Like the interview's review, it talks to the person only through a prompter, so it runs the same
in a terminal, with piped input and in tests: `read` raises EOFError at end of input (Ctrl-D)
and KeyboardInterrupt on Ctrl-C. `?` explains, `>` skips an indicator, `q` ends. Each decision
is saved the moment it is confirmed (the `save` given, a `Session`'s), so an interruption loses
none already confirmed.

First the indicators without a decision, in the plan's order, each with ojcli's "what would
meet it" as the default action; then the whole plan, numbered, where any decision can be
changed, until Enter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Protocol

from pydantic import ValidationError

from ojcli.interview.engine import Status
from ojcli.interview.replies import HELP, QUIT, SKIP, choice, command_of
from ojcli.model.answers import AnswerSet, check_answer_set
from ojcli.model.dates import parse_date
from ojcli.model.plan import Decision
from ojcli.model.questionnaire import Questionnaire
from ojcli.report import plan_words as pw
from ojcli.report.plan import Plan, PlanEntry, plan_for


class PlanPrompter(Protocol):
    """What the plan step needs from a user interface."""

    def read(self, prompt: str) -> str:
        """One line from the person (EOFError at end of input)."""
        ...

    def info(self, text: str) -> None:
        """A neutral message."""
        ...

    def error(self, text: str) -> None:
        """A message about a reply that could not be used."""
        ...

    def show_entry(self, entry: PlanEntry, heading: str) -> None:
        """One indicator to decide on: state, why, what would meet it, the decision so far."""
        ...

    def show_plan(self, plan: Plan) -> None:
        """The whole plan, its entries numbered from 1 in the plan's order."""
        ...


class _Quit(Exception):
    """The person typed q."""


class _Skip(Exception):
    """The person typed > : leave this indicator as it is."""


class PlanStep:
    """Asks for a decision on each indicator without one, then lets any decision be changed."""

    def __init__(
        self,
        questionnaire: Questionnaire,
        answers: AnswerSet,
        prompter: PlanPrompter,
        save: Callable[[AnswerSet], None],
        today: dt.date,
    ):
        self.q = questionnaire
        self.answers = answers
        self.ui = prompter
        self.save = save
        self.today = today

    def plan(self) -> Plan:
        """The plan as the decisions stand now."""
        return plan_for(check_answer_set(self.answers, self.q), self.q, self.today)

    def run(self) -> Status:
        """Decide the undecided, then review; PAUSED on q or at the end of input."""
        try:
            undecided = [e.id for e in self.plan().undecided]
            if undecided:
                self.ui.info(pw.STEP_HELP)
            for n, iid in enumerate(undecided, 1):
                entry = next(e for e in self.plan().entries if e.id == iid)
                self._decide(entry, pw.progress(n, len(undecided)))
            return self._review()
        except (_Quit, EOFError):
            return Status.PAUSED

    def _review(self) -> Status:
        while True:
            plan = self.plan()
            entries = plan.entries
            if not entries:
                return Status.FINISHED
            self.ui.show_plan(plan)
            while True:
                raw = self.ui.read(pw.REVIEW_PROMPT).strip()
                if not raw:
                    return Status.FINISHED
                command = command_of(raw)
                if command == QUIT:
                    return Status.PAUSED
                if command == HELP:
                    self.ui.info(
                        "Skriv numret på en indikator i listan för att besluta om den eller ändra "
                        "beslutet, eller tryck Enter för att avsluta.  q = avsluta (Ctrl-D likaså)."
                    )
                    continue
                if raw.isdecimal() and len(raw) < 6 and 1 <= int(raw) <= len(entries):
                    break
                self.ui.error(f"Ange ett nummer 1–{len(entries)}, eller tryck Enter.")
            entry = entries[int(raw) - 1]
            self._decide(entry, f"Indikator {raw} av {len(entries)}")

    def _decide(self, entry: PlanEntry, heading: str) -> None:
        """Ask for one decision and save it; returns without one on `>`."""
        self.ui.show_entry(entry, heading)
        options = [(kind, text) for kind, text in pw.DECISION_CHOICES]
        self.ui.info("   ".join(f"{n}) {text}" for n, (_, text) in enumerate(options, 1)))
        try:
            while True:
                raw = self._read(
                    pw.with_default(pw.DECISION_PROMPT, _number_of(entry.decision, options)),
                    pw.STEP_HELP,
                )
                if not raw.strip() and entry.decision:
                    kind = entry.decision
                    break
                try:
                    kind = choice(options, raw)
                    break
                except ValueError as exc:
                    self.ui.error(str(exc))
            decision = self._details(entry, kind)
        except _Skip:
            return
        self.answers.plan[entry.id] = decision
        self.save(self.answers)
        self.ui.info(pw.SAVED)

    def _details(self, entry: PlanEntry, kind: str) -> Decision:
        """What, who and when for an action; why for an acceptance; a note for no action."""
        same = entry.decision == kind
        if kind == "act":
            action = self._text(
                pw.ACTION_PROMPT, entry.action if same else entry.suggestion, required=True
            )
            owner = self._text(
                pw.OWNER_PROMPT, entry.owner if same else self.answers.meta.respondent, True
            )
            due = self._date(entry.due if same and entry.due else self._default_due(entry))
            return Decision(decision="act", action=action, owner=owner, due=due)
        if kind == "accept":
            reason = self._text(pw.REASON_PROMPT, entry.reason if same else "", required=True)
            return Decision(decision="accept", reason=reason)
        reason = self._text(pw.NOTE_PROMPT, entry.reason if same else "", required=False)
        return Decision(decision="no_action", reason=reason)

    def _read(self, prompt: str, help_text: str) -> str:
        """A reply that is not a command: q ends, > skips, ? helps and asks again."""
        while True:
            raw = self.ui.read(prompt)
            command = command_of(raw)
            if command == QUIT:
                raise _Quit
            if command == SKIP:
                raise _Skip
            if command == HELP:
                self.ui.info(help_text)
                continue
            return raw

    def _text(self, prompt: str, default: str, required: bool) -> str:
        help_text = "Skriv och tryck Enter; Enter ensamt tar förvalet.  > = hoppa över  q = avsluta"
        while True:
            text = self._read(pw.with_default(prompt, _short(default)), help_text).strip()
            text = text or default
            try:
                Decision(decision="no_action", reason=text)  # the file's check of a text
            except ValidationError as exc:
                self.ui.error(f"Texten går inte att spara: {exc.errors()[0]['msg']}")
                continue
            if text or not required:
                return text
            self.ui.error(pw.NEEDED)

    def _date(self, default: dt.date | None) -> dt.date:
        shown = "" if default is None else default.isoformat()
        help_text = "Ett datum, ÅÅÅÅ-MM-DD, t.ex. 2027-02-15; Enter tar förvalet."
        while True:
            raw = self._read(pw.with_default(pw.DUE_PROMPT, shown), help_text).strip()
            if not raw and default is not None:
                return default
            if not raw:
                self.ui.error(pw.NEEDED)
                continue
            try:
                day = parse_date(raw)
            except ValueError as exc:
                self.ui.error(str(exc))
                continue
            if day > self.q.reference_date:
                self.ui.info(pw.after_reference_text(self.q.reference_date, self.q.year))
            return day

    def _default_due(self, entry: PlanEntry) -> dt.date | None:
        """The last working day before the reference date (or before the lapse), if still ahead."""
        from ojcli.report.workdays import working_day_before

        limit = min(entry.lapses_on or self.q.reference_date, self.q.reference_date)
        day = working_day_before(limit)
        return day if day >= self.today else None


def _number_of(kind: str, options: list[tuple[str, str]]) -> str:
    """The number of the decision already taken, for the prompt's default."""
    return next((f"{n} {text}" for n, (k, text) in enumerate(options, 1) if k == kind), "")


def _short(text: str, width: int = 70) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
