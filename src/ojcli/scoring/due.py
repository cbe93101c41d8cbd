"""Until when a met indicator holds: the last reference date its date answers still count on.

A `within_months` rule accepts a date from N months before the reference date up to it. A
later reference date moves that window on, so a routine followed up on 2025-05-01 with a
24-month rule counts up to the reference date 2027-05-01 and lapses the day after; that last
day is the one said ("Räknas som aktuell t.o.m. 2027-05-01"), never the day after. This walks
a rule that holds and finds the date answers that decide it: in an `all`, the earliest
limit counts; in an `any`, the latest among the parts that hold, and none when a part holds
without a date. A `not` never limits (no rule in the questionnaires negates a date).

Pure, like the rest of `ojcli.scoring`, and reads only the rule nodes and the evaluator's
public API. Not imported by the package: only reports that show due dates load it.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import assert_never

from ojcli.model.rules import AllOf, AnyOf, Leaf, Not, Rule, WithinMonths
from ojcli.scoring.evaluate import Evaluator
from ojcli.scoring.verdicts import Tri, subtract_months

_DAY = dt.timedelta(days=1)


class Due:
    """The last reference date on which a rule still holds, and the date question that decides it.

    A plain class, not a NamedTuple: building one costs `ojcli score` a millisecond at start-up.
    """

    __slots__ = ("holds_until", "question")

    def __init__(self, holds_until: dt.date, question: str):
        self.holds_until = holds_until
        self.question = question

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Due):
            return NotImplemented
        return (self.holds_until, self.question) == (other.holds_until, other.question)

    def __hash__(self) -> int:
        return hash((self.holds_until, self.question))

    def __repr__(self) -> str:
        return f"Due({self.holds_until!r}, {self.question!r})"

    def lapses_before(self, day: dt.date) -> bool:
        """Whether the rule stops holding before `day` (it holds on `holds_until`, not after)."""
        return self.holds_until < day


def last_reference_date(day: dt.date, months: int) -> dt.date:
    """The last reference date on which `day` lies within `months` months before it.

    The largest R with `subtract_months(R, months) <= day`, the test the scorer applies.
    `subtract_months` clamps to the month's end, so after a month-end date the window stays
    open to the end of the target month: 2024-02-29 with 1 month holds until 2024-03-31.
    """
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    month = month0 + 1
    if year > dt.MAXYEAR:
        return dt.date.max  # beyond the calendar: it never lapses
    candidate = dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
    # `candidate` maps back onto `day` or earlier; later days of its month may too (clamping).
    while candidate < dt.date.max and subtract_months(candidate + _DAY, months) <= day:
        candidate += _DAY
    return candidate


def due(ev: Evaluator, rule: Rule, holds: bool = False) -> Due | None:
    """Until when `rule` holds as its date answers decide it; None if it does not hold now or no date limits it.

    `holds`: the caller knows the rule holds (a met verdict's rule), which saves evaluating it.
    """
    if not holds and ev.evaluate(rule).value is not Tri.TRUE:
        return None
    return _due(ev, rule)


def _due(ev: Evaluator, rule: Rule) -> Due | None:
    """`due` for a rule known to hold."""
    match rule:
        case AllOf(all=parts):
            limits = [d for d in (_due(ev, part) for part in parts) if d is not None]
            return min(limits, key=_until, default=None)
        case AnyOf(any=parts):
            holding = [_due(ev, part) for part in parts if ev.evaluate(part).value is Tri.TRUE]
            dated = [d for d in holding if d is not None]
            if len(dated) < len(holding):
                return None  # a part holds without a date: the whole never lapses by a date
            return max(dated, key=_until, default=None)
        case WithinMonths():
            value = ev.answers.get(rule.question)
            assert isinstance(value, dt.date)  # the rule holds, so the question has a date
            return Due(last_reference_date(value, rule.within_months), rule.question)
        case Not() | Leaf():
            return None  # no date limits it
        case _:
            assert_never(rule)


def _until(d: Due) -> dt.date:
    return d.holds_until
