"""The `ojcli` command: thin typer commands over the core; the only place errors become exit codes.

Heavy modules are imported inside the commands that need them, to keep start-up lean.
"""

import datetime as dt
import functools
import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from ojcli.errors import (
    EXIT_INPUT,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_PARTIAL,
    EXIT_USAGE,
    EXIT_WRITE,
    LoadError,
    OjcliError,
    UsageError,
    control_character_problem,
)

if TYPE_CHECKING:
    from ojcli.model.answers import AnswerSet, AnswerValue
    from ojcli.model.questionnaire import Questionnaire
    from ojcli.scoring import ScoreReport

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
questionnaires_app = typer.Typer(
    help="Visa vilka enkätår som finns och vad de innehåller.\n\nExempel: ojcli questionnaires    ojcli questionnaires show 2019",
    invoke_without_command=True,
    no_args_is_help=False,
)
app.add_typer(questionnaires_app, name="questionnaires")

F = TypeVar("F", bound=Callable[..., Any])


def reports_errors(func: F) -> F:
    """Turn ojcli's errors into a Swedish message and an exit code, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except OjcliError as exc:
            from ojcli.console import display_error

            display_error(exc.lines())
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            from ojcli.console import display_error

            display_error(["Avbrutet."])
            raise typer.Exit(EXIT_INTERRUPTED) from None

    return wrapper  # type: ignore[return-value]


class ScoreFormat(StrEnum):
    """Output formats of `ojcli score`."""

    text = "text"
    json = "json"


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


def read_answers(path: Path) -> "tuple[AnswerSet, Questionnaire]":
    """Load an answers file; if it is broken and a sound `FIL.bak` exists, say how to restore it."""
    from ojcli.loading import load_answers

    try:
        return load_answers(path)
    except LoadError as exc:
        from ojcli.session import with_restore_hint

        raise with_restore_hint(path, exc) from None


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
        from ojcli.report import json as json_report
        from ojcli.report.model import build

        sys.stdout.write(json_report.render(build(report)))
        return
    # Without rich, to keep `score` quick to start: see ojcli.ansi.
    from ojcli import ansi
    from ojcli.report import text
    from ojcli.report.model import build

    ansi.write(sys.stdout, text.render(build(report), ansi.look_of(sys.stdout), only_unmet))


@app.command()
@reports_errors
def score(
    file: Annotated[Path, typer.Argument(metavar="FIL", help="Svarsfilen (TOML).")],
    format: Annotated[
        ScoreFormat, typer.Option("--format", "-f", help="text för terminalen, json för program.")
    ] = ScoreFormat.text,
    per: PerOption = None,
    only: Annotated[
        str | None,
        typer.Option(
            "--only",
            metavar="unmet",
            help="--only unmet visar bara ej uppfyllda och ofullständiga indikatorer (och staplarna per tema).",
        ),
    ] = None,
    only_unmet: Annotated[
        bool, typer.Option("--only-unmet", hidden=True, help="Samma som --only unmet.")
    ] = False,
) -> None:
    """Visa vilka indikatorer svaren uppfyller, varför de andra inte är det och vad som skulle uppfylla dem.

    Sist visas en stapel per tema: andelen uppfyllda här bredvid riket.

    Exempel: ojcli score svar.toml    ojcli score svar.toml --only unmet    ojcli score svar.toml --format json    ojcli score svar.toml --per 2025-03-01
    """
    if only not in (None, "unmet"):
        raise typer.BadParameter(
            f"'{only}' går inte att välja; skriv --only unmet.", param_hint="--only"
        )
    from ojcli.scoring import score as score_answers

    answers, questionnaire = read_answers(file)
    report = score_answers(questionnaire, answers, parse_date(per))
    print_report(report, format, only_unmet or only == "unmet")


@app.command()
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
    from ojcli.console import display_error, out
    from ojcli.loading import load_answers, load_questionnaire, read_toml

    failed = 0
    for path in files:
        try:
            data, _ = read_toml(path, "filen")
            if "meta" in data:
                answers, q = load_answers(path)
                out().print(f"{path}: OK – {len(answers.answers)} svar till {q.title}.")
            else:
                q = load_questionnaire(path)
                out().print(
                    f"{path}: OK – enkät {q.year} med {len(q.questions)} frågor och {len(q.indicators)} indikatorer."
                )
        except OjcliError as exc:
            if isinstance(exc, LoadError):  # a broken answers file may have a sound FIL.bak
                from ojcli.session import with_restore_hint

                exc = with_restore_hint(path, exc)
            display_error(exc.lines())
            failed += 1
    if failed:
        raise typer.Exit(EXIT_INPUT)


@app.command()
@reports_errors
def demo(
    format: Annotated[
        ScoreFormat, typer.Option("--format", "-f", help="text för terminalen, json för program.")
    ] = ScoreFormat.text,
) -> None:
    """Visa resultatet för en inbyggd exempelkommun (fiktiva svar), utan att du behöver skriva något.

    Exempel: ojcli demo
    """
    from ojcli.loading import example_answers, load_answers
    from ojcli.scoring import score as score_answers

    path = example_answers()
    answers, questionnaire = load_answers(path)
    if format is ScoreFormat.text:
        from ojcli.console import out

        out().print(
            f"Exempel: {path.name} (fiktiva svar). Egna svar: ojcli survey svar.toml\n", style="dim"
        )
    print_report(score_answers(questionnaire, answers), format)


@app.command()
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
    from ojcli.console import RichPrompter, out
    from ojcli.interview import Interview, Status, new_answers
    from ojcli.loading import find_questionnaire, load_questionnaire
    from ojcli.scoring import score as score_answers
    from ojcli.session import Session

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
    from ojcli.console import out
    from ojcli.loading import load_answers
    from ojcli.yearchange import carry_over

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
    from ojcli.console import RichPrompter, out
    from ojcli.interview import Interview

    left = len(Interview(questionnaire, answers, RichPrompter(), lambda _: None).unanswered())
    out().print(
        f"\nSparat: {len(answers.answers)} svar i {file} ({left} frågor kvar). "
        f"Fortsätt senare med: ojcli survey {file}",
        style="bold",
    )


@questionnaires_app.callback()
@reports_errors
def questionnaires_list(ctx: typer.Context) -> None:
    """Lista enkätåren som följer med ojcli.

    Exempel: ojcli questionnaires    ojcli questionnaires show 2019
    """
    if ctx.invoked_subcommand is not None:
        return
    from rich.table import Table

    from ojcli.console import out
    from ojcli.loading import list_questionnaires

    table = Table(show_edge=False, pad_edge=False)
    for column in ("År", "Id", "Titel"):
        table.add_column(column)
    for info in list_questionnaires():
        table.add_row(str(info.year), info.id, info.title)
    out().print(table)
    out().print("Visa ett år: ojcli questionnaires show 2019", style="dim")


@questionnaires_app.command("show")
@reports_errors
def questionnaires_show(
    year: Annotated[str, typer.Argument(metavar="ÅR", help="Enkätår eller id, t.ex. 2019.")],
) -> None:
    """Visa ett enkätårs avsnitt, frågor, villkor och indikatorer, med källor och antaganden.

    Exempel: ojcli questionnaires show 2019
    """
    from ojcli.console import out
    from ojcli.loading import find_questionnaire, load_questionnaire
    from ojcli.report.terminal import render_questionnaire

    q = load_questionnaire(find_questionnaire(year))
    out().print(render_questionnaire(q))


@questionnaires_app.command("diff")
@reports_errors
def questionnaires_diff(
    year_a: Annotated[
        str, typer.Argument(metavar="ÅR_A", help="Det tidigare enkätåret, t.ex. 2023.")
    ],
    year_b: Annotated[
        str, typer.Argument(metavar="ÅR_B", help="Det senare enkätåret, t.ex. 2024.")
    ],
) -> None:
    """Visa vad som ändrats mellan två enkätår: indikatorer som tillkommit, tagits bort eller fått nytt kriterium, och frågor.

    Exempel: ojcli questionnaires diff 2023 2024
    """
    from ojcli.console import out
    from ojcli.loading import find_questionnaire, load_questionnaire
    from ojcli.report.terminal import render_diff
    from ojcli.yearchange import diff

    old = load_questionnaire(find_questionnaire(year_a))
    new = load_questionnaire(find_questionnaire(year_b))
    out().print(render_diff(diff(old, new)))


@app.command()
def schema() -> None:
    """Skriv ut svarsfilens JSON Schema, för redigerare som kan kontrollera TOML-filer.

    Exempel: ojcli schema > ojcli-svar.schema.json
    """
    import json

    from ojcli.model.answers import AnswerSet

    typer.echo(json.dumps(AnswerSet.model_json_schema(), ensure_ascii=False, indent=2))


def main() -> None:
    """Console-script entry point."""
    app()


# Command groups in modules of their own register themselves on `app` when imported.
# (Kept at the bottom: they import `app` and the helpers above from this module.)
from ojcli import cli_aggregate, cli_report  # noqa: E402, F401
