"""`ojcli validate` and `ojcli schema`: check files by hand, and help editors check them."""

from pathlib import Path
from typing import Annotated

import typer

from ojcli.cli._common import print_notices, reports_errors
from ojcli.cli._options import EnkatOption
from ojcli.errors import EXIT_INPUT, OjcliError


@reports_errors
def validate(
    files: Annotated[
        list[Path],
        typer.Argument(metavar="FIL...", help="Svarsfiler eller enkätfiler att kontrollera."),
    ],
    enkat: EnkatOption = None,
) -> None:
    """Kontrollera handredigerade svarsfiler (eller enkätfiler) utan att ändra dem.

    Exempel: ojcli validate svar.toml    ojcli validate questionnaires/oj-eb-2019.toml
    """
    from ojcli.files.check import check_file
    from ojcli.terminal.console import display_error, out

    failed = 0
    for path in files:
        try:
            out().print(check_file(path, enkat=enkat), markup=False)
        except OjcliError as exc:
            display_error(exc.lines())
            failed += 1
    if failed:
        raise typer.Exit(EXIT_INPUT)


@reports_errors
def schema(
    year: Annotated[
        str | None,
        typer.Option(
            "--year",
            "-y",
            metavar="ÅR",
            help="Ett schema som känner årets frågor, typer och alternativ, t.ex. 2024.",
        ),
    ] = None,
    questionnaire: Annotated[
        Path | None,
        typer.Option(
            "--enkat",
            metavar="FIL",
            help="Ett schema för frågorna i en enkätfil (i stället för --year).",
        ),
    ] = None,
) -> None:
    """Skriv ut svarsfilens JSON Schema, för redigerare som kan kontrollera TOML-filer.

    Med --year (eller --enkat) känner schemat årets frågor och tillåter inga andra under
    [answers] och [comments], så att redigeraren stryker under en felstavad fråga. Utan
    dem beskrivs bara filens format. ojcli survey lägger schemat bredvid svarsfilen.

    Exempel: ojcli schema --year 2024 > ojcli-svar-2024.schema.json    ojcli schema
    """
    import json

    from ojcli.model import schema as schemas

    if year is not None and questionnaire is not None:
        from ojcli import messages

        raise messages.year_and_enkat()
    if year is None and questionnaire is None:
        document = schemas.generic()
    else:
        from ojcli.files.loading import find_questionnaire, load_questionnaire

        # As `questionnaires show`: a questionnaire in this folder (a prepared year) first.
        path = questionnaire or find_questionnaire(year, beside=Path.cwd())
        q = load_questionnaire(path)
        print_notices(q)
        document = schemas.for_questionnaire(q)
    typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
