"""Sweden's municipalities (SCB codes, counties) and the districts that answer on their own."""

from __future__ import annotations

import csv
import io
import tomllib
from dataclasses import dataclass
from functools import cache

from ojcli import EXAMPLE_CODE, EXAMPLE_NAME, PACKAGE_DIR
from ojcli.errors import Problem

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


def code_problem(code: str, name: str) -> Problem | None:
    """Why a file's municipality code and name do not go together, or None when they do.

    The problem names the field to blame (`meta.municipality_code` or `.municipality_name`);
    its words are the catalogue's. The name may be written as people do ("Kalmar kommun",
    "Region Gotland"); the example's code 9999 goes only with the example's name.
    """
    from ojcli import messages

    if code == EXAMPLE_CODE and name == EXAMPLE_NAME:
        return None
    named = search(name)
    meant = next((m for m in named if m.name.casefold() in _forms(name)), None)
    if meant is not None and meant.code == code:
        return None
    right = None if meant is None else (meant.name, meant.code)
    if code == EXAMPLE_CODE:
        return messages.example_code(EXAMPLE_CODE, EXAMPLE_NAME, name, right)
    listed = by_code(code)
    if listed is None:
        return messages.no_such_code(code, len(municipalities()), right)
    if meant is None:
        close = closest(name)
        return messages.no_such_municipality(name, close.name if close else None, code, listed.name)
    return messages.code_of_another(code, listed.name, name, right)


def by_code(code: str) -> Municipality | None:
    """The municipality with this four-digit code."""
    return next((m for m in municipalities() if m.code == code), None)


# Words people write around a name: "Kalmar kommun", "Stockholms stad", "Region Gotland".
_AFTER = ("kommun", "stad")
_BEFORE = ("region",)


def _forms(text: str) -> list[str]:
    """The ways a typed name may be meant, plainest first: "Gotlands kommun" → gotlands, gotland."""
    words = text.casefold().replace(",", " ").replace(".", " ").split()
    if len(words) > 1 and words[-1] in _AFTER:
        words = words[:-1]
    if len(words) > 1 and words[0] in _BEFORE:
        words = words[1:]
    key = " ".join(words)
    forms = [key]
    glued = next((key[: -len(w)] for w in _AFTER if key.endswith(w) and len(key) > len(w)), None)
    for form in (key, glued):
        if form:
            forms += [form.removesuffix("s"), form] if form.endswith("s") else [form]
    return list(dict.fromkeys(f for f in forms if f))


def search(text: str) -> list[Municipality]:
    """Municipalities matching a code or (part of) a name, best matches first.

    "Kalmar kommun", "Kalmar stad", "Gotlands kommun" and "Region Gotland" find the municipality.
    """
    forms = _forms(text)
    if not forms:
        return []
    all_ = municipalities()
    for form in forms:
        exact = [m for m in all_ if form in (m.code, m.name.casefold())]
        if exact:
            return exact
    key = forms[0]
    starts = [m for m in all_ if m.name.casefold().startswith(key)]
    contains = [m for m in all_ if key in m.name.casefold() and m not in starts]
    return starts + contains


def closest(text: str) -> Municipality | None:
    """The municipality a misspelt name most likely means, or None when none is close.

    Each leading part of the reply is compared too, so "Kalmar stadd" means Kalmar, not Karlstad.
    """
    import difflib  # only needed when something is misspelt

    words = _forms(text)[:1]
    if not words or len(words[0]) > 60:  # no name is this long; comparing it would take long
        return None
    parts = words[0].split()
    candidates = [" ".join(parts[:n]) for n in range(min(len(parts), 3), 0, -1)]  # names: ≤ 2 words
    best, best_score = None, 0.6
    for m in municipalities():
        name = m.name.casefold()
        score = max(difflib.SequenceMatcher(None, c, name).ratio() for c in candidates)
        if score > best_score:
            best, best_score = m, score
    return best


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
