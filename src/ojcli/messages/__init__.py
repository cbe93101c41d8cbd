"""Every error ojcli reports to a person, worded once, with its exit code.

Each function returns the error to raise; its class is its exit code, as the README's table
has it (`tests/test_exit_codes.py` holds every command to the table):

| Class | Exit code | When |
|---|---|---|
| `UsageError` | 2 | the command line is wrong: an option, a year, a file name of the wrong format |
| `LoadError` | 3 | a file to read could not be read ("Kunde inte läsa …") |
| `InvalidFileError` | 3 | a file was read, but something in it is wrong ("Fel i …") |
| `OjcliError` | 3 | nothing to work on (no answers files) |
| `WriteError` | 4 | a file was not written, or ojcli refuses to overwrite what is there |

Three modules by exit code, read as one (`from ojcli import messages`, `messages.no_pdf(...)`):
`command_line` (2), `reading` (3), `writing` (4). The command-line framework's own errors
(`typer.BadParameter`, exit code 2) take their text from the functions that return `str`.
Errors that compose their lines from what they carry (`LockedError`,
`QuestionnaireNotFoundError`, `WrongKindError`) keep their classes in their modules and their
words here; the tables that put another program's words into Swedish stay with their parsers
(`files/toml_errors.py` for the TOML parser's, `files/model_errors.py` for pydantic's), and
the messages of pydantic's validators in `model/` are part of the file formats.
`tests/test_messages.py` fails when an error is worded anywhere else. Stdlib and
`ojcli.errors` only; imported where an error is raised, lazily on the `score` path.
"""

from __future__ import annotations

# ruff: noqa: F403 - the catalogue is read as one: messages.no_pdf(...), messages.exists(...)
from ojcli.messages.command_line import *
from ojcli.messages.reading import *
from ojcli.messages.writing import *
