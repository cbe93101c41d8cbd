"""The report as CSV for Excel: pure `Report -> str`, one row per indicator (or question).

Made for Swedish Excel: UTF-8 with a byte order mark (so å ä ö show), semicolons between
fields, decimal commas, CRLF line ends. Cells holding several items (reasons, changes)
put one item per line inside the quoted cell. Text that a spreadsheet would run as a
formula (starting with = + - @) gets a leading apostrophe.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ojcli.report import plan_words as pw
from ojcli.report import published as pub
from ojcli.report import wording as w
from ojcli.report.model import Report
from ojcli.scoring.verdicts import STATE_WORDS

if TYPE_CHECKING:
    from ojcli.report.plan import Plan

BOM = "\ufeff"
DELIMITER = ";"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

REPORT_COLUMNS = (
    w.THEME,
    "Indikator-id",
    w.INDICATOR,
    pub.KOLADA_COLUMN,
    w.STATUS,
    "Skäl",
    w.WOULD_MEET,
    w.ADVICE,
    w.ANSWERS_USED,
    "Kommentarer",
    "Riket, år",
    "Riket, andel (%)",
    "Riket, ungefärligt",
    "Källa",
    w.ASSUMPTIONS,
    "Aktuell t.o.m.",
    w.LAPSING,
    w.PRELIMINARY,
    w.ABOUT_QUESTIONNAIRE,
)
ANSWER_COLUMNS = (
    w.NUMBER,
    "Avsnitt",
    "Fråga-id",
    w.QUESTION,
    w.ANSWER,
    w.STATUS,
    w.COMMENT,
    "Villkor",
    w.PRELIMINARY,
    w.ABOUT_QUESTIONNAIRE,
)


def cell(text: str) -> str:
    """Text as a spreadsheet shows it, never as a formula."""
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def _lines(items: Iterable[str]) -> str:
    return "\n".join(cell(i) for i in items)


def _table(header: tuple[str, ...], rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=DELIMITER, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return BOM + buffer.getvalue()


def _preliminary(r: Report) -> str:
    return "" if r.preliminary is None else cell(r.preliminary.text)


def _notices(r: Report) -> str:
    """The notices about the questionnaire file, in every row as the preliminary mark is."""
    return _lines(r.document_notices)


def render(r: Report) -> str:
    """One row per indicator in questionnaire order, then one per value reported without a verdict.

    The plan's decision is in the last columns. A reported value has its value under "Skäl" and
    the state "Redovisas": never met or not met, and no plan.
    """
    rows = []
    for i in r.indicators:
        share = i.share
        rows.append(
            [
                cell(i.theme_title),
                i.id,
                cell(i.title),
                ", ".join(i.kolada),
                i.state_text,
                _lines(i.reasons),
                _lines(c.text for c in i.changes),
                cell(i.advice) if i.is_open else "",
                _lines(f"{a.name}: {a.display}" for a in i.answers),
                _lines(f"{a.name}: {a.comment}" for a in i.answers if a.comment),
                "" if share is None else str(share.year),
                "" if share is None else w.decimal(share.percent),
                "" if share is None else ("nej" if share.basis == "stated" else "ja"),
                cell(i.source),
                _lines(i.assumed),
                "" if i.holds_until is None else w.date_text(i.holds_until),
                "" if i.holds_until is None else ("ja" if i.lapses_before_reference else "nej"),
                _preliminary(r),
                _notices(r),
                *_plan_cells(r.plan, i.id),
            ]
        )
    for v in r.reported:
        value = f"{v.text} ({v.detail})" if v.percent is not None else v.text
        answers = _lines(f"{a.name}: {a.display}" for a in v.answers)
        row = ["", v.id, cell(v.title), ", ".join(v.kolada), pub.REPORTED_STATE, cell(value)]
        row += ["", "", answers]
        row += [""] * (len(REPORT_COLUMNS) - len(row) - 1) + [_preliminary(r)]
        rows.append(row + [""] * len(PLAN_COLUMNS))
    return _table((*REPORT_COLUMNS, *PLAN_COLUMNS), rows)


def render_answers(r: Report) -> str:
    """One row per question in survey order, with answer and comment."""
    rows = [
        [
            str(q.number),
            cell(section.title),
            q.id,
            cell(q.text),
            "" if q.value is None else cell(q.display),
            w.STATUS_WORDS[q.status],
            cell(q.comment),
            cell(q.condition),
            _preliminary(r),
            _notices(r),
        ]
        for section in r.sheet
        for q in section.questions
    ]
    return _table(ANSWER_COLUMNS, rows)


# --- the plan ------------------------------------------------------------------------------------

PLAN_CSV_COLUMNS = (
    "Del",
    pw.DATE,
    "Indikator-id",
    "Indikator",
    "Status",
    pw.DECISION,
    pw.ACTION,
    pw.OWNER,
    pw.DUE,
    pw.REASON,
    "Aktuell t.o.m.",  # the last day a lapsing routine counts, as the report's CSV has it
    "Försenad",
    pw.NOTE,
    w.WOULD_MEET,
)
# The columns a report's CSV row per indicator gains (empty for an indicator without a decision).
PLAN_COLUMNS = (pw.DECISION, pw.ACTION, pw.OWNER, pw.DUE, f"{pw.REASON} (beslut)")


def _iso(day: dt.date | None) -> str:
    return "" if day is None else day.isoformat()


def _plan_cells(plan: Plan | None, indicator_id: str) -> list[str]:
    """The plan's cells on a report CSV row: decision, action, owner, due, reason."""
    x = None if plan is None else next((x for x in plan.entries if x.id == indicator_id), None)
    if x is None or not x.decision:
        return [""] * len(PLAN_COLUMNS)
    return [x.decision_text, cell(x.action), cell(x.owner), _iso(x.due), cell(x.reason)]


def render_plan(plan: Plan) -> str:
    """`ojcli plan --format csv`: one row per entry, in the plan's order."""
    titles = {name: title for name, title, _ in plan.sections()}
    rows = [
        [
            cell(titles[x.section]),
            _iso(x.date),
            x.id,
            cell(x.title),
            STATE_WORDS[x.state],
            x.decision_text,
            cell(x.action),
            cell(x.owner),
            _iso(x.due),
            cell(x.reason),
            _iso(x.lapses_on and x.lapses_on - dt.timedelta(days=1)),
            "ja" if x.overdue else "nej",
            cell(x.note),
            cell(x.suggestion),
        ]
        for x in plan.entries
    ]
    return _table(PLAN_CSV_COLUMNS, rows)
