"""Three-way merge of answers by key: this session's changes and the edits made on disk meanwhile."""

from __future__ import annotations

from typing import Any

MISSING: Any = object()
"""Stands for a key that one side does not have."""


def merge3(
    base: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any]
) -> tuple[dict[str, Any], list[str], list[tuple[str, Any, Any]]]:
    """Three-way merge by key: (merged, keys taken from theirs, conflicts as (key, theirs, ours)).

    A key changed on one side only takes that side; changed on both sides to different
    values, ours wins and the clash is reported (a missing side as `MISSING`). A value removed
    on one side stays removed.
    """
    merged: dict[str, Any] = {}
    taken: list[str] = []
    conflicts: list[tuple[str, Any, Any]] = []
    for key in dict.fromkeys([*ours, *theirs, *base]):
        b, o, t = base.get(key, MISSING), ours.get(key, MISSING), theirs.get(key, MISSING)
        if o == t:
            value = o
        elif o == b:
            value = t
            taken.append(key)
        elif t == b:
            value = o
        else:
            value = o
            conflicts.append((key, t, o))
        if value is not MISSING:
            merged[key] = value
    return merged, taken, conflicts
