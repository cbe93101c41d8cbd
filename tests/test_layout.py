"""Terminal layout that holds at every width (issue 13), through the CLI as piped output.

For `questionnaires show`, `questionnaires diff`, `compare` and `compare-many` at COLUMNS 40–200:
no line ends in a blank, no line is wider than the terminal, every date is printed whole (never
split at a hyphen), and a wrapped line keeps the indent of the line it continues (hanging under
the text after a marker such as "12." or "+").
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import invoke_raw
from ojcli.files.loading import example_answers
from ojcli.terminal import console

SNAPSHOT_INPUT = Path(__file__).parent / "snapshots" / "blandat-2024.toml"
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# A line that starts with one of these hangs the rest of its text after it.
MARKER = re.compile(r"^(?:Not:|Källa:|Gammal:|Ny:)\s|^\s*(?:\d+\.|[+−~=]|[✓✗?–\s] → [✓✗?–\s])\s")
_WIDE: dict[tuple[str, ...], list[str]] = {}


@contextmanager
def columns(width: int) -> Iterator[None]:
    """The terminal width for the next commands (the consoles read it when made)."""
    before = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = str(width)
    console.out.cache_clear()
    console.err.cache_clear()
    try:
        yield
    finally:
        if before is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = before
        console.out.cache_clear()
        console.err.cache_clear()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("layout")
    old = folder / "gammal.toml"
    shutil.copy(SNAPSHOT_INPUT, old)
    new = folder / "ny.toml"
    text = SNAPSHOT_INPUT.read_text(encoding="utf-8")
    new.write_text(
        text.replace('rutin_vald = "ja"', 'rutin_vald = "nej"').replace("2021-06-30", "2023-06-30"),
        encoding="utf-8",
    )
    many = folder / "manga"
    many.mkdir()
    for path in (old, new, example_answers()):
        shutil.copy(path, many / path.name)
    return {"old": old, "new": new, "many": many}


def commands(inputs: dict[str, Path]) -> dict[str, list[str]]:
    return {
        "show 2019": ["questionnaires", "show", "2019"],
        "show 2024": ["questionnaires", "show", "2024"],
        "diff": ["questionnaires", "diff", "2023", "2024"],
        "compare": ["compare", str(inputs["old"]), str(inputs["new"])],
        "compare-many": ["compare-many", str(inputs["many"])],
    }


def run(args: list[str], width: int) -> list[str]:
    if width == 1000 and tuple(args) in _WIDE:  # unwrapped: the same for every example
        return _WIDE[tuple(args)]
    with columns(width):
        code, out = invoke_raw(CliRunner(), *args)
    assert code == 0, out
    if width == 1000:
        _WIDE[tuple(args)] = out.splitlines()
    return out.splitlines()


def indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def check_hanging(wide: list[str], narrow: list[str]) -> None:
    """Map each narrow line to the wide (unwrapped) line it belongs to and check its indent."""
    rest = iter(narrow)
    for logical in wide:
        want = "".join(logical.split())
        first = next(rest)
        assert indent(first) == indent(logical), (first, logical)
        got = "".join(first.split())
        marker = MARKER.match(logical)
        text_starts = len(marker.group()) if marker else indent(logical)
        while got != want:
            assert want.startswith(got), (got, want)
            line = next(rest)
            assert indent(line) >= text_starts, f"{line!r} continues {logical!r}"
            got += "".join(line.split())


@settings(max_examples=10)
@given(width=st.integers(min_value=40, max_value=200))
@pytest.mark.parametrize("name", ["show 2019", "show 2024", "diff", "compare", "compare-many"])
def test_lines_have_no_trailing_blanks_fit_and_keep_dates_whole(
    inputs: dict[str, Path], name: str, width: int
) -> None:
    args = commands(inputs)[name]
    lines = run(args, width)
    for line in lines:
        assert line == line.rstrip(), f"trailing blank: {line!r}"
        assert len(line) <= width, line
        assert not re.match(r"\s*-?\d{2}-\d{2}\b", line), f"a split date: {line!r}"
    wide = "\n".join(run(args, 1000))
    assert DATE.findall("\n".join(lines)) == DATE.findall(wide)


@settings(max_examples=10)
@given(width=st.integers(min_value=40, max_value=200))
@pytest.mark.parametrize("name", ["show 2019", "show 2024", "diff", "compare"])
def test_wrapped_lines_keep_their_indent(inputs: dict[str, Path], name: str, width: int) -> None:
    args = commands(inputs)[name]
    wide, narrow = run(args, 1000), run(args, width)
    if name == "compare":  # the table of changed answers wraps inside its columns
        wide = wide[: next(i for i, line in enumerate(wide) if line.startswith("Ändrade svar"))]
    check_hanging(wide, narrow)


def test_a_question_wraps_under_its_text_not_under_its_number(inputs: dict[str, Path]) -> None:
    lines = run(["questionnaires", "show", "2019"], 50)
    start = next(i for i, line in enumerate(lines) if re.match(r"\s*2\. ", line))
    assert lines[start].startswith(" 2. Finns")
    assert lines[start + 1].startswith("    ")
    assert lines[start + 1][4] != " "
