"""Many answers files as Markdown, HTML and CSV: pure `ManyComparison -> str`, no verdicts computed.

Each survey year is one matrix: units (grouped by county) × indicators, a state symbol in
every cell, the number met per unit, and the share meeting each indicator in the county, in
the whole group and in the country. The words come from `ojcli.report.wording`.
"""

from __future__ import annotations

import csv
import io

from ojcli.compare.many import Column, Failure, ManyComparison, Tally, YearMatrix
from ojcli.report import wording as w
from ojcli.report.markup import e, md
from ojcli.scoring import STATE_WORDS, State


def heading(m: YearMatrix) -> str:
    """E.g. "2019 – Öppna jämförelser … 2019 (20 enheter)"."""
    return w.year_heading(m.year, m.title, len(m.rows))


def files_line(c: ManyComparison) -> str:
    """How many files were compared, failed and skipped, in one Swedish sentence."""
    return w.files_line(c.units, c.files, len(c.failures), c.skipped)


def failure_problems(f: Failure) -> list[str]:
    """What was wrong with a file, for a document: no command hints (its readers run no ojcli)."""
    return [w.without_commands(line.strip()) for line in f.lines[1:]]


# --- Markdown ------------------------------------------------------------------------------------


def _md_year(m: YearMatrix) -> list[str]:
    numbers = " | ".join(str(n) for n in range(1, len(m.columns) + 1))
    lines = [
        f"## {md(heading(m))}",
        "",
        w.survey_line(w.reference_date(m.reference_date), m.questionnaire_id),
        "",
        f"| {w.UNIT} | {w.CODE} | {numbers} | {w.STATE_PLURALS[State.MET]} |",
        "|---|---|" + ":-:|" * len(m.columns) + "---:|",
    ]
    blank = " | ".join("" for _ in m.columns)
    several = len(m.counties) > 1
    for county in m.counties:
        lines.append(f"| **{md(county.name)}** | {county.code} | {blank} | |")
        for row in county.rows:
            cells = " | ".join(w.SYMBOLS[s] for s in row.states)
            lines.append(
                f"| {md(row.unit.name)} | {row.unit.municipality_code} | {cells} "
                f"| {w.count(row.met, row.applicable)} |"
            )
        if several:
            shares = " | ".join(w.group_share(t.share) for t in county.tallies)
            lines.append(f"| *{w.share_in(md(county.name))}* | | {shares} | |")
    shares = " | ".join(w.group_share(t.share) for t in m.tallies)
    lines.append(f"| **{w.GROUP_SHARE}** | | {shares} | |")
    national = " | ".join(w.share_text(c.national) for c in m.columns)
    lines.append(f"| **{w.NATIONAL}** | | {national} | |")
    symbols = " | ".join(w.SYMBOLS[s] for s in w.SYMBOL_ORDER)
    lines += [
        "",
        f"| {w.NUMBER} | {w.INDICATOR} | {symbols} | {w.GROUP_SHARE} | {w.NATIONAL} |",
        "|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for n, (col, t) in enumerate(zip(m.columns, m.tallies, strict=True), 1):
        lines.append(
            f"| {n} | {md(col.title)} (`{col.id}`) | {t.met} | {t.not_met} | {t.incomplete} "
            f"| {t.not_applicable} | {w.group_share(t.share)} | {w.share_text(col.national)} |"
        )
    return lines


def render_markdown(c: ManyComparison) -> str:
    """All years as Markdown tables, then the legend, notes and the files that failed."""
    lines = [f"# {w.COMPARISON_TITLE}", "", files_line(c)]
    for m in c.years:
        lines += ["", *_md_year(m)]
    lines += ["", w.COMPARISON_LEGEND]
    if c.notes:
        lines += ["", f"## {w.NOTES_HEADING}", ""] + [f"- {md(n)}" for n in c.notes]
    if c.failures:
        lines += ["", f"## {w.failures_heading(len(c.failures))}", ""]
        for f in c.failures:
            lines.append(f"- `{f.path}`")
            lines += [f"  - {md(line)}" for line in failure_problems(f)]
    return "\n".join(lines) + "\n"


# --- HTML ----------------------------------------------------------------------------------------

_CSS = """
body { font-family: system-ui, sans-serif; margin: 2rem; color: #222; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border: 1px solid #ccc; padding: .25rem .5rem; }
th { background: #f3f3f3; }
td.s { text-align: center; }
td.met { background: #dff0d8; } td.not_met { background: #f8d7da; }
td.incomplete { background: #fff3cd; } td.not_applicable { color: #777; }
tr.county th { text-align: left; background: #e8eef7; }
tr.share td, tr.share th { font-style: italic; }
td.n { text-align: right; }
"""


def _html_year(m: YearMatrix) -> list[str]:
    head = "".join(f'<th title="{e(col.title)}">{n}</th>' for n, col in enumerate(m.columns, 1))
    width = len(m.columns) + 3
    survey = w.survey_line(w.reference_date(m.reference_date), e(m.questionnaire_id))
    out = [
        f"<h2>{e(heading(m))}</h2>",
        f"<p>{survey}</p>",
        "<table>",
        f"<thead><tr><th>{w.UNIT}</th><th>{w.CODE}</th>{head}"
        f"<th>{w.STATE_PLURALS[State.MET]}</th></tr></thead>",
        "<tbody>",
    ]
    for county in m.counties:
        out.append(f'<tr class="county"><th colspan="{width}">{e(county.name)}</th></tr>')
        for row in county.rows:
            cells = "".join(
                f'<td class="s {s.value}" title="{e(STATE_WORDS[s])}">{w.SYMBOLS[s]}</td>'
                for s in row.states
            )
            out.append(
                f"<tr><td>{e(row.unit.name)}</td><td>{e(row.unit.municipality_code)}</td>"
                f'{cells}<td class="n">{w.count(row.met, row.applicable)}</td></tr>'
            )
        if len(m.counties) > 1:
            out.append(_html_share_row(w.share_in(county.name), county.tallies))
    out.append(_html_share_row(w.GROUP_SHARE, m.tallies))
    national = "".join(f'<td class="n">{e(w.share_text(c.national))}</td>' for c in m.columns)
    symbols = "".join(f"<th>{w.SYMBOLS[s]}</th>" for s in w.SYMBOL_ORDER)
    out += [
        f'<tr class="share"><th colspan="2">{w.NATIONAL}</th>{national}<td></td></tr>',
        "</tbody></table>",
        f"<table><thead><tr><th>{w.NUMBER}</th><th>{w.INDICATOR}</th>{symbols}"
        f"<th>{w.GROUP_SHARE}</th><th>{w.NATIONAL}</th></tr></thead><tbody>",
    ]
    for n, (col, t) in enumerate(zip(m.columns, m.tallies, strict=True), 1):
        out.append(
            f'<tr><td class="n">{n}</td><td>{e(col.title)} <code>{e(col.id)}</code></td>'
            f'<td class="n">{t.met}</td><td class="n">{t.not_met}</td>'
            f'<td class="n">{t.incomplete}</td><td class="n">{t.not_applicable}</td>'
            f'<td class="n">{e(w.group_share(t.share))}</td>'
            f'<td class="n">{e(w.share_text(col.national))}</td></tr>'
        )
    out.append("</tbody></table>")
    return out


def _html_share_row(label: str, tallies: tuple[Tally, ...]) -> str:
    cells = "".join(f'<td class="n">{e(w.group_share(t.share))}</td>' for t in tallies)
    return f'<tr class="share"><th colspan="2">{e(label)}</th>{cells}<td></td></tr>'


def render_html(c: ManyComparison) -> str:
    """A standalone HTML page: one matrix per year, the legend, notes and failed files."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="sv"><head><meta charset="utf-8">',
        f"<title>{w.COMPARISON_TITLE}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>{w.COMPARISON_TITLE}</h1>",
        f"<p>{e(files_line(c))}</p>",
    ]
    for m in c.years:
        out += _html_year(m)
    out.append(f"<p>{e(w.COMPARISON_LEGEND)}</p>")
    if c.notes:
        out += [f"<h2>{w.NOTES_HEADING}</h2>", "<ul>"]
        out += [f"<li>{e(n)}</li>" for n in c.notes]
        out.append("</ul>")
    if c.failures:
        out += [f"<h2>{w.failures_heading(len(c.failures))}</h2>", "<ul>"]
        for f in c.failures:
            details = "<br>".join(e(line) for line in failure_problems(f))
            out.append(f"<li><code>{e(f.path)}</code><br>{details}</li>")
        out.append("</ul>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


# --- CSV -----------------------------------------------------------------------------------------
# The same dialect as `ojcli report`'s CSV (report/one/csv.py), made for Swedish Excel: a byte
# order mark, semicolons, decimal commas, CRLF, and no cell that Excel would run as a formula.

CSV_FIXED = [
    "Rad",
    w.YEAR,
    w.QUESTIONNAIRE,
    w.COUNTY_CODE,
    w.COUNTY,
    w.MUNICIPALITY_CODE,
    w.MUNICIPALITY,
]
CSV_FIXED += [w.UNIT, w.FILE]
ROW_KINDS = {"unit": "enhet", "county": "län", "group": "grupp", "national": "riket"}


def _all_columns(c: ManyComparison) -> list[Column]:
    seen: dict[str, Column] = {}
    for m in c.years:
        for col in m.columns:
            seen.setdefault(col.id, col)
    return list(seen.values())


def render_csv(c: ManyComparison) -> str:
    """One row per unit, then per year the shares in percent, under one header.

    The column `Rad` says what a row is: `enhet` (the state of each indicator in words),
    `län`, `grupp` or `riket` (the share meeting it, in percent). Indicator columns are the
    union over the years, by id; a cell is empty where a year has no such indicator.
    """
    from ojcli.report.one.csv import BOM, DELIMITER, cell

    ids = [col.id for col in _all_columns(c)]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=DELIMITER, lineterminator="\r\n")
    writer.writerow([*CSV_FIXED, *ids, w.STATE_PLURALS[State.MET], w.APPLICABLE])
    for m in c.years:
        index = {col.id: n for n, col in enumerate(m.columns)}
        base = [str(m.year), m.questionnaire_id]
        for row in m.rows:
            u = row.unit
            who = [u.county_code, u.county_name, u.municipality_code, cell(u.municipality_name)]
            who += [cell(u.unit), cell(str(row.path))]
            states = _spread(ids, index, [STATE_WORDS[s] for s in row.states])
            writer.writerow([ROW_KINDS["unit"], *base, *who, *states, row.met, row.applicable])
        summaries = [
            ("county", county.code, county.name, [_csv_share(t) for t in county.tallies])
            for county in m.counties
        ]
        summaries.append(("group", "", "", [_csv_share(t) for t in m.tallies]))
        national = [
            "" if col.national is None else w.decimal(col.national.percent) for col in m.columns
        ]
        summaries.append(("national", "", "", national))
        for kind, code, name, values in summaries:
            shares = _spread(ids, index, values)
            writer.writerow([ROW_KINDS[kind], *base, code, name, "", "", "", "", *shares, "", ""])
    return BOM + buffer.getvalue()


def _spread(ids: list[str], index: dict[str, int], values: list[str]) -> list[str]:
    """A year's values in the union's column order; empty where the year lacks the indicator."""
    return [values[index[i]] if i in index else "" for i in ids]


def _csv_share(t: Tally) -> str:
    share = w.machine_percent(t.share)
    return "" if share is None else w.decimal(share)
