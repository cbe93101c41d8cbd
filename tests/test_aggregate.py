"""Comparing many answers files: the matrix, the shares, failures, and the fast path's fidelity."""

from __future__ import annotations

import datetime as dt
import importlib.util
import random
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from conftest import ALL_MET_2019, meta
from ojcli.compare.many import Tally, compare_many
from ojcli.errors import LoadError
from ojcli.files.loading import find_questionnaire, load_answers, load_questionnaire
from ojcli.model.answers import AnswerSet, check_answer_set
from ojcli.scoring import Evaluator, State, judge, score
from ojcli.scoring.fast import judge_state

ROOT = Path(__file__).resolve().parents[1]
M, N, INC, NA = State.MET, State.NOT_MET, State.INCOMPLETE, State.NOT_APPLICABLE


def generator() -> types.ModuleType:
    """benchmarks/generate_answers.py, the test-data generator, loaded from the checkout."""
    path = ROOT / "benchmarks" / "generate_answers.py"
    spec = importlib.util.spec_from_file_location("generate_answers", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """Write an answers file for a municipality and return its path."""

    def write_file(name: str, answers: dict[str, Any], **meta_over: Any) -> Path:
        path = tmp_path / name
        path.write_text(tomli_w.dumps({"meta": meta(**meta_over), "answers": answers}), "utf-8")
        return path

    return write_file


# --- a group whose counts are known by construction ----------------------------------------------


@pytest.fixture
def group_2019(write: Callable[..., Path]) -> list[Path]:
    """Four 2019 units in two counties, with one indicator split; the rest met or unanswered.

    Kiruna and Luleå (Norrbottens län) meet all eleven indicators except that Luleå has no
    routine for violence; Stockholm's Farsta meets all, Bromma has not answered at all.
    """
    no_violence = {**ALL_MET_2019, "rutin_vald": "nej"}
    del no_violence["rutin_vald_beslutad"], no_violence["rutin_vald_uppfoljd"]
    stockholm = {"municipality_code": "0180", "municipality_name": "Stockholm"}
    return [
        write("kiruna.toml", ALL_MET_2019),
        write("lulea.toml", no_violence, municipality_code="2580", municipality_name="Luleå"),
        write("farsta.toml", ALL_MET_2019, unit="Farsta", **stockholm),
        write("bromma.toml", {}, unit="Bromma", **stockholm),
    ]


def test_matrix_counts_and_shares_of_a_known_group(group_2019: list[Path]) -> None:
    """Each unit's row, the share per indicator in each county and in the group are exact."""
    result = compare_many(group_2019)
    assert (result.files, result.units, result.failures) == (4, 4, ())
    (m,) = result.years
    assert m.year == 2019
    n = len(m.columns)
    assert n == 33  # every 2019 indicator
    violence = [c.id for c in m.columns].index("rutin-vald")

    assert [(c.code, c.name) for c in m.counties] == [
        ("01", "Stockholms län"),
        ("25", "Norrbottens län"),
    ]
    rows = {r.unit.name: r for r in m.rows}
    assert [r.unit.name for r in m.rows] == [
        "Stockholm, Bromma",
        "Stockholm, Farsta",
        "Luleå",
        "Kiruna",
    ]
    assert rows["Kiruna"].states == (M,) * n
    assert rows["Kiruna"].met == n
    assert rows["Luleå"].states[violence] is N
    assert rows["Luleå"].met == n - 1
    assert rows["Stockholm, Bromma"].states == (INC,) * n
    assert rows["Stockholm, Bromma"].met == 0

    assert m.tallies[violence] == Tally(met=2, not_met=1, incomplete=1)
    assert m.tallies[violence].share == 50
    others = [t for n, t in enumerate(m.tallies) if n != violence]
    assert all(t == Tally(met=3, incomplete=1) and t.share == 75 for t in others)

    stockholm, norrbotten = m.counties
    assert [t.share for t in stockholm.tallies] == [50] * n
    assert norrbotten.tallies[violence].share == 50
    assert all(t.share == 100 for n, t in enumerate(norrbotten.tallies) if n != violence)
    assert m.columns[violence].national is not None
    assert m.columns[violence].national.percent == 59


def test_not_applicable_units_are_left_out_of_the_share(write: Callable[..., Path]) -> None:
    """2024: a unit without households of a woman and a man is not counted for separate meetings."""
    q = "oj-eb-2024"
    paths = [
        write("a.toml", {"hushall_kvinna_man": "nej"}, questionnaire=q),
        write("b.toml", {"hushall_kvinna_man": "ja", "separata_moten": "ja"}, questionnaire=q),
        write("c.toml", {"hushall_kvinna_man": "ja", "separata_moten": "nej"}, questionnaire=q),
    ]
    (m,) = compare_many(paths).years
    meetings = [c.id for c in m.columns].index("separata-moten")
    assert m.tallies[meetings] == Tally(met=1, not_met=1, not_applicable=1)
    assert m.tallies[meetings].share == 50
    n = len(m.columns)  # every 2024 indicator; only separate meetings can be not applicable
    assert [r.applicable for r in m.rows] == [n - 1, n, n]


def test_a_broken_file_is_reported_and_the_others_still_compared(
    group_2019: list[Path], write: Callable[..., Path], tmp_path: Path
) -> None:
    """Bad TOML, a wrong value and a missing file each fail alone, with the loader's message."""
    bad_toml = tmp_path / "trasig.toml"
    bad_toml.write_text('[meta]\nformat_version = 1\nquestionnaire = "oj-eb-2019\n', "utf-8")
    wrong = write("fel.toml", {"rutin_vald": "kanske"})
    missing = tmp_path / "finns-inte.toml"
    result = compare_many([bad_toml, *group_2019[:2], wrong, missing, *group_2019[2:]])

    assert result.files == 7
    assert result.units == 4
    assert [f.path for f in result.failures] == [bad_toml, wrong, missing]
    for failure in result.failures:
        with pytest.raises(LoadError) as expected:
            load_answers(failure.path)
        assert list(failure.lines) == expected.value.lines()
    assert "'kanske' är inte ett av alternativen" in "\n".join(result.failures[1].lines)


def test_years_are_kept_apart_and_year_filter_skips_the_rest(
    group_2019: list[Path], write: Callable[..., Path]
) -> None:
    later = write("kiruna-2024.toml", {"rutin_vald": "nej"}, questionnaire="oj-eb-2024")
    both = compare_many([later, *group_2019])
    assert [(m.year, len(m.rows)) for m in both.years] == [(2019, 4), (2024, 1)]
    only = compare_many([later, *group_2019], year=2024)
    assert [m.year for m in only.years] == [2024]
    assert only.skipped == 4


def test_the_same_unit_twice_in_a_year_is_noted(write: Callable[..., Path]) -> None:
    paths = [write("a.toml", {}), write("b.toml", {})]
    result = compare_many(paths)
    assert result.units == 2
    assert result.notes
    assert "Kiruna finns i 2 filer för 2019" in result.notes[0]


def test_an_unknown_municipality_code_lands_in_an_unknown_county(
    write: Callable[..., Path],
) -> None:
    path = write("x.toml", {}, municipality_code="9999", municipality_name="Exempelkommun")
    (m,) = compare_many([path]).years
    assert [(c.code, c.name) for c in m.counties] == [("", "Okänt län")]


def test_the_unknown_county_comes_after_every_real_one(
    group_2019: list[Path], write: Callable[..., Path]
) -> None:
    # The example's code (9999) is in no county: its block is last, after Norrbotten (25),
    # however the files are given, and Stockholm (01) first.
    example = write("exempel.toml", {}, municipality_code="9999", municipality_name="Exempelkommun")
    for paths in ([example, *group_2019], [*group_2019, example]):
        (m,) = compare_many(paths).years
        assert [c.code for c in m.counties] == ["01", "25", ""]
        assert [c.name for c in m.counties][-1] == "Okänt län"
        assert m.rows[-1].unit.name == "Exempelkommun"
        assert [len(c.rows) for c in m.counties] == [2, 2, 1]


def test_a_file_in_the_pre_release_format_is_upgraded_and_compared(tmp_path: Path) -> None:
    path = tmp_path / "v0.toml"
    path.write_text(
        '[meta]\nformat_version = 0\nquestionnaire = "oj-eb-2019"\nkommunkod = 180\n'
        'kommun = "Stockholm"\nenhet = "Rinkeby-Kista"\n\n[answers]\nrutin_vald = "nej"\n',
        "utf-8",
    )
    result = compare_many([path])
    assert result.failures == ()
    (row,) = result.years[0].rows
    assert (row.unit.name, row.unit.municipality_code, row.unit.county_code) == (
        "Stockholm, Rinkeby-Kista",
        "0180",
        "01",
    )


# --- generated groups ----------------------------------------------------------------------------


def test_generated_group_matches_scoring_file_by_file(tmp_path: Path) -> None:
    """On 150 generated files over all years, every cell and count equals `ojcli score`'s verdict."""
    paths = generator().generate(tmp_path, 150, seed=3)
    result = compare_many(paths)
    assert result.failures == ()
    assert result.units == 150

    expected: dict[Path, tuple[State, ...]] = {}
    for path in paths:
        answers, q = load_answers(path)
        expected[path] = tuple(v.state for v in score(q, answers).verdicts)
    for m in result.years:
        for row in m.rows:
            assert row.states == expected[row.path], row.path
        for n, t in enumerate(m.tallies):
            states = [expected[r.path][n] for r in m.rows]
            assert t == Tally(states.count(M), states.count(N), states.count(INC), states.count(NA))
    seen = {s for states in expected.values() for s in states}
    assert seen == set(State), "the generator should produce every verdict state"


def test_generator_cycles_years_then_municipalities_then_copies(tmp_path: Path) -> None:
    """Any prefix covers every year; a municipality and year that come again are a new unit."""
    paths = generator().generate(tmp_path, 7, seed=1)
    assert sorted(p.parent.name for p in paths) == [str(y) for y in range(2018, 2025)]
    again = generator().generate(tmp_path / "again", 7, seed=1)
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in paths]

    one_year = generator().generate(tmp_path / "2019", 2 * 290 + 1, seed=1, years=[2019])
    result = compare_many(one_year)
    assert result.units == 581
    assert result.notes == ()
    names = {r.unit.name for r in result.years[0].rows}
    assert {"Upplands Väsby", "Upplands Väsby, kopia 2", "Upplands Väsby, kopia 3"} <= names


@pytest.mark.parametrize("seed", range(2))
def test_state_only_scoring_agrees_with_judge(seed: int) -> None:
    """`judge_state` (the fast path) gives `judge`'s state for random answers to every year."""
    gen = generator()
    rng = random.Random(seed)
    for year in range(2018, 2025):
        q = load_questionnaire(find_questionnaire(year))
        for _ in range(30):
            data = {"meta": meta(q.id), "answers": gen.random_answers(q, rng)}
            answers = check_answer_set(AnswerSet.model_validate(data), q)
            for ref in (q.reference_date, dt.date(year + 2, 6, 30)):
                fast, full = Evaluator(q, answers, ref), Evaluator(q, answers, ref)
                for ind in q.indicators:
                    assert judge_state(fast, ind) is judge(full, ind).state, (year, ind.id, answers)


# --- every file is checked, and a file that does not fit is never scored ---------------------------

# An answer under an id without a question is no failure: the file is scored and noted
# (tests/test_deleted_question.py).
INVALID = {
    "wrong option": 'rutin_vald = "kanske"',
    "wrong type": 'vantetid_dagar = "ja"',
    "float": "vantetid_dagar = 1.5",
    "date in quotes, not ÅÅÅÅ-MM-DD": 'rutin_vald = "ja"\nrutin_vald_uppfoljd = "2018-5-1"',
    "negative number": "vantetid_dagar = -1",
    "datetime for a date": 'rutin_vald = "ja"\nrutin_vald_uppfoljd = 2018-05-01T00:00:00',
    "boolean": "vantetid_dagar = true",
    "list for yes/no": 'rutin_vald = ["ja"]',
    "inline table": "vantetid_dagar = { a = 1 }",
}
META_PROBLEMS = {
    "newer format": ("format_version = 9", '"oj-eb-2019"'),
    "unknown questionnaire": ("format_version = 1", '"oj-eb-1999"'),
    "year as questionnaire": ("format_version = 1", '"2019"'),
}
# A bad file comes after a good one with a value that is the same to Python ("ja" to another
# question; True == 1): a verdict remembered without the question or the type would let the bad
# file through.
GOOD_TWIN = {
    "wrong type": 'rutin_vald = "ja"',
    "float": "vantetid_dagar = 1",
    "date in quotes, not ÅÅÅÅ-MM-DD": 'rutin_vald = "ja"\nrutin_vald_uppfoljd = "2018-05-01"',
    "boolean": "vantetid_dagar = 1",
    "datetime for a date": 'rutin_vald = "ja"\nrutin_vald_uppfoljd = 2018-05-01',
}


def answers_file(
    path: Path, answers: str, version: str = "format_version = 1", q: str = '"oj-eb-2019"'
) -> Path:
    path.write_text(
        f"[meta]\n{version}\nquestionnaire = {q}\n"
        f'municipality_code = "2584"\nmunicipality_name = "Kiruna"\n\n[answers]\n{answers}\n',
        "utf-8",
    )
    return path


def test_files_that_do_not_fit_fail_with_the_message_validate_gives(tmp_path: Path) -> None:
    """Among good files, each bad one is a failure (never a row), worded as `ojcli validate` words it.

    The bad files are read twice: the second time, what was remembered must say the same.
    """
    good, bad = [], []
    for n, (name, answers) in enumerate(INVALID.items()):
        twin = GOOD_TWIN.get(name, 'rutin_vald = "nej"')
        good.append(answers_file(tmp_path / f"{n}-bra.toml", twin))
        bad.append(answers_file(tmp_path / f"{n}-fel.toml", answers))
    for n, (version, q) in enumerate(META_PROBLEMS.values()):
        bad.append(answers_file(tmp_path / f"meta-{n}.toml", "", version, q))
    result = compare_many(
        [p for pair in zip(good, bad, strict=False) for p in pair] + bad[len(good) :] + bad
    )

    assert [f.path for f in result.failures] == bad + bad
    assert sorted(r.path for m in result.years for r in m.rows) == sorted(good)
    for failure in result.failures:
        with pytest.raises(LoadError) as expected:
            load_answers(failure.path)
        assert list(failure.lines) == expected.value.lines()
        assert failure.lines[0] in (
            f"Kunde inte läsa svarsfilen {failure.path}:",
            f"Fel i svarsfilen {failure.path}:",
        )
