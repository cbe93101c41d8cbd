"""compare-many reads each valid answers file once: the fast check, not the full loader, passes it.

The full loader (which locates lines for error messages) reads a file again; with hundreds
of files that is the difference the fast path exists for. Counted at the file system, so the
test holds however the checker is arranged inside.
"""

from __future__ import annotations

import builtins
import io
import os
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ojcli.cli import app
from ojcli.errors import EXIT_PARTIAL
from ojcli.files import local

UNIT = """\
[meta]
format_version = 1
questionnaire = "oj-eb-2024"
municipality_code = "{code}"
municipality_name = "{name}"

[answers]
rutin_vald = "ja"
rutin_vald_beslutad = "ja"
rutin_vald_uppfoljd = 2023-05-01
hushall_kvinna_man = "{yes_no}"
"""


def count_reads(monkeypatch: pytest.MonkeyPatch, folder: Path) -> Counter[str]:
    """How often each file in `folder` is opened for reading, by any of Python's ways to open."""
    reads: Counter[str] = Counter()
    real_open, real_os_open = io.open, os.open

    def note(file: Any, reading: bool) -> None:
        if reading and isinstance(file, str | os.PathLike):
            path = Path(os.fsdecode(file)).resolve()
            if path.parent == folder.resolve():
                reads[path.name] += 1

    def opening(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        note(file, not set(mode) & set("wax+"))
        return real_open(file, mode, *args, **kwargs)

    def os_opening(file: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        note(file, flags & (os.O_WRONLY | os.O_RDWR) == 0)
        return real_os_open(file, flags, *args, **kwargs)

    monkeypatch.setattr(io, "open", opening)
    monkeypatch.setattr(builtins, "open", opening)
    monkeypatch.setattr(os, "open", os_opening)
    return reads


def test_valid_files_are_read_once_and_only_a_broken_one_again(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "svar"
    folder.mkdir()
    names = []
    places = [
        ("0180", "Stockholm"),
        ("2584", "Kiruna"),
        ("1480", "Göteborg"),
        ("0380", "Uppsala"),
        ("1280", "Malmö"),
        ("0580", "Linköping"),
    ]
    for n, (code, place) in enumerate(places):
        name = f"enhet-{code}.toml"
        text = UNIT.format(code=code, name=place, yes_no="ja" if n % 2 else "nej")
        (folder / name).write_text(text, encoding="utf-8")
        names.append(name)
    broken = UNIT.format(
        code="0114", name="Upplands Väsby", yes_no="kanske"
    )  # valid TOML, a value the question lacks
    (folder / "trasig.toml").write_text(broken, encoding="utf-8")
    reads = count_reads(monkeypatch, folder)
    # Looking for the folder's own questionnaire opens each file for its first lines, once a
    # run; that is not a read of the answers, so it is counted apart.
    sniffed: Counter[str] = Counter()
    real_sniff = local.sniff

    def sniff(path: Path) -> Any:
        sniffed[path.name] += 1
        return real_sniff(path)

    monkeypatch.setattr(local, "sniff", sniff)
    result = runner.invoke(app, ["compare-many", str(folder), "--format", "json"])
    monkeypatch.undo()
    assert result.exit_code == EXIT_PARTIAL, result.output
    assert "kanske" in result.output  # the broken file is explained, by the full loader
    assert reads["trasig.toml"] >= 1
    assert all(sniffed[name] <= 1 for name in names), sniffed
    assert {name: reads[name] - sniffed[name] for name in names} == dict.fromkeys(names, 1)
