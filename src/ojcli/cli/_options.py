"""The arguments and options the commands share, each defined once as an `Annotated` alias.

The `--format` choices are the registry's formats (`ojcli.report.formats`) that each command
offers; typer shows a Literal's values as the choices, so each offer becomes a Literal.
For mypy it is `Format`; commands turn the value typer gives into a `Format` with `Format(value)`.
"""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeAlias

import typer

from ojcli.report.formats import Format, Kind, offered

# What each command offers, in the order --help lists them; the first is the default.
SCORE_FORMATS = (Format.text, Format.json)  # the other formats are `ojcli report`'s
REPORT_FORMATS = offered(Kind.results, files=True)
PAIR_FORMATS = offered(Kind.pair)
GROUP_FORMATS = offered(Kind.group)
PLAN_FORMATS = offered(Kind.plan)


def _choice(formats: tuple[Format, ...]) -> Any:
    # A Literal of the values: typer offers it as choices like an Enum, and creating an Enum
    # class cost `ojcli score` a few million instructions at every start.
    return Literal[tuple(fmt.value for fmt in formats)]


if TYPE_CHECKING:
    ScoreChoice: TypeAlias = Format
    ReportChoice: TypeAlias = Format
    PairChoice: TypeAlias = Format
    GroupChoice: TypeAlias = Format
    PlanChoice: TypeAlias = Format
else:
    ScoreChoice = _choice(SCORE_FORMATS)
    ReportChoice = _choice(REPORT_FORMATS)
    # The same choice as score's when the formats are the same.
    PairChoice = ScoreChoice if PAIR_FORMATS == SCORE_FORMATS else _choice(PAIR_FORMATS)
    GroupChoice = _choice(GROUP_FORMATS)
    PlanChoice = _choice(PLAN_FORMATS)


AnswersFile = Annotated[Path, typer.Argument(metavar="FIL", help="Svarsfilen (TOML).")]

_TEXT_OR_JSON = "text för terminalen, json för program."
ScoreFormatOption = Annotated[ScoreChoice, typer.Option("--format", "-f", help=_TEXT_OR_JSON)]
PairFormatOption = Annotated[PairChoice, typer.Option("--format", "-f", help=_TEXT_OR_JSON)]
ReportFormatOption = Annotated[
    ReportChoice | None,
    typer.Option(
        "--format",
        "-f",
        help="md, html, json eller csv. Standard: efter filändelsen i -o, annars md.",
        show_default=False,
    ),
]
GroupFormatOption = Annotated[
    GroupChoice | None,
    typer.Option(
        "--format",
        "-f",
        help="table (terminalen), md, html, json, csv eller xlsx. Standard: efter filändelsen i -o, annars table.",
        show_default=False,
    ),
]

PlanFormatOption = Annotated[
    PlanChoice | None,
    typer.Option(
        "--format",
        "-f",
        help="text (terminalen, med beslut fråga för fråga), md, json eller csv. Standard: efter filändelsen i -o, annars text.",
        show_default=False,
    ),
]

ReportOutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FIL",
        help="Skriv till den här filen (ersätts i ett svep) i stället för till skärmen.",
    ),
]
GroupOutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", metavar="FIL", help="Skriv till en fil i stället för till skärmen."
    ),
]

PerOption = Annotated[
    str | None,
    typer.Option(
        "--per",
        metavar="DATUM",
        help="Bedöm datumkrav per detta datum i stället för enkätens mätdatum, t.ex. --per 2025-03-01.",
    ),
]

SurveyYearOption = Annotated[
    int | None,
    typer.Option(
        "--year", "-y", help="Enkätår (standard: året som förbereds, från april nästa års enkät)."
    ),
]
EnkatOption = Annotated[
    Path | None,
    typer.Option(
        "--enkat",
        metavar="FIL",
        help="Enkätfilen att använda (standard: den svarsfilen anger, i första hand bredvid svarsfilen).",
    ),
]
EnkatsOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--enkat",
        metavar="FIL",
        help="En enkätfil för de svarsfiler som anger dess id, var de än ligger (standard: bredvid varje svarsfil, annars den som följer med ojcli). Kan anges flera gånger.",
    ),
]
GroupYearOption = Annotated[
    int | None,
    typer.Option("--year", "-y", help="Jämför bara filerna för detta enkätår."),
]
