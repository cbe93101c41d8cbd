"""`ojcli validate`'s check of one file: an answers file or a questionnaire, read and never changed.

Which of the two a file is, is decided by its content (`ojcli.files.kind`): a top-level name
misspelt, or in the wrong case (`[Meta]`), counts for its kind and is reported as "menade du
[meta]?" before anything else: the rest of the file cannot be checked until it is right.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ojcli import messages
from ojcli.errors import AnswersCheckError, LoadError, Problem
from ojcli.files.kind import check_kind
from ojcli.files.loading import load_answers, load_questionnaire, read_toml
from ojcli.files.restore import with_restore_hint
from ojcli.model import dates, identity, orphans
from ojcli.model.answers import CheckedAnswers


def check_file(path: Path, today: dt.date | None = None, enkat: Path | None = None) -> str:
    """What a sound file holds, in one Swedish line; else its errors (OjcliError).

    An answers file may hold no date after `today` (default: this computer's date) and no
    answer or comment under an id its questionnaire does not have (the other commands keep
    them without counting them); each is listed with its line. A broken
    file's error says how to restore `FIL.bak` when a sound backup exists. For a sound
    answers file, what to know about its questionnaire follows, a line each
    (`ojcli.model.identity.notices`): a local file used, a change since the answers were saved.
    """
    try:
        data, text = read_toml(path, "filen")
        if check_kind(path, data, text) == "answers":
            answers, q = load_answers(path, None if enkat is None else load_questionnaire(enkat))
            if problems := answers_problems(answers, today or dates.today()):
                from ojcli.files.model_errors import capped, locate

                rows = [
                    (p, tuple(p.field.split(".", 1)) if p.field else ()) for p in capped(problems)
                ]
                lines = [Problem(p.message, locate(text, data, at), p.field) for p, at in rows]
                raise AnswersCheckError(path, lines)
            said = identity.notices(q, answers.meta.questionnaire_fingerprint)
            return "\n".join([f"{path}: OK – {len(answers.answers)} svar till {q.title}.", *said])
        q = load_questionnaire(path)
    except LoadError as exc:
        raise with_restore_hint(path, exc) from None
    return f"{path}: OK – enkät {q.year} med {len(q.questions)} frågor och {len(q.indicators)} indikatorer."


def answers_problems(answers: CheckedAnswers, today: dt.date) -> list[Problem]:
    """What in an answers file that reads cannot count: dates after today, ids without a question."""
    late = dates.dates_after_today(answers.answers, today)
    return [
        *(messages.date_not_yet(why, None, f"answers.{qid}") for qid, why in late.items()),
        *orphans.problems(answers),
    ]
