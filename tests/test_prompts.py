"""`q`, `?` and Ctrl-D behave the same at every prompt, the set-up prompts of a new file included.

At a set-up prompt nothing is saved yet: `q` and Ctrl-D (end of input) end without making a
file and say so; `?` says what to type there and asks again.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ALL_MET_2019, invoke

# (survey year, replies before the prompt, the prompt, a word of what `?` says there)
SETUP_PROMPTS = {
    "municipality": ("2019", [], "Kommun (namn eller kod):", "fyrsiffriga kommunkod"),
    "file-name": ("2019", ["Kiruna"], "Spara svaren i fil", "namnet på filen"),
}
# The prompts after the file is made (Enter takes the suggested file name).
SAVED_PROMPTS = {
    "unit": ("2019", ["Kiruna", ""], "Enhet som svarar", "namnet på enheten", "svar-2584-2019"),
    "district-list": (
        "2019",
        ["Stockholm", ""],
        "Välj stadsdelsområde",
        "nummer ur listan",
        "svar-0180-2019",
    ),
    "district-free": (
        "2021",
        ["Stockholm", ""],
        "Stadsdel eller nämnd:",
        "stadsdelens eller",
        "svar-0180-2021",
    ),
    "respondent": (
        "2019",
        ["Kiruna", "", ""],
        "Ditt namn eller din roll",
        "ditt namn",
        "svar-2584-2019",
    ),
}
# What a person might type after quitting: were `q` taken as a reply, these would carry on,
# fill the file and answer the first question.
AFTERWARDS = ["Anna", "Anna", "", "ja", "ja"]


def run_setup(
    runner: CliRunner, folder: Path, year: str, typed: list[str], monkeypatch: pytest.MonkeyPatch
) -> str:
    monkeypatch.chdir(folder)  # the file-name prompt suggests a file in the working folder
    code, output = invoke(runner, "survey", "--year", year, input="\n".join(typed) + "\n")
    assert code == 0, output
    return output


@pytest.mark.parametrize("where", list(SETUP_PROMPTS))
@pytest.mark.parametrize("quit_word", ["q", "Q", "avsluta"])
def test_q_at_a_set_up_prompt_ends_without_a_file(
    runner: CliRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    where: str,
    quit_word: str,
) -> None:
    year, before, prompt, _ = SETUP_PROMPTS[where]
    output = run_setup(runner, tmp_path, year, [*before, quit_word, *AFTERWARDS], monkeypatch)
    assert "Inget sparat" in output
    assert list(tmp_path.iterdir()) == []  # no answers file, no lock, nothing
    assert output.count(prompt) == 1
    assert "Fråga 1 av" not in output


@pytest.mark.parametrize("where", list(SETUP_PROMPTS))
def test_end_of_input_at_a_set_up_prompt_ends_like_q(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    year, before, prompt, _ = SETUP_PROMPTS[where]
    monkeypatch.chdir(tmp_path)
    code, output = invoke(runner, "survey", "--year", year, input="\n".join(before) + "\n")
    assert code == 0, output
    assert "Inget sparat" in output
    assert list(tmp_path.iterdir()) == []
    assert prompt in output


@pytest.mark.parametrize("where", list(SETUP_PROMPTS))
def test_question_mark_at_a_set_up_prompt_says_what_to_type_and_asks_again(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    year, before, prompt, explained = SETUP_PROMPTS[where]
    output = run_setup(runner, tmp_path, year, [*before, "?", "q"], monkeypatch)
    assert explained in output
    assert "q = avsluta utan att spara (Ctrl-D likaså)." in output
    assert output.count(prompt) == 2  # asked again after the help
    assert list(tmp_path.iterdir()) == []  # "?" was not taken as a name


@pytest.mark.parametrize("where", list(SAVED_PROMPTS))
@pytest.mark.parametrize("quit_word", ["q", "avsluta", None])  # None: end of input
def test_q_after_the_file_is_named_saves_what_was_given(
    runner: CliRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    where: str,
    quit_word: str | None,
) -> None:
    year, before, prompt, _, stem = SAVED_PROMPTS[where]
    typed = [*before, *([quit_word, *AFTERWARDS] if quit_word else [])]
    output = run_setup(runner, tmp_path, year, typed, monkeypatch)
    assert output.count(prompt) == 1
    assert "Fråga 1 av" not in output
    path = tmp_path / f"{stem}.toml"
    assert "Sparat: uppgifterna om" in output
    assert f"ojcli survey {path.name}" in output
    meta = tomllib.loads(path.read_text("utf-8"))["meta"]
    assert meta["municipality_code"] == stem.split("-")[1]
    # What was not given is asked when the survey goes on.
    assert meta["setup_unasked"] == (
        ["respondent"] if where == "respondent" else ["unit", "respondent"]
    )


@pytest.mark.parametrize("where", list(SAVED_PROMPTS))
def test_question_mark_after_the_file_is_named_says_q_saves(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    year, before, prompt, explained, _ = SAVED_PROMPTS[where]
    output = run_setup(runner, tmp_path, year, [*before, "?", "q"], monkeypatch)
    assert explained in output
    assert "q = spara och avsluta" in output
    assert output.count(prompt) == 2  # asked again after the help


def test_a_set_up_after_help_goes_on_as_usual(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    typed = ["?", "Kiruna", "?", "", "?", "Socialtjänsten", "?", "Anna", "ja", "q"]
    output = run_setup(runner, tmp_path, "2019", typed, monkeypatch)
    saved = tomllib.loads((tmp_path / "svar-2584-2019.toml").read_text("utf-8"))
    assert (saved["meta"]["unit"], saved["meta"]["respondent"]) == ("Socialtjänsten", "Anna")
    assert "setup_unasked" not in saved["meta"]
    assert saved["answers"] == {"freda_kortfragor": "ja"}
    assert "Fortsätt senare med" in output


def test_the_suggested_file_name_is_one_not_taken(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    taken = tmp_path / "svar-2584-2019.toml"
    taken.write_text("# någon annans\n", encoding="utf-8")
    output = run_setup(
        runner, tmp_path, "2019", ["Kiruna", "svar-2584-2019.toml", "", "q"], monkeypatch
    )
    assert "svar-2584-2019.toml finns redan" in output  # a typed name that is taken: asked again
    assert "Enter = svar-2584-2019-2.toml" in output
    assert taken.read_text(encoding="utf-8") == "# någon annans\n"
    assert (tmp_path / "svar-2584-2019-2.toml").is_file()


def test_question_mark_and_q_at_the_review(
    runner: CliRunner, write_answers: Callable[..., Path]
) -> None:
    path = write_answers(dict(ALL_MET_2019))  # all answered: the interview opens on the review
    code, output = invoke(runner, "survey", str(path), input="?\nq\n")
    assert code == 0, output
    assert "Skriv numret på en fråga i listan för att ändra svaret" in output
    assert "q = spara och avsluta (Ctrl-D likaså)." in output
    assert "Ange ett nummer mellan" not in output  # "?" is not a wrong number
    assert "Fortsätt senare med" in output  # q paused, as at a question
    assert "indikatorer uppfyllda" not in output


def test_question_mark_and_q_at_the_comment_prompt(
    runner: CliRunner, write_answers: Callable[..., Path]
) -> None:
    path = write_answers({"freda_kortfragor": "ja"})
    code, output = invoke(runner, "survey", str(path), input="#\n?\nq\nja\n")
    assert code == 0, output
    assert "Skriv kommentaren och tryck Enter; tomt tar bort den." in output
    assert "Fortsätt senare med" in output
    saved = tomllib.loads(path.read_text("utf-8"))
    assert "comments" not in saved  # neither "?" nor "q" became the comment
    assert saved["answers"] == {"freda_kortfragor": "ja"}  # q ended it: "ja" was not read
