"""One answer against its question: whether it fits, and why not, in Swedish.

`AnswerChecker` (`ojcli.model.answers`) applies it to every answer of a file, remembering each
verdict; the interview applies it to each reply. What fits is what the JSON Schema of
`ojcli schema` lets through, read as meant: "2024-03-01" is the date and 14.0 is 14.
"""

import datetime as dt

from ojcli.errors import control_character_problem, did_you_mean
from ojcli.model.dates import date_text_problem, quoted_date
from ojcli.model.questionnaire import (
    DateQuestion,
    MultipleChoiceQuestion,
    NumberQuestion,
    Question,
    SingleChoiceQuestion,
    TextQuestion,
    YesNoQuestion,
)


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
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return f'ska vara en lista, t.ex. ["{allowed[0]}"], med värden bland {_quoted(allowed)}'
        wrong = [v for v in value if v not in allowed]
        if wrong:
            return f"'{wrong[0]}' är inte ett av alternativen {_quoted(allowed)}{did_you_mean(wrong[0], allowed)}"
        if len(set(value)) != len(value):
            return "samma alternativ står mer än en gång"
    elif isinstance(question, NumberQuestion):
        if isinstance(value, float):  # 14.0 is 14, as to the JSON Schema (`ojcli schema`)
            if not value.is_integer():
                return f"ska vara ett heltal, utan decimaler (inte {value:g})"
            value = int(value)
        if isinstance(value, str):
            return "ska vara ett heltal utan citattecken"
        if isinstance(value, bool) or not isinstance(value, int):
            return "ska vara ett heltal"
        if value < question.minimum:
            return f"ska vara minst {question.minimum}"
        if question.maximum is not None and value > question.maximum:
            return f"får vara högst {question.maximum}"
    elif isinstance(question, DateQuestion):
        if type(value) is str:  # "2024-03-01" is the date, as to the JSON Schema (`ojcli schema`)
            return None if quoted_date(value) else date_text_problem(value)
        if isinstance(value, dt.datetime):
            return "ska vara ett datum utan klockslag, t.ex. 2024-03-01"
        if type(value) is not dt.date:
            return "ska vara ett datum, t.ex. 2024-03-01"
    elif isinstance(question, TextQuestion):
        if not isinstance(value, str):
            return "ska vara text inom citattecken"
        if len(value) > question.max_length:
            return f"är för lång (högst {question.max_length} tecken)"
        return control_character_problem(value)
    return None


def _quoted(values: list[str]) -> str:
    return ", ".join(f'"{v}"' for v in values)
