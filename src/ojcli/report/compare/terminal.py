"""Rich renderables for `ojcli compare` and `ojcli compare-many` in the terminal.

Imported only when one of those commands draws to the terminal, so rich is imported at the
top. The Markdown/HTML/CSV module (`ojcli.report.compare.text`) is imported only by the
`compare-many` views: `compare` does not need it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ojcli.compare.pair import SHIFT_WORDS, Shift
from ojcli.report import wording as w
from ojcli.report.model import STATE_STYLES
from ojcli.scoring import STATE_WORDS, State

if TYPE_CHECKING:
    from ojcli.compare.many import ManyComparison, YearMatrix
    from ojcli.compare.pair import Comparison


def shows_unicode(console: Console) -> bool:
    """Whether the console's encoding has the symbols ✓ ✗ – and →; else ASCII stands in."""
    return (console.encoding or "").lower().startswith("utf")


def _symbol(state: State | None, unicode: bool) -> Text:
    if state is None:
        return Text(" ")
    return Text((w.SYMBOLS if unicode else w.ASCII_SYMBOLS)[state], style=STATE_STYLES[state])


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
        Text(f"Gammal: {c.old_path} – {c.old.summary}", style="dim"),
        Text(f"Ny: {c.new_path} – {c.new.summary}", style="dim"),
    ]
    parts += [Text(note, style="yellow") for note in c.notes]
    titles = {
        **SHIFT_WORDS,
        Shift.ONLY_OLD: f"Bara i enkäten {oy}",
        Shift.ONLY_NEW: f"Nya i enkäten {ny}",
    }
    for shift, changes in c.by_shift():
        parts += [Text(""), Text(f"{titles[shift]} ({len(changes)})", style="bold underline")]
        for ch in changes:
            line = Text("  ")
            line.append_text(_symbol(ch.old_state, unicode))
            line.append(f" {arrow} ")
            line.append_text(_symbol(ch.new_state, unicode))
            line.append(f"  {ch.title}")
            if shift is Shift.CHANGED and ch.old_state and ch.new_state:
                words = f"{STATE_WORDS[ch.old_state]} {arrow} {STATE_WORDS[ch.new_state].lower()}"
                line.append(f" ({words})", style="dim")
            parts.append(line)
            if shift is Shift.NEWLY_NOT_MET and ch.new is not None:
                for reason in ch.new.reasons:
                    why = f"{w.REASON_LABELS[State.NOT_MET]}: {reason}"
                    parts.append(Padding(Text(why, style="dim"), (0, 0, 0, 9)))
            for note in ch.notes:
                parts.append(Padding(Text(note, style="cyan"), (0, 0, 0, 9)))
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
    return Group(*parts)


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

    matrix = Table(
        box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1), collapse_padding=True
    )
    # Only the unit name may shrink (with …); symbols, codes and counts keep their width.
    name_width = max(18, min(34, width - 4 * len(m.columns) - 20))
    matrix.add_column(w.UNIT, no_wrap=True, max_width=name_width, overflow="ellipsis")
    matrix.add_column(w.CODE, no_wrap=True, min_width=4)
    for n in range(1, len(m.columns) + 1):
        matrix.add_column(str(n), justify="center", no_wrap=True, min_width=2)
    matrix.add_column(w.STATE_PLURALS[State.MET], justify="right", no_wrap=True, min_width=9)

    def percents(values: list[float | None]) -> list[str]:
        return [w.MISSING if v is None else str(w.round_percent(v)) for v in values]

    several = len(m.counties) > 1
    for county in m.counties:
        matrix.add_row(Text(county.name or "Okänt län", style="bold"), county.code)
        for row in county.rows:
            matrix.add_row(
                Text(row.unit.name),
                row.unit.municipality_code,
                *(_symbol(s, unicode) for s in row.states),
                w.count(row.met, row.applicable),
            )
        if several:
            matrix.add_row(
                Text(w.in_percent(w.share_in("länet")), style="italic"),
                "",
                *percents([t.share for t in county.tallies]),
                end_section=True,
            )
    matrix.add_row(
        Text(w.in_percent(w.GROUP_SHARE), style="bold"), "", *percents([t.share for t in m.tallies])
    )
    matrix.add_row(
        Text(w.in_percent(w.share_in("riket")), style="bold"),
        "",
        *(w.MISSING if c.national is None else w.decimal(c.national.percent) for c in m.columns),
    )

    legend = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1))
    legend.add_column(w.NUMBER, justify="right")
    legend.add_column(w.INDICATOR)
    symbols = w.SYMBOLS if unicode else w.ASCII_SYMBOLS
    for state in w.SYMBOL_ORDER:
        legend.add_column(symbols[state], justify="right")
    legend.add_column("Gruppen", justify="right", no_wrap=True)
    legend.add_column(w.NATIONAL, justify="right", no_wrap=True)
    for n, (col, t) in enumerate(zip(m.columns, m.tallies, strict=True), 1):
        legend.add_row(
            str(n),
            Text(col.title),
            str(t.met),
            str(t.not_met),
            str(t.incomplete),
            str(t.not_applicable),
            w.group_share(t.share),
            w.share_text(col.national),
        )
    return Group(
        Text(heading(m), style="bold underline"),
        Text(w.reference_date(m.reference_date), style="dim"),
        matrix,
        Text(""),
        legend,
        Text(""),
    )
