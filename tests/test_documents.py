"""Documents for management and the committee name no command or option (issue 13).

Every format of `ojcli report` (results and answer sheet, with and without `--per`) and every
file format of `ojcli compare-many` (including the list of files that could not be read, whose
loader messages carry hints such as "ojcli questionnaires show 2019") is scanned for option
syntax ("--per") and for a command ("ojcli survey"). The terminal keeps its hints.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from conftest import invoke_raw
from ojcli.cli import app
from ojcli.files.loading import example_answers

SNAPSHOT_INPUT = Path(__file__).parent / "snapshots" / "blandat-2024.toml"


def _command_names() -> list[str]:
    info = typer.main.get_command(app)
    return sorted(info.commands)  # type: ignore[attr-defined]


COMMAND_SYNTAX = re.compile(
    rf"(?<![-|:])--[a-z][a-z-]*|\bojcli (?:{'|'.join(map(re.escape, _command_names()))})\b"
)


def command_syntax(text: str) -> list[str]:
    return [m.group() for m in COMMAND_SYNTAX.finditer(text)]


def test_the_scanner_finds_the_hints_the_terminal_keeps(runner: CliRunner) -> None:
    code, out = invoke_raw(runner, "score", str(example_answers()))
    assert code == 0
    assert "--per" in command_syntax(out)


@pytest.mark.parametrize("per", [None, "2019-06-01"])
@pytest.mark.parametrize("answers", [False, True], ids=["report", "answer-sheet"])
@pytest.mark.parametrize("fmt", ["md", "html", "csv", "json"])
@pytest.mark.parametrize("source", ["exempel-2019", "blandat-2024"])
def test_reports_name_no_command(
    runner: CliRunner, source: str, fmt: str, answers: bool, per: str | None
) -> None:
    path = example_answers() if source == "exempel-2019" else SNAPSHOT_INPUT
    args = ["report", str(path), "--format", fmt]
    if answers:
        args.append("--answers")
    if per:
        args += ["--per", per]
    code, out = invoke_raw(runner, *args)
    assert code == 0, out
    assert command_syntax(out) == []


@pytest.fixture
def folder_with_a_broken_file(tmp_path: Path) -> Path:
    folder = tmp_path / "filer"
    folder.mkdir()
    shutil.copy(example_answers(), folder / "kiruna.toml")
    example = example_answers().read_text(encoding="utf-8")
    # A decision on an unknown indicator id that resembles none: its message ends with a
    # command to run.
    plan = '\n[plan.helt_okand_indikator]\ndecision = "no_action"\n'
    (folder / "trasig.toml").write_text(example + plan, encoding="utf-8")
    # An answer under an unknown question id is kept and noted, never with a command either.
    (folder / "okand.toml").write_text(
        example.replace("[answers]", '[answers]\nhelt_okand_nyckel = "ja"'), encoding="utf-8"
    )
    return folder


@pytest.mark.parametrize("fmt", ["md", "html", "csv", "xlsx"])
def test_compare_many_documents_name_no_command(
    runner: CliRunner, folder_with_a_broken_file: Path, fmt: str
) -> None:
    target = folder_with_a_broken_file.parent / f"jamforelse.{fmt}"
    code, out = invoke_raw(
        runner, "compare-many", str(folder_with_a_broken_file), "--format", fmt, "-o", str(target)
    )
    assert code == 1, out  # one file could not be used
    if fmt == "xlsx":
        from openpyxl import load_workbook

        book = load_workbook(target, read_only=True)
        text = "\n".join(
            str(value)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        )
    else:
        text = target.read_text(encoding="utf-8-sig")
    if fmt != "csv":  # the CSV has no list of failed files, nor notes
        assert "finns inte i enkäten 2019." in text  # the failure is reported, not the hint
        said = "finns inte i enkäten 2019: svaret står kvar i svarsfilen men räknas inte."
        assert said in " ".join(text.split())  # the unknown question's note
    assert command_syntax(text) == []
    # The terminal still says it: the message as the loader wrote it.
    assert "ojcli questionnaires show 2019" in " ".join(out.split())
