"""The `ojcli` app: the root command, every command registered in one place, and `main`.

Command modules import only typer and the stdlib at the top, so start-up stays lean; the core
is imported when a command runs.
"""

import os
from typing import Annotated

import typer

from ojcli.cli import compare, files, plan, questionnaires, report, results, survey
from ojcli.cli._swedish import SwedishGroup
from ojcli.errors import EXIT_INPUT, EXIT_INTERRUPTED, EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, EXIT_WRITE

# pydantic looks for third-party plugins by scanning every installed package's entry points
# the first time it builds a validator; ojcli uses none, and the scan costs start-up time.
# setdefault: a user who wants plugins can still set the variable.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

EXIT_CODES_HELP = f"""
Slutkoder: {EXIT_OK} = klart (oavsett hur många indikatorer som är uppfyllda),
{EXIT_PARTIAL} = delvis klart (några filer kunde inte användas), {EXIT_USAGE} = fel i kommandot,
{EXIT_INPUT} = en fil saknas eller är felaktig, {EXIT_WRITE} = en fil kunde inte skrivas,
{EXIT_INTERRUPTED} = avbrutet med Ctrl-C.
"""


app = typer.Typer(
    name="ojcli",
    cls=SwedishGroup,  # help and usage errors in Swedish
    help=(
        "Förbered enkäten till Öppna jämförelser av ekonomiskt bistånd: besvara frågorna, "
        "spara svaren i en TOML-fil och se vilka indikatorer som är uppfyllda och varför.\n\n"
        "Kom igång: ojcli demo   eller   ojcli survey svar.toml\n" + EXIT_CODES_HELP
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

app.add_typer(questionnaires.app, name="questionnaires")
for command in (
    results.score,
    files.validate,
    results.demo,
    survey.survey,
    files.schema,
    compare.compare,
):
    app.command()(command)
app.command("compare-many")(compare.compare_many)
app.command()(report.report)
app.command()(plan.plan)


def _version(value: bool) -> None:
    if value:
        from ojcli import __version__

        typer.echo(f"ojcli {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Visa versionen och avsluta."
        ),
    ] = False,
) -> None:
    """Ojcli."""


def main() -> None:
    """Console-script entry point."""
    app()
