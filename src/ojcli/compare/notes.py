"""What compare-many says beside its matrices, in Swedish.

A year judged by several versions of its questionnaire (and each matrix's number among them), a
local questionnaire file used, files saved with another version than they are judged by, a unit
in several files, and a questionnaire file that lies among the files but not beside the answers
that name it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ojcli.model import identity
from ojcli.report.wording import counted

if TYPE_CHECKING:
    from ojcli.compare.many import Row, YearMatrix
    from ojcli.model.questionnaire import Questionnaire


def numbered(matrices: list[YearMatrix]) -> tuple[YearMatrix, ...]:
    """The matrices (in year order), each knowing its number among its year's versions."""
    per_year: dict[int, int] = {}
    for m in matrices:
        per_year[m.year] = per_year.get(m.year, 0) + 1
    seen: dict[int, int] = {}
    numbered = []
    for m in matrices:
        seen[m.year] = seen.get(m.year, 0) + 1
        numbered.append(replace(m, version=(seen[m.year], per_year[m.year])))
    return tuple(numbered)


def version_notes(
    matrices: tuple[YearMatrix, ...],
    groups: Iterable[tuple[Questionnaire, list[Row], list[Path]]],
) -> list[str]:
    """Swedish: a year judged by several versions, local files used, files saved with another."""
    notes = []
    for m in matrices:
        number, versions = m.version
        if number == 1 and versions > 1:
            listed = [
                f"{x.questionnaire_id} i {x.source_text} ({counted(len(x.rows), 'fil', 'filer')})"
                for x in matrices
                if x.year == m.year
            ]
            notes.append(
                f"Svaren för {m.year} bedöms efter {versions} olika versioner av årets enkät: "
                f"{', '.join(listed[:-1])} och {listed[-1]}. Varje version har en egen tabell "
                "med egna andelar: indikatorerna bedöms inte efter samma regler."
            )
    for q, rows, paths in groups:
        if local := identity.local_notice(q):
            notes.append(local)
        if paths:
            total = len(rows)
            shown = ", ".join(str(p) for p in paths[:5]) + (" …" if len(paths) > 5 else "")
            notes.append(
                f"Enkätfilen för {q.id} har ändrats sedan svaren sparades i {len(paths)} av "
                f"{total} svarsfiler ({shown}): de bedöms nu efter den ändrade enkäten."
            )
    return notes


def duplicate_notes(matrices: Iterable[YearMatrix]) -> tuple[str, ...]:
    """A unit found in several files of one year (all counted), per year over its versions."""
    notes = []
    years: dict[int, list[Row]] = {}  # a year's versions together: a unit is counted once each
    for m in matrices:
        years.setdefault(m.year, []).extend(m.rows)
    for year, rows in years.items():
        seen: dict[tuple[str, str], list[Row]] = {}
        for row in rows:
            seen.setdefault((row.unit.municipality_code, row.unit.unit), []).append(row)
        for same in seen.values():
            if len(same) > 1:
                notes.append(
                    f"{same[0].unit.name} finns i {len(same)} filer för {year} "
                    f"({', '.join(str(r.path) for r in same)}); alla räknas med."
                )
    return tuple(notes)


def questionnaires_among(among: Mapping[str, Path], missing: set[str]) -> list[str]:
    """A questionnaire file among the files given whose id answers name but could not find."""
    return [
        f"Enkätfilen {path} ({qid}) finns bland filerna men inte bredvid svarsfilerna som "
        f"anger den. Ange den med --enkat {path}."
        for qid, path in among.items()
        if qid in missing
    ]
