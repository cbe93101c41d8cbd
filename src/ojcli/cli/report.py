"""`ojcli report`: the results (or the answer sheet) as Markdown, HTML, JSON or CSV.

Imports only typer, the stdlib and ojcli's start-up-light modules at the top; the loader,
scoring and renderers are imported when the command runs.
"""

import sys
from pathlib import Path
from typing import Annotated

import typer

from ojcli.cli._common import (
    PerOption,
    parse_date,
    refuse_unsafe_output,
    reports_errors,
)
from ojcli.errors import UsageError, WriteError
from ojcli.report import SUFFIXES, Format


def choose_format(fmt: Format | None, output: Path | None) -> Format:
    """The format asked for, else the one the output file's suffix names, else Markdown."""
    named = SUFFIXES.get(output.suffix.lower()) if output is not None else None
    if output is not None and fmt is not None and named is not None and fmt is not named:
        raise UsageError(
            f"Filen {output} slutar på {output.suffix}, men formatet är {fmt.value}. "
            "Byt filnamn eller --format."
        )
    return fmt or named or Format.md


def check_output(output: Path, source: Path) -> None:
    """Refuse a target that is not a plain new or existing report file where the user said."""
    refuse_unsafe_output(output, "rapporter")
    if output.is_dir():
        raise UsageError(f"{output} är en mapp; ange ett filnamn, t.ex. {output / 'rapport.html'}.")
    if output.exists() and source.exists() and output.samefile(source):
        raise UsageError(f"{output} är svarsfilen själv; välj ett annat filnamn för rapporten.")
    if not output.parent.is_dir():
        raise WriteError(f"Kunde inte skriva {output}: mappen {output.parent} finns inte.")


@reports_errors
def report(
    file: Annotated[Path, typer.Argument(metavar="FIL", help="Svarsfilen (TOML).")],
    format: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            help="md, html, json eller csv. Standard: efter filändelsen i -o, annars md.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FIL",
            help="Skriv till den här filen (ersätts i ett svep) i stället för till skärmen.",
        ),
    ] = None,
    answers: Annotated[
        bool,
        typer.Option(
            "--answers",
            help="Svarsunderlaget i stället för resultatet: alla frågor i enkätens ordning med svar och kommentar.",
        ),
    ] = False,
    per: PerOption = None,
) -> None:
    """Gör en rapport till ledning och nämnd: sammanfattning, det som inte är uppfyllt med skäl, åtgärd och råd, resultat per tema, kommentarer och källor.

    HTML-filen är fristående och går att skriva ut på A4; CSV-filen öppnas i Excel
    (semikolon, UTF-8 med BOM). Med --answers blir det i stället ett svarsunderlag för den som
    för in svaren i Socialstyrelsens webbenkät.

    Exempel: ojcli report svar.toml -o rapport.html    ojcli report svar.toml --format csv -o rapport.csv    ojcli report svar.toml --answers -o svarsunderlag.html
    """
    fmt = choose_format(format, output)
    if output is not None:
        check_output(output, file)
    from ojcli.files.restore import read_answers
    from ojcli.report import renderer
    from ojcli.report.model import build
    from ojcli.scoring import score as score_answers

    answer_set, questionnaire = read_answers(file)
    model = build(score_answers(questionnaire, answer_set, parse_date(per)))
    text = renderer(fmt, answers=answers)(model)
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.buffer.flush()
        return
    from ojcli.files.storage import write_atomic
    from ojcli.terminal.console import err

    write_atomic(output, text)
    what = "Svarsunderlaget är sparat" if answers else "Rapporten är sparad"
    err().print(f"{what} i {output} ({fmt.value}).", markup=False, highlight=False)
