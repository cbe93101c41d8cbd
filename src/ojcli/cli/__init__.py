"""The `ojcli` command line: thin typer commands over the core; the only place errors become exit codes."""

from ojcli.cli.app import app, main

__all__ = ["app", "main"]
