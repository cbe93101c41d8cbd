"""Writing answers files: atomic replace, backups, permissions, format versions old and new."""

from __future__ import annotations

import copy
import os
import stat
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import ojcli.files.upgrade
from conftest import invoke
from ojcli import __version__
from ojcli.errors import LoadError, WriteError
from ojcli.files import storage
from ojcli.files.loading import load_answers
from ojcli.model.answers import FORMAT_VERSION

# A format-version-0 file, the pre-release layout documented in ojcli.files.upgrade.
V0_FILE = """\
# Svar (förhandsversion av ojcli)
[meta]
format_version = 0
questionnaire = "oj-eb-2019"
kommunkod = 180
kommun = "Stockholm"
enhet = "Rinkeby-Kista"
uppgiftslamnare = "Anna"

[answers]
freda_kortfragor = "ja"
vantetid_dagar = 12

[comments]
freda_kortfragor = "Sedan 2017"
"""


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# --- atomic writes ---------------------------------------------------------------------------


def test_write_atomic_replaces_the_whole_file_and_leaves_no_temp_file(tmp_path: Path) -> None:
    path = tmp_path / "svar.toml"
    path.write_text("gammal\n", encoding="utf-8")
    storage.write_atomic(path, "ny å ä ö\n")
    assert path.read_bytes() == "ny å ä ö\n".encode()
    assert temp_files(tmp_path) == []


class DiskSpy:
    """Records what reaches the disk: fsync (of which file, how big then) and os.replace."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch):
        self.events: list[tuple[str, Any, Any]] = []
        real_fsync, real_replace = os.fsync, os.replace

        def fsync(fd: int) -> None:
            info = os.fstat(fd)
            kind = "dir" if stat.S_ISDIR(info.st_mode) else "file"
            self.events.append(("fsync " + kind, info.st_ino, info.st_size))
            real_fsync(fd)

        def replace(src: Any, dst: Any) -> None:
            self.events.append(("replace", Path(src), Path(dst)))
            real_replace(src, dst)

        monkeypatch.setattr(os, "fsync", fsync)
        monkeypatch.setattr(os, "replace", replace)


def test_the_new_content_is_on_disk_before_it_replaces_the_old(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A power cut right after the replace must not leave an empty or half-written file."""
    path = tmp_path / "svar.toml"
    path.write_text("gammal\n", encoding="utf-8")
    content = "ny å ä ö\n"  # smaller than a write buffer: only a flush hands it to the OS
    spy = DiskSpy(monkeypatch)
    real_replace = os.replace

    def check_then_replace(src: Any, dst: Any) -> None:
        synced = [e for e in spy.events if e[0] == "fsync file"]
        assert synced, "replaced before any fsync"
        assert synced[-1][1:] == (Path(src).stat().st_ino, len(content.encode())), (
            "not the whole file"
        )
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", check_then_replace)
    storage.write_atomic(path, content)
    assert path.read_text(encoding="utf-8") == content


@pytest.mark.skipif(sys.platform == "win32", reason="Windows cannot fsync a folder")
def test_the_folder_is_synced_after_the_replace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without it the rename itself may be lost in a power cut, bringing the old file back."""
    path = tmp_path / "svar.toml"
    spy = DiskSpy(monkeypatch)
    storage.write_atomic(path, "x = 1\n")
    kinds = [e[0] for e in spy.events]
    assert kinds == ["fsync file", "replace", "fsync dir"]
    assert spy.events[2][1] == tmp_path.stat().st_ino


@pytest.mark.parametrize("through_link", [False, True], ids=["file", "link"])
def test_the_temporary_file_is_made_in_the_target_s_own_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, through_link: bool
) -> None:
    """Only within one file system is os.replace atomic; another folder may be another disk."""
    if through_link and os.name == "nt":
        pytest.skip("symlinks need privileges on Windows")
    real = tmp_path / "delad" / "svar.toml"
    real.parent.mkdir()
    real.write_text("gammal\n", encoding="utf-8")
    path = real
    if through_link:
        path = tmp_path / "min.toml"
        path.symlink_to(real)
    spy = DiskSpy(monkeypatch)
    storage.write_atomic(path, "ny\n")
    [(_, src, dst)] = [e for e in spy.events if e[0] == "replace"]
    assert (src.parent, dst) == (real.parent, real)
    assert src.name.startswith(".svar.toml.")


def test_a_failed_replace_leaves_the_old_file_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "svar.toml"
    path.write_text("gammal\n", encoding="utf-8")

    def refuse(src: Any, dst: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(storage.os, "replace", refuse)
    with pytest.raises(WriteError, match="Den tidigare filen är orörd"):
        storage.write_atomic(path, "ny\n")
    assert path.read_text(encoding="utf-8") == "gammal\n"
    assert temp_files(tmp_path) == []


def test_a_full_disk_while_writing_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "svar.toml"
    path.write_text("gammal\n", encoding="utf-8")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(storage.os, "fsync", disk_full)
    with pytest.raises(WriteError, match="Den tidigare filen är orörd"):
        storage.write_atomic(path, "ny\n")
    assert path.read_text(encoding="utf-8") == "gammal\n"
    assert temp_files(tmp_path) == []


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_rewriting_keeps_who_may_read_the_file(tmp_path: Path) -> None:
    path = tmp_path / "svar.toml"
    path.write_text("x = 1\n", encoding="utf-8")
    path.chmod(0o640)
    storage.write_atomic(path, "x = 2\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    new = tmp_path / "ny.toml"
    umask = os.umask(0o022)
    try:
        storage.write_atomic(new, "x = 1\n")
    finally:
        os.umask(umask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o644  # not mkstemp's 0o600


def test_stray_temp_files_of_a_killed_writer_are_removed(tmp_path: Path) -> None:
    path = tmp_path / "svar.toml"
    strays = [tmp_path / ".svar.toml.ab12cd34.tmp", tmp_path / ".svar.toml.bak.0011aabb.tmp"]
    others = [tmp_path / ".annan.toml.ab12cd34.tmp", tmp_path / "svar.toml"]
    for p in strays + others:
        p.write_text("", encoding="utf-8")
    removed = storage.remove_stray_temp_files(path)
    assert sorted(removed) == sorted(strays)
    assert all(p.exists() for p in others)


def test_backup_is_a_byte_for_byte_copy(tmp_path: Path) -> None:
    path = tmp_path / "svar.toml"
    original = "\ufeff[meta]\r\nformat_version = 1\r\n".encode()
    path.write_bytes(original)
    backup = storage.make_backup(path)
    assert backup == tmp_path / "svar.toml.bak"
    assert backup.read_bytes() == original
    assert storage.make_backup(tmp_path / "finns-inte.toml") is None


def test_written_file_names_the_ojcli_that_wrote_it(
    write_answers: Callable[..., Path], tmp_path: Path
) -> None:
    answers, questionnaire = load_answers(write_answers({"freda_kortfragor": "ja"}))
    text = storage.save_answers(tmp_path / "ut.toml", answers.to_answer_set(), questionnaire)
    # The first line points editors at the schema (issue 13); the header follows it.
    assert text.splitlines()[0] == "#:schema ./ojcli-svar-2019.schema.json"
    assert text.splitlines()[1].endswith(f"skapad med ojcli {__version__}.")
    assert (tmp_path / "ut.toml").read_text(encoding="utf-8") == text


# --- format versions ----------------------------------------------------------------------------


def test_a_version_0_file_is_read_as_the_current_format(tmp_path: Path) -> None:
    path = tmp_path / "gammal.toml"
    path.write_text(V0_FILE, encoding="utf-8")
    answers, _ = load_answers(path)
    assert answers.meta.format_version == FORMAT_VERSION
    assert answers.meta.municipality_code == "0180"  # the lost leading zero is back
    assert answers.meta.municipality_name == "Stockholm"
    assert answers.meta.unit == "Rinkeby-Kista"
    assert answers.meta.respondent == "Anna"
    assert answers.answers == {"freda_kortfragor": "ja", "vantetid_dagar": 12}
    assert answers.comments == {"freda_kortfragor": "Sedan 2017"}
    assert path.read_text(encoding="utf-8") == V0_FILE  # reading never writes


def test_score_reads_a_version_0_file_without_changing_it(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "gammal.toml"
    path.write_text(V0_FILE, encoding="utf-8")
    code, text = invoke(runner, "score", str(path))
    assert code == 0, text
    assert "Stockholm, Rinkeby-Kista" in text
    assert path.read_text(encoding="utf-8") == V0_FILE
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gammal.toml"]


def test_survey_upgrades_a_version_0_file_and_keeps_the_old_one(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "gammal.toml"
    path.write_text(V0_FILE, encoding="utf-8")
    code, text = invoke(runner, "survey", str(path), input="")
    assert code == 0, text
    assert f"hade formatversion 0 och är nu uppgraderad till formatversion {FORMAT_VERSION}" in text
    old = tmp_path / "gammal.toml.v0.bak"
    assert f"Den gamla filen finns kvar som {old}" in text
    assert old.read_text(encoding="utf-8") == V0_FILE
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["meta"]["format_version"] == FORMAT_VERSION
    assert data["meta"]["municipality_code"] == "0180"
    assert data["answers"]["vantetid_dagar"] == 12
    # A second upgrade of another old file does not overwrite the kept original.
    path.write_text(V0_FILE.replace("12", "13"), encoding="utf-8")
    invoke(runner, "survey", str(path), input="")
    assert old.read_text(encoding="utf-8") == V0_FILE
    assert "13" in (tmp_path / "gammal.toml.v0-2.bak").read_text(encoding="utf-8")


def test_upgrade_steps_run_in_order_from_the_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    """A test-only format 2 shows that several steps chain: 0 -> 1 -> 2."""

    def one_to_two(data: dict[str, Any]) -> dict[str, Any]:
        meta = {**data["meta"], "format_version": 2, "note": data["meta"]["municipality_code"]}
        return {**data, "meta": meta}

    monkeypatch.setattr(ojcli.files.upgrade, "FORMAT_VERSION", 2)
    monkeypatch.setitem(ojcli.files.upgrade.UPGRADES, 1, one_to_two)
    data = tomllib.loads(V0_FILE)
    upgraded, was = ojcli.files.upgrade.upgrade_answers(data)
    assert was == 0
    assert upgraded["meta"]["format_version"] == 2
    assert upgraded["meta"]["note"] == "0180"  # step 1 saw step 0's result
    assert data["meta"]["format_version"] == 0  # the input is not modified
    assert ojcli.files.upgrade.upgrade_answers(upgraded) == (upgraded, None)


def test_no_upgrade_step_changes_the_data_it_is_given() -> None:
    # upgrade_answers hands the parsed file to the steps without copying it.
    data = tomllib.loads(V0_FILE)
    for version in sorted(ojcli.files.upgrade.UPGRADES):
        before = copy.deepcopy(data)
        after = ojcli.files.upgrade.UPGRADES[version](data)
        assert data == before, version
        assert after["meta"]["format_version"] == version + 1
        data = after


def _newer_file(path: Path, header: str) -> str:
    original = (
        f'{header}[meta]\nformat_version = {FORMAT_VERSION + 1}\nquestionnaire = "oj-eb-2019"\n'
        'municipality_code = "2584"\nmunicipality_name = "Kiruna"\nny_nyckel = 1\n'
    )
    path.write_text(original, encoding="utf-8")
    return original


@pytest.mark.parametrize(
    ("header", "writer"),
    [
        ("# Svar …, skapad med ojcli 99.7.2.\n", "ojcli 99.7.2"),
        ("", "en nyare ojcli"),
    ],
)
def test_a_newer_format_is_refused_naming_its_writer_and_how_to_install(
    runner: CliRunner, tmp_path: Path, header: str, writer: str
) -> None:
    path = tmp_path / "ny.toml"
    original = _newer_file(path, header)
    with pytest.raises(LoadError) as info:
        load_answers(path)
    message = " ".join(str(info.value).split())
    assert f"formatversion {FORMAT_VERSION + 1} och skapades med {writer};" in message
    assert f"ojcli {__version__} och läser formatversion högst {FORMAT_VERSION}" in message
    # ojcli is installed from a checkout or a wheel (README): never "pip install --upgrade ojcli"
    assert "pip install --upgrade" not in message
    assert "pipx install --force ." in message
    assert "uv tool install --force ." in message
    code, text = invoke(runner, "survey", str(path), input="ja\n")
    assert code == 3
    assert writer in text
    assert path.read_text(encoding="utf-8") == original  # never overwritten
    assert not (tmp_path / "ny.toml.lock").exists()


@pytest.mark.parametrize("writer", [__version__, "0.0.9"])
def test_a_newer_format_from_this_or_an_older_ojcli_was_edited_by_hand(
    tmp_path: Path, writer: str
) -> None:
    # Not "requires ojcli 0.1.0 or later" on 0.1.0: no upgrade can help, setting it back does.
    path = tmp_path / "ny.toml"
    _newer_file(path, f"# Svar …, skapad med ojcli {writer}.\n")
    with pytest.raises(LoadError) as info:
        load_answers(path)
    message = " ".join(str(info.value).split())
    assert f"den skapades med ojcli {writer}, som inte skriver den" in message
    assert f"skriv format_version = {FORMAT_VERSION} och försök igen" in message
    assert "eller senare" not in message
    assert "Installera" not in message


def test_the_release_map_names_a_release_for_the_current_format() -> None:
    assert FORMAT_VERSION in ojcli.files.upgrade.FIRST_RELEASE
    assert (
        ojcli.files.upgrade.required_release(FORMAT_VERSION) == ojcli.files.upgrade.FIRST_RELEASE[1]
    )


def test_round_trip_of_an_upgraded_file_is_stable(tmp_path: Path) -> None:
    path = tmp_path / "gammal.toml"
    path.write_text(V0_FILE, encoding="utf-8")
    answers, questionnaire = load_answers(path)
    saved = answers.to_answer_set()
    storage.save_answers(path, saved, questionnaire)  # notes the time saved in `saved`
    again, _ = load_answers(path)
    assert again.to_answer_set() == saved


@pytest.mark.skipif(os.name == "nt", reason="symlinks need privileges on Windows")
def test_an_answers_file_reached_through_a_link_is_saved_where_the_link_points(
    runner: CliRunner, write_answers: Callable[..., Path], tmp_path: Path
) -> None:
    # E.g. a link in the home folder to the unit's file in a shared folder.
    shared = tmp_path / "delad"
    shared.mkdir()
    real = write_answers({"freda_kortfragor": "ja"}).rename(shared / "svar.toml")
    link = tmp_path / "mina-svar.toml"
    link.symlink_to(real)
    code, text = invoke(runner, "survey", str(link), input="nej\nq\n")
    assert code == 0, text
    assert link.is_symlink()
    assert tomllib.loads(real.read_text(encoding="utf-8"))["answers"]["rutin_vald"] == "nej"
    assert temp_files(shared) == []
    assert temp_files(tmp_path) == []


def test_a_newer_questionnaire_format_names_the_install_route(tmp_path: Path) -> None:
    from ojcli.files.loading import find_questionnaire, load_questionnaire
    from ojcli.model.questionnaire import QUESTIONNAIRE_FORMAT_VERSION

    text = find_questionnaire(2019).read_text(encoding="utf-8")
    path = tmp_path / "oj-eb-2019.toml"
    newer = QUESTIONNAIRE_FORMAT_VERSION + 1
    path.write_text(
        text.replace(
            f"format_version = {QUESTIONNAIRE_FORMAT_VERSION}", f"format_version = {newer}", 1
        ),
        encoding="utf-8",
    )
    with pytest.raises(LoadError) as info:
        load_questionnaire(path)
    message = " ".join(str(info.value).split())
    assert f"formatversion {newer}, men den här versionen av ojcli läser högst" in message
    assert "pipx install --force ." in message
    assert "Uppdatera ojcli." not in message
