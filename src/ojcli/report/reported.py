"""Values reported without a verdict, for the report model: computed from the answers, in words.

A questionnaire may ask the facts behind a published value that is no met / not met (Kolada's
U31404, the share of caseworkers with a socionom degree). The report shows the value beside the
verdicts; it never enters a count, a share or a bar. Loaded only for a questionnaire that has
such values, so `ojcli score` pays nothing for it otherwise; `ojcli.report.model` gives it the
answers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from ojcli.report.wording import MISSING, STATUS_WORDS, decimal, whole_percent

if TYPE_CHECKING:
    from ojcli.model.reported import ReportedShare
    from ojcli.report.model import Answer


class Reported(NamedTuple):
    """One reported value: what it is, where it is published, the value and the answers behind it."""

    id: str
    title: str
    kolada: tuple[str, ...]
    percent: float | None  # None when the answers give no value
    text: str  # "68 %", or why there is no value
    detail: str  # "8,5 av 12,5 årsarbetare", or ""
    answers: tuple[Answer, ...]


def reported_result(r: ReportedShare, part: Answer, whole: Answer) -> Reported:
    """One reported value for these answers to its two questions (part, whole)."""
    percent, detail = None, ""
    if isinstance(part.value, int) and isinstance(whole.value, int):
        percent = r.percent(part.value, whole.value)
        unit = f" {r.unit}" if r.unit else ""
        detail = f"{decimal(part.value / r.scale)} av {decimal(whole.value / r.scale)}{unit}"
    if percent is not None:
        text = whole_percent(percent)
    elif detail:
        text = f"{MISSING} ({_impossible(whole.value)})"
    else:  # unanswered or not asked: say which
        missing = part if part.value is None else whole
        text = f"{MISSING} ({missing.name} {STATUS_WORDS[missing.status]})"
    return Reported(r.id, r.title, tuple(r.kolada), percent, text, detail, (part, whole))


def _impossible(whole: object) -> str:
    """Why two numbers make no share."""
    return "ingen att räkna andelen på" if whole == 0 else "delen är större än helheten"
