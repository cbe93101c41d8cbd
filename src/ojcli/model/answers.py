"""The answers file: one municipality's (or district's) answers to one questionnaire.

`AnswerSet` is the file as written and edited; `AnswerChecker` is the one check of answers
against their questionnaire, and the `CheckedAnswers` it makes are what scoring takes.
"""

import datetime as dt
from collections.abc import Mapping
from functools import cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Annotated, Any, Literal, NamedTuple

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    StrictInt,
    StrictStr,
    ValidationError,
)

from ojcli import EXAMPLE_CODE, EXAMPLE_NAME, PACKAGE_DIR
from ojcli.errors import InvalidFileError, Problem, control_character_problem, did_you_mean
from ojcli.model.dates import quoted_date
from ojcli.model.questionnaire import Questionnaire
from ojcli.model.values import value_problem as value_problem  # re-exported: the one check

# 2: `questionnaire_fingerprint` in [meta], the questionnaire file the answers were saved with.
FORMAT_VERSION = 2


def _printable(text: str) -> str:
    if why := control_character_problem(text):
        raise ValueError(why)
    return text


PlainText = Annotated[StrictStr, AfterValidator(_printable)]

# What a question can hold; which one fits a question is checked against the questionnaire.
AnswerValue = StrictStr | StrictInt | dt.date | list[StrictStr]


def _decision(value: object) -> "Decision":
    """A `[plan.ID]` table by its model, loaded only for a file with a plan (score's start-up)."""
    from ojcli.model.plan import Decision

    return Decision.model_validate(value)


if TYPE_CHECKING:
    from ojcli.model.plan import Decision

    PlanEntry = Decision
else:
    PlanEntry = Annotated[Any, PlainValidator(_decision)]


class Meta(BaseModel):
    """Who answered what, for which survey."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    format_version: StrictInt = Field(ge=1)
    questionnaire: StrictStr = Field(min_length=1)
    municipality_code: Annotated[StrictStr, Field(pattern=r"^\d{4}$")]
    municipality_name: PlainText = Field(min_length=1)
    unit: PlainText = ""
    respondent: PlainText = ""
    setup_unasked: list[Literal["unit", "respondent"]] | None = None
    """Set-up prompts not yet answered in a file saved mid set-up; absent once set-up is done.

    Optional, and written only while set-up is unfinished, so format version 1 is unchanged
    for every finished file."""
    saved_at: dt.datetime | None = None
    questionnaire_fingerprint: StrictStr | None = None


class AnswerSet(BaseModel):
    """The whole answers file: `[meta]`, `[answers]` and `[comments]` by question id, `[plan]` by indicator id."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    meta: Meta
    answers: dict[str, AnswerValue] = {}
    comments: dict[str, PlainText] = {}
    plan: dict[str, PlanEntry] = {}
    """The unit head's decision per indicator (`ojcli plan`); see `ojcli.model.plan`."""

    @property
    def unit_name(self) -> str:
        """The answering unit as people say it: "Stockholm, Järva" or "Kiruna"."""
        m = self.meta
        return f"{m.municipality_name}, {m.unit}" if m.unit else m.municipality_name


class CheckedAnswers:
    """An answers file's content known to fit one questionnaire; the only input scoring takes.

    Every id in `answers` and `comments` is a question of `questionnaire`, and every answer
    has its question's type and fits its options and bounds, so scoring never meets a value
    it would have to guess about. Answers and comments under an id the questionnaire does not
    have (its question deleted, or misspelt) are the user's: kept apart in `unknown` and
    `unknown_comments`, never scored, and saved again by `to_answer_set()`. Only
    `AnswerChecker` makes one (the `_key` keyword is its own). Read-only: the mappings are
    views of dicts nothing else holds; to edit (an interview), take `to_answer_set()`.
    """

    __slots__ = (
        "answers",
        "comments",
        "meta",
        "plan",
        "questionnaire",
        "unknown",
        "unknown_comments",
    )
    meta: Meta
    answers: Mapping[str, AnswerValue]
    comments: Mapping[str, str]
    plan: "Mapping[str, Decision]"
    questionnaire: Questionnaire
    unknown: Mapping[str, AnswerValue]
    unknown_comments: Mapping[str, str]

    def __init__(
        self,
        answer_set: AnswerSet,
        questionnaire: Questionnaire,
        *,
        _key: object,
        unknown: tuple[dict[str, AnswerValue], dict[str, str]] = ({}, {}),
    ):
        if _key is not _CHECKER_KEY:
            raise TypeError("CheckedAnswers are made by AnswerChecker only")
        put = object.__setattr__
        put(self, "meta", answer_set.meta)
        put(self, "answers", MappingProxyType(answer_set.answers))
        put(self, "comments", MappingProxyType(answer_set.comments))
        put(self, "plan", MappingProxyType(answer_set.plan))
        put(self, "questionnaire", questionnaire)
        put(self, "unknown", MappingProxyType(unknown[0]))
        put(self, "unknown_comments", MappingProxyType(unknown[1]))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("CheckedAnswers are read-only; edit a copy from to_answer_set()")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CheckedAnswers):
            return NotImplemented
        mine = (self.meta, self.answers, self.comments, self.plan, self.questionnaire)
        unknown = (self.unknown, self.unknown_comments)
        theirs = (other.meta, other.answers, other.comments, other.plan, other.questionnaire)
        return (*mine, *unknown) == (*theirs, other.unknown, other.unknown_comments)

    __hash__ = None  # type: ignore[assignment]  # equal by content, like AnswerSet

    def __repr__(self) -> str:
        return (
            f"CheckedAnswers({self.questionnaire.id}, {self.unit_name!r}, {len(self.answers)} svar)"
        )

    @property
    def unit_name(self) -> str:
        """The answering unit as people say it: "Stockholm, Järva" or "Kiruna"."""
        m = self.meta
        return f"{m.municipality_name}, {m.unit}" if m.unit else m.municipality_name

    def values_for(self, questionnaire: Questionnaire) -> Mapping[str, AnswerValue]:
        """The answers, for scoring against `questionnaire`: the one they were checked against.

        Raises:
            ValueError: for another questionnaire, whose questions may take other types.
        """
        if questionnaire is not self.questionnaire and questionnaire != self.questionnaire:
            raise ValueError(
                f"the answers were checked against {self.questionnaire.id}, not {questionnaire.id}"
            )
        return self.answers

    def to_answer_set(self) -> AnswerSet:
        """A copy to edit and save, answers without a question too; it is no longer checked."""
        answers = {**self.answers, **self.unknown}
        return AnswerSet(
            meta=self.meta.model_copy(),
            answers={k: list(v) if isinstance(v, list) else v for k, v in answers.items()},
            comments={**self.comments, **self.unknown_comments},
            plan=dict(self.plan),  # decisions are frozen: shared, never changed in place
        )


_CHECKER_KEY = object()
_UNSEEN = object()


class Rejected(NamedTuple):
    """Why parsed answers do not fit: the questionnaire's objections, then the file model's."""

    problems: list[Problem]  # with field paths; a file's lines are the loader's to find
    invalid: ValidationError | None  # what the file model (AnswerSet) rejects, if anything


class AnswerChecker:
    """The one check of answers against a questionnaire; scoring relies on what it lets through.

    Checks that `[meta]` names this questionnaire, that every id in `[answers]` and
    `[comments]` is one of its questions, that every id in `[plan]` is one of its indicators
    (a decision is one `ojcli.model.plan.Decision`), and that every answer fits its question
    (`value_problem`). The verdict on each value is remembered per (question, type, value):
    thousands of files give the same few answers, so comparing them checks each only once,
    and a file whose every value is remembered as fitting passes without a list of problems
    being built. Keep one checker per questionnaire for as long as files are read against it.
    """

    def __init__(self, questionnaire: Questionnaire):
        self.questionnaire = questionnaire
        self._questions = {x.id: x for x in questionnaire.questions}
        # By type name: pydantic's isinstance runs Python code, and `score` makes one at start.
        self._dates = [x.id for x in questionnaire.questions if x.type == "date"]
        self._numbers = [x.id for x in questionnaire.questions if x.type == "number"]
        self._memo: dict[tuple[str, type, object], str | None] = {}
        self._indicators: set[str] | None = None  # made when a file with a plan is checked

    def _indicator_ids(self) -> set[str]:
        if self._indicators is None:
            self._indicators = {i.id for i in self.questionnaire.indicators}
        return self._indicators

    def value_problem(self, qid: str, value: object) -> str | None:
        """`value_problem` for the question `qid`, remembered (KeyError for an unknown id)."""
        key = _memo_key(qid, value)
        if key is None:
            return value_problem(self._questions[qid], value)
        memo = self._memo
        if key in memo:
            return memo[key]
        why = memo[key] = value_problem(self._questions[qid], value)
        return why

    def problems(self, data: Mapping[str, Any], limit: int | None = None) -> list[Problem]:
        """Everything in parsed answers data that does not fit the questionnaire, with field paths.

        Works on the raw data, before the file model, so that each message can speak of the
        question a value belongs to ("ska vara ett datum"). With `limit`, stops at that many:
        a file with thousands of unknown ids is garbage, and each "menade du" hint is a search.
        """
        if self._fits(data):
            return []
        from ojcli import messages  # only for answers that do not fit

        q = self.questionnaire
        problems: list[Problem] = []
        meta = data.get("meta")
        named = meta.get("questionnaire") if isinstance(meta, dict) else None
        if isinstance(named, str) and named != q.id:
            problems.append(messages.other_questionnaire(named, q.id))
        if (said := _municipality_problem(meta)) is not None:
            problems.append(said)
        questions = self._questions
        entries = data.get("answers")
        if isinstance(entries, dict):  # a missing or misshapen table is the model's to report
            for key, value in entries.items():
                if limit is not None and len(problems) >= limit:
                    return problems
                if key in questions:
                    if why := self.value_problem(key, value):
                        problems.append(Problem(why, field=f"answers.{key}"))
                elif not _keepable(value):  # else kept as it is (`CheckedAnswers.unknown`)
                    problems.append(messages.unkeepable(key, q.year))
        plan = data.get("plan")
        if isinstance(plan, dict):
            indicators = self._indicator_ids()
            for key in plan:
                if limit is not None and len(problems) >= limit:
                    return problems
                if key not in indicators:
                    hint = did_you_mean(key, indicators)
                    problems.append(messages.unknown_indicator(key, q.year, hint))
        return problems

    def _fits(self, data: Mapping[str, Any]) -> bool:
        """True when `problems` would find nothing, told without building it: the common case.

        False may also mean "rare, ask `problems`": a value of a type no question takes.
        """
        meta = data.get("meta")
        named = meta.get("questionnaire") if isinstance(meta, dict) else None
        if isinstance(named, str) and named != self.questionnaire.id:
            return False
        if _municipality_problem(meta) is not None:
            return False
        questions = self._questions.keys()
        answers = data.get("answers")
        plan = data.get("plan")
        if plan and isinstance(plan, dict) and not self._indicator_ids() >= plan.keys():
            return False
        if not isinstance(answers, dict):
            return True
        if not questions >= answers.keys():
            return False  # an id without a question: `problems` skips it, the memo cannot
        memo = self._memo
        for qid, value in answers.items():
            key = _memo_key(qid, value)
            if key is None:
                return False
            why = memo.get(key, _UNSEEN)
            if why is _UNSEEN:  # first seen: judged now, and remembered
                why = self.value_problem(qid, value)
            if why is not None:
                return False
        return True

    def check(self, data: dict[str, Any], limit: int | None = None) -> CheckedAnswers | Rejected:
        """Parsed answers-file data (current format) as checked answers, or why it does not fit.

        `limit` caps the problems listed, as in `problems`.
        """
        problems = self.problems(data, limit)
        answers = data.get("answers")
        if isinstance(answers, dict) and (meant := self._as_meant(answers)) is not answers:
            data = {**data, "answers": meant}
        try:
            answer_set = AnswerSet.model_validate(data)
        except ValidationError as exc:
            return Rejected(problems, exc)
        if problems:
            return Rejected(problems, None)
        # The model's answers are the values just checked: every one that fits a question is
        # a str, int, date or list of str, which the model keeps as it is.
        return self._checked(answer_set)

    def _checked(self, answer_set: AnswerSet) -> CheckedAnswers:
        """Checked answers from a set of our own, ids without a question kept apart."""
        questions = self._questions.keys()
        answers, comments = answer_set.answers, answer_set.comments
        if questions >= answers.keys() and questions >= comments.keys():  # the common case
            return CheckedAnswers(answer_set, self.questionnaire, _key=_CHECKER_KEY)
        answer_set.answers = {k: v for k, v in answers.items() if k in questions}
        answer_set.comments = {k: v for k, v in comments.items() if k in questions}
        unknown = (
            {k: v for k, v in answers.items() if k not in questions},
            {k: v for k, v in comments.items() if k not in questions},
        )
        return CheckedAnswers(answer_set, self.questionnaire, _key=_CHECKER_KEY, unknown=unknown)

    def _as_meant(self, answers: dict[str, Any]) -> dict[str, Any]:
        """The answers with a quoted date read as the date, a whole number with decimals as the number.

        JSON Schema (`ojcli schema`) cannot tell "2024-03-01" from 2024-03-01, or 14.0 from 14.
        """
        meant: dict[str, Any] = {}
        for qid in self._dates:
            value = answers.get(qid)
            if type(value) is str and (day := quoted_date(value)) is not None:
                meant[qid] = day
        for qid in self._numbers:
            value = answers.get(qid)
            if type(value) is float and value.is_integer():
                meant[qid] = int(value)
        return {**answers, **meant} if meant else answers

    def check_set(self, answer_set: AnswerSet) -> CheckedAnswers:
        """Answers held in memory (an interview's), checked into a copy later edits cannot reach.

        Raises:
            InvalidFileError: naming what does not fit (the answers were not read from a file).
        """
        data = {
            "meta": {"questionnaire": answer_set.meta.questionnaire},
            "answers": answer_set.answers,
            "comments": answer_set.comments,
            "plan": answer_set.plan,
        }
        if problems := self.problems(data):
            raise InvalidFileError(None, problems, "svaren")
        copy = AnswerSet.model_construct(
            meta=answer_set.meta.model_copy(),
            answers=self._as_meant(
                {k: list(v) if isinstance(v, list) else v for k, v in answer_set.answers.items()}
            ),
            comments=dict(answer_set.comments),
            plan=dict(answer_set.plan),
        )
        return self._checked(copy)


def check_answer_set(answer_set: AnswerSet, questionnaire: Questionnaire) -> CheckedAnswers:
    """`AnswerChecker(questionnaire).check_set(answer_set)`: one set of answers in memory, checked."""
    return AnswerChecker(questionnaire).check_set(answer_set)


def _keepable(value: object) -> bool:
    """A value an answer can have, whatever its question: text, whole number, date, list of text.

    Kept as it is under an id without a question; the model would read 0.5 as a date.
    """
    if type(value) is list:
        return all(type(v) is str for v in value)
    return type(value) in (str, int, dt.date)


def _municipality_problem(meta: object) -> Problem | None:
    """A municipality code that is none, or not the named municipality's, in a file's `[meta]`.

    Answers in memory carry none; a code or name of the wrong shape is the model's to report.
    """
    if not isinstance(meta, dict):
        return None
    code, name = meta.get("municipality_code"), meta.get("municipality_name")
    if not isinstance(code, str) or not isinstance(name, str):
        return None
    if len(code) != 4 or not (code.isascii() and code.isdigit()):
        return None
    if f"\n{code},{name}," in _municipality_list() or (code, name) == (EXAMPLE_CODE, EXAMPLE_NAME):
        return None  # as the interview writes it (or the example): the common case
    from ojcli.model.municipalities import code_problem  # builds the list: only when needed

    return code_problem(code, name)


@cache
def _municipality_list() -> str:
    """`data/kommuner.csv` as text: one substring test tells a right code and name apart."""
    return (PACKAGE_DIR / "data" / "kommuner.csv").read_text(encoding="utf-8")


def _memo_key(qid: str, value: object) -> tuple[str, type, object] | None:
    """What decides a value's verdict, hashable; None for a value not worth remembering.

    Only values of exactly the types an answer can have are remembered, with the question and
    the type in the key: `"ja"` fits one question and not the next, and `True == 1` to
    Python, though only the last fits a number question.
    """
    kind = type(value)
    if kind is str or kind is int or kind is dt.date:
        return qid, kind, value
    if isinstance(value, list) and kind is list and all(type(v) is str for v in value):
        return qid, kind, tuple(value)
    return None  # anything else is rare (14.0 for 14), and checked each time
