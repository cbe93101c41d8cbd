"""Prepare a questionnaire for a survey year ojcli does not ship: the best definitions known.

Every indicator of every bundled year is taken in its latest definition, with the questions,
sections and themes it needs. Its presence in the new year is assumed (the note says the last
year a source shows it), its criterion is assumed to be the one of the year it comes from, and
its national shares keep their own years and sources. The reference date is assumed to be
1 March, and `preparation` marks the questionnaire as preliminary.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ojcli.errors import UsageError
from ojcli.model.provenance import last_shown
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


def survey_year_for(today: dt.date) -> int:
    """The survey year a unit head prepares on this day: next year's from April on."""
    return today.year + 1 if today.month >= PREPARATION_STARTS_MONTH else today.year


@dataclass(frozen=True)
class _Picked:
    indicator: Indicator
    source: Questionnaire


def prepare(year: int, bundled: list[Questionnaire], today: dt.date) -> Questionnaire:
    """A preliminary questionnaire for `year` from the bundled questionnaires.

    Raises:
        UsageError: when ojcli ships `year` (use that one), or ships nothing to build from.
    """
    if not bundled:
        raise UsageError("Inga enkätfiler hittades i installationen. Installera om ojcli.")
    shipped = sorted(q.year for q in bundled)
    if year in shipped:
        raise UsageError(
            f"ojcli har redan enkäten {year}; den behöver inte förberedas. "
            f"Visa den med: ojcli questionnaires show {year}"
        )
    by_year = sorted(bundled, key=lambda q: q.year)
    picked: dict[str, _Picked] = {}
    for q in by_year:  # later years replace earlier definitions
        for ind in q.indicators:
            picked[ind.id] = _Picked(ind, q)
    latest = last_shown(by_year)
    shares = _all_shares(by_year)
    order = _indicator_order(by_year)

    questions: dict[str, tuple[Question, Questionnaire]] = {}
    for pick in sorted(picked.values(), key=lambda p: -p.source.year):
        for qid in _needed(pick.indicator, pick.source):
            questions.setdefault(
                qid, (_retimed(pick.source.question(qid), pick.source.year, year), pick.source)
            )

    indicators = [_assumed(picked[iid], year, latest.get(iid), shares[iid]) for iid in order]
    data: dict[str, Any] = {
        "format_version": QUESTIONNAIRE_FORMAT_VERSION,
        "id": f"oj-eb-{year}",
        "year": year,
        "title": f"Öppna jämförelser av ekonomiskt bistånd {year} (preliminär)",
        "reference_date": dt.date(year, 3, 1),
        "reference_date_note": (
            f"Antaget: 1 mars {year}, som tidigare år. Ändra när enkäten {year} är publicerad."
        ),
        "source": f"Förberedd av ojcli {today.isoformat()} från enkäterna {_years(picked)}.",
        "notes": [
            f"Preliminär: Socialstyrelsens enkät {year} var inte publicerad när filen skapades. "
            "Varje indikator antas finnas med i sin senast kända definition.",
        ],
        "sources": _sources(indicators, by_year),
        "themes": _themes(indicators, by_year),
        "sections": _sections(questions, by_year),
        "indicators": indicators,
        "preparation": {
            "prepared_on": today,
            "based_on_years": sorted({p.source.year for p in picked.values()}),
            "note": (
                "Stryk det som den riktiga enkäten tagit bort, lägg till det som är nytt och "
                "kontrollera filen med ojcli validate."
            ),
        },
    }
    return Questionnaire.model_validate(data)


def _years(picked: dict[str, _Picked]) -> str:
    years = sorted({p.source.year for p in picked.values()})
    return ", ".join(str(y) for y in years)


def _indicator_order(by_year: list[Questionnaire]) -> list[str]:
    """Indicators of the latest year first, in its order; then those only earlier years have."""
    order: list[str] = []
    for q in reversed(by_year):
        order += [i.id for i in q.indicators if i.id not in order]
    return order


def _all_shares(by_year: list[Questionnaire]) -> dict[str, list[NationalShare]]:
    """Per indicator, its national shares from every year, one per year, the latest file's first."""
    shares: dict[str, dict[int, NationalShare]] = {}
    for q in reversed(by_year):
        for ind in q.indicators:
            for share in ind.national_share:
                shares.setdefault(ind.id, {}).setdefault(share.year, share)
    return {iid: [s[y] for y in sorted(s)] for iid, s in shares.items()} | {
        i.id: [] for q in by_year for i in q.indicators if i.id not in shares
    }


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


def _retimed(question: Question, old: int, new: int) -> Question:
    """A question whose text names its survey's period, rewritten for the new year.

    Texts, labels and option labels name the survey year and the year before it (systematic
    follow-up asks about the results of the year before the survey); help texts are changed
    only where they name that period, so a fact about an earlier year stays as it was.
    """

    def shift(text: str) -> str:
        return re.sub(rf"\b({old}|{old - 1})\b", lambda m: str(new - (old - int(m.group(1)))), text)

    data = question.model_dump(by_alias=True, exclude_none=True)
    data["text"] = shift(data["text"])
    data["label"] = shift(data.get("label", ""))
    data["help"] = data.get("help", "").replace(
        f"året före enkäten, {old - 1}", f"året före enkäten, {new - 1}"
    )
    if "options" in data and question.type != "yes_no":
        data["options"] = [{**o, "label": shift(o["label"])} for o in data["options"]]
    return type(question).model_validate(data)


def _assumed(
    pick: _Picked, year: int, last: int | None, shares: list[NationalShare]
) -> dict[str, Any]:
    """The indicator as assumed for `year`: its presence and criterion marked as assumptions."""
    ind, src = pick.indicator, pick.source
    shown = f"senast belagd {last}" if last else "ingen källa visar att indikatorn funnits med"
    criterion = ind.criterion
    how = {"sourced": "belagd", "inferred": "härledd", "assumed": "antagen"}
    crit_note = f"Antaget: kriteriet från enkäten {src.year} gäller {year}" + (
        f" (där {how[criterion.basis]})." if criterion else "."
    )
    return {
        **ind.model_dump(by_alias=True, exclude_none=True),
        "presence": {"basis": "assumed", "note": f"Antaget: indikatorn finns med {year}; {shown}."},
        "criterion": {
            "basis": "assumed",
            "sources": list(criterion.sources) if criterion else [],
            "note": crit_note,
        },
        "national_share": [s.model_dump(exclude_defaults=True) for s in shares],
    }


def _sources(
    indicators: list[dict[str, Any]], by_year: list[Questionnaire]
) -> list[dict[str, Any]]:
    """Every page the indicators cite, as the latest questionnaire listing it has it."""
    pages: dict[str, dict[str, Any]] = {}
    for q in reversed(by_year):
        for s in q.sources:
            pages.setdefault(s.id, s.model_dump(exclude_defaults=True))
    cited: list[str] = []
    for ind in indicators:
        shares = [sid for s in ind["national_share"] for sid in s["sources"]]
        cited += [*ind["criterion"]["sources"], *shares]
    return [pages[sid] for sid in dict.fromkeys(cited)]


def _themes(indicators: list[dict[str, Any]], by_year: list[Questionnaire]) -> list[dict[str, Any]]:
    titles: dict[str, str] = {}
    for q in reversed(by_year):
        for t in q.themes:
            titles.setdefault(t.id, t.title)
    used = list(dict.fromkeys(i["theme"] for i in indicators))
    return [{"id": tid, "title": titles[tid]} for tid in used]


def _sections(
    questions: dict[str, tuple[Question, Questionnaire]], by_year: list[Questionnaire]
) -> list[dict[str, Any]]:
    """Sections in the order of the latest year that has them, each question in its year's order."""
    position: dict[str, tuple[int, int]] = {}
    meta: dict[str, dict[str, Any]] = {}
    for q in reversed(by_year):
        for n, section in enumerate(q.sections):
            meta.setdefault(
                section.id, {"id": section.id, "title": section.title, "intro": section.intro}
            )
            position.setdefault(section.id, (-q.year, n))
    grouped: dict[str, list[tuple[tuple[int, int], dict[str, Any]]]] = {}
    for question, src in questions.values():
        sid = src.section_of(question.id).id
        rank = (-src.year, [x.id for x in src.questions].index(question.id))
        grouped.setdefault(sid, []).append(
            (rank, question.model_dump(by_alias=True, exclude_none=True))
        )
    return [
        {**meta[sid], "questions": [d for _, d in sorted(grouped[sid], key=lambda r: r[0])]}
        for sid in sorted(grouped, key=lambda s: position[s])
    ]


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
# ojcli skapade filen {prep.prepared_on if prep else ""} från enkäterna {based}, innan
# Socialstyrelsens enkät {y} var publicerad. Varje indikator finns med i sin senast kända
# definition och är markerad som antagen: presence.note säger vilket år en källa senast
# visar den ("senast belagd 2021"). Mätdatumet 1 mars {y} är också antaget.
#
# Så redigerar du filen när den riktiga enkäten är känd:
#  - Stryk en indikator som inte finns med: ta bort hela [[indicators]]-blocket.
#  - Ändra ett krav i indikatorns rule, t.ex. within_months = 24 -> 12.
#  - Lägg till nya frågor under [[sections.questions]] och nya indikatorer.
#  - Ändra presence och criterion till basis = "sourced" med sources när en källa visar dem,
#    och ta bort [preparation] när filen följer den publicerade enkäten.
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
        UsageError: when ojcli ships `year`.
    """
    from ojcli.files.loading import list_questionnaires, load_questionnaire
    from ojcli.files.storage import write_new
    from ojcli.files.targets import check_place

    check_place(output, replace=False)  # before the work, as well as when it is written
    bundled = [load_questionnaire(info.path) for info in list_questionnaires()]
    questionnaire = prepare(year, bundled, today)
    text = render(questionnaire, output.name)
    if Questionnaire.model_validate(tomllib.loads(text)) != questionnaire:  # reads back as made
        raise UsageError(
            f"Enkäten {year} kunde inte förberedas: filen skulle inte gå att läsa tillbaka."
        )
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
    return (
        f"Det finns ingen enkät för {year}, varken bredvid svarsfilen eller i ojcli. "
        f"Den senaste enkäten ojcli har är {newest}. ojcli kan förbereda en preliminär enkät "
        f"{year} i {target} utifrån de senast kända definitionerna.",
        target,
    )
