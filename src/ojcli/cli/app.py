"""The `ojcli` app: the root command, every command registered in one place, and `main`.

Command modules import only typer and the stdlib at the top, so start-up stays lean; the core
is imported when a command runs.
"""

import os
from collections.abc import Callable
from typing import Annotated, ClassVar

import typer
from typer import _click

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


def _command(module: str, function: str) -> Callable[[], _click.Command]:
    """A command of `ojcli.cli.<module>`, imported and built when it is used."""

    def build() -> _click.Command:
        import importlib

        import typer.main
        from typer.models import CommandInfo

        callback = getattr(importlib.import_module(f"ojcli.cli.{module}"), function)
        return typer.main.get_command_from_info(
            CommandInfo(callback=callback),
            pretty_exceptions_short=app.pretty_exceptions_short,
            rich_markup_mode=app.rich_markup_mode,
        )

    return build


def _questionnaires() -> _click.Command:
    import typer.main
    from typer.models import TyperInfo

    from ojcli.cli import questionnaires

    return typer.main.get_group_from_info(
        TyperInfo(questionnaires.app, name="questionnaires"),
        pretty_exceptions_short=app.pretty_exceptions_short,
        rich_markup_mode=app.rich_markup_mode,
        suggest_commands=app.suggest_commands,
    )


class Ojcli(SwedishGroup):
    """The root group: every command registered here, each built only when it is used.

    Only the command that runs has its module imported and its options made (`--help` builds
    them all): that keeps `ojcli score` within its start-up budget (benchmarks/startup.py).
    """

    lazy_commands: ClassVar[dict[str, Callable[[], _click.Command]]] = {
        "score": _command("results", "score"),
        "validate": _command("files", "validate"),
        "demo": _command("results", "demo"),
        "survey": _command("survey", "survey"),
        "schema": _command("files", "schema"),
        "compare": _command("compare", "compare"),
        "compare-many": _command("compare", "compare_many"),
        "report": _command("report", "report"),
        "plan": _command("plan", "plan"),
        "questionnaires": _questionnaires,
    }


app = typer.Typer(
    name="ojcli",
    cls=Ojcli,  # help and usage errors in Swedish; commands built when used
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
