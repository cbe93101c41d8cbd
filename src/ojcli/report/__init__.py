"""Renderers: one report model, several output formats. A renderer never computes a verdict.

This package module is stdlib-only on purpose: the CLI imports `Format` at start-up, and the
renderers (and the scoring they read) are imported only when a report is made.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ojcli.report.model import Report


class Format(StrEnum):
    """File formats of `ojcli report`."""

    md = "md"
    html = "html"
    json = "json"
    csv = "csv"


# Format → module in this package; each has `render(Report) -> str` (the results) and
# `render_answers(Report) -> str` (the answer sheet). Kept as names so nothing loads early.
MODULES: dict[Format, str] = {
    Format.md: "one.markdown",
    Format.html: "one.html",
    Format.json: "one.json",
    Format.csv: "one.csv",
}

SUFFIXES: dict[str, Format] = {
    ".md": Format.md,
    ".markdown": Format.md,
    ".html": Format.html,
    ".htm": Format.html,
    ".json": Format.json,
    ".csv": Format.csv,
}


def renderer(fmt: Format, answers: bool = False) -> Callable[[Report], str]:
    """The pure function that renders a report (or, with `answers`, the answer sheet) as `fmt`."""
    module = importlib.import_module(f"ojcli.report.{MODULES[fmt]}")
    func: Callable[[Report], str] = getattr(module, "render_answers" if answers else "render")
    return func
