"""`ojcli score` and `ojcli demo`: the met / not-met list of an answers file."""

from pathlib import Path
from typing import Annotated

import typer

from ojcli.cli._common import parse_date, print_notices, reports_errors, show_results
from ojcli.cli._options import AnswersFile, EnkatOption, PerOption, ScoreFormatOption
from ojcli.report.formats import Format


def plan_line(decided: int, undecided: int, file: str) -> str:
    """What `ojcli score` says of a file's plan: decisions, open indicators without one."""
    without = (
        f"{undecided} ej uppfyllda saknar beslut" if undecided else "alla ej uppfyllda har beslut"
    )
    return f"Handlingsplan: {decided} beslut, {without}. Visa och besluta: ojcli plan {file}"


@reports_errors
def score(
    file: AnswersFile,
    format: ScoreFormatOption = Format.text,
    per: PerOption = None,
    only: Annotated[
        str | None,
        typer.Option(
            "--only",
            metavar="unmet",
            help="Visa bara ej uppfyllda och ofullständiga indikatorer (och staplarna per tema).",
        ),
    ] = None,
    only_unmet: Annotated[
        bool, typer.Option("--only-unmet", hidden=True, help="Samma som --only unmet.")
    ] = False,
    enkat: EnkatOption = None,
) -> None:
    """Visa vilka indikatorer svaren uppfyller, varför de andra inte är det och vad som skulle uppfylla dem.

    Sist visas en stapel per tema: andelen uppfyllda här bredvid riket.

    Exempel: ojcli score svar.toml    ojcli score svar.toml --only unmet    ojcli score svar.toml --format json    ojcli score svar.toml --per 2025-03-01
    """
    if only not in (None, "unmet"):
        from ojcli import messages

        raise typer.BadParameter(messages.only_unmet(only), param_hint="--only")
    from ojcli.files.restore import read_answers
    from ojcli.scoring import score as score_answers

    answers, questionnaire = read_answers(file, enkat)
    fmt = Format(format)
    if fmt is not Format.text:  # the list shows them; JSON holds them too, but is not read
        print_notices(questionnaire, answers)
    report = score_answers(questionnaire, answers, parse_date(per))
    show_results(report, fmt, only_unmet or only == "unmet")
    if answers.plan and fmt is Format.text:  # the plan's one line, without its code
        from ojcli.report.plan_words import score_line
        from ojcli.scoring import State

        open_ids = [
            v.indicator.id for v in report.verdicts if v.state in (State.NOT_MET, State.INCOMPLETE)
        ]
        undecided = sum(1 for i in open_ids if i not in answers.plan)
        print(f"\n{score_line(len(answers.plan), undecided, str(file))}")


@reports_errors
def demo(
    format: ScoreFormatOption = Format.text,
    save: Annotated[
        Path | None,
        typer.Option(
            "--spara",
            metavar="FIL",
            help="Spara också en kopia av exempelfilen, att prova score, report och compare på. Skriver aldrig över en fil.",
        ),
    ] = None,
) -> None:
    """Visa resultatet för en inbyggd exempelkommun (fiktiva svar), utan att du behöver skriva något.

    Exempel: ojcli demo    ojcli demo --spara exempel.toml
    """
    from ojcli.files.loading import example_answers, load_answers
    from ojcli.scoring import score as score_answers

    fmt = Format(format)
    if save is not None:
        from ojcli.files.targets import check_name, check_place

        check_place(save, replace=False)
        check_name(save, (".toml",), what="svarsfiler")
    path = example_answers()
    answers, questionnaire = load_answers(path)
    if save is not None:
        from ojcli.files.storage import write_new
        from ojcli.terminal.console import err

        write_new(save, path.read_bytes())
        err().print(
            f"Exempelfilen är sparad i {save}. Prova: ojcli score {save}    "
            f"ojcli report {save} -o rapport.html",
            style="dim",
        )
    if fmt is Format.text:
        from ojcli.terminal.console import out

        out().print(
            f"Exempel: {path.name} (fiktiva svar). Egna svar: ojcli survey svar.toml\n", style="dim"
        )
    show_results(score_answers(questionnaire, answers), fmt)
