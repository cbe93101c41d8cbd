"""Every Swedish word and sentence of the plan, once.

For `ojcli plan`, the report's "Handlingsplan" and the calendar. A leaf like
`ojcli.report.wording`, kept apart so that neither grows past a readable size.
"""

from __future__ import annotations

import datetime as dt

PLAN = "Handlingsplan"
DECISION_WORDS = {
    "act": "Åtgärda",
    "accept": "Godtas som ej uppfylld",
    "no_action": "Ingen åtgärd behövs",
    "": "Inget beslut",
}
DECISION_CHOICES = (
    ("act", "Åtgärda: vad, vem och när"),
    ("accept", "Godta som ej uppfylld, med skäl"),
    ("no_action", "Ingen åtgärd behövs"),
)
SECTION_TITLES = {
    "soon": "Före mätdatum {reference}",
    "later": "Efter mätdatum",
    "accepted": "Godtas som ej uppfyllda",
    "no_action": "Ingen åtgärd behövs",
    "done": "Genomfört: uppfyllt nu",
}
SECTION_INTROS = {
    "soon": (
        "Det som är försenat eller ska vara klart före mätdatum, i datumordning, också rutiner "
        "som upphör att gälla före det; sist det som inte är uppfyllt och saknar beslut."
    ),
    "later": "Åtgärder som blir klara efter mätdatum, i datumordning.",
    "accepted": "Indikatorer som inte uppfylls i år, och varför.",
    "no_action": "",
    "done": "Åtgärder vars indikator nu är uppfylld.",
}
ACTION = "Åtgärd"
OWNER = "Ansvarig"
DUE = "Klart senast"
REASON = "Skäl"
DECISION = "Beslut"
DATE = "Datum"
NOTE = "Anmärkning"
NO_ENTRIES = "Inga indikatorer att besluta om: allt är uppfyllt, och inga beslut är fattade."
NOTHING_DECIDED = "Inga beslut ännu."


def overdue_text(day: dt.date) -> str:
    """An action or lapse date that has passed."""
    return f"Försenad: skulle ha varit klar {day.isoformat()}."


def after_reference_text(reference: dt.date, year: int) -> str:
    """An action on an indicator not met, due after the reference date."""
    return (
        f"Klart efter mätdatum {reference.isoformat()}: indikatorn räknas då inte som uppfylld "
        f"i {year} års enkät."
    )


def lapse_text(lapses_on: dt.date, reference: dt.date) -> str:
    """A routine met today that lapses before the reference date, by its last day.

    The reports' words (`wording.lapses_text`): one day is said one way.
    """
    from ojcli.report.wording import lapses_text

    return lapses_text(lapses_on - dt.timedelta(days=1), reference)


def lapse_action(lapses_on: dt.date) -> str:
    """The default action for a routine that lapses: by its last day."""
    return f"Besluta eller följ upp rutinen igen senast {lapses_on - dt.timedelta(days=1)}."


DONE_TEXT = "Genomförd: indikatorn är uppfylld."


def summary(decided: int, undecided: int) -> str:
    """E.g. "3 beslut, 2 indikatorer utan beslut."."""
    without = "1 indikator" if undecided == 1 else f"{undecided} indikatorer"
    return f"{decided} beslut, {without} utan beslut."


def score_line(decided: int, undecided: int, file: str) -> str:
    """What `ojcli score` says of a file's plan (without building it)."""
    without = (
        f"{undecided} ej uppfyllda saknar beslut" if undecided else "alla ej uppfyllda har beslut"
    )
    return f"{PLAN}: {decided} beslut, {without}. Visa och besluta: ojcli plan {file}"


def followed_up_heading(year: int, done: int, planned: int) -> str:
    """Over the old plan's actions in `ojcli compare`."""
    return f"Handlingsplanen {year}: {done} av {planned} planerade åtgärder genomförda"


def followed_up_text(
    carried_out: bool, gone: bool, action: str, owner: str, due: dt.date | None
) -> str:
    """One planned action of the old file, and whether the new file meets its indicator."""
    planned = f"{action} ({owner}{', ' + due.isoformat() if due else ''})"
    if gone:
        return f"Planerat: {planned}. Indikatorn finns inte i den nya enkäten."
    if carried_out:
        return f"Genomförd: indikatorn är uppfylld nu. Planerat: {planned}."
    return f"Inte genomförd: indikatorn är inte uppfylld. Planerat: {planned}."


# --- the interactive step ------------------------------------------------------------------------

STEP_HELP = (
    "Välj ett beslut med siffran och tryck Enter.  ? = hjälp  > = hoppa över  "
    "q = spara och avsluta (Ctrl-D likaså)"
)
DECISION_PROMPT = "Beslut (1–3)"
ACTION_PROMPT = "Vad ska göras"
OWNER_PROMPT = "Vem ansvarar"
DUE_PROMPT = "Klart senast (ÅÅÅÅ-MM-DD)"
REASON_PROMPT = "Varför godtas den som ej uppfylld"
NOTE_PROMPT = "Skäl eller anteckning (valfritt)"
REVIEW_PROMPT = "Nummer på en indikator att ändra beslut för, eller Enter för att avsluta"
SAVED = "Beslutet är sparat."
NEEDED = "Det här behövs för beslutet. Skriv > för att hoppa över indikatorn."


def with_default(prompt: str, default: str) -> str:
    """A prompt that names what Enter gives."""
    return f"{prompt} (Enter = {default})" if default else prompt


def progress(n: int, total: int) -> str:
    """E.g. "Indikator 2 av 5 utan beslut"."""
    return f"Indikator {n} av {total} utan beslut"


def paused(file: str, undecided: int) -> str:
    """What is saved and how to go on."""
    left = "" if not undecided else f" {summary_left(undecided)}"
    return f"Besluten är sparade i {file}.{left} Fortsätt med: ojcli plan {file}"


def finished(file: str, summary: str) -> str:
    """After the step: the plan's summary, where it is saved, and what to do with it."""
    return (
        f"{summary} Besluten är sparade i {file}. Kalender: ojcli plan {file} --ics plan.ics   "
        f"Rapport: ojcli report {file} -o rapport.html"
    )


def summary_left(undecided: int) -> str:
    """E.g. "2 indikatorer saknar beslut."."""
    return (
        "1 indikator saknar beslut."
        if undecided == 1
        else f"{undecided} indikatorer saknar beslut."
    )
