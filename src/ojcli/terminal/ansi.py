"""Plain text for the terminal without rich: what the terminal can show, styles, wrapping.

`ojcli score` is the command people run most, and its start-up has a budget (1.25 × a
one-command typer app). Importing rich and laying out its tables cost more than reading,
validating and scoring the answers together, while the met / not-met list needs only
wrapping, a right-aligned column and a few styles. So that list is drawn with this module;
everything else on the terminal goes through rich (`ojcli.terminal.console`).

Colour follows the same conventions as rich: NO_COLOR turns it off, FORCE_COLOR turns it
on, and otherwise only a terminal (not a pipe or a file, not TERM=dumb) gets it.
"""

import os
import sys
import textwrap
from typing import NamedTuple, TextIO

from ojcli.errors import CONTROL_CHARACTERS

# Style names as rich spells them, so the same names serve both kinds of output.
_SGR = {"bold": "1", "dim": "2", "italic": "3", "underline": "4"}
_SGR |= {"red": "31", "green": "32", "yellow": "33", "cyan": "36"}


class Look(NamedTuple):
    """How to draw text: the width in columns, with colour or not, Unicode symbols or ASCII."""

    width: int = 80
    color: bool = False
    unicode: bool = True

    def style(self, text: str, style: str | None) -> str:
        """`text` in a style such as "bold" or "bold red" (plain when colour is off).

        Control characters in `text` show as "\ufffd", here and in `wrap`: data is shown,
        never obeyed by the terminal.
        """
        return self._paint(_shown(text), style)

    def _paint(self, text: str, style: str | None) -> str:
        if not self.color or not style or not text:
            return text
        codes = ";".join(_SGR[name] for name in style.split())
        return f"\x1b[{codes}m{text}\x1b[0m"

    def wrap(
        self, text: str, width: int, indent: str = "", hanging: str = "", style: str | None = None
    ) -> list[str]:
        """`text` wrapped to `width` columns, each line indented and styled on its own.

        Styling after wrapping keeps escape codes out of the width count, and a pager or a
        log file that cuts a line never leaves a style open.
        """
        wrapper = textwrap.TextWrapper(
            width=max(width, len(indent) + 10),
            initial_indent=indent,
            subsequent_indent=hanging or indent,
            break_on_hyphens=False,
        )
        lines = []
        for paragraph in _shown(text).split("\n"):  # a line break in the text is kept
            lines += wrapper.wrap(paragraph) or [""]
            wrapper.initial_indent = wrapper.subsequent_indent
        return [self._paint(line, style) for line in lines]


def _shown(text: str) -> str:
    """Text as it may reach the terminal: control characters as U+FFFD, a tab as a space."""
    return CONTROL_CHARACTERS.sub("\ufffd", text.replace("\t", " "))


def look_of(stream: TextIO) -> Look:
    """What `stream` can show: its width, colour, and whether its encoding has the symbols."""
    tty = _isatty(stream)
    return Look(width=_width(stream, tty), color=_color(stream, tty), unicode=_utf(stream))


def write(stream: TextIO, lines: list[str]) -> None:
    """Write lines; characters the stream's encoding lacks become "?" instead of an error."""
    text = "\n".join(lines) + "\n"
    encoding = getattr(stream, "encoding", None)
    if encoding and not _utf(stream):
        text = text.encode(encoding, "replace").decode(encoding)
    stream.write(text)
    stream.flush()


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or unusual stream
        return False


def _utf(stream: TextIO) -> bool:
    return (getattr(stream, "encoding", None) or "utf-8").lower().replace("-", "").startswith("utf")


def _width(stream: TextIO, tty: bool) -> int:
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if tty:
        try:
            return os.get_terminal_size(stream.fileno()).columns or 80
        except (AttributeError, ValueError, OSError):
            pass
    return 80  # not a terminal: a width that reads well in a file or a mail


def _color(stream: TextIO, tty: bool) -> bool:
    env = os.environ
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR"):
        return True
    if not tty or env.get("TERM", "").lower() in ("dumb", "unknown"):
        return False
    return _windows_ansi(stream) if sys.platform == "win32" else True


def _windows_ansi(stream: TextIO) -> bool:
    """Ask the Windows console to understand ANSI codes; False (no colour) if it will not."""
    if sys.platform != "win32":  # for mypy on other platforms
        return True
    import ctypes

    std_handles = {1: -11, 2: -12}  # STD_OUTPUT_HANDLE, STD_ERROR_HANDLE
    enable_virtual_terminal_processing = 0x0004
    try:
        kernel32 = ctypes.windll.kernel32
        handle = kernel32.GetStdHandle(std_handles[stream.fileno()])
        mode = ctypes.c_uint32()
        if not kernel32.GetConsoleMode(handle, ctypes.byref(mode)):
            return False
        return bool(
            kernel32.SetConsoleMode(handle, mode.value | enable_virtual_terminal_processing)
        )
    except (AttributeError, KeyError, ValueError, OSError):
        return False
