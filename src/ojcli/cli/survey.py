"""`ojcli survey`: start or resume the interview on an answers file."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ojcli.cli._common import print_report, reports_errors
from ojcli.errors import EXIT_INTERRUPTED, UsageError, control_character_problem

if TYPE_CHECKING:
    from ojcli.model.answers import AnswerSet, AnswerValue
    from ojcli.model.questionnaire import Questionnaire


@reports_errors
def survey(
    file: Annotated[
        Path | None,
        typer.Argument(metavar="[FIL]", help="Svarsfilen; fortsätter där du slutade om den finns."),
    ] = None,
    year: Annotated[
        int | None, typer.Option("--year", "-y", help="Enkätår (standard: det senaste).")
    ] = None,
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
) -> None:
    """Besvara enkäten fråga för fråga; varje svar sparas direkt i svarsfilen.

    Skriv ? för definitionen, < för att gå tillbaka, > för att hoppa över, # för en kommentar
    och q för att spara och avsluta. Kör samma kommando igen för att fortsätta.

    Exempel: ojcli survey svar.toml    ojcli survey --kommun Kiruna --year 2019
    ojcli survey svar-2024.toml --from svar-2023.toml
    """
    from ojcli.files.loading import find_questionnaire, load_questionnaire
    from ojcli.files.session import Session
    from ojcli.interview.engine import Interview, Status
    from ojcli.interview.setup import new_answers
    from ojcli.scoring import score as score_answers
    from ojcli.terminal.console import RichPrompter, out

    for option, given in (("--enhet", unit), ("--uppgiftslamnare", respondent)):
        if given is not None and (why := control_character_problem(given)):
            raise UsageError(f"{option} {why}.")

    def notify(text: str) -> None:
        out().print(text, style="yellow", markup=False, highlight=False)

    prompter = RichPrompter()
    defaults: dict[str, AnswerValue] = {}
    if from_ is not None and file is not None and file.exists():
        raise UsageError(
            f"--from börjar en ny svarsfil, men {file} finns redan. Ange ett nytt filnamn."
        )
    if file is not None and file.exists():
        # Locks the file, or names the session that has it. A file it cannot read is refused
        # (never overwritten), with how to restore FIL.bak; an older format is upgraded.
        session = Session.open(file, notify=notify)
        answers, questionnaire = session.answers, session.questionnaire
        out().print(
            f"Fortsätter med {file} ({answers.unit_name}, {questionnaire.title}).", style="dim"
        )
    elif from_ is not None:
        questionnaire = load_questionnaire(find_questionnaire(year))
        answers, file, defaults = _start_from(from_, questionnaire, file)
        session = Session.create(file, answers, questionnaire, notify=notify)
    else:
        questionnaire = load_questionnaire(find_questionnaire(year))
        try:
            answers, file = new_answers(
                questionnaire, prompter, file, municipality, unit, respondent
            )
        except EOFError:
            out().print("Inget sparat: uppgifterna om kommunen blev inte klara.")
            return
        session = Session.create(file, answers, questionnaire, notify=notify)
    with session:  # every save checks for edits made on disk meanwhile; closing unlocks
        try:
            status = Interview(questionnaire, answers, prompter, session.save, defaults).run()
        except KeyboardInterrupt:
            session.close()
            _paused(session.saved_in, answers, questionnaire)
            raise typer.Exit(EXIT_INTERRUPTED) from None
    target = session.saved_in
    if status is Status.PAUSED:
        _paused(target, answers, questionnaire)
        return
    out().print(f"\nSvaren är sparade i {target}.\n", style="bold")
    print_report(score_answers(questionnaire, answers))


def _start_from(
    previous_file: Path, questionnaire: "Questionnaire", file: Path | None
) -> "tuple[AnswerSet, Path, dict[str, AnswerValue]]":
    """This year's answers started from a previous file, and where to save them."""
    from ojcli.compare.years import carry_over
    from ojcli.files.loading import load_answers
    from ojcli.terminal.console import out

    previous, old = load_answers(previous_file)
    if old.id == questionnaire.id:
        raise UsageError(
            f"{previous_file} gäller redan {questionnaire.title}. Fortsätt i den: ojcli survey {previous_file}"
        )
    carry = carry_over(previous, old, questionnaire)
    if file is None:
        file = Path(f"svar-{previous.meta.municipality_code}-{questionnaire.year}.toml")
        if file.exists():
            raise UsageError(
                f"{file} finns redan. Ange ett nytt filnamn: ojcli survey NY.toml --from {previous_file}"
            )
    new = len([q for q in questionnaire.questions if q.id not in {x.id for x in old.questions}])
    out().print(
        f"Börjar {questionnaire.title} för {previous.unit_name} från {previous_file} ({old.year}): "
        f"{len(carry.carried)} svar förs över, {len(carry.to_confirm)} ändrade frågor ställs igen med "
        f"förra svaret som förval, {new} frågor är nya. Sparas i {file}."
        + (
            ""
            if new or carry.to_confirm
            else f" Inget är nytt eller ändrat sedan {old.year}: granska svaren."
        ),
        style="dim",
    )
    return carry.answers, file, carry.defaults


def _paused(file: Path, answers: "AnswerSet", questionnaire: "Questionnaire") -> None:
    from ojcli.interview.engine import Interview
    from ojcli.terminal.console import RichPrompter, out

    left = len(Interview(questionnaire, answers, RichPrompter(), lambda _: None).unanswered())
    out().print(
        f"\nSparat: {len(answers.answers)} svar i {file} ({left} frågor kvar). "
        f"Fortsätt senare med: ojcli survey {file}",
        style="bold",
    )
