"""Safe by construction: crafted questionnaire and answers files cannot run code, read or write elsewhere."""

from __future__ import annotations

import textwrap
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import ojcli.files.loading
from conftest import invoke_raw
from ojcli.errors import LoadError
from ojcli.files.loading import load_answers, load_questionnaire

PAYLOAD = "__import__('os').system('touch PWNED')"

CRAFTED = """\
format_version = 1
id = "crafted-2024"
year = 2024
title = "Enkät {{title}} [bold red]ROD[/] $(touch PWNED)"
reference_date = 2024-03-01
themes = [{{ id = "t", title = "Tema" }}]

[[sections]]
id = "s"
title = "Avsnitt {{0.__class__}}"
[[sections.questions]]
id = "rutin_vald"
type = "yes_no"
text = "Finns {PAYLOAD}? [link=file:///etc/passwd]länk[/link]"
help = "{{{{7*7}}}} ${{HOME}} `id`"
[[sections.questions]]
id = "kommentar"
type = "text"
text = "Skriv något"
required = false

[[indicators]]
id = "rutin"
title = "Rutin"
theme = "t"
advice = "Ta fram en rutin."
rule = {rule}
"""


def crafted(rule: str = '{ question = "rutin_vald", equals = "ja" }') -> str:
    return CRAFTED.format(PAYLOAD=PAYLOAD, rule=rule)


def files_under(folder: Path) -> set[Path]:
    """Every file below a folder, except the test run's questionnaire cache."""
    return {p for p in folder.rglob("*") if p.is_file() and "ojcli-cache" not in str(p)}


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A working folder inside tmp_path; anything a payload made would land in one of the two."""
    folder = tmp_path / "arbete"
    folder.mkdir()
    monkeypatch.chdir(folder)
    yield folder
    assert not list(tmp_path.rglob("PWNED")), "a payload ran"


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (f'{{ question = "{PAYLOAD}", equals = "ja" }}', "finns inte"),
        ('{ question = "rutin_vald", equals = "ja", eval = "print(1)" }', "okänt fält"),
        (f'{{ python = "{PAYLOAD}" }}', "regeln ska ha exakt en av nycklarna"),
        ('{ question = "rutin_vald", compare = "__import__", value = 1 }', "ska vara en av"),
        ("\"rutin_vald == 'ja'\"", "regeln ska ha exakt en av nycklarna"),
    ],
)
def test_a_rule_that_looks_like_code_is_rejected_as_data(
    runner: CliRunner, work: Path, rule: str, expected: str
) -> None:
    path = work / "crafted.toml"
    path.write_text(crafted(rule), encoding="utf-8")
    with pytest.raises(LoadError) as info:
        load_questionnaire(path)
    assert expected in " ".join(str(info.value).split())
    code, output = invoke_raw(runner, "validate", str(path))
    assert code == 3
    assert expected in " ".join(output.split())


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('id = "rutin_vald"', 'id = "../../etc/passwd"'),
        ('id = "rutin_vald"', f'id = "{PAYLOAD}"'),
        ('id = "s"', 'id = "s/../../x"'),
        ('id = "crafted-2024"', 'id = "../crafted"'),
    ],
)
def test_ids_that_look_like_paths_or_code_are_rejected(work: Path, old: str, new: str) -> None:
    path = work / "crafted.toml"
    path.write_text(crafted().replace(old, new, 1), encoding="utf-8")
    with pytest.raises(LoadError, match="har fel form"):
        load_questionnaire(path)


def test_crafted_text_is_shown_literally_and_runs_nothing(
    runner: CliRunner, work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = work / "crafted.toml"
    path.write_text(crafted(), encoding="utf-8")
    monkeypatch.setattr(
        ojcli.files.loading, "find_questionnaire", lambda key=None, beside=None: path
    )
    args = ["survey", "svar.toml", "--kommun", "Kiruna", "--enhet", "", "-u", ""]
    code, output = invoke_raw(runner, *args, input="?\nja\n{0.__class__} $(id)\n\n")
    assert code == 0, output
    flat = " ".join(output.split())
    assert f"Finns {PAYLOAD}? [link=file:///etc/passwd]länk[/link]" in flat  # markup not applied
    assert "{{7*7}} ${HOME} `id`" in flat
    assert "root:" not in output  # /etc/passwd was not read
    # The schema the answers file points editors at (issue 13) is named by the year, not by data.
    assert files_under(work) == {path, work / "svar.toml", work / "ojcli-svar-2024.schema.json"}
    answers, _ = load_answers(work / "svar.toml")
    assert answers.answers == {"rutin_vald": "ja", "kommentar": "{0.__class__} $(id)"}


@pytest.mark.parametrize(
    "reference",
    [
        "../hemlig",
        "../hemlig.toml",
        "hemlig.toml",
        "{work}/hemlig.toml",
        "..\\\\hemlig",
        "C:hemlig",
        "/etc/passwd",
    ],
)
def test_an_answers_file_cannot_make_ojcli_read_another_file(
    runner: CliRunner, work: Path, monkeypatch: pytest.MonkeyPatch, reference: str
) -> None:
    secret = work / "hemlig.toml"
    secret.write_text(crafted().replace("crafted-2024", "HEMLIGT-INNEHALL"), encoding="utf-8")
    (work.parent / "hemlig.toml").write_text(secret.read_text(encoding="utf-8"), encoding="utf-8")
    opened: list[Path] = []
    real = ojcli.files.loading.load_questionnaire

    def spy(path: Path) -> object:
        opened.append(path)
        return real(path)

    monkeypatch.setattr(ojcli.files.loading, "load_questionnaire", spy)
    answers = work / "svar.toml"
    answers.write_text(
        textwrap.dedent(f"""\
            [meta]
            format_version = 2
            questionnaire = "{reference.format(work=work)}"
            municipality_code = "2584"
            municipality_name = "Kiruna"
            """),
        encoding="utf-8",
    )
    with pytest.raises(LoadError, match="ange enkätens id"):
        load_answers(answers)
    assert opened == []
    code, output = invoke_raw(runner, "score", str(answers))
    assert code == 3
    assert "HEMLIGT" not in output
    assert opened == []


def test_answer_keys_that_look_like_paths_are_unknown_questions(
    runner: CliRunner, work: Path, write_answers: Callable[..., Path]
) -> None:
    """Such keys are answers without a question: kept in the file, named, and never a path."""
    path = write_answers({"../../utanfor": "ja", PAYLOAD: "ja"}, name="svar.toml")
    before = files_under(path.parent.parent)
    code, output = invoke_raw(runner, "survey", str(path), input="ja\nq\n")
    assert code == 0, output
    assert "Frågorna '../../utanfor', " in " ".join(output.split())
    written = files_under(path.parent.parent) - before
    assert {p.parent for p in written} <= {path.parent}  # nothing written anywhere else
    kept = tomllib.loads(path.read_text("utf-8"))["answers"]
    assert kept["../../utanfor"] == kept[PAYLOAD] == "ja"
    assert not (path.parent / "PWNED").exists()


def test_a_unit_name_cannot_steer_where_the_file_is_written(runner: CliRunner, work: Path) -> None:
    unit = "../../../tmp/utanfor\\..\\x"
    args = ["survey", "--year", "2019", "--kommun", "Kiruna", "--enhet", unit, "-u", ""]
    code, output = invoke_raw(runner, *args, input="\nja\nq\n")
    assert code == 0, output
    written = files_under(work.parent)
    assert written == {  # the unit is in the file, not in its name
        work / "svar-2584-2019.toml",
        work / "ojcli-svar-2019.schema.json",  # beside it, for editors (issue 13)
    }


def test_a_session_writes_only_beside_the_chosen_file(
    runner: CliRunner, work: Path, write_answers: Callable[..., Path]
) -> None:
    """Backups, lock, stand-in and temporary files all live next to the answers file."""
    folder = work / "svar"
    folder.mkdir()
    path = folder / "kiruna.toml"
    path.write_text(write_answers({"freda_kortfragor": "ja"}).read_text(encoding="utf-8"))
    before = files_under(work.parent)
    code, output = invoke_raw(runner, "survey", str(path), input="nej\nq\n")
    assert code == 0, output
    new = files_under(work.parent) - before
    assert new == {folder / "kiruna.toml.bak", folder / "ojcli-svar-2019.schema.json"}
