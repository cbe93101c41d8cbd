"""`ojcli report`: the results (or the answer sheet) as Markdown, HTML, JSON or CSV.

Imports only typer, the stdlib and ojcli's start-up-light modules at the top; the loader,
scoring and renderers are imported when the command runs.
"""

from typing import Annotated

import typer

from ojcli.cli._common import parse_date, print_notices, reports_errors
from ojcli.cli._options import (
    REPORT_FORMATS,
    AnswersFile,
    EnkatOption,
    PerOption,
    ReportFormatOption,
    ReportOutputOption,
)
from ojcli.cli._output import emit, prepare
from ojcli.report.formats import Kind


@reports_errors
def report(
    file: AnswersFile,
    format: ReportFormatOption = None,
    output: ReportOutputOption = None,
    answers: Annotated[
        bool,
        typer.Option(
            "--answers",
            help="Svarsunderlaget i stället för resultatet: alla frågor i enkätens ordning med svar och kommentar.",
        ),
    ] = False,
    per: PerOption = None,
    enkat: EnkatOption = None,
) -> None:
    """Gör en rapport till ledning och nämnd: sammanfattning, det som inte är uppfyllt med skäl, åtgärd och råd, resultat per tema, handlingsplan, kommentarer och källor.

    HTML-filen är fristående och går att skriva ut på A4; CSV-filen öppnas i Excel
    (semikolon, UTF-8 med BOM). Med --answers blir det i stället ett svarsunderlag för den som
    för in svaren i Socialstyrelsens webbenkät.

    Exempel: ojcli report svar.toml -o rapport.html    ojcli report svar.toml --format csv -o rapport.csv    ojcli report svar.toml --answers -o svarsunderlag.html
    """
    fmt = prepare(
        format,
        output,
        REPORT_FORMATS,
        what="rapporter",
        source=file,
    )
    from ojcli.files.restore import read_answers
    from ojcli.report.model import build
    from ojcli.scoring import score

    answer_set, questionnaire = read_answers(file, enkat)
    print_notices(questionnaire, answer_set)  # the report holds them too, for its readers
    model = build(score(questionnaire, answer_set, parse_date(per)))
    if not answers:  # the results carry the plan ("Handlingsplan") after the themes
        from ojcli.model.dates import today
        from ojcli.report.plan import with_plan

        model = with_plan(model, answer_set.plan, today())
    emit(fmt, Kind.answers if answers else Kind.results, model, output)
    if output is not None:
        from ojcli.terminal.console import err

        what = "Svarsunderlaget är sparat" if answers else "Rapporten är sparad"
        err().print(f"{what} i {output} ({fmt.value}).", markup=False, highlight=False)
