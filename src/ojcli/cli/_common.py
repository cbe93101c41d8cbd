"""What the commands share: error mapping, dates from options, and showing a score report."""

import datetime as dt
import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import typer

from ojcli.cli._output import emit
from ojcli.errors import EXIT_INTERRUPTED, OjcliError
from ojcli.report.formats import Format, Kind

if TYPE_CHECKING:
    from ojcli.model.answers import CheckedAnswers
    from ojcli.model.questionnaire import Questionnaire
    from ojcli.scoring import ScoreReport

F = TypeVar("F", bound=Callable[..., Any])


def start_command() -> None:
    """End start-up: keep what it built out of the cycle collector's work, and turn that on.

    `ojcli.cli` turns the collector off while modules and classes load; freezing them keeps
    them (and the collection at exit) from being walked again. Only once per process.
    """
    import gc

    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def reports_errors(func: F) -> F:
    """Turn ojcli's errors into a Swedish message and an exit code, never a traceback.

    Every command has it, so it is also where start-up ends (`start_command`).
    """

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start_command()
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


def print_notices(questionnaire: "Questionnaire", answers: "CheckedAnswers | None" = None) -> None:
    """What to know about the questionnaire and the answers checked against it, to stderr.

    `ojcli.model.identity.notices`, and answers kept under ids the questionnaire does not have
    (`ojcli.model.orphans`). For the person at the terminal, when what the command writes does
    not show them itself.
    """
    import sys

    from ojcli.model.identity import notices

    recorded = None if answers is None else answers.meta.questionnaire_fingerprint
    lines = list(notices(questionnaire, recorded))
    if answers is not None and (answers.unknown or answers.unknown_comments):
        from ojcli.model import orphans

        lines += [line for line in [orphans.notice(answers)] if line]
    for line in lines:
        sys.stderr.write(line + "\n")


def parse_date(value: str | None) -> dt.date | None:
    """An ISO date from an option, or a usage error in Swedish."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        from ojcli import messages

        raise typer.BadParameter(messages.not_a_date(value)) from None


def show_results(
    report: "ScoreReport", fmt: Format = Format.text, only_unmet: bool = False
) -> None:
    """A score report on stdout: the met / not-met list (text) or the report's JSON (with the plan)."""
    from ojcli.report.model import build

    model = build(report)
    if fmt is not Format.text:  # the same JSON as `ojcli report`; the list stays quick to start
        from ojcli.model.dates import today
        from ojcli.report.plan import with_plan

        model = with_plan(model, report.answers.plan, today())
    emit(fmt, Kind.results, model, only_unmet=only_unmet)
