"""Which kind of file parsed TOML is, an answers file or a questionnaire, by its top-level names.

An answers file has the tables `[meta]`, `[answers]` and `[comments]`; a questionnaire the keys
of `Questionnaire` (`format_version`, `id`, `year`, `[[sections]]`, …). A top-level name that is
one of these misspelt, or in the wrong case (`[Meta]`), counts for its kind. The one place that
decides it, for `validate` (which checks either kind), the loaders (a questionnaire given as
answers, or the reverse, is said in one line instead of thirty field errors) and `compare-many`
(the folder's own questionnaire is used, not compared).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal

from ojcli import messages
from ojcli.errors import InvalidFileError, Problem
from ojcli.model.answers import AnswerSet
from ojcli.model.questionnaire import Questionnaire

Kind = Literal["answers", "questionnaire"]
ANSWERS_KEYS = tuple(AnswerSet.model_fields)  # meta, answers, comments
QUESTIONNAIRE_KEYS = tuple(Questionnaire.model_fields)
_NAMES = (*ANSWERS_KEYS, *QUESTIONNAIRE_KEYS)
_KNOWN = frozenset(_NAMES)
WHAT: dict[Kind, str] = {"answers": "svarsfilen", "questionnaire": "enkätfilen"}


def kind_of(data: dict[str, Any]) -> Kind | None:
    """Answers file or questionnaire by its top-level names; None when it cannot be told."""
    answers = questionnaire = 0
    for key in data:
        name = key if key in _KNOWN else _meant(key, data)
        answers += name in ANSWERS_KEYS
        questionnaire += name in QUESTIONNAIRE_KEYS
    if answers == questionnaire:
        return None
    return "answers" if answers > questionnaire else "questionnaire"


def is_questionnaire(data: dict[str, Any]) -> bool:
    """Whether parsed TOML is a questionnaire (cheap for an answers file: it has `[meta]`)."""
    return "meta" not in data and kind_of(data) == "questionnaire"


class WrongKindError(InvalidFileError):
    """An answers file where a questionnaire was expected, or the reverse: said in one line."""

    def __init__(self, path: Path | str, found: Kind, data: dict[str, Any]):
        self.found = found
        wanted: Kind = "questionnaire" if found == "answers" else "answers"
        if found == "questionnaire":
            named = f" ({data['id']})" if isinstance(data.get("id"), str) else ""
            message = messages.a_questionnaire_not_answers(path, named)
        else:
            meta = data.get("meta")
            qid = meta.get("questionnaire") if isinstance(meta, dict) else None
            named = f" (till {qid})" if isinstance(qid, str) else ""
            message = messages.answers_not_a_questionnaire(path, named)
        super().__init__(path, [Problem(message)], WHAT[wanted])

    def lines(self) -> list[str]:
        """One line: what the file is and what to give instead."""
        return [self.problems[0].message]


def check_kind(path: Path, data: dict[str, Any], text: str, expected: Kind | None = None) -> Kind:
    """The kind of a file, or an InvalidFileError saying why it cannot be used as one.

    `expected` is the kind the command needs (None: either, as `validate` takes). Raises
    `WrongKindError` for the other kind, and an InvalidFileError for an empty file, a file of neither
    kind, and top-level names that are misspelt ("[Meta] – menade du [meta]?", with the line):
    the rest of the file cannot be checked until they are right.
    """
    what = WHAT[expected] if expected is not None else "filen"
    if not data:
        blank = not text.strip()
        raise messages.empty_file(path, what, blank, answers=expected != "questionnaire")
    kind = kind_of(data)
    if kind is None:
        found = ", ".join(_shown(key, data[key]) for key in list(data)[:6])
        raise messages.neither_kind(path, what, found)
    if expected is not None and kind != expected:
        raise WrongKindError(path, kind, data)
    known = ANSWERS_KEYS if kind == "answers" else QUESTIONNAIRE_KEYS
    problems = [
        messages.misspelt_name(
            _shown(key, data[key]),
            _shown(right, data[key]),
            _line_of(text, key),
            case_only=key.casefold() == right,
        )
        for key in data
        if key not in _KNOWN and (right := _meant(key, data)) is not None and right in known
    ]
    if problems:
        raise InvalidFileError(path, problems, WHAT[kind])
    return kind


def _meant(key: str, data: dict[str, Any]) -> str | None:
    """The known top-level name a misspelt or miscased `key` stands for, if one is close."""
    if key in _KNOWN:
        return None
    import difflib  # only for a name that is not known

    close = difflib.get_close_matches(key.casefold(), _NAMES, n=1, cutoff=0.75)
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
