"""A municipality code must exist and be the named municipality's (issue 19 item 13).

`validate` let through 0899 (no municipality has it), 0881 (Nybro's) with the name Kalmar,
and 9999 (the example's made-up code) with the name Kalmar, which compare-many then filed
under a county "99". The code and name are checked against the bundled list of the 290
municipalities; the example's code goes only with the example's own name.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import invoke
from ojcli.compare.many import compare_many
from ojcli.files.loading import example_answers
from ojcli.model.municipalities import code_problem

WRONG = {
    "0899": (
        "4: meta.municipality_code: kommunkoden 0899 finns inte; ingen av Sveriges 290 kommuner "
        "har den. Kalmars kod är 0880."
    ),
    "0881": "4: meta.municipality_code: kommunkoden 0881 är Nybros, inte Kalmars. Kalmars kod är 0880.",
    "9999": (
        "4: meta.municipality_code: 9999 är exemplets påhittade kommunkod och gäller bara "
        "Exempelkommun, inte Kalmar. Kalmars kod är 0880."
    ),
}


@pytest.fixture
def kalmar(write_answers: Callable[..., Path]) -> Callable[[str, str], Path]:
    def write(code: str, name: str = "Kalmar") -> Path:
        return write_answers(
            {"rutin_vald": "nej"},
            name=f"{code}-{name}.toml",
            municipality_code=code,
            municipality_name=name,
        )

    return write


@pytest.mark.parametrize("command", ["validate", "score"])
@pytest.mark.parametrize("code", list(WRONG))
def test_a_code_that_is_not_the_municipalitys_is_refused(
    runner: CliRunner, kalmar: Callable[[str, str], Path], command: str, code: str
) -> None:
    path = kalmar(code, "Kalmar")
    status, out = invoke(runner, command, str(path))
    assert status == 3, out
    assert f"{path}:{WRONG[code]}" in out
    assert "Uppfylld" not in out  # never a result under the wrong municipality


@pytest.mark.parametrize(
    ("code", "name"),
    [("0880", "Kalmar"), ("0880", "Kalmar kommun"), ("0980", "Region Gotland"), ("1490", "Borås")],
)
def test_the_right_code_passes_in_every_way_its_name_is_written(
    runner: CliRunner, kalmar: Callable[[str, str], Path], code: str, name: str
) -> None:
    status, out = invoke(runner, "validate", str(kalmar(code, name)))
    assert status == 0, out


def test_a_name_that_is_no_municipality_is_named_with_the_one_meant(
    runner: CliRunner, kalmar: Callable[[str, str], Path]
) -> None:
    path = kalmar("1490", "Boras")
    status, out = invoke(runner, "validate", str(path))
    assert status == 3, out
    assert (
        f"{path}:5: meta.municipality_name: 'Boras' är ingen kommun – menade du 'Borås'? "
        "Kommunkoden 1490 är Borås." in out
    )


def test_the_example_keeps_its_made_up_code(runner: CliRunner) -> None:
    status, out = invoke(runner, "validate", str(example_answers()))
    assert status == 0, out


def test_compare_many_files_the_example_code_nowhere_but_the_example(
    kalmar: Callable[[str, str], Path],
) -> None:
    """9999 with the name Kalmar is a failure, never a row in a county "99"; the example is
    compared, in the county of no municipality."""
    wrong, example = kalmar("9999", "Kalmar"), kalmar("9999", "Exempelkommun")
    result = compare_many([wrong, example])
    assert [f.path for f in result.failures] == [wrong]
    assert WRONG["9999"].split(": ", 1)[1] in " ".join(result.failures[0].lines)
    (matrix,) = result.years
    assert [(r.unit.name, r.unit.county_code, r.unit.county_name) for r in matrix.rows] == [
        ("Exempelkommun", "", "Okänt län")
    ]


@pytest.mark.parametrize(
    ("code", "name", "blamed"),
    [
        ("0880", "Kalmar", None),
        ("0880", "Kalmar kommun", None),
        ("9999", "Exempelkommun", None),
        ("9999", "Kalmar", "municipality_code"),
        ("0881", "Kalmar", "municipality_code"),
        ("0899", "Kalmar", "municipality_code"),
        ("1490", "Boras", "municipality_name"),
    ],
)
def test_the_rule_itself_as_every_caller_gets_it(code: str, name: str, blamed: str | None) -> None:
    """`code_problem` alone, without the checker's quick look-up of a listed pair."""
    said = code_problem(code, name)
    assert (said.field if said else None) == (blamed and f"meta.{blamed}")
