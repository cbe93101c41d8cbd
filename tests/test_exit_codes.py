"""The README's table of exit codes holds for every command (issue 19, item 12).

The commands and their file parameters are read from the app: a command, or a file argument or
option, added without a case here fails `test_every_file_parameter_has_its_cases`. Each case is
one situation of the table: 2 the command line is wrong, 3 a file to read is missing, unreadable
or of the wrong kind, 4 a file is not written (it cannot be, or ojcli refuses to overwrite what is
there) and what was there is untouched.
"""

from __future__ import annotations

import inspect
import os
import re
import typing
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import command_paths, invoke
from ojcli.errors import EXIT_INPUT, EXIT_USAGE, EXIT_WRITE
from ojcli.files.loading import example_answers, find_questionnaire

README = Path(__file__).resolve().parents[1] / "README.md"
WRITES = {"output", "save", "ics"}  # parameters that name a file the command writes

# In each case: "svar.toml" is an answers file, "enkat.toml" a questionnaire, "mapp.toml" a
# folder (a file that cannot be read), "saknas.toml" nothing, "finns.toml" a file of someone's.
INPUT: dict[tuple[str, str], list[str]] = {
    ("compare", "old"): ["compare", "{bad}", "svar.toml"],
    ("compare", "new"): ["compare", "svar.toml", "{bad}"],
    ("compare-many", "paths"): ["compare-many", "{bad}"],
    ("questionnaires diff", "year_a"): ["questionnaires", "diff", "{bad}", "2019"],
    ("questionnaires diff", "year_b"): ["questionnaires", "diff", "2019", "{bad}"],
    ("questionnaires show", "year"): ["questionnaires", "show", "{bad}"],
    ("plan", "file"): ["plan", "{bad}"],
    ("plan", "enkat"): ["plan", "svar.toml", "--enkat", "{bad}"],
    ("report", "file"): ["report", "{bad}"],
    ("report", "enkat"): ["report", "svar.toml", "--enkat", "{bad}"],
    ("schema", "questionnaire"): ["schema", "--enkat", "{bad}"],
    ("score", "file"): ["score", "{bad}"],
    ("score", "enkat"): ["score", "svar.toml", "--enkat", "{bad}"],
    ("survey", "file"): ["survey", "{bad}"],
    ("survey", "from_"): ["survey", "ny.toml", "--from", "{bad}"],  # the year: this year's
    ("survey", "enkat"): ["survey", "ny.toml", "--enkat", "{bad}"],
    ("validate", "files"): ["validate", "{bad}"],
    ("validate", "enkat"): ["validate", "svar.toml", "--enkat", "{bad}"],
}
BAD_INPUTS = {
    "missing": "saknas.toml",
    "folder": "mapp.toml",
    "answers as a questionnaire": "svar.toml",
    "questionnaire as answers": "enkat.toml",
    "loop of links": "slinga.toml",  # ojcli plan once ended in a traceback on it
}
# Which bad inputs fit which parameter: a questionnaire where answers are read, and the reverse.
QUESTIONNAIRE_PARAMETERS = {"enkat", "questionnaire", "year", "year_a", "year_b"}

WRITE: dict[tuple[str, str], dict[str, list[str]]] = {
    ("compare-many", "output"): {
        "missing folder": ["compare-many", "svar.toml", "-o", "saknas/x.csv"],
        "a folder": ["compare-many", "svar.toml", "-o", "mapp.toml", "-f", "csv"],
    },
    ("demo", "save"): {
        "refuses to overwrite": ["demo", "--spara", "finns.toml"],
        "missing folder": ["demo", "--spara", "saknas/x.toml"],
    },
    ("questionnaires new", "output"): {
        "refuses to overwrite": ["questionnaires", "new", "2027", "-o", "finns.toml"],
        "missing folder": ["questionnaires", "new", "2027", "-o", "saknas/x.toml"],
    },
    ("plan", "output"): {
        "the answers file itself": ["plan", "svar.md", "-o", "svar.md"],
        "missing folder": ["plan", "svar.toml", "-o", "saknas/x.md"],
    },
    ("plan", "ics"): {
        "the answers file itself": ["plan", "svar.toml", "--ics", "svar.toml"],
        "missing folder": ["plan", "svar.toml", "--ics", "saknas/x.ics"],
        "a folder": ["plan", "svar.toml", "--ics", "mapp.toml"],
    },
    ("report", "output"): {
        "the answers file itself": ["report", "svar.md", "-o", "svar.md"],
        "missing folder": ["report", "svar.toml", "-o", "saknas/x.md"],
        "a folder": ["report", "svar.toml", "-o", "mapp.toml", "-f", "md"],
    },
    ("survey", "file"): {
        "missing folder": ["survey", "saknas/ny.toml", "--year", "2019"],
        "refuses to overwrite with --from": ["survey", "finns.toml", "--from", "svar.toml"],
    },
}
# A file name of the wrong kind is the command line's fault.
NAMES: dict[tuple[str, str], list[str]] = {
    ("compare-many", "output"): ["compare-many", "svar.toml", "-o", "x.pdf"],
    ("demo", "save"): ["demo", "--spara", "x.html"],
    ("questionnaires new", "output"): ["questionnaires", "new", "2027", "-o", "x.html"],
    ("report", "output"): ["report", "svar.toml", "-o", "rapport.pdf"],
    ("plan", "output"): ["plan", "svar.toml", "-o", "plan.pdf"],
    ("plan", "ics"): ["plan", "svar.toml", "--ics", "plan.txt"],
    ("survey", "file"): ["survey", "ny.html", "--year", "2019"],
}
EXTRA_INPUTS = {"questionnaires show", "questionnaires diff"}  # a year, or a questionnaire file


def file_parameters() -> set[tuple[str, str]]:
    """(command, parameter) for each file argument and option, read from the app's functions."""
    import typer.main

    from ojcli.cli import app

    found = set()
    root = typer.main.get_command(app)
    for path in command_paths():
        command = root
        for name in path:
            command = command.commands[name]  # type: ignore[attr-defined]
        callback = inspect.unwrap(command.callback)  # type: ignore[arg-type]
        for name, hint in typing.get_type_hints(callback).items():
            if Path in (hint, *typing.get_args(hint)) or hint == list[Path]:
                found.add((" ".join(path), name))
    return found


def test_every_file_parameter_has_its_cases() -> None:
    found = file_parameters()
    readers = {key for key in found if key[1] not in WRITES}
    writers = {key for key in found if key[1] in WRITES}
    assert readers | {k for k in INPUT if k[0] in EXTRA_INPUTS} == set(INPUT)
    assert writers | {("survey", "file")} == set(WRITE) == set(NAMES)
    assert {" ".join(c) for c in command_paths()} == set(USAGE)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "svar.toml").write_bytes(example_answers().read_bytes())
    (tmp_path / "svar.md").write_bytes(example_answers().read_bytes())  # an unlucky name
    (tmp_path / "enkat.toml").write_bytes(find_questionnaire(2019).read_bytes())
    (tmp_path / "mapp.toml").mkdir()
    (tmp_path / "finns.toml").write_text("någons egen fil\n", encoding="utf-8")
    if os.name != "nt":  # symbolic links need privileges on Windows
        (tmp_path / "slinga.toml").symlink_to("slinga2.toml")
        (tmp_path / "slinga2.toml").symlink_to("slinga.toml")
    return tmp_path


def _state(folder: Path) -> dict[str, bytes | None]:
    return {
        str(p.relative_to(folder)): None if p.is_dir() or p.is_symlink() else p.read_bytes()
        for p in sorted(folder.rglob("*"))
    }


def _cases_for_input() -> list[tuple[str, str, list[str]]]:
    cases = []
    for (command, parameter), args in INPUT.items():
        reads_questionnaire = parameter in QUESTIONNAIRE_PARAMETERS
        for situation, bad in BAD_INPUTS.items():
            if situation == "loop of links" and os.name == "nt":
                continue
            if situation == "answers as a questionnaire" and not reads_questionnaire:
                continue
            if situation == "questionnaire as answers" and reads_questionnaire:
                continue
            if command == "compare-many" and situation == "questionnaire as answers":
                continue  # a folder's questionnaire is used, not compared
            if command == "compare-many" and situation == "folder":
                continue  # a folder is where compare-many looks for files
            if (command, parameter) == ("survey", "file") and situation == "missing":
                continue  # a new answers file
            if (command, parameter) == ("validate", "files") and situation.startswith("quest"):
                continue  # validate checks either kind
            cases.append((f"{command} {parameter}: {situation}", bad, args))
    return cases


@pytest.mark.parametrize(
    ("case", "bad", "args"), _cases_for_input(), ids=[c[0] for c in _cases_for_input()]
)
def test_a_file_that_cannot_be_read_is_exit_code_3(
    runner: CliRunner, folder: Path, case: str, bad: str, args: list[str]
) -> None:
    before = _state(folder)
    code, text = invoke(runner, *[a.format(bad=bad) for a in args], input="")
    assert code == EXIT_INPUT, (case, text)
    assert _state(folder) == before


@pytest.mark.parametrize(
    ("case", "args"),
    [(f"{c} {p}: {s}", args) for (c, p), cases in WRITE.items() for s, args in cases.items()],
    ids=[f"{c} {p}: {s}" for (c, p), cases in WRITE.items() for s in cases],
)
def test_a_file_that_is_not_written_is_exit_code_4(
    runner: CliRunner, folder: Path, case: str, args: list[str]
) -> None:
    before = _state(folder)
    code, text = invoke(runner, *args, input="Kiruna\n")
    assert code == EXIT_WRITE, (case, text)
    assert _state(folder) == before  # what was there is untouched, nothing new


@pytest.mark.skipif(os.name == "nt", reason="named pipes are POSIX")
@pytest.mark.parametrize(("key", "args"), list(WRITE.items()), ids=[" ".join(k) for k in WRITE])
def test_a_pipe_in_the_way_is_exit_code_4_for_every_writer(
    runner: CliRunner, folder: Path, key: tuple[str, str], args: dict[str, list[str]]
) -> None:
    command = args["missing folder"]
    target = next(a for a in command if a.startswith("saknas/")).replace("saknas/", "")
    os.mkfifo(folder / target)
    code, text = invoke(
        runner,
        *[target if a.startswith("saknas/") else a for a in args["missing folder"]],
        input="Kiruna\n",
    )
    expected = EXIT_INPUT if key == ("survey", "file") else EXIT_WRITE  # survey reads it first
    assert code == expected, text


@pytest.mark.parametrize(("key", "args"), list(NAMES.items()), ids=[" ".join(k) for k in NAMES])
def test_a_name_of_the_wrong_format_is_exit_code_2(
    runner: CliRunner, folder: Path, key: tuple[str, str], args: list[str]
) -> None:
    before = _state(folder)
    code, text = invoke(runner, *args, input="Kiruna\n")
    assert code == EXIT_USAGE, (key, text)
    assert _state(folder) == before


USAGE = {" ".join(c): c for c in command_paths()}


@pytest.mark.parametrize("command", list(USAGE))
def test_an_unknown_option_is_exit_code_2_for_every_command(
    runner: CliRunner, folder: Path, command: str
) -> None:
    code, text = invoke(runner, *USAGE[command], "--okand-flagga")
    assert code == EXIT_USAGE, text


def test_the_readme_table_is_the_codes_the_cases_use() -> None:
    table = dict(re.findall(r"^\| (\d+) \| (.+) \|$", README.read_text(encoding="utf-8"), re.M))
    assert "Fel i kommandot" in table[str(EXIT_USAGE)]
    assert "ändelse" in table[str(EXIT_USAGE)]  # a file name of the wrong format
    assert "går inte att läsa" in table[str(EXIT_INPUT)]
    assert "fel slag" in table[str(EXIT_INPUT)]  # an answers file where a questionnaire goes
    assert "skriver inte över" in table[str(EXIT_WRITE)]  # a refusal to overwrite
    assert "orört" in table[str(EXIT_WRITE)]
