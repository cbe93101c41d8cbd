"""The answer sheet of the report model: every question in survey order, with its answer as shown.

Part of the one report model (`ojcli.report.model`), kept apart for its size: the sheet is what
`ojcli report --answers` prints, for the person who types the answers into the web survey.
"""

from collections.abc import Mapping
from typing import NamedTuple

from ojcli.model.answers import AnswerValue
from ojcli.model.questionnaire import QUESTION_TYPE_NAMES, Questionnaire
from ojcli.report.wording import ASKED_ONLY_IF, STATUS_WORDS
from ojcli.scoring import AnswerStatus
from ojcli.scoring.describe import describe
from ojcli.scoring.evaluate import Evaluator
from ojcli.scoring.verdicts import display_value


class SheetQuestion(NamedTuple):
    """One question of the answer sheet, in survey order."""

    number: int
    id: str
    text: str
    type: str  # "yes_no", "date", … as in the questionnaire file
    type_name: str  # the same in Swedish: "ja/nej", "datum", …
    value: AnswerValue | None
    display: str
    status: AnswerStatus
    comment: str
    condition: str  # when the question is asked, in words; empty if always


class SheetSection(NamedTuple):
    """A survey section with its questions."""

    title: str
    questions: tuple[SheetQuestion, ...]


def answer_of(
    q: Questionnaire, ev: Evaluator, qid: str
) -> tuple[AnswerValue | None, str, AnswerStatus]:
    """A question's answer, as shown, and its status (a value kept for a question not asked is none)."""
    value, status = ev.answer(qid)
    if value is None:
        return None, STATUS_WORDS[status], status
    shown = display_value(q.question(qid), value)
    if qid in ev.late:  # a date after today: shown, and why it does not count
        from ojcli.model.dates import late_note

        shown = f"{shown} ({late_note(ev.today)})"
    return value, shown, status


def answer_sheet(
    q: Questionnaire, ev: Evaluator, comments: Mapping[str, str]
) -> tuple[SheetSection, ...]:
    """Every section with its questions, answers as shown and comments, in survey order."""
    sheet = []
    for section in q.sections:
        rows = []
        for question in section.questions:
            value, display, status = answer_of(q, ev, question.id)
            rows.append(
                SheetQuestion(
                    number=q.number(question.id),
                    id=question.id,
                    text=question.text,
                    type=question.type,
                    type_name=QUESTION_TYPE_NAMES[question.type],
                    value=value,
                    display=display,
                    status=status,
                    comment=comments.get(question.id, ""),
                    condition=""
                    if question.asked_if is None
                    else f"{ASKED_ONLY_IF} {describe(question.asked_if, q)}",
                )
            )
        sheet.append(SheetSection(section.title, tuple(rows)))
    return tuple(sheet)
