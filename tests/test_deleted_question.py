"""A question deleted from a prepared questionnaire never locks the answers out (issue 19 item 6).

The README invites editing the prepared 2027 questionnaire when the real one is known: the
issue's user deleted a question (and its indicator), and every answers file that had answered
it became unreadable (exit 3). The answers are the user's: they stay in the file, each is named
as having no question, the rest is scored, `validate` lists them with their lines, and a save
writes them back.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from typer.testing import CliRunner

from conftest import invoke, invoke_raw, meta
from ojcli.compare.many import compare_many
from ojcli.files.loading import load_answers
from ojcli.model import dates

TODAY = dt.date(2026, 12, 3)
NOTICE = (
    "Frågan 'freda_kortfragor' finns inte i enkäten 2027: svaret och kommentaren står kvar i "
    "svarsfilen men räknas inte."
)
ANSWERS = {
    "freda_kortfragor": "ja",
    "rutin_vald": "ja",
    "rutin_vald_beslutad": "ja",
    "rutin_vald_uppfoljd": dt.date(2026, 5, 1),
}
COMMENTS = {"freda_kortfragor": "Införda 2025", "rutin_vald": "Beslutad av nämnden"}
RUTIN_VALD = "Aktuell rutin vid indikation på att en vuxen utsatts för"


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dates, "today", lambda: TODAY)


@pytest.fixture
def folder(runner: CliRunner, tmp_path: Path) -> Path:
    """The prepared 2027 questionnaire with FREDA's question and indicator deleted, as a user
    edits it when the real questionnaire leaves them out."""
    path = tmp_path / "oj-eb-2027.toml"
    code, out = invoke(runner, "questionnaires", "new", "2027", "-o", str(path))
    assert code == 0, out
    data = tomllib.loads(path.read_text("utf-8"))
    for section in data["sections"]:
        section["questions"] = [q for q in section["questions"] if q["id"] != "freda_kortfragor"]
    data["indicators"] = [i for i in data["indicators"] if i["id"] != "freda-kortfragor"]
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    code, out = invoke(runner, "validate", str(path))
    assert code == 0, out
    return tmp_path


def answers_file(folder: Path, name: str = "svar.toml", **over: Any) -> Path:
    path = folder / name
    data = {
        "meta": meta("oj-eb-2027", municipality_code="0880", municipality_name="Kalmar"),
        "answers": {**ANSWERS, **over},
        "comments": COMMENTS,
    }
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return path


def test_the_answers_load_and_the_rest_is_scored(runner: CliRunner, folder: Path) -> None:
    code, out = invoke_raw(runner, "score", str(answers_file(folder)))
    assert code == 0, out
    assert NOTICE in " ".join(out.split())
    (line,) = [line for line in out.splitlines() if RUTIN_VALD in line]
    assert line.startswith("✓ Uppfylld")  # the other answers count
    assert "FREDA" not in out  # no indicator of the deleted question


def test_the_loader_keeps_them_apart(folder: Path) -> None:
    checked, _ = load_answers(answers_file(folder))
    assert dict(checked.unknown) == {"freda_kortfragor": "ja"}
    assert dict(checked.unknown_comments) == {"freda_kortfragor": "Införda 2025"}
    assert "freda_kortfragor" not in checked.answers
    assert dict(checked.comments) == {"rutin_vald": "Beslutad av nämnden"}


@pytest.mark.parametrize("fmt", ["md", "html", "json", "csv"])
def test_every_report_says_so(runner: CliRunner, folder: Path, fmt: str) -> None:
    """In the document itself, where the committee reads it (not only on stderr)."""
    target = folder / f"rapport.{fmt}"
    code, out = invoke_raw(runner, "report", str(answers_file(folder)), "-o", str(target))
    assert code == 0, out
    raw = target.read_text("utf-8-sig")
    if fmt == "json":
        assert NOTICE in json.loads(raw)["questionnaire"]["notices"]
    else:
        text = html.unescape(re.sub(r"<[^>]+>", "", raw)).replace("\\_", "_")  # md escapes _
        assert NOTICE in " ".join(text.split())


def test_validate_lists_each_with_its_line(runner: CliRunner, folder: Path) -> None:
    path = answers_file(folder)
    code, out = invoke_raw(runner, "validate", str(path))
    assert code == 3, out
    lines = out.splitlines()
    assert lines[0] == f"Fel i svarsfilen {path}:"
    answer_line = path.read_text("utf-8").splitlines().index('freda_kortfragor = "ja"') + 1
    assert lines[1].startswith(
        f"  {path}:{answer_line}: answers.freda_kortfragor: frågan 'freda_kortfragor' finns "
        "inte i enkäten 2027: svaret står kvar men räknas inte."
    )
    assert lines[2].startswith(f"  {path}:")
    assert "comments.freda_kortfragor: frågan 'freda_kortfragor' finns inte" in lines[2]
    assert len(lines) == 3


def test_a_comment_on_a_misspelt_question_is_listed_with_the_id_meant(
    runner: CliRunner, folder: Path, write_answers: Callable[..., Path]
) -> None:
    """Item 24: a comment under a misspelt id, alone in the file (no answer beside it)."""
    path = write_answers({"rattsfall": "ja"}, comments={"rattsfal": "Varje månad"})
    checked, _ = load_answers(path)
    assert dict(checked.unknown_comments) == {"rattsfal": "Varje månad"}
    code, out = invoke(runner, "validate", str(path))
    assert code == 3, out
    assert (
        "comments.rattsfal: frågan 'rattsfal' finns inte i enkäten 2019 – menade du "
        "'rattsfall'? Kommentaren står kvar men räknas inte." in out
    )
    code, out = invoke(runner, "score", str(path))
    assert code == 0, out
    assert (
        "Frågan 'rattsfal' finns inte i enkäten 2019: kommentaren står kvar i svarsfilen men "
        "räknas inte." in out
    )


def test_a_save_keeps_them(runner: CliRunner, folder: Path) -> None:
    path = answers_file(folder)
    code, out = invoke(runner, "survey", str(path), input="ja\nq\n")
    assert code == 0, out
    saved = tomllib.loads(path.read_text("utf-8"))
    assert len(saved["answers"]) == len(ANSWERS) + 1  # the session's answer was saved
    assert saved["answers"]["freda_kortfragor"] == "ja"
    assert saved["comments"] == COMMENTS
    assert f"{NOTICE} Raderna visas med: ojcli validate {path}" in out
    # The count says what the questionnaire has answers to, and what is kept besides.
    assert f"Sparat: {len(ANSWERS)} svar (och 1 utan fråga i enkäten) i {path}" in out


def test_compare_many_scores_the_file_and_notes_them(folder: Path) -> None:
    path = answers_file(folder)
    result = compare_many([path])
    (matrix,) = result.years
    assert [row.path for row in matrix.rows] == [path]
    assert not result.failures
    assert result.notes == (f"Kalmar ({path}): {NOTICE}",)


def test_compare_notes_them(runner: CliRunner, folder: Path) -> None:
    old = answers_file(folder, "gammal.toml", rutin_vald="nej")
    code, out = invoke(runner, "compare", str(old), str(answers_file(folder)))
    assert code == 0, out
    assert f"{old}: {NOTICE}" in out


@pytest.mark.parametrize("value", [0.5, True, {"a": 1}])
def test_a_value_no_answer_can_have_is_refused_never_read_as_a_date(
    runner: CliRunner, write_answers: Callable[..., Path], value: object
) -> None:
    """Kept as it is, or not at all: the file model would have read 0.5 as 1970-01-01."""
    path = write_answers({"rattsfall": "ja", "okand": value})
    code, out = invoke(runner, "score", str(path))
    assert code == 3, out
    assert "answers.okand: frågan 'okand' finns inte i enkäten 2019, och värdet kan inte" in out
    assert "1970" not in out
