"""`ojcli survey`: start or resume the interview on an answers file."""

from pathlib import Path
from typing import Annotated

import typer

from ojcli.cli._common import reports_errors, show_results
from ojcli.cli._options import EnkatOption, SurveyYearOption
from ojcli.errors import EXIT_INTERRUPTED


@reports_errors
def survey(
    file: Annotated[
        Path | None,
        typer.Argument(metavar="FIL", help="Svarsfilen; fortsätter där du slutade om den finns."),
    ] = None,
    year: SurveyYearOption = None,
    municipality: Annotated[
        str | None,
        typer.Option("--kommun", "-k", help="Kommunens namn eller kod, t.ex. Kiruna eller 2584."),
    ] = None,
    unit: Annotated[
        str | None, typer.Option("--enhet", "-e", help="Stadsdel, nämnd eller enhet som svarar.")
    ] = None,
    respondent: Annotated[
        str | None, typer.Option("--uppgiftslamnare", "-u", help="Vem som besvarar enkäten.")
    ] = None,
    from_: Annotated[
        Path | None,
        typer.Option(
            "--from",
            metavar="FÖRRA.toml",
            help=(
                "Börja från en tidigare svarsfil: svar på oförändrade frågor förs över, ändrade "
                "frågor ställs igen med det tidigare svaret som förval, och bara nya frågor är tomma."
            ),
        ),
    ] = None,
    enkat: EnkatOption = None,
) -> None:
    """Besvara enkäten fråga för fråga; varje svar sparas direkt i svarsfilen.

    Skriv ? för definitionen, < för att gå tillbaka, > för att hoppa över, # för en kommentar
    och q för att spara och avsluta. Kör samma kommando igen för att fortsätta.

    Exempel: ojcli survey svar.toml    ojcli survey --kommun Kiruna --year 2019
    ojcli survey svar-2024.toml --from svar-2023.toml
    """
    from ojcli.interview.engine import Status
    from ojcli.interview.start import Request, start_survey
    from ojcli.scoring import score
    from ojcli.terminal.console import RichPrompter, out

    def notify(text: str) -> None:
        out().print(text, style="yellow", markup=False, highlight=False)

    import sys

    request = Request(
        file,
        year,
        municipality,
        unit,
        respondent,
        previous=from_,
        enkat=enkat,
        interactive=sys.stdin.isatty(),
    )
    started = start_survey(request, RichPrompter(), notify)
    if started is None:
        out().print("Inget sparat: uppgifterna om kommunen blev inte klara.")
        return
    if not started.set_up:
        started.session.close()
        out().print("\n" + started.paused(), style="bold")
        return
    with started.session:  # every save checks for edits made on disk meanwhile; closing unlocks
        try:
            status = started.interview.run()
        except KeyboardInterrupt:
            started.session.close()
            out().print("\n" + started.paused(), style="bold")
            raise typer.Exit(EXIT_INTERRUPTED) from None
    if status is Status.PAUSED:
        out().print("\n" + started.paused(), style="bold")
        return
    out().print(f"\nSvaren är sparade i {started.session.saved_in}.\n", style="bold")
    show_results(score(started.questionnaire, started.interview.checked()))
