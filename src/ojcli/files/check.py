"""`ojcli validate`'s check of one file: an answers file or a questionnaire, read and never changed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ojcli.errors import LoadError
from ojcli.files.loading import check_dates, load_answers, load_questionnaire, read_toml
from ojcli.files.restore import with_restore_hint
from ojcli.model import dates


def check_file(path: Path, today: dt.date | None = None) -> str:
    """What a sound file holds, in one Swedish line; else its errors (OjcliError).

    A file with a `[meta]` table is an answers file, anything else a questionnaire. An answers
    file may hold no date after `today` (default: this computer's date). A broken file's error
    says how to restore `FIL.bak` when a sound backup exists.
    """
    try:
        data, _ = read_toml(path, "filen")
        if "meta" in data:
            answers, q = load_answers(path)
            check_dates(path, answers, today or dates.today())
            return f"{path}: OK – {len(answers.answers)} svar till {q.title}."
        q = load_questionnaire(path)
    except LoadError as exc:
        raise with_restore_hint(path, exc) from None
    return f"{path}: OK – enkät {q.year} med {len(q.questions)} frågor och {len(q.indicators)} indikatorer."
