"""What the commands share: error mapping, common options and printing results."""

import datetime as dt
import functools
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from ojcli.errors import EXIT_INTERRUPTED, OjcliError, UsageError

if TYPE_CHECKING:
    from ojcli.scoring import ScoreReport

F = TypeVar("F", bound=Callable[..., Any])


def reports_errors(func: F) -> F:
    """Turn ojcli's errors into a Swedish message and an exit code, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except OjcliError as exc:
            from ojcli.terminal.console import display_error

            display_error(exc.lines())
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            from ojcli.terminal.console import display_error

            display_error(["Avbrutet."])
            raise typer.Exit(EXIT_INTERRUPTED) from None

    return wrapper  # type: ignore[return-value]


class ScoreFormat(StrEnum):
    """Output formats of `ojcli score`."""

    text = "text"
    json = "json"


def parse_date(value: str | None) -> dt.date | None:
    """An ISO date from an option, or a usage error in Swedish."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"'{value}' är inte ett datum; skriv ÅÅÅÅ-MM-DD, t.ex. 2025-03-01."
        ) from None


def refuse_unsafe_output(output: Path, what: str) -> None:
    """Refuse to write `what` ("rapporter") through a link or over an answers file's name.

    A symbolic link could point at any file; a .toml or .bak name is an answers file or its backup.
    """
    if output.is_symlink():
        raise UsageError(
            f"{output} är en symbolisk länk; ojcli skriver inte genom länkar. Ange den riktiga filen."
        )
    if output.suffix.lower() in (".toml", ".bak"):
        raise UsageError(
            f"{output} ser ut som en svarsfil; ojcli skriver inte {what} till .toml- eller .bak-filer."
        )


PerOption = Annotated[
    str | None,
    typer.Option(
        "--per",
        metavar="DATUM",
        help="Bedöm datumkrav per detta datum i stället för enkätens mätdatum, t.ex. --per 2025-03-01.",
    ),
]


def print_report(
    report: "ScoreReport", fmt: ScoreFormat = ScoreFormat.text, only_unmet: bool = False
) -> None:
    """Print a score report to stdout in the chosen format (JSON as `ojcli report` makes it)."""
    if fmt is ScoreFormat.json:
        from ojcli.report.model import build
        from ojcli.report.one import json as json_report

        sys.stdout.write(json_report.render(build(report)))
        return
    # Without rich, to keep `score` quick to start: see ojcli.ansi.
    from ojcli.report.model import build
    from ojcli.report.one import text
    from ojcli.terminal import ansi

    ansi.write(sys.stdout, text.render(build(report), ansi.look_of(sys.stdout), only_unmet))
