"""The interview: walk the asked questions section by section, save after every answer.

Talks to the person only through a `Prompter`, so it runs the same in a terminal, with
piped input and in tests. `Prompter.read` raises EOFError at end of input and
KeyboardInterrupt on Ctrl-C; every confirmed answer has been saved by then.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Protocol

from ojcli.errors import control_character_problem
from ojcli.interview.replies import (
    BACK,
    COMMAND_HELP,
    COMMENT,
    HELP,
    PROMPT_HELP,
    QUIT,
    SKIP,
    ReplyError,
    command_of,
    parse_reply,
)
from ojcli.model import dates
from ojcli.model.answers import (
    AnswerChecker,
    AnswerSet,
    AnswerValue,
    CheckedAnswers,
)
from ojcli.model.questionnaire import (
    DateQuestion,
    Question,
    Questionnaire,
    Section,
)
from ojcli.scoring import Evaluator, Tri, display_value


class Prompter(Protocol):
    """What the interview needs from a user interface."""

    def read(self, prompt: str) -> str:
        """One line from the person (EOFError at end of input)."""
        ...

    def show_question(self, view: QuestionView) -> None:
        """Present a question with its progress line and alternatives."""
        ...

    def show_help(self, view: QuestionView) -> None:
        """Show the question's definitions and what it is used for."""
        ...

    def show_review(self, rows: list[ReviewRow]) -> None:
        """Show every asked question with its answer."""
        ...

    def info(self, text: str) -> None:
        """A neutral message."""
        ...

    def error(self, text: str) -> None:
        """A message about a reply that could not be used."""
        ...


@dataclass(frozen=True)
class QuestionView:
    """Everything shown for one question."""

    question: Question
    section: Section
    number: int  # the question's number in the questionnaire, whatever is skipped
    total: int  # the questionnaire's questions, skipped ones included
    skipped: int  # questions not asked with the answers given so far
    current: str | None
    previous: str | None
    comment: str | None
    new_section: bool
    used_by: list[str]


@dataclass(frozen=True)
class ReviewRow:
    """One line of the review: number, section, question, answer; every question has one."""

    number: int
    section: str
    question: Question
    answer: str | None
    comment: str | None
    asked: bool = True  # False: skipped with these answers (shown, but it has no answer)
    mark: str | None = None  # e.g. that a carried-over date is too old for this year


class Status(Enum):
    """How an interview ended."""

    FINISHED = "finished"
    PAUSED = "paused"


class Interview:
    """Asks the questions that apply, in survey order, and saves after every change."""

    def __init__(
        self,
        questionnaire: Questionnaire,
        answers: AnswerSet,
        prompter: Prompter,
        save: Callable[[AnswerSet], None],
        defaults: Mapping[str, AnswerValue] | None = None,
        marks: Mapping[str, tuple[AnswerValue, str]] | None = None,
        today: dt.date | None = None,
    ):
        self.q = questionnaire
        self.answers = answers
        self.defaults = dict(defaults or {})  # e.g. last year's answers to changed questions
        # Answers carried over that this year's rules do not accept: the value and why. The
        # review shows the mark while the answer is still that value.
        self.marks = dict(marks or {})
        self.today = today  # None: `ojcli.model.dates.today()`, when it is needed
        self.ui = prompter
        self.save = save
        self._shown_section: str | None = None
        self._checker = AnswerChecker(questionnaire)

    def checked(self) -> CheckedAnswers:
        """The answers as they are now, checked: what scoring takes (LoadError if one does not fit)."""
        return self._checker.check_set(self.answers)

    def _evaluator(self) -> Evaluator:
        return Evaluator(self.q, self.checked(), self.q.reference_date)

    def asked(self) -> list[Question]:
        """The questions asked with the answers given so far, in survey order."""
        ev = self._evaluator()
        return [x for x in self.q.questions if ev.is_asked(x.id) is Tri.TRUE]

    def unanswered(self) -> list[Question]:
        """Asked questions that still have no answer."""
        return [x for x in self.asked() if x.id not in self.answers.answers]

    def left(self) -> tuple[int, int]:
        """How many questions are still to answer, at least and at most.

        At least those asked now and unanswered; at most also those whose condition reads an
        answer not given yet.
        """
        ev = self._evaluator()
        given = self.answers.answers
        open_ = [ev.is_asked(x.id) for x in self.q.questions if x.id not in given]
        return open_.count(Tri.TRUE), len(open_) - open_.count(Tri.FALSE)

    def skipped(self) -> list[Question]:
        """Questions that the answers given so far rule out (follow-ups that do not apply)."""
        ev = self._evaluator()
        return [x for x in self.q.questions if ev.is_asked(x.id) is Tri.FALSE]

    def view(self, question: Question) -> QuestionView:
        """What to show for a question now."""
        section = self.q.section_of(question.id)
        current = self.answers.answers.get(question.id)
        return QuestionView(
            question=question,
            section=section,
            number=self.q.number(question.id),
            total=len(self.q.questions),
            skipped=len(self.skipped()),
            current=None if current is None else display_value(question, current),
            previous=None
            if current is not None or question.id not in self.defaults
            else display_value(question, self.defaults[question.id]),
            comment=self.answers.comments.get(question.id),
            new_section=section.id != self._shown_section,
            used_by=[i.title for i in self.q.indicators_using(question.id)],
        )

    def run(self) -> Status:
        """Ask from the first unanswered question, then review; PAUSED on `q` or end of input."""
        try:
            first = self.unanswered()
            if first:
                self.ui.info(COMMAND_HELP)
                if not self._walk(first[0].id):
                    return Status.PAUSED
            return self._review()
        except EOFError:
            return Status.PAUSED

    def _walk(self, start: str, stop_after: str | None = None) -> bool:
        """Ask from `start` on; False if the person quit.

        Going forward visits the next question the person has already seen in this walk
        (after going back) or else the next unanswered one, so a resumed interview shows
        only what is missing.
        """
        order = [x.id for x in self.q.questions]
        current: str | None = start
        furthest = order.index(start)
        while current is not None:
            outcome = self._ask(self.q.question(current))
            if outcome == QUIT:
                return False
            asked = [x.id for x in self.asked()]
            if outcome == BACK:
                earlier = [a for a in asked if order.index(a) < order.index(current)]
                if earlier:
                    current = earlier[-1]
                else:
                    self.ui.info("Det här är den första frågan.")
                continue
            if stop_after == current:
                return True
            furthest = max(furthest, order.index(current))
            here = order.index(current)
            current = next(
                (
                    a
                    for a in asked
                    if order.index(a) > here
                    and (order.index(a) <= furthest or a not in self.answers.answers)
                ),
                None,
            )
        return True

    def _ask(self, question: Question) -> str:
        """Ask one question until it is answered, skipped or left; returns what happened."""
        view = self.view(question)
        self._shown_section = view.section.id
        self.ui.show_question(view)
        while True:
            raw = self.ui.read("Svar")
            command = command_of(raw)
            if command == HELP:
                self.ui.show_help(view)
                continue
            if command == COMMENT:
                if not self._comment(question, raw.strip()[1:].strip()):
                    return QUIT
                continue
            if command in (BACK, SKIP, QUIT):
                return command
            if not raw.strip():
                if question.id in self.answers.answers:
                    return "kept"
                if question.id in self.defaults:
                    self.answers.answers[question.id] = self.defaults[question.id]
                    self.save(self.answers)
                    return "answered"
                if not question.required:
                    return SKIP
                self.ui.error(
                    "Frågan behöver ett svar. Skriv > för att hoppa över den tills vidare."
                )
                continue
            try:
                value = parse_reply(question, raw)
            except ReplyError as exc:
                self.ui.error(str(exc))
                continue
            if isinstance(question, DateQuestion) and isinstance(value, dt.date):
                keep = self._keep_late_date(value)
                if keep is None:
                    return QUIT
                if not keep:
                    continue
            # Answers to follow-ups that this reply closes are kept (scoring ignores
            # them), so changing one's mind back restores them.
            self.answers.answers[question.id] = value
            self.save(self.answers)
            return "answered"

    def _keep_late_date(self, value: dt.date) -> bool | None:
        """True to save a date; for one after the reference date, ask first (None: q)."""
        ref = self.q.reference_date
        if value <= ref:
            return True
        self.ui.error(
            f"{value.isoformat()} är efter enkätens mätdatum {ref.isoformat()} och räknas inte "
            "för indikatorerna: bara det som skett före mätdatum räknas."
        )
        keep = self._yes_no(
            "Spara datumet ändå? (j = ja, n = nej och skriv ett annat)",
            "j sparar datumet, men det räknas inte för indikatorerna; n låter dig skriva ett annat.",
        )
        if keep is False:
            self.ui.info("Skriv ett annat datum.")
        return keep

    def _yes_no(self, prompt: str, explanation: str) -> bool | None:
        """Ask until the reply is yes or no; None when the person quits with q."""
        while True:
            raw = self.ui.read(prompt)
            command = command_of(raw)
            if command == QUIT:
                return None
            if command == HELP:
                self.ui.info(f"{explanation}  {PROMPT_HELP}")
                continue
            text = raw.strip().casefold()
            if text in ("j", "ja", "y"):
                return True
            if text in ("n", "nej"):
                return False
            self.ui.error(f"Svara j (ja) eller n (nej).  {PROMPT_HELP}")

    def _comment(self, question: Question, text: str) -> bool:
        """Save, change or remove the question's comment; False when the person quits with q."""
        while not text:
            reply = self.ui.read("Kommentar eller underlag (tomt = ta bort)").strip()
            command = command_of(reply)
            if command == QUIT:
                return False
            if command != HELP:
                text = reply
                break
            self.ui.info(f"Skriv kommentaren och tryck Enter; tomt tar bort den.  {PROMPT_HELP}")
        if why := control_character_problem(text):
            self.ui.error(f"Kommentaren {why}; den sparades inte.")
            return True
        if text:
            self.answers.comments[question.id] = text
            self.ui.info("Kommentaren är sparad.")
        else:
            self.answers.comments.pop(question.id, None)
            self.ui.info("Kommentaren är borttagen.")
        self.save(self.answers)
        return True

    def _mark(self, qid: str) -> str | None:
        """Why the review marks an answer: carried over and not accepted, or a date after today.

        The interview takes no date after today; one typed into the file does not count.
        """
        value = self.answers.answers.get(qid)
        marked = self.marks.get(qid)
        if marked is not None and value == marked[0]:
            return marked[1]
        today = self.today or dates.today()
        if type(value) is dt.date and value > today:
            return dates.late_note(today)
        return None

    def _review(self) -> Status:
        """Show all answers; let the person change any of them before finishing."""
        while True:
            asked = {x.id for x in self.asked()}
            rows = [
                ReviewRow(
                    self.q.number(x.id),
                    self.q.section_of(x.id).title,
                    x,
                    None
                    if x.id not in self.answers.answers or x.id not in asked
                    else display_value(x, self.answers.answers[x.id]),
                    self.answers.comments.get(x.id),
                    x.id in asked,
                    self._mark(x.id),
                )
                for x in self.q.questions
            ]
            self.ui.show_review(rows)
            while True:
                raw = self.ui.read(
                    "Nummer på en fråga att ändra, eller Enter för att avsluta"
                ).strip()
                if not raw:
                    return Status.FINISHED
                if command_of(raw) == QUIT:
                    return Status.PAUSED
                if command_of(raw) == HELP:
                    self.ui.info(
                        "Skriv numret på en fråga i listan för att ändra svaret, eller tryck "
                        f"Enter för att avsluta och se resultatet.  {PROMPT_HELP}"
                    )
                    continue
                target = self._review_target(raw, asked)
                if target is not None:
                    break
            self._shown_section = None
            before = {x.id for x in self.unanswered()}
            if self._ask(target) == QUIT:
                return Status.PAUSED
            # A changed answer may open follow-up questions: ask only those before reviewing again.
            opened = [x for x in self.unanswered() if x.id not in before and x.id != target.id]
            for follow_up in opened:
                if self._ask(follow_up) == QUIT:
                    return Status.PAUSED

    def _review_target(self, raw: str, asked: set[str]) -> Question | None:
        """The asked question with the number typed in the review, or None after saying why not."""
        total = len(self.q.questions)
        if not raw.isdecimal() or len(raw) > 9 or not 1 <= int(raw) <= total:
            self.ui.error(f"Ange numret på en fråga, 1–{total}, eller tryck Enter.")
            return None
        question = self.q.questions[int(raw) - 1]
        if question.id not in asked:
            self.ui.error(
                f"Fråga {raw} ställs inte med de svar som getts. Ange numret på en annan fråga, "
                "eller tryck Enter."
            )
            return None
        return question
