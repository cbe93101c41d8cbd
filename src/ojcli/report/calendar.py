"""The plan as an iCalendar file (RFC 5545) that Outlook, Google Calendar and Apple Calendar import.

One all-day event per action deadline (on its due date), and one per routine that lapses before
the reference date (on the last Swedish working day before it lapses and before the reference
date, `ojcli.report.workdays`), each with the indicator and what to do in the description.

Each event's UID is derived from the municipality, the unit, the survey year, the indicator and
the kind of event, so importing the file again updates the events rather than adding copies;
SEQUENCE grows with the time of export, so the later file counts as the newer version.

Written with the `icalendar` library (escaping, line folding, CRLF), imported only here: only
`ojcli plan --ics` loads it.
"""

from __future__ import annotations

import datetime as dt
import uuid

from ojcli.report import plan_words as pw
from ojcli.report.plan import Plan, PlanEntry
from ojcli.report.workdays import working_day_before

PRODID = "-//ojcli//Handlingsplan//SV"
_SEQUENCE_EPOCH = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
_DAY = dt.timedelta(days=1)


def event_uid(plan: Plan, entry: PlanEntry, kind: str) -> str:
    """A UID that stays the same for the same unit, survey year, indicator and kind of event."""
    name = "/".join(
        ["ojcli-plan", plan.municipality_code, plan.unit, str(plan.year), entry.id, kind]
    )
    return f"{uuid.uuid5(uuid.NAMESPACE_URL, name)}@ojcli"


def reminder_day(plan: Plan, entry: PlanEntry) -> dt.date | None:
    """When to be reminded of a routine that lapses: a working day before the lapse and the reference date."""
    if entry.lapses_on is None:
        return None
    return working_day_before(min(entry.lapses_on, plan.reference_date))


def render(plan: Plan, now: dt.datetime | None = None) -> bytes:
    """The calendar file's bytes (UTF-8, CRLF line ends, as RFC 5545 has them)."""
    import icalendar

    now = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"{pw.PLAN} ÖJ {plan.year} – {plan.unit_name}")
    sequence = int((now - _SEQUENCE_EPOCH).total_seconds() // 60)
    for entry in plan.entries:
        for kind, day, summary, lines in _events(plan, entry):
            event = icalendar.Event()
            event.add("uid", event_uid(plan, entry, kind))
            event.add("dtstamp", now)
            event.add("sequence", max(sequence, 0))
            event.add("dtstart", day)
            event.add("dtend", day + _DAY)
            event.add("summary", summary)
            event.add("description", "\n".join(lines))
            event.add("categories", ["Öppna jämförelser"])
            event.add("transp", "TRANSPARENT")  # a reminder, not a busy day
            cal.add_component(event)
    data: bytes = cal.to_ical()
    return data


def _events(plan: Plan, entry: PlanEntry) -> list[tuple[str, dt.date, str, list[str]]]:
    """(kind, day, summary, description lines) of each event an entry gives."""
    about = [
        f"Indikator: {entry.title} ({entry.id})",
        f"Status nu: {entry.label}",
        f"Mätdatum: {plan.reference_date.isoformat()} (Öppna jämförelser {plan.year})",
        f"Enhet: {plan.unit_name} ({plan.municipality_code})",
    ]
    events = []
    if entry.decision == "act" and entry.due is not None:
        events.append(
            (
                "action",
                entry.due,
                f"ÖJ: {entry.action}",
                [
                    f"{pw.ACTION}: {entry.action}",
                    f"{pw.OWNER}: {entry.owner}",
                    f"{pw.DUE}: {entry.due.isoformat()}",
                    *about,
                ],
            )
        )
    day = reminder_day(plan, entry)
    if day is not None and entry.lapses_on is not None:
        todo = entry.action if entry.decision == "act" else entry.suggestion
        events.append(
            (
                "lapse",
                day,
                f"ÖJ: följ upp rutinen – {entry.title}",
                [
                    pw.lapse_text(entry.lapses_on, plan.reference_date),
                    f"Att göra: {todo}",
                    *about,
                ],
            )
        )
    return events
