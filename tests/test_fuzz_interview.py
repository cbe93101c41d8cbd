"""Fuzzed interview input: any text, control characters, huge lines, EOF anywhere; nothing lost, no traceback.

Budget: the hypothesis profile ("ci" by default, "long" by hand; see tests/conftest.py).
"""

from __future__ import annotations

import contextlib
import signal
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ojcli.cli import app
from ojcli.files.loading import find_questionnaire, load_answers, load_questionnaire
from ojcli.files.session import Session
from ojcli.interview.engine import Interview as InterviewEngine
from ojcli.interview.engine import QuestionView, ReviewRow, Status
from ojcli.model.answers import FORMAT_VERSION, AnswerSet, Meta

Q2019 = load_questionnaire(find_questionnaire(2019))


class Hang(Exception):
    """The interview did not end although its input did."""


@contextlib.contextmanager
def watchdog(seconds: float = 20) -> Iterator[None]:
    """Fail instead of hanging (POSIX timers; elsewhere the CI job timeout is the guard)."""
    if sys.platform == "win32":
        yield
        return

    def fire(signum: int, frame: object) -> None:
        raise Hang(f"no result after {seconds} s")

    previous = signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def scaled(fraction: float) -> settings:
    budget = max(10, int(settings.default.max_examples * fraction))
    return settings(
        max_examples=budget,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


class Replies:
    """A Prompter that types the given lines, then reaches end of input."""

    def __init__(self, lines: list[str]):
        self.lines = list(lines)
        self.reads = 0

    def read(self, prompt: str) -> str:
        self.reads += 1
        if not self.lines:
            raise EOFError
        return self.lines.pop(0)

    def show_question(self, view: QuestionView) -> None:
        pass

    def show_help(self, view: QuestionView) -> None:
        pass

    def show_review(self, rows: list[ReviewRow]) -> None:
        pass

    def info(self, text: str) -> None:
        pass

    def error(self, text: str) -> None:
        pass


sensible = st.sampled_from(
    [
        "ja", "nej", "vet ej", "j", "n", "1", "2", "3", "0", "1,2", "14", "14 dagar", "-3",
        "2018-06-01", "2019-02-30", "1899-12-31", "<", ">", "?", "hjälp", "tillbaka", "",
        "# Beslutad i SN 2018-04-12", "#", " JA ", "Ja", "vet_ej",
    ]
)  # fmt: skip
nasty = st.one_of(
    st.text(max_size=40),
    st.text(st.characters(codec="utf-8"), max_size=20),
    st.sampled_from(
        ["\x00", "\x1b[2J\x1b[31m", "\r", "\t", "\x7f", "\u202e", "\ufeff", "\x04", "\x03"]
    ),
    st.builds(
        lambda c, n: c * n, st.sampled_from(["x", "9", "å", "# ", "<"]), st.integers(1, 100_000)
    ),
    st.integers(-(2**80), 2**80).map(str),
    st.integers(1, 10_000).map(lambda n: "9" * n),  # beyond int()'s 4300-digit limit
    st.integers(1, 100_000).map(lambda n: "1" + " " * n + "a b"),  # a regex-backtracking bomb
    st.sampled_from(["²", "٣", "¹²", "1²", "Ⅻ", "０"]),  # digits that are not 0-9
)
# Mostly sensible replies with nasty ones between, so the interview gets deep before it ends;
# quitting is rare for the same reason (the examples and the CLI test cover it).
advancing = st.sampled_from(["ja", "nej", "2018-06-01", "14", ">"])
reply = st.one_of(advancing, advancing, sensible, sensible, nasty)
replies = st.integers(0, 80).flatmap(lambda n: st.lists(reply, min_size=n, max_size=n)) | st.lists(
    st.one_of(reply, st.sampled_from(["q", "avsluta"])), max_size=10
)


def fresh_answers() -> AnswerSet:
    meta = Meta(
        format_version=FORMAT_VERSION,
        questionnaire=Q2019.id,
        municipality_code="2584",
        municipality_name="Kiruna",
    )
    return AnswerSet(meta=meta)


@scaled(1.0)
@given(replies)
@example(["q"])
@example([])
@example(["<"] * 50)
@example(["x" * 100_000, "\x00", "ja"])
@example(["²", "9" * 5000, "1" + " " * 100_000 + "a b"])
def test_any_typed_input_ends_cleanly_and_every_answer_is_on_disk(lines: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder, watchdog():
        path = Path(folder) / "svar.toml"
        prompter = Replies(lines)
        with Session.create(path, fresh_answers(), Q2019) as session:
            status = InterviewEngine(Q2019, session.answers, prompter, session.save).run()
        assert status in (Status.FINISHED, Status.PAUSED)
        event(f"slutade: {status.value}, {len(session.answers.answers)} svar")
        saved, _ = load_answers(path)
        assert saved.answers == session.answers.answers  # nothing typed is lost
        assert saved.comments == session.answers.comments
        assert not (Path(folder) / "svar.toml.lock").exists()
        assert prompter.reads <= len(lines) + 1  # stops at the first end of input


@scaled(0.25)
@given(replies, st.booleans())
def test_the_cli_interview_never_shows_a_traceback(lines: list[str], existing: bool) -> None:
    with tempfile.TemporaryDirectory() as folder, watchdog():
        path = Path(folder) / "svar.toml"
        if existing:
            path.write_text(
                '[meta]\nformat_version = 1\nquestionnaire = "oj-eb-2019"\n'
                'municipality_code = "2584"\nmunicipality_name = "Kiruna"\n',
                encoding="utf-8",
            )
            args = ["survey", str(path)]
        else:
            args = ["survey", str(path), "--year", "2019"]
        result = CliRunner().invoke(app, args, input="\n".join(lines))
        assert "Traceback" not in result.output
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(
            result.exception
        )
        assert result.exit_code == 0, result.output
        if path.exists():
            load_answers(path)
        assert not (Path(folder) / "svar.toml.lock").exists()


# One complete interview, as typed: municipality, unit, name, every question, then the review.
TRANSCRIPT = [
    "Kiruna", "", "Enhetschef",
    "ja", "ja", "ja", "2018-06-01", "ja", "ja", "2018-06-01", "ja", "ja", "ja", "ja",
    "2017-03-01", "vartannat år", "ja", "ja", "ja", "ja", "14", "ja", "ja", "ja", "ja", "ja",
    "ja", "ja", "2018-06-01",
    "ja", "2018-06-01", "ja", "ja", "2018-06-01", "ja", "ja", "ja", "ja", "1", "1", "1",
    "ja", "ja", "2018-06-01", "ja", "ja", "2018-06-01", "ja", "ja", "2018-06-01",
    "ja", "ja", "2018-06-01",
    "ja", "ja", "2018-06-01", "ja", "ja", "2018-06-01", "ja", "ja", "2018-06-01",
    "ja", "ja", "2018-06-01", "1", "1", "ja",
    "",
]  # fmt: skip
QUESTIONS = len(TRANSCRIPT) - 4  # every 2019 question is asked with these answers


def test_the_transcript_is_a_whole_interview(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "svar.toml"
    result = runner.invoke(
        app, ["survey", str(path), "--year", "2019"], input="\n".join(TRANSCRIPT) + "\n"
    )
    assert result.exit_code == 0, result.output
    assert "Svaren är sparade i" in result.output
    assert len(load_answers(path)[0].answers) == QUESTIONS == 65


@pytest.mark.parametrize("cut", range(len(TRANSCRIPT) + 1))
def test_end_of_input_at_every_prompt_keeps_what_was_answered(
    runner: CliRunner, tmp_path: Path, cut: int
) -> None:
    path = tmp_path / "svar.toml"
    typed = TRANSCRIPT[:cut]
    result = runner.invoke(app, ["survey", str(path), "--year", "2019"], input="\n".join(typed))
    assert "Traceback" not in result.output
    assert result.exit_code == 0, result.output
    if cut == 0:  # the municipality is not yet known: nothing to save
        assert "Inget sparat" in result.output
        assert not path.exists()
        return
    answers, _ = load_answers(path)  # each set-up answer is saved as it is given (issue 12)
    assert answers.meta.municipality_name == "Kiruna"
    read = cut - (typed[-1] == "")  # an empty last reply with no line end is end of input
    assert answers.meta.setup_unasked == (None if read >= 3 else ["unit", "respondent"][read - 1 :])
    assert len(answers.answers) == max(0, min(read - 3, QUESTIONS))
    assert not (tmp_path / "svar.toml.lock").exists()
    # And resuming from there with the rest of the transcript completes the interview.
    rest = TRANSCRIPT[read if read < 3 else 3 + len(answers.answers) :]
    result = runner.invoke(app, ["survey", str(path)], input="\n".join(rest) + "\n")
    assert result.exit_code == 0, result.output
    assert len(load_answers(path)[0].answers) == QUESTIONS
