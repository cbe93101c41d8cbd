"""`ojcli questionnaires`: list the survey years, show one, and show what changed between two."""

from typing import Annotated

import typer

from ojcli.cli._common import reports_errors

app = typer.Typer(
    help="Visa vilka enkätår som finns och vad de innehåller.\n\nExempel: ojcli questionnaires    ojcli questionnaires show 2019",
    invoke_without_command=True,
    no_args_is_help=False,
)


@app.callback()
@reports_errors
def questionnaires_list(ctx: typer.Context) -> None:
    """Lista enkätåren som följer med ojcli.

    Exempel: ojcli questionnaires    ojcli questionnaires show 2019
    """
    if ctx.invoked_subcommand is not None:
        return
    from rich.table import Table

    from ojcli.files.loading import list_questionnaires
    from ojcli.terminal.console import out

    table = Table(show_edge=False, pad_edge=False)
    for column in ("År", "Id", "Titel"):
        table.add_column(column)
    for info in list_questionnaires():
        table.add_row(str(info.year), info.id, info.title)
    out().print(table)
    out().print("Visa ett år: ojcli questionnaires show 2019", style="dim")


@app.command("show")
@reports_errors
def questionnaires_show(
    year: Annotated[str, typer.Argument(metavar="ÅR", help="Enkätår eller id, t.ex. 2019.")],
) -> None:
    """Visa ett enkätårs avsnitt, frågor, villkor och indikatorer, med källor och antaganden.

    Exempel: ojcli questionnaires show 2019
    """
    from ojcli.files.loading import find_questionnaire, load_questionnaire
    from ojcli.report.questionnaire import render_questionnaire
    from ojcli.terminal.console import out

    q = load_questionnaire(find_questionnaire(year))
    out().print(render_questionnaire(q))


@app.command("diff")
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
    from ojcli.compare.years import diff
    from ojcli.files.loading import find_questionnaire, load_questionnaire
    from ojcli.report.questionnaire import render_diff
    from ojcli.terminal.console import out

    old = load_questionnaire(find_questionnaire(year_a))
    new = load_questionnaire(find_questionnaire(year_b))
    out().print(render_diff(diff(old, new)))
