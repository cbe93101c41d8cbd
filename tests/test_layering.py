"""The core knows nothing of the terminal, and `score` does not import what it does not need."""

from __future__ import annotations

import subprocess
import sys


def imported_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return set(out.split())


def test_core_modules_do_not_import_rich_or_typer() -> None:
    modules = imported_after(
        "import ojcli.scoring, ojcli.files.loading, ojcli.files.storage, ojcli.interview.engine"
    )
    assert "rich" not in modules
    assert "typer" not in modules


def test_cli_start_up_leaves_the_core_for_the_commands() -> None:
    # Importing the CLI builds the command tree only; loading, scoring and reports come later.
    modules = imported_after("import ojcli.cli")
    assert (
        not {"ojcli.scoring", "ojcli.files.loading", "ojcli.report.questionnaire", "pydantic"}
        & modules
    )


def test_score_draws_its_list_without_rich() -> None:
    # rich costs `ojcli score` more start-up time than all of its real work (see ojcli.terminal.ansi).
    modules = imported_after(
        "import sys\n"
        "from ojcli.cli import main\n"
        "from ojcli.files.loading import example_answers\n"
        "sys.argv = ['ojcli', 'score', str(example_answers())]\n"
        "try:\n    main()\nexcept SystemExit as exit:\n    assert exit.code == 0\n"
    )
    assert "ojcli.report.one.text" in modules
    assert not {m for m in modules if m == "rich" or m.startswith("rich.")}
