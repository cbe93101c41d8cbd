"""The plan as lines of text for the terminal (`ojcli plan`, and the numbered list of its step).

Plain text with ANSI styles (`ojcli.terminal.ansi`), like the met / not-met list: a heading, then
section by section one entry per indicator: its date (the action's, or the day a routine
lapses), state and title, then the decision in words, what would meet it while there is no
decision, and a note (overdue, after the reference date, lapsing, done).
"""

from __future__ import annotations

from ojcli.report import plan_words as pw
from ojcli.report.model import STATE_STYLES, state_label
from ojcli.report.plan import Plan, PlanEntry
from ojcli.report.wording import REASON_LABELS, WOULD_MEET
from ojcli.terminal.ansi import Look

DATE_WIDTH = 10


def render(plan: Plan, look: Look, numbered: bool = False) -> list[str]:
    """Heading, then each section's entries; `numbered` puts 1, 2, … before them (the step's list)."""
    lines = look.wrap(
        f"{pw.PLAN} – {plan.unit_name} ({plan.municipality_code}) – {plan.title}",
        look.width,
        style="bold",
    )
    lines += look.wrap(
        f"Mätdatum {plan.reference_date.isoformat()} · i dag {plan.today.isoformat()} · "
        f"{plan.summary}",
        look.width,
        style="dim",
    )
    if not plan.entries:
        return [*lines, "", *look.wrap(pw.NO_ENTRIES, look.width)]
    n = 0
    for _name, title, entries in plan.sections():
        lines += ["", look.style(title, "bold underline")]
        for entry in entries:
            n += 1
            lines += ["", *entry_lines(entry, look, f"{n:>3} " if numbered else "")]
    return lines


def entry_lines(entry: PlanEntry, look: Look, number: str = "", details: bool = False) -> list[str]:
    """One indicator: date, state and title on the first line(s), then decision and note.

    `details` adds why it is not met (the step shows it before asking).
    """
    date = entry.date.isoformat() if entry.date else ""
    label = state_label(entry.state, look.unicode)
    lead = f"{number}{date.ljust(DATE_WIDTH)}  "
    indent = " " * len(lead)
    width = look.width - len(indent)
    head = look.wrap(f"{label}  {entry.title}", width)
    styled = head[0].replace(label, look.style(label, STATE_STYLES[entry.state]), 1)
    date_style = "bold red" if entry.overdue else None
    lines = [number + look.style(date.ljust(DATE_WIDTH), date_style) + "  " + styled]
    lines += [indent + line for line in head[1:]]
    body: list[str] = []
    if details:
        for reason in entry.reasons:
            body += look.wrap(f"{REASON_LABELS[entry.state]}: {reason}", width)
    body += look.wrap(decision_text(entry), width, style=None if entry.decision else "yellow")
    if not entry.decision or details:
        body += look.wrap(f"{WOULD_MEET}: {entry.suggestion}", width, style="dim")
    if entry.note:
        body += look.wrap(entry.note, width, style="yellow" if entry.overdue else "dim")
    return lines + [indent + line for line in body]


def decision_text(entry: PlanEntry) -> str:
    """The decision in one sentence, e.g. "Åtgärda: Besluta rutinen. Ansvarig: Anna, klart senast 2027-02-15."."""
    if entry.decision == "act":
        due = entry.due.isoformat() if entry.due else ""
        return (
            f"{entry.decision_text}: {_sentence(entry.action)} "
            f"{pw.OWNER}: {entry.owner}, {pw.DUE.lower()} {due}."
        )
    if entry.reason:
        return f"{entry.decision_text}: {_sentence(entry.reason)}"
    return f"{entry.decision_text}."


def decision_line(entry: PlanEntry) -> str:
    """The decision and what or why, without owner and date (documents give those columns)."""
    told = entry.action if entry.decision == "act" else entry.reason
    return f"{entry.decision_text}: {_sentence(told)}" if told else f"{entry.decision_text}."


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?")) else f"{text}."
