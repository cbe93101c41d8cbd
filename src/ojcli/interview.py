"""The interview: walk the asked questions, parse replies, save after every answer.

Talks to the person only through a `Prompter`, so it runs the same in a terminal, with
piped input and in tests. `Prompter.read` raises EOFError at end of input and
KeyboardInterrupt on Ctrl-C; every confirmed answer has been saved by then.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Protocol

from ojcli.errors import control_character_problem
from ojcli.model.answers import (
    FORMAT_VERSION,
    AnswerSet,
    AnswerValue,
    Meta,
    value_problem,
)
from ojcli.model.questionnaire import (
    DateQuestion,
    MultipleChoiceQuestion,
    NumberQuestion,
    Question,
    Questionnaire,
    Section,
    SingleChoiceQuestion,
    TextQuestion,
    YesNoQuestion,
)
from ojcli.municipalities import Municipality, answering_units, answers_per_unit, search, suggestion
from ojcli.scoring import Evaluator, Tri, display_value

HELP, BACK, SKIP, QUIT, COMMENT = "?", "<", ">", "q", "#"
COMMAND_HELP = "Svara och tryck Enter.  ? = definition  < = tillbaka  > = hoppa över  # = kommentar  q = spara och avsluta"
_WORDS = {
    HELP: {"?", "hjälp"},
    BACK: {"<", "tillbaka"},
    SKIP: {">", "hoppa", "hoppa över"},
    QUIT: {"q", "avsluta", "sluta"},
}


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
    number: int
    total: int
    current: str | None
    previous: str | None
    comment: str | None
    new_section: bool
    used_by: list[str]


@dataclass(frozen=True)
class ReviewRow:
    """One line of the review: number, section, question, answer."""

    number: int
    section: str
    question: Question
    answer: str | None
    comment: str | None


class Status(Enum):
    """How an interview ended."""

    FINISHED = "finished"
    PAUSED = "paused"


class ReplyError(ValueError):
    """A reply that does not fit the question; the message is Swedish."""


def command_of(raw: str) -> str | None:
    """The navigation command a reply stands for, if any."""
    text = raw.strip().casefold()
    if text.startswith(COMMENT):
        return COMMENT
    return next((cmd for cmd, words in _WORDS.items() if text in words), None)


def _choice(options: list[tuple[str, str]], raw: str) -> str:
    """Match a reply to an option by number, value, label or an unambiguous label prefix."""
    text = raw.strip().casefold()
    if text.isdecimal() and len(text) < 10 and 1 <= int(text) <= len(options):
        return options[int(text) - 1][0]
    for value, label in options:
        if text in (value.casefold(), label.casefold()):
            return value
    prefixed = [value for value, label in options if label.casefold().startswith(text)]
    if text and len(prefixed) == 1:
        return prefixed[0]
    choices = ", ".join(f"{n} = {label}" for n, (_, label) in enumerate(options, 1))
    raise ReplyError(f"Svara med ett av alternativen: {choices}.")


def parse_reply(question: Question, raw: str) -> AnswerValue:
    """Turn a typed reply into an answer value, or raise ReplyError saying what is expected."""
    text = raw.strip()
    value: AnswerValue
    if isinstance(question, YesNoQuestion):
        yes_no = {
            "j": "ja",
            "y": "ja",
            "n": "nej",
            "v": "vet_ej",
            "vet ej": "vet_ej",
            "vet inte": "vet_ej",
        }
        text = yes_no.get(text.casefold(), text)
        value = _choice([(o.value, o.label) for o in question.options], text)
    elif isinstance(question, SingleChoiceQuestion):
        value = _choice([(o.value, o.label) for o in question.options], text)
    elif isinstance(question, MultipleChoiceQuestion):
        if text.casefold() in ("0", "inget", "inga", "ingen"):
            value = []
        else:
            options = [(o.value, o.label) for o in question.options]
            parts = [p for p in re.split(r"[,;\s]+", text) if p]
            if not parts:
                raise ReplyError(
                    "Ange alternativens nummer med kommatecken emellan, t.ex. 1,3 (0 = inget)."
                )
            value = list(dict.fromkeys(_choice(options, p) for p in parts))
    elif isinstance(question, NumberQuestion):
        match = re.fullmatch(r"(-?\d[\d\s]*+)[^\d\s]*", text)  # possessive: no backtracking
        if not match:
            raise ReplyError(
                f"Svara med ett heltal{' (' + question.unit + ')' if question.unit else ''}, t.ex. 14."
            )
        digits = re.sub(r"\s", "", match.group(1))
        if len(digits) > 18:  # also keeps int() below Python's limit on digits
            raise ReplyError("Talet är för stort.")
        value = int(digits)
    elif isinstance(question, DateQuestion):
        try:
            value = dt.date.fromisoformat(text)
        except ValueError:
            raise ReplyError("Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2024-03-01.") from None
        if value.year < 1900:
            raise ReplyError("Datumet verkar fel: året är före 1900.")
    else:
        assert isinstance(question, TextQuestion)
        if not text:
            raise ReplyError("Skriv ett svar, eller > för att hoppa över.")
        value = text
    problem = value_problem(question, value)
    if problem:
        raise ReplyError(f"Svaret {problem}.")
    return value


class Interview:
    """Asks the questions that apply, in survey order, and saves after every change."""

    def __init__(
        self,
        questionnaire: Questionnaire,
        answers: AnswerSet,
        prompter: Prompter,
        save: Callable[[AnswerSet], None],
        defaults: Mapping[str, AnswerValue] | None = None,
    ):
        self.q = questionnaire
        self.answers = answers
        self.defaults = dict(defaults or {})  # e.g. last year's answers to changed questions
        self.ui = prompter
        self.save = save
        self._shown_section: str | None = None

    def asked(self) -> list[Question]:
        """The questions asked with the answers given so far, in survey order."""
        ev = Evaluator(self.q, self.answers.answers, self.q.reference_date)
        return [x for x in self.q.questions if ev.is_asked(x.id) is Tri.TRUE]

    def unanswered(self) -> list[Question]:
        """Asked questions that still have no answer."""
        return [x for x in self.asked() if x.id not in self.answers.answers]

    def possibly_asked(self) -> list[Question]:
        """Questions asked now or once earlier answers are given: the progress total, which shrinks as follow-ups fall away."""
        ev = Evaluator(self.q, self.answers.answers, self.q.reference_date)
        return [x for x in self.q.questions if ev.is_asked(x.id) is not Tri.FALSE]

    def view(self, question: Question) -> QuestionView:
        """What to show for a question now."""
        asked = self.possibly_asked()
        section = self.q.section_of(question.id)
        current = self.answers.answers.get(question.id)
        return QuestionView(
            question=question,
            section=section,
            number=[x.id for x in asked].index(question.id) + 1,
            total=len(asked),
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
                self._comment(question, raw.strip()[1:].strip())
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
            # Answers to follow-ups that this reply closes are kept (scoring ignores
            # them), so changing one's mind back restores them.
            self.answers.answers[question.id] = value
            self.save(self.answers)
            return "answered"

    def _comment(self, question: Question, text: str) -> None:
        if not text:
            text = self.ui.read("Kommentar eller underlag (tomt = ta bort)").strip()
        if why := control_character_problem(text):
            self.ui.error(f"Kommentaren {why}; den sparades inte.")
            return
        if text:
            self.answers.comments[question.id] = text
            self.ui.info("Kommentaren är sparad.")
        else:
            self.answers.comments.pop(question.id, None)
            self.ui.info("Kommentaren är borttagen.")
        self.save(self.answers)

    def _review(self) -> Status:
        """Show all answers; let the person change any of them before finishing."""
        while True:
            asked = self.asked()
            rows = [
                ReviewRow(
                    n,
                    self.q.section_of(x.id).title,
                    x,
                    None
                    if x.id not in self.answers.answers
                    else display_value(x, self.answers.answers[x.id]),
                    self.answers.comments.get(x.id),
                )
                for n, x in enumerate(asked, 1)
            ]
            self.ui.show_review(rows)
            raw = self.ui.read("Nummer på en fråga att ändra, eller Enter för att avsluta").strip()
            if not raw:
                return Status.FINISHED
            if command_of(raw) == QUIT:
                return Status.PAUSED
            if not raw.isdecimal() or len(raw) > 9 or not 1 <= int(raw) <= len(asked):
                self.ui.error(f"Ange ett nummer mellan 1 och {len(asked)}, eller tryck Enter.")
                continue
            target = asked[int(raw) - 1]
            self._shown_section = None
            before = {x.id for x in self.unanswered()}
            if self._ask(target) == QUIT:
                return Status.PAUSED
            # A changed answer may open follow-up questions: ask only those before reviewing again.
            opened = [x for x in self.unanswered() if x.id not in before and x.id != target.id]
            for follow_up in opened:
                if self._ask(follow_up) == QUIT:
                    return Status.PAUSED


def _pick_municipality(prompter: Prompter, given: str | None) -> Municipality:
    """Ask until one municipality is chosen, by name, part of a name or code."""
    reply = given
    while True:
        if reply is None:
            reply = prompter.read("Kommun (namn eller kod)")
        found = search(reply)
        if len(found) == 1:
            return found[0]
        if not found:
            prompter.error(f"Ingen kommun heter '{reply.strip()}'{suggestion(reply)}. Försök igen.")
        else:
            shown = found[:12]
            prompter.info(
                "Flera kommuner passar: " + ", ".join(f"{m.name} ({m.code})" for m in shown)
            )
            if len(found) > len(shown):
                prompter.info(
                    f"… och {len(found) - len(shown)} till. Skriv mer av namnet, eller koden."
                )
        reply = None


def _pick_unit(prompter: Prompter, municipality: Municipality, year: int) -> str:
    """Stockholm and Göteborg answer per district; others may name their unit."""
    if not answers_per_unit(municipality.code):
        return _read_text(prompter, "Enhet som svarar (valfritt, Enter hoppar över)")
    units = answering_units(municipality.code, year)
    if units is None:
        prompter.info(
            f"{municipality.name} svarar per stadsdel eller nämnd. Skriv namnet som det står i enkäten."
        )
        while not (name := _read_text(prompter, "Stadsdel eller nämnd")):
            prompter.error("Ange vilken stadsdel eller nämnd som svarar.")
        return name
    prompter.info(f"{municipality.name} svarar per {units.kind} {year}:")
    for n, name in enumerate(units.names, 1):
        prompter.info(f"  {n}) {name}")
    if not units.sourced:
        prompter.info(
            "(Namnen är inte källbelagda i ojclis underlag; skriv ett annat namn om listan inte stämmer.)"
        )
    while True:
        reply = _read_text(prompter, f"Välj {units.kind} (nummer eller namn)")
        try:
            return _choice([(name, name) for name in units.names], reply)
        except ReplyError:
            if reply and not reply.isdecimal() and not units.sourced:
                return reply
            prompter.error(f"Välj ett nummer mellan 1 och {len(units.names)}.")


def _read_text(prompter: Prompter, prompt: str) -> str:
    """A free-text reply, asked again while it holds a control character."""
    while True:
        reply = prompter.read(prompt).strip()
        why = control_character_problem(reply)
        if why is None:
            return reply
        prompter.error(f"Svaret {why}.")


def new_answers(
    questionnaire: Questionnaire,
    prompter: Prompter,
    file: Path | None,
    municipality: str | None = None,
    unit: str | None = None,
    respondent: str | None = None,
) -> tuple[AnswerSet, Path]:
    """Ask who answers (what the options did not say) and where to save; nothing is saved yet."""
    prompter.info(
        f"Ny svarsfil för {questionnaire.title} (mätdatum {questionnaire.reference_date.isoformat()})."
    )
    chosen = _pick_municipality(prompter, municipality)
    prompter.info(f"Kommun: {chosen.name} ({chosen.code}), {chosen.county_name}.")
    unit_name = unit if unit is not None else _pick_unit(prompter, chosen, questionnaire.year)
    who = (
        respondent
        if respondent is not None
        else _read_text(prompter, "Ditt namn eller din roll (valfritt)")
    )
    if file is None:
        slug = re.sub(r"[^a-z0-9]+", "-", unit_name.casefold().translate(_ASCII)).strip("-")
        suggested = Path(
            f"svar-{chosen.code}{'-' + slug if slug else ''}-{questionnaire.year}.toml"
        )
        reply = prompter.read(f"Spara svaren i fil (Enter = {suggested})").strip()
        file = Path(reply) if reply else suggested
    meta = Meta(
        format_version=FORMAT_VERSION,
        questionnaire=questionnaire.id,
        municipality_code=chosen.code,
        municipality_name=chosen.name,
        unit=unit_name,
        respondent=who,
    )
    return AnswerSet(meta=meta), file


_ASCII = str.maketrans("åäöé", "aaoe")
