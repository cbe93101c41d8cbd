"""Compare many answers files: who meets what, and the shares per year and county.

Many files are read as a stream and only each file's verdict states are kept, so memory
grows with the number of files by a few hundred bytes each, not by whole answer sets.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from itertools import islice
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ojcli.errors import OjcliError
from ojcli.files.loading import (
    bundled_questionnaire_dir,
    list_questionnaires,
    load_answers,
    load_questionnaire,
    read_toml,
)
from ojcli.model.answers import FORMAT_VERSION, AnswerSet, value_problem
from ojcli.model.municipalities import municipalities
from ojcli.model.questionnaire import NationalShare, Questionnaire
from ojcli.scoring import (
    Evaluator,
    State,
    judge_state,
)

UNKNOWN_COUNTY = ("", "Okänt län")  # for a code that is no municipality (the demo's 9999)
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,79}")  # a questionnaire id, as the model allows it


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
    """One indicator of a year's matrix, with the national share where a source gives it."""

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

    @property
    def preliminary(self) -> bool:
        """Whether the year's questionnaire was prepared before its survey was public."""
        return bool(self.based_on_years)

    @property
    def rows(self) -> list[Row]:
        """All units, county by county."""
        return [r for c in self.counties for r in c.rows]


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


class Questionnaires:
    """The bundled questionnaires by id, each loaded and validated at most once."""

    def __init__(self) -> None:
        self._dir = bundled_questionnaire_dir()
        self._paths: dict[str, Path] | None = None  # listed only when a name is not a file name
        self._loaded: dict[str, _Fit | None] = {}

    def fit(self, qid: object) -> _Fit | None:
        """The checker for a questionnaire id named in a file; None for an unknown id."""
        if not isinstance(qid, str):
            return None
        if qid not in self._loaded:
            q = self._load(qid)
            self._loaded[qid] = None if q is None else _Fit(q)
        return self._loaded[qid]

    def _load(self, qid: str) -> Questionnaire | None:
        # The files are named by id (oj-eb-2019.toml); listing them all costs a parse each.
        guess = self._dir / f"{qid}.toml"
        if _SLUG.fullmatch(qid) and _is_file(guess):
            q = load_questionnaire(guess)
            if q.id == qid:
                return q
        if self._paths is None:
            self._paths = {info.id: info.path for info in list_questionnaires(self._dir)}
        path = self._paths.get(qid)
        return None if path is None else load_questionnaire(path)


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # e.g. a name too long for the file system
        return False


@dataclass
class _Fit:
    """Whether parsed answers fit one questionnaire, remembered per (question, value).

    The same answers recur across files ("ja" to the same question), so `value_problem`
    runs once per distinct value. Checks the same things as `loading.load_answers`; a file
    that fails any of them is read again by `load_answers`, which explains what is wrong.
    """

    q: Questionnaire
    known: frozenset[str] = field(init=False)
    memo: dict[tuple[str, type, object], bool] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.known = frozenset(q.id for q in self.q.questions)

    def fits(self, data: dict[str, Any]) -> bool:
        """True when the data has no unknown question and every answer fits its question."""
        for table in ("answers", "comments"):
            entries = data.get(table)
            if isinstance(entries, dict) and not self.known.issuperset(entries):
                return False
        answers = data.get("answers")
        if not isinstance(answers, dict):
            return True  # a missing table is fine; a misshapen one the model rejects
        memo = self.memo
        for qid, value in answers.items():
            key = _memo_key(qid, value)
            if key is None:
                return False
            ok = memo.get(key)
            if ok is None:
                ok = memo[key] = value_problem(self.q.question(qid), value) is None
            if not ok:
                return False
        return True


def _memo_key(qid: str, value: object) -> tuple[str, type, object] | None:
    kind = type(value)
    if kind in (str, int, dt.date):
        return qid, kind, value
    if isinstance(value, list) and all(type(v) is str for v in value):
        return qid, kind, tuple(value)
    return None  # anything else is for the full check to explain


def read_answers(path: Path, questionnaires: Questionnaires) -> tuple[AnswerSet, Questionnaire]:
    """Read and check one answers file, fast when it is valid (see `check_answers`)."""
    return check_answers(path, read_toml(path, "svarsfilen")[0], questionnaires)


def check_answers(
    path: Path, data: dict[str, Any], questionnaires: Questionnaires
) -> tuple[AnswerSet, Questionnaire]:
    """Check the parsed data of an answers file against its questionnaire.

    A valid file is checked without locating lines; any doubt goes to
    `loading.load_answers`, which reads the file again and raises the LoadError naming the
    file, line and field (or, for an older format, upgrades it).
    """
    meta = data.get("meta")
    fit = questionnaires.fit(meta.get("questionnaire")) if isinstance(meta, dict) else None
    if fit is not None:
        assert isinstance(meta, dict)
        version = meta.get("format_version")
        newer = isinstance(version, int) and version > FORMAT_VERSION
        if not newer and fit.fits(data):
            try:
                return AnswerSet.model_validate(data), fit.q
            except ValidationError:
                pass
    return load_answers(path, None if fit is None else fit.q)


@cache
def _counties() -> Mapping[str, tuple[str, str]]:
    return {m.code: (m.county_code, m.county_name) for m in municipalities()}


def unit_of(answers: AnswerSet) -> Unit:
    """The answering unit of a file, with the county from the municipality code."""
    m = answers.meta
    county = _counties().get(m.municipality_code, UNKNOWN_COUNTY)
    return Unit(m.municipality_code, m.municipality_name, m.unit, *county)


def compare_many(paths: Iterable[Path], year: int | None = None) -> ManyComparison:
    """Read, check and score many answers files; group them by survey year and county.

    A file that cannot be used becomes a Failure and the others are still compared. With
    `year`, files of other survey years are counted as skipped.
    """
    questionnaires = Questionnaires()
    rows: dict[str, list[Row]] = {}
    used: dict[str, Questionnaire] = {}
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
        for path, data in zip(batch, parsed, strict=True):
            try:
                answers, q = check_answers(path, _or_raise(data), questionnaires)
            except OjcliError as exc:
                failures.append(Failure(path, tuple(exc.lines())))
                continue
            if year is not None and q.year != year:
                skipped += 1
                continue
            ev = Evaluator(q, answers.answers, q.reference_date)
            states = tuple([judge_state(ev, ind) for ind in q.indicators])
            unit = unit_of(answers)
            used.setdefault(q.id, q)
            row = Row(path, shared.setdefault(unit, unit), shared.setdefault(states, states))
            rows.setdefault(q.id, []).append(row)
    matrices = tuple(
        sorted((_year_matrix(used[qid], rs) for qid, rs in rows.items()), key=lambda m: m.year)
    )
    return ManyComparison(matrices, tuple(failures), files, skipped, _duplicate_notes(matrices))


BATCH = 64  # files parsed before they are checked and scored


def _batches(paths: Iterable[Path], size: int) -> Iterator[list[Path]]:
    it = iter(paths)
    while batch := list(islice(it, size)):
        yield batch


def _parse(path: Path) -> dict[str, Any] | OjcliError:
    try:
        return read_toml(path, "svarsfilen")[0]
    except OjcliError as exc:
        return exc


def _or_raise(data: dict[str, Any] | OjcliError) -> dict[str, Any]:
    if isinstance(data, OjcliError):
        raise data
    return data


def _year_matrix(q: Questionnaire, rows: list[Row]) -> YearMatrix:
    columns = tuple(
        Column(i.id, i.title, q.theme(i.theme).title, i.share_for(q.year)) for i in q.indicators
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
    return YearMatrix(
        q.year,
        q.id,
        q.title,
        q.reference_date,
        columns,
        tuple(blocks),
        tuple(tally(rows, c) for c in range(len(columns))),
        () if q.preparation is None else tuple(sorted(q.preparation.based_on_years)),
    )


def _duplicate_notes(matrices: Iterable[YearMatrix]) -> tuple[str, ...]:
    notes = []
    for m in matrices:
        seen: dict[tuple[str, str], list[Row]] = {}
        for row in m.rows:
            seen.setdefault((row.unit.municipality_code, row.unit.unit), []).append(row)
        for same in seen.values():
            if len(same) > 1:
                notes.append(
                    f"{same[0].unit.name} finns i {len(same)} filer för {m.year} "
                    f"({', '.join(str(r.path) for r in same)}); alla räknas med."
                )
    return tuple(notes)
