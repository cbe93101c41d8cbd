"""Shared fixtures: the CLI runner, bundled questionnaires and answers files written on the fly."""

from __future__ import annotations

import datetime as dt
import os
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

from ojcli.files.loading import find_questionnaire, load_questionnaire
from ojcli.model.answers import FORMAT_VERSION
from ojcli.model.questionnaire import Questionnaire


@pytest.fixture(scope="session")
def _cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("ojcli-cache")


@pytest.fixture(autouse=True)
def _plain_terminal(monkeypatch: pytest.MonkeyPatch, _cache_folder: Path) -> None:
    """Deterministic output (no colour, fixed width) and a cache folder of the test run's own."""
    monkeypatch.setenv("OJCLI_CACHE_DIR", str(_cache_folder))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("TERM", "dumb")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def invoke_raw(runner: CliRunner, *args: str, input: str | None = None) -> tuple[int, str]:
    """Run ojcli; it must end without a traceback. The exit code and the output as printed."""
    from ojcli.cli import app

    result = runner.invoke(app, list(args), input=input)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    return result.exit_code, result.output


def invoke(runner: CliRunner, *args: str, input: str | None = None) -> tuple[int, str]:
    """As `invoke_raw`, with the output's line wrapping undone."""
    code, output = invoke_raw(runner, *args, input=input)
    return code, " ".join(output.split())


@pytest.fixture(scope="session")
def q2019() -> Questionnaire:
    return load_questionnaire(find_questionnaire(2019))


def meta(questionnaire: str = "oj-eb-2019", **over: Any) -> dict[str, Any]:
    base = {
        "format_version": FORMAT_VERSION,
        "questionnaire": questionnaire,
        "municipality_code": "2584",
        "municipality_name": "Kiruna",
    }
    return {**base, **over}


@pytest.fixture
def write_answers(tmp_path: Path) -> Callable[..., Path]:
    """Write an answers file from plain data and return its path."""

    def write(
        answers: dict[str, Any] | None = None,
        *,
        name: str = "svar.toml",
        comments: dict[str, str] | None = None,
        **meta_over: Any,
    ) -> Path:
        data: dict[str, Any] = {"meta": meta(**meta_over), "answers": answers or {}}
        if comments:
            data["comments"] = comments
        path = tmp_path / name
        path.write_text(tomli_w.dumps(data), encoding="utf-8")
        return path

    return write


@pytest.fixture
def write_text(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write dedented text to a file in tmp_path."""

    def write(text: str, name: str = "fil.toml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


# Answers to the 2019 questionnaire that meet every indicator.
ALL_MET_2019: dict[str, Any] = {
    "freda_kortfragor": "ja",
    "rutin_vald": "ja",
    "rutin_vald_beslutad": "ja",
    "rutin_vald_uppfoljd": dt.date(2018, 6, 1),
    "rutin_skyddade": "ja",
    "rutin_skyddade_beslutad": "ja",
    "rutin_skyddade_uppfoljd": dt.date(2018, 6, 1),
    "utredningsmall": "ja",
    "utredningsmall_alla": "ja",
    "rutin_vrakning": "ja",
    "rutin_vrakning_beslutad": "ja",
    "rutin_vrakning_uppfoljd": dt.date(2017, 3, 1),
    "rutin_vrakning_intervall": "vartannat_ar",
    "overenskommelse_hyresvardar": "ja",
    "overenskommelse_hyresvardar_beslutad": "ja",
    "uppsokande_boende": "ja",
    "vantetid_dagar": 14,
    "socialjour": "ja",
    "systematisk_uppfoljning_period": "ja",
    "systematisk_uppfoljning_utveckling": "ja",
    "rattsfall": "ja",
}


@pytest.fixture
def all_met() -> Callable[[], dict[str, Any]]:
    return lambda: dict(ALL_MET_2019)


# Hypothesis budgets for the fuzz tests (issue 6). "ci" is the default and keeps them to a few
# seconds; the long run is by hand: HYPOTHESIS_PROFILE=long python -m pytest tests/test_fuzz*.py
# Deadlines are off (a slow CI machine is not a bug); hangs are caught by the tests' own timers.
settings.register_profile("ci", max_examples=100, deadline=None, print_blob=True)
settings.register_profile(
    "long",
    max_examples=5000,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
