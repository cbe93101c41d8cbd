"""Dates in answers: read from what a person types, and the rule that they lie in the past.

`today()` is the one clock of every date check (the interview and `validate`); tests
replace it to fix the day.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Mapping

MONTHS = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)
FORMAT_HINT = "Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2024-03-01."
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def today() -> dt.date:
    """Today's date on this computer."""
    return dt.date.today()


def parse_date(text: str) -> dt.date:
    """A typed date (ÅÅÅÅ-MM-DD), or ValueError with a Swedish message naming what is wrong.

    A day that does not exist is named as such: "2023-02-30 finns inte: februari 2023 har 28 dagar."
    """
    text = text.strip()
    parts = _ISO.fullmatch(text)
    if parts is None:
        try:
            return dt.date.fromisoformat(text)  # also 20240301, as before
        except ValueError:
            raise ValueError(FORMAT_HINT) from None
    year, month, day = (int(p) for p in parts.groups())
    if not 1 <= month <= 12:
        raise ValueError(f"{text} finns inte: månaden ska vara 01–12.")
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise ValueError(f"{text} finns inte: {MONTHS[month - 1]} {year} har {days} dagar.")
    return dt.date(year, month, day)


def after_today(value: dt.date, today: dt.date) -> str | None:
    """Why a date cannot be an answer yet (it lies after today), in Swedish; None if it can."""
    if value <= today:
        return None
    return f"{value.isoformat()} är efter dagens datum ({today.isoformat()})"


def dates_after_today(answers: Mapping[str, object], today: dt.date) -> dict[str, str]:
    """Each answer that is a date after today, by question id, with why it cannot be right."""
    late = {}
    for qid, value in answers.items():
        if isinstance(value, dt.date) and (why := after_today(value, today)):
            late[qid] = why
    return late
