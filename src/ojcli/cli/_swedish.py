"""Swedish for the command-line framework: help headings, usage lines and usage errors.

typer vendors click without gettext: click's texts are English literals, so no translation
catalogue can reach them. They are put into Swedish where they pass through instead:

- help: every command in the tree gets a context whose help formatter writes Swedish headings,
  "Användning:", the help option's text, type names and the `[default: …]` / `[required]` notes;
  the `[OPTIONS]` and `COMMAND [ARGS]...` placeholders are attributes of the commands. The
  formatter also writes the usage line as a person reads it (`FIL`, `[FIL]`, `FIL...`, not
  typer's `{FIL}`), each example on a line of its own, and never breaks a line at a hyphen
  (`oj-eb-2027`, `--from`), so what is copied from the help is what was meant;
- usage errors: the root group catches them where it parses and runs a command and re-raises
  them as one error that says the same in Swedish (by exception type, or by the message's form
  for the errors click raises as plain `UsageError`).

A message click does not know (ojcli's own, already Swedish) is passed on unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, MutableMapping, Sequence
from contextlib import contextmanager
from typing import IO, Any, ClassVar

import typer
from typer import _click
from typer._click import exceptions as click_errors
from typer.core import TyperGroup

_HEADINGS = {
    "Options": "Flaggor",
    "Arguments": "Argument",
    "Commands": "Kommandon",
}
_HELP_TEXTS = {"Show this message and exit.": "Visa den här hjälpen och avsluta."}
_TYPE_NAMES = {
    "path": "sökväg",
    "Path": "sökväg",
    "file": "fil",
    "dir": "mapp",
    "int": "heltal",
    "float": "tal",
    "str": "text",
    "bool": "ja/nej",
    "datetime": "tidpunkt",
}
_TYPE = r"<(?:list\[)?(\w+)\]?>"  # `<path>`, `<list[Path]>`; choices `<a|b>` stay
_NOTES = r"  \[([^\[\]]*)\]$"  # typer's `  [default: text; required]` after a help text
_NOTE_WORDS = {"default": "standard", "required": "krävs", "env var": "miljövariabel"}


def _note(part: str) -> str | None:
    name, colon, value = part.partition(": ")
    swedish = _NOTE_WORDS.get(name)
    return None if swedish is None else f"{swedish}{colon}{value}"


def _help_text(text: str) -> str:
    text = _HELP_TEXTS.get(text, text)
    notes = re.search(_NOTES, text)
    if notes is None:
        return text
    parts = [_note(part) for part in notes.group(1).split("; ")]
    if None in parts:  # not typer's notes: leave the text alone
        return text
    return f"{text[: notes.start()]}  [{'; '.join(p for p in parts if p)}]"


# Patterns as strings, compiled (and cached by `re`) only when help is written, not at start-up.
# typer writes a required argument `{FIL}` and repeats "..." after a metavar that has it.
_REQUIRED = r"\{([^{}\s]+?)(\.\.\.)?\}(\.\.\.)?"
_EXAMPLES = "Exempel:"
# A hyphen inside a word, held together while click wraps (then written as the hyphen it is).
_GLUE = "\u2011"
_IN_WORD_HYPHEN = r"(?<=\S)-(?=\w)"


def usage_arguments(args: str) -> str:
    """Arguments as a person reads them: "{FIL}" -> "FIL", "{FIL...}..." -> "FIL..."."""
    return re.sub(_REQUIRED, lambda m: f"{m[1]}{'...' if m[2] or m[3] else ''}", args)


def _examples_apart(text: str) -> str:
    r"""Each command of an "Exempel:" paragraph on a line of its own, never rewrapped.

    The help texts list examples on one line, three spaces or more apart; wrapped by click,
    a command would start on one line and end on the next. click's `\b` keeps a paragraph's
    lines as written: a line too long for the terminal is wrapped by the terminal, and copying
    it still gives the whole command.
    """
    paragraphs = text.split("\n\n")
    for n, paragraph in enumerate(paragraphs):
        if paragraph.startswith(_EXAMPLES):
            commands = re.split(r"\s{3,}|\n", paragraph.removeprefix(_EXAMPLES).strip())
            paragraphs[n] = "\n".join(["\b", _EXAMPLES, *(f"  {c}" for c in commands if c)])
    return "\n\n".join(paragraphs)


def _glued(text: str) -> str:
    return re.sub(_IN_WORD_HYPHEN, _GLUE, text)


class SwedishFormatter(_click.HelpFormatter):
    """click's help formatter, writing Swedish where click writes English."""

    def write(self, string: str) -> None:
        """Write to the help, each held hyphen written as the plain hyphen it stands for."""
        super().write(string.replace(_GLUE, "-"))

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        """The usage line, "Användning: ojcli score [FLAGGOR] FIL"."""
        prefix = "Användning: " if prefix is None else prefix
        super().write_usage(prog, _glued(usage_arguments(args)), prefix)

    def write_text(self, text: str) -> None:
        """A help text: examples one to a line, no line broken at a hyphen."""
        super().write_text(_glued(_examples_apart(text)))

    def write_heading(self, heading: str) -> None:
        """A section heading ("Flaggor:")."""
        super().write_heading(_HEADINGS.get(heading, heading))

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        """Options, arguments or commands with their help texts."""
        swedish = [
            (
                re.sub(_TYPE, lambda m: f"<{_TYPE_NAMES.get(m[1], m[1])}>", term),
                _glued(_help_text(text)),
            )
            for term, text in rows
        ]
        super().write_dl(swedish, col_max, col_spacing)


class SwedishContext(typer.Context):
    """A context whose help is written by `SwedishFormatter`."""

    formatter_class = SwedishFormatter


def _localise(command: _click.Command) -> None:
    """Give a command, and every command below it, Swedish help."""
    command.context_class = SwedishContext
    if command.options_metavar == "[OPTIONS]":
        command.options_metavar = "[FLAGGOR]"
    if isinstance(command, TyperGroup):
        if command.subcommand_metavar == "COMMAND [ARGS]...":
            command.subcommand_metavar = "KOMMANDO [ARGUMENT]..."
        if not isinstance(command.commands, LazyCommands):  # those are localised when built
            for sub in command.commands.values():
                _localise(sub)


class LazyCommands(MutableMapping[str, _click.Command]):
    """A group's commands by name, each built (its module imported, its options made) when used.

    Building every command's options costs `ojcli score` start-up time for commands it never
    runs; `--help` and the suggestions for a misspelt command still see every name.
    """

    def __init__(self, makers: Mapping[str, Callable[[], _click.Command]]) -> None:
        self._makers = dict(makers)
        self._built: dict[str, _click.Command] = {}

    def __getitem__(self, name: str) -> _click.Command:
        found = self._built.get(name)
        if found is None:
            found = self._built[name] = self._makers[name]()
            _localise(found)
        return found

    def __contains__(self, name: object) -> bool:
        return name in self._makers

    def __iter__(self) -> Iterator[str]:
        return iter(self._makers)

    def __len__(self) -> int:
        return len(self._makers)

    def __setitem__(self, name: str, command: _click.Command) -> None:
        _localise(command)
        self._built[name] = command
        self._makers[name] = lambda: command

    def __delitem__(self, name: str) -> None:
        del self._makers[name]
        self._built.pop(name, None)


class SwedishGroup(TyperGroup):
    """The root group: Swedish help for all its commands, usage errors in Swedish.

    A subclass may name `lazy_commands`: commands built only when used (`LazyCommands`).
    """

    lazy_commands: ClassVar[Mapping[str, Callable[[], _click.Command]]] = {}

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if self.lazy_commands:
            lazy = LazyCommands({**self.lazy_commands})
            for name, command in self.commands.items():
                lazy[name] = command
            self.commands = lazy
        _localise(self)

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: _click.Context | None = None,
        **extra: Any,
    ) -> _click.Context:
        """Parse the root's own options; a usage error comes out in Swedish."""
        with _in_swedish():
            return super().make_context(info_name, args, parent, **extra)

    def invoke(self, ctx: _click.Context) -> Any:
        """Run a command (parsing its arguments); a usage error comes out in Swedish."""
        with _in_swedish():
            return super().invoke(ctx)


@contextmanager
def _in_swedish() -> Iterator[None]:
    try:
        yield
    except (click_errors.NoArgsIsHelpError, SwedishUsageError):
        raise  # the help text (already Swedish), or translated further down
    except click_errors.ClickException as exc:
        raise SwedishUsageError(exc) from None
    except typer.Abort:
        typer.echo("Avbrutet.", err=True)
        raise typer.Exit(1) from None


class SwedishUsageError(click_errors.ClickException):
    """A click error said in Swedish, shown as click shows it: usage, hint, then "Fel: …"."""

    def __init__(self, original: click_errors.ClickException) -> None:
        super().__init__(swedish_message(original))
        self.exit_code = original.exit_code
        self.ctx: _click.Context | None = getattr(original, "ctx", None)

    def show(self, file: IO[Any] | None = None) -> None:
        """Print the error (to stderr unless a file is given)."""
        ctx = self.ctx
        color = None if ctx is None else ctx.color
        if ctx is not None:
            hint = ""
            if ctx.command.get_help_option(ctx) is not None:
                hint = f"Skriv '{ctx.command_path} {ctx.help_option_names[0]}' för hjälp.\n"
            typer.echo(f"{ctx.get_usage()}\n{hint}", file=file, err=file is None, color=color)
        typer.echo(f"Fel: {self.message}", file=file, err=file is None, color=color)


# --- the messages -------------------------------------------------------------------------

_KIND = {"argument": "Argumentet", "option": "Flaggan"}


def _either(words: Sequence[str]) -> str:
    """'a', 'b' eller 'c'."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} eller {words[-1]}"


def _hint(exc: click_errors.BadParameter) -> str | None:
    hint = exc.param_hint
    if hint is None and exc.param is not None:
        hint = exc.param.get_error_hint()
    if hint is None or isinstance(hint, str):
        return hint
    return " / ".join(repr(h) for h in hint)


def _choices(param: Any) -> list[str]:
    """The values a choice parameter allows, as typed; empty for other parameters."""
    descriptor = getattr(param, "type_descriptor", None)
    found = getattr(descriptor, "choices", None) or ()
    return [str(getattr(c, "value", c)) for c in found]


def _validation_reason(exc: click_errors.BadParameter, cause: Any) -> str | None:
    """A pydantic validation error behind typer's conversion of a value, in Swedish."""
    try:
        error = cause.errors()[0]
    except (AttributeError, IndexError, TypeError):
        return None
    kind, given, limits = error.get("type", ""), error.get("input"), error.get("ctx") or {}
    allowed = _choices(exc.param)
    if allowed:
        quoted = [f"'{c}'" for c in allowed]
        return f"'{given}' går inte att välja; välj {_either(quoted)}."
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"'{given}' är inte ett heltal."
    if kind in ("float_parsing", "float_type"):
        return f"'{given}' är inte ett tal."
    for key, words in (
        ("ge", "ska vara minst"),
        ("gt", "ska vara större än"),
        ("le", "får vara högst"),
        ("lt", "ska vara mindre än"),
    ):
        if key in limits:
            return f"'{given}' {words} {limits[key]}."
    return f"'{given}' går inte att använda här."


_PATH_WORDS = {"file": "Filen", "dir": "Mappen", "directory": "Mappen", "path": "Sökvägen"}
_PATH_FAULTS = {
    "does not exist": "finns inte",
    "is a file": "är en fil, inte en mapp",
    "is a directory": "är en mapp, inte en fil",
    "is not readable": "går inte att läsa",
    "is not writable": "går inte att skriva till",
}
_PATH_PROBLEM = rf"(?:(?i:({'|'.join(_PATH_WORDS)})) )?(.+) ({'|'.join(_PATH_FAULTS)})\."


def _typer_reason(message: str) -> str:
    """A reason typer wrote in English (paths, iterables) in Swedish; ojcli's own unchanged."""
    path = re.fullmatch(_PATH_PROBLEM, message, re.S)
    if path:
        what = _PATH_WORDS[(path[1] or "path").lower()]
        return f"{what} {path[2]} {_PATH_FAULTS[path[3]]}."
    if message == "Value must be an iterable.":
        return "flera värden behövs."
    if re.fullmatch(r"Value .* is not a valid \w+\.", message, re.S):
        return "värdet går inte att använda här."
    return message


# click's plain `UsageError`s and option-usage errors, told apart by their wording.
_USAGE_FORMS = [
    (r"Missing command\.", "Ange ett kommando."),
    (r"Got unexpected extra arguments? \((?P<a>.*)\)", "Oväntat argument: {a}."),
    (r"Got unexpected extra argument\(s\) \((?P<a>.*)\)", "Oväntat argument: {a}."),
    (r"Option (?P<o>.+) requires an argument\.", "Flaggan {o} behöver ett värde."),
    (r"Option (?P<o>.+) requires (?P<n>\d+) arguments\.", "Flaggan {o} behöver {n} värden."),
    (r"Option (?P<o>.+) does not take a value\.", "Flaggan {o} tar inget värde."),
    (r"Argument (?P<a>.+) takes (?P<n>\d+) values\.", "Argumentet {a} behöver {n} värden."),
]
_NO_SUCH_COMMAND = r"No such command (?P<name>.+?)\.?(?: Did you mean (?P<close>.+)\?)?"


def _usage_message(message: str) -> str:
    missing = re.fullmatch(_NO_SUCH_COMMAND, message, re.S)
    if missing:
        said = f"Kommandot {missing['name']} finns inte"
        if missing["close"]:
            return f"{said} – menade du {_either(missing['close'].split(', '))}?"
        return f"{said}."
    for form, swedish in _USAGE_FORMS:
        found = re.fullmatch(form, message, re.S)
        if found:
            return swedish.format(**found.groupdict())
    return message


def swedish_message(exc: click_errors.ClickException) -> str:
    """What a click error says, in Swedish."""
    if isinstance(exc, click_errors.NoSuchOption):
        said = f"Flaggan {exc.option_name} finns inte"
        close = sorted(exc.possibilities or ())
        return f"{said} – menade du {_either(close)}?" if close else f"{said}."
    if isinstance(exc, click_errors.MissingParameter):
        kind = exc.param_type or (exc.param.param_type_name if exc.param else "")
        hint = _hint(exc)
        said = f"{_KIND.get(kind, 'Värdet')}{' ' + hint if hint else ''} saknas."
        allowed = _choices(exc.param)
        return f"{said} Välj {_either(allowed)}." if allowed else said
    if isinstance(exc, click_errors.BadParameter):
        reason = _validation_reason(exc, exc.__cause__) if exc.__cause__ else None
        reason = reason or _typer_reason(exc.message)
        hint = _hint(exc)
        return f"Ogiltigt värde för {hint}: {reason}" if hint else f"Ogiltigt värde: {reason}"
    if isinstance(exc, click_errors.FileError):
        return f"Filen {exc.ui_filename!r} kunde inte öppnas: {exc.message}"
    return _usage_message(exc.message)
