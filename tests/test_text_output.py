"""The met / not-met list as the terminal shows it: width, colour, symbols and what NO_COLOR asks."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from ojcli.cli import app
from ojcli.files.loading import example_answers, load_answers
from ojcli.report.model import Report, build
from ojcli.report.one import text
from ojcli.scoring import score
from ojcli.terminal import ansi
from ojcli.terminal.ansi import Look

ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


def example() -> Report:
    answers, questionnaire = load_answers(example_answers())
    return build(score(questionnaire, answers))


class FakeTerminal(io.StringIO):
    def __init__(self, tty: bool, encoding: str = "utf-8"):
        super().__init__()
        self.tty, self._encoding = tty, encoding

    def isatty(self) -> bool:
        return self.tty

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._encoding


@given(width=st.integers(min_value=60, max_value=200))
def test_no_line_is_wider_than_the_terminal(width: int) -> None:
    for line in text.render(example(), Look(width=width)):
        assert len(line) <= width, line
        assert line == line.rstrip(), "no trailing blanks for a pager or a mail to show"


@given(width=st.integers(min_value=60, max_value=200))
def test_the_assumption_mark_never_stands_alone_on_a_line(width: int) -> None:
    lines = text.render(example(), Look(width=width))
    assert "*" not in [line.strip() for line in lines]
    assert not any("\u00a0" in line for line in lines)


def test_a_narrow_terminal_still_gets_every_word() -> None:
    report = example()
    words = " ".join(text.render(report, Look(width=40))).split()
    for indicator in report.indicators:
        for word in indicator.title.split():
            assert word in words


def test_details_hang_under_the_title_and_bullets_under_their_text() -> None:
    lines = text.render(example(), Look(width=100))
    start = next(i for i, line in enumerate(lines) if "förhindra vräkning" in line)
    block = lines[start + 1 : start + 9]
    assert block[0].startswith(" " * 16 + "Varför: ")
    bullet = next(i for i, line in enumerate(block) if line.lstrip().startswith("•"))
    assert block[bullet].startswith(" " * 18 + "• ")
    assert block[bullet + 1].startswith(" " * 20)
    assert block[bullet + 1][20] != " "


def test_colour_repeats_symbol_and_word_and_ends_on_every_line() -> None:
    lines = text.render(example(), Look(width=100, color=True))
    joined = "\n".join(lines)
    assert "\x1b[32m✓ Uppfylld\x1b[0m" in joined
    assert "\x1b[31m✗ Ej uppfylld\x1b[0m" in joined
    assert "\x1b[33m? Ofullständig\x1b[0m" in joined
    for line in lines:  # every style is closed on its own line, so a cut line leaks none
        codes = ESCAPE.findall(line)
        assert codes.count("\x1b[0m") * 2 == len(codes), line
    plain = text.render(example(), Look(width=100))
    assert [ESCAPE.sub("", line) for line in lines] == plain


def test_ascii_symbols_when_the_terminal_cannot_show_unicode() -> None:
    lines = text.render(example(), Look(width=100, unicode=False))
    joined = "\n".join(lines)
    for label in ("+ Uppfylld", "x Ej uppfylld", "? Ofullständig", "* «"):
        assert label in joined
    for symbol in "✓✗█•":
        assert symbol not in joined


@pytest.mark.parametrize(
    ("env", "tty", "color"),
    [
        ({}, True, True),
        ({}, False, False),
        ({"NO_COLOR": "1"}, True, False),
        ({"FORCE_COLOR": "1"}, False, True),
        ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, True, False),
        ({"TERM": "dumb"}, True, False),
    ],
)
def test_colour_follows_the_terminal_and_no_color(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], tty: bool, color: bool
) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(ansi.sys, "platform", "linux")
    assert ansi.look_of(FakeTerminal(tty)).color is color


def test_width_from_columns_else_80_when_not_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "132")
    assert ansi.look_of(FakeTerminal(False)).width == 132
    monkeypatch.delenv("COLUMNS")
    assert ansi.look_of(FakeTerminal(False)).width == 80


def test_a_non_utf_terminal_gets_ascii_and_no_encoding_error() -> None:
    stream = FakeTerminal(False, encoding="cp1252")
    look = ansi.look_of(stream)
    assert look.unicode is False
    ansi.write(stream, ["≈ 20 % – «Ja»"])
    assert stream.getvalue() == "? 20 % – «Ja»\n"  # cp1252 has – and «», not ≈


def test_score_in_colour_on_request_and_plain_in_a_pipe(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    def run(**env: Any) -> str:
        result = runner.invoke(app, ["score", str(example_answers())], env=env)
        assert result.exit_code == 0, result.output
        return result.output

    assert "\x1b[" not in run()  # the test runner's output is no terminal
    coloured = run(NO_COLOR=None, FORCE_COLOR="1")
    assert "\x1b[31m✗ Ej uppfylld\x1b[0m" in coloured
    assert ESCAPE.sub("", coloured) == run()


def test_control_characters_are_shown_not_obeyed() -> None:
    # The loader refuses them in answers files; the list does not rely on that alone.
    report = example()._replace(unit="Norr\x1b[2J\x1b[1A\rSyd\x07")
    lines = text.render(report, Look(width=100, color=True))
    assert "Norr\ufffd[2J\ufffd[1A\ufffdSyd\ufffd" in lines[0]
    assert not set(ESCAPE.sub("", "\n".join(lines))) & {"\x1b", "\r", "\x07"}
