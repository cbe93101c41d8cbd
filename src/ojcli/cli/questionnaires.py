"""`ojcli questionnaires`: list the survey years, show one, and show what changed between two."""

from pathlib import Path
from typing import Annotated

import typer

from ojcli.cli._common import print_notices, reports_errors

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

    q = load_questionnaire(find_questionnaire(year, beside=Path.cwd()))
    print_notices(q)
    out().print(render_questionnaire(q))


@app.command("diff")
@reports_errors
def questionnaires_diff(
    year_a: Annotated[
        str,
        typer.Argument(
            metavar="ÅR_A", help="Det tidigare enkätåret eller en enkätfil, t.ex. 2023."
        ),
    ],
    year_b: Annotated[
        str,
        typer.Argument(metavar="ÅR_B", help="Det senare enkätåret eller en enkätfil, t.ex. 2024."),
    ],
) -> None:
    """Visa vad som ändrats mellan två enkätår: indikatorer som tillkommit, tagits bort eller fått nytt kriterium, och frågor.

    Exempel: ojcli questionnaires diff 2023 2024    ojcli questionnaires diff oj-eb-2027.toml ny-2027.toml
    """
    from ojcli.compare.years import diff
    from ojcli.files.loading import find_questionnaire, load_questionnaire
    from ojcli.report.questionnaire import render_diff
    from ojcli.terminal.console import out

    old = load_questionnaire(find_questionnaire(year_a, beside=Path.cwd()))
    new = load_questionnaire(find_questionnaire(year_b, beside=Path.cwd()))
    print_notices(old)
    print_notices(new)
    out().print(render_diff(diff(old, new)))


@app.command("new")
@reports_errors
def questionnaires_new(
    year: Annotated[int, typer.Argument(metavar="ÅR", help="Enkätåret att förbereda, t.ex. 2027.")],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FIL", help="Filen att skriva (standard: oj-eb-ÅR.toml)."
        ),
    ] = None,
) -> None:
    """Förbered en enkät för ett år som ojcli ännu inte har, från den senaste enkäten ojcli har.

    Den senaste enkätens indikatorer tas med, var och en i sin definition därifrån, och märks
    som antagna ("enligt 2024, antas ingå 2027"). Redigera filen när den riktiga enkäten är
    känd, och lägg den bredvid svarsfilerna: då hittar ojcli den.

    Exempel: ojcli questionnaires new 2027 -o oj-eb-2027.toml
    """
    from ojcli.files.targets import check_name, check_place
    from ojcli.model import dates
    from ojcli.prepare import write_prepared
    from ojcli.terminal.console import out

    target = output or Path(f"oj-eb-{year}.toml")
    check_place(target, replace=False)
    check_name(target, (".toml",), what="enkätfiler")
    q = write_prepared(year, target, dates.today())
    based = ", ".join(str(y) for y in q.preparation.based_on_years) if q.preparation else ""
    out().print(
        f"Skrev {target}: preliminär enkät {year} med {len(q.indicators)} indikatorer och "
        f"{len(q.questions)} frågor, från enkäten {based}. Redigera den när enkäten {year} "
        f"är känd och kontrollera den med: ojcli validate {target}",
        markup=False,
        highlight=False,
    )
