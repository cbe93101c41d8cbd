r"""Which version of a questionnaire: its fingerprint, the file it was read from, and what to say.

A questionnaire is identified by its id and the fingerprint of its parsed content. The loader
(`files.loading`) records both on the questionnaire it returns, beside its fields: they are not
part of the file format, of the model's equality or of its JSON. Every command that reads
answers asks `notices` what the reader should know about the questionnaire they are judged
with, so no command can forget to say it.

The fingerprint (`content-sha256:HEX`) is the SHA-256 of the parsed TOML written as canonical
JSON: keys sorted by code point, no spaces, every character beyond ASCII escaped, floats as
Python's shortest repr, dates and times as `{"\u0000date": "2024-03-01"}` (likewise `datetime`
and `time`, in ISO form). Comments, layout, key order, quoting and number notation therefore do
not count; every change to a value does, wherever it is (also a `#` inside a multi-line string).
The same text on every platform and Python version with the same TOML reading.

Answers files saved before issue 19 hold the earlier kind, `sha256:HEX` of the file's text less
comments and blank lines. It is still compared in its own way (with its old blind spots), so no
existing file gets a false "changed" notice from the switch; the next save records the new kind.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ojcli.model.questionnaire import Questionnaire

# Names the canonical form: change it with the form (saved fingerprints and cached ones go stale).
PREFIX = "content-sha256:"
LEGACY_PREFIX = "sha256:"
# Kept in the questionnaire's instance dict, as functools.cached_property keeps its values:
# pydantic's equality and serialisation read only the fields, and a cached copy keeps them.
_FINGERPRINT = "_content_fingerprint"
_ORIGIN = "_loaded_from"


class Origin:
    """The file a questionnaire was read from, its bytes, and whether it is or replaces a bundled one."""

    __slots__ = ("_legacy", "bundled", "path", "raw", "replaces_bundled")

    def __init__(self, path: Path, raw: bytes, *, bundled: bool, replaces_bundled: bool) -> None:
        self.path, self.raw = path, raw
        self.bundled, self.replaces_bundled = bundled, replaces_bundled
        self._legacy: str | None = None

    def legacy_fingerprint(self) -> str:
        """The earlier kind of fingerprint, for answers that recorded it (see the module docstring)."""
        if self._legacy is None:
            text = self.raw.decode("utf-8", errors="replace").removeprefix("\ufeff")
            lines = (line.strip() for line in text.splitlines())
            kept = "\n".join(line for line in lines if line and not line.startswith("#"))
            self._legacy = LEGACY_PREFIX + hashlib.sha256(kept.encode()).hexdigest()
        return self._legacy


def _tagged(value: object) -> dict[str, str]:
    for kind in (dt.datetime, dt.date, dt.time):  # datetime first: it is also a date
        if isinstance(value, kind):
            return {f"\x00{kind.__name__}": value.isoformat()}
    raise TypeError(f"no TOML value: {type(value).__name__}")


def content_fingerprint(data: Mapping[str, Any]) -> str:
    """The fingerprint of parsed TOML (see the module docstring)."""
    import json

    text = json.dumps(data, sort_keys=True, separators=(",", ":"), default=_tagged)
    return PREFIX + hashlib.sha256(text.encode("ascii")).hexdigest()


def record(
    q: Questionnaire, *, fingerprint: str | None = None, origin: Origin | None = None
) -> None:
    """Note a questionnaire's fingerprint (when its file is parsed) or its file (when loaded)."""
    if fingerprint is not None:
        q.__dict__[_FINGERPRINT] = fingerprint
    if origin is not None:
        q.__dict__[_ORIGIN] = origin


def origin_of(q: Questionnaire) -> Origin | None:
    """The file a questionnaire was read from; None for one built in memory."""
    origin = q.__dict__.get(_ORIGIN)
    return origin if isinstance(origin, Origin) else None


def fingerprint_of(q: Questionnaire) -> str | None:
    """The fingerprint of a questionnaire read from a file; None for one built in memory.

    Recorded when the file was parsed, and kept by the cache with the rest; read from the
    file's bytes only if something dropped it.
    """
    found = q.__dict__.get(_FINGERPRINT)
    if isinstance(found, str):
        return found
    origin = origin_of(q)
    if origin is None:
        return None
    import tomllib

    found = content_fingerprint(tomllib.loads(origin.raw.decode("utf-8").removeprefix("\ufeff")))
    record(q, fingerprint=found)
    return found


def changed_since_saved(recorded: str | None, q: Questionnaire) -> bool:
    """Whether the questionnaire differs from the one the answers were saved with.

    False when the answers recorded none, or a kind of fingerprint this version does not know.
    """
    if not recorded:
        return False
    if recorded.startswith(PREFIX):
        now = fingerprint_of(q)
    elif recorded.startswith(LEGACY_PREFIX):
        origin = origin_of(q)
        now = None if origin is None else origin.legacy_fingerprint()
    else:
        return False
    return now is not None and now != recorded


def local_notice(q: Questionnaire) -> str | None:
    """Swedish: a questionnaire file used instead of the bundled one with its id; else None."""
    origin = origin_of(q)
    if origin is None or not origin.replaces_bundled:
        return None
    return f"Använder enkätfilen {origin.path} för {q.id} i stället för den som följer med ojcli."


def changed_notice(q: Questionnaire) -> str:
    """Swedish: the questionnaire changed since the answers were saved."""
    return (
        f"Enkätfilen har ändrats sedan svaren sparades ({q.id}): svaren bedöms nu efter den "
        "ändrade enkäten. Kontrollera svaren; nästa gång du sparar (ojcli survey) gäller den "
        "nya versionen."
    )


def notices(q: Questionnaire, recorded: str | None = None) -> tuple[str, ...]:
    """What a reader should know about the questionnaire answers are judged with (Swedish lines).

    A local file used instead of a bundled one, and, given the fingerprint the answers
    recorded, a change since they were saved.
    """
    local = local_notice(q)
    changed = changed_notice(q) if changed_since_saved(recorded, q) else None
    return tuple(line for line in (local, changed) if line is not None)
