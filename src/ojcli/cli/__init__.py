"""The `ojcli` command line: thin typer commands over the core; the only place errors become exit codes."""

import gc

# Start-up (typer, pydantic, ojcli's models) creates objects that live as long as the process;
# the cycle collector would walk them again and again for nothing. It stays off until a
# command starts (`ojcli.cli._common.start_command`), which freezes them and turns it back on,
# so a long command (`survey`, `compare-many`) collects its own garbage as usual.
gc.disable()

from ojcli.cli.app import app, main  # noqa: E402  (after the collector is off)

__all__ = ["app", "main"]
