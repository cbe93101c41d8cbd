"""`validate` tells an answers file from a questionnaire by its content (issue 12).

A misspelt or miscased top-level name gets "menade du …?" with its line, an empty file its own
message, and neither gets the questionnaire's list of missing fields.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import invoke, invoke_raw
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
    assert f"Fel i svarsfilen {path}" in output
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
    assert f"Fel i enkätfilen {path}" in output
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
    assert f"Fel i svarsfilen {path}" in output
    assert "meta: saknas" in output


# --- the wrong kind of file where a command needs the other (issue 19, item 10) ---------------

Q2019 = str(find_questionnaire(2019))


@pytest.mark.parametrize(
    "command",
    [
        ["score", "{q}"],
        ["report", "{q}"],
        ["compare", "{q}", "{a}"],
        ["survey", "{q}"],
        ["survey", "{n}", "--from", "{q}", "--year", "2024"],
    ],
    ids=lambda c: " ".join(c[:1] + c[2:3] if c[0] == "survey" and len(c) > 2 else c[:1]),
)
def test_a_questionnaire_given_as_answers_is_said_in_one_line(
    runner: CliRunner, tmp_path: Path, command: list[str]
) -> None:
    args = [
        a.format(q=Q2019, a=str(example_answers()), n=str(tmp_path / "ny.toml")) for a in command
    ]
    code, output = invoke(runner, *args, input="")
    assert code == 3
    assert output == (  # the whole output: no field errors of the wrong kind of file
        f"{Q2019} är en enkätfil (oj-eb-2019), inte en svarsfil. Ange en svarsfil (den börjar "
        "med [meta]); en enkätfil anges med --enkat."
    )
    assert "saknas" not in output
    assert not (tmp_path / "ny.toml").exists()


@pytest.mark.parametrize(
    "command",
    [
        ["score", "{a}", "--enkat", "{a}"],
        ["questionnaires", "show", "{a}"],
        ["questionnaires", "diff", "2019", "{a}"],
        ["schema", "--enkat", "{a}"],
    ],
    ids=lambda c: " ".join(c[:2]),
)
def test_answers_given_as_a_questionnaire_are_said_in_one_line(
    runner: CliRunner, tmp_path: Path, command: list[str]
) -> None:
    answers = tmp_path / "svar.toml"
    answers.write_bytes(example_answers().read_bytes())
    code, output = invoke(runner, *[a.format(a=answers) for a in command])
    assert code == 3
    assert output == (
        f"{answers} är en svarsfil (till oj-eb-2019), inte en enkätfil. Ange en enkätfil: den "
        "har format_version, id, year och [[sections]]."
    )


def test_score_and_validate_say_the_same_of_meta_in_capitals(
    runner: CliRunner, tmp_path: Path, example: str
) -> None:
    path = tmp_path / "svar.toml"
    path.write_text(example.replace("[meta]", "[Meta]"), encoding="utf-8")
    said = {command: invoke(runner, command, str(path)) for command in ("validate", "score")}
    assert said["validate"] == said["score"]
    assert said["score"][0] == 3
    assert "[Meta] – menade du [meta]? Namnen skrivs med små bokstäver." in said["score"][1]


def test_compare_many_uses_the_folders_questionnaire_without_comparing_it(
    runner: CliRunner, tmp_path: Path
) -> None:
    import json

    (tmp_path / "svar.toml").write_bytes(example_answers().read_bytes())
    (tmp_path / "oj-eb-2019.toml").write_bytes(Path(Q2019).read_bytes())  # used, not compared
    code, output = invoke_raw(runner, "compare-many", str(tmp_path), "-f", "json")
    assert code == 0, output
    assert json.loads(output)["files"] == 1
