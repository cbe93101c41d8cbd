"""`validate` tells an answers file from a questionnaire by its content (issue 12).

A misspelt or miscased top-level name gets "menade du …?" with its line, an empty file its own
message, and neither gets the questionnaire's list of missing fields.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import invoke
from ojcli.files.loading import example_answers, find_questionnaire


@pytest.fixture
def example() -> str:
    return example_answers().read_text(encoding="utf-8")


def _validate(runner: CliRunner, path: Path) -> tuple[int, str]:
    before = path.read_bytes()
    code, output = invoke(runner, "validate", str(path))
    assert path.read_bytes() == before
    assert "saknas" not in output, "no list of missing fields of the wrong kind of file"
    return code, output


def test_meta_in_capitals_is_an_answers_file_with_a_hint(
    runner: CliRunner, tmp_path: Path, example: str
) -> None:
    path = tmp_path / "svar.toml"
    path.write_text(example.replace("[meta]", "[Meta]"), encoding="utf-8")
    line = example.splitlines().index("[meta]") + 1
    code, output = _validate(runner, path)
    assert code == 3
    assert f"Kunde inte läsa svarsfilen {path}" in output
    assert f"{path}:{line}: [Meta] – menade du [meta]? Namnen skrivs med små bokstäver." in output
    assert "enkätfilen" not in output


def test_a_misspelt_table_gets_the_name_it_was_meant_to_be(
    runner: CliRunner, tmp_path: Path, example: str
) -> None:
    path = tmp_path / "svar.toml"
    path.write_text(example.replace("[answers]", "[answer]"), encoding="utf-8")
    code, output = _validate(runner, path)
    assert code == 3
    assert "[answer] – menade du [answers]?" in output


def test_a_miscased_questionnaire_key_is_named_in_a_questionnaire(
    runner: CliRunner, tmp_path: Path
) -> None:
    text = find_questionnaire(2019).read_text(encoding="utf-8")
    path = tmp_path / "enkat.toml"
    path.write_text(text.replace("\nyear =", "\nYear =", 1), encoding="utf-8")
    code, output = _validate(runner, path)
    assert code == 3
    assert f"Kunde inte läsa enkätfilen {path}" in output
    assert "Year – menade du year?" in output


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ("", "filen är tom"),
        ("\n  \n", "filen är tom"),
        ("# bara en kommentar\n", "filen har inga värden, bara kommentarer"),
    ],
    ids=["empty", "blank", "comments"],
)
def test_an_empty_file_gets_its_own_message(
    runner: CliRunner, tmp_path: Path, content: str, said: str
) -> None:
    path = tmp_path / "svar.toml"
    path.write_text(content, encoding="utf-8")
    code, output = _validate(runner, path)
    assert code == 3
    assert said in output
    assert "enkätfilen" not in output


def test_a_file_of_neither_kind_says_so(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "annat.toml"
    path.write_text("namn = 1\n[tabell]\nx = 2\n", encoding="utf-8")
    code, output = _validate(runner, path)
    assert code == 3
    assert "det går inte att se om filen är en svarsfil" in output
    assert "filen har namn, [tabell]" in output


def test_an_answers_file_without_meta_is_still_an_answers_file(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "svar.toml"
    path.write_text('[answers]\nrattsfall = "ja"\n', encoding="utf-8")
    code, output = invoke(runner, "validate", str(path))
    assert code == 3
    assert f"Kunde inte läsa svarsfilen {path}" in output
    assert "meta: saknas" in output
