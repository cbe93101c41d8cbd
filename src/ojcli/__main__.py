"""`python -m ojcli` runs the command-line interface."""

from ojcli.cli import main

main()
