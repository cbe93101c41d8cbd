"""What `compare-many` compares: the files given, each folder standing for the answers files in it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ojcli import messages
from ojcli.compare.many import Failure, ManyComparison, compare_many
from ojcli.files.loading import list_questionnaires
from ojcli.files.local import questionnaires_in


def answer_files(paths: Sequence[Path]) -> tuple[list[Path], list[Path]]:
    """The files to compare, and the directories given that hold none.

    A directory stands for every `.toml` file below it, in name order, leaving out hidden
    files and folders (such as `.venv`); a file is taken as given, even if it is missing, so
    that the comparison can report it.
    """
    files: list[Path] = []
    empty: list[Path] = []
    for path in paths:
        if not path.is_dir():
            files.append(path)
            continue
        found = sorted(
            p
            for p in path.rglob("*.toml")
            if not any(part.startswith(".") for part in p.relative_to(path).parts)
        )
        files += found
        if not found:
            empty.append(path)
    return files, empty


def compare_paths(
    paths: Sequence[Path], year: int | None = None, enkat: Sequence[Path] = ()
) -> ManyComparison:
    """Compare the answers files named or found in folders; a folder with none is a failure.

    With `year`, only that year's files are compared: a year ojcli has, or one of a
    questionnaire file given (`enkat`) or among the files. `enkat`: see `compare_many`.
    """
    files, empty = answer_files(paths)
    if year is not None:
        _check_year(year, files, enkat)
    result = compare_many(files, year, enkat)
    if not empty:
        return result
    missing = tuple(
        Failure(d, (f"Kunde inte läsa mappen {d}:", "  inga svarsfiler (.toml) i mappen"))
        for d in empty
    )
    return ManyComparison(
        result.years,
        missing + result.failures,
        result.files + len(empty),
        result.skipped,
        result.notes,
    )


def _check_year(year: int, files: Sequence[Path], enkat: Sequence[Path]) -> None:
    """Refuse a year no questionnaire has: bundled, given, or in a folder of the answers."""
    years = {info.year for info in list_questionnaires()}
    if year in years:
        return
    folders = {*(p.parent for p in files), *(p.parent for p in enkat)}
    years |= {q.year for folder in folders for q in questionnaires_in(folder)}
    if year not in years:
        raise messages.no_questionnaire_of_year(year, sorted(years))
