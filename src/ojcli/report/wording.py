"""Every word the reports show, once: labels, sentences, legends, number, percent and date formats.

The renderers (terminal text, Markdown, HTML, CSV, JSON, Excel, the rich views) take their
Swedish from here and add only their structure: Markdown and HTML say the same things in the
same words. A function that takes text parts expects them ready for its output format (escaped,
emphasised) and adds only plain words around them, which need no escaping in any format.

Keys of the state and answer-status tables are the enum values ("met", "unanswered"): the
enums (`ojcli.scoring.State`, `ojcli.report.model.AnswerStatus`) are str enums and look them up
directly. Stdlib-only and cheap to import on purpose: `ojcli score` loads it at every start.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # for the type checker only: nothing here is imported at run time
    import datetime as dt
    from collections.abc import Iterable, Mapping
    from typing import Protocol

    from ojcli.report.model import ThemeResult

    class ShareLike(Protocol):
        """A national share: a questionnaire's `NationalShare` or the report model's `Share`."""

        @property
        def year(self) -> int: ...  # noqa: D102

        @property
        def percent(self) -> float: ...  # noqa: D102

        @property
        def basis(self) -> str: ...  # noqa: D102


# --- Numbers, percentages, dates ------------------------------------------------------------------

MISSING = "–"  # in a cell or after a label where there is no value


def counted(n: int, one: str, many: str) -> str:
    """A count with its noun in the singular or plural: "1 fråga", "3 frågor"."""
    return f"{n} {one if n == 1 else many}"


def decimal(value: float) -> str:
    """A number the Swedish way, with a decimal comma: "73", "12,5"."""
    return f"{value:g}".replace(".", ",")


def percent(value: float, approximate: bool = False) -> str:
    """A percentage the Swedish way: "73 %", "73,5 %", and "≈20 %" when approximate."""
    return f"{'≈' if approximate else ''}{decimal(value)} %"


def round_percent(value: float) -> int:
    """Round half up (58.5 → 59), as people expect, not half to even."""
    return math.floor(value + 0.5)


def whole_percent(value: float) -> str:
    """A share computed here, in whole percent: "67 %"."""
    return f"{round_percent(value)} %"


def in_percent(label: str) -> str:
    """A column or row of bare percentages: "Andel i gruppen, %"."""
    return f"{label}, %"


def machine_percent(value: float | None) -> float | None:
    """A computed share for JSON and spreadsheets: a number with one decimal."""
    return None if value is None else round(value, 1)


def share_text(share: ShareLike | None) -> str:
    """A national share as a source gives it: "73 %", "≈20 %" (inferred or approximate), or "–"."""
    if share is None:
        return MISSING
    return percent(share.percent, approximate=share.basis != "stated")


def count(part: int, whole: int) -> str:
    """E.g. "2 av 4"."""
    return f"{part} av {whole}"


def date_text(day: dt.date) -> str:
    """Dates are shown as ISO dates: "2019-03-01"."""
    return day.isoformat()


def reference_date(day: dt.date) -> str:
    """E.g. "Mätdatum 2019-03-01"."""
    return f"Mätdatum {date_text(day)}"


# --- States and answers ---------------------------------------------------------------------------

SYMBOLS = {"met": "✓", "not_met": "✗", "not_applicable": "–", "incomplete": "?"}
SYMBOL_ORDER = ("met", "not_met", "incomplete", "not_applicable")  # as legends list them
ASCII_SYMBOLS = {"met": "+", "not_met": "x", "not_applicable": "-", "incomplete": "?"}
STATE_PLURALS = {
    "met": "Uppfyllda",
    "not_met": "Ej uppfyllda",
    "not_applicable": "Ej tillämpliga",
    "incomplete": "Ofullständiga",
}
REASON_LABELS = {"not_met": "Varför", "incomplete": "Saknas", "not_applicable": "Ej tillämplig"}
STATUS_WORDS = {"answered": "besvarad", "unanswered": "obesvarad", "not_asked": "ställs inte"}
_STATUS_SYMBOLS = {"unanswered": SYMBOLS["incomplete"], "not_asked": SYMBOLS["not_applicable"]}


def status_label(status: str) -> str:
    """A question without an answer, readable without colour: "? obesvarad", "– ställs inte"."""
    return f"{_STATUS_SYMBOLS[status]} {STATUS_WORDS[status]}"


def sheet_counts(counts: Mapping[str, int]) -> str:
    """E.g. "40 besvarade, 2 obesvarade, 3 ställs inte."."""
    return (
        f"{counts['answered']} besvarade, {counts['unanswered']} obesvarade, "
        f"{counts['not_asked']} ställs inte."
    )


ASKED_ONLY_IF = "Ställs bara om"


# --- One report: labels and sentences -------------------------------------------------------------

HERE = "Här"
YEAR = "År"
QUESTIONNAIRE = "Enkät"
NATIONAL = "Riket"
BY_THEME = "Per tema"
THEME = "Tema"
STATUS = "Status"
INDICATOR = "Indikator"
SUMMARY = "Sammanfattning"
TO_DO = "Att åtgärda"
TO_DO_INTRO = (
    "Indikatorer som inte är uppfyllda, med skälet, den minsta ändring av svaren som skulle "
    "uppfylla dem och ett råd."
)
ALL_MET = "Alla indikatorer som gäller här är uppfyllda."
RESULTS_BY_THEME = "Resultat per tema"
WOULD_MEET = "Det här skulle uppfylla indikatorn"
ADVICE = "Råd"
ANSWERS_USED = "Svar som användes"
COMMENTS = "Kommentarer och underlag"
NO_COMMENTS = "Inga kommentarer gavs i svarsfilen."
SOURCES = "Källor"
ASSUMPTIONS = "Antaganden"
MADE_BY = "Skapad med ojcli."
ANSWER_SHEET = "Svarsunderlag"
SHEET_INTRO = (
    "Alla frågor i enkätens ordning, med svar och kommentar, för den som för in svaren i "
    "Socialstyrelsens webbenkät. Frågor som inte ställs hoppas över med de här svaren."
)
NUMBER = "Nr"
QUESTION = "Fråga"
ANSWER = "Svar"
COMMENT = "Kommentar"
SHEET_COLUMNS = (NUMBER, QUESTION, ANSWER, COMMENT)
NONE_APPLIES = "ingen indikator gäller"
NATIONAL_UNKNOWN = "uppgift saknas"
NO_SHARE_KNOWN = "ingen andel känd"
RESULTS_KICKER = "Öppna jämförelser · resultat"
SHEET_KICKER = "Öppna jämförelser · svarsunderlag"


def unit_line(name: str, code: str, respondent: str) -> str:
    """Who answered: "Kiruna (kommunkod 2584) · Uppgiftslämnare: Anna"; `name` as shown."""
    line = f"{name} (kommunkod {code})"
    return f"{line} · Uppgiftslämnare: {respondent}" if respondent else line


def survey_line(reference: str, questionnaire_id: str) -> str:
    """The reference date sentence and the questionnaire: "Mätdatum … · Enkät: oj-eb-2019"."""
    return f"{reference} · {QUESTIONNAIRE}: {questionnaire_id}"


def reference_text(
    day: dt.date, questionnaire_day: dt.date, note: str, commands: bool = False
) -> str:
    """The reference date and its source; only the terminal (`commands`) names --per, not documents."""
    text = reference_date(day)
    if day != questionnaire_day:
        how = "angivet med --per" if commands else "valt i stället för enkätens"
        return f"{text} ({how}; enkätens mätdatum är {date_text(questionnaire_day)})"
    if commands and note:
        return f"{text} ({note} Bedöm mot ett annat datum med --per.)"
    return f"{text} ({note})" if note else text


def action_context(theme: str, share: ShareLike | None) -> str:
    """Under an open indicator: its theme and the national share with its year, or that none is known."""
    if share is None:
        return f"{theme} · riket: {NO_SHARE_KNOWN}"
    return f"{theme} · riket {share.year}: {share_text(share)}"


def not_applicable_note(reasons: str, title: str = "") -> str:
    """Why an indicator does not apply: "<title> gäller inte här: …" (or "Gäller inte här: …")."""
    return f"{title} gäller inte här: {reasons}" if title else f"Gäller inte här: {reasons}"


def source_line(title: str, source: str) -> str:
    """An indicator and its source: "<title>: <source>", or that it has none."""
    return f"{title}: {source or 'källa saknas'}"


def questionnaire_source(source: str) -> str:
    """E.g. "Enkäten: Socialstyrelsen …"."""
    return f"Enkäten: {source}"


def theme_here(t: ThemeResult) -> str:
    """Indicators met here, the percent first to read beside the national one: "50 % (2 av 4)"."""
    if t.share_here is None:
        return NONE_APPLIES
    return f"{whole_percent(t.share_here)} ({count(t.met, t.applicable)})"


def theme_national(t: ThemeResult) -> str:
    """A theme's national mean: "43 %", "87 % (1 av 2 kända)", "55 % (2023–2024; 2 av 3 kända)".

    The years are named when some shares are not the survey year's.
    """
    if t.national_mean is None:
        return NATIONAL_UNKNOWN
    notes = [years_text(t.national_years)] if t.national_years else []
    if t.national_known != len(t.indicators):
        notes.append(f"{count(t.national_known, len(t.indicators))} kända")
    return whole_percent(t.national_mean) + (f" ({'; '.join(notes)})" if notes else "")


def theme_line(here: str, national: str) -> str:
    """Under a theme's heading: "Här: 50 % (2 av 4) · Riket: 43 %"."""
    return f"{HERE}: {here} · {NATIONAL}: {national}"


def chart_label(title: str, here: str, national: str) -> str:
    """What a theme's chart shows, for screen readers."""
    return f"{title}: här {here}, riket {national}"


# --- Preliminary questionnaires, assumptions and due dates ---------------------------------------

PRELIMINARY = "Preliminär"
NOTICE = "Obs"  # before a notice about the questionnaire file in a report
ABOUT_QUESTIONNAIRE = "Om enkätfilen"  # the CSV column of those notices


def years_text(years: Iterable[int]) -> str:
    """Survey years as runs: "2019–2024", "2018, 2020–2021 och 2024"."""
    runs: list[list[int]] = []
    for year in sorted(set(years)):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    parts = [str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs]
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} och {parts[-1]}"


def preliminary_text(year: int, based_on_years: Iterable[int]) -> str:
    """What a prepared questionnaire rests on: "Preliminär: bygger på definitionerna från …"."""
    return (
        f"{PRELIMINARY}: bygger på definitionerna från {years_text(based_on_years)}, "
        f"inte på {year} års enkät."
    )


def preliminary_side(side: str, year: int, based_on_years: Iterable[int]) -> str:
    """One file of a comparison rests on a prepared questionnaire: "Ny fil: Preliminär: …"."""
    return f"{side}: {preliminary_text(year, based_on_years)}"


ASSUMED_MARK = "*"  # after the title of an indicator that rests on an assumption
ASSUMED_LEGEND = (
    f"{ASSUMED_MARK} Vilar på ett antagande: ingen källa visar att indikatorn ingår i årets "
    "enkät, eller vad den kräver."
)
ASSUMED_LEGEND_DOCUMENT = f"{ASSUMED_LEGEND} Se {ASSUMPTIONS} under {SOURCES}."


def assumed_legend_terminal(year: int) -> str:
    """The assumption marker explained under `ojcli score`, with where to read the assumption."""
    return f"{ASSUMED_LEGEND} Antagandena: ojcli questionnaires show {year}."


def assumed_title(title: str, assumed: bool) -> str:
    """An indicator's title with the assumption marker when it rests on one."""
    return f"{title} {ASSUMED_MARK}" if assumed else title


def holds_until_text(day: dt.date) -> str:
    """Under a met indicator that rests on a date: "Räknas som aktuell t.o.m. 2027-05-01."."""
    return f"Räknas som aktuell t.o.m. {date_text(day)}."


def lapses_text(holds_until: dt.date, reference: dt.date) -> str:
    """An indicator met by a date that lapses before the reference date, and what to do."""
    return (
        f"{holds_until_text(holds_until)[:-1]} men inte på mätdatum {date_text(reference)}: "
        "besluta eller följ upp igen före mätdatum."
    )


def due_note(title: str, text: str) -> str:
    """Under a results table: "<title>: Räknas som aktuell t.o.m. …"."""
    return f"{title}: {text}"


LAPSING = "Upphör före mätdatum"
LAPSING_INTRO = (
    "Uppfyllda nu, men ett datum som indikatorn vilar på blir för gammalt före mätdatum."
)


def too_old_for(year: int, reference: dt.date, earliest: dt.date) -> str:
    """A carried-over date the new year's rule no longer accepts, marked in the review."""
    return (
        f"för gammalt för {year} års mätdatum {date_text(reference)}; "
        f"tidigaste godtagbara datum är {date_text(earliest)}"
    )


def not_accepted_in(year: int, reason: str) -> str:
    """A carried-over answer the new year's rule no longer accepts, with the rule's reason."""
    return f"godtas inte av {year} års krav: {reason}"


def review_mark(text: str) -> str:
    """Under an answer in the review: "Obs: för gammalt för 2027 års mätdatum …"."""
    return f"Obs: {text}."


def review_marks(count: int) -> str:
    """Under the review: how many answers are marked, and what to do."""
    what = "1 svar är markerat" if count == 1 else f"{count} svar är markerade"
    return f"{what} med Obs: ange numret för att ändra."


def carried_rejected(count: int, year: int) -> str:
    """After `survey --from`: how many carried answers the new year's rules do not accept."""
    marked = "det är markerat" if count == 1 else "de är markerade"
    return f"{count} svar som förs över godtas inte av {year} års krav; {marked} i granskningen."


# --- Legends --------------------------------------------------------------------------------------

APPROXIMATE = "(≈ = ungefärligt eller härlett)"
SHARE_LEGEND = (
    "Riket: andel av landets kommuner som uppfyllde indikatorn enkätåret, där en källa anger det "
    f"{APPROXIMATE}. Saknas andelen för enkätåret visas den senast kända med sitt år inom "
    "parentes; – betyder att ingen andel är känd."
)
THEME_SHARE_LEGEND = (
    "Riket per tema: medelvärdet av andelarna i riket för temats indikatorer, där andelen är känd "
    "(år inom parentes: andelarnas år, när de inte är enkätårets)."
)
# Every format shows the themes under the same two labels, "Här" and "Riket".
HERE_LEGEND = "Här: andel uppfyllda av de indikatorer som gäller här, antalet inom parentes."


# Patterns as strings: `re` compiles (and caches) them on first use, not when `score` starts.
_COMMAND = r"\bojcli [a-z]|(?:^|\s|\()--?[a-z]|\bpip install\b"
_SENTENCE_END = r"(?<=[.!?])\s+(?=[A-ZÅÄÖ])"


def without_commands(text: str) -> str:
    """A message written for the terminal, fit for a document: sentences naming a command dropped.

    E.g. "frågan 'x' finns inte i enkäten 2019. Frågorna listas med: ojcli questionnaires show
    2019" → "frågan 'x' finns inte i enkäten 2019.". Reports are read by people who do not run
    ojcli, so they carry no command syntax.
    """
    if not re.search(_COMMAND, text):
        return text
    kept = [part for part in re.split(_SENTENCE_END, text) if not re.search(_COMMAND, part)]
    return " ".join(kept).strip()


# --- Many files compared --------------------------------------------------------------------------

COMPARISON_TITLE = "Jämförelse av svarsfiler"
NOTES_HEADING = "Att observera"
UNIT = "Enhet"
CODE = "Kod"
COUNTY = "Län"
COUNTY_CODE = "Länskod"
MUNICIPALITY = "Kommun"
MUNICIPALITY_CODE = "Kommunkod"
FILE = "Fil"
APPLICABLE = "Tillämpliga"
COMPARISON_LEGEND = (
    f"Tecken: {SYMBOLS['met']} uppfylld, {SYMBOLS['not_met']} ej uppfylld, "
    f"{SYMBOLS['incomplete']} ofullständig (svar saknas), {SYMBOLS['not_applicable']} ej tillämplig. "
    "Andelen räknas på de enheter som indikatorn gäller; ofullständiga räknas som ej uppfyllda. "
    f"{SHARE_LEGEND}"
)


def group_share(share: float | None) -> str:
    """The share of units meeting an indicator: "60 %", or "–" when it applies to none."""
    return MISSING if share is None else whole_percent(share)


def share_in(place: str) -> str:
    """The share meeting an indicator somewhere: "Andel i Norrbottens län", "Andel i riket"."""
    return f"Andel i {place}"


GROUP_SHARE = share_in("gruppen")


def failures_heading(failed: int) -> str:
    """E.g. "Filer som inte kunde läsas (2)"."""
    return f"Filer som inte kunde läsas ({failed})"


def year_heading(year: int, title: str, units: int) -> str:
    """E.g. "2019 – Öppna jämförelser … 2019 (20 enheter)"."""
    from ojcli.report.notes import with_note

    return f"{year} – {with_note(title, counted(units, 'enhet', 'enheter'))}"


def files_line(compared: int, files: int, failed: int, skipped: int) -> str:
    """How many files were compared, failed and skipped, in one Swedish sentence."""
    text = f"{count(compared, files)} filer jämförda"
    if failed:
        text += f", {failed} kunde inte läsas"
    if skipped:
        text += f", {skipped} gäller andra år"
    return text + "."
