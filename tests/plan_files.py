"""A small questionnaire of the tests' own for the plan (issue 18), and answers files for it.

Its own, so that the plan's tests follow the mechanisms (not met, incomplete, a routine that
lapses) rather than the bundled questionnaires' indicators, which change with the surveys. It
lies beside the answers file, where ojcli finds a questionnaire by its id.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

QID = "test-plan-2030"
REFERENCE = "2030-03-01"

QUESTIONNAIRE = textwrap.dedent(
    f"""\
    format_version = 1
    id = "{QID}"
    year = 2030
    title = "Testenkät 2030"
    reference_date = {REFERENCE}
    themes = [{{ id = "t", title = "Tema" }}]

    [[sections]]
    id = "s"
    title = "Avsnitt"
    [[sections.questions]]
    id = "rutin_uppfoljd"
    type = "date"
    label = "rutinens uppföljning"
    text = "När följdes rutinen upp senast?"
    [[sections.questions]]
    id = "mote"
    type = "yes_no"
    label = "separata möten"
    text = "Erbjuds separata möten?"
    [[sections.questions]]
    id = "vantetid"
    type = "number"
    label = "väntetiden"
    text = "Hur många dagars väntetid?"
    unit = "dagar"
    [[sections.questions]]
    id = "jour"
    type = "yes_no"
    label = "socialjouren"
    text = "Finns socialjour?"
    [[sections.questions]]
    id = "tolk"
    type = "yes_no"
    label = "tolken"
    text = "Används tolk?"

    [[indicators]]
    id = "rutin"
    title = "Rutinen följd upp senaste året"
    theme = "t"
    advice = "Följ upp rutinen varje år."
    rule = {{ question = "rutin_uppfoljd", within_months = 12 }}
    [[indicators]]
    id = "mote"
    title = "Separata möten"
    theme = "t"
    advice = "Erbjud separata möten."
    rule = {{ question = "mote", equals = "ja" }}
    [[indicators]]
    id = "vantetid"
    title = "Väntetid högst 14 dagar"
    theme = "t"
    advice = "Korta väntetiden."
    rule = {{ question = "vantetid", compare = "<=", value = 14 }}
    [[indicators]]
    id = "jour"
    title = "Socialjour"
    theme = "t"
    advice = "Ordna socialjour."
    rule = {{ question = "jour", equals = "ja" }}
    [[indicators]]
    id = "tolk"
    title = "Tolk vid behov"
    theme = "t"
    advice = "Använd tolk."
    rule = {{ question = "tolk", equals = "ja" }}
    """
)

HEAD = f"""\
# Vår svarsfil: kommentarer som ska stå kvar
[meta]
format_version = 2
questionnaire = "{QID}"
municipality_code = "2584"
municipality_name = "Kiruna"
unit = "Försörjningsstöd"
respondent = "Anna Andersson"

[answers]
mote = "nej"   # ändras efter nämndens beslut i januari
vantetid = 20
jour = "nej"
tolk = "nej"
"""


def write_folder(folder: Path, answers_text: str = HEAD, name: str = "svar.toml") -> Path:
    """The questionnaire and an answers file in `folder`; the answers file's path."""
    (folder / f"{QID}.toml").write_text(QUESTIONNAIRE, encoding="utf-8")
    path = folder / name
    path.write_text(answers_text, encoding="utf-8")
    return path
