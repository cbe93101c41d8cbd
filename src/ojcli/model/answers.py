"""The answers file: one municipality's (or district's) answers to one questionnaire."""

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictInt, StrictStr

from ojcli.errors import Problem, control_character_problem, did_you_mean
from ojcli.model.questionnaire import (
    DateQuestion,
    MultipleChoiceQuestion,
    NumberQuestion,
    Question,
    Questionnaire,
    SingleChoiceQuestion,
    TextQuestion,
    YesNoQuestion,
)

FORMAT_VERSION = 1


def _printable(text: str) -> str:
    if why := control_character_problem(text):
        raise ValueError(why)
    return text


PlainText = Annotated[StrictStr, AfterValidator(_printable)]

# What a question can hold; which one fits a question is checked against the questionnaire.
AnswerValue = StrictStr | StrictInt | dt.date | list[StrictStr]


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


class AnswerSet(BaseModel):
    """The whole answers file: `[meta]`, `[answers]` and `[comments]` by question id."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    meta: Meta
    answers: dict[str, AnswerValue] = {}
    comments: dict[str, PlainText] = {}

    @property
    def unit_name(self) -> str:
        """The answering unit as people say it: "Stockholm, Järva" or "Kiruna"."""
        m = self.meta
        return f"{m.municipality_name}, {m.unit}" if m.unit else m.municipality_name


def value_problem(question: Question, value: object) -> str | None:
    """Why a value does not fit a question (Swedish), or None when it fits."""
    if isinstance(question, YesNoQuestion | SingleChoiceQuestion):
        allowed = [o.value for o in question.options]
        if not isinstance(value, str):
            return f"ska vara text, ett av {_quoted(allowed)}"
        if value not in allowed:
            return f"'{value}' är inte ett av alternativen {_quoted(allowed)}{did_you_mean(value, allowed)}"
    elif isinstance(question, MultipleChoiceQuestion):
        allowed = [o.value for o in question.options]
        if not isinstance(value, list):
            return f'ska vara en lista, t.ex. ["{allowed[0]}"], med värden bland {_quoted(allowed)}'
        wrong = [v for v in value if v not in allowed]
        if wrong:
            return f"'{wrong[0]}' är inte ett av alternativen {_quoted(allowed)}{did_you_mean(wrong[0], allowed)}"
        if len(set(value)) != len(value):
            return "samma alternativ står mer än en gång"
    elif isinstance(question, NumberQuestion):
        if isinstance(value, float):
            return f"ska vara ett heltal, utan decimaler (inte {value:g})"
        if isinstance(value, str):
            return "ska vara ett heltal utan citattecken"
        if isinstance(value, bool) or not isinstance(value, int):
            return "ska vara ett heltal"
        if value < question.minimum:
            return f"ska vara minst {question.minimum}"
        if question.maximum is not None and value > question.maximum:
            return f"får vara högst {question.maximum}"
    elif isinstance(question, DateQuestion):
        if type(value) is not dt.date:
            return "ska vara ett datum utan citattecken och klockslag, t.ex. 2024-03-01"
    elif isinstance(question, TextQuestion):
        if not isinstance(value, str):
            return "ska vara text inom citattecken"
        if len(value) > question.max_length:
            return f"är för lång (högst {question.max_length} tecken)"
        return control_character_problem(value)
    return None


def raw_answer_problems(data: dict[str, Any], questionnaire: Questionnaire) -> list[Problem]:
    """Everything in a parsed answers file that does not fit its questionnaire, with field paths.

    Works on the raw TOML data, before model validation, so that each message can speak of
    the question the value belongs to.
    """
    problems: list[Problem] = []
    meta = data.get("meta")
    named = meta.get("questionnaire") if isinstance(meta, dict) else None
    if isinstance(named, str) and named != questionnaire.id:
        problems.append(
            Problem(
                f"svarsfilen gäller enkäten '{named}', inte '{questionnaire.id}'",
                field="meta.questionnaire",
            )
        )
    known = [q.id for q in questionnaire.questions]
    for table in ("answers", "comments"):
        entries = data.get(table)
        if not isinstance(entries, dict):
            continue  # a missing or misshapen table is the model's to report
        for key, value in entries.items():
            if key not in known:
                hint = (
                    did_you_mean(key, known)
                    or f". Frågorna listas med: ojcli questionnaires show {questionnaire.year}"
                )
                problems.append(
                    Problem(
                        f"frågan '{key}' finns inte i enkäten {questionnaire.year}{hint}",
                        field=f"{table}.{key}",
                    )
                )
            elif table == "answers":
                why = value_problem(questionnaire.question(key), value)
                if why:
                    problems.append(Problem(why, field=f"answers.{key}"))
    return problems


def _quoted(values: list[str]) -> str:
    return ", ".join(f'"{v}"' for v in values)
