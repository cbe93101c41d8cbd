"""`ojcli compare` (two answers files) and `ojcli compare-many` (a group of them), with their terminal views.

Imports only typer, sys and typing helpers at the top, for start-up; the loader, the
comparison, the renderers and even tempfile are imported when a command runs.
"""

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ojcli.cli import app, reports_errors
from ojcli.errors import EXIT_INPUT, EXIT_PARTIAL, OjcliError, UsageError, WriteError

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text

    from ojcli.aggregate import Comparison, ManyComparison, YearMatrix
    from ojcli.scoring import State


class CompareFormat(StrEnum):
    """Output formats of `ojcli compare`."""

    text = "text"
    json = "json"


class ManyFormat(StrEnum):
    """Output formats of `ojcli compare-many`."""

    table = "table"
    md = "md"
    html = "html"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


SUFFIXES = {
    ".md": ManyFormat.md,
    ".html": ManyFormat.html,
    ".htm": ManyFormat.html,
    ".json": ManyFormat.json,
    ".csv": ManyFormat.csv,
    ".xlsx": ManyFormat.xlsx,
}


# --- ojcli compare ---------------------------------------------------------------------------------


@app.command()
@reports_errors
def compare(
    old: Annotated[Path, typer.Argument(metavar="GAMMAL", help="Den tidigare svarsfilen.")],
    new: Annotated[Path, typer.Argument(metavar="NY", help="Den senare svarsfilen.")],
    format: Annotated[
        CompareFormat,
        typer.Option("--format", "-f", help="text för terminalen, json för program."),
    ] = CompareFormat.text,
) -> None:
    """Jämför två svarsfiler: nyss uppfyllda, inte längre uppfyllda och oförändrade indikatorer, och ändrade svar.

    Filerna kan gälla olika enkätår; indikatorerna matchas på id och det anges där
    definitionen har ändrats mellan åren.

    Exempel: ojcli compare svar-2023.toml svar-2024.toml    ojcli compare gammal.toml ny.toml --format json
    """
    from ojcli.aggregate import compare_files

    comparison = compare_files(old, new)
    if format is CompareFormat.json:
        from ojcli.report.aggregate_json import render_comparison

        sys.stdout.write(render_comparison(comparison))
        return
    from ojcli.console import out

    console = out()
    console.print(render_comparison_view(comparison, _unicode(console)))


def _unicode(console: "Console") -> bool:
    return (console.encoding or "").lower().startswith("utf")


def _symbol(state: "State | None", unicode: bool) -> "Text":
    from rich.text import Text

    from ojcli.report.model import ASCII_SYMBOLS, STATE_STYLES, SYMBOLS

    if state is None:
        return Text(" ")
    return Text((SYMBOLS if unicode else ASCII_SYMBOLS)[state], style=STATE_STYLES[state])


def render_comparison_view(c: "Comparison", unicode: bool = True) -> "RenderableType":
    """Two files compared, for the terminal: indicators by how they moved, then changed answers."""
    from rich import box
    from rich.console import Group
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    from ojcli.aggregate import SHIFT_WORDS, Shift
    from ojcli.scoring import STATE_WORDS

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
                    parts.append(Padding(Text(f"Varför: {reason}", style="dim"), (0, 0, 0, 9)))
            for note in ch.notes:
                parts.append(Padding(Text(note, style="cyan"), (0, 0, 0, 9)))
    both = [a for a in c.answers if a.in_both]
    parts += [Text(""), Text(f"Ändrade svar ({len(both)})", style="bold underline")]
    if not both:
        parts.append(Text("  Inga svar skiljer sig.", style="dim"))
    else:
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        table.add_column("Fråga")
        table.add_column(str(oy) if oy != ny else "Gammal")
        table.add_column(str(ny) if oy != ny else "Ny")
        for a in both:
            table.add_row(
                Text(a.name[:1].upper() + a.name[1:]),
                Text(a.old_text or "obesvarad", style="" if a.old_text else "dim"),
                Text(a.new_text or "obesvarad", style="" if a.new_text else "dim"),
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


# --- ojcli compare-many ----------------------------------------------------------------------------


@app.command("compare-many")
@reports_errors
def compare_many(
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="MAPP_ELLER_FILER...",
            help="Svarsfiler, eller mappar där alla .toml-filer (även i undermappar) läses.",
        ),
    ],
    year: Annotated[
        int | None,
        typer.Option("--year", "-y", help="Jämför bara filerna för detta enkätår."),
    ] = None,
    format: Annotated[
        ManyFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="table (terminalen), md, html, json, csv eller xlsx. Standard: efter filändelsen i -o, annars table.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FIL", help="Skriv till en fil i stället för till skärmen."
        ),
    ] = None,
) -> None:
    """Jämför många svarsfiler: vem som uppfyller vad, andelen i gruppen bredvid andelen i riket.

    En matris per enkätår med enheterna ordnade efter län (från kommunkoden), antal
    uppfyllda per enhet och andelen uppfyllda per indikator i länet, gruppen och riket.
    En fil som inte kan läsas listas med sitt fel; de andra jämförs ändå (slutkod 1).
    Excel (xlsx) kräver tillägget: pip install 'ojcli[xlsx]'.

    Exempel: ojcli compare-many svar/    ojcli compare-many svar/ --year 2024 -o län.xlsx    ojcli compare-many a.toml b.toml --format json
    """
    fmt = _choose_format(format, output)
    if year is not None:
        _check_year(year)
    from ojcli.aggregate import compare_many as compare

    files, empty = answer_files(paths)
    result = compare(files, year)
    if empty:
        from ojcli.aggregate import Failure, ManyComparison

        missing = tuple(
            Failure(d, (f"Kunde inte läsa mappen {d}:", "  inga svarsfiler (.toml) i mappen"))
            for d in empty
        )
        result = ManyComparison(
            result.years,
            missing + result.failures,
            result.files + len(empty),
            result.skipped,
            result.notes,
        )
    if fmt is ManyFormat.table:
        _print_table(result)
    else:
        _emit(_render(result, fmt), output)
    _report_failures(result, year)


def _choose_format(fmt: ManyFormat | None, output: Path | None) -> ManyFormat:
    named = SUFFIXES.get(output.suffix.lower()) if output is not None else None
    if output is not None:
        if output.suffix.lower() in (".toml", ".bak"):
            raise UsageError(
                f"{output} ser ut som en svarsfil; ojcli skriver inte jämförelser till .toml- eller .bak-filer."
            )
        if fmt is ManyFormat.table or (fmt is None and named is None):
            raise UsageError(
                f"Ange formatet för {output} med --format md, html, json, csv eller xlsx "
                "(eller ge filen en sådan ändelse)."
            )
        if fmt is not None and named is not None and fmt is not named:
            raise UsageError(
                f"Filen {output} slutar på {output.suffix}, men formatet är {fmt.value}. Byt filnamn eller --format."
            )
    return fmt or named or ManyFormat.table


def _check_year(year: int) -> None:
    from ojcli.loading import list_questionnaires

    years = [info.year for info in list_questionnaires()]
    if year not in years:
        raise UsageError(
            f"Det finns ingen enkät för {year}. Tillgängliga år: {', '.join(map(str, years))}."
        )


def answer_files(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """The files to compare, and the directories given that hold none.

    A directory stands for every `.toml` file below it, in name order, leaving out hidden
    files and folders (such as `.venv`); a file is taken as given, even if it is missing, so
    that the comparison can report it.
    """
    files: list[Path] = []
    empty: list[Path] = []
    for path in paths:
        if not path.is_dir():
            files.append(path)
            continue
        found = sorted(
            p
            for p in path.rglob("*.toml")
            if not any(part.startswith(".") for part in p.relative_to(path).parts)
        )
        files += found
        if not found:
            empty.append(path)
    return files, empty


def _render(result: "ManyComparison", fmt: ManyFormat) -> str | bytes:
    if fmt is ManyFormat.json:
        from ojcli.report.aggregate_json import render_matrix

        return render_matrix(result)
    if fmt is ManyFormat.xlsx:
        from ojcli.report.aggregate_xlsx import render_xlsx

        return render_xlsx(result)
    from ojcli.report import aggregate_text

    renderer = {
        ManyFormat.md: aggregate_text.render_markdown,
        ManyFormat.html: aggregate_text.render_html,
        ManyFormat.csv: aggregate_text.render_csv,
    }[fmt]
    return renderer(result)


def _emit(data: str | bytes, output: Path | None) -> None:
    """Write to the output file atomically, or to stdout (bytes only when it is not a terminal)."""
    if output is None:
        if isinstance(data, str):
            sys.stdout.write(data)
            return
        if sys.stdout.isatty():
            raise UsageError(
                "En Excel-fil kan inte visas i terminalen. Ange en fil: --output jämförelse.xlsx"
            )
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    if output.is_dir():
        raise UsageError(
            f"{output} är en mapp; ange ett filnamn, t.ex. {output / 'jämförelse.xlsx'}."
        )
    _write_atomic(output, data.encode("utf-8") if isinstance(data, str) else data)
    from ojcli.console import err

    err().print(f"Skrev {output}.", style="dim")


def _write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` via a temporary file in the same folder and `os.replace`."""
    import contextlib
    import os
    import tempfile

    tmp = ""
    try:
        fd, tmp = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".tmp", dir=path.resolve().parent
        )
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)  # noqa: PTH105 - the atomic-replace contract is os.replace's
        tmp = ""
    except OSError as exc:
        raise WriteError(
            f"Kunde inte skriva {path}: {exc.strerror or exc}. Den tidigare filen är orörd."
        ) from None
    finally:
        if tmp:
            with contextlib.suppress(OSError):
                Path(tmp).unlink()


def _report_failures(result: "ManyComparison", year: int | None) -> None:
    """Failed files to stderr, one problem per line; then the exit code that says so."""
    if result.failures:
        from ojcli.console import display_error, err

        for failure in result.failures:
            display_error(list(failure.lines))
        err().print(
            f"{len(result.failures)} av {result.files} filer kunde inte läsas; de andra är jämförda.",
            style="bold",
        )
    if result.units == 0:
        if year is not None and result.skipped:
            raise OjcliError(f"Ingen av de {result.files} filerna gäller enkätåret {year}.")
        if not result.failures:
            raise OjcliError("Inga svarsfiler att jämföra.")
        raise typer.Exit(EXIT_INPUT)
    if result.failures:
        raise typer.Exit(EXIT_PARTIAL)


def _print_table(result: "ManyComparison") -> None:
    from rich.text import Text

    from ojcli.console import out
    from ojcli.report.aggregate_text import LEGEND, files_line

    console = out()
    unicode = _unicode(console)
    console.print(Text(files_line(result), style="bold"))
    for m in result.years:
        console.print()
        console.print(render_year_view(m, unicode, console.width))
    if result.years:
        console.print(Text(LEGEND, style="dim"))
    for note in result.notes:
        console.print(Text(note, style="yellow"))


def render_year_view(m: "YearMatrix", unicode: bool = True, width: int = 100) -> "RenderableType":
    """One year's matrix for the terminal, and below it the indicators with counts and shares."""
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    from ojcli.report.aggregate_text import heading, national_text, round_percent, share_text

    matrix = Table(
        box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1), collapse_padding=True
    )
    # Only the unit name may shrink (with …); symbols, codes and counts keep their width.
    name_width = max(18, min(34, width - 4 * len(m.columns) - 20))
    matrix.add_column("Enhet", no_wrap=True, max_width=name_width, overflow="ellipsis")
    matrix.add_column("Kod", no_wrap=True, min_width=4)
    for n in range(1, len(m.columns) + 1):
        matrix.add_column(str(n), justify="center", no_wrap=True, min_width=2)
    matrix.add_column("Uppfyllda", justify="right", no_wrap=True, min_width=9)

    def percents(values: list[float | None]) -> list[str]:
        return ["–" if v is None else str(round_percent(v)) for v in values]

    several = len(m.counties) > 1
    for county in m.counties:
        matrix.add_row(Text(county.name or "Okänt län", style="bold"), county.code)
        for row in county.rows:
            matrix.add_row(
                Text(row.unit.name),
                row.unit.municipality_code,
                *(_symbol(s, unicode) for s in row.states),
                f"{row.met} av {row.applicable}",
            )
        if several:
            matrix.add_row(
                Text("Andel i länet, %", style="italic"),
                "",
                *percents([t.share for t in county.tallies]),
                end_section=True,
            )
    matrix.add_row(
        Text("Andel i gruppen, %", style="bold"), "", *percents([t.share for t in m.tallies])
    )
    matrix.add_row(
        Text("Andel i riket, %", style="bold"),
        "",
        *("–" if c.national is None else f"{c.national.percent:g}" for c in m.columns),
    )

    legend = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1))
    legend.add_column("Nr", justify="right")
    legend.add_column("Indikator")
    for head in ("✓" if unicode else "+", "✗" if unicode else "x", "?", "–" if unicode else "-"):
        legend.add_column(head, justify="right")
    legend.add_column("Gruppen", justify="right", no_wrap=True)
    legend.add_column("Riket", justify="right", no_wrap=True)
    for n, (col, t) in enumerate(zip(m.columns, m.tallies, strict=True), 1):
        legend.add_row(
            str(n),
            Text(col.title),
            str(t.met),
            str(t.not_met),
            str(t.incomplete),
            str(t.not_applicable),
            share_text(t),
            national_text(col.national),
        )
    return Group(
        Text(heading(m), style="bold underline"),
        Text(f"Mätdatum {m.reference_date.isoformat()}", style="dim"),
        matrix,
        Text(""),
        legend,
        Text(""),
    )
