"""README's "Förbereda nästa enkätår": its TOML examples are real questionnaire content."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from typer.testing import CliRunner

from conftest import invoke
from ojcli.files.loading import find_questionnaire, load_answers, load_questionnaire
from ojcli.scoring import State, score

README = Path(__file__).parents[1] / "README.md"


def section() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("## Förbereda nästa enkätår")
    return text[start : text.index("\n## ", start + 1)]


def toml_blocks() -> list[dict[str, Any]]:
    return [tomllib.loads(b) for b in re.findall(r"```toml\n(.*?)```", section(), re.S)]


@pytest.fixture
def prepared_file(tmp_path: Path) -> Path:
    """The 2024 questionnaire made into 2027 with README's two examples put in."""
    preparation, indicator = toml_blocks()
    data = tomllib.loads(find_questionnaire(2024).read_text(encoding="utf-8"))
    data |= {"id": "oj-eb-2027", "year": 2027, "reference_date": dt.date(2027, 3, 1)}
    data |= preparation
    data["sources"] += indicator["sources"]
    (example,) = indicator["indicators"]
    data["indicators"] = [example if i["id"] == example["id"] else i for i in data["indicators"]]
    path = tmp_path / "oj-eb-2027.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return path


def test_the_examples_make_a_valid_preliminary_questionnaire(
    runner: CliRunner, prepared_file: Path
) -> None:
    code, out = invoke(runner, "validate", str(prepared_file))
    assert code == 0, out
    assert "OK – enkät 2027" in out
    q = load_questionnaire(prepared_file)
    assert q.preliminary
    rule = next(i for i in q.indicators if i.id == "rutin-vald").rule
    assert "within_months=12" in repr(rule)


def test_the_example_rule_is_the_one_scored(
    prepared_file: Path, write_answers: Callable[..., Path]
) -> None:
    # Followed up 13 months before the 2027 reference date: too old for 12 months.
    answers = {
        "rutin_vald": "ja",
        "rutin_vald_beslutad": "ja",
        "rutin_vald_uppfoljd": dt.date(2026, 2, 1),
    }
    path = write_answers(answers, questionnaire="oj-eb-2027")
    answer_set, q = load_answers(path, load_questionnaire(prepared_file))
    verdict = next(v for v in score(q, answer_set).verdicts if v.indicator.id == "rutin-vald")
    assert verdict.state is State.NOT_MET
    assert "mer än 12 månader före mätdatum 2027-03-01" in " ".join(verdict.reasons)


def test_the_validate_examples_are_what_validate_says(
    runner: CliRunner, prepared_file: Path
) -> None:
    text = prepared_file.read_text(encoding="utf-8")
    prepared_file.write_text(
        text.replace(
            '"rutin_vald_uppfoljd", within_months = 12', '"rutin_vald_uppfold", within_months = 12'
        ),
        encoding="utf-8",
    )
    code, out = invoke(runner, "validate", str(prepared_file))
    assert code == 3
    readme = " ".join(section().split())
    quoted = re.search(r"\(`(indikator 'rutin-vald', rule\.all\[2\]: .*?)`\)", readme)
    assert quoted is not None
    assert quoted.group(1) in out
