"""The one rule for a file a command writes (`ojcli.files.targets`): its name says its format,
and nothing but a regular file is ever replaced. Issue 19, items 3, 4 and 5."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import invoke
from ojcli.errors import EXIT_INPUT, EXIT_USAGE, EXIT_WRITE, WriteError
from ojcli.files.loading import example_answers
from ojcli.files.storage import write_atomic, write_new

EXAMPLE = str(example_answers())
POSIX = pytest.mark.skipif(os.name == "nt", reason="named pipes and links are POSIX here")


def _group(tmp_path: Path) -> str:
    folder = tmp_path / "grupp"
    folder.mkdir()
    (folder / "kiruna.toml").write_bytes(Path(EXAMPLE).read_bytes())
    return str(folder)


# Each command that writes a file, with `{}` where the file's name goes.
WRITERS = {
    "report": ["report", EXAMPLE, "-o", "{}"],
    "compare-many": ["compare-many", "GROUP", "-o", "{}"],
    "questionnaires new": ["questionnaires", "new", "2027", "-o", "{}"],
    "demo": ["demo", "--spara", "{}"],
    "survey": ["survey", "{}", "--year", "2019", "-k", "Kiruna", "-e", "", "-u", ""],
    "plan --ics": ["plan", EXAMPLE, "--ics", "{}"],
}


def _args(command: str, target: Path, tmp_path: Path, *more: str) -> list[str]:
    args = [a.replace("{}", str(target)) for a in WRITERS[command]]
    return [_group(tmp_path) if a == "GROUP" else a for a in args] + list(more)


def _left(tmp_path: Path) -> list[str]:
    return sorted(p.name for p in tmp_path.iterdir() if p.name != "grupp")


# --- item 3: the name says the format ---------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "name", "more", "said"),
    [
        ("report", "rapport.pdf", [], "ojcli skriver inte PDF. Gör en HTML-fil (-o {}.html)"),
        ("report", "rapport", [], "har ingen ändelse"),
        ("report", "rapport", ["--format", "md"], "slutar på .md eller .markdown: t.ex. {}.md"),
        ("report", "rapport.txt", ["--format", "html"], "men formatet är html"),
        ("report", "rapport.docx", [], "slutar på .docx; ojcli skriver rapporter bara till"),
        ("compare-many", "län.pdf", [], "skriv ut den som PDF"),
        ("compare-many", "län", ["--format", "csv"], "har ingen ändelse"),
        (
            "questionnaires new",
            "x.html",
            [],
            "ojcli skriver enkätfiler bara till filer som slutar på .toml: t.ex. {}.toml",
        ),
        ("demo", "x.html", [], "ojcli skriver svarsfiler bara till filer som slutar på .toml"),
        ("demo", "x", [], "har ingen ändelse"),
        ("survey", "svar.html", [], "ojcli skriver svarsfiler bara till filer som slutar på .toml"),
    ],
)
def test_a_file_is_written_only_under_a_name_of_its_format(
    runner: CliRunner, tmp_path: Path, command: str, name: str, more: list[str], said: str
) -> None:
    target = tmp_path / name
    code, text = invoke(runner, *_args(command, target, tmp_path, *more), input="Kiruna\n")
    assert code == EXIT_USAGE, text
    assert said.replace("{}", str(target.with_suffix(""))) in text
    assert "Kommun" not in text  # survey refuses before asking anything
    assert _left(tmp_path) == []


@pytest.mark.parametrize("command", ["questionnaires new", "demo"])
def test_a_toml_name_is_written(runner: CliRunner, tmp_path: Path, command: str) -> None:
    target = tmp_path / "ny.TOML"  # the suffix in any case
    code, text = invoke(runner, *_args(command, target, tmp_path))
    assert code == 0, text
    assert target.is_file()


# --- item 4: nothing but a regular file is replaced -------------------------------------------


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _device(path: Path) -> Path:
    """A character device of our own making: the null device's numbers, in a temp folder."""
    try:
        os.mknod(path, 0o600 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("creating a device node needs root")
    return path


@POSIX
@pytest.mark.parametrize("make", [_fifo, _device], ids=["fifo", "device"])
@pytest.mark.parametrize(
    ("command", "suffix", "code"),
    [
        ("report", ".md", EXIT_WRITE),
        ("compare-many", ".csv", EXIT_WRITE),
        ("questionnaires new", ".toml", EXIT_WRITE),
        ("demo", ".toml", EXIT_WRITE),
        ("survey", ".toml", EXIT_INPUT),  # an answers file to read: as every command reads it
        ("plan --ics", ".ics", EXIT_WRITE),
    ],
)
def test_a_pipe_or_a_device_is_never_replaced(
    runner: CliRunner, tmp_path: Path, make: object, command: str, suffix: str, code: int
) -> None:
    assert callable(make)
    target = make(tmp_path / f"ut{suffix}")
    before = os.lstat(target)
    got, text = invoke(runner, *_args(command, target, tmp_path), input="Kiruna\n")
    assert got == code, text
    kind = "en namngiven pipe (FIFO)" if make is _fifo else "en enhet"
    assert f"det är {kind}" in text
    after = os.lstat(target)
    assert (after.st_mode, after.st_ino, after.st_rdev) == (
        before.st_mode,
        before.st_ino,
        before.st_rdev,
    )
    assert _left(tmp_path) == ["ut" + suffix]  # no temporary file, no lock left


@POSIX
def test_the_report_says_how_to_write_to_a_pipe_instead(runner: CliRunner, tmp_path: Path) -> None:
    target = _fifo(tmp_path / "ut.md")
    code, text = invoke(runner, "report", EXAMPLE, "-o", str(target))
    assert code == EXIT_WRITE
    assert "ojcli ersätter bara vanliga filer. Den är orörd." in text
    assert "låt bli -o: då skrivs det till skärmen" in text


@POSIX
def test_the_calendar_is_not_told_to_go_to_the_screen(runner: CliRunner, tmp_path: Path) -> None:
    # A calendar has no way to standard output: `--ics` onto a pipe is told to name a file.
    target = _fifo(tmp_path / "plan.ics")
    code, text = invoke(runner, "plan", EXAMPLE, "--ics", str(target))
    assert code == EXIT_WRITE
    assert "Den är orörd. Ange ett annat filnamn." in text
    assert "låt bli -o" not in text


@POSIX
def test_a_report_is_not_written_through_a_link(runner: CliRunner, tmp_path: Path) -> None:
    # A link named with -o could point at any file (another unit's answers, a system file).
    kept = tmp_path / "någons.md"
    kept.write_text("någons egen text\n", encoding="utf-8")
    link = tmp_path / "rapport.md"
    link.symlink_to(kept)
    code, text = invoke(runner, "report", EXAMPLE, "-o", str(link))
    assert code == EXIT_WRITE
    assert "det är en symbolisk länk, och ojcli skriver inte genom länkar" in text
    assert kept.read_text(encoding="utf-8") == "någons egen text\n"
    assert link.is_symlink()


@POSIX
@pytest.mark.parametrize("writer", [write_atomic, write_new])
def test_the_writers_themselves_never_replace_a_pipe(tmp_path: Path, writer: object) -> None:
    # The guarantee is where files are written, not only in the commands' early check.
    assert callable(writer)
    target = _fifo(tmp_path / "ut.md")
    link = tmp_path / "länk.md"
    link.symlink_to(target)  # write_atomic writes through links: to what they point at
    for path in (target, link):
        with pytest.raises(WriteError, match=r"det är en namngiven pipe|finns redan"):
            writer(path, b"text")
    assert stat.S_ISFIFO(os.lstat(target).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["länk.md", "ut.md"]


@POSIX
@pytest.mark.parametrize("command", ["score", "validate", "report", "survey", "plan"])
def test_a_pipe_is_refused_as_input_without_waiting_for_it(tmp_path: Path, command: str) -> None:
    target = _fifo(tmp_path / "svar.toml")
    done = subprocess.run(
        [sys.executable, "-m", "ojcli", command, str(target)],
        capture_output=True,
        text=True,
        timeout=60,  # on a pipe nobody writes to, a plain read waits for ever
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert done.returncode == EXIT_INPUT, done.stderr
    assert "det är en namngiven pipe (FIFO), inte en fil" in done.stderr
    assert "Traceback" not in done.stderr


@POSIX
@pytest.mark.parametrize("command", ["score", "compare-many"])
def test_a_pipe_beside_the_answers_is_not_waited_for(tmp_path: Path, command: str) -> None:
    # ojcli looks among the .toml files beside the answers for their questionnaire; a named
    # pipe there made `score` wait for ever.
    answers = tmp_path / "svar.toml"
    answers.write_bytes(Path(EXAMPLE).read_bytes())
    _fifo(tmp_path / "zz.toml")
    done = subprocess.run(
        [sys.executable, "-m", "ojcli", command, str(answers)],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Exempelkommun" in done.stdout


# --- item 5: links that lead nowhere -----------------------------------------------------------


@POSIX
def test_survey_refuses_a_loop_of_links_before_asking_anything(
    runner: CliRunner, tmp_path: Path
) -> None:
    one, two = tmp_path / "a.toml", tmp_path / "b.toml"
    one.symlink_to(two)
    two.symlink_to(one)
    code, text = invoke(runner, "survey", str(one), "--year", "2019", input="Kiruna\n")
    assert code == EXIT_INPUT
    assert f"Kunde inte läsa svarsfilen {one}" in text
    assert "de symboliska länkarna går i en slinga" in text
    assert "Kommun" not in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.toml", "b.toml"]


@POSIX
def test_survey_refuses_a_link_to_nothing(runner: CliRunner, tmp_path: Path) -> None:
    link = tmp_path / "svar.toml"
    link.symlink_to(tmp_path / "borta.toml")
    code, text = invoke(runner, "survey", str(link), "--year", "2019", input="Kiruna\n")
    assert code == EXIT_INPUT
    assert "symbolisk länk till" in text
    assert "Kommun" not in text
    assert not (tmp_path / "borta.toml").exists()


def test_survey_refuses_a_missing_folder_before_asking_anything(
    runner: CliRunner, tmp_path: Path
) -> None:
    target = tmp_path / "saknas" / "svar.toml"
    code, text = invoke(runner, "survey", str(target), "--year", "2019", input="Kiruna\n")
    assert code == EXIT_WRITE
    assert f"mappen {target.parent} finns inte" in text
    assert "Kommun" not in text


def test_a_typed_file_name_follows_the_same_rule(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, text = invoke(
        runner,
        "survey",
        "--year",
        "2019",
        "-k",
        "Kiruna",
        "-e",
        "",
        "-u",
        "",
        input="svar.pdf\n\nq\n",
    )
    assert code == 0, text
    assert (
        "Filen svar.pdf slutar på .pdf; ojcli skriver svarsfiler bara till filer som slutar på .toml"
        in text
    )
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".toml") == [
        "svar-2584-2019.toml"
    ]
