"""`ojcli compare` (two answers files) and `ojcli compare-many` (a group of them): the commands only.

The comparison is `ojcli.compare.many`, the terminal views `ojcli.report.compare.terminal`, the
file formats the other `ojcli.report.aggregate_*` modules, and the atomic file writer
`ojcli.files.storage`. Imports only typer, sys and typing helpers at the top, for start-up; all of
those are imported when a command runs.
"""

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ojcli.cli._common import refuse_unsafe_output, reports_errors
from ojcli.errors import EXIT_INPUT, EXIT_PARTIAL, OjcliError, UsageError

if TYPE_CHECKING:
    from ojcli.compare.many import ManyComparison


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
    from ojcli.compare.pair import compare_files

    comparison = compare_files(old, new)
    if format is CompareFormat.json:
        from ojcli.report.compare.json import render_comparison

        sys.stdout.write(render_comparison(comparison))
        return
    from ojcli.report.compare.terminal import render_comparison_view, shows_unicode
    from ojcli.terminal.console import out

    console = out()
    console.print(render_comparison_view(comparison, shows_unicode(console)))


# --- ojcli compare-many ----------------------------------------------------------------------------


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
    from ojcli.compare.many import compare_many as compare

    files, empty = answer_files(paths)
    result = compare(files, year)
    if empty:
        from ojcli.compare.many import Failure, ManyComparison

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
        refuse_unsafe_output(output, "jämförelser")
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
    from ojcli.files.loading import list_questionnaires

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


def _print_table(result: "ManyComparison") -> None:
    from ojcli.report.compare.terminal import render_many_view, shows_unicode
    from ojcli.terminal.console import out

    console = out()
    console.print(render_many_view(result, shows_unicode(console), console.width))


def _render(result: "ManyComparison", fmt: ManyFormat) -> str | bytes:
    if fmt is ManyFormat.json:
        from ojcli.report.compare.json import render_matrix

        return render_matrix(result)
    if fmt is ManyFormat.xlsx:
        from ojcli.report.compare.xlsx import render_xlsx

        return render_xlsx(result)
    from ojcli.report.compare import text as aggregate_text

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
    from ojcli.files.storage import write_atomic
    from ojcli.terminal.console import err

    write_atomic(output, data)
    err().print(f"Skrev {output}.", style="dim")


def _report_failures(result: "ManyComparison", year: int | None) -> None:
    """Failed files to stderr, one problem per line; then the exit code that says so."""
    if result.failures:
        from ojcli.terminal.console import display_error, err

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
