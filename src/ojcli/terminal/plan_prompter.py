"""The plan step's terminal user interface: the interview's prompter, and the plan's own views."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from ojcli.terminal import ansi
from ojcli.terminal.console import RichPrompter

if TYPE_CHECKING:
    from ojcli.report.plan import Plan, PlanEntry


class PlanPrompter(RichPrompter):
    """Reads and tells as the interview does; shows an indicator to decide on, and the plan."""

    def show_entry(self, entry: PlanEntry, heading: str) -> None:
        """The indicator with why it is not met and what would meet it, under a progress line."""
        from ojcli.report.one.plan_text import entry_lines

        look = ansi.look_of(sys.stdout)
        lines = ["", look.style(heading, "cyan"), *entry_lines(entry, look, details=True)]
        sys.stdout.flush()
        ansi.write(sys.stdout, lines)

    def show_plan(self, plan: Plan) -> None:
        """The whole plan, its entries numbered for the person to pick one."""
        from ojcli.terminal.screen import plan as show

        print(file=sys.stdout)
        show(plan, numbered=True)
