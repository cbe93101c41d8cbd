"""A typed reply: the interview's commands, and a reply parsed into an answer or a Swedish error."""

from __future__ import annotations

import datetime as dt
import re

from ojcli.model import dates
from ojcli.model.answers import AnswerValue
from ojcli.model.dates import after_today, parse_date
from ojcli.model.questionnaire import (
    DateQuestion,
    MultipleChoiceQuestion,
    NumberQuestion,
    Question,
    SingleChoiceQuestion,
    TextQuestion,
    YesNoQuestion,
)
from ojcli.model.values import value_problem

HELP, BACK, SKIP, QUIT, COMMENT = "?", "<", ">", "q", "#"


COMMAND_HELP = "Svara och tryck Enter.  ? = definition  < = tillbaka  > = hoppa över  # = kommentar  q = spara och avsluta"
PROMPT_HELP = "q = spara och avsluta (Ctrl-D likaså)."  # what holds at every prompt


_WORDS = {
    HELP: {"?", "hjälp"},
    BACK: {"<", "tillbaka"},
    SKIP: {">", "hoppa", "hoppa över"},
    QUIT: {"q", "avsluta", "sluta"},
}


class ReplyError(ValueError):
    """A reply that does not fit the question; the message is Swedish."""


def command_of(raw: str) -> str | None:
    """The navigation command a reply stands for, if any."""
    text = raw.strip().casefold()
    if text.startswith(COMMENT):
        return COMMENT
    return next((cmd for cmd, words in _WORDS.items() if text in words), None)


def choice(options: list[tuple[str, str]], raw: str) -> str:
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


def parse_reply(question: Question, raw: str, today: dt.date | None = None) -> AnswerValue:
    """Turn a typed reply into an answer value, or raise ReplyError saying what is expected.

    A date must exist and lie no later than `today` (default: `ojcli.model.dates.today()`).
    """
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
        value = choice([(o.value, o.label) for o in question.options], text)
    elif isinstance(question, SingleChoiceQuestion):
        value = choice([(o.value, o.label) for o in question.options], text)
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
            value = list(dict.fromkeys(choice(options, p) for p in parts))
    elif isinstance(question, NumberQuestion):
        match = re.fullmatch(r"(-?\d[\d\s]*+)[^\d\s]*", text)  # possessive: no backtracking
        if not match:
            # A small example in the question's unit ("5 månader"): a fixed 14 stood next to
            # a three-month rule and read like advice.
            top = 5 if question.maximum is None else min(5, question.maximum)
            example = question.amount(max(question.minimum, top))
            if re.match(r"-?\d+[.,]\d", text):
                raise ReplyError(f"Svara med ett heltal, utan decimaler, t.ex. {example}.")
            raise ReplyError(f"Svara med ett heltal, t.ex. {example}.")
        digits = re.sub(r"\s", "", match.group(1))
        if len(digits) > 18:  # also keeps int() below Python's limit on digits
            raise ReplyError("Talet är för stort.")
        value = int(digits)
    elif isinstance(question, DateQuestion):
        try:
            value = parse_date(text)
        except ValueError as exc:
            raise ReplyError(str(exc)) from None
        if value.year < 1900:
            raise ReplyError("Datumet verkar fel: året är före 1900.")
        if why := after_today(value, today or dates.today()):
            raise ReplyError(f"Datumet {why}: ange ett datum som redan har varit.")
    else:
        assert isinstance(question, TextQuestion)
        if not text:
            raise ReplyError("Skriv ett svar, eller > för att hoppa över.")
        value = text
    problem = value_problem(question, value)
    if problem:
        raise ReplyError(f"Svaret {problem}.")
    return value
