"""`ojcli validate` and `ojcli schema`: check files by hand, and help editors check them."""

from pathlib import Path
from typing import Annotated

import typer

from ojcli.cli._common import reports_errors
from ojcli.errors import EXIT_INPUT, LoadError, OjcliError


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
    from ojcli.files.loading import check_dates, load_answers, load_questionnaire, read_toml
    from ojcli.model import dates
    from ojcli.terminal.console import display_error, out

    failed = 0
    for path in files:
        try:
            data, _ = read_toml(path, "filen")
            if "meta" in data:
                answers, q = load_answers(path)
                check_dates(path, answers, dates.today())
                out().print(f"{path}: OK – {len(answers.answers)} svar till {q.title}.")
            else:
                q = load_questionnaire(path)
                out().print(
                    f"{path}: OK – enkät {q.year} med {len(q.questions)} frågor och {len(q.indicators)} indikatorer."
                )
        except OjcliError as exc:
            if isinstance(exc, LoadError):  # a broken answers file may have a sound FIL.bak
                from ojcli.files.restore import with_restore_hint

                exc = with_restore_hint(path, exc)
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
