"""The one owner of the terminal: consoles, error display and the rich interview prompter."""

from __future__ import annotations

import re
import sys
from functools import cache
from typing import TYPE_CHECKING, Any, TextIO

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from ojcli.interview.engine import QuestionView, ReviewRow

from ojcli.model.questionnaire import (
    DateQuestion,
    MultipleChoiceQuestion,
    NumberQuestion,
    SingleChoiceQuestion,
    TextQuestion,
    YesNoQuestion,
)
from ojcli.report.wording import counted, review_mark, review_marks, status_label

# Blanks before a line break, and any style codes between them and the break.
_TRAILING_BLANKS = re.compile(r"[ \t]+((?:\x1b\[[0-9;]*m)*)(?=\n)")


class TrimmedLines:
    """The current `sys.stdout` (or `sys.stderr`), with no blanks at the end of a line.

    rich pads table cells, grids and indented blocks to their full width, and leaves the blank
    where it wrapped a line. In a pipe, a file or a mail those blanks are noise, so they are
    dropped on the way out. Blanks ending a write without a line break are held back until
    the next write shows whether the line goes on (a prompt such as "Svar: " is followed by
    typed text), except on a terminal, where the cursor must stand after them at once.
    The stream is looked up at every write, so a test runner's replacement stream is used.
    """

    def __init__(self, name: str):
        self._name = name
        self._held = ""

    @property
    def _stream(self) -> TextIO:
        stream: TextIO = getattr(sys, self._name)
        return stream

    def write(self, text: str) -> int:
        """Write `text` without the blanks that end its lines."""
        stream = self._stream
        trimmed = _TRAILING_BLANKS.sub(r"\1", self._held + text)
        self._held = ""
        if not trimmed.endswith("\n") and not stream.isatty():
            body = trimmed.rstrip(" \t")
            self._held, trimmed = trimmed[len(body) :], body
        stream.write(trimmed)
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@cache
def out() -> Console:
    """Standard output; rich honours NO_COLOR and drops styles when not a terminal."""
    # markup off: data text is never markup
    return Console(file=TrimmedLines("stdout"), highlight=False, markup=False, emoji=False)  # type: ignore[arg-type]


@cache
def err() -> Console:
    """Standard error, for problems and progress that must not mix with data output."""
    return Console(
        file=TrimmedLines("stderr"),  # type: ignore[arg-type]
        highlight=False,
        soft_wrap=True,
        markup=False,
        emoji=False,
    )


def display_error(lines: list[str]) -> None:
    """Print an error, one problem per line, to stderr (markup off: lines quote user data)."""
    console = err()
    console.print(Text(lines[0], style="bold red"))
    for line in lines[1:]:
        console.print(Text(line))


def _format_hint(view: QuestionView) -> str:
    q = view.question
    if isinstance(q, MultipleChoiceQuestion):
        return "Flera svar: ange nummer med kommatecken, t.ex. 1,3 (0 = inget)."
    if isinstance(q, NumberQuestion):
        return f"Svara med ett heltal{' (' + q.unit + ')' if q.unit else ''}."
    if isinstance(q, DateQuestion):
        return "Svara med ett datum: ÅÅÅÅ-MM-DD."
    if isinstance(q, TextQuestion):
        return "Svara med fritext."
    return ""


def progress_line(view: QuestionView) -> str:
    """E.g. "Fråga 6 av 20 · Barn och boende (2 frågor hoppas över)": the number stays put."""
    line = f"Fråga {view.number} av {view.total} · {view.section.title}"
    if view.skipped:
        line += f" ({counted(view.skipped, 'fråga', 'frågor')} hoppas över)"
    return line


class RichPrompter:
    """The interview's terminal user interface."""

    def __init__(self, console: Console | None = None):
        self.console = console or out()
        self.echo = not sys.stdin.isatty()  # show piped replies so a transcript reads well

    def read(self, prompt: str) -> str:
        """Read one line; EOFError at end of input."""
        reply = self.console.input(Text(f"{prompt}: ", style="bold"))
        if self.echo:
            self.console.print(Text(reply, style="dim"))
        return reply

    def show_question(self, view: QuestionView) -> None:
        """Progress line, question, alternatives and the current answer."""
        c, q = self.console, view.question
        if view.new_section:
            c.print()
            c.rule(Text(view.section.title, style="bold"))
            if view.section.intro:
                c.print(Text(view.section.intro, style="italic"))
        c.print()
        c.print(Text(progress_line(view), style="cyan"))
        c.print(Text(q.text, style="bold"))
        if isinstance(q, YesNoQuestion | SingleChoiceQuestion | MultipleChoiceQuestion):
            for n, option in enumerate(q.options, 1):
                c.print(Text(f"  {n}) {option.label}"))
        hint = _format_hint(view)
        if hint:
            c.print(Text(hint, style="dim"))
        if view.current is not None:
            c.print(Text(f"Nuvarande svar: {view.current} (Enter behåller)", style="green"))
        elif view.previous is not None:
            c.print(
                Text(
                    f"Tidigare svar: {view.previous} (Enter behåller; frågan har ändrats sedan dess)",
                    style="green",
                )
            )
        if view.comment:
            c.print(Text(f"Kommentar: {view.comment}", style="dim"))

    def show_help(self, view: QuestionView) -> None:
        """The survey's definitions for this question and what it is used for."""
        q = view.question
        body = Text()
        body.append(q.help or "Ingen särskild definition finns för den här frågan.")
        if view.used_by:
            body.append("\n\nAnvänds i indikatorn: " + "; ".join(view.used_by), style="dim")
        if q.assumed:
            body.append(f"\n\nAntagande: {q.assumed}", style="yellow")
        from ojcli.interview.replies import COMMAND_HELP

        body.append(f"\n\n{COMMAND_HELP}", style="dim")
        self.console.print(Panel(body, title="Definition", title_align="left"))

    def show_review(self, rows: list[ReviewRow]) -> None:
        """All asked questions with answers; unanswered ones stand out."""
        c = self.console
        c.print()
        c.rule(Text("Granska svaren", style="bold"))
        table = Table(show_edge=False, pad_edge=False, expand=False)
        table.add_column("Nr", justify="right")
        table.add_column("Fråga")
        table.add_column("Svar")
        section = None
        for row in rows:
            if row.section != section:
                table.add_row("", Text(row.section, style="bold"), "")
                section = row.section
            name = Text(row.question.name[:1].upper() + row.question.name[1:])
            if not row.asked:
                not_asked = Text(status_label("not_asked"), style="dim")
                table.add_row(str(row.number), name, not_asked, style="dim")
                continue
            answer = (
                Text(row.answer)
                if row.answer is not None
                else Text(status_label("unanswered"), style="yellow")
            )
            if row.comment:
                answer.append(f"\n({row.comment})", style="dim")
            if row.mark:
                answer.append(f"\n{review_mark(row.mark)}", style="bold yellow")
            table.add_row(str(row.number), name, answer)
        c.print(table)
        missing = sum(1 for r in rows if r.asked and r.answer is None)
        if missing:
            unanswered = counted(missing, "fråga är obesvarad", "frågor är obesvarade")
            c.print(Text(f"{unanswered}.", style="yellow"))
        marked = sum(1 for r in rows if r.asked and r.mark)
        if marked:
            c.print(Text(review_marks(marked), style="yellow"))

    def info(self, text: str) -> None:
        """A neutral message."""
        self.console.print(Text(text, style="dim"))

    def error(self, text: str) -> None:
        """A reply that could not be used."""
        self.console.print(Text(text, style="red"))
