"""Rich renderables for `ojcli compare` and `ojcli compare-many` in the terminal.

Imported only when one of those commands draws to the terminal, so rich is imported at the
top. The Markdown/HTML/CSV module (`ojcli.report.compare.text`) is imported only by the
`compare-many` views: `compare` does not need it.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from ojcli.compare.pair import Shift
from ojcli.report import wording as w
from ojcli.report.model import STATE_STYLES
from ojcli.report.published import carried_heading, dated_share, national_row
from ojcli.scoring import STATE_WORDS, State

if TYPE_CHECKING:
    from ojcli.compare.many import ManyComparison, YearMatrix
    from ojcli.compare.pair import Comparison, IndicatorChange


def shows_unicode(console: Console) -> bool:
    """Whether the console's encoding has the symbols ✓ ✗ – and →; else ASCII stands in."""
    return (console.encoding or "").lower().startswith("utf")


def _symbol(state: State | None, unicode: bool) -> Text:
    if state is None:
        return Text(" ")
    return Text((w.SYMBOLS if unicode else w.ASCII_SYMBOLS)[state], style=STATE_STYLES[state])


def _hanging(marker: Text, lines: list[RenderableType]) -> Table:
    """`marker` with `lines` beside it: wrapped lines stay under the first word, not the marker."""
    grid = Table.grid(padding=(0, 1), pad_edge=False)
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row(marker, Group(*lines))
    return grid


# --- ojcli compare ---------------------------------------------------------------------------------


def render_comparison_view(c: Comparison, unicode: bool = True) -> RenderableType:
    """Two files compared, for the terminal: indicators by how they moved, then changed answers."""
    oy, ny = c.old.questionnaire.year, c.new.questionnaire.year
    arrow = "->" if not unicode else "→"
    before, after = c.old.answers.unit_name, c.new.answers.unit_name
    title = (
        f"{after}: {oy} {arrow} {ny}" if before == after else f"{before} {oy} {arrow} {after} {ny}"
    )
    parts: list[RenderableType] = [
        Text(title, style="bold"),
        _hanging(
            Text("Gammal:", style="dim"), [Text(f"{c.old_path} – {c.old.summary}", style="dim")]
        ),
        _hanging(Text("Ny:", style="dim"), [Text(f"{c.new_path} – {c.new.summary}", style="dim")]),
    ]
    for side, report in (("Gammal", c.old), ("Ny", c.new)):
        p = report.questionnaire.preparation
        if p is not None:
            text = w.preliminary_side(side, report.questionnaire.year, p.based_on_years)
            parts.append(Text(text, style="bold yellow"))
    parts += [Text(note, style="yellow") for note in c.notes]
    titles = {
        Shift.NEWLY_MET: "Nyss uppfyllda",
        Shift.NEWLY_NOT_MET: "Inte längre uppfyllda",
        Shift.CHANGED: "Annan ändring",
        Shift.UNCHANGED: "Oförändrade",
        Shift.ONLY_OLD: f"Bara i enkäten {oy}",
        Shift.ONLY_NEW: f"Nya i enkäten {ny}",
    }
    groups: list[tuple[str, list[IndicatorChange]]] = []
    for shift, changes in c.by_shift():
        if shift is Shift.ONLY_NEW:  # carried into a prepared year: assumed, not new
            carried = {ch.new.indicator.carried_from for ch in changes if ch.new is not None}
            for year in sorted(y for y in carried if y is not None):
                same = [ch for ch in changes if ch.new and ch.new.indicator.carried_from == year]
                groups.append((carried_heading(year, ny), same))
            changes = [
                ch for ch in changes if ch.new is None or ch.new.indicator.carried_from is None
            ]
            if not changes:
                continue
        groups.append((titles[shift], changes))
    for title, changes in groups:
        shift = changes[0].shift
        parts += [Text(""), Text(f"{title} ({len(changes)})", style="bold underline")]
        for ch in changes:
            marker = Text("  ")
            marker.append_text(_symbol(ch.old_state, unicode))
            marker.append(f" {arrow} ")
            marker.append_text(_symbol(ch.new_state, unicode))
            name = Text(ch.title)
            if shift is Shift.CHANGED and ch.old_state and ch.new_state:
                words = f"{STATE_WORDS[ch.old_state]} {arrow} {STATE_WORDS[ch.new_state].lower()}"
                name.append(f" ({words})", style="dim")
            lines: list[RenderableType] = [name]
            if shift is Shift.NEWLY_NOT_MET and ch.new is not None:
                lines += [
                    Text(f"{w.REASON_LABELS[State.NOT_MET]}: {reason}", style="dim")
                    for reason in ch.new.reasons
                ]
            lines += [Text(note, style="cyan") for note in ch.notes]
            parts.append(_hanging(marker, lines))
    both = [a for a in c.answers if a.in_both]
    parts += [Text(""), Text(f"Ändrade svar ({len(both)})", style="bold underline")]
    if not both:
        parts.append(Text("  Inga svar skiljer sig.", style="dim"))
    else:
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        table.add_column(w.QUESTION)
        table.add_column(str(oy) if oy != ny else "Gammal")
        table.add_column(str(ny) if oy != ny else "Ny")
        for a in both:
            table.add_row(
                Text(a.name[:1].upper() + a.name[1:]),
                _answer_text(a.old_text, a.old_status),
                _answer_text(a.new_text, a.new_status),
            )
        parts.append(table)
    only_old = sum(1 for a in c.answers if not a.in_both and a.old is not None)
    only_new = sum(1 for a in c.answers if not a.in_both and a.new is not None)
    if only_old or only_new:
        parts.append(
            Text(
                f"Dessutom {only_old} svar på frågor som bara finns {oy} och {only_new} på frågor "
                f"som bara finns {ny}; de jämförs inte (--format json visar dem).",
                style="dim",
            )
        )
    if c.followed_up:
        parts += _followed_up(c, oy, unicode)
    return Group(*parts)


def _followed_up(c: Comparison, oy: int, unicode: bool) -> list[RenderableType]:
    """The old plan's actions: carried out (the indicator is met now) or not."""
    from ojcli.report.plan_words import followed_up_heading, followed_up_text

    done = sum(1 for f in c.followed_up if f.carried_out)
    parts: list[RenderableType] = [
        Text(""),
        Text(followed_up_heading(oy, done, len(c.followed_up)), style="bold underline"),
    ]
    for f in c.followed_up:
        marker = Text("  ")
        marker.append_text(_symbol(f.new_state, unicode))
        text = followed_up_text(f.carried_out, f.new_state is None, f.action, f.owner, f.due)
        parts.append(_hanging(marker, [Text(f.title), Text(text, style="dim")]))
    return parts


def _answer_text(text: str | None, status: str | None) -> Text:
    """An answer, or why there is none ("obesvarad", "ställs inte") as the comparison says."""
    if text is not None:
        return Text(text)
    return Text(w.STATUS_WORDS[status or "unanswered"], style="dim")


# --- ojcli compare-many ----------------------------------------------------------------------------


def render_many_view(
    result: ManyComparison, unicode: bool = True, width: int = 100
) -> RenderableType:
    """Many files compared, for the terminal: a count of the files, each year's view, the legend."""
    from ojcli.report.compare.text import files_line

    parts: list[RenderableType] = [Text(files_line(result), style="bold")]
    for m in result.years:
        parts += [Text(""), render_year_view(m, unicode, width)]
    if result.years:
        parts.append(Text(w.COMPARISON_LEGEND, style="dim"))
    parts += [Text(note, style="yellow") for note in result.notes]
    return Group(*parts)


def render_year_view(m: YearMatrix, unicode: bool = True, width: int = 100) -> RenderableType:
    """One year's matrix for the terminal, and below it the indicators with counts and shares."""
    from ojcli.report.compare.text import heading

    def percents(values: list[float | None]) -> list[str]:
        return [w.MISSING if v is None else str(w.round_percent(v)) for v in values]

    group = percents([t.share for t in m.tallies])
    national = [
        w.MISSING if c.national is None else w.decimal(c.national.percent) for c in m.columns
    ]
    counties = [percents([t.share for t in county.tallies]) for county in m.counties]
    # Every indicator column as wide as the widest cell of any ("100", "28"): an even grid,
    # as many columns side by side per table as fit.
    cells = [str(len(m.columns)), *group, *national, *(share for c in counties for share in c)]
    cell_width = max(2, *(len(c) for c in cells))
    met_width = len(w.STATE_PLURALS[State.MET])
    # The national shares' year in the row's label when it is not the survey year's.
    national_label = national_row(m.year, [c.national for c in m.columns])
    labels = [w.in_percent(w.GROUP_SHARE), national_label, w.in_percent(w.share_in("länet"))]
    labels += [PLANNED_ROW] if m.planned else []
    labels += [county.name or UNKNOWN_COUNTY for county in m.counties]
    name_width = _name_width([r.unit.name for r in m.rows], labels, width)
    chunks = _tables(len(m.columns), cell_width, met_width, width - name_width)
    several = len(m.counties) > 1
    tables: list[RenderableType] = []
    for chunk in chunks:
        matrix = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=0)
        # Nothing wraps: a unit's name is one line (cut with "…" only past `_name_width`), and
        # symbols, codes, shares and counts keep their width, the same in every table.
        matrix.add_column(w.UNIT, width=name_width, no_wrap=True, overflow="ellipsis")
        matrix.add_column(w.CODE, no_wrap=True, min_width=CODE_WIDTH)
        for i in chunk:
            matrix.add_column(str(i + 1), justify="center", no_wrap=True, min_width=cell_width)
        last = chunk is chunks[-1]
        if last:
            matrix.add_column(w.STATE_PLURALS[State.MET], justify="right", no_wrap=True)
        for county, county_shares in zip(m.counties, counties, strict=True):
            matrix.add_row(Text(county.name or UNKNOWN_COUNTY, style="bold"), county.code)
            for row in county.rows:
                matrix.add_row(
                    Text(row.unit.name),
                    row.unit.municipality_code,
                    *(_symbol(row.states[i], unicode) for i in chunk),
                    *([w.count(row.met, row.applicable)] if last else []),
                )
            if several:
                matrix.add_row(
                    Text(w.in_percent(w.share_in("länet")), style="italic"),
                    "",
                    *(county_shares[i] for i in chunk),
                    end_section=True,
                )
        matrix.add_row(
            Text(w.in_percent(w.GROUP_SHARE), style="bold"), "", *(group[i] for i in chunk)
        )
        matrix.add_row(Text(national_label, style="bold"), "", *(national[i] for i in chunk))
        if m.planned:  # how many units' plans act on each indicator (a network's common goals)
            matrix.add_row(Text(PLANNED_ROW, style="bold"), "", *(str(m.planned[i]) for i in chunk))
        tables += [matrix, Text("")] if len(chunks) > 1 else [matrix]

    legend = _indicator_legend(m, unicode, width)
    preliminary = w.preliminary_text(m.year, m.based_on_years) if m.preliminary else ""
    return Group(
        Text(heading(m), style="bold underline"),
        Text(w.reference_date(m.reference_date), style="dim"),
        *([Text(preliminary, style="bold yellow")] if preliminary else []),
        *tables,
        *([] if len(chunks) > 1 else [Text("")]),
        legend,
        Text(""),
    )


PLANNED_ROW = "Planerar åtgärd (enheter)"
UNKNOWN_COUNTY = "Okänt län"
CODE_WIDTH = 4  # a municipality code
NAME_SHARE = 0.4  # of the terminal's width, the most a unit's name takes before it is cut


def _tables(columns: int, cell: int, met: int, room: int) -> list[list[int]]:
    """The indicator columns split into tables of equal size that fit beside the unit column.

    `room` is what the unit column leaves; each table has the code and its columns, the last
    the met count too, each after a one-character separator.
    """
    if not columns:
        return [[]]
    room -= 1 + CODE_WIDTH
    tables = math.ceil(columns / max(1, room // (cell + 1)))
    size = math.ceil(columns / tables)
    while size > 1 and (columns - size * (tables - 1)) * (cell + 1) + 1 + met > room:
        tables += 1
        size = math.ceil(columns / tables)
    return [list(range(start, min(start + size, columns))) for start in range(0, columns, size)]


def _name_width(names: list[str], labels: list[str], width: int) -> int:
    """The unit column: as wide as the longest name, up to 40 % of the width.

    Never narrower than its labels ("Andel i riket, senast kända år, %"), which are always
    whole. The indicators get the rest, as many tables of numbered columns as they need. A name
    wider than that is cut with "…" on its one line, never folded over several.
    """
    longest = max((len(n) for n in names), default=0)
    return max(len(w.UNIT), *(len(x) for x in labels), min(longest, int(width * NAME_SHARE)))


NARROW_LEGEND = 72  # below this width each indicator's counts go under its title


def _indicator_legend(m: YearMatrix, unicode: bool, width: int) -> RenderableType:
    """The indicators by number, with counts per state and the shares in the group and country."""
    symbols = w.SYMBOLS if unicode else w.ASCII_SYMBOLS
    rows = [
        (
            str(n),
            col.title,
            [str(t.met), str(t.not_met), str(t.incomplete), str(t.not_applicable)],
            w.group_share(t.share),
            dated_share(col.national, m.year),
        )
        for n, (col, t) in enumerate(zip(m.columns, m.tallies, strict=True), 1)
    ]
    if width < NARROW_LEGEND:  # a table would leave the title a column too narrow to read
        number_width = len(str(len(rows)))
        items: list[RenderableType] = []
        for number, title, counts, group, national in rows:
            states = "  ".join(
                f"{symbols[s]} {c}" for s, c in zip(w.SYMBOL_ORDER, counts, strict=True)
            )
            shares = Text(f"Gruppen {group}  {w.NATIONAL} {national}", style="dim")
            lines: list[RenderableType] = [Text(title), Text(states, style="dim"), shares]
            items.append(_hanging(Text(number.rjust(number_width)), lines))
        return Group(*items)
    legend = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1))
    legend.add_column(w.NUMBER, justify="right")
    legend.add_column(w.INDICATOR)
    for state in w.SYMBOL_ORDER:
        legend.add_column(symbols[state], justify="right")
    legend.add_column("Gruppen", justify="right", no_wrap=True)
    legend.add_column(w.NATIONAL, justify="right", no_wrap=True)
    for number, title, counts, group, national in rows:
        legend.add_row(number, Text(title), *counts, group, national)
    return legend
