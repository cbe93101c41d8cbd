"""Every output format once: its file suffixes, whether it is binary, and its renderer per document kind.

Renderers are named as `module:function` and imported only when a document is rendered, so this
module (stdlib only) costs nothing at start-up. Two kinds of renderer:

- a file format's renderer is pure: `render(document) -> str | bytes`;
- a screen format (`text`, `table`) is drawn on standard output by a view in
  `ojcli.terminal.screen`: `show(document, **options) -> None`; it is never written to a file.

`choose` picks a command's format from `--format` or the `-o` file's suffix.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any, assert_never


class Kind(StrEnum):
    """What a renderer renders."""

    results = "results"
    """One answers file scored (`ojcli.report.model.Report`)."""
    answers = "answers"
    """One answers file's answer sheet (`ojcli.report.model.Report`)."""
    pair = "pair"
    """Two answers files compared (`ojcli.compare.pair.Comparison`)."""
    group = "group"
    """Many answers files compared (`ojcli.compare.many.ManyComparison`)."""
    plan = "plan"
    """One answers file's plan (`ojcli.report.plan.Plan`)."""


class Format(StrEnum):
    """Every output format, by the name `--format` takes."""

    text = "text"
    table = "table"
    md = "md"
    html = "html"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


class Spec:
    """One format: how to recognise its files and where its renderers are.

    A plain class, not a dataclass: building a dataclass costs `ojcli score` a millisecond
    at start-up, for seven objects.
    """

    __slots__ = ("binary", "renderers", "suffixes", "title")

    def __init__(
        self,
        title: str,
        renderers: Mapping[Kind, str],
        suffixes: tuple[str, ...] = (),
        binary: bool = False,
    ):
        self.title = title
        """Its name in a Swedish sentence: "en {title}-fil"."""
        self.renderers = renderers
        """Kind -> `module:function`."""
        self.suffixes = suffixes
        """File name endings, lower case, the usual one first; none for a screen format."""
        self.binary = binary
        """Bytes, not text: never shown in a terminal."""

    @property
    def screen(self) -> bool:
        """Drawn on the terminal by a view; has no file of its own."""
        return not self.suffixes


_ONE = "ojcli.report.one"
_MANY = "ojcli.report.compare"
_SCREEN = "ojcli.terminal.screen"


def spec(fmt: Format) -> Spec:
    """The definition of `fmt` (mypy checks that every format has one)."""
    match fmt:
        case Format.text:
            return Spec(
                "text",
                {
                    Kind.results: f"{_SCREEN}:results",
                    Kind.pair: f"{_SCREEN}:pair",
                    Kind.plan: f"{_SCREEN}:plan",
                },
            )
        case Format.table:
            return Spec("tabell", {Kind.group: f"{_SCREEN}:group"})
        case Format.md:
            return Spec(
                "Markdown",
                {
                    Kind.results: f"{_ONE}.markdown:render",
                    Kind.answers: f"{_ONE}.markdown:render_answers",
                    Kind.group: f"{_MANY}.text:render_markdown",
                    Kind.plan: f"{_ONE}.plan_docs:render_markdown",
                },
                (".md", ".markdown"),
            )
        case Format.html:
            return Spec(
                "HTML",
                {
                    Kind.results: f"{_ONE}.html:render",
                    Kind.answers: f"{_ONE}.html:render_answers",
                    Kind.group: f"{_MANY}.text:render_html",
                },
                (".html", ".htm"),
            )
        case Format.json:
            return Spec(
                "JSON",
                {
                    Kind.results: f"{_ONE}.json:render",
                    Kind.answers: f"{_ONE}.json:render_answers",
                    Kind.pair: f"{_MANY}.json:render_comparison",
                    Kind.group: f"{_MANY}.json:render_matrix",
                    Kind.plan: f"{_ONE}.json:render_plan",
                },
                (".json",),
            )
        case Format.csv:
            return Spec(
                "CSV",
                {
                    Kind.results: f"{_ONE}.csv:render",
                    Kind.answers: f"{_ONE}.csv:render_answers",
                    Kind.group: f"{_MANY}.text:render_csv",
                    Kind.plan: f"{_ONE}.csv:render_plan",
                },
                (".csv",),
            )
        case Format.xlsx:
            return Spec("Excel", {Kind.group: f"{_MANY}.xlsx:render_xlsx"}, (".xlsx",), True)
        case _:
            assert_never(fmt)


SPECS: dict[Format, Spec] = {fmt: spec(fmt) for fmt in Format}
SUFFIXES: dict[str, Format] = {s: fmt for fmt, sp in SPECS.items() for s in sp.suffixes}


def offered(kind: Kind, *, files: bool = False) -> tuple[Format, ...]:
    """The formats that can render a `kind` document, in `Format` order; with `files`, file formats only."""
    return tuple(
        fmt for fmt, sp in SPECS.items() if kind in sp.renderers and not (files and sp.screen)
    )


def renderer(fmt: Format, kind: Kind) -> Callable[..., Any]:
    """The function that renders (or, for a screen format, shows) a `kind` document as `fmt`."""
    module, _, name = SPECS[fmt].renderers[kind].partition(":")
    func: Callable[..., Any] = getattr(importlib.import_module(module), name)
    return func


def render(fmt: Format, kind: Kind, document: object) -> str | bytes:
    """A document in a file format, as the text (or bytes) of the file."""
    if SPECS[fmt].screen:
        raise ValueError(f"{fmt} is drawn on the screen, not rendered")
    data: str | bytes = renderer(fmt, kind)(document)
    return data


def choose(
    given: Format | None, output: Path | None, formats: Sequence[Format], default: Format
) -> Format:
    """The format asked for, else the one the output file's suffix names, else `default`.

    Only the suffixes of the command's `formats` count. Whether the output file's name fits the
    format is the one rule for files a command writes, `ojcli.files.targets`.
    """
    named = SUFFIXES.get(output.suffix.lower()) if output is not None else None
    if named not in formats:
        named = None
    return given or named or default
