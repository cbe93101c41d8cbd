"""A per-user cache of validated questionnaires, so a command does not rebuild pydantic validators.

Building the validators for the questionnaire model costs more than everything else `ojcli
score` does, on every run. A validated questionnaire is pickled under the user's cache folder,
named by a hash of everything that shapes it: the file's bytes, the model source, the kind of
fingerprint it holds (`ojcli.model.identity`), and the pydantic and Python versions. A changed file or model therefore never meets a stale entry.

Trust model: the same as Python's own bytecode cache. Entries are written only by ojcli, for
this user, in this user's cache folder; anyone who can write there can already change the
installed code. Questionnaire and answers files themselves are never unpickled: they are TOML.
Set OJCLI_NO_CACHE=1 to turn the cache off, or OJCLI_CACHE_DIR to move it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from ojcli.model import identity
from ojcli.model import operators as operators_module
from ojcli.model import provenance as provenance_module
from ojcli.model import questionnaire as questionnaire_module
from ojcli.model import rules as rules_module
from ojcli.model.questionnaire import Questionnaire


def cache_dir() -> Path | None:
    """Where cached questionnaires live, per platform; None when caching is off."""
    if os.environ.get("OJCLI_NO_CACHE"):
        return None
    if override := os.environ.get("OJCLI_CACHE_DIR"):
        return Path(override)
    if os.name == "nt":
        base = os.environ.get("LOCALAPPDATA")
        return (Path(base) if base else Path.home() / "AppData" / "Local") / "ojcli" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "ojcli"
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "ojcli"


# Model modules that shape a questionnaire, read by path: `reported.py` is imported only for a
# questionnaire that has reported values, and importing it here would cost every start.
_MODEL_DIR = Path(__file__).resolve().parents[1] / "model"
_ALSO_SHAPING = (_MODEL_DIR / "measures.py", _MODEL_DIR / "reported.py")


def _key(raw: bytes) -> str:
    import pydantic

    digest = hashlib.sha256(raw)
    for module in (questionnaire_module, rules_module, operators_module, provenance_module):
        digest.update(Path(str(module.__file__)).read_bytes())
    for path in _ALSO_SHAPING:
        digest.update(path.read_bytes())
    digest.update(identity.PREFIX.encode())  # the kind of fingerprint a cached entry holds
    digest.update(f"{pydantic.VERSION} {sys.version}".encode())
    return digest.hexdigest()[:32]


def cached_questionnaire(raw: bytes, build: Callable[[], Questionnaire]) -> Questionnaire:
    """The questionnaire for these file bytes: from the cache, or built and then cached."""
    directory = cache_dir()
    if directory is None:
        return build()
    entry = directory / f"questionnaire-{_key(raw)}.pickle"
    try:
        cached = pickle.loads(entry.read_bytes())  # our own entry: see the module docstring
        if isinstance(cached, Questionnaire):
            return cached
    except Exception:  # a missing or unreadable entry only means a cache miss
        pass
    questionnaire = build()
    _store(entry, pickle.dumps(questionnaire, protocol=pickle.HIGHEST_PROTOCOL))
    return questionnaire


def _store(entry: Path, data: bytes) -> None:
    """Write an entry atomically; a cache that cannot be written is silently skipped."""
    with contextlib.suppress(OSError):
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=entry.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, entry)  # noqa: PTH105 - atomic replace, as in storage.write_atomic
        finally:
            with contextlib.suppress(OSError):
                Path(tmp).unlink()
