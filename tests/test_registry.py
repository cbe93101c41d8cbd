"""The questionnaire registry: found by id, year or path, each loaded once, one checker each."""

from __future__ import annotations

from pathlib import Path

import pytest
import tomli_w
from typer.testing import CliRunner

import ojcli.files.loading
from conftest import invoke, meta
from ojcli.errors import UsageError
from ojcli.files.loading import Questionnaires, find_questionnaire


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The questionnaire files the registry reads, in order."""
    seen: list[Path] = []
    real = ojcli.files.loading.load_questionnaire

    def counting(path: Path) -> object:
        seen.append(path)
        return real(path)

    monkeypatch.setattr(ojcli.files.loading, "load_questionnaire", counting)
    return seen


def test_id_year_and_path_find_the_same_questionnaire_loaded_once(loads: list[Path]) -> None:
    registry = Questionnaires()
    path = find_questionnaire("oj-eb-2019")
    by_id, by_year, by_path = (
        registry.find("oj-eb-2019"),
        registry.find(2019),
        registry.find(str(path)),
    )
    assert by_id.id == "oj-eb-2019"
    assert by_id is by_year is by_path
    assert registry.find("oj-eb-2019") is by_id
    assert loads == [path]
    assert registry.checker(by_id) is registry.checker(by_year)
    assert registry.find().year == max(i.year for i in ojcli.files.loading.list_questionnaires())


def test_an_unknown_questionnaire_fails_alike_every_time_without_a_new_search(
    loads: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    registry = Questionnaires()
    with pytest.raises(UsageError) as first:
        registry.find("oj-eb-2091")
    searched: list[object] = []
    monkeypatch.setattr(ojcli.files.loading, "find_questionnaire", searched.append)
    with pytest.raises(UsageError) as again:
        registry.find("oj-eb-2091")
    assert str(again.value) == str(first.value)
    assert str(first.value).startswith("Enkäten 'oj-eb-2091' finns inte")
    assert "Tillgängliga år: 2018, 2019" in str(first.value)
    assert searched == []
    assert loads == []


def test_a_name_too_long_for_the_file_system_is_an_unknown_questionnaire(
    runner: CliRunner, tmp_path: Path
) -> None:
    """100 letters of four bytes each are 400 bytes: more than a file name may have."""
    name = "𝒜" * 100
    with pytest.raises(UsageError, match="finns inte"):
        find_questionnaire(name)
    path = tmp_path / "svar.toml"
    path.write_text(tomli_w.dumps({"meta": meta(name)}), encoding="utf-8")
    code, text = invoke(runner, "score", str(path))
    assert code == 3, text
    assert f"meta.questionnaire: Enkäten '{name}' finns inte" in text
