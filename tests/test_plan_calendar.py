"""`ojcli plan --ics` (issue 18): a calendar that two independent iCalendar parsers read, with one
all-day event per action deadline and one per lapsing routine on a Swedish working day before
the lapse and the reference date, and UIDs that stay the same from one export to the next."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
import pytest
import vobject  # the second parser, independent of the library that writes the file
from typer.testing import CliRunner

from conftest import invoke
from ojcli.model import dates
from ojcli.report.workdays import is_working_day, working_day_before
from plan_files import HEAD, write_folder

D = dt.date

# Today 2029-12-01. The routine, followed up 2029-01-01 under a 12-month rule, holds until
# 2030-01-01 and lapses 2030-01-02: the last working day before that is Friday 2029-12-28
# (nyårsdagen is a holiday, nyårsafton a day off, the 29th and 30th a weekend).
PLANNED = (
    HEAD.replace("[answers]\n", "[answers]\nrutin_uppfoljd = 2029-01-01\n")
    + """
[plan.rutin]
decision = "act"
action = "Följ upp rutinen i ledningsgruppen"
owner = "Eva"
due = 2029-12-20

[plan.mote]
decision = "act"
action = "Inför separata möten; boka lokal, och informera"
owner = "Bo Berg"
due = 2030-02-14

[plan.jour]
decision = "accept"
reason = "Länets jour"

[plan.tolk]
decision = "act"
action = "Upphandla tolk"
owner = "Dan"
due = 2030-06-01
"""
)


@pytest.fixture
def ics(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(dates, "today", lambda: D(2029, 12, 1))
    path = write_folder(tmp_path, PLANNED)
    target = tmp_path / "plan.ics"
    code, out = invoke(runner, "plan", str(path), "--ics", str(target))
    assert code == 0, out
    assert "Kalendern är sparad i" in out
    return target


def events_by_icalendar(path: Path) -> dict[str, tuple[D, D, str, str]]:
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    return {
        str(ev["uid"]): (
            ev.decoded("dtstart"),
            ev.decoded("dtend"),
            str(ev["summary"]),
            str(ev["description"]),
        )
        for ev in cal.walk("VEVENT")
    }


def events_by_vobject(path: Path) -> dict[str, tuple[D, D, str, str]]:
    cal = vobject.readOne(path.read_text(encoding="utf-8"))
    return {
        ev.uid.value: (ev.dtstart.value, ev.dtend.value, ev.summary.value, ev.description.value)
        for ev in cal.contents.get("vevent", [])
    }


def test_both_parsers_read_the_events_asked_for(ics: Path) -> None:
    ours, theirs = events_by_icalendar(ics), events_by_vobject(ics)
    assert ours == theirs
    by_day = {start: (end, summary, text) for start, end, summary, text in ours.values()}
    assert sorted(by_day) == [D(2029, 12, 20), D(2029, 12, 28), D(2030, 2, 14), D(2030, 6, 1)]
    for start, (end, _, _) in by_day.items():
        assert type(start) is D
        assert end == start + dt.timedelta(days=1)
    end, summary, text = by_day[D(2030, 2, 14)]
    assert summary == "ÖJ: Inför separata möten; boka lokal, och informera"
    assert "Ansvarig: Bo Berg" in text
    assert "Indikator: Separata möten (mote)" in text
    assert "Enhet: Kiruna, Försörjningsstöd (2584)" in text
    end, summary, text = by_day[D(2029, 12, 28)]
    assert summary == "ÖJ: följ upp rutinen – Rutinen följd upp senaste året"
    assert "Räknas som aktuell t.o.m. 2030-01-01 men inte på mätdatum 2030-03-01" in text
    assert "Att göra: Följ upp rutinen i ledningsgruppen" in text  # the decided action


def test_the_uids_stay_the_same_so_an_import_updates(
    ics: Path, runner: CliRunner, tmp_path: Path
) -> None:
    first = events_by_icalendar(ics)
    again = tmp_path / "igen.ics"
    path = tmp_path / "svar.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("Bo Berg", "Eva Ek"), encoding="utf-8")
    code, _ = invoke(runner, "plan", str(path), "--ics", str(again))
    assert code == 0
    second = events_by_icalendar(again)
    assert set(second) == set(first)
    # One UID per event: the routine's action and its lapse do not share one.
    assert len(set(first)) == 4
    changed = [uid for uid in first if first[uid] != second[uid]]
    assert len(changed) == 1
    assert "Eva Ek" in second[changed[0]][3]
    # The newer file says it is newer: its sequence is not lower.
    seq = [
        int(ev["sequence"])
        for f in (ics, again)
        for ev in icalendar.Calendar.from_ical(f.read_bytes()).walk("VEVENT")
    ]
    assert min(seq[4:]) >= max(seq[:4])


def test_another_unit_or_year_gets_other_uids(ics: Path, runner: CliRunner, tmp_path: Path) -> None:
    other = tmp_path / "annan"
    other.mkdir()
    path = write_folder(other, PLANNED.replace('unit = "Försörjningsstöd"', 'unit = "Norr"'))
    code, _ = invoke(runner, "plan", str(path), "--ics", str(other / "plan.ics"))
    assert code == 0
    assert not set(events_by_icalendar(ics)) & set(events_by_icalendar(other / "plan.ics"))


def test_no_events_without_deadlines_or_lapses(runner: CliRunner, tmp_path: Path) -> None:
    path = write_folder(tmp_path)
    code, _ = invoke(runner, "plan", str(path), "--ics", str(tmp_path / "p.ics"))
    assert code == 0
    assert events_by_vobject(tmp_path / "p.ics") == {}


WORKING_DAYS = [
    (D(2027, 6, 25), False),  # midsommarafton, a Friday
    (D(2027, 6, 24), True),
    (D(2027, 12, 24), False),  # julafton, a Friday
    (D(2027, 1, 6), False),  # trettondedag jul, a Wednesday
    (D(2027, 3, 29), False),  # annandag påsk
    (D(2027, 3, 30), True),
    (D(2027, 5, 6), False),  # Kristi himmelsfärdsdag
    (D(2026, 6, 6), False),  # nationaldagen, a Saturday anyway
    (D(2027, 6, 7), True),  # Monday after nationaldagen on a Sunday: no day off in lieu
    (D(2027, 2, 27), False),  # a Saturday
    (D(2027, 3, 1), True),
]


@pytest.mark.parametrize(("day", "working"), WORKING_DAYS)
def test_swedish_working_days(day: D, working: bool) -> None:
    assert is_working_day(day) is working


@pytest.mark.parametrize(
    ("day", "before"),
    [
        (D(2030, 1, 2), D(2029, 12, 28)),
        (D(2027, 3, 1), D(2027, 2, 26)),
        (D(2027, 3, 30), D(2027, 3, 25)),  # past annandag påsk, påskafton, långfredagen
        (D(2027, 6, 28), D(2027, 6, 24)),  # past the midsommar weekend
    ],
)
def test_the_working_day_before(day: D, before: D) -> None:
    assert working_day_before(day) == before
