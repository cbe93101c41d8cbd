"""`ojcli compare` (two answers files) and `ojcli compare-many` (a group of them): the commands only.

The comparisons are `ojcli.compare.pair` and `ojcli.compare.gather`; the formats and their
renderers `ojcli.report.formats`; the output `ojcli.cli._output`. Imports only typer, the stdlib
and start-up-light modules at the top; the rest is imported when a command runs.
"""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ojcli.cli._common import reports_errors
from ojcli.cli._options import (
    GROUP_FORMATS,
    EnkatsOption,
    GroupFormatOption,
    GroupOutputOption,
    GroupYearOption,
    PairFormatOption,
)
from ojcli.cli._output import emit, prepare
from ojcli.errors import EXIT_INPUT, EXIT_PARTIAL
from ojcli.report.formats import Format, Kind

if TYPE_CHECKING:
    from ojcli.compare.many import ManyComparison


@reports_errors
def compare(
    old: Annotated[Path, typer.Argument(metavar="GAMMAL", help="Den tidigare svarsfilen.")],
    new: Annotated[Path, typer.Argument(metavar="NY", help="Den senare svarsfilen.")],
    format: PairFormatOption = Format.text,
    enkat: EnkatsOption = None,
) -> None:
    """Jämför två svarsfiler: nyss uppfyllda, inte längre uppfyllda och oförändrade indikatorer, och ändrade svar.

    Filerna kan gälla olika enkätår; indikatorerna matchas på id och det anges där
    definitionen har ändrats mellan åren.

    Exempel: ojcli compare svar-2023.toml svar-2024.toml    ojcli compare gammal.toml ny.toml --format json
    """
    from ojcli.compare.pair import compare_files

    emit(Format(format), Kind.pair, compare_files(old, new, enkat or ()))


@reports_errors
def compare_many(
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="MAPP_ELLER_FILER...",
            help="Svarsfiler, eller mappar där alla .toml-filer (även i undermappar) läses.",
        ),
    ],
    year: GroupYearOption = None,
    format: GroupFormatOption = None,
    output: GroupOutputOption = None,
    enkat: EnkatsOption = None,
) -> None:
    """Jämför många svarsfiler: vem som uppfyller vad, andelen i gruppen bredvid andelen i riket.

    En matris per enkätår med enheterna ordnade efter län (från kommunkoden), antal
    uppfyllda per enhet och andelen uppfyllda per indikator i länet, gruppen och riket.
    En fil som inte kan läsas listas med sitt fel; de andra jämförs ändå (slutkod 1).
    Excel (xlsx) kräver paketet openpyxl: pipx inject ojcli openpyxl (pipx),
    uv tool install --force --with openpyxl . (uv) eller pip install openpyxl (venv).

    Varje svarsfil bedöms efter enkätfilen bredvid sig, annars den som följer med ojcli; med
    --enkat efter en enkätfil var som helst (t.ex. en länsmapp med en undermapp per år).
    Svar som bedöms efter olika versioner av samma enkät får var sin tabell.

    Exempel: ojcli compare-many svar/    ojcli compare-many svar/ --year 2024 -o län.xlsx    ojcli compare-many län/ --enkat län/oj-eb-2027.toml    ojcli compare-many a.toml b.toml --format json
    """
    fmt = prepare(format, output, GROUP_FORMATS, what="jämförelser")
    from ojcli.compare.gather import compare_paths

    result = compare_paths(paths, year, enkat or ())
    emit(fmt, Kind.group, result, output, example="jämförelse.xlsx")
    if output is not None:
        from ojcli.terminal.console import err

        err().print(
            f"Jämförelsen är sparad i {output} ({fmt.value}).", markup=False, highlight=False
        )
    _report_failures(result, year)


def _report_failures(result: "ManyComparison", year: int | None) -> None:
    """Failed files to stderr, one problem per line; then the exit code that says so."""
    if result.failures:
        from ojcli.terminal.console import display_error, err

        for failure in result.failures:
            display_error(list(failure.lines))
        others = result.units
        read = (
            f"de andra {others} är jämförda"
            if others > 1
            else "den andra är jämförd"
            if others == 1
            else "ingen annan fil fanns att jämföra"
        )
        err().print(
            f"{len(result.failures)} av {result.files} filer kunde inte läsas; {read}.",
            style="bold",
        )
    if result.units == 0:
        from ojcli import messages

        if year is not None and result.skipped:
            raise messages.none_of_the_year(result.files, year)
        if not result.failures:
            raise messages.no_answers_files()
        raise typer.Exit(EXIT_INPUT)
    if result.failures:
        raise typer.Exit(EXIT_PARTIAL)
