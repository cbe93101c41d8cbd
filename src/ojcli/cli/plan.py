"""`ojcli plan`: the plan of an answers file, deciding what is not met, and the calendar (.ics).

Imports only typer, the stdlib and ojcli's start-up-light modules at the top; the plan, the
session and the calendar are imported when the command runs.
"""

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ojcli.cli._common import print_notices, reports_errors
from ojcli.cli._options import (
    PLAN_FORMATS,
    AnswersFile,
    EnkatOption,
    PlanFormatOption,
    ReportOutputOption,
)
from ojcli.cli._output import prepare
from ojcli.errors import EXIT_INTERRUPTED
from ojcli.report.formats import Format, Kind

if TYPE_CHECKING:
    from ojcli.report.plan import Plan


@reports_errors
def plan(
    file: AnswersFile,
    format: PlanFormatOption = None,
    output: ReportOutputOption = None,
    ics: Annotated[
        Path | None,
        typer.Option(
            "--ics",
            metavar="FIL.ics",
            help=(
                "Skriv också en kalenderfil (iCalendar) för Outlook, Google och Apple: en "
                "heldagshändelse per åtgärds slutdatum och en per rutin som upphör före mätdatum."
            ),
        ),
    ] = None,
    enkat: EnkatOption = None,
) -> None:
    """Handlingsplanen: vad som ska göras före mätdatum, av vem och när, och beslut för det som inte är uppfyllt.

    Först det som är försenat eller ska vara klart före mätdatum (också rutiner som upphör
    att gälla före det), sedan resten efter datum; indikatorer som inte är uppfyllda och saknar
    beslut står som "Inget beslut". I terminalen frågar ojcli sedan efter ett beslut för varje
    sådan indikator: åtgärda (vad, vem, när), godta som ej uppfylld (varför) eller ingen
    åtgärd. Varje beslut sparas direkt i svarsfilen. Skriv ? för hjälp, > för att hoppa över
    och q för att avsluta.

    Exempel: ojcli plan svar.toml    ojcli plan svar.toml --ics plan.ics    ojcli plan svar.toml --format md -o plan.md
    """
    fmt = prepare(format, output, PLAN_FORMATS, what="planer", source=file)
    if ics is not None:
        _check_ics(ics, file)
    from ojcli.model.dates import today

    if fmt is Format.text and ics is None:
        _decide(file, enkat, today())
        return
    from ojcli.files.restore import read_answers
    from ojcli.report.plan import plan_for

    answers, questionnaire = read_answers(file, enkat)
    print_notices(questionnaire, answers)
    document = plan_for(answers, questionnaire, today())
    from ojcli.cli._output import emit

    emit(fmt, Kind.plan, document, output)
    if output is not None:
        _said(f"Planen är sparad i {output} ({fmt.value}).")
    if ics is not None:
        _write_ics(document, ics)


def _check_ics(ics: Path, file: Path) -> None:
    """The calendar file: the rule for every file a command writes (`ojcli.files.targets`)."""
    from ojcli.files.targets import check_name, check_place

    check_place(ics, replace=True, source=file, stream=False)  # a calendar goes to a file only
    check_name(ics, (".ics",), what="kalendrar")


def _write_ics(document: "Plan", ics: Path) -> None:
    from ojcli.files.storage import write_atomic
    from ojcli.report.calendar import render

    write_atomic(ics, render(document))
    _said(
        f"Kalendern är sparad i {ics}: importera den i Outlook, Google Kalender eller Apple "
        "Kalender. Importeras den igen uppdateras händelserna i stället för att dubbleras."
    )


def _said(text: str) -> None:
    from ojcli.terminal.console import err

    err().print(text, markup=False, highlight=False)


def _decide(file: Path, enkat: Path | None, day: dt.date) -> None:
    """Show the plan, then decide indicator by indicator in a session that saves each decision."""
    from ojcli.files.session import Session
    from ojcli.interview.engine import Status
    from ojcli.interview.plan import PlanStep
    from ojcli.model.identity import notices
    from ojcli.report.plan_words import finished, paused
    from ojcli.terminal.console import out
    from ojcli.terminal.plan_prompter import PlanPrompter
    from ojcli.terminal.screen import plan as show

    def notify(text: str) -> None:
        out().print(text, style="yellow", markup=False, highlight=False)

    named = None
    if enkat is not None:
        from ojcli.files.loading import load_questionnaire

        named = load_questionnaire(enkat)
    session = Session.open(file, named, notify=notify)  # locked, backed up: as the interview
    with session:
        for line in notices(session.questionnaire, session.answers.meta.questionnaire_fingerprint):
            notify(line)
        step = PlanStep(session.questionnaire, session.answers, PlanPrompter(), session.save, day)
        show(step.plan())
        try:
            status = step.run()
        except KeyboardInterrupt:
            session.close()
            left = len(step.plan().undecided)
            out().print("\n" + paused(str(session.saved_in), left), style="bold")
            raise typer.Exit(EXIT_INTERRUPTED) from None
        final = step.plan()
    where = str(session.saved_in)
    if status is Status.FINISHED:
        words = finished(where, final.summary)
    else:
        words = paused(where, len(final.undecided))
    out().print("\n" + words, style="bold")
