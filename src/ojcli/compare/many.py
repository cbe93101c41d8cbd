"""Compare many answers files: who meets what, and the shares per year and county.

Many files are read as a stream and only each file's verdict states are kept, so memory
grows with the number of files by a few hundred bytes each, not by whole answer sets.
Each file is checked as `ojcli validate` checks it (`files.loading.answers_from_data`), with
one `Questionnaires` registry for the run: each questionnaire is loaded once, and its one
answers checker remembers the values it has seen for all the files.

A matrix holds the files judged by one version of a questionnaire: its id and the fingerprint
of its content (`ojcli.model.identity`). On a shared drive one folder may hold an edited
`oj-eb-2019.toml` beside its answers while another uses the bundled one; their files are not
judged by the same rules, so they get a matrix each, and a note says that the year spans
several versions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from itertools import islice
from pathlib import Path
from typing import Any

from ojcli.compare.notes import duplicate_notes, numbered, questionnaires_among, version_notes
from ojcli.errors import LoadError, OjcliError
from ojcli.files.kind import is_questionnaire
from ojcli.files.loading import Questionnaires, answers_from_data, read_toml
from ojcli.model import identity
from ojcli.model.answers import CheckedAnswers
from ojcli.model.municipalities import municipalities
from ojcli.model.questionnaire import NationalShare, Questionnaire
from ojcli.scoring import Evaluator, State
from ojcli.scoring.fast import judge_state

UNKNOWN_COUNTY = ("", "Okänt län")  # for a code that is no municipality (the demo's 9999)


@dataclass(frozen=True, slots=True)
class Unit:
    """Who answered: the municipality with its county, and the district or unit if any."""

    municipality_code: str
    municipality_name: str
    unit: str
    county_code: str
    county_name: str

    @property
    def name(self) -> str:
        """As people say it: "Stockholm, Bromma" or "Kiruna"."""
        return f"{self.municipality_name}, {self.unit}" if self.unit else self.municipality_name


@dataclass(frozen=True, slots=True)
class Row:
    """One answers file in the matrix: its unit and one state per indicator of its year."""

    path: Path
    unit: Unit
    states: tuple[State, ...]
    planned: tuple[bool, ...] = ()  # per indicator: the file's plan decides to act; () for none

    @property
    def met(self) -> int:
        """How many indicators the unit meets."""
        return self.states.count(State.MET)

    @property
    def applicable(self) -> int:
        """How many indicators apply to the unit (all but the not applicable)."""
        return len(self.states) - self.states.count(State.NOT_APPLICABLE)


@dataclass(frozen=True)
class Tally:
    """How many units are in each state for one indicator, and the share meeting it."""

    met: int = 0
    not_met: int = 0
    incomplete: int = 0
    not_applicable: int = 0

    @property
    def applicable(self) -> int:
        """Units the indicator applies to: the denominator of the share."""
        return self.met + self.not_met + self.incomplete

    @property
    def share(self) -> float | None:
        """Percent of the units it applies to that meet it; None when it applies to none.

        Incomplete units count as not meeting it, so the share is never flattered by
        unanswered questions; their number is shown beside it.
        """
        return None if self.applicable == 0 else 100 * self.met / self.applicable

    def count(self, state: State) -> int:
        """The number of units in one state."""
        return {
            State.MET: self.met,
            State.NOT_MET: self.not_met,
            State.INCOMPLETE: self.incomplete,
            State.NOT_APPLICABLE: self.not_applicable,
        }[state]


def tally(rows: Iterable[Row], column: int) -> Tally:
    """Count the states of one indicator column over some rows."""
    counts = dict.fromkeys(State, 0)
    for row in rows:
        counts[row.states[column]] += 1
    return Tally(
        counts[State.MET],
        counts[State.NOT_MET],
        counts[State.INCOMPLETE],
        counts[State.NOT_APPLICABLE],
    )


@dataclass(frozen=True)
class Column:
    """One indicator of a year's matrix, with the national share where a source gives it.

    The share is the year's own, else the latest known before it (its `year` says which).
    """

    id: str
    title: str
    theme: str
    national: NationalShare | None


@dataclass(frozen=True)
class CountyBlock:
    """The units of one county in a year's matrix, and the shares within the county."""

    code: str
    name: str
    rows: tuple[Row, ...]
    tallies: tuple[Tally, ...]


@dataclass(frozen=True)
class YearMatrix:
    """One survey year: units × indicators, grouped by county, with group and national shares."""

    year: int
    questionnaire_id: str
    title: str
    reference_date: dt.date
    columns: tuple[Column, ...]
    counties: tuple[CountyBlock, ...]
    tallies: tuple[Tally, ...]  # the whole group, one per column
    # A prepared (preliminary) questionnaire: the years whose definitions it rests on; else empty.
    based_on_years: tuple[int, ...] = ()
    # Per column, how many units' plans decide to act on the indicator; () when no file has a plan.
    planned: tuple[int, ...] = ()
    fingerprint: str | None = None  # with the id, which version of the questionnaire
    questionnaire_file: str = ""  # the file it was read from, when not the bundled one
    # This matrix's number among the versions of its year's questionnaire, and how many there are.
    version: tuple[int, int] = (1, 1)

    @property
    def preliminary(self) -> bool:
        """Whether the year's questionnaire was prepared before its survey was public."""
        return bool(self.based_on_years)

    @property
    def rows(self) -> list[Row]:
        """All units, county by county."""
        return [r for c in self.counties for r in c.rows]

    @property
    def source_text(self) -> str:
        """Where its questionnaire comes from: "enkätfilen …" or "den som följer med ojcli"."""
        return f"enkätfilen {self.questionnaire_file}" if self.questionnaire_file else BUNDLED

    @property
    def version_text(self) -> str:
        """Which version of the year, when it has several: "version 2 av 2: enkätfilen …"."""
        number, versions = self.version
        return "" if versions == 1 else f"version {number} av {versions}: {self.source_text}"


BUNDLED = "den som följer med ojcli"


@dataclass(frozen=True)
class Failure:
    """A file that could not be used, with the loader's Swedish message lines."""

    path: Path
    lines: tuple[str, ...]


@dataclass(frozen=True)
class ManyComparison:
    """Many answers files compared: one matrix per survey year, and the files that failed."""

    years: tuple[YearMatrix, ...]
    failures: tuple[Failure, ...]
    files: int  # all files given, including failed and skipped ones
    skipped: int = 0  # files of other years than the one asked for
    notes: tuple[str, ...] = ()

    @property
    def units(self) -> int:
        """Files that made it into a matrix."""
        return sum(len(y.rows) for y in self.years)


@cache
def _counties() -> Mapping[str, tuple[str, str]]:
    return {m.code: (m.county_code, m.county_name) for m in municipalities()}


def unit_of(answers: CheckedAnswers) -> Unit:
    """The answering unit of a file, with the county from the municipality code."""
    m = answers.meta
    county = _counties().get(m.municipality_code, UNKNOWN_COUNTY)
    return Unit(m.municipality_code, m.municipality_name, m.unit, *county)


Version = tuple[str, str | None]  # a questionnaire's id and fingerprint


def compare_many(
    paths: Iterable[Path], year: int | None = None, enkat: Iterable[Path] = ()
) -> ManyComparison:
    """Read, check and score many answers files; group them by questionnaire version and county.

    A file that cannot be used becomes a Failure and the others are still compared. With
    `year`, files of other survey years are counted as skipped. `enkat`: questionnaire files
    that the answers naming their id are judged by, wherever they are.

    Raises:
        OjcliError: when a file of `enkat` cannot be used.
    """
    from ojcli.model import dates

    today = dates.today()  # a date answer after it does not count: each such file is noted
    late: list[str] = []  # files with answers that do not count: dates after today, no question
    questionnaires = Questionnaires(enkat)
    # By questionnaire object (one per file loaded) while reading: cheaper per file than by its
    # version, which is found once per object afterwards.
    rows: dict[int, list[Row]] = {}
    used: dict[int, Questionnaire] = {}
    changed: dict[int, list[Path]] = {}  # files saved with another version than now
    among: dict[str, Path] = {}  # questionnaire files among the files, by id
    missing: set[str] = set()  # questionnaires that answers name but were not found
    failures: list[Failure] = []
    files = skipped = 0
    # The same unit recurs across years and the same states across units: keep one of each,
    # so what is held per file is little more than its Row.
    shared: dict[object, Any] = {}
    for batch in _batches(paths, BATCH):
        files += len(batch)
        # Parse a batch, then check and score it: each phase's code stays warm in the CPU's
        # caches, which is about a tenth faster than alternating file by file.
        parsed = [_parse(path) for path in batch]
        for path, read in zip(batch, parsed, strict=True):
            if isinstance(read, tuple) and is_questionnaire(read[0]):
                files -= 1  # the folder's own questionnaire: it is used, not compared
                among.setdefault(str(read[0].get("id")), path)
                continue
            try:
                data, text = _or_raise(read)
                answers, q = answers_from_data(path, data, text, questionnaires=questionnaires)
            except OjcliError as exc:
                failures.append(Failure(path, tuple(exc.lines())))
                if isinstance(exc, LoadError) and any(
                    p.field == "meta.questionnaire" for p in exc.problems
                ):
                    missing.add(str(_named(read)))
                continue
            if year is not None and q.year != year:
                skipped += 1
                continue
            ev = Evaluator(q, answers, q.reference_date, today)
            states = tuple([judge_state(ev, ind) for ind in q.indicators])
            unit = unit_of(answers)
            if ev.late:
                said = " ".join(ev.late_reason(qid) for qid in ev.late)
                late.append(f"{unit.name} ({path}): {said}")
            if answers.unknown or answers.unknown_comments:  # kept in the file, not compared
                from ojcli.model import orphans

                late.append(f"{unit.name} ({path}): {orphans.notice(answers)}")
            used.setdefault(id(q), q)
            planned = _planned(answers, q) if answers.plan else ()
            row = Row(
                path,
                shared.setdefault(unit, unit),
                shared.setdefault(states, states),
                shared.setdefault(planned, planned),
            )
            rows.setdefault(id(q), []).append(row)
            recorded = answers.meta.questionnaire_fingerprint
            if recorded and identity.changed_since_saved(recorded, q):
                changed.setdefault(id(q), []).append(path)
    versions: dict[Version, tuple[Questionnaire, list[Row], list[Path]]] = {}
    for key, q in used.items():  # files judged by the same content share a matrix
        _, same, saved = versions.setdefault((q.id, identity.fingerprint_of(q)), (q, [], []))
        same += rows[key]
        saved += changed.get(key, [])
    matrices = numbered(
        sorted(
            (_year_matrix(q, rs) for q, rs, _ in versions.values()),
            key=lambda m: (m.year, m.questionnaire_id, m.questionnaire_file),
        )
    )
    notes = (
        *version_notes(matrices, versions.values()),
        *duplicate_notes(matrices),
        *questionnaires_among(among, missing),
        *late,
    )
    return ManyComparison(matrices, tuple(failures), files, skipped, notes)


BATCH = 64  # files parsed before they are checked and scored


def _planned(answers: CheckedAnswers, q: Questionnaire) -> tuple[bool, ...]:
    """Per indicator, whether the file's plan decides to act on it."""
    plan = answers.plan
    return tuple(
        (d := plan.get(ind.id)) is not None and d.decision == "act" for ind in q.indicators
    )


def _batches(paths: Iterable[Path], size: int) -> Iterator[list[Path]]:
    it = iter(paths)
    while batch := list(islice(it, size)):
        yield batch


def _parse(path: Path) -> tuple[dict[str, Any], str] | OjcliError:
    try:
        return read_toml(path, "svarsfilen")
    except OjcliError as exc:
        return exc


def _named(read: tuple[dict[str, Any], str] | OjcliError) -> object:
    """The questionnaire id an answers file names, if it could be parsed."""
    meta = read[0].get("meta") if isinstance(read, tuple) else None
    return meta.get("questionnaire") if isinstance(meta, dict) else None


def _or_raise(read: tuple[dict[str, Any], str] | OjcliError) -> tuple[dict[str, Any], str]:
    if isinstance(read, OjcliError):
        raise read
    return read


def _year_matrix(q: Questionnaire, rows: list[Row]) -> YearMatrix:
    columns = tuple(
        Column(i.id, i.title, q.theme(i.theme).title, i.latest_share(q.year)) for i in q.indicators
    )
    rows.sort(
        key=lambda r: (
            r.unit.county_code or "99",
            r.unit.municipality_code,
            r.unit.unit,
            str(r.path),
        )
    )
    blocks: list[CountyBlock] = []
    start = 0
    for end in range(1, len(rows) + 1):
        if end == len(rows) or rows[end].unit.county_code != rows[start].unit.county_code:
            block = tuple(rows[start:end])
            unit = block[0].unit
            blocks.append(
                CountyBlock(
                    unit.county_code,
                    unit.county_name,
                    block,
                    tuple(tally(block, c) for c in range(len(columns))),
                )
            )
            start = end
    origin = identity.origin_of(q)
    return YearMatrix(
        q.year,
        q.id,
        q.title,
        q.reference_date,
        columns,
        tuple(blocks),
        tuple(tally(rows, c) for c in range(len(columns))),
        () if q.preparation is None else tuple(sorted(q.preparation.based_on_years)),
        planned=_planned_counts([r.planned for r in rows if r.planned], len(columns)),
        fingerprint=identity.fingerprint_of(q),
        questionnaire_file="" if origin is None or origin.bundled else str(origin.path),
    )


def _planned_counts(plans: list[tuple[bool, ...]], columns: int) -> tuple[int, ...]:
    """Per column, how many of the plans act on it; () when there is no plan at all."""
    if not plans:
        return ()
    return tuple(sum(1 for p in plans if p[c]) for c in range(columns))
