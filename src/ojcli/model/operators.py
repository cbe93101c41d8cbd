"""The leaf operators of the rule language, each defined once, and its three-valued logic.

A leaf tests one question's answer: `{ question = "q", equals = "ja" }` and the like (the
whole language is in `ojcli.model.rules`). Each operator's class says when it holds (three-
valued: an unanswered question leaves it unknown), the Swedish reason, the answer that would
meet it, how it reads on paper, and which question types it fits (checked when a
questionnaire loads). The scorer (`ojcli.scoring`) walks rule trees and supplies the words for
questions and answers.
"""

import calendar
import datetime as dt
import operator
from abc import abstractmethod
from collections.abc import Callable, Iterable
from enum import Enum
from typing import TYPE_CHECKING, ClassVar, Literal, TypeVar, cast

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    from typing import Protocol

    from ojcli.model.answers import AnswerValue

    # For the type checker only: a Protocol class costs start-up time, and the scorer's
    # `Evaluator` is the only `Words` there is at run time (besides `describe`'s).
    class Words(Protocol):
        """How reasons name questions and answers; the scorer knows the questionnaire."""

        reference_date: dt.date

        def name(self, qid: str) -> str:
            """The question's short name in «quotes»."""
            ...

        def show(self, qid: str, value: "AnswerValue") -> str:
            """An answer to the question as people read it, in «quotes»."""
            ...

        def top_level(self, qid: str) -> str | None:
            """The highest level of a question asked in levels ("Ja, för alla"); else None."""
            ...


DONT_KNOW = "vet_ej"  # the option value of "Vet ej" (`ojcli.model.questionnaire` offers it)
CompareOp = Literal["<", "<=", ">", ">=", "==", "!="]
A = TypeVar("A")  # the Python type of an answer

# --- three-valued logic ---------------------------------------------------------------------


class Tri(Enum):
    """A truth value that may be unknown because an answer is missing."""

    TRUE = "true"
    FALSE = "false"
    UNKNOWN = "unknown"

    # Members are singletons compared by identity; Enum's own hash runs Python code, and the
    # fast path looks Tri values up in dicts for every rule node of every file.
    __hash__ = object.__hash__


TRUE, FALSE, UNKNOWN = Tri.TRUE, Tri.FALSE, Tri.UNKNOWN
NEGATION = {TRUE: FALSE, FALSE: TRUE, UNKNOWN: UNKNOWN}


def combine(decisive: Tri, values: Iterable[Tri]) -> Tri:
    """All (decisive false) or any (decisive true) of three-valued values.

    The decisive value as soon as a value is it (later values are not taken from a lazy
    iterable); otherwise unknown if a value is unknown; otherwise the opposite of the decisive.
    """
    unknown = False
    for value in values:
        if value is decisive:
            return decisive
        if value is UNKNOWN:
            unknown = True
    return UNKNOWN if unknown else NEGATION[decisive]


class AnswerTypeError(TypeError):
    """An answer of the wrong type reached a rule: a bug, since answers are checked on load."""


def subtract_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` earlier, clamped to the month's end (2024-03-31 − 1 → 02-29)."""
    year, month0 = divmod(day.year * 12 + day.month - 1 - months, 12)
    month = month0 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# --- leaf operators -------------------------------------------------------------------------

# Every rule node is frozen and strict about its keys. (Set on each node class rather than on a
# common base class: each pydantic class costs start-up time.)
NODE_CONFIG = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


class Leaf(BaseModel):
    """A test of one question's answer; subclasses define one operator each."""

    model_config = NODE_CONFIG

    question: str

    tag: ClassVar[str]  # the key that identifies the node in a file

    # The question types (`type` in the file) it can read; None: every type.
    question_types: ClassVar[frozenset[str] | None]

    def accepts(self, question_type: str) -> bool:
        """Whether the rule can read a question of this type."""
        return self.question_types is None or question_type in self.question_types

    def truth(self, value: "AnswerValue | None", reference_date: dt.date) -> Tri:
        """Whether the rule holds for the question's answer: unknown while unanswered."""
        if value is None:
            return UNKNOWN
        return TRUE if self.holds(value, reference_date) else FALSE

    @abstractmethod
    def holds(self, value: "AnswerValue", reference_date: dt.date) -> bool:
        """Whether the rule holds for this answer; an answer of the wrong type raises."""

    def reason(self, value: "AnswerValue | None", truth: Tri, words: "Words") -> str:
        """Why the rule has this value (from `truth`), in Swedish."""
        if value is None:
            return f"{words.name(self.question)} är inte besvarad."
        return self.explain(value, truth is TRUE, words)

    @abstractmethod
    def explain(self, value: "AnswerValue", held: bool, words: "Words") -> str:
        """Why the rule holds or not for this answer, in Swedish."""

    @abstractmethod
    def change(
        self, current: "AnswerValue | None", now: str, words: "Words"
    ) -> "tuple[str, AnswerValue | None]":
        """What to answer for the rule to hold: the suggestion in Swedish and the answer.

        `now` is the current answer as the suggestion shows it (may be empty). The answer is
        None when the suggestion is to answer at all, or to leave the question unanswered.
        """

    @abstractmethod
    def describe(self, words: "Words") -> str:
        """The rule in plain Swedish, for people reviewing the logic on paper."""

    def misfit(self, question_type: str) -> str | None:
        """What in the rule does not fit its question, of a type it accepts (Swedish)."""
        return None

    def option_values(self) -> list[str]:
        """The option values the rule names, which the question must offer."""
        return []

    # An answer of the wrong type is never read as something else (0, [], no match): answers
    # are checked against the questionnaire on load, so it can only come from a bug.

    def _wrong(self, value: object) -> AnswerTypeError:
        return AnswerTypeError(
            f"rule {self!r} cannot read the answer {value!r} ({type(value).__name__}); "
            "answers must be checked against the questionnaire before scoring"
        )

    def _of_type(self, value: "AnswerValue", kind: type[A]) -> A:
        """The answer, if it is exactly of this type (pydantic makes isinstance slow)."""
        if type(value) is not kind:
            raise self._wrong(value)
        return cast(A, value)

    def _chosen(self, value: "AnswerValue") -> list[str]:
        return self._of_type(value, list)

    def _date(self, value: "AnswerValue") -> dt.date:
        return self._of_type(value, dt.date)


def _choice_reason(
    qid: str, value: "AnswerValue", wanted: Iterable[str | int], held: bool, words: "Words"
) -> str:
    said = f"{words.name(qid)} är besvarad med {words.show(qid, value)}"
    if held:
        return f"{said}."
    need = " eller ".join(words.show(qid, w) for w in wanted)
    extra = " («Vet ej» räknas som ej uppfyllt.)" if value == DONT_KNOW else ""
    if list(wanted) == [words.top_level(qid)]:  # a lower level of the survey's answer levels
        return f"{said}; bara den högsta nivån, {need}, uppfyller kriteriet.{extra}"
    return f"{said}; kriteriet kräver {need}.{extra}"


class Equals(Leaf):
    """The answer equals a value (an option value, or a whole number)."""

    equals: str | int

    tag = "equals"
    question_types = frozenset(("yes_no", "single_choice", "number"))

    def holds(self, value: "AnswerValue", reference_date: dt.date) -> bool:
        """Whether the answer is the value."""
        return self._of_type(value, type(self.equals)) == self.equals

    def explain(self, value: "AnswerValue", held: bool, words: "Words") -> str:
        """E.g. "«rutinen» är besvarad med «Nej»; kriteriet kräver «Ja»."."""
        return _choice_reason(self.question, value, [self.equals], held, words)

    def change(
        self, current: "AnswerValue | None", now: str, words: "Words"
    ) -> "tuple[str, AnswerValue | None]":
        """Answer the value (named as the highest level, for a question asked in levels)."""
        qid = self.question
        level = "den högsta nivån, " if self.equals == words.top_level(qid) else ""
        return f"{words.name(qid)}: {level}{words.show(qid, self.equals)}{now}", self.equals

    def describe(self, words: "Words") -> str:
        """E.g. "«rutinen» = «Ja»"."""
        return f"{words.name(self.question)} = {words.show(self.question, self.equals)}"

    def misfit(self, question_type: str) -> str | None:
        """A number for a choice question, or an option value for a number question."""
        if (question_type == "number") != isinstance(self.equals, int):
            return f"värdet {self.equals!r} passar inte frågan '{self.question}'"
        return None

    def option_values(self) -> list[str]:
        """The value, when it is an option value."""
        return [self.equals] if isinstance(self.equals, str) else []


class OneOf(Leaf):
    """The answer is one of the given option values."""

    one_of: list[str] = Field(min_length=1)

    tag = "one_of"
    question_types = frozenset(("yes_no", "single_choice"))

    def holds(self, value: "AnswerValue", reference_date: dt.date) -> bool:
        """Whether the answer is one of the values."""
        return self._of_type(value, str) in self.one_of

    def explain(self, value: "AnswerValue", held: bool, words: "Words") -> str:
        """E.g. "«formen» är besvarad med «Ingen»; kriteriet kräver «Egen» eller «I samverkan»."."""
        return _choice_reason(self.question, value, self.one_of, held, words)

    def change(
        self, current: "AnswerValue | None", now: str, words: "Words"
    ) -> "tuple[str, AnswerValue | None]":
        """Answer one of the values (the first, if an answer must be picked)."""
        need = " eller ".join(words.show(self.question, w) for w in self.one_of)
        return f"{words.name(self.question)}: {need}{now}", self.one_of[0]

    def describe(self, words: "Words") -> str:
        """E.g. "«formen» är «Egen» eller «I samverkan»"."""
        shown = " eller ".join(words.show(self.question, v) for v in self.one_of)
        return f"{words.name(self.question)} är {shown}"

    def option_values(self) -> list[str]:
        """The values."""
        return self.one_of


class IncludesAll(Leaf):
    """A multiple-choice answer includes every given option value."""

    includes_all: list[str] = Field(min_length=1)

    tag = "includes_all"
    question_types = frozenset(("multiple_choice",))

    def holds(self, value: "AnswerValue", reference_date: dt.date) -> bool:
        """Whether every value is among the chosen options."""
        chosen = self._chosen(value)
        return all(wanted in chosen for wanted in self.includes_all)

    def _missing(self, chosen: list[str]) -> list[str]:
        return [v for v in self.includes_all if v not in chosen]

    def explain(self, value: "AnswerValue", held: bool, words: "Words") -> str:
        """E.g. "«innehållet» saknar «Våld»; kriteriet kräver att alla dessa ingår: …"."""
        qid, wanted = self.question, words.show(self.question, list(self.includes_all))
        if held:
            return f"{words.name(qid)} omfattar {wanted}."
        missing = words.show(qid, self._missing(self._chosen(value)))
        return (
            f"{words.name(qid)} saknar {missing}; kriteriet kräver att alla dessa ingår: {wanted}."
        )

    def change(
        self, current: "AnswerValue | None", now: str, words: "Words"
    ) -> "tuple[str, AnswerValue | None]":
        """Add the missing values to what is chosen."""
        have = [] if current is None else self._chosen(current)
        missing = self._missing(have)
        text = f"{words.name(self.question)}: lägg till {words.show(self.question, missing)}{now}"
        return text, [*have, *missing]

    def describe(self, words: "Words") -> str:
        """E.g. "«innehållet» omfattar «Barns situation, Våld»"."""
        wanted = words.show(self.question, list(self.includes_all))
        return f"{words.name(self.question)} omfattar {wanted}"

    def option_values(self) -> list[str]:
        """The values."""
        return self.includes_all


_COMPARE: dict[str, tuple[Callable[[int, int], bool], str]] = {
    "<": (operator.lt, "mindre än"),
    "<=": (operator.le, "högst"),
    ">": (operator.gt, "mer än"),
    ">=": (operator.ge, "minst"),
    "==": (operator.eq, "exakt"),
    "!=": (operator.ne, "annat än"),
}


class Compare(Leaf):
    """A whole-number answer compared with a value, e.g. at most 14 days."""

    compare: CompareOp
    value: int

    tag = "compare"
    question_types = frozenset(("number",))

    def holds(self, value: "AnswerValue", reference_date: dt.date) -> bool:
        """Whether the number compares as the operator says."""
        return _COMPARE[self.compare][0](self._of_type(value, int), self.value)

    def _need(self, words: "Words") -> str:
        return f"{_COMPARE[self.compare][1]} {words.show(self.question, self.value)}"

    def explain(self, value: "AnswerValue", held: bool, words: "Words") -> str:
        """E.g. "«väntetid» är «15 dagar»; kriteriet kräver högst «14 dagar»."."""
        said = f"{words.name(self.question)} är {words.show(self.question, value)}"
        return f"{said}." if held else f"{said}; kriteriet kräver {self._need(words)}."

    def change(
        self, current: "AnswerValue | None", now: str, words: "Words"
    ) -> "tuple[str, AnswerValue | None]":
        """The nearest number that compares as the operator says."""
        step = {"<": -1, ">": 1, "!=": 1}.get(self.compare, 0)
        return f"{words.name(self.question)}: {self._need(words)}{now}", self.value + step

    def describe(self, words: "Words") -> str:
        """E.g. "«väntetid» högst «14 dagar»"."""
        return f"{words.name(self.question)} {self._need(words)}"


class WithinMonths(Leaf):
    """A date answer lies within N months before the reference date (inclusive)."""

    within_months: int = Field(ge=1, le=600)

    tag = "within_months"
    question_types = frozenset(("date",))

    def holds(self, value: "AnswerValue", reference_date: dt.date) -> bool:
        """Whether the date is from N months before the reference date up to that date."""
        day = self._date(value)
        return subtract_months(reference_date, self.within_months) <= day <= reference_date

    def explain(self, value: "AnswerValue", held: bool, words: "Words") -> str:
        """Within the window, after the reference date, or too long before it."""
        ref, months, day = words.reference_date, self.within_months, self._date(value)
        said = f"{words.name(self.question)} är {day.isoformat()}"
        if held:
            return f"{said}, inom {months} månader före mätdatum {ref.isoformat()}."
        if day > ref:
            return f"{said}, efter mätdatum {ref.isoformat()}; bara det som skett före mätdatum räknas."
        earliest = subtract_months(ref, months).isoformat()
        return (
            f"{said}, mer än {months} månader före mätdatum {ref.isoformat()} "
            f"(tidigaste godtagbara datum är {earliest})."
        )

    def change(
        self, current: "AnswerValue | None", now: str, words: "Words"
    ) -> "tuple[str, AnswerValue | None]":
        """A date in the window: the reference date itself, if one must be picked."""
        ref = words.reference_date
        earliest = subtract_months(ref, self.within_months)
        text = (
            f"{words.name(self.question)}: ett datum från {earliest.isoformat()} till mätdatum "
            f"{ref.isoformat()} – besluta eller följ upp före {ref.isoformat()}{now}"
        )
        return text, ref

    def describe(self, words: "Words") -> str:
        """E.g. "«uppföljd» inom 24 månader före mätdatum"."""
        return f"{words.name(self.question)} inom {self.within_months} månader före mätdatum"


class Answered(Leaf):
    """The question has (or, with `answered = false`, has not) been answered."""

    answered: bool

    tag = "answered"
    question_types = None  # any question is answered or not

    def truth(self, value: "AnswerValue | None", reference_date: dt.date) -> Tri:
        """Whether the question is answered as the rule says: known, answer or not."""
        return TRUE if (value is not None) == self.answered else FALSE

    def holds(self, value: "AnswerValue", reference_date: dt.date) -> bool:
        """There is an answer: holds when the rule asks for one."""
        return self.answered

    def explain(self, value: "AnswerValue", held: bool, words: "Words") -> str:
        """There is an answer (an unanswered question is explained by `reason`)."""
        return f"{words.name(self.question)} är besvarad."

    def change(
        self, current: "AnswerValue | None", now: str, words: "Words"
    ) -> "tuple[str, AnswerValue | None]":
        """Answer the question, whatever the answer, or leave it unanswered."""
        what = "besvara frågan" if self.answered else "lämna frågan obesvarad"
        return f"{words.name(self.question)}: {what}", None

    def describe(self, words: "Words") -> str:
        """E.g. "«Övrigt» är besvarad"."""
        return f"{words.name(self.question)} {'är besvarad' if self.answered else 'är obesvarad'}"
