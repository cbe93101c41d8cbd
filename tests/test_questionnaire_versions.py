"""Which version of a questionnaire answers are judged by, and saying so (issue 19, items 7, 20-22).

A questionnaire is its id and the fingerprint of its parsed content. The notices about it (a
local file used instead of the bundled one, a change since the answers were saved) travel with
the loaded questionnaire into every command and every format; compare-many gives each version
of a year its own matrix.
"""

from __future__ import annotations

import hashlib
import importlib
import io
import json
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import invoke
from ojcli.files import cache
from ojcli.files.loading import find_questionnaire, load_questionnaire

WHO = ["--kommun", "0880", "--uppgiftslamnare", "Enhetschef"]
BUNDLED_2019 = find_questionnaire(2019).read_text(encoding="utf-8")
# rutin-vald: met on 2019-03-01 by the bundled rule (within 12 months), not within 6.
ANSWERS = 'rutin_vald = "ja"\nrutin_vald_beslutad = "ja"\nrutin_vald_uppfoljd = 2018-05-16\n'
STRICTER, _made = re.subn(
    r'(question = "rutin_vald_uppfoljd", within_months = )\d+', r"\g<1>6", BUNDLED_2019
)
assert _made == 1
CHANGED = "Enkätfilen har ändrats sedan svaren sparades"
LOCAL = "i stället för den som följer med ojcli"


def _identity() -> Any:
    """The module under test, imported by the tests that use it (the others run without it)."""
    return importlib.import_module("ojcli.model.identity")


def _app() -> object:
    from ojcli.cli import app

    return app


def without_indicator(text: str, iid: str) -> str:
    blocks = text.split("\n[[indicators]]\n")
    kept = [b for b in blocks if not b.lstrip().startswith(f'id = "{iid}"')]
    assert len(kept) == len(blocks) - 1
    return "\n[[indicators]]\n".join(kept)


def unit(
    runner: CliRunner, folder: Path, questionnaire: str | None, name: str, answers: str = ANSWERS
) -> Path:
    """An answers file saved by `ojcli survey` in `folder`, beside `questionnaire` (as
    oj-eb-2019.toml; None: the bundled one is used), with `answers` added by hand afterwards."""
    folder.mkdir(parents=True, exist_ok=True)
    if questionnaire is not None:
        (folder / "oj-eb-2019.toml").write_text(questionnaire, encoding="utf-8")
    path = folder / "svar.toml"
    code, text = invoke(
        runner, "survey", str(path), "--year", "2019", *WHO, "--enhet", name, input="q\n"
    )
    assert code == 0, text
    saved = path.read_text(encoding="utf-8")
    assert "questionnaire_fingerprint" in saved
    path.write_text(saved.replace("[answers]\n", "[answers]\n" + answers), encoding="utf-8")
    return path


# --- item 22: the fingerprint is of the parsed content ---------------------------------------


def test_the_fingerprint_is_sha256_of_the_documented_canonical_json() -> None:
    # Pinned by value: a change to the canonical form would tell every saved file it changed.
    document = 'b = 2024-03-01\na = [1, 1.5, "å", true]\n[t]\nwhen = 2024-03-01T10:00:00+01:00\n'
    canonical = (
        '{"a":[1,1.5,"\\u00e5",true],"b":{"\\u0000date":"2024-03-01"},'
        '"t":{"when":{"\\u0000datetime":"2024-03-01T10:00:00+01:00"}}}'
    )
    expected = "content-sha256:" + hashlib.sha256(canonical.encode("ascii")).hexdigest()
    assert _identity().content_fingerprint(tomllib.loads(document)) == expected


SAME = [
    ('a = 1\nb = "x"\n', 'b = "x"  # en kommentar\na = 1\n'),  # key order, end-of-line comment
    ('a = "x"\n', "a = 'x'\n"),  # quoting
    ('a = "å"\n', 'a = "\\u00e5"\n'),  # an escape for the same letter
    ("a = 16\n", "a = 0x10\n"),  # number notation
    ('a = "x"\n', '# ny rad\n\n   a    =    """x"""\n'),  # comment lines, spacing, string kind
    ("[t]\na = 1\n", "t = { a = 1 }\n"),  # table or inline table
]
DIFFERENT = [
    ('a = "2024-03-01"\n', "a = 2024-03-01\n"),  # a date is not its text
    ("a = 1\n", "a = 1.0\n"),
    ("a = 1\n", "a = true\n"),
    ('a = """\nx\n# rad ett\n"""\n', 'a = """\nx\n# rad två\n"""\n'),  # a # line in a string
    ("a = [1, 2]\n", "a = [2, 1]\n"),
]


@pytest.mark.parametrize(("one", "other"), SAME)
def test_layout_comments_and_notation_are_no_change(one: str, other: str) -> None:
    fp = _identity().content_fingerprint
    assert fp(tomllib.loads(one)) == fp(tomllib.loads(other))


@pytest.mark.parametrize(("one", "other"), DIFFERENT)
def test_every_change_of_a_value_is_a_change(one: str, other: str) -> None:
    fp = _identity().content_fingerprint
    assert fp(tomllib.loads(one)) != fp(tomllib.loads(other))


def test_a_comment_edit_gives_no_notice_and_a_hash_line_in_a_string_does(
    runner: CliRunner, tmp_path: Path
) -> None:
    help_text = 'help = """FREDA är'
    original = BUNDLED_2019.replace(help_text, 'help = """\n# Version 1\nFREDA är', 1)
    path = unit(runner, tmp_path, original, "Enheten")
    q_file = tmp_path / "oj-eb-2019.toml"

    q_file.write_text(
        original.replace('type = "yes_no"', 'type = "yes_no"  # ändrad kommentar', 1), "utf-8"
    )
    code, text = invoke(runner, "score", str(path))
    assert code == 0, text
    assert CHANGED not in text

    q_file.write_text(original.replace("# Version 1", "# Version 2"), encoding="utf-8")
    code, text = invoke(runner, "score", str(path))
    assert code == 0, text
    assert CHANGED in text


def test_an_earlier_fingerprint_is_compared_its_own_way(runner: CliRunner, tmp_path: Path) -> None:
    """Answers saved before issue 19 recorded `sha256:` of the text less comments: no false
    notice from the switch, and a real change still seen."""
    path = unit(runner, tmp_path, BUNDLED_2019 + "# en kommentar\n", "Enheten")
    kept = "\n".join(
        line.strip()
        for line in BUNDLED_2019.splitlines()
        if line.strip() and not line.strip().startswith("#")
    )
    earlier = "sha256:" + hashlib.sha256(kept.encode()).hexdigest()
    text = path.read_text(encoding="utf-8")
    start = text.index('questionnaire_fingerprint = "') + len('questionnaire_fingerprint = "')
    end = text.index('"', start)
    path.write_text(text[:start] + earlier + text[end:], encoding="utf-8")
    code, shown = invoke(runner, "score", str(path))
    assert code == 0, shown
    assert CHANGED not in shown
    (tmp_path / "oj-eb-2019.toml").write_text(STRICTER, encoding="utf-8")
    assert CHANGED in invoke(runner, "score", str(path))[1]
    # The next save records the new kind, for the questionnaire as it is now.
    assert invoke(runner, "survey", str(path), input="nej\nq\n")[0] == 0
    saved = tomllib.loads(path.read_text(encoding="utf-8"))["meta"]["questionnaire_fingerprint"]
    assert saved.startswith("content-sha256:")
    assert CHANGED not in invoke(runner, "score", str(path))[1]


def test_the_cache_keeps_the_fingerprint_so_a_cached_load_parses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OJCLI_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "oj-eb-2019.toml"
    path.write_text(BUNDLED_2019, encoding="utf-8")
    first = _identity().fingerprint_of(load_questionnaire(path))
    assert first is not None

    def no_parse(*_: object) -> str:
        raise AssertionError("parsed again for its fingerprint")

    monkeypatch.setattr(_identity(), "content_fingerprint", no_parse)
    monkeypatch.setattr(tomllib, "loads", no_parse)
    assert _identity().fingerprint_of(load_questionnaire(path)) == first
    assert list((tmp_path / "cache").iterdir())  # it was the cache that answered


def test_the_cache_key_changes_with_the_kind_of_fingerprint(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A cached questionnaire holds its fingerprint: another canonical form (another prefix)
    # must not meet it.
    before = cache._key(b"same file")
    monkeypatch.setattr(_identity(), "PREFIX", "content-sha256-v2:")
    assert cache._key(b"same file") != before


# --- items 7 and 21: every command and every format says it -----------------------------------


@pytest.fixture
def edited(runner: CliRunner, tmp_path: Path) -> Path:
    """Answers saved beside a local oj-eb-2019.toml, which was then made stricter."""
    path = unit(runner, tmp_path / "enhet", BUNDLED_2019 + "# vår kopia\n", "Enheten")
    (tmp_path / "enhet" / "oj-eb-2019.toml").write_text(STRICTER, encoding="utf-8")
    return path


def _both_said(text: str) -> None:
    flat = " ".join(text.split())
    assert LOCAL in flat, flat
    assert CHANGED in flat, flat


@pytest.mark.parametrize(
    "args",
    [
        ["score"],
        ["report", "--format", "md"],
        ["report", "--format", "html"],
        ["report", "--format", "csv"],
        ["report", "--answers", "--format", "md"],
        ["report", "--answers", "--format", "html"],
        ["validate"],
    ],
)
def test_every_report_and_validate_say_it_in_what_they_write(
    runner: CliRunner, edited: Path, args: list[str]
) -> None:
    result = runner.invoke(_app(), [args[0], str(edited), *args[1:]])  # type: ignore[arg-type]
    assert result.exit_code == 0, result.output
    _both_said(result.stdout)
    if args[0] == "report":  # a document's readers run no ojcli: no command in it
        assert "ojcli survey" not in result.stdout


@pytest.mark.parametrize("kind", [[], ["--answers"]])
def test_the_json_report_holds_the_notices(
    runner: CliRunner, edited: Path, kind: list[str]
) -> None:
    for args in (["score", str(edited)], ["report", str(edited), *kind]):
        result = runner.invoke(_app(), [*args, "--format", "json"])  # type: ignore[arg-type]
        assert result.exit_code == 0, result.output
        questionnaire = json.loads(result.stdout)["questionnaire"]
        _both_said(" ".join(questionnaire["notices"]))
        assert questionnaire["fingerprint"].startswith("content-sha256:")
        _both_said(result.stderr)  # and the person at the terminal sees them too


def test_a_report_written_to_a_file_holds_them_and_the_terminal_says_them(
    runner: CliRunner, edited: Path, tmp_path: Path
) -> None:
    out = tmp_path / "rapport.html"
    result = runner.invoke(_app(), ["report", str(edited), "-o", str(out)])  # type: ignore[arg-type]
    assert result.exit_code == 0, result.output
    _both_said(out.read_text(encoding="utf-8"))
    _both_said(result.stderr)


def test_compare_says_it_for_each_file(runner: CliRunner, edited: Path, tmp_path: Path) -> None:
    other = unit(runner, tmp_path / "annan", None, "Annan")
    code, text = invoke(runner, "compare", str(other), str(edited))
    assert code == 0, text
    _both_said(text)
    assert f"{edited}: {CHANGED}" in text
    assert "två olika versioner av enkäten oj-eb-2019" in text
    result = runner.invoke(_app(), ["compare", str(other), str(edited), "-f", "json"])  # type: ignore[arg-type]
    data = json.loads(result.stdout)
    _both_said(" ".join(data["notes"]))
    _both_said(" ".join(data["new"]["questionnaire"]["notices"]))
    assert data["old"]["questionnaire"]["notices"] == []


@pytest.mark.parametrize("fmt", ["table", "md", "html", "json"])
def test_compare_many_says_it(runner: CliRunner, edited: Path, fmt: str) -> None:
    result = runner.invoke(_app(), ["compare-many", str(edited), "-f", fmt])  # type: ignore[arg-type]
    assert result.exit_code == 0, result.output
    text = re.sub(r"<[^>]+>", "", result.stdout)  # HTML keeps an id whole in a nowrap span
    flat = " ".join(text.split())
    assert LOCAL in flat
    assert "för oj-eb-2019 har ändrats sedan svaren sparades i 1 av 1 svarsfiler" in flat


# --- item 20: one id, two files: a matrix per version -------------------------------------------


@pytest.fixture
def shared_drive(runner: CliRunner, tmp_path: Path) -> Path:
    """Four unit folders on a shared drive, the same answers in each: a stricter local 2019
    questionnaire (a), the bundled one (b), one with an indicator less (c), and a copy of the
    bundled one differing only by a comment (d: the same version as b)."""
    drive = tmp_path / "län"
    unit(runner, drive / "a", STRICTER, "A")
    unit(runner, drive / "b", None, "B")
    unit(runner, drive / "c", without_indicator(BUNDLED_2019, "socialjour"), "C")
    unit(runner, drive / "d", "# vår kopia\n" + BUNDLED_2019, "D")
    return drive


def test_each_version_of_a_year_gets_its_own_matrix(runner: CliRunner, shared_drive: Path) -> None:
    result = runner.invoke(_app(), ["compare-many", str(shared_drive), "-f", "json"])  # type: ignore[arg-type]
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["compared"], data["failed"]) == (4, 0)
    years = data["years"]
    assert [(y["year"], y["questionnaire"]["version"]) for y in years] == [
        (2019, 1),
        (2019, 2),
        (2019, 3),
    ]
    assert {y["questionnaire"]["versions"] for y in years} == {3}
    units = {
        y["questionnaire"]["path"]: {
            u["unit"]: u["states"] for c in y["counties"] for u in c["units"]
        }
        for y in years
    }
    bundled = units.pop(None)
    assert sorted(bundled) == ["B", "D"]  # the comment made no other version
    assert {u["rutin-vald"] for u in bundled.values()} == {"met"}
    stricter = units[str(shared_drive / "a" / "oj-eb-2019.toml")]["A"]
    assert stricter["rutin-vald"] == "not_met"  # judged by its own rule, in its own columns
    fewer = units[str(shared_drive / "c" / "oj-eb-2019.toml")]["C"]
    assert "socialjour" not in fewer
    assert len(fewer) == len(stricter) - 1
    fingerprints = {y["questionnaire"]["fingerprint"] for y in years}
    assert len(fingerprints) == 3
    spans = [n for n in data["notes"] if "3 olika versioner" in n]
    assert len(spans) == 1, data["notes"]
    assert "oj-eb-2019 i den som följer med ojcli (2 filer)" in spans[0]


@pytest.mark.parametrize("fmt", ["table", "md", "html", "csv"])
def test_every_format_says_the_year_spans_versions(
    runner: CliRunner, shared_drive: Path, fmt: str
) -> None:
    result = runner.invoke(_app(), ["compare-many", str(shared_drive), "-f", fmt])  # type: ignore[arg-type]
    assert result.exit_code == 0, result.output
    flat = " ".join(result.stdout.split())
    for n in (1, 2, 3):
        assert f"version {n} av 3" in flat
    if fmt != "csv":  # the CSV says it in each row's questionnaire column instead
        assert "Svaren för 2019 bedöms efter 3 olika versioner" in flat


def test_the_workbook_has_a_sheet_per_version(
    runner: CliRunner, shared_drive: Path, tmp_path: Path
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "län.xlsx"
    result = runner.invoke(_app(), ["compare-many", str(shared_drive), "-o", str(out)])  # type: ignore[arg-type]
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(io.BytesIO(out.read_bytes()))
    assert book.sheetnames[:4] == ["Översikt", "2019 v1", "2019 v2", "2019 v3"]
    overview = " ".join(str(c) for row in book["Översikt"].iter_rows(values_only=True) for c in row)
    assert "3 olika versioner" in overview


# --- item 24: which local file wins when two match ----------------------------------------------


def _questionnaire_file(folder: Path, name: str, title: str) -> Path:
    path = folder / name
    path.write_text(
        BUNDLED_2019.replace('id = "oj-eb-2019"', 'id = "oj-eb-2027"', 1)
        .replace("year = 2019", "year = 2027", 1)
        .replace('title = "Öppna jämförelser av ekonomiskt bistånd 2019"', f'title = "{title}"', 1),
        encoding="utf-8",
    )
    return path


def test_of_two_local_files_the_one_named_by_the_id_wins_else_the_last_by_name(
    tmp_path: Path,
) -> None:
    _questionnaire_file(tmp_path, "a-gammal.toml", "Gammal")
    last = _questionnaire_file(tmp_path, "b-ny.toml", "Ny")
    for key in ("oj-eb-2027", 2027):
        assert find_questionnaire(key, beside=tmp_path) == last
    named = _questionnaire_file(tmp_path, "oj-eb-2027.toml", "Namngiven")
    _questionnaire_file(tmp_path, "zz-kopia.toml", "Kopia")
    assert find_questionnaire("oj-eb-2027", beside=tmp_path) == named
    assert load_questionnaire(find_questionnaire("oj-eb-2027", beside=tmp_path)).title == (
        "Namngiven"
    )
