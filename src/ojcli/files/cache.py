"""A per-user cache of validated questionnaires, so a command does not rebuild pydantic validators.

Building the validators for the questionnaire model costs more than everything else `ojcli
score` does, on every run. A validated questionnaire is kept under the user's cache folder,
named by a hash of everything that shapes it: the file's bytes, the model source, this
module's source (the entry format), the kind of fingerprint it holds (`ojcli.model.identity`),
and the pydantic and Python versions. A changed file or model therefore never meets a stale entry.

Nothing read from the cache can run code, whoever wrote it. An entry is JSON (never pickle):
each model is a class name from the questionnaire model's own modules and its field values,
rebuilt through pydantic's pickling protocol (`__setstate__`) without validation. Validation
is what the cache saves, so an entry is trusted only when it is this user's own:

- it carries an HMAC-SHA256 of its content under a random key of this user's, kept in the
  user's own cache folder (`signing-key`, readable by the user only) even when
  `OJCLI_CACHE_DIR` points elsewhere, e.g. at a shared drive;
- its content names the hash it was written for, so an entry copied to another name is no
  match;
- it is written only once it reads back equal to the validated questionnaire.

Anything else, a damaged entry, one written by someone else or by another ojcli version, is
ignored and rebuilt (see `tests/test_cache.py` for what a hostile entry is held to). What
this cannot guard against: someone who can read the user's signing key (the user's own
account, an administrator), who could equally change the installed code.

Set OJCLI_NO_CACHE=1 to turn the cache off, or OJCLI_CACHE_DIR to move it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import hmac
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ojcli.model import identity
from ojcli.model import measures as measures_module
from ojcli.model import operators as operators_module
from ojcli.model import provenance as provenance_module
from ojcli.model import questionnaire as questionnaire_module
from ojcli.model import rules as rules_module
from ojcli.model.questionnaire import Questionnaire

# Model modules whose source is part of an entry's key: these as imported, and two by path
# (`reported.py` is imported only for a questionnaire that has reported values, and importing it
# here would cost every start).
_IMPORTED = (questionnaire_module, rules_module, operators_module, provenance_module)
_MODEL_DIR = Path(__file__).resolve().parents[1] / "model"
_ALSO_SHAPING = (_MODEL_DIR / "measures.py", _MODEL_DIR / "reported.py")
# The modules whose classes an entry may make, and the one imported only when an entry needs it.
_MODULES = (*_IMPORTED, measures_module)
_LAZY_MODULE = "ojcli.model.reported"
_KEY_FILE = "signing-key"
_KEY_BYTES = 32
_LARGEST_ENTRY = 16 * 2**20  # a questionnaire's entry is tens of kilobytes


def user_cache_dir() -> Path:
    """This user's own cache folder, per platform; where the signing key always lives."""
    if os.name == "nt":
        base = os.environ.get("LOCALAPPDATA")
        return (Path(base) if base else Path.home() / "AppData" / "Local") / "ojcli" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "ojcli"
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "ojcli"


def cache_dir() -> Path | None:
    """Where cached questionnaires live; None when caching is off."""
    if os.environ.get("OJCLI_NO_CACHE"):
        return None
    if override := os.environ.get("OJCLI_CACHE_DIR"):
        return Path(override)
    return user_cache_dir()


def _key(raw: bytes) -> str:
    import pydantic

    digest = hashlib.sha256(raw)
    for module in (*_IMPORTED, sys.modules[__name__]):
        digest.update(Path(str(module.__file__)).read_bytes())
    for path in _ALSO_SHAPING:
        digest.update(path.read_bytes())
    digest.update(identity.PREFIX.encode())  # the kind of fingerprint a cached entry holds
    digest.update(f"{pydantic.VERSION} {sys.version}".encode())
    return digest.hexdigest()[:32]


def cached_questionnaire(raw: bytes, build: Callable[[], Questionnaire]) -> Questionnaire:
    """The questionnaire for these file bytes: from the cache, or built and then cached."""
    directory = cache_dir()
    secret = None if directory is None else signing_key()
    if directory is None or secret is None:
        return build()
    key = _key(raw)
    # Named by the user's key too: on a shared folder each user has entries of their own.
    tag = hmac.digest(secret, key.encode(), "sha256").hex()[:32]
    entry = directory / f"questionnaire-{tag}.json"
    found = _read(entry, secret, key)
    if found is not None:
        return found
    questionnaire = build()
    data = _entry(questionnaire, secret, key)
    if data is not None:
        _store(entry, data)
    return questionnaire


# --- the signing key --------------------------------------------------------------------------


def signing_key() -> bytes | None:
    """This user's random key that signs cache entries, made on first use; None if unavailable."""
    path = user_cache_dir() / _KEY_FILE
    try:
        with path.open("rb") as fh:
            found = fh.read(_KEY_BYTES + 1)
        if len(found) == _KEY_BYTES:
            return found
    except FileNotFoundError:
        pass
    except OSError:
        return None
    # Missing or damaged: a new key. Entries signed with an old one are then rebuilt.
    secret = os.urandom(_KEY_BYTES)
    return secret if _store(path, secret) else None


# --- entries ----------------------------------------------------------------------------------


def _read(entry: Path, secret: bytes, key: str) -> Questionnaire | None:
    """The questionnaire in an entry this user wrote for `key`; None for anything else."""
    try:
        with entry.open("rb") as fh:
            data = fh.read(_LARGEST_ENTRY + 1)
    except OSError:
        return None
    mac, _, payload = data.partition(b"\n")
    expected = hmac.digest(secret, payload, "sha256").hex().encode()
    if len(data) > _LARGEST_ENTRY or not hmac.compare_digest(mac, expected):
        return None  # not this user's entry (or damaged): never parsed
    try:
        content = json.loads(payload)
        if content["key"] != key:
            return None
        found = _decode(content["questionnaire"], _classes())
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError):
        return None
    return found if type(found) is Questionnaire else None


def _entry(questionnaire: Questionnaire, secret: bytes, key: str) -> bytes | None:
    """The entry for a validated questionnaire; None when it would not read back equal."""
    try:
        classes = _classes()
        node = _encode(questionnaire, classes)
        payload = json.dumps({"key": key, "questionnaire": node}, ensure_ascii=False)
        back = _decode(json.loads(payload)["questionnaire"], classes)
    except (TypeError, ValueError, KeyError, RecursionError):
        return None
    if back != questionnaire or _notes(back) != _notes(questionnaire):
        return None
    data = payload.encode()
    return hmac.digest(secret, data, "sha256").hex().encode() + b"\n" + data


def _store(path: Path, data: bytes) -> bool:
    """Write a file atomically, readable by the user only; False when it cannot be written."""
    import tempfile

    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)  # mode 0600
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)  # noqa: PTH105 - atomic replace, as in storage.write_atomic
    except OSError:
        return False
    finally:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
    return True


# --- the questionnaire as plain JSON -----------------------------------------------------------
# Every value is a JSON scalar or a list whose first item says what it is: "M" a model (class
# name, its field values in the class's field order, the fields set as a bit mask in that
# order, and string notes kept beside the fields such as the fingerprint), "L" a list, "D" a
# dict, "d" a date, "t" a date and time.


def _classes(*, lazy: bool = False) -> dict[str, tuple[type[BaseModel], tuple[str, ...]]]:
    """The questionnaire model's classes by name, with their fields: the only ones an entry makes.

    The lazily imported module's classes are among them once it is imported, or with `lazy`.
    """
    import importlib

    modules = list(_MODULES)
    if lazy or _LAZY_MODULE in sys.modules:
        modules.append(importlib.import_module(_LAZY_MODULE))
    found: dict[str, tuple[type[BaseModel], tuple[str, ...]]] = {}
    for module in modules:
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, BaseModel)
                and value.__module__ == module.__name__
            ):
                found[value.__name__] = (value, tuple(value.__pydantic_fields__))
    return found


def _notes(model: BaseModel) -> dict[str, str]:
    fields = type(model).__pydantic_fields__
    return {k: v for k, v in model.__dict__.items() if k not in fields and type(v) is str}


def _encode(value: Any, classes: dict[str, tuple[type[BaseModel], tuple[str, ...]]]) -> Any:
    kind = type(value)
    if kind is str or kind is int or kind is float or kind is bool or value is None:
        return value
    if kind is list:
        return ["L", *(_encode(v, classes) for v in value)]
    if kind is dt.date:
        return ["d", value.isoformat()]
    if kind is dt.datetime:
        return ["t", value.isoformat()]
    if kind is dict and all(type(k) is str for k in value):
        return ["D", {k: _encode(v, classes) for k, v in value.items()}]
    known = classes.get(kind.__name__)
    if known is not None and known[0] is kind:
        state = value.__getstate__()
        if state["__pydantic_extra__"] or state["__pydantic_private__"]:
            raise TypeError(f"{kind.__name__} holds more than its fields")
        fields, given = state["__dict__"], state["__pydantic_fields_set__"]
        names = known[1]
        mask = sum(1 << n for n, name in enumerate(names) if name in given)
        node = ["M", kind.__name__, [_encode(fields[name], classes) for name in names], mask]
        return [*node, notes] if (notes := _notes(value)) else node
    raise TypeError(f"no cache form for {kind.__name__}")


_set = object.__setattr__
_FIELDS_SET: dict[tuple[tuple[str, ...], int], frozenset[str]] = {}


def _decode(value: Any, classes: dict[str, tuple[type[BaseModel], tuple[str, ...]]]) -> Any:
    tag = value[0]
    if tag == "M":
        if value[1] not in classes:
            classes.update(_classes(lazy=True))
        cls, names = classes[value[1]]
        values, mask = value[2], value[3]
        if len(values) != len(names) or type(mask) is not int:
            raise ValueError(value[1])
        state = dict(zip(names, values, strict=True))
        for name, v in state.items():
            if type(v) is list:
                state[name] = _decode(v, classes)
        if len(value) > 4:  # notes beside the fields
            state |= {k: v for k, v in value[4].items() if type(v) is str and k not in names}
        # What pydantic's pickling protocol (`BaseModel.__setstate__`) sets, and nothing more.
        model = cls.__new__(cls)
        _set(model, "__dict__", state)
        given = _FIELDS_SET.get((names, mask))
        if given is None:
            given = _FIELDS_SET[names, mask] = frozenset(
                n for i, n in enumerate(names) if mask >> i & 1
            )
        _set(model, "__pydantic_fields_set__", set(given))
        _set(model, "__pydantic_extra__", None)
        _set(model, "__pydantic_private__", None)
        return model
    if tag == "L":
        return [v if type(v) is not list else _decode(v, classes) for v in value[1:]]
    if tag == "D":
        return {k: v if type(v) is not list else _decode(v, classes) for k, v in value[1].items()}
    if tag == "d":
        return dt.date.fromisoformat(value[1])
    if tag == "t":
        return dt.datetime.fromisoformat(value[1])
    raise ValueError(f"unknown tag {tag!r}")
