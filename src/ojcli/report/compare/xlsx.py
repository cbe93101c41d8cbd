"""Many answers files as an Excel workbook: an overview sheet, one matrix sheet per year.

Pure `ManyComparison -> bytes`. Needs openpyxl, the optional extra `xlsx`; it is
imported only when a workbook is made, so the rest of ojcli neither needs nor loads it.
The workbook is written in openpyxl's streaming (write-only) mode, so 30,000 rows stay cheap.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from ojcli.compare.many import ManyComparison, Tally, YearMatrix
from ojcli.report import wording as w
from ojcli.report.compare.text import PLANNED, failure_problems, files_line, preliminary_line
from ojcli.scoring import STATE_WORDS, State

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

FILLS = {  # Excel's own light green / red / yellow, and grey
    State.MET: "C6EFCE",
    State.NOT_MET: "FFC7CE",
    State.INCOMPLETE: "FFEB9C",
    State.NOT_APPLICABLE: "EDEDED",
}
BASIS_WORDS = {"stated": "angiven", "inferred": "härledd", "approximate": "ungefärlig"}
OVERVIEW = "Översikt"
FAILED = "Ej lästa filer"
UNIT_COLUMNS = [w.COUNTY, w.COUNTY_CODE, w.MUNICIPALITY_CODE, w.MUNICIPALITY, w.UNIT, w.FILE]


def render_xlsx(c: ManyComparison) -> bytes:
    """The workbook as bytes: "Översikt", a sheet per survey year, and the failed files if any."""
    try:
        from openpyxl import Workbook
    except ImportError:
        from ojcli import messages

        raise messages.missing_openpyxl() from None
    wb = Workbook(write_only=True)
    styles = _Styles()
    _overview(wb.create_sheet(OVERVIEW), c, styles)
    for m in c.years:
        number, versions = m.version
        _year(wb.create_sheet(f"{m.year} v{number}" if versions > 1 else str(m.year)), m, styles)
    if c.failures:
        ws = wb.create_sheet(FAILED)
        _widths(ws, [50, 100])
        _append(ws, styles.header(ws, [w.FILE, "Fel"]))
        for f in c.failures:
            _append(ws, [str(f.path), "\n".join(failure_problems(f))])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


class _Styles:
    """The few cell styles the workbook uses, made once."""

    def __init__(self) -> None:
        from openpyxl.styles import Alignment, Font, PatternFill

        self.bold = Font(bold=True)
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.fills = {
            s: PatternFill("solid", start_color=rgb, end_color=rgb) for s, rgb in FILLS.items()
        }

    def header(self, ws: WriteOnlyWorksheet, values: list[str]) -> list[Cell]:
        """A bold, wrapped header row."""
        from openpyxl.cell import WriteOnlyCell

        row = []
        for value in values:
            cell = WriteOnlyCell(ws, value=value)
            cell.font, cell.alignment = self.bold, self.wrap
            row.append(cell)
        return row

    def state(self, ws: WriteOnlyWorksheet, state: State) -> Cell:
        """A verdict in words on its colour (words, so it can be filtered and read without colour)."""
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(ws, value=STATE_WORDS[state])
        cell.fill = self.fills[state]
        return cell


def _overview(ws: WriteOnlyWorksheet, c: ManyComparison, styles: _Styles) -> None:
    """Per year and indicator: the counts, the share in the group and in the country."""
    _widths(ws, [8, 30, 60, 28, 11, 11, 11, 11, 12, 10, 10, 12, 14])
    ws.freeze_panes = "A4"
    _append(ws, styles.header(ws, [w.COMPARISON_TITLE]))
    _append(ws, [files_line(c)])
    columns = [w.YEAR, w.INDICATOR, "Titel", w.THEME, *(w.STATE_PLURALS[s] for s in w.SYMBOL_ORDER)]
    columns += [w.in_percent(w.GROUP_SHARE), w.in_percent(w.NATIONAL), f"{w.NATIONAL}, år"]
    columns.append(f"{w.NATIONAL}, grund")
    planned = any(m.planned for m in c.years)
    columns += [PLANNED] if planned else []  # only when some file has a plan, as elsewhere
    _append(ws, styles.header(ws, columns))
    for m in c.years:
        acting = m.planned or (0,) * len(m.columns)
        for col, t, units in zip(m.columns, m.tallies, acting, strict=True):
            n = col.national
            counts = [t.met, t.not_met, t.incomplete, t.not_applicable]
            national = [None] * 3 if n is None else [n.percent, n.year, BASIS_WORDS[n.basis]]
            group = w.machine_percent(t.share)
            year = f"{m.year} v{m.version[0]}" if m.version[1] > 1 else m.year
            row = [year, col.id, col.title, col.theme, *counts, group, *national]
            _append(ws, [*row, units] if planned else row)
    _append(ws, [])
    _append(ws, [w.COMPARISON_LEGEND])
    for m in c.years:
        if m.preliminary:
            _append(ws, [f"{m.year}: {preliminary_line(m)}"])
    for note in c.notes:
        _append(ws, [note])


def _year(ws: WriteOnlyWorksheet, m: YearMatrix, styles: _Styles) -> None:
    """Units × indicators with state words on coloured cells, then the shares."""
    fixed = len(UNIT_COLUMNS)
    _widths(ws, [18, 8, 10, 18, 18, 30] + [16] * len(m.columns) + [10, 10])
    ws.freeze_panes = f"{_letter(fixed)}3"  # unit columns and the two header rows stay put
    titles = [col.title for col in m.columns]
    met = w.STATE_PLURALS[State.MET]
    _append(ws, styles.header(ws, [*UNIT_COLUMNS, *titles, met, w.APPLICABLE]))
    _append(ws, [""] * (fixed - 1) + ["Indikator-id", *(col.id for col in m.columns)])
    for row in m.rows:
        u = row.unit
        unit = [u.county_name, u.county_code, u.municipality_code, u.municipality_name, u.unit]
        states = [styles.state(ws, s) for s in row.states]
        _append(ws, [*unit, str(row.path), *states, row.met, row.applicable])
    _append(ws, [])
    pad = [""] * (fixed - 2)
    for county in m.counties:
        label = f"Andel uppfyllda i {county.name}, %"
        _append(ws, [label, county.code, *pad, *_shares(county.tallies)])
    _append(ws, [w.in_percent(w.GROUP_SHARE), "", *pad, *_shares(m.tallies)])
    national: list[Any] = [None if c.national is None else c.national.percent for c in m.columns]
    _append(ws, [w.in_percent(w.NATIONAL), "", *pad, *national])
    years: list[Any] = [None if c.national is None else c.national.year for c in m.columns]
    _append(ws, [f"{w.NATIONAL}, år", "", *pad, *years])
    if m.planned:  # how many units' plans act on each indicator (a network's common goals)
        _append(ws, [PLANNED, "", *pad, *m.planned])
    if m.preliminary:
        _append(ws, [])
        _append(ws, [preliminary_line(m)])
    if m.version_text:
        _append(ws, [])
        _append(ws, [f"{m.year}, {m.version_text}"])


def _shares(tallies: tuple[Tally, ...]) -> list[float | None]:
    return [w.machine_percent(t.share) for t in tallies]


def _append(ws: WriteOnlyWorksheet, values: list[Any]) -> None:
    """Add a row; text that starts with = stays text (openpyxl would store it as a formula)."""
    from openpyxl.cell import WriteOnlyCell

    row = []
    for value in values:
        if isinstance(value, str) and value.startswith("="):
            value = WriteOnlyCell(ws, value=value)
            value.data_type = "s"
        row.append(value)
    ws.append(row)


def _widths(ws: WriteOnlyWorksheet, widths: list[int]) -> None:
    # Write-only sheets have column_dimensions (set before the first row); the stubs miss it.
    for n, width in enumerate(widths):
        ws.column_dimensions[_letter(n)].width = width  # type: ignore[attr-defined]


def _letter(index: int) -> str:
    """Spreadsheet column letters for a 0-based index (0 → A, 25 → Z, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
