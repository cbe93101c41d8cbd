"""Starting or resuming a survey is one core call, with no terminal: open, new file, or `--from`."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import invoke
from ojcli.errors import UsageError, WriteError
from ojcli.files.loading import example_answers, load_answers
from ojcli.interview.engine import QuestionView, ReviewRow, Status
from ojcli.interview.start import Request, Survey, start_survey


class Script:
    """A prompter that replies from a list and keeps what it was told."""

    def __init__(self, *replies: str):
        self.replies = list(replies)
        self.told: list[str] = []

    def read(self, prompt: str) -> str:
        if not self.replies:
            raise EOFError
        return self.replies.pop(0)

    def show_question(self, view: QuestionView) -> None:
        pass

    def show_help(self, view: QuestionView) -> None:
        pass

    def show_review(self, rows: list[ReviewRow]) -> None:
        pass

    def info(self, text: str) -> None:
        self.told.append(text)

    def error(self, text: str) -> None:
        self.told.append(text)


@pytest.fixture
def last_year(tmp_path: Path) -> Path:
    path = tmp_path / "svar-2019.toml"
    shutil.copy(example_answers(), path)
    return path


@pytest.fixture
def closing() -> Iterator[list[Survey]]:
    started: list[Survey] = []
    yield started
    for survey in started:
        survey.session.close()


def test_an_existing_file_is_resumed_where_it_was_left(
    last_year: Path, closing: list[Survey]
) -> None:
    prompter = Script("q")
    survey = start_survey(Request(last_year), prompter, notify=prompter.told.append)
    assert survey is not None
    closing.append(survey)
    assert survey.answers == load_answers(last_year)[0].to_answer_set()
    assert prompter.told[0].startswith(f"Fortsätter med {last_year} (")
    assert survey.interview.run() is Status.PAUSED
    assert len(survey.interview.unanswered()) == 1
    assert survey.paused() == (
        f"Sparat: {len(survey.answers.answers)} svar i {last_year} (1 fråga kvar). "
        f"Fortsätt senare med: ojcli survey {last_year}"
    )


def test_one_question_left_is_told_in_the_singular(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "ex.toml"
    assert invoke(runner, "demo", "--spara", str(path))[0] == 0
    # The example leaves exactly one question open (the last); quit at it.
    code, out = invoke(runner, "survey", str(path), input="q\n")
    assert code == 0, out
    assert "(1 fråga kvar)" in out


def test_from_last_year_carries_answers_and_says_what_is_new(
    last_year: Path, tmp_path: Path, closing: list[Survey]
) -> None:
    target = tmp_path / "svar-2024.toml"
    prompter = Script()
    survey = start_survey(
        Request(target, year=2024, previous=last_year), prompter, prompter.told.append
    )
    assert survey is not None
    closing.append(survey)
    assert survey.questionnaire.year == 2024
    assert target.exists()  # created and locked before the first question
    assert survey.answers.answers  # something carried over
    assert prompter.told[0].startswith("Börjar Öppna jämförelser av ekonomiskt bistånd 2024")
    assert f"Sparas i {target}." in prompter.told[0]


def test_from_refuses_an_existing_target_and_a_file_of_the_same_year(
    last_year: Path, tmp_path: Path
) -> None:
    with pytest.raises(WriteError, match="finns redan"):  # a refusal to overwrite: exit 4
        start_survey(Request(last_year, previous=last_year), Script(), print)
    with pytest.raises(UsageError, match="gäller redan"):
        start_survey(Request(tmp_path / "ny.toml", 2019, previous=last_year), Script(), print)
    assert not (tmp_path / "ny.toml").exists()


def test_nothing_is_started_when_input_ends_before_the_municipality(tmp_path: Path) -> None:
    target = tmp_path / "ny.toml"
    assert start_survey(Request(target, year=2019), Script(), print) is None
    assert not target.exists()


def test_a_control_character_in_an_option_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="--enhet"):
        start_survey(Request(tmp_path / "ny.toml", unit="a\x07b"), Script(), print)
