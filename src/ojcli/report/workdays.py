"""Swedish working days, for the plan's reminders.

Not a Saturday or Sunday, not a public holiday (helgdagslagen 1989:253: nyårsdagen, trettondedag jul, långfredagen, annandag påsk, första maj,
Kristi himmelsfärdsdag, nationaldagen, midsommardagen, alla helgons dag, juldagen, annandag jul),
and not midsommarafton, julafton or nyårsafton, which are days off in practice.

The holidays come from the `holidays` package (category "public" and "de_facto" for Sweden),
which follows the law's changes by year (e.g. nationaldagen a holiday from 2005, annandag pingst
no longer one), so ojcli does not compute Easter itself. Loaded only when a plan's dates are
worked out (`ojcli plan`, never `ojcli score`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Container
from functools import cache

_DAY = dt.timedelta(days=1)


@cache
def _days_off(year: int) -> Container[dt.date]:
    import holidays

    found: Container[dt.date] = holidays.country_holidays(
        "SE", years=year, categories=("public", "de_facto")
    )
    return found


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday, and not a Swedish public holiday or midsommar-, jul- or nyårsafton."""
    return day.weekday() < 5 and day not in _days_off(day.year)


def working_day_before(day: dt.date) -> dt.date:
    """The last working day before `day` (never `day` itself)."""
    day -= _DAY
    while not is_working_day(day):
        day -= _DAY
    return day
