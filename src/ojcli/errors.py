"""The one exception hierarchy of ojcli and its exit codes; messages are Swedish."""

import re
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

# Exit codes, documented in the README and in `ojcli --help`.
EXIT_OK = 0
EXIT_PARTIAL = 1  # the command ran, but some of its inputs could not be used
EXIT_USAGE = 2  # wrong options or arguments (also what typer uses)
EXIT_INPUT = 3  # an input file is missing, unreadable or invalid
EXIT_WRITE = 4  # a file could not be written
EXIT_INTERRUPTED = 130  # Ctrl-C

# A file with more problems is garbage; locating each would take long, helping no one.
MAX_PROBLEMS = 50


class Problem(NamedTuple):
    """One thing wrong in a file: where (line and/or field) and what, in Swedish."""

    message: str
    line: int | None = None
    field: str | None = None

    def render(self, path: Path | str | None) -> str:
        """Format as `file:line: field: message`, leaving out what is unknown."""
        where = str(path) if path is not None else ""
        if self.line is not None:
            where = f"{where}:{self.line}" if where else f"rad {self.line}"
        if self.field:
            where = f"{where}: {self.field}" if where else self.field
        return f"{where}: {self.message}" if where else self.message


class OjcliError(Exception):
    """Root of all errors ojcli reports to the user instead of a traceback."""

    exit_code = EXIT_INPUT

    def lines(self) -> list[str]:
        """The message, one problem per line."""
        return [str(self)]


class UsageError(OjcliError):
    """The user asked for something that does not exist or does not fit together."""

    exit_code = EXIT_USAGE


class WriteError(OjcliError):
    """A file could not be written; the previous file is untouched."""

    exit_code = EXIT_WRITE


class LoadError(OjcliError):
    """A questionnaire or answers file could not be read (missing, not UTF-8, not TOML, too new).

    Its heading says so: "Kunde inte läsa svarsfilen FIL:". A file that was read but holds
    something wrong is an `InvalidFileError`, headed "Fel i svarsfilen FIL:".
    """

    exit_code = EXIT_INPUT
    heading = "Kunde inte läsa"

    def __init__(self, path: Path | str | None, problems: Iterable[Problem], what: str = "filen"):
        self.path = path
        self.problems = list(problems)
        self.what = what
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        """A heading naming the file, then one line per problem."""
        named = f" {self.path}" if self.path else ""
        return [f"{self.heading} {self.what}{named}:", *self.problem_lines()]

    def problem_lines(self) -> list[str]:
        """One indented line per problem, with file, line and field."""
        return [f"  {p.render(self.path)}" for p in self.problems]


class InvalidFileError(LoadError):
    """A file that was read, but whose content is wrong: fields, values, misspelt names."""

    heading = "Fel i"


class AnswersCheckError(OjcliError):
    """An answers file that reads but holds answers that cannot be right (a date after today)."""

    exit_code = EXIT_INPUT

    def __init__(self, path: Path | str, problems: Iterable[Problem]):
        self.path = path
        self.problems = list(problems)
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        """A heading naming the file, then one line per problem."""
        return [
            f"Fel i svarsfilen {self.path}:",
            *(f"  {p.render(self.path)}" for p in self.problems),
        ]


def os_reason(exc: OSError) -> str:
    """Why the operating system refused, as a Swedish phrase ("behörighet saknas").

    The system's own messages ("Permission denied") are English whatever the user's language.
    An error ojcli has no sentence for is named by its code (`ENXIO`), never by that text.
    Looked up by name, so a code one platform lacks (EDQUOT on Windows) is simply not there;
    built when asked, so that nothing of it costs start-up.
    """
    import errno

    name = errno.errorcode.get(exc.errno or 0)
    if name is None and isinstance(exc, PermissionError):  # e.g. a Windows sharing violation
        name = "EACCES"
    reasons = {
        "ENOENT": "filen eller mappen finns inte",
        "EACCES": "behörighet saknas",
        "EPERM": "åtgärden är inte tillåten",
        "ELOOP": "de symboliska länkarna går i en slinga",
        "ENOSPC": "det finns inget utrymme kvar på disken",
        "EDQUOT": "din diskkvot är slut",
        "EFBIG": "filen blir för stor för filsystemet",
        "EROFS": "filsystemet är skrivskyddat",
        "EISDIR": "det är en mapp, inte en fil",
        "ENOTDIR": "en del av sökvägen är inte en mapp",
        "ENAMETOOLONG": "namnet är för långt för filsystemet",
        "EBUSY": "filen används av ett annat program",
        "ETXTBSY": "filen används av ett annat program",
        "EIO": "ett läs- eller skrivfel på disken",
        "EMFILE": "för många öppna filer",
        "ENFILE": "för många öppna filer",
        "EEXIST": "det finns redan en fil med det namnet",
        "EXDEV": "filen ligger på ett annat filsystem",
        "EINVAL": "namnet eller åtgärden går inte i det här filsystemet",
        "ENXIO": "enheten finns inte",
        "ENODEV": "enheten finns inte",
        "ESTALE": "nätverksfilen är inte längre tillgänglig",
        "ETIMEDOUT": "nätverksenheten svarade inte i tid",
        "EAGAIN": "filen är tillfälligt upptagen",
    }
    if name in reasons:
        return reasons[name]
    return f"operativsystemet gav felet {name}" if name else "ett okänt fel från operativsystemet"


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A Swedish ` – menade du 'x'?` hint, or an empty string when nothing is close."""
    import difflib  # only needed when something is misspelt

    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f" – menade du '{close[0]}'?" if close else ""


# Control characters other than tab and line break have no place in a text a person wrote,
# and printed they can move the cursor or rewrite the screen: an escape in a unit name from a
# colleague's file would reach the terminal of whoever runs compare-many. Answers files
# refuse them; the plain-text output shows them as U+FFFD.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def control_character_problem(text: str) -> str | None:
    """Why a text may not be stored (Swedish), or None when it has no control character."""
    found = CONTROL_CHARACTERS.search(text)
    if found is None:
        return None
    return f"innehåller ett styrtecken (U+{ord(found.group()):04X}); ta bort det"
