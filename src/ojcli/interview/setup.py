"""A new answers file: which municipality, unit and respondent, asked once before the questions.

At every prompt here, as in the interview, `?` says what to type and `q` ends like Ctrl-D
(end of input): `SetupQuit` is an EOFError. Before the answers file exists nothing is saved and
no file is made. The file (named on the command line, or asked for right after the
municipality) is made as soon as the municipality is known, with `meta.setup_unasked` listing
the prompts still to come; each later set-up answer is saved as it is given (`ask_unasked`),
and `ojcli survey FIL` goes on from there.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Literal

from ojcli.errors import CONTROL_CHARACTERS, OjcliError, control_character_problem
from ojcli.files.targets import check_name, check_place
from ojcli.interview.engine import Prompter
from ojcli.interview.replies import HELP, QUIT, ReplyError, choice, command_of
from ojcli.model.answers import (
    FORMAT_VERSION,
    AnswerSet,
    Meta,
)
from ojcli.model.municipalities import (
    Municipality,
    answering_units,
    answers_per_unit,
    closest,
    municipalities,
    search,
)
from ojcli.model.questionnaire import (
    Questionnaire,
)

QUIT_HELP = "q = avsluta utan att spara (Ctrl-D likaså)."
SAVED_QUIT_HELP = "q = spara och avsluta (Ctrl-D likaså); fortsätt sedan med samma kommando."


class SetupQuit(EOFError):
    """`q` at a set-up prompt: ends as end of input does, before anything is saved."""


def _read(prompter: Prompter, prompt: str, explanation: str, quit_help: str = QUIT_HELP) -> str:
    """One reply; `?` explains what to type here, `q` raises SetupQuit."""
    while True:
        reply = prompter.read(prompt)
        command = command_of(reply)
        if command == QUIT:
            raise SetupQuit
        if command != HELP:
            return reply
        prompter.info(f"{explanation}  {quit_help}")


def pick_municipality(prompter: Prompter, given: str | None) -> Municipality:
    """Ask until one municipality is chosen, by name, part of a name or code.

    A suggested name ("menade du 'Kalmar'?") is taken with Enter or j.
    """
    reply = given
    offered: Municipality | None = None
    while True:
        if reply is None:
            ask = (
                f"Kommun (Enter eller j = {offered.name})" if offered else "Kommun (namn eller kod)"
            )
            reply = _read(
                prompter,
                ask,
                "Skriv kommunens namn eller dess fyrsiffriga kommunkod, t.ex. Kiruna eller 2584.",
            )
        text = reply.strip()
        if offered is not None and text.casefold() in ("", "j", "ja"):
            return offered
        offered = None
        found = search(text) if text else []
        if len(found) == 1:
            return found[0]
        if not text:
            prompter.error("Skriv kommunens namn, t.ex. Kiruna, eller dess kod, t.ex. 2584.")
        elif not found:
            offered = closest(text)
            hint = f" – menade du '{offered.name}'?" if offered else ". Skriv namnet eller koden."
            said = CONTROL_CHARACTERS.sub("\ufffd", text)  # the reply goes back to the terminal
            prompter.error(f"Ingen kommun heter '{said}'{hint}")
        else:
            shown = found[:12]
            prompter.info(
                "Flera kommuner passar: " + ", ".join(f"{m.name} ({m.code})" for m in shown)
            )
            if len(found) > len(shown):
                prompter.info(
                    f"… och {len(found) - len(shown)} till. Skriv mer av namnet, eller koden."
                )
        reply = None


def _pick_unit(
    prompter: Prompter, municipality: Municipality, year: int, quit_help: str = QUIT_HELP
) -> str:
    """Stockholm and Göteborg answer per district; others may name their unit."""
    if not answers_per_unit(municipality.code):
        return _read_text(
            prompter,
            "Enhet som svarar (valfritt, Enter hoppar över)",
            "Skriv namnet på enheten som svarar, t.ex. Socialtjänsten, eller tryck Enter för "
            "att hoppa över.",
            quit_help,
        )
    units = answering_units(municipality.code, year)
    if units is None:
        prompter.info(
            f"{municipality.name} svarar per stadsdel eller nämnd. Skriv namnet som det står i enkäten."
        )
        explanation = "Skriv stadsdelens eller nämndens namn som det står i enkäten."
        while not (name := _read_text(prompter, "Stadsdel eller nämnd", explanation, quit_help)):
            prompter.error("Ange vilken stadsdel eller nämnd som svarar.")
        return name
    prompter.info(f"{municipality.name} svarar per {units.kind} {year}:")
    for n, name in enumerate(units.names, 1):
        prompter.info(f"  {n}) {name}")
    if not units.sourced:
        prompter.info(
            "(Namnen är inte källbelagda i ojclis underlag; skriv ett annat namn om listan inte stämmer.)"
        )
    while True:
        reply = _read_text(
            prompter,
            f"Välj {units.kind} (nummer eller namn)",
            "Skriv ett nummer ur listan ovan, eller namnet.",
            quit_help,
        )
        try:
            return choice([(name, name) for name in units.names], reply)
        except ReplyError:
            if reply and not reply.isdecimal() and not units.sourced:
                return reply
            prompter.error(f"Välj ett nummer mellan 1 och {len(units.names)}.")


def _read_text(
    prompter: Prompter, prompt: str, explanation: str, quit_help: str = QUIT_HELP
) -> str:
    """A free-text reply, asked again while it holds a control character."""
    while True:
        reply = _read(prompter, prompt, explanation, quit_help).strip()
        why = control_character_problem(reply)
        if why is None:
            return reply
        prompter.error(f"Svaret {why}.")


def choose_file(prompter: Prompter, chosen: Municipality, questionnaire: Questionnaire) -> Path:
    """Ask where to save a new answers file, right after the municipality, so the rest is kept.

    The suggestion is a name not yet taken in the current folder; a name that is taken is
    asked again (a new file never overwrites or continues another).
    """
    stem = f"svar-{chosen.code}-{questionnaire.year}"
    suggested = next(
        path
        for n in range(1, 1000)
        if not (path := Path(f"{stem}{'' if n == 1 else f'-{n}'}.toml")).exists()
    )
    while True:
        reply = _read(
            prompter,
            f"Spara svaren i fil (Enter = {suggested})",
            f"Skriv namnet på filen som svaren ska sparas i, eller tryck Enter för {suggested}. "
            "Filen skapas nu, och varje svar sparas i den när det ges.",
        ).strip()
        file = Path(reply) if reply else suggested
        if file.exists() or file.is_symlink():
            prompter.error(
                f"{file} finns redan. Skriv ett annat namn, eller avsluta (q) och fortsätt "
                f"i den med: ojcli survey {file}"
            )
            continue
        try:  # the rule for every file a command writes
            check_place(file, replace=False)
            check_name(file, (".toml",), what="svarsfiler")
        except OjcliError as exc:
            prompter.error(str(exc))
            continue
        return file


def _ask_respondent(prompter: Prompter, quit_help: str = QUIT_HELP) -> str:
    return _read_text(
        prompter,
        "Ditt namn eller din roll (valfritt)",
        "Skriv ditt namn eller din roll, t.ex. Enhetschef; det står i svarsfilen och "
        "rapporterna. Enter hoppar över.",
        quit_help,
    )


def started_answers(
    questionnaire: Questionnaire,
    chosen: Municipality,
    unit: str | None = None,
    respondent: str | None = None,
) -> AnswerSet:
    """A new file's answers once the municipality is known; what is not yet given is unasked."""
    unasked: list[Literal["unit", "respondent"]] = []
    if unit is None:
        unasked.append("unit")
    if respondent is None:
        unasked.append("respondent")
    meta = Meta(
        format_version=FORMAT_VERSION,
        questionnaire=questionnaire.id,
        municipality_code=chosen.code,
        municipality_name=chosen.name,
        unit=unit or "",
        respondent=respondent or "",
        setup_unasked=unasked or None,
    )
    return AnswerSet(meta=meta)


def ask_unasked(
    answers: AnswerSet,
    questionnaire: Questionnaire,
    prompter: Prompter,
    save: Callable[[AnswerSet], None],
    unit: str | None = None,
    respondent: str | None = None,
) -> None:
    """Ask the set-up prompts `meta.setup_unasked` lists (unless given), saving after each answer.

    Raises EOFError (SetupQuit at `q`) when input ends; what was given is saved by then.
    """
    meta = answers.meta
    code = meta.municipality_code
    chosen = next(
        (m for m in municipalities() if m.code == code),
        Municipality(code, meta.municipality_name, "", ""),
    )
    while meta.setup_unasked:
        field = meta.setup_unasked[0]
        if field == "unit":
            meta.unit = (
                unit.strip()
                if unit is not None
                else _pick_unit(prompter, chosen, questionnaire.year, SAVED_QUIT_HELP)
            )
        else:
            meta.respondent = (
                respondent.strip()
                if respondent is not None
                else _ask_respondent(prompter, SAVED_QUIT_HELP)
            )
        meta.setup_unasked = meta.setup_unasked[1:] or None
        save(answers)
