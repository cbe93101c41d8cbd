"""A file to read could not be read, or something in it is wrong (exit code 3)."""

from __future__ import annotations

from pathlib import Path

from ojcli.errors import (
    InvalidFileError,
    LoadError,
    OjcliError,
    Problem,
    os_reason,
)

Where = Path | str  # a file as the person named it, or as ojcli found it


def file_missing(path: Where, what: str) -> LoadError:
    """A file to read that is not there."""
    return LoadError(path, [Problem("filen finns inte. Kontrollera sökvägen.")], what)


def unreadable(path: Where, what: str, exc: OSError) -> LoadError:
    """A file the operating system would not let ojcli read."""
    return LoadError(path, [Problem(f"filen kan inte läsas: {os_reason(exc)}")], what)


def not_a_file(path: Where, what: str, kind: str = "en mapp") -> LoadError:
    """A folder, a pipe or a device where a file to read was named."""
    return LoadError(path, [Problem(f"det är {kind}, inte en fil")], what)


def too_big(path: Where, what: str, size: int) -> LoadError:
    """A file far larger than any answers or questionnaire file ("svarsfilen": "en svarsfil")."""
    kind = what.removesuffix("en")
    return LoadError(
        path, [Problem(f"filen är för stor ({size} byte) för att vara en {kind}")], what
    )


def link_to_nothing(path: Where, target: Where) -> LoadError:
    """`survey` on a symbolic link to a file that does not exist."""
    return LoadError(
        path, [Problem(f"filen är en symbolisk länk till {target}, som inte finns")], "svarsfilen"
    )


def not_utf8(path: Where, what: str, line: int) -> LoadError:
    """A file in another encoding than UTF-8."""
    msg = "filen är inte UTF-8-kodad. Spara den som UTF-8 i textredigeraren och försök igen."
    return LoadError(path, [Problem(msg, line=line)], what)


def nested_too_deep(path: Where, what: str) -> LoadError:
    """TOML nested deeper than Python can parse."""
    return LoadError(path, [Problem("filen är för djupt nästlad")], what)


def too_many_digits(path: Where, what: str, line: int | None) -> LoadError:
    """An integer beyond Python's digit limit."""
    return LoadError(path, [Problem("ett tal har för många siffror", line=line)], what)


def kept_changing(path: Where) -> LoadError:
    """An answers file that changed every time it was read."""
    problem = Problem("filen ändrades hela tiden medan den lästes. Försök igen om en stund.")
    return LoadError(path, [problem], "svarsfilen")


# How to get a newer ojcli: the README's install routes (ojcli is not on a package index).
INSTALL_NEWER = (
    "Installera en nyare ojcli på samma sätt som den här: i en nyare utcheckning av projektet "
    "med pipx install --force . (eller uv tool install --force ., eller pip install . i "
    "venv:en), eller med hjulet från den som gav dig filen (pipx install --force "
    "ojcli-VERSION-py3-none-any.whl)."
)


def newer_questionnaire_format(path: Where, version: int, highest: int) -> LoadError:
    """A questionnaire in a format newer than this ojcli reads."""
    msg = (
        f"filen har formatversion {version}, men den här versionen av ojcli läser högst "
        f"{highest}. {INSTALL_NEWER}"
    )
    return LoadError(path, [Problem(msg, field="format_version")], "enkätfilen")


def newer_answers_format(
    path: Where,
    version: int,
    here: tuple[str, int],
    writer: tuple[str | None, bool],
    line: int | None,
) -> LoadError:
    """An answers file in a newer format: who wrote it, what this ojcli reads, what to do.

    `here`: this ojcli's release and the highest format it reads. `writer`: the release the
    file's header names (None when it names none), and whether that release is no newer than
    this one: then it cannot have written the format, which was changed by hand and is to be
    set back (`ojcli.files.upgrade.writer_of`).
    """
    release, highest = here
    name, by_hand = writer
    reads = f"den här installationen är ojcli {release} och läser formatversion högst {highest}"
    if by_hand:
        said = (
            f"filen har formatversion {version}, men den skapades med ojcli {name}, som inte "
            f"skriver den; {reads}. Formatversionen har troligen ändrats för hand: skriv "
            f"format_version = {highest} och försök igen."
        )
    else:
        who = f"ojcli {name}" if name is not None else "en nyare ojcli"
        said = (
            f"filen har formatversion {version} och skapades med {who}; {reads}. "
            f"{INSTALL_NEWER} Eller öppna filen på datorn där den skapades."
        )
    return LoadError(path, [Problem(said, line=line, field="meta.format_version")], "svarsfilen")


def empty_file(path: Where, what: str, blank: bool, *, answers: bool) -> InvalidFileError:
    """A file with no values; `answers`: it may be meant as an answers file."""
    message = (
        "filen är tom" if blank else "filen har inga värden, bara kommentarer eller tomma rader"
    )
    if answers:
        message += f". En svarsfil börjar med [meta]. Ta bort filen och börja en ny med: ojcli survey {path}"
    return InvalidFileError(path, [Problem(message)], what)


def neither_kind(path: Where, what: str, found: str) -> InvalidFileError:
    """A file that is neither an answers file nor a questionnaire, by its top-level names."""
    return InvalidFileError(
        path,
        [
            Problem(
                "det går inte att se om filen är en svarsfil (med [meta], [answers] och "
                "[comments]) eller en enkätfil (med format_version, id, year och "
                f"[[sections]]); filen har {found}"
            )
        ],
        what,
    )


def misspelt_name(written: str, meant: str, line: int | None, *, case_only: bool) -> Problem:
    """A top-level name misspelt or in the wrong case ("[Meta] – menade du [meta]?")."""
    case = " Namnen skrivs med små bokstäver." if case_only else ""
    return Problem(f"{written} – menade du {meant}?{case}", line=line)


def a_questionnaire_not_answers(path: Where, named: str) -> str:
    """A questionnaire given where an answers file goes (`ojcli.files.kind.WrongKindError`)."""
    return (
        f"{path} är en enkätfil{named}, inte en svarsfil. Ange en svarsfil (den börjar "
        "med [meta]); en enkätfil anges med --enkat."
    )


def answers_not_a_questionnaire(path: Where, named: str) -> str:
    """An answers file given where a questionnaire goes (`ojcli.files.kind.WrongKindError`)."""
    return (
        f"{path} är en svarsfil{named}, inte en enkätfil. Ange en enkätfil: den har "
        "format_version, id, year och [[sections]]."
    )


def date_not_yet(why: str, line: int | None, field: str) -> Problem:
    """An answered date after today, one line of `AnswersCheckError`."""
    return Problem(f"{why}; svaren gäller det som redan har hänt. Rätta datumet.", line, field)


def none_of_the_year(files: int, year: int) -> OjcliError:
    """`compare-many --year` where no file is of that year."""
    return OjcliError(f"Ingen av de {files} filerna gäller enkätåret {year}.")


def no_answers_files() -> OjcliError:
    """`compare-many` with nothing to compare."""
    return OjcliError("Inga svarsfiler att jämföra.")


def more_problems(shown: int) -> Problem:
    """The last line of a file's problems when there are more than are shown."""
    return Problem(f"… och fler fel; bara de {shown} första visas.")


def toml_fault(cause: str, line: int | None) -> Problem:
    """A line that is not TOML (`cause`: `ojcli.files.toml_errors.explain`)."""
    return Problem(f"{cause}. Rätta raden i en textredigerare och försök igen.", line=line)


def other_questionnaire(named: str, qid: str) -> Problem:
    """Answers checked against another questionnaire than the one they name."""
    return Problem(f"svarsfilen gäller enkäten '{named}', inte '{qid}'", field="meta.questionnaire")


def unknown_question(key: str, year: int, hint: str, table: str) -> Problem:
    """An answer or comment to no question (`hint`: "menade du …?", or "" for none close)."""
    hint = hint or f". Frågorna listas med: ojcli questionnaires show {year}"
    return Problem(f"frågan '{key}' finns inte i enkäten {year}{hint}", field=f"{table}.{key}")


def kept_without_question(key: str, year: int, hint: str, table: str) -> Problem:
    """`validate`'s line for an answer or comment kept under an id without a question.

    See `ojcli.model.orphans`; `hint` as for `unknown_question`.
    """
    what = "svaret" if table == "answers" else "kommentaren"
    said = f"frågan '{key}' finns inte i enkäten {year}"
    if hint:  # " – menade du 'x'?"
        said += f"{hint} {what.capitalize()} står kvar men räknas inte."
    else:
        said += (
            f": {what} står kvar men räknas inte. Ta bort raden om den inte behövs; "
            f"frågorna listas med: ojcli questionnaires show {year}"
        )
    return Problem(said, field=f"{table}.{key}")


def unkeepable(key: str, year: int) -> Problem:
    """A value no answer can have (0.5, true, a table) under an id without a question."""
    return Problem(
        f"frågan '{key}' finns inte i enkäten {year}, och värdet kan inte vara ett svar (text, "
        "heltal, datum eller en lista med text): rätta id:t och värdet, eller ta bort raden",
        field=f"answers.{key}",
    )


def unknown_indicator(key: str, year: int, hint: str) -> Problem:
    """A plan's decision for no indicator (`hint` as for `unknown_question`)."""
    hint = hint or f". Indikatorerna listas med: ojcli questionnaires show {year}"
    return Problem(
        f"indikatorn '{key}' finns inte i enkäten {year}{hint} (beslutet står kvar: rätta id:t "
        f"eller ta bort [plan.{key}])",
        field=f"plan.{key}",
    )


# --- a municipality code that is none, or another municipality's ---------------------------


def _owner(name: str) -> str:
    """The name as owner: Kalmar → Kalmars, Borås → Borås (no extra s after s, x or z)."""
    return name if name.endswith(("s", "x", "z")) else f"{name}s"


def _right(right: tuple[str, str] | None) -> str:
    return "" if right is None else f" {_owner(right[0])} kod är {right[1]}."


def example_code(code: str, example: str, name: str, right: tuple[str, str] | None) -> Problem:
    """The example's made-up code with another name (`right`: the named one's name and code)."""
    return Problem(
        f"{code} är exemplets påhittade kommunkod och gäller bara {example}, inte {name}."
        + _right(right),
        field="meta.municipality_code",
    )


def no_such_code(code: str, count: int, right: tuple[str, str] | None) -> Problem:
    """A municipality code no municipality has."""
    return Problem(
        f"kommunkoden {code} finns inte; ingen av Sveriges {count} kommuner har den."
        + _right(right),
        field="meta.municipality_code",
    )


def no_such_municipality(name: str, close: str | None, code: str, owner: str) -> Problem:
    """A municipality name that is none (`close`: the one most likely meant, if any)."""
    hint = f" – menade du '{close}'?" if close else "."
    return Problem(
        f"'{name}' är ingen kommun{hint} Kommunkoden {code} är {_owner(owner)}.",
        field="meta.municipality_name",
    )


def code_of_another(code: str, owner: str, name: str, right: tuple[str, str] | None) -> Problem:
    """A municipality's code under another municipality's name."""
    return Problem(
        f"kommunkoden {code} är {_owner(owner)}, inte {_owner(name)}." + _right(right),
        field="meta.municipality_code",
    )


def answers_locked(target: Where, who: str, lock: Where, hours: int) -> str:
    """The answers file is open in another ojcli session (`who`): why that matters, what to do.

    One line each: what is locked and by whom, why, and the two ways on.
    """
    return "\n".join(
        [
            f"{target} är redan öppen i en annan ojcli-session ({who}).",
            "  Två sessioner i samma fil skulle kunna skriva över varandras svar.",
            "  Avsluta den andra sessionen först (skriv q där), och försök sedan igen.",
            f"  Är den inte längre igång? Ta bort låsfilen {lock} och försök igen. "
            f"Ett lås utan aktivitet på {hours} timmar tas bort automatiskt.",
        ]
    )
