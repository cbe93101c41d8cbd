"""The questionnaire cache: same result as validating, never stale, and never in the way."""

from __future__ import annotations

import hmac
import importlib
import json
import os
import pickle
import stat
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
    assert len(list(cache_dir.glob("questionnaire-*.json"))) == 1

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
    for entry in cache_dir.glob("questionnaire-*.json"):
        entry.write_bytes(b"not an entry")
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


# --- item 23: nothing read from the cache runs code, and only the user's own entries count -----

RAN = "ran-code.txt"


def entry_of(cache_dir: Path) -> Path:
    (found,) = cache_dir.glob("questionnaire-*.json")
    return found


def test_a_pickle_in_the_cache_is_never_unpickled(cache_dir: Path, tmp_path: Path) -> None:
    class Hostile:
        def __reduce__(self) -> tuple[object, tuple[str, ...]]:
            import pathlib

            return (pathlib.Path.touch, (str(tmp_path / RAN),))  # type: ignore[return-value]

    path = copy_of_2019(tmp_path)
    expected = load_questionnaire(path)
    entry = entry_of(cache_dir)
    hostile = pickle.dumps(Hostile())
    pickle.loads(hostile)  # the payload works: unpickling it would leave the file
    (tmp_path / RAN).unlink()
    entry.write_bytes(hostile)
    entry.with_suffix(".pickle").write_bytes(hostile)  # where the earlier cache kept it
    assert load_questionnaire(path) == expected
    assert not (tmp_path / RAN).exists()


def test_an_entry_changed_by_someone_else_is_ignored(cache_dir: Path, tmp_path: Path) -> None:
    # Someone who can write the cache folder (a shared drive) but not the user's key edits an
    # entry: a changed threshold would score the unit by rules no questionnaire has.
    path = copy_of_2019(tmp_path)
    expected = load_questionnaire(path)
    entry = entry_of(cache_dir)
    mac, _, payload = entry.read_bytes().partition(b"\n")
    forged = payload.replace(b"ekonomiskt", b"forfalskat", 1)
    assert forged != payload
    entry.write_bytes(mac + b"\n" + forged)
    assert load_questionnaire(path) == expected
    # The same edit signed with the user's own key is what the cache would then serve.
    secret = cache.signing_key()
    assert secret is not None
    entry.write_bytes(hmac.digest(secret, forged, "sha256").hex().encode() + b"\n" + forged)
    assert load_questionnaire(path) != expected


def test_another_users_entries_on_a_shared_folder_are_not_used(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ojcli.files import loading

    validated: list[Path] = []
    validate = loading._validate_questionnaire

    def counted(path: Path) -> object:
        validated.append(path)
        return validate(path)

    monkeypatch.setattr(loading, "_validate_questionnaire", counted)
    path = copy_of_2019(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "one-user"))
    load_questionnaire(path)
    theirs = entry_of(cache_dir)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "another-user"))
    expected = load_questionnaire(path)
    assert len(validated) == 2  # the first user's entry did not serve the second
    mine = next(e for e in cache_dir.glob("questionnaire-*.json") if e != theirs)
    load_questionnaire(path)
    assert len(validated) == 2  # the second user's own entry did
    mine.write_bytes(theirs.read_bytes())  # theirs copied over the name of mine
    assert load_questionnaire(path) == expected
    assert len(validated) == 3


def test_an_entry_moved_to_another_files_name_is_not_that_files(
    cache_dir: Path, tmp_path: Path
) -> None:
    # Signed by the user, but written for other file bytes: it names the key it was made for.
    first = copy_of_2019(tmp_path)
    load_questionnaire(first)
    old = entry_of(cache_dir)
    other = tmp_path / "other" / "oj-eb-2019.toml"
    other.parent.mkdir()
    other.write_text(
        first.read_text(encoding="utf-8").replace(
            'title = "Öppna jämförelser av ekonomiskt bistånd 2019"', 'title = "Ändrad"'
        ),
        encoding="utf-8",
    )
    assert load_questionnaire(other).title == "Ändrad"
    new = next(e for e in cache_dir.glob("questionnaire-*.json") if e != old)
    new.write_bytes(old.read_bytes())
    assert load_questionnaire(other).title == "Ändrad"


def test_a_signed_entry_can_only_make_the_questionnaire_models(cache_dir: Path) -> None:
    # Even an entry the user's key signed names only classes of the questionnaire model.
    secret = cache.signing_key()
    assert secret is not None
    key = cache._key(b"file")
    cache_dir.mkdir(exist_ok=True)
    for name in ("Path", "BaseModel", "Hostile", "__class__"):
        payload = json.dumps({"key": key, "questionnaire": ["M", name, [], 0]}).encode()
        entry = cache_dir / f"{name}.json"
        entry.write_bytes(hmac.digest(secret, payload, "sha256").hex().encode() + b"\n" + payload)
        assert cache._read(entry, secret, key) is None


def test_the_signing_key_is_the_users_own_and_private(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = tmp_path / "user-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(user))
    load_questionnaire(copy_of_2019(tmp_path))
    key = user / "ojcli" / "signing-key"
    assert not (cache_dir / "signing-key").exists()  # never beside entries others can write
    assert len(key.read_bytes()) == 32
    if os.name == "posix":
        assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert cache.signing_key() == key.read_bytes()


def test_reported_values_come_from_the_cache_in_a_fresh_process(
    cache_dir: Path, tmp_path: Path
) -> None:
    # Their class is imported only when needed; an entry holding them must still be served.
    import subprocess
    import sys

    path = tmp_path / "oj-eb-2027.toml"
    new = [sys.executable, "-m", "ojcli", "questionnaires", "new", "2027", "-o", str(path)]
    subprocess.run(new, capture_output=True, check=True)
    script = (
        "import sys, ojcli.files.loading as l\n"
        "if sys.argv[2] == 'cached':\n"
        "    l._validate_questionnaire = None  # calling it would fail\n"
        "q = l.load_questionnaire(__import__('pathlib').Path(sys.argv[1]))\n"
        "print([r.id for r in q.reported], [(r.part, r.whole) for r in q.reported])\n"
    )
    shown = [
        subprocess.run(
            [sys.executable, "-c", script, str(path), how],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for how in ("validated", "cached")
    ]
    assert "socionomexamen" in shown[0]
    assert shown[1] == shown[0]
