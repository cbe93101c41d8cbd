"""The screen formats' views: a document drawn on standard output rather than written to a file.

The results list is plain text with ANSI colour (`ojcli.terminal.ansi`), without rich, so that
`ojcli score` starts quickly; the comparisons are rich views. Each is named in
`ojcli.report.formats` and imports what it draws with only when it runs.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ojcli.compare.many import ManyComparison
    from ojcli.compare.pair import Comparison
    from ojcli.report.model import Report
    from ojcli.report.plan import Plan


def results(report: Report, *, only_unmet: bool = False) -> None:
    """The met / not-met list and the bars per theme; `only_unmet` leaves out what is met."""
    from ojcli.report.one import text
    from ojcli.terminal import ansi

    ansi.write(sys.stdout, text.render(report, ansi.look_of(sys.stdout), only_unmet))


def pair(comparison: Comparison) -> None:
    """Two answers files compared: indicators by how they moved, and the changed answers."""
    from ojcli.report.compare.terminal import render_comparison_view, shows_unicode
    from ojcli.terminal.console import out

    console = out()
    console.print(render_comparison_view(comparison, shows_unicode(console)))


def group(comparison: ManyComparison) -> None:
    """Many answers files compared: one matrix per survey year, fitted to the terminal's width."""
    from ojcli.report.compare.terminal import render_many_view, shows_unicode
    from ojcli.terminal.console import out

    console = out()
    console.print(render_many_view(comparison, shows_unicode(console), console.width))


def plan(document: Plan, *, numbered: bool = False) -> None:
    """A plan: section by section, the date, state, title and decision of each indicator."""
    from ojcli.report.one import plan_text
    from ojcli.terminal import ansi

    ansi.write(sys.stdout, plan_text.render(document, ansi.look_of(sys.stdout), numbered))
