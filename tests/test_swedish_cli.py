"""Swedish from the first keystroke: help, usage errors and parser faults without English (issue 13).

The commands come from the app's click group, and the English words to keep out come from
typer's, click's and tomllib's own source (tests/english.py), so neither list goes stale.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from conftest import invoke_raw
from english import english_in, framework_words, parser_words
from ojcli.cli import app
from ojcli.errors import EXIT_INPUT, EXIT_USAGE


def _paths(command: object, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    yield path
    for name, sub in getattr(command, "commands", {}).items():
        if not getattr(sub, "hidden", False):
            yield from _paths(sub, (*path, name))


COMMANDS = list(_paths(typer.main.get_command(app)))
# Command names are ojcli's own words ("show", "compare-many"), not the framework's.
OURS = frozenset(w for path in COMMANDS for name in path for w in name.split("-"))
DENIED = framework_words() | parser_words()


def swedish_only(output: str, denied: frozenset[str] = DENIED) -> None:
    """Fail on any English word of typer, click or tomllib in the output."""
    leaked = english_in(output, denied - OURS)
    assert not leaked, f"English in the output: {leaked}\n{output}"


def test_the_word_lists_are_read_from_the_sources() -> None:
    # If typer or tomllib moved their texts, the lists would be empty and every test would pass.
    assert {"usage", "options", "missing", "mean", "show", "required"} <= framework_words()
    assert {"illegal", "character", "invalid", "overwrite", "unclosed"} <= parser_words()


def test_every_command_is_found() -> None:
    assert ("score",) in COMMANDS
    assert ("questionnaires", "show") in COMMANDS
    assert len(COMMANDS) >= 10


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "ojcli")
def test_every_help_is_swedish(runner: CliRunner, command: tuple[str, ...]) -> None:
    code, output = invoke_raw(runner, *command, "--help")
    assert code == 0
    assert output.startswith(f"Användning: {' '.join(('ojcli', *command))} [FLAGGOR]")
    assert "Flaggor:" in output
    assert "-h, --help" in output
    assert "Visa den här hjälpen och avsluta." in output
    swedish_only(output, framework_words())  # parser words like "table" are ojcli's choices here


def test_help_names_types_and_notes_in_swedish(runner: CliRunner) -> None:
    _, output = invoke_raw(runner, "score", "--help")
    assert "Argument:" in output
    assert "FIL <sökväg>" in output
    assert "[krävs]" in output
    assert "[standard: text]" in " ".join(output.split())
    _, output = invoke_raw(runner, "survey", "--help")
    assert "-y, --year <heltal>" in output
    assert "-k, --kommun <text>" in output
    _, output = invoke_raw(runner, "--help")
    assert "KOMMANDO [ARGUMENT]..." in output
    assert "Kommandon:" in output


def test_no_arguments_shows_swedish_help(runner: CliRunner) -> None:
    code, output = invoke_raw(runner)
    assert code == EXIT_USAGE
    assert output.startswith("Användning: ojcli")
    swedish_only(output)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["scor"], "Fel: Kommandot 'scor' finns inte – menade du 'score'?"),
        (["xyz"], "Fel: Kommandot 'xyz' finns inte."),
        (["questionnaires", "sho"], "Kommandot 'sho' finns inte – menade du 'show'?"),
        (["score"], "Fel: Argumentet 'FIL' saknas."),
        (["compare", "a.toml"], "Fel: Argumentet 'NY' saknas."),
        (["questionnaires", "show"], "Fel: Argumentet 'ÅR' saknas."),
        (["score", "--bogus"], "Fel: Flaggan --bogus finns inte."),
        (["score", "--forma", "json"], "Flaggan --forma finns inte – menade du --format?"),
        (["score", "-x"], "Fel: Flaggan -x finns inte."),
        (["score", "a.toml", "b.toml"], "Fel: Oväntat argument: b.toml."),
        (["score", "a.toml", "--format"], "Fel: Flaggan '--format' behöver ett värde."),
        (
            ["score", "a.toml", "--format", "xml"],
            "Ogiltigt värde för '--format' / '-f': 'xml' går inte att välja; välj 'text' eller 'json'.",
        ),
        (
            ["survey", "--year", "tjugo"],
            "Ogiltigt värde för '--year' / '-y': 'tjugo' är inte ett heltal.",
        ),
        (["score", "a.toml", "--only", "fel"], "'fel' går inte att välja; skriv --only unmet."),
        (["--bogus"], "Fel: Flaggan --bogus finns inte."),
    ],
)
def test_usage_errors_are_swedish(runner: CliRunner, args: list[str], expected: str) -> None:
    code, output = invoke_raw(runner, *args)
    assert code == EXIT_USAGE, output
    assert expected in " ".join(output.split())
    swedish_only(output)


def test_a_usage_error_shows_the_usage_and_where_help_is(runner: CliRunner) -> None:
    _, output = invoke_raw(runner, "score")
    assert output.splitlines()[:2] == [
        "Användning: ojcli score [FLAGGOR] FIL",
        "Skriv 'ojcli score -h' för hjälp.",
    ]


def test_a_bad_per_date_is_swedish(runner: CliRunner, write_answers: Callable[..., Path]) -> None:
    code, output = invoke_raw(runner, "score", str(write_answers()), "--per", "2025-13-01")
    assert code == EXIT_USAGE
    assert "'2025-13-01' är inte ett datum; skriv ÅÅÅÅ-MM-DD" in " ".join(output.split())
    swedish_only(output)


def test_an_unclosed_string_in_an_answers_file_is_explained(
    runner: CliRunner, write_text: Callable[..., Path]
) -> None:
    path = write_text(
        '[meta]\nformat_version = 1\nquestionnaire = "oj-eb-2019"\n'
        'municipality_code = "2584"\nmunicipality_name = "Kiruna\n[answers]\n',
        "svar.toml",
    )
    for command in ("score", "validate", "report"):
        code, output = invoke_raw(runner, command, str(path))
        assert code == EXIT_INPUT
        flat = " ".join(output.split())
        assert f"{path}:5: värdet för municipality_name saknar avslutande citattecken" in flat
        swedish_only(output)
