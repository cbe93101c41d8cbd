"""The plan as documents (`ojcli plan --format md`) and as the report's "Handlingsplan".

Every format of `ojcli report` carries the plan after the results: Markdown and HTML sections
from here, and per indicator in JSON (`entry_data`, also `ojcli plan --format json`, written by
`ojcli.report.one.json`) and CSV (columns written by `ojcli.report.one.csv`, which also writes
`ojcli plan --format csv`). Pure `Plan -> str` (or lines, or data); the words come from
`ojcli.report.plan_words`.
"""

from __future__ import annotations

from typing import Any

from ojcli.report import plan_words as pw
from ojcli.report.markup import e, h, md
from ojcli.report.one.plan_text import decision_line
from ojcli.report.plan import Plan, PlanEntry
from ojcli.report.wording import WOULD_MEET
from ojcli.scoring.verdicts import STATE_WORDS

PLAN_FORMAT_VERSION = 1
_COLUMNS = (pw.DATE, "Indikator", "Status", pw.DECISION, pw.OWNER, pw.NOTE)


def _iso(day: object) -> str:
    return "" if day is None else day.isoformat()  # type: ignore[attr-defined]


# --- Markdown ------------------------------------------------------------------------------------


def markdown_section(plan: Plan, level: int = 2) -> list[str]:
    """The plan under a heading of `level`: a table per section, the summary first."""
    lines = [f"{'#' * level} {pw.PLAN}", "", plan.summary, ""]
    if not plan.entries:
        return [*lines, pw.NO_ENTRIES, ""]
    for name, title, entries in plan.sections():
        lines += [f"{'#' * (level + 1)} {md(title)}", ""]
        if pw.SECTION_INTROS[name]:
            lines += [pw.SECTION_INTROS[name], ""]
        lines += [f"| {' | '.join(_COLUMNS)} |", "|---|---|---|---|---|---|"]
        for x in entries:
            date = f"**{_iso(x.date)}**" if x.overdue else _iso(x.date)
            decision = md(decision_line(x))
            if not x.decision:
                decision += f"<br>*{md(WOULD_MEET)}: {md(x.suggestion)}*"
            cells = [date, md(x.title), x.label, decision, md(x.owner), md(x.note)]
            lines.append(f"| {' | '.join(cells)} |")
        lines.append("")
    return lines


def render_markdown(plan: Plan) -> str:
    """`ojcli plan --format md`: a heading naming the unit and survey, then the plan."""
    head = [
        f"# {pw.PLAN}: {md(plan.unit_name)}",
        "",
        f"{md(plan.title)} · kommunkod {plan.municipality_code} · mätdatum "
        f"{plan.reference_date.isoformat()} · {plan.today.isoformat()}",
        "",
    ]
    body = markdown_section(plan)[2:]  # the document's own heading names the plan
    return "\n".join([*head, *body, "Skapad med ojcli."]) + "\n"


# --- HTML (a section of the report) -------------------------------------------------------------

HTML_CSS = """
table.plan { table-layout: fixed; }
table.plan .c-date { width: 6.4em; }
table.plan .c-ind { width: 30%; }
table.plan .c-note { width: 24%; }
table.plan .overdue { color: #a11a12; font-weight: 700; }
table.plan .suggestion { color: #333; font-style: italic; }
table.plan .owner { display: block; }
""".strip()
_HTML_COLUMNS = (pw.DATE, "Indikator", pw.DECISION, pw.NOTE)


def html_section(plan: Plan) -> list[str]:
    """The plan as a report section: a table per section; each table stacks on a phone."""
    body = ['<section id="handlingsplan">', f"<h2>{pw.PLAN}</h2>", f"<p>{h(plan.summary)}</p>"]
    if not plan.entries:
        return [*body, f"<p>{e(pw.NO_ENTRIES)}</p>", "</section>"]
    for name, title, entries in plan.sections():
        body += [f"<h3>{h(title)}</h3>"]
        if pw.SECTION_INTROS[name]:
            body.append(f'<p class="sub">{h(pw.SECTION_INTROS[name])}</p>')
        body += [
            '<table class="plan stack">',
            '<colgroup><col class="c-date"><col class="c-ind"><col><col class="c-note"></colgroup>',
            "<thead><tr>" + "".join(f"<th>{e(c)}</th>" for c in _HTML_COLUMNS) + "</tr></thead>",
            "<tbody>",
        ]
        body += [_html_row(x) for x in entries]
        body += ["</tbody>", "</table>"]
    return [*body, "</section>"]


def _html_row(x: PlanEntry) -> str:
    overdue = ' class="overdue"' if x.overdue else ""
    date = f"<time{overdue}>{h(_iso(x.date))}</time>" if x.date else ""
    indicator = (
        f'<strong>{h(x.title)}</strong><br><span class="state {x.state.value}">{e(x.label)}</span>'
    )
    decision = h(decision_line(x))
    if x.owner:
        decision += f'<span class="owner">{e(pw.OWNER)}: {h(x.owner)}</span>'
    if not x.decision:
        decision += f'<br><span class="suggestion">{e(WOULD_MEET)}: {h(x.suggestion)}</span>'
    cells = [
        (pw.DATE, date),
        ("Indikator", indicator),
        (pw.DECISION, decision),
        (pw.NOTE, h(x.note)),
    ]
    return (
        "<tr>"
        + "".join(f'<td data-label="{e(k)}">{v}</td>' if v else "<td></td>" for k, v in cells)
        + "</tr>"
    )


# --- JSON ----------------------------------------------------------------------------------------


def entry_data(x: PlanEntry) -> dict[str, Any]:
    """One plan entry as the JSON formats give it."""
    return {
        "id": x.id,
        "title": x.title,
        "state": x.state.value,
        "state_text": STATE_WORDS[x.state],
        "section": x.section,
        "decision": x.decision or None,
        "decision_text": x.decision_text,
        "action": x.action,
        "owner": x.owner,
        "due": _iso(x.due) or None,
        "reason": x.reason,
        "lapses_on": _iso(x.lapses_on) or None,
        "date": _iso(x.date) or None,
        "overdue": x.overdue,
        "note": x.note,
        "suggestion": x.suggestion,
    }


def plan_data(plan: Plan) -> dict[str, Any]:
    """The plan as `ojcli plan --format json` gives it (`format` = `ojcli-plan`, version 1)."""
    return {
        "format": "ojcli-plan",
        "format_version": PLAN_FORMAT_VERSION,
        "year": plan.year,
        "title": plan.title,
        "unit": {"name": plan.unit_name, "municipality_code": plan.municipality_code},
        "reference_date": plan.reference_date.isoformat(),
        "today": plan.today.isoformat(),
        "decided": plan.decided,
        "undecided": len(plan.undecided),
        "entries": [entry_data(x) for x in plan.entries],
    }
