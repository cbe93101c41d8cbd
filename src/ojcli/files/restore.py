"""How to bring back `FIL.bak` when an answers file cannot be read, for every command that reads one."""

from __future__ import annotations

from pathlib import Path

from ojcli.errors import LoadError, OjcliError
from ojcli.files.loading import load_answers, load_questionnaire
from ojcli.model.answers import CheckedAnswers
from ojcli.model.questionnaire import Questionnaire


class UnreadableAnswersError(LoadError):
    """The answers file cannot be used; says how to bring back the previous version."""

    def __init__(self, error: LoadError, hint: list[str]):
        self.error = error
        self.hint = hint
        super().__init__(error.path, error.problems, error.what)

    def lines(self) -> list[str]:
        """The error as it says itself, then how to restore the backup."""
        return [*self.error.lines(), *self.hint]

    def problem_lines(self) -> list[str]:
        """The error's own problem lines."""
        return self.error.problem_lines()


def _quote(path: Path) -> str:
    text = str(path)
    return f'"{text}"' if any(c in text for c in " &()'") else text


def restore_hint(path: Path) -> list[str]:
    """How to restore `FIL.bak` over a broken `FIL` (Swedish), if the backup itself is sound."""
    from ojcli.files.storage import backup_path  # the writer: loaded only when a file is broken

    backup = backup_path(path)
    if not backup.is_file():
        return []
    try:
        answers, _ = load_answers(backup)
    except OjcliError:
        return []
    when = answers.meta.saved_at
    saved = f", sparad {when.astimezone():%Y-%m-%d %H:%M}" if when else ""
    b, p = _quote(backup), _quote(path)
    return [
        f"En tidigare version av filen finns i {backup} ({len(answers.answers)} svar{saved}).",
        "Rätta felet ovan i en textredigerare, eller återställ den tidigare versionen",
        "(det som ändrats i filen efter den går då förlorat):",
        f"  Windows:      copy {b} {p}",
        f"  macOS/Linux:  cp {b} {p}",
    ]


def with_restore_hint(path: Path, error: LoadError) -> LoadError:
    """`error`, followed by how to restore `FIL.bak` when a sound backup exists."""
    hint = restore_hint(path)
    return UnreadableAnswersError(error, hint) if hint else error


def read_answers(path: Path, enkat: Path | None = None) -> tuple[CheckedAnswers, Questionnaire]:
    """Load an answers file; if it is broken and a sound `FIL.bak` exists, say how to restore it.

    The questionnaire is `enkat` when given, else the one `[meta]` names (beside the file
    first). What the reader should know about it (a local file used instead of a bundled one,
    a change since the answers were saved) is `ojcli.model.identity.notices`.
    """
    try:
        questionnaire = None if enkat is None else load_questionnaire(enkat)
        return load_answers(path, questionnaire)
    except LoadError as exc:
        raise with_restore_hint(path, exc) from None
