"""Every error ojcli reports to a person, worded once, with its exit code.

Each function returns the error to raise; its class is its exit code, as the README's table
has it (`tests/test_exit_codes.py` holds every command to the table):

| Class | Exit code | When |
|---|---|---|
| `UsageError` | 2 | the command line is wrong: an option, a year, a file name of the wrong format |
| `LoadError` | 3 | a file to read could not be read ("Kunde inte läsa …") |
| `InvalidFileError` | 3 | a file was read, but something in it is wrong ("Fel i …") |
| `OjcliError` | 3 | nothing to work on (no answers files) |
| `WriteError` | 4 | a file was not written, or ojcli refuses to overwrite what is there |

The command-line framework's own errors (`typer.BadParameter`, exit code 2) take their text
from the functions here that return `str`. Errors that compose their lines from what they
carry (`LockedError`, `QuestionnaireNotFoundError`, a checker's field problems) keep their
classes in their modules. `tests/test_messages.py` fails when an error is built from inline
text anywhere else. Stdlib and `ojcli.errors` only; imported where an error is raised.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ojcli.errors import (
    InvalidFileError,
    LoadError,
    OjcliError,
    Problem,
    UsageError,
    WriteError,
    os_reason,
)

Where = Path | str

# --- The command line (exit code 2) ------------------------------------------------------------


def not_a_date(value: str) -> str:
    """An option's date that is no ISO date (typer.BadParameter)."""
    return f"'{value}' är inte ett datum; skriv ÅÅÅÅ-MM-DD, t.ex. 2025-03-01."


def only_unmet(only: str) -> str:
    """`--only` with anything but `unmet` (typer.BadParameter)."""
    return f"'{only}' går inte att välja; skriv --only unmet."


def year_and_enkat() -> UsageError:
    """`schema` given both `--year` and `--enkat`."""
    return UsageError("Ange --year eller --enkat, inte båda.")


def option_control_character(option: str, why: str) -> UsageError:
    """`--enhet` or `--uppgiftslamnare` with a control character in it."""
    return UsageError(f"{option} {why}.")


def screen_format_to_file(fmt: str, output: Where, listed: str) -> UsageError:
    """A screen format (`--format table`) asked for with `-o`."""
    return UsageError(
        f"Formatet {fmt} visas bara på skärmen; ange ett filformat för {output} "
        f"med --format {listed}."
    )


def binary_to_terminal(title: str, suggested: Where) -> UsageError:
    """A binary format (Excel) that would go to a terminal."""
    return UsageError(
        f"En {title}-fil kan inte visas i terminalen. Ange en fil: --output {suggested}"
    )


def no_pdf(path: Path) -> UsageError:
    """A `.pdf` file name: ojcli prints no PDF, the browser does."""
    return UsageError(
        f"ojcli skriver inte PDF. Gör en HTML-fil (-o {path.with_suffix('.html')}), "
        "öppna filen i webbläsaren och skriv ut den som PDF (Skriv ut → Spara som PDF)."
    )


def suffix_not_the_format(path: Path, chosen: str, example: Where) -> UsageError:
    """A file name whose suffix is not that of the `--format` asked for."""
    return UsageError(
        f"Filen {path} slutar på {path.suffix}, men formatet är {chosen}. "
        f"Byt filnamn ({example}) eller --format."
    )


def no_suffix(path: Path, what: str, listed: str, example: Where) -> UsageError:
    """A file name without a suffix: ojcli tells the format by it."""
    return UsageError(
        f"Filen {path} har ingen ändelse, och ojcli skriver {what} bara till filer som "
        f"slutar på {listed}: t.ex. {example}."
    )


def wrong_suffix(path: Path, what: str, listed: str, example: Where) -> UsageError:
    """A file name with a suffix of no format the command writes."""
    return UsageError(
        f"Filen {path} slutar på {path.suffix}; ojcli skriver {what} bara till filer som "
        f"slutar på {listed}: t.ex. {example}."
    )


def missing_openpyxl() -> UsageError:
    """`--format xlsx` without openpyxl, for each install route of the README."""
    return UsageError(
        "Excel-formatet kräver paketet openpyxl, som inte är installerat. Installera det där "
        "ojcli är installerat: med pipx: pipx inject ojcli openpyxl; med uv, i projektmappen: "
        "uv tool install --force --with openpyxl . ; i en venv: pip install openpyxl (eller pip "
        "install '.[xlsx]' i projektmappen). Formaten md, html, json och csv fungerar utan det."
    )


def no_questionnaires_installed() -> UsageError:
    """The installation has no bundled questionnaire at all."""
    return UsageError("Inga enkätfiler hittades i installationen. Installera om ojcli.")


def no_questionnaire_of_year(year: int, years: Sequence[int]) -> UsageError:
    """`compare-many --year` for a year neither the files nor ojcli have."""
    return UsageError(
        f"Det finns ingen enkät för {year}, varken bland filerna eller i ojcli. "
        f"Tillgängliga år: {', '.join(map(str, sorted(years)))}."
    )


def questionnaire_id_is_a_path(qid: str) -> UsageError:
    """`[meta] questionnaire` that is not an id (a path or a file name)."""
    return UsageError(f"Enkäten '{qid}' finns inte: ange enkätens id, t.ex. oj-eb-2019.")


def two_enkat_same_id(qid: str, first: Where, second: Where) -> UsageError:
    """Two `--enkat` files with the same questionnaire id."""
    return UsageError(
        f"Två enkätfiler med --enkat har samma id, {qid}: {first} och {second}. Ange bara den ena."
    )


def year_shipped(year: int) -> UsageError:
    """`questionnaires new` for a year ojcli has."""
    return UsageError(
        f"ojcli har redan enkäten {year}; den behöver inte förberedas. "
        f"Visa den med: ojcli questionnaires show {year}"
    )


def prepared_does_not_read_back(year: int) -> UsageError:
    """A prepared questionnaire that would not read back as made (a fault of ojcli's)."""
    return UsageError(
        f"Enkäten {year} kunde inte förberedas: filen skulle inte gå att läsa tillbaka."
    )


def year_missing(message: str, how: str) -> UsageError:
    """No questionnaire for the year a new answers file is for, and no one to ask."""
    return UsageError(f"{message} {how}")


def nothing_prepared(how: str) -> UsageError:
    """The person said no to preparing the missing year."""
    return UsageError(f"Ingen enkät förberedd. {how}")


def options_contradict_file(file: Where, clashes: Sequence[str]) -> UsageError:
    """`survey FIL` with options that say something else than the existing file does."""
    return UsageError(
        "\n".join(
            [
                f"Flaggorna stämmer inte med {file}, som redan finns:",
                *(f"  {c}." for c in clashes),
                f"Fortsätt med filen utan flaggorna: ojcli survey {file} – eller ange ett "
                "nytt filnamn för att börja en ny svarsfil. Filen är inte ändrad.",
            ]
        )
    )


def from_other_municipality(given: str, previous: Where, name: str, code: str) -> UsageError:
    """`survey --from` with `--kommun` naming another municipality than the file's."""
    return UsageError(
        f"--kommun {given} stämmer inte med {previous}, som gäller {name} ({code}). Svaren förs "
        "bara över inom samma kommun: ta bort --kommun, eller börja utan --from."
    )


def from_same_year(previous: Where, title: str) -> UsageError:
    """`survey --from` a file of the very questionnaire to start."""
    return UsageError(f"{previous} gäller redan {title}. Fortsätt i den: ojcli survey {previous}")


# --- Files to read (exit code 3) ----------------------------------------------------------------


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


def newer_questionnaire_format(path: Where, version: int, highest: int, install: str) -> LoadError:
    """A questionnaire in a format newer than this ojcli reads."""
    msg = (
        f"filen har formatversion {version}, men den här versionen av ojcli läser högst "
        f"{highest}. {install}"
    )
    return LoadError(path, [Problem(msg, field="format_version")], "enkätfilen")


def newer_answers_format(path: Where, said: str, line: int | None) -> LoadError:
    """An answers file in a newer format (`said`: `ojcli.files.upgrade.too_new_message`)."""
    return LoadError(path, [Problem(said, line=line, field="meta.format_version")], "svarsfilen")


def empty_file(path: Where, what: str, blank: bool, answers: bool) -> InvalidFileError:
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


# --- Files to write (exit code 4) ---------------------------------------------------------------


def exists(path: Where) -> WriteError:
    """A file where a command that only creates files would write."""
    return WriteError(f"{path} finns redan; ojcli skriver inte över den. Välj ett annat namn.")


def answers_file_exists(path: Where) -> WriteError:
    """A new answers file's name that another session took meanwhile."""
    return WriteError(f"Filen {path} finns redan. Fortsätt med den: ojcli survey {path}")


def from_target_exists(path: Where) -> WriteError:
    """`survey FIL --from` where FIL exists."""
    return WriteError(
        f"--from börjar en ny svarsfil, men {path} finns redan. Ange ett nytt filnamn."
    )


def from_default_exists(path: Where, previous: Where) -> WriteError:
    """`survey --from` whose default new file name is taken."""
    return WriteError(
        f"{path} finns redan. Ange ett nytt filnamn: ojcli survey NY.toml --from {previous}"
    )


def not_regular(path: Where, kind: str, *, stream: bool = False) -> WriteError:
    """A pipe, a device or a socket where a file would be written; `stream`: `-o` was used."""
    how = (
        "Ange ett filnamn, eller låt bli -o: då skrivs det till skärmen, och därifrån dit du vill "
        "med > eller |."
        if stream
        else "Ange ett annat filnamn."
    )
    return WriteError(
        f"Kunde inte skriva {path}: det är {kind}, inte en vanlig fil, och ojcli ersätter bara "
        f"vanliga filer. Den är orörd. {how}"
    )


def a_link(path: Where) -> WriteError:
    """A symbolic link where a report would be written: it could point at any file."""
    return WriteError(
        f"Kunde inte skriva {path}: det är en symbolisk länk, och ojcli skriver inte genom "
        "länkar. Ange den riktiga filen."
    )


def a_folder(path: Where) -> WriteError:
    """A folder where a file would be written."""
    return WriteError(f"Kunde inte skriva {path}: det är en mapp. Ange ett filnamn i den.")


def the_answers_file(path: Where) -> WriteError:
    """A report or calendar that would overwrite its own answers file."""
    return WriteError(f"Kunde inte skriva {path}: det är svarsfilen själv. Välj ett annat filnamn.")


def no_folder(path: Where, folder: Where) -> WriteError:
    """A file in a folder that does not exist: ojcli makes no folders."""
    return WriteError(f"Kunde inte skriva {path}: mappen {folder} finns inte.")


def not_written(path: Where, exc: OSError, *, replacing: bool = False) -> WriteError:
    """The operating system refused the write; `replacing`: the previous file is still there."""
    kept = " Den tidigare filen är orörd." if replacing else ""
    return WriteError(f"Kunde inte skriva {path}: {os_reason(exc)}.{kept}")


def backup_not_written(path: Where, exc: OSError) -> WriteError:
    """The backup `FIL.bak` could not be written."""
    return WriteError(f"Kunde inte spara en säkerhetskopia av {path}: {os_reason(exc)}.")


def answers_not_saved(path: Where, why: str) -> WriteError:
    """An answers file that would not read back as the answers (a fault of ojcli's)."""
    return WriteError(f"Svaren kunde inte sparas i {path}: {why}")


def lock_not_allowed(lock: Where) -> WriteError:
    """No permission to create the lock file beside the answers."""
    return WriteError(f"Kunde inte skapa låsfilen {lock}: ingen behörighet att skriva i mappen.")


def lock_not_created(lock: Where, exc: OSError) -> WriteError:
    """The lock file could not be created."""
    return WriteError(f"Kunde inte skapa låsfilen {lock}: {os_reason(exc)}.")


def lock_not_written(lock: Where) -> WriteError:
    """The lock file was created but not written whole."""
    return WriteError(f"Kunde inte skriva låsfilen {lock}.")
