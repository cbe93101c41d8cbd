"""The command line is wrong (exit code 2): options, years, the name of a file to write."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ojcli.errors import (
    UsageError,
)

Where = Path | str  # a file as the person named it, or as ojcli found it


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


def year_before_newest(year: int, newest: int) -> UsageError:
    """`questionnaires new` for a year before the newest bundled one."""
    return UsageError(
        f"ojcli förbereder bara år efter den senaste enkäten den har ({newest}); "
        f"{year} kan inte förberedas ur den."
    )


def prepared_does_not_read_back(year: int) -> UsageError:
    """A prepared questionnaire that would not read back as made (a fault of ojcli's)."""
    return UsageError(
        f"Enkäten {year} kunde inte förberedas: filen skulle inte gå att läsa tillbaka."
    )


def _how_to_prepare(year: int, target: Where) -> str:
    return (
        f"Förbered den med: ojcli questionnaires new {year} -o {target}   "
        "eller välj ett år ojcli har med --year."
    )


def no_questionnaire_for(year: int, newest: int | None, target: Where) -> str:
    """No questionnaire for `year` beside the answers or in ojcli; it can be prepared at `target`."""
    return (
        f"Det finns ingen enkät för {year}, varken bredvid svarsfilen eller i ojcli. "
        f"Den senaste enkäten ojcli har är {newest}. ojcli kan förbereda en preliminär enkät "
        f"{year} i {target} utifrån indikatorerna i enkäten {newest}."
    )


def year_missing(missing: str, year: int, target: Where) -> UsageError:
    """No questionnaire for a new answers file's year (`missing` says so), and no one to ask."""
    return UsageError(f"{missing} {_how_to_prepare(year, target)}")


def nothing_prepared(year: int, target: Where) -> UsageError:
    """The person said no to preparing the missing year."""
    return UsageError(f"Ingen enkät förberedd. {_how_to_prepare(year, target)}")


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


def questionnaire_not_found(key: str, hint: str, years: Sequence[int], prepare: int | None) -> str:
    """No questionnaire has this id or year (`hint`: " – menade du …?"; `prepare`: a later year)."""
    listed = ", ".join(str(y) for y in years)
    how = (
        f" Förbered en enkät för {prepare} med: ojcli questionnaires new {prepare}"
        if prepare
        else ""
    )
    return f"Enkäten '{key}' finns inte{hint or '.'} Tillgängliga år: {listed}.{how}"


def questionnaire_not_found_for_answers(
    key: str, typo: str, beside: Where | None, years: str
) -> str:
    """The questionnaire an answers file names is nowhere: where ojcli looked, what to do."""
    where = "" if beside is None else f"bredvid svarsfilen (i mappen {beside}) och "
    folder = "samma mapp som svarsfilen" if beside is None else f"mappen {beside}"
    looked = f"ojcli letade {where}bland enkäterna som följer med ojcli ({years})"
    return (
        f"Enkäten '{key}' finns inte{typo or ' –'} {looked}. Lägg enkätfilen för "
        f"{key} i {folder}, eller ange den med --enkat FIL."
    )
