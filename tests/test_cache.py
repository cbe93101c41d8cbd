"""The questionnaire cache: same result as validating, never stale, and never in the way."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from ojcli.errors import LoadError
from ojcli.files import cache
from ojcli.files.loading import find_questionnaire, load_questionnaire


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("OJCLI_CACHE_DIR", str(folder))
    return folder


def copy_of_2019(tmp_path: Path) -> Path:
    path = tmp_path / "oj-eb-2019.toml"
    path.write_bytes(find_questionnaire(2019).read_bytes())
    return path


def test_second_load_comes_from_the_cache_and_equals_the_validated_one(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = copy_of_2019(tmp_path)
    first = load_questionnaire(path)
    assert len(list(cache_dir.glob("questionnaire-*.pickle"))) == 1

    def no_validation(_: Path) -> None:
        raise AssertionError("validated again although the file did not change")

    monkeypatch.setattr("ojcli.files.loading._validate_questionnaire", no_validation)
    assert load_questionnaire(path) == first


def test_a_changed_file_is_validated_again(cache_dir: Path, tmp_path: Path) -> None:
    path = copy_of_2019(tmp_path)
    load_questionnaire(path)
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            'title = "Öppna jämförelser av ekonomiskt bistånd 2019"', 'title = "Ändrad"'
        ),
        encoding="utf-8",
    )
    assert load_questionnaire(path).title == "Ändrad"
    path.write_text(
        path.read_text(encoding="utf-8").replace('theme = "vald"', 'theme = "vld"', 1),
        encoding="utf-8",
    )
    with pytest.raises(LoadError, match="temat 'vld' finns inte"):
        load_questionnaire(path)


@pytest.mark.parametrize("module", ["questionnaire", "rules", "provenance"])
def test_the_key_changes_with_every_module_that_shapes_a_questionnaire(
    module: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = importlib.import_module(f"ojcli.model.{module}")
    before = cache._key(b"same file")
    changed = tmp_path / f"{module}.py"
    changed.write_bytes(Path(str(source.__file__)).read_bytes() + b"\n# changed\n")
    monkeypatch.setattr(source, "__file__", str(changed))
    assert cache._key(b"same file") != before


@pytest.mark.parametrize("name", ["measures.py", "reported.py"])
def test_the_key_changes_with_the_model_files_read_by_path(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = cache._key(b"same file")
    (changed := tmp_path / name).write_bytes((cache._MODEL_DIR / name).read_bytes() + b"\n# x\n")
    files = tuple(changed if p.name == name else p for p in cache._ALSO_SHAPING)
    assert files != cache._ALSO_SHAPING
    monkeypatch.setattr(cache, "_ALSO_SHAPING", files)
    assert cache._key(b"same file") != before


def test_a_damaged_entry_is_a_miss_not_an_error(cache_dir: Path, tmp_path: Path) -> None:
    path = copy_of_2019(tmp_path)
    expected = load_questionnaire(path)
    for entry in cache_dir.glob("questionnaire-*.pickle"):
        entry.write_bytes(b"not a pickle")
    assert load_questionnaire(path) == expected


def test_cache_can_be_turned_off_and_an_unwritable_folder_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = copy_of_2019(tmp_path)
    monkeypatch.setenv("OJCLI_NO_CACHE", "1")
    assert cache.cache_dir() is None
    assert load_questionnaire(path).year == 2019
    monkeypatch.delenv("OJCLI_NO_CACHE")
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("OJCLI_CACHE_DIR", str(blocker / "cache"))  # cannot be created
    assert load_questionnaire(path).year == 2019


def test_platform_cache_folders(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    class FakeOs:
        def __init__(self, name: str, environ: dict[str, str]):
            self.name, self.environ = name, environ

    monkeypatch.setattr(cache.sys, "platform", "linux")
    monkeypatch.setattr(cache, "os", FakeOs("posix", {"XDG_CACHE_HOME": str(tmp_path)}))
    assert cache.cache_dir() == tmp_path / "ojcli"
    monkeypatch.setattr(cache, "os", FakeOs("nt", {"LOCALAPPDATA": str(tmp_path / "Local")}))
    assert cache.cache_dir() == tmp_path / "Local" / "ojcli" / "Cache"
    monkeypatch.setattr(cache, "os", FakeOs("posix", {"OJCLI_NO_CACHE": "1"}))
    assert cache.cache_dir() is None
