"""`ojcli schema`: a per-year JSON Schema that editors use to catch a misspelt question (issue 13).

The editor test runs Taplo's command-line checker (the engine of Even Better TOML in VS Code,
installed from PyPI with the test extra) on an answers file that `ojcli survey` wrote: its
first line points at the schema written beside it.
"""

from __future__ import annotations

import json
import subprocess
import sysconfig
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import NO_SKIP, installed_tool, invoke_raw, missing
from ojcli.files.loading import find_questionnaire


@pytest.fixture
def taplo_command() -> str:
    """Taplo from the test extra: beside the running Python or on PATH; never skipped in CI."""
    found = installed_tool("taplo")
    if found is None:
        missing("taplo")
    return found


def questions(year: int) -> dict[str, dict[str, object]]:
    """Question id -> its entry in the questionnaire file, read straight from the TOML."""
    data = tomllib.loads(find_questionnaire(year).read_text(encoding="utf-8"))
    return {q["id"]: q for s in data["sections"] for q in s["questions"]}


def schema_of(runner: CliRunner, *args: str) -> dict[str, object]:
    code, out = invoke_raw(runner, "schema", *args)
    assert code == 0, out
    result: dict[str, object] = json.loads(out)
    return result


def test_the_year_schema_knows_the_questions_and_allows_nothing_else(runner: CliRunner) -> None:
    schema = schema_of(runner, "--year", "2024")
    props = schema["properties"]
    assert isinstance(props, dict)
    answers, comments = props["answers"], props["comments"]
    expected = questions(2024)
    assert set(answers["properties"]) == set(expected)
    assert set(comments["properties"]) == set(expected)
    assert answers["additionalProperties"] is False
    assert comments["additionalProperties"] is False
    assert schema["additionalProperties"] is False
    assert props["meta"]["properties"]["questionnaire"]["const"] == "oj-eb-2024"
    by_type = {qid: answers["properties"][qid] for qid in expected}
    assert by_type["rutin_vald"]["enum"] == ["ja", "nej", "vet_ej"]
    assert by_type["rutin_vald_uppfoljd"]["format"] == "date"
    days = by_type["vantetid_dagar"]
    assert days["type"] == "integer"
    assert days["minimum"] == expected["vantetid_dagar"].get("minimum", 0)
    assert days["maximum"] == expected["vantetid_dagar"]["maximum"]
    assert by_type["utredningsmall_anvands"]["enum"] == ["ja_alla", "ja_inte_alla", "nej"]
    # Swedish for the person at the editor: the question's own text describes the key.
    assert str(expected["rutin_vald"]["text"]) in by_type["rutin_vald"]["description"]
    assert str(schema["title"]).startswith("Svarsfil för ojcli")


def test_the_schema_allows_every_field_the_answers_model_has(runner: CliRunner) -> None:
    # An editor must not underline a line ojcli itself writes (a fingerprint, a set-up mark).
    from ojcli.model.answers import Meta

    meta = schema_of(runner, "--year", "2024")["properties"]["meta"]  # type: ignore[index]
    assert set(meta["properties"]) == set(Meta.model_fields)
    assert set(meta["required"]) == {n for n, f in Meta.model_fields.items() if f.is_required()}


def test_a_questionnaire_file_gives_the_same_schema_as_its_year(runner: CliRunner) -> None:
    by_file = schema_of(runner, "--enkat", str(find_questionnaire(2019)))
    assert by_file == schema_of(runner, "--year", "2019")


def test_without_a_year_the_schema_is_the_generic_format(runner: CliRunner) -> None:
    schema = schema_of(runner)
    props = schema["properties"]
    assert isinstance(props, dict)
    assert {"meta", "answers", "comments", "plan"} == set(props)
    assert "properties" not in props["answers"]  # any question id
    assert props["answers"]["additionalProperties"]


def test_year_and_file_together_is_a_usage_error(runner: CliRunner) -> None:
    code, out = invoke_raw(runner, "schema", "--year", "2024", "--enkat", "x.toml")
    assert code == 2
    assert "inte båda" in out


@pytest.fixture
def surveyed(runner: CliRunner, tmp_path: Path) -> Path:
    """An answers file written by `ojcli survey` (one answer, then q)."""
    path = tmp_path / "svar.toml"
    code, out = invoke_raw(
        runner, "survey", str(path), "--year", "2024", input="Kiruna\n\n\nja\nq\n"
    )
    assert code == 0, out
    return path


def test_the_survey_points_the_file_at_a_schema_beside_it(
    surveyed: Path, runner: CliRunner
) -> None:
    first = surveyed.read_text(encoding="utf-8").splitlines()[0]
    assert first == "#:schema ./ojcli-svar-2024.schema.json"
    beside = json.loads((surveyed.parent / "ojcli-svar-2024.schema.json").read_text("utf-8"))
    assert beside == schema_of(runner, "--year", "2024")
    code, out = invoke_raw(runner, "validate", str(surveyed))  # ojcli reads it as before
    assert code == 0, out


def taplo(command: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [command, "check", "--no-auto-config", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_taplo_catches_a_misspelt_question_through_the_directive(
    surveyed: Path, taplo_command: str
) -> None:
    assert taplo(taplo_command, surveyed.name, cwd=surveyed.parent).returncode == 0
    text = surveyed.read_text(encoding="utf-8")
    # The one answer given is to the first question of 2024, FREDA.
    misspelt = text.replace("\nfreda_kortfragor = ", "\nfreda_kortfrogor = ")
    assert misspelt != text
    surveyed.write_text(misspelt, encoding="utf-8")
    result = taplo(taplo_command, surveyed.name, cwd=surveyed.parent)
    assert result.returncode != 0
    assert "'freda_kortfrogor' was unexpected" in result.stdout + result.stderr


def test_taplo_with_the_year_schema_catches_a_wrong_alternative_and_a_typo(
    runner: CliRunner, tmp_path: Path, taplo_command: str
) -> None:
    schema = tmp_path / "schema.json"
    _, out = invoke_raw(runner, "schema", "--year", "2024")
    schema.write_text(out, encoding="utf-8")
    good = tmp_path / "bra.toml"
    good.write_text(
        '[meta]\nformat_version = 1\nquestionnaire = "oj-eb-2024"\nmunicipality_code = "2584"\n'
        'municipality_name = "Kiruna"\n\n[answers]\nrutin_vald = "ja"\n'
        "rutin_vald_uppfoljd = 2023-05-01\nvantetid_dagar = 12\n\n"
        '[comments]\nrutin_vald = "Beslutad i SN"\n',
        encoding="utf-8",
    )
    uri = schema.as_uri()
    assert taplo(taplo_command, "--schema", uri, good.name, cwd=tmp_path).returncode == 0
    for wrong, why in [
        ('rutin_vald = "kanske"', "is not one of"),
        ('[comments]\nrutin_valld = "x"', "'rutin_valld' was unexpected"),
    ]:
        bad = tmp_path / "fel.toml"
        first = wrong.split(" = ")[0].split("\n")[-1]
        lines = good.read_text(encoding="utf-8")
        if wrong.startswith("[comments]"):
            lines = lines.replace('[comments]\nrutin_vald = "Beslutad i SN"', wrong)
        else:
            lines = lines.replace('rutin_vald = "ja"', wrong)
        bad.write_text(lines, encoding="utf-8")
        result = taplo(taplo_command, "--schema", uri, bad.name, cwd=tmp_path)
        assert result.returncode != 0, first
        assert why in result.stdout + result.stderr


# --- the schema and `validate` agree on every answer (issue 19 item 19) -----------------------------

EVERY_TYPE = """
format_version = 1
id = "typer-2024"
year = 2024
title = "Enkät med alla frågetyper"
reference_date = 2024-03-01
themes = [{ id = "t", title = "Tema" }]

[[sections]]
id = "s"
title = "Avsnitt"
[[sections.questions]]
id = "rutin"
type = "yes_no"
text = "Finns rutinen?"
[[sections.questions]]
id = "form"
type = "single_choice"
text = "Vilken form?"
options = [{ value = "egen", label = "Egen" }, { value = "ingen", label = "Ingen" }]
[[sections.questions]]
id = "innehall"
type = "multiple_choice"
text = "Vad ingår?"
options = [{ value = "barn", label = "Barn" }, { value = "vald", label = "Våld" }]
[[sections.questions]]
id = "antal"
type = "number"
minimum = 1
maximum = 60
text = "Hur många?"
[[sections.questions]]
id = "datum"
type = "date"
text = "När?"
[[sections.questions]]
id = "fritt"
type = "text"
max_length = 5
text = "Övrigt"

[[indicators]]
id = "rutin"
title = "Rutin"
theme = "t"
advice = "Ta fram rutinen."
rule = { question = "rutin", equals = "ja" }
"""

# (question, the value as written in the file, whether it fits)
SAMPLES = [
    ("datum", "2024-01-31", True),
    ("datum", '"2024-01-31"', True),  # the schema cannot tell it from the date: neither does ojcli
    ("datum", '"2024-02-30"', False),
    ("datum", '"2024-1-31"', False),
    ("datum", '"31 januari 2024"', False),
    ("datum", "2024-01-31T10:00:00", False),
    ("datum", "20240131", False),
    ("antal", "60", True),
    ("antal", "61", False),
    ("antal", "0", False),
    ("antal", '"3"', False),
    ("antal", "3.0", True),  # 3.0 is 3 to JSON Schema: so to ojcli
    ("antal", "3.5", False),
    ("rutin", '"vet_ej"', True),
    ("rutin", '"kanske"', False),
    ("rutin", "true", False),
    ("form", '"egen"', True),
    ("form", '"Egen"', False),
    ("innehall", '["barn", "vald"]', True),
    ("innehall", "[]", True),
    ("innehall", '["barn", "barn"]', False),  # an option listed twice
    ("innehall", '"barn"', False),
    ("fritt", '"12345"', True),
    ("fritt", '"123456"', False),  # one character over its limit
    ("fritt", "5", False),
]


def test_the_schema_and_validate_agree_on_every_kind_of_answer(
    runner: CliRunner, tmp_path: Path, taplo_command: str
) -> None:
    questionnaire = tmp_path / "typer-2024.toml"
    questionnaire.write_text(EVERY_TYPE, encoding="utf-8")
    _, out = invoke_raw(runner, "schema", "--enkat", str(questionnaire))
    schema = tmp_path / "schema.json"
    schema.write_text(out, encoding="utf-8")
    verdicts = []
    for n, (qid, value, _) in enumerate(SAMPLES):
        answers = tmp_path / f"svar-{n}.toml"
        answers.write_text(
            '[meta]\nformat_version = 2\nquestionnaire = "typer-2024"\n'
            'municipality_code = "2584"\nmunicipality_name = "Kiruna"\n\n'
            f"[answers]\n{qid} = {value}\n",
            encoding="utf-8",
        )
        code, said = invoke_raw(runner, "validate", str(answers), "--enkat", str(questionnaire))
        assert code in (0, 3), said
        by_taplo = (
            taplo(taplo_command, "--schema", schema.as_uri(), answers.name, cwd=tmp_path).returncode
            == 0
        )
        verdicts.append((qid, value, code == 0, by_taplo))
    assert verdicts == [(qid, value, fits, fits) for qid, value, fits in SAMPLES]


def test_taplo_is_found_beside_the_running_python_without_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`.venv/bin/python -m pytest` without the venv activated still runs the taplo tests."""
    monkeypatch.setenv("PATH", "")
    found = installed_tool("taplo")
    assert found is not None
    assert Path(found).parent == Path(sysconfig.get_path("scripts"))


def test_a_missing_tool_fails_the_test_where_skipping_is_not_allowed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(NO_SKIP, raising=False)
    with pytest.raises(pytest.skip.Exception, match="taplo"):
        missing("taplo")
    monkeypatch.setenv(NO_SKIP, "1")  # as .ci/run sets it
    with pytest.raises(pytest.fail.Exception, match="may not be skipped"):
        missing("taplo")
    assert NO_SKIP in (Path(__file__).parents[1] / ".ci" / "run").read_text(encoding="utf-8")
