"""Many answers files as Markdown, HTML and CSV: pure `ManyComparison -> str`, no verdicts computed.

Each survey year is one matrix: units (grouped by county) × indicators, a state symbol in
every cell, the number met per unit, and the share meeting each indicator in the county, in
the whole group and in the country.
"""

from __future__ import annotations

import csv
import html
import io
import re

from ojcli.compare.many import Column, ManyComparison, Tally, YearMatrix
from ojcli.model.questionnaire import NationalShare
from ojcli.report.wording import SYMBOLS, round_percent
from ojcli.scoring import STATE_WORDS

LEGEND = (
    "Tecken: ✓ uppfylld, ✗ ej uppfylld, ? ofullständig (svar saknas), – ej tillämplig. "
    "Andelen räknas på de enheter som indikatorn gäller; ofullständiga räknas som ej uppfyllda. "
    "Riket: andel av landets kommuner som uppfyllde indikatorn samma år, där en källa anger det "
    "(≈ = ungefärligt eller härlett)."
)


def share_text(tally: Tally) -> str:
    """E.g. "60 %", or "–" when the indicator applies to no unit."""
    return "–" if tally.share is None else f"{round_percent(tally.share)} %"


def national_text(share: NationalShare | None) -> str:
    """E.g. "59 %" or "≈53 %"; "–" when no source gives the year's share."""
    if share is None:
        return "–"
    return f"{'≈' if share.basis != 'stated' else ''}{share.percent:g} %"


def heading(m: YearMatrix) -> str:
    """E.g. "2019 – Öppna jämförelser … 2019 (20 enheter)"."""
    n = len(m.rows)
    return f"{m.year} – {m.title} ({n} {'enhet' if n == 1 else 'enheter'})"


def files_line(c: ManyComparison) -> str:
    """How many files were compared, failed and skipped, in one Swedish sentence."""
    text = f"{c.units} av {c.files} filer jämförda"
    if c.failures:
        text += f", {len(c.failures)} kunde inte läsas"
    if c.skipped:
        text += f", {c.skipped} gäller andra år"
    return text + "."


# --- Markdown ------------------------------------------------------------------------------------

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#&])")


def _md(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _md_year(m: YearMatrix) -> list[str]:
    numbers = " | ".join(str(n) for n in range(1, len(m.columns) + 1))
    lines = [
        f"## {_md(heading(m))}",
        "",
        f"Mätdatum {m.reference_date.isoformat()} · Enkät: {m.questionnaire_id}",
        "",
        f"| Enhet | Kod | {numbers} | Uppfyllda |",
        "|---|---|" + ":-:|" * len(m.columns) + "---:|",
    ]
    blank = " | ".join("" for _ in m.columns)
    several = len(m.counties) > 1
    for county in m.counties:
        lines.append(f"| **{_md(county.name)}** | {county.code} | {blank} | |")
        for row in county.rows:
            cells = " | ".join(SYMBOLS[s] for s in row.states)
            lines.append(
                f"| {_md(row.unit.name)} | {row.unit.municipality_code} | {cells} "
                f"| {row.met} av {row.applicable} |"
            )
        if several:
            shares = " | ".join(share_text(t) for t in county.tallies)
            lines.append(f"| *Andel i {_md(county.name)}* | | {shares} | |")
    lines.append(f"| **Andel i gruppen** | | {' | '.join(share_text(t) for t in m.tallies)} | |")
    lines.append(f"| **Riket** | | {' | '.join(national_text(c.national) for c in m.columns)} | |")
    lines += [
        "",
        "| Nr | Indikator | ✓ | ✗ | ? | – | Andel i gruppen | Riket |",
        "|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for n, (col, t) in enumerate(zip(m.columns, m.tallies, strict=True), 1):
        lines.append(
            f"| {n} | {_md(col.title)} (`{col.id}`) | {t.met} | {t.not_met} | {t.incomplete} "
            f"| {t.not_applicable} | {share_text(t)} | {national_text(col.national)} |"
        )
    return lines


def render_markdown(c: ManyComparison) -> str:
    """All years as Markdown tables, then the legend, notes and the files that failed."""
    lines = ["# Jämförelse av svarsfiler", "", files_line(c)]
    for m in c.years:
        lines += ["", *_md_year(m)]
    lines += ["", LEGEND]
    if c.notes:
        lines += ["", "## Att observera", ""] + [f"- {_md(n)}" for n in c.notes]
    if c.failures:
        lines += ["", f"## Filer som inte kunde läsas ({len(c.failures)})", ""]
        for f in c.failures:
            lines.append(f"- `{f.path}`")
            lines += [f"  - {_md(line.strip())}" for line in f.lines[1:]]
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


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _html_year(m: YearMatrix) -> list[str]:
    head = "".join(f'<th title="{_e(col.title)}">{n}</th>' for n, col in enumerate(m.columns, 1))
    width = len(m.columns) + 3
    out = [
        f"<h2>{_e(heading(m))}</h2>",
        f"<p>Mätdatum {m.reference_date.isoformat()} · Enkät: {_e(m.questionnaire_id)}</p>",
        "<table>",
        f"<thead><tr><th>Enhet</th><th>Kod</th>{head}<th>Uppfyllda</th></tr></thead>",
        "<tbody>",
    ]
    for county in m.counties:
        out.append(f'<tr class="county"><th colspan="{width}">{_e(county.name)}</th></tr>')
        for row in county.rows:
            cells = "".join(
                f'<td class="s {s.value}" title="{_e(STATE_WORDS[s])}">{SYMBOLS[s]}</td>'
                for s in row.states
            )
            out.append(
                f"<tr><td>{_e(row.unit.name)}</td><td>{_e(row.unit.municipality_code)}</td>"
                f'{cells}<td class="n">{row.met} av {row.applicable}</td></tr>'
            )
        if len(m.counties) > 1:
            out.append(_html_share_row(f"Andel i {county.name}", county.tallies))
    out.append(_html_share_row("Andel i gruppen", m.tallies))
    national = "".join(f'<td class="n">{_e(national_text(c.national))}</td>' for c in m.columns)
    out += [
        f'<tr class="share"><th colspan="2">Riket</th>{national}<td></td></tr>',
        "</tbody></table>",
        "<table><thead><tr><th>Nr</th><th>Indikator</th><th>✓</th><th>✗</th><th>?</th>"
        "<th>–</th><th>Andel i gruppen</th><th>Riket</th></tr></thead><tbody>",
    ]
    for n, (col, t) in enumerate(zip(m.columns, m.tallies, strict=True), 1):
        out.append(
            f'<tr><td class="n">{n}</td><td>{_e(col.title)} <code>{_e(col.id)}</code></td>'
            f'<td class="n">{t.met}</td><td class="n">{t.not_met}</td>'
            f'<td class="n">{t.incomplete}</td><td class="n">{t.not_applicable}</td>'
            f'<td class="n">{_e(share_text(t))}</td><td class="n">{_e(national_text(col.national))}</td></tr>'
        )
    out.append("</tbody></table>")
    return out


def _html_share_row(label: str, tallies: tuple[Tally, ...]) -> str:
    cells = "".join(f'<td class="n">{_e(share_text(t))}</td>' for t in tallies)
    return f'<tr class="share"><th colspan="2">{_e(label)}</th>{cells}<td></td></tr>'


def render_html(c: ManyComparison) -> str:
    """A standalone HTML page: one matrix per year, the legend, notes and failed files."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="sv"><head><meta charset="utf-8">',
        "<title>Jämförelse av svarsfiler</title>",
        f"<style>{_CSS}</style></head><body>",
        "<h1>Jämförelse av svarsfiler</h1>",
        f"<p>{_e(files_line(c))}</p>",
    ]
    for m in c.years:
        out += _html_year(m)
    out.append(f"<p>{_e(LEGEND)}</p>")
    if c.notes:
        out += ["<h2>Att observera</h2>", "<ul>"]
        out += [f"<li>{_e(n)}</li>" for n in c.notes]
        out.append("</ul>")
    if c.failures:
        out += [f"<h2>Filer som inte kunde läsas ({len(c.failures)})</h2>", "<ul>"]
        for f in c.failures:
            details = "<br>".join(_e(line.strip()) for line in f.lines[1:])
            out.append(f"<li><code>{_e(f.path)}</code><br>{details}</li>")
        out.append("</ul>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


# --- CSV -----------------------------------------------------------------------------------------
# The same dialect as `ojcli report`'s CSV (report/csv.py), made for Swedish Excel: a byte
# order mark, semicolons, decimal commas, CRLF, and no cell that Excel would run as a formula.

CSV_FIXED = ["Rad", "År", "Enkät", "Länskod", "Län", "Kommunkod", "Kommun", "Enhet", "Fil"]
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
    writer.writerow([*CSV_FIXED, *ids, "Uppfyllda", "Tillämpliga"])
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
            "" if col.national is None else _decimal(col.national.percent) for col in m.columns
        ]
        summaries.append(("national", "", "", national))
        for kind, code, name, values in summaries:
            shares = _spread(ids, index, values)
            writer.writerow([ROW_KINDS[kind], *base, code, name, "", "", "", "", *shares, "", ""])
    return BOM + buffer.getvalue()


def _spread(ids: list[str], index: dict[str, int], values: list[str]) -> list[str]:
    """A year's values in the union's column order; empty where the year lacks the indicator."""
    return [values[index[i]] if i in index else "" for i in ids]


def _decimal(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def _csv_share(t: Tally) -> str:
    return "" if t.share is None else _decimal(round(t.share, 1))
