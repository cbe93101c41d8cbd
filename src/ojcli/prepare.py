"""Prepare a questionnaire for a survey year ojcli does not ship, from the newest year it has.

The prepared year takes the newest bundled year's indicators, in its order, each in that year's
definition, and nothing else: an indicator that year no longer has is not brought back. Each
indicator's presence in the new year is assumed ("enligt 2024, antas ingå 2027"), and so is
its criterion; its national shares keep their own years, each from the questionnaire of its own
year where that file has it. What is known about the years after the newest (the law a year
cites, help on the activity requirement, what Kolada's catalogue still lists, values reported
without a verdict) is data shipped with ojcli, `data/prepared.toml` (`ojcli.model.prepared`).
The reference date is assumed to be 1 March, and `preparation` marks the questionnaire as
preliminary.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path
from typing import Any

from ojcli import messages
from ojcli.errors import UsageError
from ojcli.model.prepared import PreparedAdditions
from ojcli.model.questionnaire import (
    QUESTIONNAIRE_FORMAT_VERSION,
    Indicator,
    NationalShare,
    Question,
    Questionnaire,
)
from ojcli.model.rules import Rule, questions_of

# The survey opens in January and measures on 1 March; from April on, the year being
# prepared is next year's.
PREPARATION_STARTS_MONTH = 4
_HOW = {"sourced": "belagt", "inferred": "härlett", "assumed": "antaget"}


def survey_year_for(today: dt.date) -> int:
    """The survey year a unit head prepares on this day: next year's from April on."""
    return today.year + 1 if today.month >= PREPARATION_STARTS_MONTH else today.year


def shipped_additions() -> PreparedAdditions:
    """What ojcli adds to a prepared year, as shipped (`data/prepared.toml`)."""
    from ojcli import PACKAGE_DIR

    text = (PACKAGE_DIR / "data" / "prepared.toml").read_text(encoding="utf-8")
    return PreparedAdditions.model_validate(tomllib.loads(text))


def prepare(
    year: int,
    bundled: list[Questionnaire],
    today: dt.date,
    additions: PreparedAdditions | None = None,
) -> Questionnaire:
    """A preliminary questionnaire for `year` from the newest of the bundled questionnaires.

    Raises:
        UsageError: when ojcli ships `year` (use that one), when `year` is not after the newest
            bundled year, or when there is nothing to build from.
    """
    if not bundled:
        raise messages.no_questionnaires_installed()
    if year in {q.year for q in bundled}:
        raise messages.year_shipped(year)
    newest = max(bundled, key=lambda q: q.year)
    if year < newest.year:
        raise messages.year_before_newest(year, newest.year)
    add = additions or shipped_additions()
    shares = _shares(bundled)
    indicators = [
        _carried(ind, newest, year, shares.get(ind.id, []), add) for ind in newest.indicators
    ]
    needed = {qid for ind in newest.indicators for qid in _needed(ind, newest)}
    helped = _help_additions(newest, year, add)
    sections = [
        {
            **section.model_dump(by_alias=True, exclude_none=True, exclude={"questions"}),
            "questions": [
                _retimed(x, newest.year, year, add, helped.get(x.id, []))
                for x in section.questions
                if x.id in needed
            ],
        }
        for section in newest.sections
        if any(x.id in needed for x in section.questions)
    ]
    reported = [r for r in add.reported if r.from_year <= year]
    sections += [r.section.model_dump(by_alias=True, exclude_none=True) for r in reported]
    law = add.law if year >= add.law.from_year else None
    notes = [n.format(year=year, newest=newest.year, dated=add.catalogue.dated) for n in add.notes]
    notes += [f"Från enkäten {newest.year}: {law.cite(n) if law else n}" for n in newest.notes]
    data: dict[str, Any] = {
        "format_version": QUESTIONNAIRE_FORMAT_VERSION,
        "id": f"oj-eb-{year}",
        "year": year,
        "title": f"Öppna jämförelser av ekonomiskt bistånd {year} (preliminär)",
        "reference_date": dt.date(year, 3, 1),
        "reference_date_note": (
            f"Antaget: 1 mars {year}, som tidigare år. Ändra när enkäten {year} är publicerad."
        ),
        "source": f"Förberedd av ojcli {today.isoformat()} från enkäten {newest.year}.",
        "notes": [
            f"Preliminär: Socialstyrelsens enkät {year} var inte publicerad när filen skapades.",
            *notes,
        ],
        "sources": _sources(indicators, reported, bundled, add),
        "themes": [t.model_dump() for t in newest.themes],
        "sections": sections,
        "indicators": indicators,
        "reported": [r.value.model_dump(exclude_defaults=True) for r in reported],
        "preparation": {
            "prepared_on": today,
            "based_on_years": [newest.year],
            "note": (
                "Stryk det som den riktiga enkäten tagit bort, lägg till det som är nytt och "
                "kontrollera filen med ojcli validate."
            ),
        },
    }
    return Questionnaire.model_validate(data)


def _shares(bundled: list[Questionnaire]) -> dict[str, list[NationalShare]]:
    """Per indicator, its national shares, one per year, from the file of that year if it has it.

    A share is taken from the questionnaire of its own year where that file gives it, else from
    the newest file that does.
    """
    chosen: dict[str, dict[int, tuple[tuple[bool, int], NationalShare]]] = {}
    for q in bundled:
        for ind in q.indicators:
            for share in ind.national_share:
                rank = (q.year == share.year, q.year)
                have = chosen.setdefault(ind.id, {}).get(share.year)
                if have is None or rank > have[0]:
                    chosen[ind.id][share.year] = (rank, share)
    return {iid: [s for _, (_, s) in sorted(by.items())] for iid, by in chosen.items()}


def _needed(ind: Indicator, q: Questionnaire) -> list[str]:
    """The questions an indicator reads, with the questions their skip conditions read."""
    rules: list[Rule] = [ind.rule, *([ind.applies_if] if ind.applies_if else [])]
    todo = [qid for r in rules for qid in questions_of(r)]
    seen: list[str] = []
    while todo:
        qid = todo.pop()
        if qid in seen:
            continue
        seen.append(qid)
        asked_if = q.question(qid).asked_if
        if asked_if is not None:
            todo += questions_of(asked_if)
    return seen


def _help_additions(q: Questionnaire, year: int, add: PreparedAdditions) -> dict[str, list[str]]:
    """Per question, the paragraphs added to its help.

    An addition goes to the first question each indicator with one of its measures reads.
    """
    added: dict[str, list[str]] = {}
    for extra in add.help:
        if year < extra.from_year:
            continue
        for ind in q.indicators:
            if ind.measure is not None and set(ind.measure.kolada) & set(extra.measures):
                added.setdefault(questions_of(ind.rule)[0], []).append(extra.text)
    return added


def _retimed(
    question: Question, old: int, new: int, add: PreparedAdditions, extra: list[str]
) -> dict[str, Any]:
    """A question of year `old` as asked in year `new`: its period moved, its law as cited then.

    Texts, labels and option labels name the survey year and the year before it (systematic
    follow-up asks about the results of the year before the survey); help texts are changed
    only where they name that period, so a fact about an earlier year stays as it was. From the
    year the new law applies, citations of the old law move to the new one; `extra` paragraphs
    (the activity requirement) are added to the help.
    """

    def shift(text: str) -> str:
        return re.sub(rf"\b({old}|{old - 1})\b", lambda m: str(new - (old - int(m.group(1)))), text)

    cite = add.law.cite if new >= add.law.from_year else (lambda text: text)
    data = question.model_dump(by_alias=True, exclude_none=True)
    data["text"] = cite(shift(data["text"]))
    data["label"] = shift(data.get("label", ""))
    help_text = data.get("help", "").replace(
        f"året före enkäten, {old - 1}", f"året före enkäten, {new - 1}"
    )
    data["help"] = " ".join(part for part in (cite(help_text), *extra) if part)
    if "options" in data and question.type != "yes_no":
        data["options"] = [{**o, "label": shift(o["label"])} for o in data["options"]]
    return data


def _carried(
    ind: Indicator,
    src: Questionnaire,
    year: int,
    shares: list[NationalShare],
    add: PreparedAdditions,
) -> dict[str, Any]:
    """The indicator as assumed for `year`: the newest year's definition, marked as carried over."""
    presence, criterion = ind.presence, ind.criterion
    listed = _catalogue_note(ind, add)
    law = add.law if year >= add.law.from_year else None
    return {
        **ind.model_dump(by_alias=True, exclude_none=True),
        "advice": law.cite(ind.advice) if law else ind.advice,
        "presence": {
            "basis": "assumed",
            "sources": [
                *(presence.sources if presence else []),
                *(add.catalogue.provenance.sources if listed else []),
            ],
            "note": f"Antaget: indikatorn ingår {year} som i enkäten {src.year}"
            + (f" (att den ingick {src.year} är {_HOW[presence.basis]})." if presence else ".")
            + listed,
        },
        "criterion": {
            "basis": "assumed",
            "sources": list(criterion.sources) if criterion else [],
            "note": f"Antaget: kriteriet från enkäten {src.year} gäller {year}"
            + (f" (kriteriet {src.year} är {_HOW[criterion.basis]})." if criterion else "."),
        },
        "national_share": [s.model_dump(exclude_defaults=True) for s in shares],
        "carried_from": src.year,
    }


def _catalogue_note(ind: Indicator, add: PreparedAdditions) -> str:
    """What Kolada's newest catalogue says of the indicator's measure; empty without one."""
    ids = ind.measure.kolada if ind.measure else []
    if not ids:
        return ""
    kept = [k for k in ids if k in add.catalogue.still_listed]
    listed = ", ".join(kept or ids)
    if kept:
        return f" Måttet {listed} finns kvar i Kolada-katalogen från {add.catalogue.dated}."
    return f" Kolada-katalogen från {add.catalogue.dated} listar inte längre måttet ({listed})."


def _sources(
    indicators: list[dict[str, Any]],
    reported: list[Any],
    bundled: list[Questionnaire],
    add: PreparedAdditions,
) -> list[dict[str, Any]]:
    """Every page the indicators and reported values cite, as the newest file listing it has it."""
    pages: dict[str, dict[str, Any]] = {}
    for q in sorted(bundled, key=lambda q: -q.year):
        for s in q.sources:
            pages.setdefault(s.id, s.model_dump(exclude_defaults=True))
    for s in add.sources:
        pages.setdefault(s.id, s.model_dump(exclude_defaults=True))
    cited: list[str] = []
    for ind in indicators:
        shares = [sid for s in ind["national_share"] for sid in s["sources"]]
        measure = ind.get("measure", {}).get("sources", [])
        cited += [*ind["presence"]["sources"], *ind["criterion"]["sources"], *measure, *shares]
    cited += [sid for r in reported for sid in r.value.source_ids]
    return [pages[sid] for sid in dict.fromkeys(cited)]


def render(questionnaire: Questionnaire, name: str = "FIL") -> str:
    """The questionnaire as a TOML file, with a header that says what to edit and how."""
    import tomli_w

    data = questionnaire.model_dump(by_alias=True, exclude_none=True, exclude_defaults=True)
    # `[preparation]` is what makes the file preliminary and what to delete once it follows the
    # published survey: the first table, under the header that says so (TOML puts the plain
    # keys before any table, so it cannot go higher).
    data = {"preparation": data.pop("preparation"), **data} if "preparation" in data else data
    prep = questionnaire.preparation
    based = ", ".join(str(y) for y in prep.based_on_years) if prep else ""
    y = questionnaire.year
    header = f"""\
# Förberedd enkät för Öppna jämförelser av ekonomiskt bistånd {y} (PRELIMINÄR).
# ojcli skapade filen {prep.prepared_on if prep else ""} från enkäten {based}, innan
# Socialstyrelsens enkät {y} var publicerad. Indikatorerna är {based} års, var och en i
# {based} års definition och markerad som antagen: carried_from = {based} och presence.note
# säger det ("enligt {based}, antas ingå {y}"). Mätdatumet 1 mars {y} är också antaget.
#
# Så redigerar du filen när den riktiga enkäten är känd:
#  - Stryk en indikator som inte finns med: ta bort hela [[indicators]]-blocket.
#  - Ändra ett krav i indikatorns rule, t.ex. within_months = 24 -> 12.
#  - Lägg till nya frågor under [[sections.questions]] och nya indikatorer.
#  - Ändra presence och criterion till basis = "sourced" med sources när en källa visar dem,
#    ta bort carried_from, och ta bort [preparation] när filen följer den publicerade enkäten.
# Kontrollera sedan filen med: ojcli validate {name}
# Lägg filen bredvid svarsfilerna (t.ex. på en delad enhet) så hittar ojcli den.

"""
    return header + tomli_w.dumps(data, multiline_strings=False)


def write_prepared(year: int, output: Path, today: dt.date) -> Questionnaire:
    """Prepare `year` from the bundled questionnaires and write it to `output`, never over a file.

    `output` is created whole or not at all, and only if nothing is there when it is written
    (`ojcli.files.storage.write_new`): a file made meanwhile by someone else stays.

    Raises:
        WriteError: when something is at `output` already, or it cannot be written.
        UsageError: when `year` cannot be prepared (see `prepare`).
    """
    from ojcli.files.loading import list_questionnaires, load_questionnaire
    from ojcli.files.storage import write_new
    from ojcli.files.targets import check_place

    check_place(output, replace=False)  # before the work, as well as when it is written
    bundled = [load_questionnaire(info.path) for info in list_questionnaires()]
    questionnaire = prepare(year, bundled, today)
    text = render(questionnaire, output.name)
    if Questionnaire.model_validate(tomllib.loads(text)) != questionnaire:  # reads back as made
        raise messages.prepared_does_not_read_back(year)
    write_new(output, text.encode("utf-8"))
    return questionnaire


def questionnaire_path(year: int, folder: Path) -> Path | None:
    """The questionnaire for a survey year: beside the answers first, then bundled; None if neither."""
    from ojcli.files.loading import find_questionnaire

    try:
        return find_questionnaire(year, beside=folder)
    except UsageError:
        return None


def missing_year_message(year: int, folder: Path) -> tuple[str, Path]:
    """Swedish: no questionnaire for `year`, which is newest, and where a prepared one would go."""
    from ojcli.files.loading import list_questionnaires

    newest = max((info.year for info in list_questionnaires()), default=None)
    target = folder / f"oj-eb-{year}.toml"
    return messages.no_questionnaire_for(year, newest, target), target
