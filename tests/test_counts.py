"""How many questions are left, skipped or unanswered, as the person reads it (issue 19 items 9, 24).

"N frågor kvar" once counted only the questions asked with the answers so far: a new 2019 file
said 11, and then 21 were asked. It is an interval while answers not given yet may open more.
Counts of nothing read "0 frågor" or are not said at all, never "0 fråga".
"""

from __future__ import annotations

import io
import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from typer.testing import CliRunner

from conftest import ALL_MET_2019, invoke, meta
from ojcli.files.loading import find_questionnaire
from ojcli.interview.engine import Interview, ReviewRow
from ojcli.model.answers import AnswerSet
from ojcli.model.questionnaire import Questionnaire
from ojcli.report.wording import counted
from ojcli.terminal.console import RichPrompter

QUESTIONS_2019 = [
    q
    for s in tomllib.loads(find_questionnaire(2019).read_text(encoding="utf-8"))["sections"]
    for q in s["questions"]
]


@pytest.mark.parametrize(
    ("n", "said"), [(0, "0 frågor"), (1, "1 fråga"), (2, "2 frågor"), (21, "21 frågor")]
)
def test_a_count_takes_the_singular_only_for_one(n: int, said: str) -> None:
    assert counted(n, "fråga", "frågor") == said


def test_questions_left_is_an_interval_while_answers_may_open_more(
    runner: CliRunner, tmp_path: Path, q2019: Questionnaire
) -> None:
    unconditional = sum("asked_if" not in q for q in QUESTIONS_2019)
    path = tmp_path / "svar.toml"
    code, out = invoke(runner, "survey", str(path), "--year", "2019", input="Kiruna\n\n\nq\n")
    assert code == 0, out
    assert f"Sparat: 0 svar i {path} ({unconditional}–{len(QUESTIONS_2019)} frågor kvar)." in out
    # The upper end is real: with these answers every question is asked.
    full = AnswerSet.model_validate({"meta": meta(), "answers": ALL_MET_2019})
    assert len(Interview(q2019, full, None, lambda _: None).asked()) == len(QUESTIONS_2019)  # type: ignore[arg-type]


def test_an_answer_that_closes_the_follow_ups_makes_the_count_exact(
    runner: CliRunner, write_answers: Callable[..., Path]
) -> None:
    # Every gate answered "nej" (or its last alternative) and every other question answered
    # but the last: one is left, whatever comes, and it is said so.
    unconditional = [q for q in QUESTIONS_2019 if "asked_if" not in q]
    last = unconditional[-1]["id"]
    answers: dict[str, Any] = {
        q["id"]: "nej" if q["type"] == "yes_no" else q["options"][-1]["value"]
        for q in unconditional
        if q["type"] in ("yes_no", "single_choice") and q["id"] != last
    }
    answers |= {"vantetid_dagar": 10}
    path = write_answers(answers)
    code, out = invoke(runner, "survey", str(path), input="q\n")
    assert code == 0, out
    assert "(1 fråga kvar)" in out


def test_nothing_left_is_said_in_words(
    runner: CliRunner, write_answers: Callable[..., Path], all_met: Callable[[], dict[str, Any]]
) -> None:
    path = write_answers(all_met())
    code, out = invoke(runner, "survey", str(path), input="q\n")  # quit in the review
    assert code == 0, out
    assert "(inga frågor kvar)" in out


def review_text(rows: list[ReviewRow]) -> str:
    buffer = io.StringIO()
    RichPrompter(Console(file=buffer, width=200, color_system=None)).show_review(rows)
    return " ".join(buffer.getvalue().split())


@pytest.mark.parametrize(
    ("missing", "said"),
    [(0, None), (1, "1 fråga är obesvarad."), (2, "2 frågor är obesvarade.")],
)
def test_the_review_counts_the_unanswered_in_the_singular_and_plural(
    q2019: Questionnaire, missing: int, said: str | None
) -> None:
    rows = [
        ReviewRow(n, "Avsnitt", question, None if n <= missing else "Ja", None)
        for n, question in enumerate(q2019.questions[:3], 1)
    ]
    text = review_text(rows)
    if said is None:
        assert not re.search(r"\bobesvarade?\.", text)
    else:
        assert said in text
