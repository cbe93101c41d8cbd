"""The words about what is published and what a result rests on.

Kolada measures, national shares with their year, values reported without a verdict, and
indicators carried into a prepared year.

The rest of the words are in `ojcli.report.wording`, which this extends (a leaf too: stdlib
only, cheap to import, since `ojcli score` loads it at every start).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ojcli.report.wording import (
    APPROXIMATE,
    HERE_LEGEND,
    MISSING,
    NATIONAL,
    NO_SHARE_KNOWN,
    THEME_SHARE_LEGEND,
    in_percent,
    share_in,
    share_text,
)

if TYPE_CHECKING:  # for the type checker only
    from collections.abc import Iterable

    from ojcli.report.model import IndicatorResult
    from ojcli.report.wording import ShareLike

# --- Published measures and reported values ------------------------------------------------------

MEASURE = "Mått i Kolada"
KOLADA_COLUMN = "Kolada-id"
REPORTED_VALUE = "redovisat värde"
REPORTED_HEADING = "Redovisade värden"
REPORTED_INTRO = (
    "Värden som Kolada publicerar utan bedömning: de räknas inte som uppfyllda eller ej "
    "uppfyllda och inte in bland indikatorerna."
)
REPORTED_STATE = "Redovisas"  # in a state column: a value, no verdict
VALUE = "Värde"


def met_value_text(value: int, label: str) -> str:
    """What the published value means: "uppfylld vid värdet 2 («Ja, för alla»)"."""
    return f"uppfylld vid värdet {value} («{label}»)"


def kolada_text(ids: Iterable[str]) -> str:
    """Where to look up the published value: "Kolada U31512", "Kolada U31509, U37543"; or ""."""
    listed = ", ".join(ids)
    return f"Kolada {listed}" if listed else ""


def with_kolada(text: str, ids: Iterable[str]) -> str:
    """A line with the Kolada id(s) after it: "<text> · Kolada U31512"; either alone without the other."""
    return " · ".join(part for part in (text, kolada_text(ids)) if part)


def action_line(context: str, indicator: IndicatorResult, year: int) -> str:
    """Under an open indicator in a document: theme and share, Kolada id(s), and what it rests on.

    E.g. "Självförsörjning · riket 2023: 50 % · Kolada U31512 · enligt 2024, antas ingå 2027".
    """
    line = with_kolada(context, indicator.kolada)
    if indicator.carried_from is None:
        return line
    return f"{line} · {carried_text(indicator.carried_from, year)}"


# --- National shares with their year ------------------------------------------------------------


def dated_share(share: ShareLike | None, year: int) -> str:
    """A national share shown for survey `year`, with its year when it is another year's.

    "73 %"; "70 % (2024)" for the latest known of an earlier year; "–" when none is known.
    """
    if share is None:
        return MISSING
    return share_text(share) if share.year == year else f"{share_text(share)} ({share.year})"


def national_row(year: int, shares: Iterable[ShareLike | None]) -> str:
    """The label of a row of bare national percentages, with the shares' year if not the survey's.

    "Andel i riket, %", "Andel i riket 2024, %", or "Andel i riket, senast kända år, %" (the
    years are then beside each indicator below).
    """
    known = {s.year for s in shares if s is not None}
    if known <= {year}:
        return in_percent(share_in("riket"))
    return in_percent(
        share_in(f"riket {known.pop()}" if len(known) == 1 else "riket, senast kända år")
    )


def national_column(year: int, shares: Iterable[ShareLike | None]) -> str:
    """The national-share column's heading: "Riket 2019"; "Riket" when cells name other years."""
    return (
        NATIONAL if any(s is not None and s.year != year for s in shares) else f"{NATIONAL} {year}"
    )


def score_legend(year: int, national_means: bool, share_years: Iterable[int | None]) -> str:
    """The legend under `ojcli score`; the national means are explained when any is shown.

    `share_years`: the year of each indicator's national share (None where none is known). The
    legend claims a share for `year` only when one of them is that year's.
    """
    parts = [HERE_LEGEND]
    if national_means:
        parts.append(THEME_SHARE_LEGEND)
    known = set(share_years)
    own, other = year in known, bool(known - {year, None})
    if own or other:
        which = f"{year}" if own else "det år som står inom parentes, det senaste kända"
        if own and other:
            which += f", eller det år som står inom parentes när {year} saknas"
        parts.append(
            "Procent vid indikatorerna: andel av landets kommuner som uppfyllde indikatorn "
            f"{which} {APPROXIMATE}."
        )
    if None in known:
        parts.append(f"– vid en indikator: {NO_SHARE_KNOWN} i riket.")
    return " ".join(parts)


# --- Indicators carried into a prepared year ------------------------------------------------------


def carried_text(from_year: int, year: int) -> str:
    """What a carried-over indicator rests on: "enligt 2024, antas ingå 2027"."""
    return f"enligt {from_year}, antas ingå {year}"


def carried_heading(from_year: int, year: int) -> str:
    """Indicators carried over, in compare and diff: "Antas ingå 2027 (enligt 2024)"."""
    return f"Antas ingå {year} (enligt {from_year})"
