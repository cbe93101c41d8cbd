"""What the README says about the tool is what the tool does (issue 19, item 18)."""

from __future__ import annotations

import re
import typing
from pathlib import Path

from typer.testing import CliRunner

from conftest import invoke
from ojcli.cli._options import SurveyYearOption

README = Path(__file__).resolve().parents[1] / "README.md"


def readme() -> str:
    return README.read_text(encoding="utf-8")


def test_preparation_is_the_first_table_of_a_prepared_file_as_the_readme_says(
    runner: CliRunner, tmp_path: Path
) -> None:
    target = tmp_path / "oj-eb-2027.toml"
    code, out = invoke(runner, "questionnaires", "new", "2027", "-o", str(target))
    assert code == 0, out
    tables = re.findall(r"^\[\[?([\w.]+)\]\]?$", target.read_text(encoding="utf-8"), re.M)
    assert tables[0] == "preparation", tables[:3]
    said = re.search(r"Överst i filen,?(.*?)står tabellen `\[preparation\]`", readme(), re.S)
    assert said is not None


def test_the_readme_gives_the_survey_year_default_the_help_gives() -> None:
    option = typing.get_args(SurveyYearOption)[1]
    help_default = re.search(r"\(standard: (.+?)\)", option.help)
    assert help_default is not None
    defaults = re.findall(r"`--year` \(standard: (.+?)\)", readme())
    assert defaults, "the README no longer says what --year defaults to"
    assert set(defaults) == {help_default[1]}


def test_pipx_ensurepath_is_given_for_linux_macos_and_windows() -> None:
    text = readme()
    blocks = re.findall(r"```(bash|powershell)\n(.*?)```", text, re.S)
    bash = [b for kind, b in blocks if kind == "bash" and "ensurepath" in b]
    powershell = [b for kind, b in blocks if kind == "powershell" and "ensurepath" in b]
    assert bash
    assert powershell
    lines = bash[0].splitlines()
    for platform, installer in (("Debian", "apt install pipx"), ("macOS", "brew install pipx")):
        line = next(line for line in lines if platform in line)
        assert installer in line
        assert "pipx ensurepath" in line
    assert "py -m pipx ensurepath" in powershell[0]
