"""pydantic's objections to a file, in Swedish, each placed at its field and line.

The models say what is wrong with the data (`ValidationError`); these say it as a person
editing the TOML file needs it: which field, on which line, in Swedish.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from ojcli import messages
from ojcli.errors import MAX_PROBLEMS, Problem


def capped(problems: list[Problem]) -> list[Problem]:
    """The first MAX_PROBLEMS problems, and a line saying there are more."""
    if len(problems) <= MAX_PROBLEMS:
        return problems
    return [*problems[:MAX_PROBLEMS], messages.more_problems(MAX_PROBLEMS)]


_PYDANTIC_MESSAGES = {
    "missing": "saknas",
    "extra_forbidden": "är ett okänt fält – ta bort det eller rätta stavningen",
    "string_type": "ska vara text inom citattecken",
    "int_type": "ska vara ett heltal",
    "int_from_float": "ska vara ett heltal",
    "float_type": "ska vara ett tal",
    "bool_type": "ska vara true eller false",
    "list_type": "ska vara en lista [ … ]",
    "dict_type": "ska vara en tabell",
    "model_type": "ska vara en tabell",
    "date_type": "ska vara ett datum (ÅÅÅÅ-MM-DD, utan citattecken)",
    "date_from_datetime_inexact": "ska vara ett datum utan klockslag (ÅÅÅÅ-MM-DD)",
    "datetime_type": "ska vara en tidpunkt (ÅÅÅÅ-MM-DDTtt:mm:ss)",
    "string_pattern_mismatch": "har fel form",
    "string_too_short": "får inte vara tom",
    "too_short": "får inte vara tom",
    "string_too_long": "är för lång",
}


def _swedish(err: Any) -> str:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind == "value_error":
        return str(ctx.get("error", err["msg"]))
    if kind == "invalid_rule":
        return str(err["msg"])
    if kind == "literal_error":
        return f"ska vara en av {ctx.get('expected', '')}"
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        return f"okänd typ {ctx.get('tag', '')!s} – förväntade en av {ctx.get('expected_tags', '')}".replace(
            "  ", " "
        )
    if kind in ("greater_than_equal", "greater_than"):
        return f"ska vara minst {ctx.get('ge', ctx.get('gt'))}"
    if kind in ("less_than_equal", "less_than"):
        return f"får vara högst {ctx.get('le', ctx.get('lt'))}"
    if err["loc"] and err["loc"][-1] == "municipality_code":
        return 'ska vara en kommunkod med fyra siffror inom citattecken, t.ex. "0180"'
    if kind == "string_pattern_mismatch":
        return "har fel form: använd små bokstäver a–z, siffror och _ (eller - i indikator-id)"
    return _PYDANTIC_MESSAGES.get(kind, str(err["msg"]))


def _data_path(data: Any, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """The location as it exists in the file.

    pydantic also names union members ("single_choice", "list[str]") and rule tags, which are
    not keys in the file; leave those out.
    """
    node, path = data, list[Any]()
    for n, part in enumerate(loc):
        last = n == len(loc) - 1
        if isinstance(node, dict) and isinstance(part, str):
            if part in node:
                node = node[part]
                path.append(part)
            elif last:
                path.append(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            path.append(part)
    return tuple(path)


def _dotted(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def locate(text: str, data: Any, loc: tuple[Any, ...]) -> int | None:
    """Best-effort line number in `text` for a pydantic location in the parsed `data`.

    Follows the location through the data to the innermost table that has an `id`, then
    finds that id and the offending key below it; for plain tables finds `[table]` and key.
    """
    lines = text.splitlines()
    if len(loc) >= 2 and isinstance(loc[0], str) and isinstance(loc[1], str):
        # A table of tables written as [plan.ID]: its header, or a key below it.
        name = rf"[\"']?{re.escape(loc[1])}[\"']?"
        sub = _find(lines, rf"^\s*\[\s*{re.escape(loc[0])}\s*\.\s*{name}\s*\]", 0)
        if sub is not None:
            if len(loc) == 2 or not isinstance(loc[2], str):
                return sub + 1
            found = _find(lines, rf"^\s*[\"']?{re.escape(loc[2])}[\"']?\s*=", sub + 1)
            return None if found is None else found + 1
    node, last_id, table = data, None, None
    key: str | None = None
    for part in loc:
        if isinstance(node, dict) and isinstance(part, str) and part in node:
            if isinstance(node.get("id"), str):
                last_id = node["id"]
            if node is data:
                table = part
            key, node = part, node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node, key = node[part], None
        else:
            key = part if isinstance(part, str) else key
            break
    if isinstance(node, dict) and isinstance(node.get("id"), str):
        last_id, key = node["id"], None
    start = 0
    if last_id is not None:
        id_line = _find(lines, rf"^\s*id\s*=\s*[\"']{re.escape(last_id)}[\"']", 0)
        if id_line is None:
            return None
        start = id_line
        if key is None:
            return id_line + 1
    elif table is not None:
        header = _find(lines, rf"^\s*\[\s*{re.escape(table)}\s*\]", 0)
        if header is not None:
            start = header
        if key == table:
            return None if header is None else header + 1
    if key is None:
        return None
    found = _find(lines, rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=", start)
    return None if found is None else found + 1


def _find(lines: list[str], pattern: str, start: int) -> int | None:
    rx = re.compile(pattern)
    return next((i for i in range(start, len(lines)) if rx.search(lines[i])), None)


def validation_problems(exc: ValidationError, text: str, data: Any) -> list[Problem]:
    """One Swedish problem per pydantic error, with field path and line where found."""
    problems: list[Problem] = []
    seen: set[tuple[Any, ...]] = set()
    for err in exc.errors():
        if len(problems) > MAX_PROBLEMS:  # garbage: finding lines for all would take long
            break
        loc = _data_path(data, tuple(err["loc"]))
        message = _swedish(err)
        if not loc and "\n" in message:  # cross-reference errors: one problem per line
            problems += [Problem(m) for m in message.splitlines()]
            continue
        if loc in seen:  # a union reports once per member; one message per place is enough
            continue
        seen.add(loc)
        problems.append(Problem(message, line=locate(text, data, loc), field=_dotted(loc) or None))
    return problems
