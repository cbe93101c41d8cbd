"""Every report format, byte for byte, for the bundled example and a file with every verdict state.

The expected files live in tests/snapshots/ and are named `<answers file>.<kind>.<ext>`.
After an intended change to a report, regenerate them and review the diff:

    OJCLI_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_report_snapshots.py

That run rewrites each snapshot that differs and fails for it ("snapshot updated, review the
diff"); a snapshot that already matches passes. Run it again without the variable to confirm.

Nothing in a report depends on today's date, the clock or the installed version, so the
snapshots do not drift by themselves.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from ojcli.files.loading import example_answers, load_answers
from ojcli.report.formats import Format, Kind, offered, render
from ojcli.report.model import Report, build
from ojcli.report.one import text
from ojcli.report.plan import with_plan
from ojcli.scoring import ScoreReport, State, score
from ojcli.terminal.ansi import Look

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("OJCLI_UPDATE_SNAPSHOTS") == "1"
FORMATS = offered(Kind.results, files=True)
EXTENSIONS = {Format.md: "md", Format.html: "html", Format.json: "json", Format.csv: "csv"}
INPUTS = {
    "exempel-2019": example_answers(),
    "blandat-2024": SNAPSHOTS / "blandat-2024.toml",
}


def scored(name: str) -> ScoreReport:
    answers, questionnaire = load_answers(INPUTS[name])
    return score(questionnaire, answers)


def model(name: str) -> Report:
    """As `ojcli report` builds it, with the plan (issue 18).

    A plan's "overdue" depends on the day; these files have no dated decision, so any day
    gives the same report as the command's.
    """
    report = scored(name)
    return with_plan(build(report), report.answers.plan, dt.date(2024, 1, 15))


def check(snapshot: str, actual: str) -> None:
    """Compare with the stored file (bytes, so a BOM or CRLF counts), or rewrite it on request.

    An update run rewrites what differs and still fails for it, so it can never pass in CI
    (or by a variable left set) without someone reviewing the diff.
    """
    path = SNAPSHOTS / snapshot
    data = actual.encode("utf-8")
    if UPDATE and (not path.exists() or path.read_bytes() != data):
        path.write_bytes(data)
        pytest.fail(f"{snapshot}: snapshot updated, review the diff: git diff {path}")
    assert path.exists(), f"{path} saknas; skapa den med OJCLI_UPDATE_SNAPSHOTS=1"
    expected = path.read_bytes().decode("utf-8")
    assert actual == expected, f"{snapshot} differs; if intended: OJCLI_UPDATE_SNAPSHOTS=1 pytest"


def test_the_inputs_cover_every_verdict_state() -> None:
    states = {v.state for name in INPUTS for v in scored(name).verdicts}
    assert states == set(State)


def test_the_snapshots_cover_every_report_format() -> None:
    assert set(FORMATS) == set(EXTENSIONS)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", list(INPUTS))
def test_report(name: str, fmt: Format) -> None:
    check(f"{name}.report.{EXTENSIONS[fmt]}", str(render(fmt, Kind.results, model(name))))


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", list(INPUTS))
def test_answer_sheet(name: str, fmt: Format) -> None:
    check(f"{name}.answers.{EXTENSIONS[fmt]}", str(render(fmt, Kind.answers, model(name))))


@pytest.mark.parametrize("only_unmet", [False, True], ids=["all", "only-unmet"])
@pytest.mark.parametrize("name", list(INPUTS))
def test_terminal(name: str, only_unmet: bool) -> None:
    lines = text.render(model(name), Look(width=100), only_unmet=only_unmet)
    suffix = ".only-unmet" if only_unmet else ""
    check(f"{name}.score{suffix}.txt", "\n".join(lines) + "\n")


def test_every_snapshot_file_is_checked() -> None:
    # A renamed format or input must not leave an orphan that nobody compares any more.
    expected = {f"{name}.toml" for name in INPUTS if (SNAPSHOTS / f"{name}.toml").exists()}
    expected |= {".gitattributes", "README.md"}
    for name in INPUTS:
        for kind in ("report", "answers"):
            expected |= {f"{name}.{kind}.{ext}" for ext in EXTENSIONS.values()}
        expected |= {f"{name}.score.txt", f"{name}.score.only-unmet.txt"}
    assert {p.name for p in SNAPSHOTS.iterdir()} == expected
