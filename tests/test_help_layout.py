"""`--help` as a person copies from it (issue 19, item 16): the usage line says `FIL` for a
required argument and `[FIL]` for an optional one (not typer's `{FIL}` or `[[FIL]]`), each
example is a line of its own, and no line is broken at a hyphen ("oj-⏎eb-2027").

Every command's help is read at 40 columns, where click wraps nearly every line.
"""

from __future__ import annotations

import re

import pytest
import typer.main
from typer.testing import CliRunner

from conftest import command_paths, invoke_raw
from ojcli.cli import app
from ojcli.cli._swedish import SwedishFormatter

COMMANDS = [[], *command_paths()]
NARROW = "40"


@pytest.fixture(autouse=True)
def _narrow(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", NARROW)


def _help(runner: CliRunner, command: list[str]) -> str:
    code, output = invoke_raw(runner, *command, "--help")
    assert code == 0, output
    return output


def _usage(output: str) -> str:
    """The usage line, its wrapped continuation joined to it."""
    return " ".join(output.split("\n\n")[0].split())


def _arguments(command: list[str]) -> list[tuple[str, bool, bool]]:
    """Each positional argument of a command: its metavar, whether required, whether many."""
    found = typer.main.get_command(app)
    for name in command:
        found = found.commands[name]  # type: ignore[attr-defined]
    return [
        (p.metavar or p.name.upper(), p.required, p.nargs != 1)
        for p in found.params
        if p.param_type_name == "argument"
    ]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "ojcli")
def test_the_usage_line_says_fil_or_optional_fil(runner: CliRunner, command: list[str]) -> None:
    usage = _usage(_help(runner, command))
    assert usage.startswith(f"Användning: {' '.join(['ojcli', *command])} [FLAGGOR]")
    for bad in ("[[", "]]", "{", "}", "......"):
        assert bad not in usage, usage
    for metavar, required, many in _arguments(command):
        name = metavar.removesuffix("...")
        said = f"{name}..." if many else name
        expected = said if required else f"[{said}]"
        assert re.search(rf"(?<![\w\[]){re.escape(expected)}(?![\w\]])", usage), (expected, usage)


def test_the_usage_shows_required_and_optional_arguments_apart(runner: CliRunner) -> None:
    assert _usage(_help(runner, ["survey"])).endswith("[FLAGGOR] [FIL]")
    assert _usage(_help(runner, ["score"])).endswith("[FLAGGOR] FIL")
    assert _usage(_help(runner, ["validate"])).endswith("[FLAGGOR] FIL...")
    assert _usage(_help(runner, ["compare"])).endswith("[FLAGGOR] GAMMAL NY")
    code, output = invoke_raw(runner, "score")  # a usage error shows the same line
    assert code != 0
    assert output.splitlines()[0] == "Användning: ojcli score [FLAGGOR] FIL"


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "ojcli")
def test_no_help_line_is_broken_at_a_hyphen(runner: CliRunner, command: list[str]) -> None:
    output = _help(runner, command)
    broken = [line for line in output.splitlines() if re.search(r"\w-$", line)]
    assert not broken, output
    assert "\u2011" not in output  # what is copied is the plain hyphen the command needs


@pytest.mark.parametrize("command", command_paths(), ids=" ".join)
def test_every_example_is_a_whole_command_on_its_own_line(
    runner: CliRunner, command: list[str]
) -> None:
    output = _help(runner, command)
    block = output.split("Exempel:\n")[1].split("\n\n")[0].splitlines()
    assert block, output
    for line in block:
        assert line.startswith("    ojcli "), output
        assert line.count("ojcli ") == 1, line  # one command, not two side by side


def test_the_questionnaire_id_stays_whole_in_the_help(runner: CliRunner) -> None:
    output = _help(runner, ["questionnaires", "new"])
    assert "    ojcli questionnaires new 2027 -o oj-eb-2027.toml\n" in output
    assert re.search(r"\(standard:\s+oj-eb-ÅR\.toml\)", output), output
    output = _help(runner, ["validate"])
    assert "    ojcli validate questionnaires/oj-eb-2019.toml\n" in output


@pytest.mark.parametrize("method", ["write_text", "write_dl"])
def test_the_formatter_never_breaks_at_a_hyphen_wherever_the_id_falls(method: str) -> None:
    # Whatever help is written later: the id at every place on the line, in a text and an option's.
    for pad in range(40):
        formatter = SwedishFormatter(width=40)
        text = f"{'x' * pad} Enkätfilen oj-eb-2027.toml bredvid svar-2027.toml."
        if method == "write_text":
            formatter.write_text(text)
        else:
            formatter.write_dl([("--enkat FIL", text)])
        output = formatter.getvalue()
        assert "oj-eb-2027.toml" in output, output
        assert "svar-2027.toml" in output, output
