"""Sweden's municipalities (SCB codes, counties) and the districts that answer on their own."""

from __future__ import annotations

import csv
import io
import tomllib
from dataclasses import dataclass
from functools import cache

from ojcli import PACKAGE_DIR
from ojcli.errors import did_you_mean

STOCKHOLM, GOTEBORG = "0180", "1480"


@dataclass(frozen=True)
class Municipality:
    """A municipality with its county."""

    code: str
    name: str
    county_code: str
    county_name: str


@dataclass(frozen=True)
class UnitList:
    """The answering units of a municipality for a range of survey years."""

    municipality_code: str
    from_year: int
    to_year: int
    kind: str
    names: tuple[str, ...]
    sourced: bool
    note: str = ""


def _data(name: str) -> str:
    return (PACKAGE_DIR / "data" / name).read_text(encoding="utf-8")


@cache
def municipalities() -> tuple[Municipality, ...]:
    """All 290 municipalities, in SCB code order."""
    rows = csv.DictReader(io.StringIO(_data("kommuner.csv")))
    return tuple(
        Municipality(
            r["municipality_code"], r["municipality_name"], r["county_code"], r["county_name"]
        )
        for r in rows
    )


def by_code(code: str) -> Municipality | None:
    """The municipality with this four-digit code."""
    return next((m for m in municipalities() if m.code == code), None)


def search(text: str) -> list[Municipality]:
    """Municipalities matching a code or (part of) a name, best matches first."""
    key = text.strip().casefold()
    if not key:
        return []
    all_ = municipalities()
    exact = [m for m in all_ if key in (m.code, m.name.casefold())]
    if exact:
        return exact
    starts = [m for m in all_ if m.name.casefold().startswith(key)]
    contains = [m for m in all_ if key in m.name.casefold() and m not in starts]
    return starts + contains


def suggestion(text: str) -> str:
    """A "menade du …?" hint for a name that matched nothing."""
    return did_you_mean(text.strip(), [m.name for m in municipalities()])


@cache
def _unit_lists() -> tuple[UnitList, ...]:
    data = tomllib.loads(_data("districts.toml"))
    return tuple(
        UnitList(
            u["municipality_code"],
            u["from_year"],
            u["to_year"],
            u["kind"],
            tuple(u["names"]),
            u["sourced"],
            u.get("note", ""),
        )
        for u in data["units"]
    )


def answering_units(code: str, year: int) -> UnitList | None:
    """The districts or committees that answer for a municipality in a survey year, if listed."""
    return next(
        (
            u
            for u in _unit_lists()
            if u.municipality_code == code and u.from_year <= year <= u.to_year
        ),
        None,
    )


def answers_per_unit(code: str) -> bool:
    """Whether the municipality answers per district rather than as a whole."""
    return code in (STOCKHOLM, GOTEBORG)
