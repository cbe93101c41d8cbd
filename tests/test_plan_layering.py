"""What the plan (issue 18) costs the other commands: `ojcli score` loads none of its code, and
only `--ics` loads the calendar and holiday libraries."""

from __future__ import annotations

from pathlib import Path

from plan_files import HEAD, write_folder
from test_layering import imported_after

PLAN_CODE = {"ojcli.report.plan", "ojcli.interview.plan", "ojcli.report.one.plan_text"}
CALENDAR = {"icalendar", "holidays", "ojcli.report.calendar", "ojcli.report.workdays"}


def run(*args: str) -> set[str]:
    return imported_after(
        "import sys\n"
        "from ojcli.cli import main\n"
        f"sys.argv = ['ojcli', *{list(args)!r}]\n"
        "try:\n    main()\nexcept SystemExit as exit:\n    assert exit.code == 0, exit.code\n"
    )


def test_score_of_a_file_without_a_plan_loads_no_plan_code(tmp_path: Path) -> None:
    modules = run("score", str(write_folder(tmp_path)))
    assert "ojcli.report.one.text" in modules  # it did draw the list
    assert not (PLAN_CODE | CALENDAR | {"ojcli.model.plan"}) & modules


def test_score_of_a_file_with_a_plan_only_checks_it(tmp_path: Path) -> None:
    plan = '\n[plan.mote]\ndecision = "accept"\nreason = "Inga lokaler"\n'
    modules = run("score", str(write_folder(tmp_path, HEAD + plan)))
    assert "ojcli.model.plan" in modules  # the file's plan is validated like its answers
    assert not (PLAN_CODE | CALENDAR) & modules


def test_only_the_calendar_loads_the_calendar_libraries(tmp_path: Path) -> None:
    path = write_folder(tmp_path)
    assert not CALENDAR & run("plan", str(path), "--format", "json")
    assert {"icalendar", "ojcli.report.calendar"} <= run(
        "plan", str(path), "--ics", str(tmp_path / "p.ics")
    )
