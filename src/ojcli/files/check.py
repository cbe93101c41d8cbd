"""`ojcli validate`'s check of one file: an answers file or a questionnaire, read and never changed.

Which of the two a file is, is decided by its content: an answers file has the tables `[meta]`,
`[answers]` and `[comments]`, a questionnaire the keys of `Questionnaire` (`format_version`,
`id`, `year`, `[[sections]]`, …). A top-level name that is one of these misspelt, or in the wrong
case (`[Meta]`), counts for its kind and is reported as "menade du [meta]?" before anything else:
the rest of the file cannot be checked until it is right.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from pathlib import Path
from typing import Any, Literal

from ojcli.errors import LoadError, Problem
from ojcli.files.loading import check_dates, load_answers, load_questionnaire, read_toml
from ojcli.files.restore import with_restore_hint
from ojcli.model import dates, identity
from ojcli.model.questionnaire import Questionnaire

Kind = Literal["answers", "questionnaire"]
ANSWERS_KEYS = ("meta", "answers", "comments")
QUESTIONNAIRE_KEYS = tuple(Questionnaire.model_fields)
_WHAT = {"answers": "svarsfilen", "questionnaire": "enkätfilen"}


def check_file(path: Path, today: dt.date | None = None, enkat: Path | None = None) -> str:
    """What a sound file holds, in one Swedish line; else its errors (OjcliError).

    An answers file may hold no date after `today` (default: this computer's date). A broken
    file's error says how to restore `FIL.bak` when a sound backup exists. For a sound
    answers file, what to know about its questionnaire follows, a line each
    (`ojcli.model.identity.notices`): a local file used, a change since the answers were saved.
    """
    try:
        data, text = read_toml(path, "filen")
        if file_kind(path, data, text) == "answers":
            answers, q = load_answers(path, None if enkat is None else load_questionnaire(enkat))
            check_dates(path, answers, today or dates.today())
            said = identity.notices(q, answers.meta.questionnaire_fingerprint)
            return "\n".join([f"{path}: OK – {len(answers.answers)} svar till {q.title}.", *said])
        q = load_questionnaire(path)
    except LoadError as exc:
        raise with_restore_hint(path, exc) from None
    return f"{path}: OK – enkät {q.year} med {len(q.questions)} frågor och {len(q.indicators)} indikatorer."


def file_kind(path: Path, data: dict[str, Any], text: str) -> Kind:
    """Answers file or questionnaire, by the names at the top of the file.

    Raises LoadError for an empty file, a file with names of neither kind, and a file whose
    kind is clear but whose top-level names are misspelt ("menade du [meta]?").
    """
    if not data:
        message = (
            "filen är tom"
            if not text.strip()
            else "filen har inga värden, bara kommentarer eller tomma rader"
        )
        raise LoadError(
            path,
            [
                Problem(
                    f"{message}. En svarsfil börjar med [meta]. Ta bort filen och börja en ny "
                    f"med: ojcli survey {path}"
                )
            ],
        )
    slips = {key: right for key in data if (right := _meant(key, data)) is not None}
    named = [slips.get(key, key) for key in data]
    answers = sum(key in ANSWERS_KEYS for key in named)
    questionnaire = sum(key in QUESTIONNAIRE_KEYS for key in named)
    if answers == questionnaire:
        found = ", ".join(_shown(key, data[key]) for key in list(data)[:6])
        raise LoadError(
            path,
            [
                Problem(
                    f"det går inte att se om filen är en svarsfil (med [meta], [answers] och "
                    f"[comments]) eller en enkätfil (med format_version, id, year och "
                    f"[[sections]]); filen har {found}"
                )
            ],
        )
    kind: Kind = "answers" if answers > questionnaire else "questionnaire"
    known = ANSWERS_KEYS if kind == "answers" else QUESTIONNAIRE_KEYS
    problems = [
        Problem(
            f"{_shown(key, data[key])} – menade du {_shown(right, data[key])}?"
            + (" Namnen skrivs med små bokstäver." if key.casefold() == right else ""),
            line=_line_of(text, key),
        )
        for key, right in slips.items()
        if right in known
    ]
    if problems:
        raise LoadError(path, problems, _WHAT[kind])
    return kind


def _meant(key: str, data: dict[str, Any]) -> str | None:
    """The known top-level name a misspelt or miscased `key` stands for, if one is close."""
    known = (*ANSWERS_KEYS, *QUESTIONNAIRE_KEYS)
    if key in known:
        return None
    close = difflib.get_close_matches(key.casefold(), known, n=1, cutoff=0.75)
    right = close[0] if close else None
    return right if right is not None and right not in data else None


def _shown(key: str, value: object) -> str:
    """A top-level name as it is written in the file: `[meta]`, `[[sections]]` or `year`."""
    if isinstance(value, dict):
        return f"[{key}]"
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        return f"[[{key}]]"
    return key


def _line_of(text: str, key: str) -> int | None:
    name = rf"[\"']?{re.escape(key)}[\"']?"
    pattern = re.compile(rf"^\s*(\[\[?\s*{name}\s*[\].]|{name}\s*[=.])")
    return next((n for n, line in enumerate(text.splitlines(), 1) if pattern.match(line)), None)
