"""Shared fixtures: the CLI runner, bundled questionnaires and answers files written on the fly."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import sysconfig
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NoReturn

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
    # The cache's signing key lives in the user's own cache folder: the test run's, not root's.
    monkeypatch.setenv("XDG_CACHE_HOME", str(_cache_folder / "user"))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("TERM", "dumb")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


# Set by .ci/run: a test that needs a tool of the test extra fails when the tool is missing,
# rather than skipping where nobody reads the skip.
NO_SKIP = "OJCLI_TESTS_NO_SKIP"


def missing(what: str) -> NoReturn:
    """Skip a test for want of `what`, or fail it where skipping is not allowed (CI)."""
    message = f"{what} is missing; it comes with the test extra: pip install -e '.[test,lint]'"
    if os.environ.get(NO_SKIP):
        pytest.fail(f"{message} ({NO_SKIP} is set: this test may not be skipped)")
    pytest.skip(message)


def needed(module: str) -> Any:
    """Import a module of the test or lint extra, or `missing` it."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        missing(module)


def installed_tool(name: str) -> str | None:
    """A command installed beside the running Python (its venv's bin or Scripts), else on PATH.

    `path/to/.venv/bin/python -m pytest` runs without the venv activated: its tools are not on
    PATH then, but they are installed where this Python's console scripts go.
    """
    folders = [Path(sysconfig.get_path("scripts")), Path(sys.executable).parent]
    for folder in folders:
        for candidate in (folder / name, folder / f"{name}.exe"):
            if candidate.is_file() and os.access(candidate, os.X_OK):
                return str(candidate)
    return shutil.which(name)


# Signals a person's Ctrl-C, closed window or logout sends; a test run may inherit them ignored.
TERMINAL_SIGNALS = ("SIGINT", "SIGHUP", "SIGTERM", "SIGQUIT")


def default_signals() -> None:
    """Put the terminal's signals back to their defaults (run in a child before it starts).

    A test run started under `nohup`, or as a background job of a script, inherits SIGHUP or
    SIGINT ignored, and so would every child: Ctrl-C or a closed window would then do nothing,
    and the tests of exactly that would fail for a reason that is not ojcli's.
    """
    import signal

    for name in TERMINAL_SIGNALS:
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)


@pytest.fixture
def ctrl_c_raises() -> Iterator[None]:
    """SIGINT raises KeyboardInterrupt, as in a Python started from a terminal.

    A test that sends itself SIGINT needs it: under `nohup` or as a script's background job,
    the test run inherits SIGINT ignored (`default_signals` does the same for a child).
    """
    import signal

    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, before)


def spawn_ojcli(*args: str, cwd: Path, timeout: float = 20) -> Any:
    """`ojcli ARGS` in a real pseudo-terminal of 40 × 100, started as from a person's shell."""
    import pexpect  # in the test extra; POSIX only (the pty tests skip on Windows)

    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", "LINES": "40", "TERM": "xterm"}
    return pexpect.spawn(
        sys.executable,
        ["-m", "ojcli", *args],
        cwd=str(cwd),
        env=env,
        encoding="utf-8",
        timeout=timeout,
        dimensions=(40, 100),
        preexec_fn=default_signals,
    )


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


def command_paths() -> list[list[str]]:
    """Every command and subcommand, as typed after `ojcli`, read from the app itself."""
    import typer.main

    from ojcli.cli import app

    def walk(command: Any, path: list[str]) -> list[list[str]]:
        subcommands = getattr(command, "commands", {})
        return [path] * bool(path) + [
            found
            for name, sub in sorted(subcommands.items())
            if not sub.hidden
            for found in walk(sub, [*path, name])
        ]

    return walk(typer.main.get_command(app), [])


def bundled(year: int) -> Questionnaire:
    """The questionnaire ojcli ships for a survey year."""
    return load_questionnaire(find_questionnaire(year))


@pytest.fixture(scope="session")
def q2019() -> Questionnaire:
    return bundled(2019)


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
    # Added to 2019 from Kolada's catalogue (issue 17).
    "uppsokande_akut_hemloshet": "ja",
    "systematisk_uppfoljning_kon": "ja",
    "enskildas_uppfattning": "ja",
    "enskildas_uppfattning_datum": dt.date(2018, 6, 1),
    "enskildas_uppfattning_anvand": "ja",
    "fia": "ja",
    "audit": "ja",
    "dudit": "ja",
    "plan_sjalvforsorjning": "ja",
    "plan_tre_manader": "ja_alla",
    "plan_undertecknad": "ja_alla",
    "plan_uppfoljning": "ja_alla",
    **{
        f"overenskommelse_{who}{part}": value
        for who in ("af", "fk", "primarvard", "psykiatri")
        for part, value in (("", "ja"), ("_beslutad", "ja"), ("_uppfoljd", dt.date(2018, 6, 1)))
    },
    # Ended in 2021; added to 2019 from Kolada's February 2020 catalogue (issue 17).
    "rutin_sip": "ja",
    "rutin_sip_beslutad": "ja",
    "rutin_sip_uppfoljd": dt.date(2018, 6, 1),
    "kompetensplan": "ja",
    "kompetensplan_uppfoljd": dt.date(2018, 6, 1),
    **{
        f"samordning_{who}{part}": value
        for who in ("missbruk", "socialpsykiatri", "barn_unga", "lss")
        for part, value in (("", "ja"), ("_beslutad", "ja"), ("_uppfoljd", dt.date(2018, 6, 1)))
    },
    "arbetsmarknad_18_24": "ja_alla",
    "arbetsmarknad_over_24": "ja_alla",
    "hushallsekonomisk_radgivning": "ja",
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
