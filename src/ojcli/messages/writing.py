"""A file was not written, or ojcli refuses to write it (exit code 4)."""

from __future__ import annotations

from pathlib import Path

from ojcli.errors import (
    WriteError,
    os_reason,
)

Where = Path | str  # a file as the person named it, or as ojcli found it


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
