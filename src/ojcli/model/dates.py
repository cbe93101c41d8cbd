"""Dates in answers: read from what a person types, and the rule that they lie in the past.

A date after today cannot have happened: the interview refuses it, `validate` reports it, and
wherever answers are scored it counts as no answer (`ojcli.scoring.Evaluator`), with
`late_note` saying why. `today()` is the one clock of all of these; tests replace it to fix
the day.
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
_ISO = r"(\d{4})-(\d{1,2})-(\d{1,2})"  # compiled (and cached by `re`) on first use


def today() -> dt.date:
    """Today's date on this computer."""
    return dt.date.today()


def parse_date(text: str) -> dt.date:
    """A typed date (ÅÅÅÅ-MM-DD), or ValueError with a Swedish message naming what is wrong.

    A day that does not exist is named as such: "2023-02-30 finns inte: februari 2023 har 28 dagar."
    """
    text = text.strip()
    parts = re.fullmatch(_ISO, text)
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


def quoted_date(text: str) -> dt.date | None:
    """The date a quoted answer spells exactly as ÅÅÅÅ-MM-DD, as a JSON Schema's "date" does; else None.

    `"2024-03-01"` in an answers file means the date 2024-03-01: editors checking the file
    against `ojcli schema` (Taplo) cannot tell it from an unquoted date, so neither does ojcli.
    """
    if len(text) != 10 or not text.isascii() or text[4] != "-" or text[7] != "-":
        return None
    if not (text[:4] + text[5:7] + text[8:]).isdigit():
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def date_text_problem(text: str) -> str:
    """Why a quoted answer to a date question is no date: one `quoted_date` does not read."""
    try:
        day = parse_date(text)
    except ValueError as exc:
        if str(exc) == FORMAT_HINT:
            return "ska vara ett datum, t.ex. 2024-03-01"
        return str(exc).removesuffix(".")  # a day that does not exist, named
    return f"ska vara ett datum skrivet ÅÅÅÅ-MM-DD: {day.isoformat()}"


def after_today(value: dt.date, today: dt.date) -> str | None:
    """Why a date cannot be an answer yet (it lies after today), in Swedish; None if it can."""
    if value <= today:
        return None
    return f"{value.isoformat()} är efter dagens datum ({today.isoformat()})"


def late_note(today: dt.date) -> str:
    """Why a date answer after today is not counted: "efter dagens datum 2026-12-03; …"."""
    return f"efter dagens datum {today.isoformat()}; ett datum som inte har inträffat räknas inte"


def dates_after_today(answers: Mapping[str, object], today: dt.date) -> dict[str, str]:
    """Each answer that is a date after today, by question id, with why it cannot be right."""
    late = {}
    for qid, value in answers.items():
        if isinstance(value, dt.date) and (why := after_today(value, today)):
            late[qid] = why
    return late
