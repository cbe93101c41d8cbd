"""The review at the end of the interview: a changed answer asks the follow-ups it opens, then reviews again."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from conftest import invoke
from ojcli.files.loading import load_answers


def test_a_changed_answer_in_the_review_asks_the_follow_ups_it_opens(
    runner: CliRunner, write_answers: Callable[..., Path], all_met: Callable[[], dict[str, Any]]
) -> None:
    answers = all_met()
    answers["rutin_vald"] = "nej"  # so its two follow-ups are not asked
    del answers["rutin_vald_beslutad"], answers["rutin_vald_uppfoljd"]
    path = write_answers(answers)
    # Every asked question is answered: the interview opens on the review. Row 2 is rutin_vald.
    code, text = invoke(runner, "survey", str(path), input="2\nja\nja\n2018-06-01\n\n")
    assert code == 0, text
    assert "Är rutinen beslutad på ledningsnivå?" in text
    assert "Vilket datum beslutades eller följdes rutinen senast upp?" in text
    assert "Ange ett nummer" not in text
    saved, _ = load_answers(path)
    assert saved.answers["rutin_vald"] == "ja"
    assert saved.answers["rutin_vald_beslutad"] == "ja"
    assert saved.answers["rutin_vald_uppfoljd"] == dt.date(2018, 6, 1)
    assert "indikatorer uppfyllda" in text  # finished with the result, not paused
