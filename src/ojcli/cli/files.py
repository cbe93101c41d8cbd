"""`ojcli validate` and `ojcli schema`: check files by hand, and help editors check them."""

from pathlib import Path
from typing import Annotated

import typer

from ojcli.cli._common import reports_errors
from ojcli.errors import EXIT_INPUT, OjcliError


@reports_errors
def validate(
    files: Annotated[
        list[Path],
        typer.Argument(metavar="FIL...", help="Svarsfiler eller enkätfiler att kontrollera."),
    ],
) -> None:
    """Kontrollera handredigerade svarsfiler (eller enkätfiler) utan att ändra dem.

    Exempel: ojcli validate svar.toml    ojcli validate questionnaires/oj-eb-2019.toml
    """
    from ojcli.files.check import check_file
    from ojcli.terminal.console import display_error, out

    failed = 0
    for path in files:
        try:
            out().print(check_file(path))
        except OjcliError as exc:
            display_error(exc.lines())
            failed += 1
    if failed:
        raise typer.Exit(EXIT_INPUT)


def schema() -> None:
    """Skriv ut svarsfilens JSON Schema, för redigerare som kan kontrollera TOML-filer.

    Exempel: ojcli schema > ojcli-svar.schema.json
    """
    import json

    from ojcli.model.answers import AnswerSet

    typer.echo(json.dumps(AnswerSet.model_json_schema(), ensure_ascii=False, indent=2))
