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
from ojcli.report.markup import e, h, ident, md
from ojcli.report.page import page
from ojcli.report.published import dated_share
from ojcli.scoring import STATE_WORDS, State

PLANNED = "Planerar åtgärd (antal enheter)"  # a row only when some file has a plan


def heading(m: YearMatrix) -> str:
    """E.g. "2019 – Öppna jämförelser … 2019 (20 enheter)", with the version when a year has several."""
    version = f", {m.version_text}" if m.version_text else ""
    return w.year_heading(m.year, m.title + version, len(m.rows))


def questionnaire_cell(m: YearMatrix) -> str:
    """The questionnaire of a row: its id, and which version when its year has several."""
    return f"{m.questionnaire_id} ({m.version_text})" if m.version_text else m.questionnaire_id


def preliminary_line(m: YearMatrix) -> str:
    """That a year's questionnaire is preliminary and what it rests on; empty when it is not."""
    return w.preliminary_text(m.year, m.based_on_years) if m.preliminary else ""


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
        *([f"> **{md(preliminary_line(m))}**", ""] if m.preliminary else []),
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
    national = " | ".join(dated_share(c.national, m.year) for c in m.columns)
    lines.append(f"| **{w.NATIONAL}** | | {national} | |")
    if m.planned:
        planned = " | ".join(str(n) for n in m.planned)
        lines.append(f"| **{PLANNED}** | | {planned} | |")
    symbols = " | ".join(w.SYMBOLS[s] for s in w.SYMBOL_ORDER)
    lines += [
        "",
        f"| {w.NUMBER} | {w.INDICATOR} | {symbols} | {w.GROUP_SHARE} | {w.NATIONAL} |",
        "|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for n, (col, t) in enumerate(zip(m.columns, m.tallies, strict=True), 1):
        lines.append(
            f"| {n} | {md(col.title)} (`{col.id}`) | {t.met} | {t.not_met} | {t.incomplete} "
            f"| {t.not_applicable} | {w.group_share(t.share)} | {dated_share(col.national, m.year)} |"
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

# The shared page (fonts, A4, tables on a phone) is `ojcli.report.page`; this is the matrix's own.
# On paper the page is turned: 28 indicator columns were cut off at the right edge of A4
# portrait (from column 15), and fit whole across A4 landscape.
_CSS = """
@page { size: A4 landscape; }
table.matrix th, table.matrix td { border: 1px solid #bbb; padding: .2em .4em; }
table.matrix th { background: #f3f3f3; border-bottom: 2px solid #111; }
table.matrix tbody th { border-bottom: 1px solid #bbb; }
table.matrix td.s { text-align: center; }
td.met { background: #dff0d8; } td.not_met { background: #f8d7da; }
td.incomplete { background: #fff3cd; } td.not_applicable { color: #555; }
tr.county th, tr.county td { text-align: left; background: #e8eef7; }
tr.share td, tr.share th { font-style: italic; }
td.n { text-align: right; white-space: nowrap; }
td.n.dated { white-space: normal; }
table.matrix .u { position: sticky; left: 0; z-index: 1; background: #fff;
  min-width: 11em; max-width: 18em; box-shadow: inset -2px 0 0 #bbb; }
table.matrix th.u { background: #f3f3f3; }
table.matrix tr.county .u { background: #e8eef7; }
@media print { table.matrix { font-size: 9pt; } table.matrix .u { position: static; } }
@media screen and (max-width: 40rem) {
  table.stack td.nr { font-weight: 700; }
  table.matrix .u { min-width: 0; max-width: none; overflow-wrap: normal; }
}
"""


def _html_year(m: YearMatrix) -> list[str]:
    head = "".join(f'<th title="{e(col.title)}">{n}</th>' for n, col in enumerate(m.columns, 1))
    width = len(m.columns) + 3
    survey = w.survey_line(h(w.reference_date(m.reference_date)), ident(m.questionnaire_id))
    out = [
        f"<h2>{h(heading(m))}</h2>",
        f'<p class="meta">{survey}</p>',
        *([f'<p class="preliminary">{h(preliminary_line(m))}</p>'] if m.preliminary else []),
        '<div class="scroll"><table class="matrix">',
        f'<thead><tr><th class="u">{w.UNIT}</th><th>{w.CODE}</th>{head}'
        f"<th>{w.STATE_PLURALS[State.MET]}</th></tr></thead>",
        "<tbody>",
    ]
    for county in m.counties:
        out.append(
            f'<tr class="county"><th class="u">{h(county.name)}</th><td colspan="{width - 1}"></td></tr>'
        )
        for row in county.rows:
            cells = "".join(
                f'<td class="s {s.value}" title="{e(STATE_WORDS[s])}">{w.SYMBOLS[s]}</td>'
                for s in row.states
            )
            out.append(
                f'<tr><td class="u">{h(row.unit.name)}</td><td>{h(row.unit.municipality_code)}</td>'
                f'{cells}<td class="n">{w.count(row.met, row.applicable)}</td></tr>'
            )
        if len(m.counties) > 1:
            out.append(_html_share_row(w.share_in(county.name), county.tallies))
    out.append(_html_share_row(w.GROUP_SHARE, m.tallies))
    national = "".join(
        f'<td class="n dated">{_dated(dated_share(c.national, m.year))}</td>' for c in m.columns
    )
    symbols = "".join(f'<th class="num">{w.SYMBOLS[s]}</th>' for s in w.SYMBOL_ORDER)
    planned = "".join(f'<td class="n">{n}</td>' for n in m.planned)
    out += [
        f'<tr class="share"><th class="u">{w.NATIONAL}</th><td></td>{national}<td></td></tr>',
        *(
            [f'<tr class="share"><th class="u">{PLANNED}</th><td></td>{planned}<td></td></tr>']
            if m.planned
            else []
        ),
        "</tbody></table></div>",
        f'<table class="stack"><thead><tr><th class="num">{w.NUMBER}</th><th>{w.INDICATOR}</th>'
        f'{symbols}<th class="num">{w.GROUP_SHARE}</th><th class="num">{w.NATIONAL}</th></tr></thead>'
        "<tbody>",
    ]
    for n, (col, t) in enumerate(zip(m.columns, m.tallies, strict=True), 1):
        counts = "".join(
            f'<td class="num inline" data-label="{w.SYMBOLS[s]}">{c}</td>'
            for s, c in zip(
                w.SYMBOL_ORDER, (t.met, t.not_met, t.incomplete, t.not_applicable), strict=True
            )
        )
        out.append(
            f'<tr><td class="num nr">{n}</td><td>{h(col.title)} <code>{h(col.id)}</code></td>{counts}'
            f'<td class="num inline" data-label="{w.GROUP_SHARE}">{h(w.group_share(t.share))}</td>'
            f'<td class="num inline" data-label="{w.NATIONAL}">{h(dated_share(col.national, m.year))}</td></tr>'
        )
    out.append("</tbody></table>")
    return out


def _dated(share: str) -> str:
    """A share with its year, "≈73 % (2020)", free to break before the year only."""
    value, space, year = share.partition(" (")
    if not space:
        return f'<span class="nowrap">{h(share)}</span>'
    return f'<span class="nowrap">{h(value)}</span> <span class="nowrap">({h(year)}</span>'


def _html_share_row(label: str, tallies: tuple[Tally, ...]) -> str:
    cells = "".join(f'<td class="n">{h(w.group_share(t.share))}</td>' for t in tallies)
    return f'<tr class="share"><th class="u">{h(label)}</th><td></td>{cells}<td></td></tr>'


def render_html(c: ManyComparison) -> str:
    """A standalone HTML page: one matrix per year, the legend, notes and failed files."""
    out = [f"<h1>{w.COMPARISON_TITLE}</h1>", f'<p class="summary">{h(files_line(c))}</p>']
    for m in c.years:
        out += _html_year(m)
    out.append(f'<p class="legend">{h(w.COMPARISON_LEGEND)}</p>')
    if c.notes:
        out += [f"<h2>{w.NOTES_HEADING}</h2>", "<ul>"]
        out += [f"<li>{h(n)}</li>" for n in c.notes]
        out.append("</ul>")
    if c.failures:
        out += [f"<h2>{w.failures_heading(len(c.failures))}</h2>", "<ul>"]
        for f in c.failures:
            details = "<br>".join(h(line) for line in failure_problems(f))
            out.append(f"<li><code>{h(f.path)}</code><br>{details}</li>")
        out.append("</ul>")
    out.append(f"<footer><p>{w.MADE_BY}</p></footer>")
    running = " ".join(f"{m.year}: {preliminary_line(m)}" for m in c.years if m.preliminary)
    return page(w.COMPARISON_TITLE, out, _CSS, running)


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
ROW_KINDS = {
    "unit": "enhet",
    "county": "län",
    "group": "grupp",
    "national": "riket",
    "national_year": "riket, år",
    "planned": "planerar åtgärd",  # how many units' plans act on it; only when some file has one
}


def _all_columns(c: ManyComparison) -> list[Column]:
    seen: dict[str, Column] = {}
    for m in c.years:
        for col in m.columns:
            seen.setdefault(col.id, col)
    return list(seen.values())


def render_csv(c: ManyComparison) -> str:
    """One row per unit, then per year the shares in percent, under one header.

    The column `Rad` says what a row is: `enhet` (the state of each indicator in words),
    `län`, `grupp` or `riket` (the share meeting it, in percent), or `riket, år` (the year of
    each national share: the survey year's, else the latest known). Indicator columns are the
    union over the years, by id; a cell is empty where a year has no such indicator. The last
    column, `Preliminär`, says so for a year whose questionnaire is a prepared one.
    """
    from ojcli.report.one.csv import BOM, DELIMITER, cell

    ids = [col.id for col in _all_columns(c)]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=DELIMITER, lineterminator="\r\n")
    writer.writerow([*CSV_FIXED, *ids, w.STATE_PLURALS[State.MET], w.APPLICABLE, w.PRELIMINARY])
    for m in c.years:
        index = {col.id: n for n, col in enumerate(m.columns)}
        base = [str(m.year), cell(questionnaire_cell(m))]
        preliminary = cell(preliminary_line(m))
        for row in m.rows:
            u = row.unit
            who = [u.county_code, u.county_name, u.municipality_code, cell(u.municipality_name)]
            who += [cell(u.unit), cell(str(row.path))]
            states = _spread(ids, index, [STATE_WORDS[s] for s in row.states])
            writer.writerow(
                [ROW_KINDS["unit"], *base, *who, *states, row.met, row.applicable, preliminary]
            )
        summaries = [
            ("county", county.code, county.name, [_csv_share(t) for t in county.tallies])
            for county in m.counties
        ]
        summaries.append(("group", "", "", [_csv_share(t) for t in m.tallies]))
        national = [
            "" if col.national is None else w.decimal(col.national.percent) for col in m.columns
        ]
        summaries.append(("national", "", "", national))
        years = ["" if col.national is None else str(col.national.year) for col in m.columns]
        summaries.append(("national_year", "", "", years))
        if m.planned:
            summaries.append(("planned", "", "", [str(n) for n in m.planned]))
        for kind, code, name, values in summaries:
            shares = _spread(ids, index, values)
            blank = ["", "", "", ""]  # municipality code and name, unit, file
            writer.writerow(
                [ROW_KINDS[kind], *base, code, name, *blank, *shares, "", "", preliminary]
            )
    return BOM + buffer.getvalue()


def _spread(ids: list[str], index: dict[str, int], values: list[str]) -> list[str]:
    """A year's values in the union's column order; empty where the year lacks the indicator."""
    return [values[index[i]] if i in index else "" for i in ids]


def _csv_share(t: Tally) -> str:
    share = w.machine_percent(t.share)
    return "" if share is None else w.decimal(share)
