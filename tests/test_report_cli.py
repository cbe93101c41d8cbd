"""`ojcli report` and the report side of `ojcli score`, through the real command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ojcli.cli import app
from ojcli.errors import EXIT_USAGE, EXIT_WRITE
from ojcli.files.loading import example_answers

SNAPSHOTS = Path(__file__).parent / "snapshots"
EXAMPLE = str(example_answers())


def test_report_writes_markdown_to_stdout_by_default(runner: CliRunner) -> None:
    result = runner.invoke(app, ["report", EXAMPLE])
    assert result.exit_code == 0, result.output
    assert result.stdout == (SNAPSHOTS / "exempel-2019.report.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "options", "snapshot"),
    [
        ("rapport.html", [], "exempel-2019.report.html"),
        ("rapport.csv", [], "exempel-2019.report.csv"),
        ("rapport.json", [], "exempel-2019.report.json"),
        ("rapport.md", [], "exempel-2019.report.md"),
        ("rapport.htm", ["--format", "html"], "exempel-2019.report.html"),
        ("svar.html", ["--answers"], "exempel-2019.answers.html"),
        ("svar.csv", ["--answers"], "exempel-2019.answers.csv"),
    ],
)
def test_output_file_gets_the_format_its_name_says(
    runner: CliRunner, tmp_path: Path, name: str, options: list[str], snapshot: str
) -> None:
    target = tmp_path / name
    result = runner.invoke(app, ["report", EXAMPLE, "-o", str(target), *options])
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == (SNAPSHOTS / snapshot).read_bytes()
    assert result.stdout == ""
    assert f"i {target}" in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == [name]  # no temporary file left behind


def test_output_replaces_an_earlier_report(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "rapport.md"
    target.write_text("gammal rapport\n", encoding="utf-8")
    result = runner.invoke(app, ["report", EXAMPLE, "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith("# Öppna jämförelser")


def test_report_refuses_to_overwrite_the_answers_file(runner: CliRunner, tmp_path: Path) -> None:
    answers = tmp_path / "svar.md"  # an answers file with an unlucky name
    answers.write_bytes(Path(EXAMPLE).read_bytes())
    before = answers.read_bytes()
    result = runner.invoke(app, ["report", str(answers), "-o", str(answers)])
    assert result.exit_code == EXIT_WRITE
    assert "det är svarsfilen själv" in result.stderr
    assert answers.read_bytes() == before


def test_report_refuses_toml_targets(runner: CliRunner, tmp_path: Path) -> None:
    other = tmp_path / "annan-kommun.toml"
    other.write_text("# en annan kommuns svar\n", encoding="utf-8")
    result = runner.invoke(app, ["report", EXAMPLE, "-o", str(other), "--format", "md"])
    assert result.exit_code == EXIT_USAGE
    assert f"Filen {other} slutar på .toml, men formatet är md." in result.stderr
    assert other.read_text(encoding="utf-8") == "# en annan kommuns svar\n"


@pytest.mark.skipif(os.name == "nt", reason="symlinks need privileges on Windows")
@pytest.mark.parametrize("command", ["report", "compare-many"])
def test_reports_are_not_written_through_a_symlink(
    runner: CliRunner, tmp_path: Path, command: str
) -> None:
    # A link planted in a shared folder must not make ojcli overwrite the file it points to.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    victim = elsewhere / "viktig.md"
    victim.write_text("orörd\n", encoding="utf-8")
    link = tmp_path / "rapport.md"
    link.symlink_to(victim)
    result = runner.invoke(app, [command, EXAMPLE, "-o", str(link)])
    assert result.exit_code == EXIT_WRITE
    assert "symbolisk länk" in result.stderr
    assert victim.read_text(encoding="utf-8") == "orörd\n"
    assert link.is_symlink()


@pytest.mark.parametrize("command", ["report", "compare-many"])
def test_a_folder_and_a_missing_folder_are_refused(
    runner: CliRunner, tmp_path: Path, command: str
) -> None:
    result = runner.invoke(app, [command, EXAMPLE, "-o", str(tmp_path), "--format", "md"])
    assert result.exit_code == EXIT_WRITE
    assert f"Kunde inte skriva {tmp_path}: det är en mapp" in result.stderr
    missing = tmp_path / "finns-inte" / "rapport.html"
    result = runner.invoke(app, [command, EXAMPLE, "-o", str(missing)])
    assert result.exit_code == EXIT_WRITE
    assert f"mappen {missing.parent} finns inte" in result.stderr
    assert not missing.parent.exists()  # no folder is created behind the user's back


@pytest.mark.parametrize("command", ["report", "compare-many"])
def test_a_markdown_suffix_means_markdown(runner: CliRunner, tmp_path: Path, command: str) -> None:
    target = tmp_path / "ut.markdown"
    result = runner.invoke(app, [command, EXAMPLE, "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith("# ")


def test_report_refuses_a_format_that_contradicts_the_file_name(
    runner: CliRunner, tmp_path: Path
) -> None:
    result = runner.invoke(
        app, ["report", EXAMPLE, "-o", str(tmp_path / "r.html"), "--format", "csv"]
    )
    assert result.exit_code == EXIT_USAGE
    assert "slutar på .html, men formatet är csv" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_report_rejects_an_unknown_format(runner: CliRunner) -> None:
    result = runner.invoke(app, ["report", EXAMPLE, "--format", "pdf"])
    assert result.exit_code == EXIT_USAGE


def test_report_per_moves_the_reference_date(runner: CliRunner) -> None:
    result = runner.invoke(app, ["report", EXAMPLE, "--format", "json", "--per", "2018-06-01"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["reference_date"] == "2018-06-01"
    assert data["questionnaire"]["reference_date"] == "2019-03-01"


def test_report_on_a_broken_file_is_an_input_error(runner: CliRunner, tmp_path: Path) -> None:
    broken = tmp_path / "svar.toml"
    broken.write_text("[meta\n", encoding="utf-8")
    result = runner.invoke(app, ["report", str(broken)])
    assert result.exit_code == 3
    assert "Traceback" not in result.output


def test_report_help_shows_formats_and_examples(runner: CliRunner) -> None:
    result = runner.invoke(app, ["report", "--help"])
    assert result.exit_code == 0
    for word in ("--format", "--answers", "-o", "md", "html", "json", "csv", "Exempel"):
        assert word in result.stdout


def test_score_json_is_the_report_json(runner: CliRunner) -> None:
    score = runner.invoke(app, ["score", EXAMPLE, "--format", "json"])
    report = runner.invoke(app, ["report", EXAMPLE, "--format", "json"])
    assert score.exit_code == report.exit_code == 0
    assert score.stdout == report.stdout


def test_score_shows_a_bar_per_theme(runner: CliRunner) -> None:
    result = runner.invoke(app, ["score", EXAMPLE])
    assert result.exit_code == 0, result.output
    # Column widths follow the longest cell; the row's content is what a person reads.
    lines = [" ".join(line.split()) for line in result.stdout.splitlines()]
    assert "Våld i nära relationer ███████░░░ 67 % (2 av 3) ██████░░░░ 58 %" in lines
    assert (
        "Självförsörjning och ████░░░░░░ 43 % (6 av 14) █████░░░░░ 49 % (2016–2017; 3 av 14 kända)"
        in lines
    )
    assert "medelvärdet av andelarna i riket" in " ".join(result.stdout.split())


@pytest.mark.parametrize("flag", [["--only", "unmet"], ["--only-unmet"]])
def test_score_only_unmet_hides_met_indicators(runner: CliRunner, flag: list[str]) -> None:
    result = runner.invoke(app, ["score", EXAMPLE, *flag])
    assert result.exit_code == 0, result.output
    assert "✓ Uppfylld" not in result.stdout
    assert "✗ Ej uppfylld" in result.stdout
    assert "? Ofullständig" in result.stdout
    assert "Per tema" in result.stdout  # the overview stays


def test_score_only_accepts_unmet_and_hides_the_old_flag(runner: CliRunner) -> None:
    result = runner.invoke(app, ["score", EXAMPLE, "--only", "met"])
    assert result.exit_code == EXIT_USAGE
    assert "--only unmet" in result.stderr
    help_text = runner.invoke(app, ["score", "--help"]).stdout
    assert "--only" in help_text
    assert "--only-unmet" not in help_text


def test_the_report_command_loads_nothing_heavy_at_start_up() -> None:
    # The command's own module, as it is imported when `ojcli report` runs (cli/app.py).
    code = "import ojcli.cli.report, sys; print('\\n'.join(sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    modules = set(out.split())
    assert "ojcli.cli.report" in modules
    heavy = {"ojcli.report.model", "ojcli.report.one.html", "ojcli.report.one.csv", "ojcli.scoring"}
    assert not heavy & modules
