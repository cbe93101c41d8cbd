"""Answers-file format versions: upgrade steps for older files, and which ojcli reads newer ones.

An older file is upgraded in memory when it is read (`upgrade_answers`), one registered step
per version, so `score` and `validate` work on it unchanged; `ojcli survey` then keeps the
old file as `FIL.v0.bak` and writes the current format (see `ojcli.files.session`).

Format version 0 is the pre-release layout of ojcli's development builds before 0.1.0. No
released ojcli wrote it; it exists so that the upgrade path is real and tested before the
first real format change. It differs from version 1 in `[meta]` only:

    format_version = 0
    kommunkod = 180                 # an integer, so the leading zero of "0180" was lost
    kommun = "Stockholm"            # -> municipality_name
    enhet = "Rinkeby-Kista"         # -> unit (optional)
    uppgiftslamnare = "Anna"        # -> respondent (optional)

To change the format: raise `FORMAT_VERSION`, add a step `UPGRADES[old] = fn` that turns
`old` into `old + 1` (returning new dicts for what it changes, never changing its input: the
parsed file is shared with the caller, and copying every file whole cost compare-many a
tenth of its time), and add the new version with the first ojcli release that writes it
to `FIRST_RELEASE`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ojcli.model.answers import FORMAT_VERSION

Data = dict[str, Any]

# format version -> the first ojcli release that writes (and so reads) it.
FIRST_RELEASE: dict[int, str] = {1: "0.1.0", 2: "0.1.0"}

# The header comment every written answers file starts with names the ojcli that wrote it.
# A pattern string, compiled (and cached by `re`) only for a file too new to read.
_WRITTEN_BY = r"^#.*\bojcli (\d+(?:\.\d+)+\S*)"


def _v0_to_v1(data: Data) -> Data:
    """Pre-release layout: Swedish `[meta]` keys and the municipality code as an integer."""
    meta = data.get("meta")
    if not isinstance(meta, dict):
        return data
    renamed = {
        "kommunkod": "municipality_code",
        "kommun": "municipality_name",
        "enhet": "unit",
        "uppgiftslamnare": "respondent",
    }
    new_meta: Data = {}
    for key, value in meta.items():
        new_key = renamed[key] if key in renamed else str(key)
        if (
            new_key == "municipality_code"
            and isinstance(value, int)
            and not isinstance(value, bool)
        ):
            value = f"{value:04d}"
        new_meta[new_key] = value
    new_meta["format_version"] = 1
    return {**data, "meta": new_meta}


def _v1_to_v2(data: Data) -> Data:
    """Version 2 adds `questionnaire_fingerprint`, recorded at the next save; nothing moves."""
    meta = data.get("meta")
    if not isinstance(meta, dict):
        return data
    return {**data, "meta": {**meta, "format_version": 2}}


# version -> the step that turns a file of that version into the next one.
UPGRADES: dict[int, Callable[[Data], Data]] = {0: _v0_to_v1, 1: _v1_to_v2}


def format_version(data: Data) -> int | None:
    """The `meta.format_version` of raw file data, when it is a whole number."""
    meta = data.get("meta")
    version = meta.get("format_version") if isinstance(meta, dict) else None
    if isinstance(version, int) and not isinstance(version, bool):
        return version
    return None


def upgrade_answers(data: Data) -> tuple[Data, int | None]:
    """Raw data of an older format turned into the current one, and the version it had.

    Returns the data unchanged and None when there is nothing to upgrade (current format,
    or no usable version: validation then reports that). The input is never modified.
    """
    version = format_version(data)
    if version is None or version >= FORMAT_VERSION or version not in UPGRADES:
        return data, None
    upgraded = data
    step = version
    while step < FORMAT_VERSION and step in UPGRADES:
        upgraded = UPGRADES[step](upgraded)
        step += 1
    return upgraded, version


def required_release(version: int, text: str = "") -> str | None:
    """The ojcli release a file of this format version needs, as far as can be known.

    Known versions come from `FIRST_RELEASE`; a newer one from the "skapad med ojcli X"
    header of the file itself, since an older ojcli cannot know future releases.
    """
    if version in FIRST_RELEASE:
        return FIRST_RELEASE[version]
    return written_by(text)


def written_by(text: str) -> str | None:
    """The ojcli release the file's header line says wrote it ("skapad med ojcli 0.2.0")."""
    match = re.search(_WRITTEN_BY, text[:2000], re.MULTILINE)
    return match.group(1).rstrip(".,;:)") if match else None


def _release(version: str) -> tuple[int, ...]:
    """A release's numbers for comparing ("0.10.1" -> (0, 10, 1)); the rest of a part is ignored."""
    numbers = []
    for part in version.split("."):
        digits = re.match(r"\d*", part)
        numbers.append(int(digits.group() or 0) if digits else 0)
    return tuple(numbers)


def writer_of(text: str) -> tuple[str | None, bool]:
    """The release the file's header says wrote it, and whether it is no newer than this ojcli.

    A release no newer than this one cannot have written a format this one does not read: the
    file's version was changed by hand (`ojcli.messages.newer_answers_format` says so).
    """
    from ojcli import __version__  # read from package metadata: only when it is needed

    writer = written_by(text)
    return writer, writer is not None and _release(writer) <= _release(__version__)
